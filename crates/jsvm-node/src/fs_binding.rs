//! File system natives for `fs` (the synchronous subset) and the module loader.

use jsvm::engine::rquickjs::function::Opt;
use jsvm::engine::rquickjs::{Array, Ctx, Exception, Object, Result, TypedArray, Value};

use crate::set_fn::set_fn;

/// libuv's code and description of an OS error, as Node prints them.
pub(crate) fn uv_name(e: &std::io::Error) -> (&'static str, &'static str, i32) {
    let errno = e.raw_os_error().unwrap_or(0);
    let (code, desc) = crate::uv_errors::uv_error(-errno).unwrap_or(("UNKNOWN", "unknown error"));
    (code, desc, -errno)
}

/// Throws Node's error for a failed file system call:
/// `ENOENT: no such file or directory, open '/x'` with errno, code, syscall and path.
pub(crate) fn throw_io<'js>(
    ctx: &Ctx<'js>,
    e: &std::io::Error,
    syscall: &str,
    path: &str,
    dest: Option<&str>,
) -> jsvm::engine::rquickjs::Error {
    let (code, desc, errno) = uv_name(e);
    let mut message = format!("{code}: {desc}, {syscall} '{path}'");
    if let Some(d) = dest {
        message.push_str(&format!(" -> '{d}'"));
    }
    let make = || -> Result<Value<'js>> {
        let err = Exception::from_message(ctx.clone(), &message)?;
        err.set("errno", errno)?;
        err.set("code", code)?;
        err.set("syscall", syscall)?;
        err.set("path", path)?;
        if let Some(d) = dest {
            err.set("dest", d)?;
        }
        Ok(err.into_value())
    };
    match make() {
        Ok(v) => ctx.throw(v),
        Err(e) => e,
    }
}

/// What `stat` gives `js/fs.js`: [kind (0 file, 1 dir, 2 other, 3 symlink, 4 FIFO, 5 socket,
/// 6 character device, 7 block device), size, mtimeMs, mode, atimeMs, ctimeMs, birthtimeMs,
/// ino, nlink, uid, gid, dev].
pub(crate) fn stat_array<'js>(ctx: &Ctx<'js>, md: &std::fs::Metadata) -> Result<Value<'js>> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let ft = md.file_type();
    let kind = if ft.is_symlink() {
        3
    } else if ft.is_file() {
        0
    } else if ft.is_dir() {
        1
    } else if ft.is_fifo() {
        4
    } else if ft.is_socket() {
        5
    } else if ft.is_char_device() {
        6
    } else if ft.is_block_device() {
        7
    } else {
        2
    };
    let ms = |s: i64, ns: i64| s as f64 * 1000.0 + ns as f64 / 1e6;
    let arr = Array::new(ctx.clone())?;
    arr.set(0, kind)?;
    arr.set(1, md.len() as f64)?;
    arr.set(2, ms(md.mtime(), md.mtime_nsec()))?;
    arr.set(3, md.mode() as f64)?;
    arr.set(4, ms(md.atime(), md.atime_nsec()))?;
    arr.set(5, ms(md.ctime(), md.ctime_nsec()))?;
    arr.set(6, ms(md.ctime(), md.ctime_nsec()))?;
    arr.set(7, md.ino() as f64)?;
    arr.set(8, md.nlink() as f64)?;
    arr.set(9, md.uid() as f64)?;
    arr.set(10, md.gid() as f64)?;
    arr.set(11, md.dev() as f64)?;
    Ok(arr.into_value())
}

pub(crate) fn bytes_arg(v: &Value<'_>) -> Option<Vec<u8>> {
    if let Some(s) = v.as_string() {
        return s.to_string().ok().map(String::into_bytes);
    }
    if let Ok(a) = TypedArray::<u8>::from_value(v.clone()) {
        return unsafe { a.as_bytes() }.map(|b| b.to_vec());
    }
    if let Some(obj) = v.as_object() {
        // Any other view (DataView, Int16Array...): read its bytes through its buffer.
        let buf: Option<jsvm::engine::rquickjs::ArrayBuffer> = obj.get("buffer").ok();
        let off: usize = obj.get("byteOffset").unwrap_or(0);
        let len: usize = obj.get("byteLength").unwrap_or(0);
        if let Some(bytes) = buf.as_ref().and_then(|b| unsafe { b.as_bytes() }) {
            return bytes.get(off..off + len).map(|b| b.to_vec());
        }
        if let Some(ab) = jsvm::engine::rquickjs::ArrayBuffer::from_value(v.clone()) {
            return unsafe { ab.as_bytes() }.map(|b| b.to_vec());
        }
    }
    None
}

