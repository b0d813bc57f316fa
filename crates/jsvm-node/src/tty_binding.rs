//! Terminal natives for `tty`: what a descriptor is, a terminal's size, raw mode, and writing
//! to a descriptor other than stdout and stderr.

use jsvm::engine::rquickjs::{Array, Ctx, Object, Result, Value};

use crate::set_fn::set_fn;

/// The size of terminal `fd` as (columns, rows), if it is one.
fn window_size(fd: i32) -> Option<(u16, u16)> {
    let mut ws = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let r = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) };
    (r == 0).then_some((ws.ws_col, ws.ws_row))
}

pub(crate) fn install<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    // ttyInfo(fd): undefined if libuv would not open fd as a tty stream (it is not open, or is
    // a file or a device other than a terminal: uv_tty_init accepts terminals, pipes and
    // sockets), else [isatty, columns, rows] (the size 0 when unknown).
    set_fn(
        ctx,
        binding,
        "ttyInfo",
        |ctx: Ctx<'js>, fd: i32| -> Result<Value<'js>> {
            let mut st: libc::stat = unsafe { std::mem::zeroed() };
            let streamlike = unsafe { libc::fstat(fd, &mut st) } == 0
                && (unsafe { libc::isatty(fd) } == 1
                    || matches!(st.st_mode & libc::S_IFMT, libc::S_IFIFO | libc::S_IFSOCK));
            if !streamlike {
                return Ok(Value::new_undefined(ctx));
            }
            let (cols, rows) = window_size(fd).unwrap_or((0, 0));
            let arr = Array::new(ctx)?;
            arr.set(0, unsafe { libc::isatty(fd) == 1 })?;
            arr.set(1, cols)?;
            arr.set(2, rows)?;
            Ok(arr.into_value())
        },
    )?;
    // setRawMode(fd, raw): termios raw mode on or back to the mode it had; false on failure.
    set_fn(ctx, binding, "setRawMode", |fd: i32, raw: bool| -> bool {
        set_raw_mode(fd, raw)
    })?;
    // writeFd(fd, data): writes all of `data` (a string or bytes); false on failure.
    set_fn(
        ctx,
        binding,
        "writeFd",
        |fd: i32, data: Value<'js>| -> bool {
            use std::io::Write;
            use std::os::fd::FromRawFd;
            let Some(bytes) = crate::fs_binding::bytes_arg(&data) else {
                return false;
            };
            // Borrowed, not owned: the descriptor stays open.
            let mut f = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(fd) });
            f.write_all(&bytes).is_ok()
        },
    )?;
    Ok(())
}

fn set_raw_mode(fd: i32, raw: bool) -> bool {
    use std::sync::Mutex;
    // The mode each descriptor had before raw mode, to restore it.
    static SAVED: Mutex<Vec<(i32, libc::termios)>> = Mutex::new(Vec::new());
    let mut saved = SAVED.lock().unwrap_or_else(|e| e.into_inner());
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(fd, &mut t) } != 0 {
        return false;
    }
    if raw {
        if !saved.iter().any(|(f, _)| *f == fd) {
            saved.push((fd, t));
        }
        // libuv's UV_TTY_MODE_RAW.
        t.c_iflag &= !(libc::BRKINT | libc::ICRNL | libc::INPCK | libc::ISTRIP | libc::IXON);
        t.c_oflag |= libc::ONLCR;
        t.c_cflag |= libc::CS8;
        t.c_lflag &= !(libc::ECHO | libc::ICANON | libc::IEXTEN | libc::ISIG);
        t.c_cc[libc::VMIN] = 1;
        t.c_cc[libc::VTIME] = 0;
    } else if let Some(i) = saved.iter().position(|(f, _)| *f == fd) {
        t = saved.remove(i).1;
    } else {
        return true;
    }
    unsafe { libc::tcsetattr(fd, libc::TCSADRAIN, &t) == 0 }
}
