//! File descriptor natives for `fs` (`openSync`, `readSync`, `writeSync`, `closeSync`,
//! `fstatSync`, ..., and the streams `createReadStream`/`createWriteStream` built on them):
//! the operating system's calls, made at once, as Node's synchronous forms make them.

use jsvm::engine::rquickjs::function::Opt;
use jsvm::engine::rquickjs::{Ctx, Exception, Object, Result, TypedArray, Value};

use crate::fs_binding::{bytes_arg, stat_array, throw_io, uv_name};
use crate::set_fn::set_fn;

/// Node's error for a failed call on a descriptor: `EBADF: bad file descriptor, close`.
fn throw_fd<'js>(
    ctx: &Ctx<'js>,
    e: &std::io::Error,
    syscall: &str,
) -> jsvm::engine::rquickjs::Error {
    let (code, desc, errno) = uv_name(e);
    let make = || -> Result<Value<'js>> {
        let err = Exception::from_message(ctx.clone(), &format!("{code}: {desc}, {syscall}"))?;
        err.set("errno", errno)?;
        err.set("code", code)?;
        err.set("syscall", syscall)?;
        Ok(err.into_value())
    };
    match make() {
        Ok(v) => ctx.throw(v),
        Err(e) => e,
    }
}

/// A position argument: `None` for "the current position" (negative or absent).
fn position(p: Opt<f64>) -> Option<libc::off_t> {
    p.0.filter(|p| *p >= 0.0).map(|p| p as libc::off_t)
}

/// Retries a call interrupted by a signal, as libuv does.
fn retry(mut f: impl FnMut() -> isize) -> std::io::Result<usize> {
    loop {
        let n = f();
        if n >= 0 {
            return Ok(n as usize);
        }
        let e = std::io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::EINTR) {
            return Err(e);
        }
    }
}

