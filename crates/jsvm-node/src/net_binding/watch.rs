//! `fs.watch`'s handles: watches of one inotify instance per host (the `inotify` crate), made
//! on first use, whose descriptor the loop's poll watches beside the sockets. As libuv's, the
//! handles watching one path share its watch descriptor, which is removed with the last of
//! them (inotify instances are few: 128 per user by default).
//!
//! Events are told as libuv tells them on Linux, so that programs see what they see under
//! Node: the watch takes libuv's mask; an event whose mask has only `IN_ATTRIB`/`IN_MODIFY` is
//! a `'change'`, any other bit (the entry's creation, removal or move, the watched path's own
//! removal or move, `IN_ISDIR`, `IN_IGNORED`) makes it a `'rename'`; the name is the entry's,
//! or for an event on the watched path itself the text after the last `/` of the path the
//! descriptor was made for (libuv's `uv__basename_r`). Recursion is JavaScript's
//! (js/internal/fs_watchers.js), as Node 20's is on Linux.

use std::collections::HashMap;
use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::ffi::OsStrExt;

use inotify::{Inotify, WatchDescriptor, WatchMask};

/// Bytes read from the descriptor per turn of the loop: a busy tree cannot starve the loop's
/// other phases (what is left is read at the next turn, which then does not wait).
const READ_BYTES: usize = 16 * 1024;

const IN_MODIFY: u32 = 0x0000_0002;
const IN_ATTRIB: u32 = 0x0000_0004;

/// One event for one handle: its id, whether it is a rename (else a change), the name.
pub(super) struct Change {
    pub(super) id: usize,
    pub(super) rename: bool,
    pub(super) name: Vec<u8>,
}

struct Wd {
    ids: Vec<usize>,
    /// The name told for an event on the watched path itself.
    base: Vec<u8>,
}

#[derive(Default)]
pub(super) struct Watches {
    inotify: Option<Inotify>,
    wds: HashMap<WatchDescriptor, Wd>,
    /// The descriptor may have more to read (it is edge-triggered).
    pub(super) ready: bool,
}

/// libuv's mask for a watch.
fn mask() -> WatchMask {
    WatchMask::ATTRIB
        | WatchMask::CREATE
        | WatchMask::MODIFY
        | WatchMask::DELETE
        | WatchMask::DELETE_SELF
        | WatchMask::MOVE_SELF
        | WatchMask::MOVED_FROM
        | WatchMask::MOVED_TO
}

/// The text after the path's last `/` (all of it when there is none).
fn basename(path: &str) -> Vec<u8> {
    match path.rfind('/') {
        Some(i) => path.as_bytes()[i + 1..].to_vec(),
        None => path.as_bytes().to_vec(),
    }
}

impl Watches {
    /// The inotify descriptor, made on first use: `Some(fd)` when it was just made (for the
    /// caller to register with the poll).
    pub(super) fn init(&mut self) -> io::Result<Option<RawFd>> {
        if self.inotify.is_some() {
            return Ok(None);
        }
        let inotify = Inotify::init()?;
        let fd = inotify.as_raw_fd();
        self.inotify = Some(inotify);
        Ok(Some(fd))
    }

    /// Drops the inotify instance (its watches with it): the next `init` makes another.
    pub(super) fn close(&mut self) {
        self.inotify = None;
        self.wds.clear();
        self.ready = false;
    }

    /// Removes the kernel's watch `wd` when no handle is filed under it (one `add` made for a
    /// handle that could not be made).
    pub(super) fn forget_unused(&mut self, wd: &WatchDescriptor) {
        if self.wds.contains_key(wd) {
            return;
        }
        if let Some(inotify) = self.inotify.as_mut() {
            let _ = inotify.watches().remove(wd.clone());
        }
    }

    /// Watches `path` (after `init`); the error is inotify's (ENOENT, ENOSPC, EACCES, ...).
    pub(super) fn add(&mut self, path: &str) -> io::Result<WatchDescriptor> {
        let Some(inotify) = self.inotify.as_mut() else {
            return Err(io::Error::from_raw_os_error(libc::EBADF));
        };
        inotify.watches().add(path, mask())
    }

    /// Files handle `id` under `wd`, made by `add(path)`.
    pub(super) fn attach(&mut self, wd: WatchDescriptor, id: usize, path: &str) {
        self.wds
            .entry(wd)
            .or_insert_with(|| Wd {
                ids: Vec::new(),
                base: basename(path),
            })
            .ids
            .push(id);
    }

    /// Handle `id` stops watching; the descriptor goes with its last handle.
    pub(super) fn detach(&mut self, wd: &WatchDescriptor, id: usize) {
        let Some(w) = self.wds.get_mut(wd) else {
            return;
        };
        w.ids.retain(|&i| i != id);
        if w.ids.is_empty() {
            self.wds.remove(wd);
            if let Some(inotify) = self.inotify.as_mut() {
                // Fails (EINVAL) for a descriptor the kernel already dropped: nothing to do.
                let _ = inotify.watches().remove(wd.clone());
            }
        }
    }

    /// Reads what is queued, up to `READ_BYTES`, into `out` (an error of the read is told to
    /// every handle as `Err`).
    pub(super) fn read(
        &mut self,
        buf: &mut Vec<u8>,
        out: &mut Vec<Change>,
    ) -> Result<(), (i32, Vec<usize>)> {
        self.ready = false;
        let Some(inotify) = self.inotify.as_mut() else {
            return Ok(());
        };
        buf.resize(READ_BYTES, 0);
        let events = match inotify.read_events(buf) {
            Ok(ev) => ev,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                self.ready = true;
                return Ok(());
            }
            Err(e) => {
                let ids = self
                    .wds
                    .values()
                    .flat_map(|w| w.ids.iter().copied())
                    .collect();
                return Err((-(e.raw_os_error().unwrap_or(libc::EIO)), ids));
            }
        };
        self.ready = true;
        for ev in events {
            // An overflow (descriptor -1), or an event of a descriptor no handle has any more:
            // libuv finds no watcher for it and drops it.
            let Some(w) = self.wds.get(&ev.wd) else {
                continue;
            };
            let rename = ev.mask.bits() & !(IN_ATTRIB | IN_MODIFY) != 0;
            let name = match ev.name {
                Some(n) if !n.is_empty() => n.as_bytes().to_vec(),
                _ => w.base.clone(),
            };
            for &id in &w.ids {
                out.push(Change {
                    id,
                    rename,
                    name: name.clone(),
                });
            }
        }
        Ok(())
    }
}
