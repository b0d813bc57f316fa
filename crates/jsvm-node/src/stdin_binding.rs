//! Reading standard input (or a terminal descriptor) as a stream: a thread copies the
//! descriptor into one end of a socket pair whose other end becomes a socket handle of the
//! loop (`js/net.js`, through `openFd`). So it reads the same way whatever it is (pipe, file,
//! terminal, socket, /dev/null: regular files cannot be polled), and the descriptor is never
//! made non-blocking (its open file description is shared with the parent shell and with
//! children that inherit it).

use std::collections::HashMap;
use std::io::{Read, Write};
use std::mem::ManuallyDrop;
use std::os::fd::{FromRawFd, IntoRawFd};
use std::os::unix::net::UnixStream;
use std::sync::Mutex;

use jsvm::engine::rquickjs::{Ctx, Object, Result};

use crate::set_fn::set_fn;

/// Pipes made by `fdPipe` and not started yet: the loop's descriptor -> (the copying thread's
/// end, the descriptor to read).
static PENDING: Mutex<Option<HashMap<i32, (UnixStream, i32)>>> = Mutex::new(None);

fn copy_fd(from: i32, mut to: UnixStream) {
    // The descriptor stays open: it belongs to the process, not to this thread.
    let mut source = ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(from) });
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match source.read(&mut buf) {
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
    // fdPipe(fd) -> the descriptor of the loop's end (for openFd), or -errno.
    set_fn(ctx, binding, "fdPipe", |fd: i32| -> i32 {
        if fd < 0 {
            return -libc::EBADF;
        }
        match UnixStream::pair() {
            Ok((ours, theirs)) => {
                let ours = ours.into_raw_fd();
                let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
                pending
                    .get_or_insert_with(HashMap::new)
                    .insert(ours, (theirs, fd));
                ours
            }
            Err(e) => -e.raw_os_error().unwrap_or(libc::EIO),
        }
    })?;
    // fdPipeStart(ours): starts copying (on the first read, so that a program that never
    // reads standard input leaves it to its children).
    set_fn(ctx, binding, "fdPipeStart", |ours: i32| {
        let entry = PENDING
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_mut()
            .and_then(|p| p.remove(&ours));
        if let Some((writer, fd)) = entry {
            let _ = std::thread::Builder::new()
                .name("jsvm-fd-reader".into())
                .spawn(move || copy_fd(fd, writer));
        }
    })?;
    Ok(())
}