pub(crate) fn install<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    // readFile(path, asText): a string (UTF-8, lossy) or a Uint8Array.
    set_fn(
        ctx,
        binding,
        "readFile",
        |ctx: Ctx<'js>, path: String, text: Opt<bool>| -> Result<Value<'js>> {
            let bytes = std::fs::read(&path).map_err(|e| {
                let e = if std::path::Path::new(&path).is_dir() {
                    std::io::Error::from_raw_os_error(libc::EISDIR)
                } else {
                    e
                };
                let syscall = if e.raw_os_error() == Some(libc::EISDIR) {
                    "read"
                } else {
                    "open"
                };
                if syscall == "read" {
                    let (code, desc, errno) = uv_name(&e);
                    let msg = format!("{code}: {desc}, read");
                    let err = match Exception::from_message(ctx.clone(), &msg) {
                        Ok(err) => err,
                        Err(e) => return e,
                    };
                    let _ = err.set("errno", errno);
                    let _ = err.set("code", code);
                    let _ = err.set("syscall", "read");
                    return ctx.throw(err.into_value());
                }
                throw_io(&ctx, &e, syscall, &path, None)
            })?;
            if text.0.unwrap_or(false) {
                let s = String::from_utf8_lossy(&bytes);
                let s = s.strip_prefix('\u{feff}').unwrap_or(&s);
                return jsvm::engine::rquickjs::String::from_str(ctx, s).map(|s| s.into_value());
            }
            TypedArray::<u8>::new(ctx, bytes).map(|a| a.into_value())
        },
    )?;
    set_fn(
        ctx,
        binding,
        "writeFile",
        |ctx: Ctx<'js>, path: String, data: Value<'js>, append: Opt<bool>| -> Result<()> {
            let Some(bytes) = bytes_arg(&data) else {
                return Err(jsvm::engine::throw_error(
                    &ctx,
                    &jsvm::Error::InvalidArgument(
                        "The \"data\" argument must be of type string or an instance of Buffer, TypedArray, or DataView.".into(),
                    ),
                ));
            };
            let r = if append.0.unwrap_or(false) {
                use std::io::Write;
                std::fs::OpenOptions::new()
                    .append(true)
                    .create(true)
                    .open(&path)
                    .and_then(|mut f| f.write_all(&bytes))
            } else {
                std::fs::write(&path, &bytes)
            };
            r.map_err(|e| throw_io(&ctx, &e, "open", &path, None))
        },
    )?;
    // stat(path, follow): undefined if missing, else [kind (0 file, 1 dir, 2 other, 3 symlink),
    // size, mtimeMs, mode, atimeMs, ctimeMs, birthtimeMs, ino, nlink, uid, gid, dev].
    set_fn(
        ctx,
        binding,
        "stat",
        |ctx: Ctx<'js>, path: String, nofollow: Opt<bool>| -> Result<Value<'js>> {
            let md = if nofollow.0.unwrap_or(false) {
                std::fs::symlink_metadata(&path)
            } else {
                std::fs::metadata(&path)
            };
            let Ok(md) = md else {
                return Ok(Value::new_undefined(ctx));
            };
            stat_array(&ctx, &md)
        },
    )?;
    set_fn(
        ctx,
        binding,
        "readdir",
        |ctx: Ctx<'js>, path: String| -> Result<Vec<String>> {
            let rd =
                std::fs::read_dir(&path).map_err(|e| throw_io(&ctx, &e, "scandir", &path, None))?;
            let mut names: Vec<String> = rd
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            Ok(names)
        },
    )?;
    set_fn(
        ctx,
        binding,
        "mkdir",
        |ctx: Ctx<'js>, path: String, recursive: Opt<bool>| -> Result<()> {
            let r = if recursive.0.unwrap_or(false) {
                std::fs::create_dir_all(&path)
            } else {
                std::fs::create_dir(&path)
            };
            r.map_err(|e| throw_io(&ctx, &e, "mkdir", &path, None))
        },
    )?;
    set_fn(
        ctx,
        binding,
        "unlink",
        |ctx: Ctx<'js>, path: String| -> Result<()> {
            std::fs::remove_file(&path).map_err(|e| throw_io(&ctx, &e, "unlink", &path, None))
        },
    )?;
    set_fn(
        ctx,
        binding,
        "rm",
        |ctx: Ctx<'js>, path: String, recursive: Opt<bool>, syscall: Opt<String>| -> Result<()> {
            let p = std::path::Path::new(&path);
            let r = if p.is_dir() {
                if recursive.0.unwrap_or(false) {
                    std::fs::remove_dir_all(p)
                } else {
                    std::fs::remove_dir(p)
                }
            } else {
                std::fs::remove_file(p)
            };
            let syscall = syscall.0.unwrap_or_else(|| "rm".into());
            r.map_err(|e| throw_io(&ctx, &e, &syscall, &path, None))
        },
    )?;
    set_fn(
        ctx,
        binding,
        "rename",
        |ctx: Ctx<'js>, from: String, to: String| -> Result<()> {
            std::fs::rename(&from, &to).map_err(|e| throw_io(&ctx, &e, "rename", &from, Some(&to)))
        },
    )?;
    set_fn(
        ctx,
        binding,
        "realpath",
        |ctx: Ctx<'js>, path: String| -> Result<String> {
            std::fs::canonicalize(&path)
                .map(|p| p.to_string_lossy().into_owned())
                .map_err(|e| throw_io(&ctx, &e, "realpath", &path, None))
        },
    )?;
    set_fn(
        ctx,
        binding,
        "mkdtemp",
        |ctx: Ctx<'js>, prefix: String| -> Result<String> {
            let template = std::ffi::CString::new(format!("{prefix}XXXXXX")).map_err(|_| {
                throw_io(
                    &ctx,
                    &std::io::Error::from_raw_os_error(libc::EINVAL),
                    "mkdtemp",
                    &prefix,
                    None,
                )
            })?;
            let raw = template.into_raw();
            let ok = !unsafe { libc::mkdtemp(raw) }.is_null();
            let err = std::io::Error::last_os_error();
            let made = unsafe { std::ffi::CString::from_raw(raw) };
            if ok {
                Ok(made.to_string_lossy().into_owned())
            } else {
                // Node names the template it was given.
                Err(throw_io(
                    &ctx,
                    &err,
                    "mkdtemp",
                    &format!("{prefix}XXXXXX"),
                    None,
                ))
            }
        },
    )?;
    set_fn(
        ctx,
        binding,
        "copyFile",
        |ctx: Ctx<'js>, src: String, dest: String| -> Result<()> {
            std::fs::copy(&src, &dest)
                .map(|_| ())
                .map_err(|e| throw_io(&ctx, &e, "copyfile", &src, Some(&dest)))
        },
    )?;
    set_fn(
        ctx,
        binding,
        "symlink",
        |ctx: Ctx<'js>, target: String, path: String| -> Result<()> {
            std::os::unix::fs::symlink(&target, &path)
                .map_err(|e| throw_io(&ctx, &e, "symlink", &target, Some(&path)))
        },
    )?;
    set_fn(
        ctx,
        binding,
        "link",
        |ctx: Ctx<'js>, existing: String, path: String| -> Result<()> {
            std::fs::hard_link(&existing, &path)
                .map_err(|e| throw_io(&ctx, &e, "link", &existing, Some(&path)))
        },
    )?;
    set_fn(
        ctx,
        binding,
        "readlink",
        |ctx: Ctx<'js>, path: String| -> Result<String> {
            std::fs::read_link(&path)
                .map(|p| p.to_string_lossy().into_owned())
                .map_err(|e| throw_io(&ctx, &e, "readlink", &path, None))
        },
    )?;
    set_fn(
        ctx,
        binding,
        "chmod",
        |ctx: Ctx<'js>, path: String, mode: u32| -> Result<()> {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
                .map_err(|e| throw_io(&ctx, &e, "chmod", &path, None))
        },
    )?;
    // utimes(path, atime, mtime, nofollow): times in seconds (fractions kept to the
    // nanosecond), set with utimensat(2); `nofollow` for lutimes.
    set_fn(
        ctx,
        binding,
        "utimes",
        |ctx: Ctx<'js>, path: String, atime: f64, mtime: f64, nofollow: Opt<bool>| -> Result<()> {
            let nofollow = nofollow.0.unwrap_or(false);
            let syscall = if nofollow { "lutime" } else { "utime" };
            let c = c_path(&ctx, &path, syscall)?;
            let times = [timespec_of(atime), timespec_of(mtime)];
            let flags = if nofollow {
                libc::AT_SYMLINK_NOFOLLOW
            } else {
                0
            };
            // SAFETY: a NUL-terminated path and two timespecs that outlive the call.
            if unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), times.as_ptr(), flags) } < 0 {
                return Err(last_os_error(&ctx, syscall, &path));
            }
            Ok(())
        },
    )?;
    // chown(path, uid, gid, nofollow): chown(2), lchown(2) for `nofollow`.
    set_fn(
        ctx,
        binding,
        "chown",
        |ctx: Ctx<'js>, path: String, uid: f64, gid: f64, nofollow: Opt<bool>| -> Result<()> {
            let nofollow = nofollow.0.unwrap_or(false);
            let syscall = if nofollow { "lchown" } else { "chown" };
            let c = c_path(&ctx, &path, syscall)?;
            // -1 (as the unsigned id) leaves the id unchanged, as Node passes it.
            let (uid, gid) = (uid as i64 as libc::uid_t, gid as i64 as libc::gid_t);
            // SAFETY: a NUL-terminated path that outlives the call.
            let r = unsafe {
                if nofollow {
                    libc::lchown(c.as_ptr(), uid, gid)
                } else {
                    libc::chown(c.as_ptr(), uid, gid)
                }
            };
            if r < 0 {
                return Err(last_os_error(&ctx, syscall, &path));
            }
            Ok(())
        },
    )?;
    // statfs(path): [type, bsize, blocks, bfree, bavail, files, ffree].
    set_fn(
        ctx,
        binding,
        "statfs",
        |ctx: Ctx<'js>, path: String| -> Result<Vec<f64>> {
            let c = c_path(&ctx, &path, "statfs")?;
            // SAFETY: statfs fills the zeroed struct it is given.
            let mut st: libc::statfs = unsafe { std::mem::zeroed() };
            if unsafe { libc::statfs(c.as_ptr(), &mut st) } < 0 {
                return Err(last_os_error(&ctx, "statfs", &path));
            }
            Ok(vec![
                st.f_type as f64,
                st.f_bsize as f64,
                st.f_blocks as f64,
                st.f_bfree as f64,
                st.f_bavail as f64,
                st.f_files as f64,
                st.f_ffree as f64,
            ])
        },
    )?;
    // access(path, mode): the access(2) check with F_OK/R_OK/W_OK/X_OK bits.
    set_fn(
        ctx,
        binding,
        "access",
        |ctx: Ctx<'js>, path: String, mode: i32| -> Result<()> {
            let c = c_path(&ctx, &path, "access")?;
            if unsafe { libc::access(c.as_ptr(), mode) } == 0 {
                Ok(())
            } else {
                Err(last_os_error(&ctx, "access", &path))
            }
        },
    )?;
    Ok(())
}