pub(crate) fn install<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    // open(path, flags, mode) -> fd (flags: the O_* bits `js/fs.js` made of Node's strings).
    set_fn(
        ctx,
        binding,
        "fdOpen",
        |ctx: Ctx<'js>, path: String, flags: i32, mode: u32| -> Result<i32> {
            let c = std::ffi::CString::new(path.clone()).map_err(|_| {
                throw_io(
                    &ctx,
                    &std::io::Error::from_raw_os_error(libc::EINVAL),
                    "open",
                    &path,
                    None,
                )
            })?;
            loop {
                // SAFETY: a valid NUL-terminated path; the descriptor returned is the caller's.
                let fd = unsafe { libc::open(c.as_ptr(), flags | libc::O_CLOEXEC, mode) };
                if fd >= 0 {
                    return Ok(fd);
                }
                let e = std::io::Error::last_os_error();
                if e.raw_os_error() != Some(libc::EINTR) {
                    return Err(throw_io(&ctx, &e, "open", &path, None));
                }
            }
        },
    )?;
    set_fn(
        ctx,
        binding,
        "fdClose",
        |ctx: Ctx<'js>, fd: i32| -> Result<()> {
            // SAFETY: closing a number is safe in itself; which descriptor it is is the
            // program's business, as in Node.
            if unsafe { libc::close(fd) } < 0 {
                return Err(throw_fd(&ctx, &std::io::Error::last_os_error(), "close"));
            }
            Ok(())
        },
    )?;
    // read(fd, length, position) -> the bytes read (fewer at the end of the file; none at it).
    set_fn(
        ctx,
        binding,
        "fdRead",
        |ctx: Ctx<'js>, fd: i32, length: f64, pos: Opt<f64>| -> Result<Value<'js>> {
            // Bounded: one read never asks for more than 64 MiB.
            let len = length.clamp(0.0, (64 << 20) as f64) as usize;
            let mut buf = vec![0u8; len];
            let pos = position(pos);
            let n = retry(|| unsafe {
                // SAFETY: `buf` has `len` writable bytes.
                match pos {
                    Some(p) => libc::pread(fd, buf.as_mut_ptr().cast(), len, p),
                    None => libc::read(fd, buf.as_mut_ptr().cast(), len),
                }
            })
            .map_err(|e| throw_fd(&ctx, &e, "read"))?;
            buf.truncate(n);
            TypedArray::<u8>::new(ctx, buf).map(|a| a.into_value())
        },
    )?;
    // write(fd, data, position) -> bytes written.
    set_fn(
        ctx,
        binding,
        "fdWrite",
        |ctx: Ctx<'js>, fd: i32, data: Value<'js>, pos: Opt<f64>| -> Result<f64> {
            let Some(bytes) = bytes_arg(&data) else {
                return Err(jsvm::engine::throw_error(
                    &ctx,
                    &jsvm::Error::InvalidArgument("fdWrite: data must be bytes or a string".into()),
                ));
            };
            let pos = position(pos);
            let n = retry(|| unsafe {
                // SAFETY: `bytes` is readable for its length.
                match pos {
                    Some(p) => libc::pwrite(fd, bytes.as_ptr().cast(), bytes.len(), p),
                    None => libc::write(fd, bytes.as_ptr().cast(), bytes.len()),
                }
            })
            .map_err(|e| throw_fd(&ctx, &e, "write"))?;
            Ok(n as f64)
        },
    )?;
    set_fn(
        ctx,
        binding,
        "fdStat",
        |ctx: Ctx<'js>, fd: i32| -> Result<Value<'js>> {
            use std::os::fd::FromRawFd;
            // SAFETY: borrowed for the call only (never dropped, so never closed here).
            let file = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(fd) });
            let md = file.metadata().map_err(|e| throw_fd(&ctx, &e, "fstat"))?;
            stat_array(&ctx, &md)
        },
    )?;
    set_fn(
        ctx,
        binding,
        "fdTruncate",
        |ctx: Ctx<'js>, fd: i32, len: f64| -> Result<()> {
            // SAFETY: a plain system call on a number.
            if unsafe { libc::ftruncate(fd, len.max(0.0) as libc::off_t) } < 0 {
                return Err(throw_fd(
                    &ctx,
                    &std::io::Error::last_os_error(),
                    "ftruncate",
                ));
            }
            Ok(())
        },
    )?;
    set_fn(
        ctx,
        binding,
        "fdUtimes",
        |ctx: Ctx<'js>, fd: i32, atime: f64, mtime: f64| -> Result<()> {
            let times = [
                crate::fs_binding::timespec_of(atime),
                crate::fs_binding::timespec_of(mtime),
            ];
            // SAFETY: a system call on a number with two timespecs that outlive it.
            if unsafe { libc::futimens(fd, times.as_ptr()) } < 0 {
                return Err(throw_fd(&ctx, &std::io::Error::last_os_error(), "futime"));
            }
            Ok(())
        },
    )?;
    set_fn(
        ctx,
        binding,
        "fdChown",
        |ctx: Ctx<'js>, fd: i32, uid: f64, gid: f64| -> Result<()> {
            let (uid, gid) = (uid as i64 as libc::uid_t, gid as i64 as libc::gid_t);
            // SAFETY: a plain system call on numbers.
            if unsafe { libc::fchown(fd, uid, gid) } < 0 {
                return Err(throw_fd(&ctx, &std::io::Error::last_os_error(), "fchown"));
            }
            Ok(())
        },
    )?;
    set_fn(
        ctx,
        binding,
        "fdChmod",
        |ctx: Ctx<'js>, fd: i32, mode: u32| -> Result<()> {
            // SAFETY: a plain system call on numbers.
            if unsafe { libc::fchmod(fd, mode as libc::mode_t) } < 0 {
                return Err(throw_fd(&ctx, &std::io::Error::last_os_error(), "fchmod"));
            }
            Ok(())
        },
    )?;
    set_fn(
        ctx,
        binding,
        "fdSync",
        |ctx: Ctx<'js>, fd: i32| -> Result<()> {
            // SAFETY: a plain system call on a number.
            if unsafe { libc::fsync(fd) } < 0 {
                return Err(throw_fd(&ctx, &std::io::Error::last_os_error(), "fsync"));
            }
            Ok(())
        },
    )?;
    Ok(())
}
