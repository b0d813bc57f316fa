//! libuv's error names and descriptions: what Node prints as an error's `code` and in its
//! message, and what `util.getSystemErrorMap()` lists. OS errors are keyed by their errno (so
//! the table holds on any Unix); libuv's own codes (end of file, getaddrinfo's) by libuv's number.

/// (positive errno or libuv number, code, description), in libuv's order.
const UV_ERRORS: &[(i32, &str, &str)] = &[
    (libc::EPERM, "EPERM", "operation not permitted"),
    (libc::ENOENT, "ENOENT", "no such file or directory"),
    (libc::ESRCH, "ESRCH", "no such process"),
    (libc::EINTR, "EINTR", "interrupted system call"),
    (libc::EIO, "EIO", "i/o error"),
    (libc::ENXIO, "ENXIO", "no such device or address"),
    (libc::E2BIG, "E2BIG", "argument list too long"),
    (libc::EBADF, "EBADF", "bad file descriptor"),
    (libc::EAGAIN, "EAGAIN", "resource temporarily unavailable"),
    (libc::ENOMEM, "ENOMEM", "not enough memory"),
    (libc::EACCES, "EACCES", "permission denied"),
    (
        libc::EFAULT,
        "EFAULT",
        "bad address in system call argument",
    ),
    (libc::EBUSY, "EBUSY", "resource busy or locked"),
    (libc::EEXIST, "EEXIST", "file already exists"),
    (libc::EXDEV, "EXDEV", "cross-device link not permitted"),
    (libc::ENODEV, "ENODEV", "no such device"),
    (libc::ENOTDIR, "ENOTDIR", "not a directory"),
    (libc::EISDIR, "EISDIR", "illegal operation on a directory"),
    (libc::EINVAL, "EINVAL", "invalid argument"),
    (libc::ENFILE, "ENFILE", "file table overflow"),
    (libc::EMFILE, "EMFILE", "too many open files"),
    (libc::ENOTTY, "ENOTTY", "inappropriate ioctl for device"),
    (libc::ETXTBSY, "ETXTBSY", "text file is busy"),
    (libc::EFBIG, "EFBIG", "file too large"),
    (libc::ENOSPC, "ENOSPC", "no space left on device"),
    (libc::ESPIPE, "ESPIPE", "invalid seek"),
    (libc::EROFS, "EROFS", "read-only file system"),
    (libc::EMLINK, "EMLINK", "too many links"),
    (libc::EPIPE, "EPIPE", "broken pipe"),
    (libc::ERANGE, "ERANGE", "result too large"),
    (libc::ENAMETOOLONG, "ENAMETOOLONG", "name too long"),
    (libc::ENOSYS, "ENOSYS", "function not implemented"),
    (libc::ENOTEMPTY, "ENOTEMPTY", "directory not empty"),
    (libc::ELOOP, "ELOOP", "too many symbolic links encountered"),
    (libc::EUNATCH, "EUNATCH", "protocol driver not attached"),
    (libc::ENODATA, "ENODATA", "no data available"),
    (libc::ENONET, "ENONET", "machine is not on the network"),
    (libc::EPROTO, "EPROTO", "protocol error"),
    (
        libc::EOVERFLOW,
        "EOVERFLOW",
        "value too large for defined data type",
    ),
    (libc::EILSEQ, "EILSEQ", "illegal byte sequence"),
    (libc::ENOTSOCK, "ENOTSOCK", "socket operation on non-socket"),
    (
        libc::EDESTADDRREQ,
        "EDESTADDRREQ",
        "destination address required",
    ),
    (libc::EMSGSIZE, "EMSGSIZE", "message too long"),
    (
        libc::EPROTOTYPE,
        "EPROTOTYPE",
        "protocol wrong type for socket",
    ),
    (libc::ENOPROTOOPT, "ENOPROTOOPT", "protocol not available"),
    (
        libc::EPROTONOSUPPORT,
        "EPROTONOSUPPORT",
        "protocol not supported",
    ),
    (
        libc::ESOCKTNOSUPPORT,
        "ESOCKTNOSUPPORT",
        "socket type not supported",
    ),
    (
        libc::ENOTSUP,
        "ENOTSUP",
        "operation not supported on socket",
    ),
    (
        libc::EAFNOSUPPORT,
        "EAFNOSUPPORT",
        "address family not supported",
    ),
    (libc::EADDRINUSE, "EADDRINUSE", "address already in use"),
    (
        libc::EADDRNOTAVAIL,
        "EADDRNOTAVAIL",
        "address not available",
    ),
    (libc::ENETDOWN, "ENETDOWN", "network is down"),
    (libc::ENETUNREACH, "ENETUNREACH", "network is unreachable"),
    (
        libc::ECONNABORTED,
        "ECONNABORTED",
        "software caused connection abort",
    ),
    (libc::ECONNRESET, "ECONNRESET", "connection reset by peer"),
    (libc::ENOBUFS, "ENOBUFS", "no buffer space available"),
    (libc::EISCONN, "EISCONN", "socket is already connected"),
    (libc::ENOTCONN, "ENOTCONN", "socket is not connected"),
    (
        libc::ESHUTDOWN,
        "ESHUTDOWN",
        "cannot send after transport endpoint shutdown",
    ),
    (libc::ETIMEDOUT, "ETIMEDOUT", "connection timed out"),
    (libc::ECONNREFUSED, "ECONNREFUSED", "connection refused"),
    (libc::EHOSTDOWN, "EHOSTDOWN", "host is down"),
    (libc::EHOSTUNREACH, "EHOSTUNREACH", "host is unreachable"),
    (libc::EALREADY, "EALREADY", "connection already in progress"),
    (libc::EREMOTEIO, "EREMOTEIO", "remote I/O error"),
    (libc::ECANCELED, "ECANCELED", "operation canceled"),
    (3000, "EAI_ADDRFAMILY", "address family not supported"),
    (3001, "EAI_AGAIN", "temporary failure"),
    (3002, "EAI_BADFLAGS", "bad ai_flags value"),
    (3003, "EAI_CANCELED", "request canceled"),
    (3004, "EAI_FAIL", "permanent failure"),
    (3005, "EAI_FAMILY", "ai_family not supported"),
    (3006, "EAI_MEMORY", "out of memory"),
    (3007, "EAI_NODATA", "no address"),
    (3008, "EAI_NONAME", "unknown node or service"),
    (3009, "EAI_OVERFLOW", "argument buffer overflow"),
    (3010, "EAI_SERVICE", "service not available for socket type"),
    (3011, "EAI_SOCKTYPE", "socket type not supported"),
    (3013, "EAI_BADHINTS", "invalid value for hints"),
    (3014, "EAI_PROTOCOL", "resolved protocol is unknown"),
    (4028, "EFTYPE", "inappropriate file type or format"),
    (4080, "ECHARSET", "invalid Unicode character"),
    (4094, "UNKNOWN", "unknown error"),
    (4095, "EOF", "end of file"),
];

/// libuv's code and description of a negative error number (`-ENOENT`, `-3008`).
pub(crate) fn uv_error(errno: i32) -> Option<(&'static str, &'static str)> {
    let key = errno.checked_neg()?;
    UV_ERRORS
        .iter()
        .find(|(n, _, _)| *n == key)
        .map(|&(_, code, desc)| (code, desc))
}

/// Every entry as (negative error number, code, description), for `util.getSystemErrorMap()`.
pub(crate) fn uv_errors() -> impl Iterator<Item = (i32, &'static str, &'static str)> {
    UV_ERRORS.iter().map(|&(n, code, desc)| (-n, code, desc))
}