/// Node's error for the system call on `path` that just failed (errno).
fn last_os_error<'js>(ctx: &Ctx<'js>, syscall: &str, path: &str) -> jsvm::engine::rquickjs::Error {
    throw_io(ctx, &std::io::Error::last_os_error(), syscall, path, None)
}

/// `path` for a system call; a path holding NUL is refused as ENOENT (Node refuses it before).
fn c_path<'js>(ctx: &Ctx<'js>, path: &str, syscall: &str) -> Result<std::ffi::CString> {
    std::ffi::CString::new(path).map_err(|_| {
        throw_io(
            ctx,
            &std::io::Error::from_raw_os_error(libc::ENOENT),
            syscall,
            path,
            None,
        )
    })
}

/// A time in seconds as utimensat's timespec (a time that is not finite: now, as libuv's
/// conversion gives the current time for NaN and infinities is not relied upon).
pub(crate) fn timespec_of(secs: f64) -> libc::timespec {
    if !secs.is_finite() {
        return libc::timespec {
            tv_sec: 0,
            tv_nsec: libc::UTIME_NOW,
        };
    }
    let whole = secs.floor();
    let nanos = ((secs - whole) * 1e9).round().clamp(0.0, 999_999_999.0);
    libc::timespec {
        tv_sec: whole as libc::time_t,
        tv_nsec: nanos as libc::c_long,
    }
}
