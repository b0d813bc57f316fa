//! `process.stdin` as a stream: a thread copies descriptor 0 into one end of a socket pair
//! whose other end becomes a socket handle of the loop (`js/net.js`, through `openFd`). So
//! standard input reads the same way whatever it is (pipe, file, terminal, socket, /dev/null:
//! regular files cannot be polled), and descriptor 0 is never made non-blocking (its open file
//! description is shared with the parent shell and with children that inherit it).

use std::io::{Read, Write};
use std::mem::ManuallyDrop;
use std::os::fd::{FromRawFd, IntoRawFd};
use std::os::unix::net::UnixStream;
use std::sync::Mutex;

use jsvm::rquickjs::{Ctx, Object, Result};

use crate::process_binding::set_fn;

/// The copying thread's end, from `stdinPipe` until `stdinStart` takes it.
static WRITER: Mutex<Option<UnixStream>> = Mutex::new(None);

fn copy_stdin(mut to: UnixStream) {
    // Descriptor 0 stays open: it belongs to the process, not to this thread.
    let mut stdin = ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(0) });
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match stdin.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                // Fails once the stream is closed (EPIPE): nothing more is wanted.
                if to.write_all(&buf[..n]).is_err() {
                    return;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    let _ = to.shutdown(std::net::Shutdown::Write);
}

pub(crate) fn install<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    // stdinPipe() -> the descriptor of the loop's end (for openFd), or -errno.
    set_fn(ctx, binding, "stdinPipe", || -> i32 {
        match UnixStream::pair() {
            Ok((ours, theirs)) => {
                *WRITER.lock().unwrap_or_else(|e| e.into_inner()) = Some(theirs);
                ours.into_raw_fd()
            }
            Err(e) => -e.raw_os_error().unwrap_or(libc::EIO),
        }
    })?;
    // stdinStart(): starts copying (on the first read, so that a program that never reads
    // standard input leaves it to its children).
    set_fn(ctx, binding, "stdinStart", || {
        let writer = WRITER.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(w) = writer {
            let _ = std::thread::Builder::new()
                .name("jsvm-stdin".into())
                .spawn(move || copy_stdin(w));
        }
    })?;
    Ok(())
}
