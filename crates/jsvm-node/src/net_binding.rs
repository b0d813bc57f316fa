//! Sockets of the event loop: TCP listeners and streams for `net` and `http`, UDP sockets for
//! `dgram` (`udp.rs`).
//!
//! Sockets are non-blocking and watched by one `mio::Poll` (epoll), made when a program first
//! uses a socket, so a program without sockets starts and waits as before. The JavaScript loop
//! (bootstrap.js) calls `poll(ms)` in its poll phase instead of the plain wait: it waits for the
//! first of socket readiness, the next timer, or a signal (the SIGINT self-pipe is registered
//! too), then does the I/O that is ready (accept, connect completion, reads, queued writes) and
//! returns what happened as a flat array `[id, type, payload, ...]` that JavaScript dispatches
//! as I/O callbacks, each followed by nextTicks and promise jobs, as Node's are.
//!
//! Readiness is edge-triggered: a handle remembers that it is readable or writable until a read
//! or write would block. Each poll reads at most `READS_PER_POLL` chunks per socket, so one busy
//! socket cannot starve others or the loop's other phases; a socket with more to do keeps the
//! next poll from blocking.
//!
//! The same poll carries child processes (`child_process`, see `child_binding.rs`): the parent's
//! ends of their stdio pipes and IPC channels are Unix stream handles like sockets, and a
//! child is a handle whose pidfd becomes readable when it exits (an EV_EXIT event, once it is
//! reaped). So does `fs.watch` (`watch.rs`): a watcher is a handle on a watch of the host's
//! inotify instance, whose descriptor is in the poll; its events are EV_WATCH events.
//!
//! A stream can carry an HTTP parser (`setParser`): its reads then go through the parser
//! (`http_parser.rs`) and JavaScript receives message heads, body chunks and message ends
//! instead of raw data, as Node's http does with llhttp consuming the socket.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, ToSocketAddrs};
use std::rc::Rc;
use std::time::{Duration, Instant};

use jsvm::engine::rquickjs::function::Opt;
use jsvm::engine::rquickjs::{Array, Ctx, IntoJs, Object, Result, TypedArray, Value};
use mio::net::{TcpListener, TcpStream, UdpSocket, UnixListener, UnixStream};
use mio::unix::SourceFd;
use mio::{Events, Interest, Poll, Token};

use crate::child_binding;
use crate::http_parser::{ParseEvent, Parser};
use crate::set_fn::set_fn;
use crate::shared::Shared;

mod udp;
mod watch;

const WAKE: Token = Token(usize::MAX);
/// The host's inbox (events from other threads, see `worker_binding.rs`).
const INBOX: Token = Token(usize::MAX - 1);
/// The inotify instance of fs.watch's watches.
const WATCHES: Token = Token(usize::MAX - 2);
const READ_CHUNK: usize = 64 * 1024;
const READS_PER_POLL: usize = 4;
const ACCEPTS_PER_POLL: usize = 64;

// Event types (kept in step with js/net.js).
const EV_CONNECTION: i32 = 1;
const EV_CONNECT: i32 = 2;
const EV_DATA: i32 = 3;
const EV_EOF: i32 = 4;
const EV_READ_ERROR: i32 = 5;
const EV_WRITE_DONE: i32 = 6;
pub(crate) const EV_HEAD: i32 = 10;
pub(crate) const EV_BODY: i32 = 11;
pub(crate) const EV_COMPLETE: i32 = 12;
pub(crate) const EV_PARSE_ERROR: i32 = 13;
const EV_EXIT: i32 = 20;
const EV_MESSAGE: i32 = 30;
const EV_WATCH: i32 = 40;
const EV_WATCH_ERROR: i32 = 41;

/// libuv's error number for a failed name lookup (`getaddrinfo ENOTFOUND`).
const UV_EAI_NONAME: i32 = -3008;

/// `write` returns -(ASYNC_WRITE + bytes) for a write that completes later.
const ASYNC_WRITE: f64 = 10000.0;

enum Ev {
    Connection(usize, i64),
    Connect(usize, i32),
    Data(usize, Vec<u8>),
    Eof(usize),
    ReadError(usize, i32),
    WriteDone(usize, i32),
    Parsed(usize, ParseEvent),
    /// A child ended: its exit code, or the number of the signal that ended it.
    Exit(usize, Option<i32>, Option<i32>),
    /// A datagram and where it came from.
    Message(usize, Vec<u8>, SocketAddr),
    /// A watched path changed (`fs.watch`): a rename (else a change) and the entry's name.
    Watch(usize, bool, Vec<u8>),
    /// A watch's descriptor failed (a negative errno).
    WatchError(usize, i32),
}

enum Sock {
    Listener(TcpListener),
    Stream(TcpStream),
    /// A child's stdio pipe or IPC channel (a socket pair's end), or a Unix domain socket.
    Unix(UnixStream),
    /// A Unix domain socket listening at a path (`server.listen(path)`); the path is removed
    /// when it closes, as libuv does.
    UnixListener(UnixListener, std::path::PathBuf),
    Child(ChildProc),
    Udp(UdpSocket),
    /// An `fs.watch` watcher: its watch descriptor in the host's inotify instance.
    Watch(inotify::WatchDescriptor),
}

struct ChildProc {
    child: std::process::Child,
    /// None where the kernel has no pidfds: the poll then looks at the child now and then.
    pidfd: Option<std::os::fd::OwnedFd>,
    exited: bool,
}

/// What reads and writes go through (sockets and pipes alike).
trait Io: Read + Write {}
impl<T: Read + Write> Io for T {}

struct Chunk {
    data: Vec<u8>,
    off: usize,
    /// JavaScript waits for this write (it was not done synchronously).
    notify: bool,
}

struct Handle {
    sock: Sock,
    readable: bool,
    writable: bool,
    reading: bool,
    connecting: bool,
    eof: bool,
    queued: bool,
    queue: VecDeque<Chunk>,
    parser: Option<Parser>,
}

impl Handle {
    fn new(sock: Sock) -> Handle {
        Handle {
            sock,
            readable: false,
            writable: false,
            reading: false,
            connecting: false,
            eof: false,
            queued: false,
            queue: VecDeque::new(),
            parser: None,
        }
    }

    /// Whether this handle can make progress without waiting.
    fn has_work(&self) -> bool {
        match &self.sock {
            Sock::Listener(_) | Sock::UnixListener(..) => self.readable,
            Sock::Child(c) => self.readable && !c.exited,
            Sock::Udp(_) => self.readable && self.reading,
            Sock::Watch(_) => self.readable,
            Sock::Stream(_) | Sock::Unix(_) => {
                (self.connecting && (self.readable || self.writable))
                    || (!self.connecting
                        && ((self.writable && !self.queue.is_empty())
                            || (self.readable && self.reading && !self.eof)))
            }
        }
    }
}

fn errno_of(e: &io::Error) -> i32 {
    -(e.raw_os_error().unwrap_or(libc::EIO))
}

struct Net {
    /// The SIGINT self-pipe (the main thread's only) and the host's inbox, watched with the
    /// sockets.
    wake_fds: (Option<i32>, i32),
    poll: Option<Poll>,
    events: Events,
    handles: HashMap<usize, Handle>,
    next_id: usize,
    ready: Vec<usize>,
    read_buf: Vec<u8>,
    /// Running children without a pidfd, looked at every `POLL_CHILD_MS`.
    unwatched: Vec<usize>,
    /// fs.watch's watches.
    watches: watch::Watches,
}

impl Net {
    fn poll(&mut self) -> io::Result<&Poll> {
        if self.poll.is_none() {
            let poll = Poll::new()?;
            if let Some(fd) = self.wake_fds.0.filter(|&fd| fd >= 0) {
                poll.registry()
                    .register(&mut SourceFd(&fd), WAKE, Interest::READABLE)?;
            }
            poll.registry()
                .register(&mut SourceFd(&self.wake_fds.1), INBOX, Interest::READABLE)?;
            self.poll = Some(poll);
        }
        Ok(self.poll.as_ref().unwrap())
    }

    fn add(&mut self, mut sock: Sock) -> io::Result<usize> {
        let id = self.next_id;
        self.next_id += 1;
        let registry = self.poll()?.registry();
        match &mut sock {
            Sock::Listener(l) => registry.register(l, Token(id), Interest::READABLE)?,
            Sock::UnixListener(l, _) => registry.register(l, Token(id), Interest::READABLE)?,
            Sock::Stream(s) => {
                registry.register(s, Token(id), Interest::READABLE | Interest::WRITABLE)?
            }
            Sock::Unix(s) => {
                registry.register(s, Token(id), Interest::READABLE | Interest::WRITABLE)?
            }
            Sock::Udp(s) => registry.register(s, Token(id), Interest::READABLE)?,
            Sock::Watch(_) => {}
            Sock::Child(c) => {
                if let Some(fd) = &c.pidfd {
                    use std::os::fd::AsRawFd;
                    let raw = fd.as_raw_fd();
                    registry.register(&mut SourceFd(&raw), Token(id), Interest::READABLE)?
                }
            }
        }
        self.handles.insert(id, Handle::new(sock));
        Ok(id)
    }

    /// fs.watch: a handle watching `path`, in the host's inotify instance (made and put in
    /// the poll on first use).
    fn watch(&mut self, path: &str) -> io::Result<usize> {
        if let Some(fd) = self.watches.init()? {
            let registered = self.poll().and_then(|p| {
                p.registry()
                    .register(&mut SourceFd(&fd), WATCHES, Interest::READABLE)
            });
            if let Err(e) = registered {
                // Not in the poll: made again by the next watch, not kept deaf.
                self.watches.close();
                return Err(e);
            }
            // Whatever came before the registration is read at the next poll.
            self.watches.ready = true;
        }
        let wd = self.watches.add(path)?;
        match self.add(Sock::Watch(wd.clone())) {
            Ok(id) => {
                self.watches.attach(wd, id, path);
                Ok(id)
            }
            Err(e) => {
                // The kernel's watch goes unless a handle already holds it.
                self.watches.forget_unused(&wd);
                Err(e)
            }
        }
    }

    /// Reads the watches' events when their descriptor is ready.
    fn read_watches(&mut self, out: &mut Vec<Ev>) {
        if !self.watches.ready {
            return;
        }
        let mut changes = Vec::new();
        if let Err((errno, ids)) = self.watches.read(&mut self.read_buf, &mut changes) {
            out.extend(ids.into_iter().map(|id| Ev::WatchError(id, errno)));
        }
        out.extend(
            changes
                .into_iter()
                .map(|c| Ev::Watch(c.id, c.rename, c.name)),
        );
    }

    fn mark(&mut self, id: usize) {
        if let Some(h) = self.handles.get_mut(&id) {
            if !h.queued {
                h.queued = true;
                self.ready.push(id);
            }
        }
    }

    /// Does the I/O that is ready on the queued handles; the ones with more to do stay queued.
    fn run_ready(&mut self, out: &mut Vec<Ev>) {
        let ids = std::mem::take(&mut self.ready);
        for id in ids {
            let mut accepted = Vec::new();
            let mut accepted_unix = Vec::new();
            let Some(h) = self.handles.get_mut(&id) else {
                continue;
            };
            h.queued = false;
            match &mut h.sock {
                Sock::Listener(l) => {
                    accept_ready(id, &mut h.readable, || l.accept(), &mut accepted, out)
                }
                Sock::Stream(s) => {
                    if h.connecting {
                        if !(h.readable || h.writable) {
                            continue;
                        }
                        match s.take_error() {
                            Ok(Some(e)) | Err(e) => {
                                h.connecting = false;
                                out.push(Ev::Connect(id, errno_of(&e)));
                                continue;
                            }
                            Ok(None) => {}
                        }
                        match s.peer_addr() {
                            Ok(_) => {
                                h.connecting = false;
                                out.push(Ev::Connect(id, 0));
                            }
                            Err(e) if e.kind() == io::ErrorKind::NotConnected => {
                                h.readable = false;
                                h.writable = false;
                                continue;
                            }
                            Err(e) => {
                                h.connecting = false;
                                out.push(Ev::Connect(id, errno_of(&e)));
                                continue;
                            }
                        }
                    }
                    stream_io(id, h, &mut self.read_buf, out);
                }
                Sock::UnixListener(l, _) => {
                    accept_ready(id, &mut h.readable, || l.accept(), &mut accepted_unix, out)
                }
                Sock::Unix(_) => {
                    // A Unix domain socket's connect completed when it was made.
                    if h.connecting {
                        h.connecting = false;
                        out.push(Ev::Connect(id, 0));
                    }
                    stream_io(id, h, &mut self.read_buf, out)
                }
                Sock::Udp(s) => {
                    if h.reading {
                        udp::receive(s, &mut h.readable, &mut self.read_buf, |data, from| {
                            out.push(Ev::Message(id, data, from))
                        });
                    }
                }
                Sock::Watch(_) => {}
                Sock::Child(c) => {
                    h.readable = false;
                    if !c.exited {
                        match c.child.try_wait() {
                            Ok(Some(status)) => {
                                c.exited = true;
                                let (code, sig) = child_binding::exit_parts(status);
                                out.push(Ev::Exit(id, code, sig));
                            }
                            Ok(None) => {}
                            Err(_) => {
                                c.exited = true;
                                out.push(Ev::Exit(id, Some(-libc::ECHILD), None));
                            }
                        }
                    }
                }
            }
            let accepted = (accepted.into_iter().map(Sock::Stream))
                .chain(accepted_unix.into_iter().map(Sock::Unix));
            for s in accepted {
                match self.add(s) {
                    Ok(nid) => out.push(Ev::Connection(id, nid as i64)),
                    Err(e) => out.push(Ev::Connection(id, errno_of(&e) as i64)),
                }
            }
            if self.handles.get(&id).is_some_and(Handle::has_work) {
                self.mark(id);
            }
        }
    }
}

/// Accepts what a listener (TCP or Unix) has ready, up to `ACCEPTS_PER_POLL` at a time; an
/// error (out of descriptors and the like) is reported and the listener keeps listening.
fn accept_ready<S, A>(
    id: usize,
    readable: &mut bool,
    mut accept: impl FnMut() -> io::Result<(S, A)>,
    accepted: &mut Vec<S>,
    out: &mut Vec<Ev>,
) {
    for _ in 0..ACCEPTS_PER_POLL {
        match accept() {
            Ok((s, _)) => accepted.push(s),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                *readable = false;
                break;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                out.push(Ev::Connection(id, errno_of(&e) as i64));
                *readable = false;
                break;
            }
        }
    }
}

/// Queued writes, then reads, of a stream handle.
fn stream_io(id: usize, h: &mut Handle, read_buf: &mut Vec<u8>, out: &mut Vec<Ev>) {
    let s: &mut dyn Io = match &mut h.sock {
        Sock::Stream(s) => s,
        Sock::Unix(s) => s,
        _ => return,
    };
    if h.writable && !h.queue.is_empty() {
        flush(id, s, &mut h.queue, &mut h.writable, out);
    }
    if h.readable && h.reading && !h.eof {
        let r = Reader {
            readable: &mut h.readable,
            reading: &mut h.reading,
            eof: &mut h.eof,
            parser: &mut h.parser,
        };
        read_some(id, s, r, read_buf, out);
    }
}

/// The parts of a handle a read changes.
struct Reader<'a> {
    readable: &'a mut bool,
    reading: &'a mut bool,
    eof: &'a mut bool,
    parser: &'a mut Option<Parser>,
}

fn read_some(id: usize, s: &mut dyn Io, r: Reader<'_>, buf: &mut Vec<u8>, out: &mut Vec<Ev>) {
    if buf.len() < READ_CHUNK {
        buf.resize(READ_CHUNK, 0);
    }
    let mut reads = 0;
    while reads < READS_PER_POLL && *r.reading {
        match s.read(&mut buf[..]) {
            Ok(0) => {
                *r.eof = true;
                if let Some(p) = r.parser.as_mut() {
                    let mut evs = Vec::new();
                    p.finish(&mut evs);
                    out.extend(evs.into_iter().map(|e| Ev::Parsed(id, e)));
                }
                out.push(Ev::Eof(id));
                return;
            }
            Ok(n) => {
                reads += 1;
                match r.parser.as_mut() {
                    Some(p) => {
                        let mut evs = Vec::new();
                        p.execute(&buf[..n], &mut evs);
                        let failed = evs.iter().any(|e| matches!(e, ParseEvent::Error { .. }));
                        out.extend(evs.into_iter().map(|e| Ev::Parsed(id, e)));
                        if failed {
                            *r.reading = false;
                        }
                    }
                    None => out.push(Ev::Data(id, buf[..n].to_vec())),
                }
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                *r.readable = false;
                return;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                *r.eof = true;
                out.push(Ev::ReadError(id, errno_of(&e)));
                return;
            }
        }
    }
}

fn flush(
    id: usize,
    s: &mut dyn Io,
    queue: &mut VecDeque<Chunk>,
    writable: &mut bool,
    out: &mut Vec<Ev>,
) {
    while let Some(front) = queue.front_mut() {
        match s.write(&front.data[front.off..]) {
            Ok(n) => {
                front.off += n;
                if front.off >= front.data.len() {
                    let c = queue.pop_front().unwrap();
                    if c.notify {
                        out.push(Ev::WriteDone(id, 0));
                    }
                }
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                *writable = false;
                return;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                let errno = errno_of(&e);
                for c in queue.drain(..) {
                    if c.notify {
                        out.push(Ev::WriteDone(id, errno));
                    }
                }
                return;
            }
        }
    }
}

/// Addresses for `host` (an IP literal, or a name looked up by the system resolver).
fn resolve(host: &str, port: u16) -> std::result::Result<Vec<SocketAddr>, i32> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(vec![SocketAddr::new(ip, port)]);
    }
    match (host, port).to_socket_addrs() {
        Ok(a) => {
            let v: Vec<SocketAddr> = a.collect();
            if v.is_empty() {
                Err(UV_EAI_NONAME)
            } else {
                Ok(v)
            }
        }
        Err(_) => Err(UV_EAI_NONAME),
    }
}

fn bind(addr: SocketAddr) -> io::Result<TcpListener> {
    use std::os::fd::AsRawFd;
    // std's listener: SO_REUSEADDR as libuv sets it, and Node's default backlog.
    let fd = crate::sockaddr::new_socket(addr, libc::SOCK_STREAM)?;
    let _ = crate::sockaddr::set_option(fd.as_raw_fd(), libc::SOL_SOCKET, libc::SO_REUSEADDR, 1);
    crate::sockaddr::bind_to(fd.as_raw_fd(), addr)?;
    if unsafe { libc::listen(fd.as_raw_fd(), 511) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(TcpListener::from_std(std::net::TcpListener::from(fd)))
}

/// libuv's name and description of an error number (negative), as Node prints them.
pub(crate) fn uv_err(errno: i32) -> (&'static str, &'static str) {
    match errno {
        // What Node's dns errors call a name getaddrinfo could not resolve.
        -3008 => ("ENOTFOUND", "getaddrinfo ENOTFOUND"),
        _ => crate::uv_errors::uv_error(errno).unwrap_or(("UNKNOWN", "unknown error")),
    }
}

fn address_array<'js>(ctx: &Ctx<'js>, a: SocketAddr) -> Result<Value<'js>> {
    let arr = Array::new(ctx.clone())?;
    let ip = match a.ip() {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            // Node shows the v4 form only for v4 sockets; a v6 socket keeps the mapped form.
            Some(_) => v6.to_string(),
            None => v6.to_string(),
        },
        IpAddr::V4(v4) => v4.to_string(),
    };
    arr.set(0, ip)?;
    arr.set(1, if a.is_ipv6() { "IPv6" } else { "IPv4" })?;
    arr.set(2, a.port())?;
    Ok(arr.into_value())
}

fn bytes_of(v: &Value<'_>, latin1: bool) -> Option<Vec<u8>> {
    if let Some(s) = v.as_string() {
        let s = s.to_string().ok()?;
        if latin1 {
            return Some(s.chars().map(|c| c as u32 as u8).collect());
        }
        return Some(s.into_bytes());
    }
    if let Ok(a) = TypedArray::<u8>::from_value(v.clone()) {
        return unsafe { a.as_bytes() }.map(|b| b.to_vec());
    }
    None
}

fn wait_ms(shared: &Shared, ms: f64) -> Option<Duration> {
    let mut timeout: Option<u64> = if ms.is_finite() && ms >= 0.0 {
        Some(ms.ceil() as u64)
    } else {
        None
    };
    if let Some(deadline) = shared.deadline {
        let left = deadline
            .saturating_duration_since(Instant::now())
            .as_millis() as u64;
        timeout = Some(timeout.map_or(left, |t| t.min(left)));
    }
    timeout.map(Duration::from_millis)
}

/// A message end's payload: 0, or its trailer fields as an array (names and values alternating).
pub(crate) fn trailers_value<'js>(ctx: &Ctx<'js>, trailers: Vec<String>) -> Result<Value<'js>> {
    if trailers.is_empty() {
        return Ok(Value::new_int(ctx.clone(), 0));
    }
    let a = Array::new(ctx.clone())?;
    for (i, s) in trailers.into_iter().enumerate() {
        a.set(i, s)?;
    }
    Ok(a.into_value())
}

pub(crate) fn head_value<'js>(ctx: &Ctx<'js>, h: crate::http_parser::Head) -> Result<Value<'js>> {
    let arr = Array::new(ctx.clone())?;
    arr.set(0, h.method)?;
    arr.set(1, h.url)?;
    arr.set(2, h.status)?;
    arr.set(3, h.reason)?;
    arr.set(4, h.version_minor)?;
    let raw = Array::new(ctx.clone())?;
    for (i, s) in h.raw_headers.into_iter().enumerate() {
        raw.set(i, s)?;
    }
    arr.set(5, raw)?;
    arr.set(6, h.keep_alive)?;
    arr.set(7, h.upgrade)?;
    Ok(arr.into_value())
}

fn events_value<'js>(ctx: &Ctx<'js>, evs: Vec<Ev>) -> Result<Array<'js>> {
    let arr = Array::new(ctx.clone())?;
    let mut i = 0;
    let mut push = |id: usize, ty: i32, v: Value<'js>| -> Result<()> {
        arr.set(i, id as f64)?;
        arr.set(i + 1, ty)?;
        arr.set(i + 2, v)?;
        i += 3;
        Ok(())
    };
    let int = |n: i64| Value::new_number(ctx.clone(), n as f64);
    let buf = |b: Vec<u8>| -> Result<Value<'js>> {
        Ok(TypedArray::<u8>::new(ctx.clone(), b)?.into_value())
    };
    for e in evs {
        match e {
            Ev::Connection(id, n) => push(id, EV_CONNECTION, int(n))?,
            Ev::Connect(id, st) => push(id, EV_CONNECT, int(st as i64))?,
            Ev::Data(id, b) => push(id, EV_DATA, buf(b)?)?,
            Ev::Eof(id) => push(id, EV_EOF, int(0))?,
            Ev::ReadError(id, st) => push(id, EV_READ_ERROR, int(st as i64))?,
            Ev::WriteDone(id, st) => push(id, EV_WRITE_DONE, int(st as i64))?,
            Ev::Exit(id, code, sig) => {
                let a = Array::new(ctx.clone())?;
                a.set(0, code)?;
                a.set(1, sig.and_then(child_binding::signal_name))?;
                push(id, EV_EXIT, a.into_value())?
            }
            Ev::Message(id, b, from) => {
                let a = address_array(ctx, from)?;
                if let Some(a) = a.as_array() {
                    a.set(3, buf(b)?)?;
                }
                push(id, EV_MESSAGE, a)?
            }
            Ev::Watch(id, rename, name) => {
                let a = Array::new(ctx.clone())?;
                a.set(0, if rename { "rename" } else { "change" })?;
                a.set(1, buf(name)?)?;
                push(id, EV_WATCH, a.into_value())?
            }
            Ev::WatchError(id, st) => push(id, EV_WATCH_ERROR, int(st as i64))?,
            Ev::Parsed(id, ParseEvent::Head(h)) => push(id, EV_HEAD, head_value(ctx, h)?)?,
            Ev::Parsed(id, ParseEvent::Body(b)) => push(id, EV_BODY, buf(b)?)?,
            Ev::Parsed(id, ParseEvent::Complete(t)) => {
                push(id, EV_COMPLETE, trailers_value(ctx, t)?)?
            }
            Ev::Parsed(id, ParseEvent::Error { code, reason }) => {
                let a = Array::new(ctx.clone())?;
                a.set(0, code)?;
                a.set(1, reason)?;
                push(id, EV_PARSE_ERROR, a.into_value())?
            }
        }
    }
    Ok(arr)
}

pub(crate) fn install<'js>(
    ctx: &Ctx<'js>,
    binding: &Object<'js>,
    shared: &Rc<Shared>,
) -> Result<()> {
    set_fn(
        ctx,
        binding,
        "utf8Decode",
        |ctx: Ctx<'js>, v: Value<'js>, start: usize, end: usize| -> Result<Value<'js>> {
            let a = TypedArray::<u8>::from_value(v)?;
            let bytes = unsafe { a.as_bytes() }.unwrap_or(&[]);
            let end = end.min(bytes.len());
            let start = start.min(end);
            let s = String::from_utf8_lossy(&bytes[start..end]);
            Ok(jsvm::engine::rquickjs::String::from_str(ctx, &s)?.into_value())
        },
    )?;
    let shared = shared.clone();
    set_fn(
        ctx,
        binding,
        "netBinding",
        move |ctx: Ctx<'js>| -> Result<Object<'js>> { make(&ctx, shared.clone()) },
    )
}

/// The natives of js/net.js, made on its first load.
fn make<'js>(ctx: &Ctx<'js>, shared: Rc<Shared>) -> Result<Object<'js>> {
    let net = Rc::new(RefCell::new(Net {
        wake_fds: (
            shared
                .worker
                .is_none()
                .then(crate::process_binding::wake_read_fd),
            shared.inbox.fd(),
        ),
        poll: None,
        events: Events::with_capacity(1024),
        handles: HashMap::new(),
        next_id: 1,
        ready: Vec::new(),
        read_buf: Vec::new(),
        unwatched: Vec::new(),
        watches: watch::Watches::default(),
    }));
    let o = Object::new(ctx.clone())?;
    let n = net.clone();
    set_fn(ctx, &o, "listen", move |host: String, port: i32| -> i64 {
        let port = port.clamp(0, 65535) as u16;
        let addrs = if host.is_empty() {
            vec![
                SocketAddr::new(IpAddr::V6(Ipv6Addr::UNSPECIFIED), port),
                SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), port),
            ]
        } else {
            match resolve(&host, port) {
                Ok(a) => a,
                Err(e) => return e as i64,
            }
        };
        let mut last = -libc::EADDRNOTAVAIL;
        for (i, a) in addrs.iter().enumerate() {
            match bind(*a) {
                Ok(l) => {
                    return match n.borrow_mut().add(Sock::Listener(l)) {
                        Ok(id) => id as i64,
                        Err(e) => errno_of(&e) as i64,
                    }
                }
                Err(e) => {
                    last = errno_of(&e);
                    // No IPv6 here: the unspecified v4 address, as libuv falls back.
                    if host.is_empty() && i == 0 && last != -libc::EADDRINUSE {
                        continue;
                    }
                    break;
                }
            }
        }
        last as i64
    })?;
    let n = net.clone();
    set_fn(ctx, &o, "connect", move |host: String, port: i32| -> i64 {
        let addrs = match resolve(&host, port.clamp(0, 65535) as u16) {
            Ok(a) => a,
            Err(e) => return e as i64,
        };
        let mut last = -libc::ECONNREFUSED;
        for a in addrs {
            match TcpStream::connect(a) {
                Ok(s) => {
                    let mut net = n.borrow_mut();
                    return match net.add(Sock::Stream(s)) {
                        Ok(id) => {
                            if let Some(h) = net.handles.get_mut(&id) {
                                h.connecting = true;
                            }
                            id as i64
                        }
                        Err(e) => errno_of(&e) as i64,
                    };
                }
                Err(e) => last = errno_of(&e),
            }
        }
        last as i64
    })?;
    let n = net.clone();
    set_fn(ctx, &o, "listenPath", move |path: String| -> i64 {
        let l = match UnixListener::bind(&path) {
            Ok(l) => l,
            Err(e) => return errno_of(&e) as i64,
        };
        match n.borrow_mut().add(Sock::UnixListener(l, path.into())) {
            Ok(id) => id as i64,
            Err(e) => errno_of(&e) as i64,
        }
    })?;
    let n = net.clone();
    set_fn(ctx, &o, "connectPath", move |path: String| -> i64 {
        // A Unix domain socket connects at once or fails (ENOENT, ECONNREFUSED, EAGAIN when
        // the listener's backlog is full); the connect event follows in the next poll.
        let s = match std::os::unix::net::UnixStream::connect(&path) {
            Ok(s) => s,
            Err(e) => return errno_of(&e) as i64,
        };
        if let Err(e) = s.set_nonblocking(true) {
            return errno_of(&e) as i64;
        }
        let mut net = n.borrow_mut();
        match net.add(Sock::Unix(UnixStream::from_std(s))) {
            Ok(id) => {
                if let Some(h) = net.handles.get_mut(&id) {
                    h.connecting = true;
                }
                id as i64
            }
            Err(e) => errno_of(&e) as i64,
        }
    })?;
    let n = net.clone();
    set_fn(ctx, &o, "readStart", move |id: f64| {
        let mut net = n.borrow_mut();
        let id = id as usize;
        if let Some(h) = net.handles.get_mut(&id) {
            h.reading = true;
            if h.has_work() {
                net.mark(id);
            }
        }
    })?;
    let n = net.clone();
    set_fn(ctx, &o, "readStop", move |id: f64| {
        if let Some(h) = n.borrow_mut().handles.get_mut(&(id as usize)) {
            h.reading = false;
        }
    })?;
    let n = net.clone();
    set_fn(
        ctx,
        &o,
        "write",
        move |id: f64, data: Value<'js>, latin1: Opt<bool>| -> f64 {
            // The byte count when written now; -(ASYNC_WRITE + count) when queued (an
            // EV_WRITE_DONE follows); a negative errno on failure.
            // An array is a list of chunks: [data, latin1, data, latin1, ...] (one write).
            let bytes = if let Some(arr) = data.as_array() {
                let mut all = Vec::new();
                let mut i = 0;
                while i + 1 < arr.len() {
                    let (Ok(v), Ok(l)) = (arr.get::<Value<'js>>(i), arr.get::<bool>(i + 1)) else {
                        return -libc::EINVAL as f64;
                    };
                    match bytes_of(&v, l) {
                        Some(b) => all.extend_from_slice(&b),
                        None => return -libc::EINVAL as f64,
                    }
                    i += 2;
                }
                all
            } else {
                match bytes_of(&data, latin1.0.unwrap_or(false)) {
                    Some(b) => b,
                    None => return -libc::EINVAL as f64,
                }
            };
            let len = bytes.len() as f64;
            let mut net = n.borrow_mut();
            let id = id as usize;
            let Some(h) = net.handles.get_mut(&id) else {
                return -libc::EBADF as f64;
            };
            let s: &mut dyn Io = match &mut h.sock {
                Sock::Stream(s) => s,
                Sock::Unix(s) => s,
                _ => return -libc::EINVAL as f64,
            };
            if !h.queue.is_empty() || h.connecting {
                h.queue.push_back(Chunk {
                    data: bytes,
                    off: 0,
                    notify: true,
                });
                return -(ASYNC_WRITE + len);
            }
            let mut off = 0;
            while off < bytes.len() {
                match s.write(&bytes[off..]) {
                    Ok(k) => off += k,
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                        h.writable = false;
                        break;
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return errno_of(&e) as f64,
                }
            }
            if off >= bytes.len() {
                return len;
            }
            h.queue.push_back(Chunk {
                data: bytes,
                off,
                notify: true,
            });
            -(ASYNC_WRITE + len)
        },
    )?;
    let n = net.clone();
    set_fn(ctx, &o, "shutdown", move |id: f64| -> i32 {
        let net = n.borrow();
        match net.handles.get(&(id as usize)).map(|h| &h.sock) {
            Some(Sock::Stream(s)) => match s.shutdown(Shutdown::Write) {
                Ok(()) => 0,
                Err(e) => errno_of(&e),
            },
            Some(Sock::Unix(s)) => match s.shutdown(Shutdown::Write) {
                Ok(()) => 0,
                Err(e) => errno_of(&e),
            },
            _ => -libc::EBADF,
        }
    })?;
    let n = net.clone();
    set_fn(ctx, &o, "close", move |id: f64| {
        let mut net = n.borrow_mut();
        if let Some(mut h) = net.handles.remove(&(id as usize)) {
            if let Sock::UnixListener(_, path) = &h.sock {
                let _ = std::fs::remove_file(path);
            }
            if let Sock::Watch(wd) = &h.sock {
                net.watches.detach(wd, id as usize);
            }
            if let Some(p) = net.poll.as_ref() {
                let _ = match &mut h.sock {
                    Sock::Listener(l) => p.registry().deregister(l),
                    Sock::UnixListener(l, _) => p.registry().deregister(l),
                    Sock::Stream(s) => p.registry().deregister(s),
                    Sock::Unix(s) => p.registry().deregister(s),
                    Sock::Udp(s) => p.registry().deregister(s),
                    Sock::Watch(_) => Ok(()),
                    Sock::Child(c) => match &c.pidfd {
                        Some(fd) => {
                            use std::os::fd::AsRawFd;
                            p.registry().deregister(&mut SourceFd(&fd.as_raw_fd()))
                        }
                        None => Ok(()),
                    },
                };
            }
        }
    })?;
    let n = net.clone();
    set_fn(
        ctx,
        &o,
        "address",
        move |ctx: Ctx<'js>, id: f64, peer: Opt<bool>| -> Result<Value<'js>> {
            let net = n.borrow();
            let a = match net.handles.get(&(id as usize)).map(|h| &h.sock) {
                // A Unix domain server's address is its path.
                Some(Sock::UnixListener(_, path)) => {
                    return path.to_string_lossy().into_owned().into_js(&ctx)
                }
                Some(Sock::Listener(l)) => l.local_addr().ok(),
                Some(Sock::Stream(s)) if peer.0 == Some(true) => s.peer_addr().ok(),
                Some(Sock::Stream(s)) => s.local_addr().ok(),
                Some(Sock::Udp(s)) if peer.0 == Some(true) => s.peer_addr().ok(),
                Some(Sock::Udp(s)) => s.local_addr().ok(),
                _ => None,
            };
            match a {
                Some(a) => address_array(&ctx, a),
                None => Ok(Value::new_undefined(ctx)),
            }
        },
    )?;
    let n = net.clone();
    set_fn(ctx, &o, "setNoDelay", move |id: f64, on: bool| {
        if let Some(Sock::Stream(s)) = n.borrow().handles.get(&(id as usize)).map(|h| &h.sock) {
            let _ = s.set_nodelay(on);
        }
    })?;
    let n = net.clone();
    set_fn(ctx, &o, "setParser", move |id: f64, kind: i32| {
        if let Some(h) = n.borrow_mut().handles.get_mut(&(id as usize)) {
            h.parser = match kind {
                1 => Some(Parser::new(false)),
                2 => Some(Parser::new(true)),
                _ => None,
            };
        }
    })?;
    let n = net.clone();
    set_fn(ctx, &o, "parserNoBody", move |id: f64, on: bool| {
        if let Some(p) = n
            .borrow_mut()
            .handles
            .get_mut(&(id as usize))
            .and_then(|h| h.parser.as_mut())
        {
            p.expect_no_body = on;
        }
    })?;
    let n = net.clone();
    set_fn(ctx, &o, "parserIdle", move |id: f64| -> bool {
        n.borrow()
            .handles
            .get(&(id as usize))
            .and_then(|h| h.parser.as_ref())
            .is_none_or(|p| p.idle())
    })?;
    let n = net.clone();
    set_fn(
        ctx,
        &o,
        "takeRest",
        move |ctx: Ctx<'js>, id: f64| -> Result<Value<'js>> {
            let rest = n
                .borrow_mut()
                .handles
                .get_mut(&(id as usize))
                .and_then(|h| {
                    let r = h.parser.as_mut().map(|p| p.take_rest());
                    h.parser = None;
                    r
                })
                .unwrap_or_default();
            Ok(TypedArray::<u8>::new(ctx, rest)?.into_value())
        },
    )?;
    set_fn(
        ctx,
        &o,
        "errname",
        |ctx: Ctx<'js>, errno: i32| -> Result<Array<'js>> {
            let (code, desc) = uv_err(errno);
            let a = Array::new(ctx)?;
            a.set(0, code)?;
            a.set(1, desc)?;
            Ok(a)
        },
    )?;
    let n = net.clone();
    set_fn(
        ctx,
        &o,
        "poll",
        move |ctx: Ctx<'js>, ms: f64| -> Result<Array<'js>> {
            let mut out = Vec::new();
            {
                let mut net = n.borrow_mut();
                let net = &mut *net;
                net.run_ready(&mut out);
                net.read_watches(&mut out);
                let mut timeout = wait_ms(&shared, ms);
                let Net {
                    handles, unwatched, ..
                } = &mut *net;
                unwatched.retain(|id| {
                    matches!(handles.get(id), Some(Handle { sock: Sock::Child(c), .. }) if !c.exited)
                });
                if !unwatched.is_empty() {
                    let every = Duration::from_millis(child_binding::POLL_CHILD_MS);
                    timeout = Some(timeout.map_or(every, |t| t.min(every)));
                }
                if !out.is_empty()
                    || !net.ready.is_empty()
                    || net.watches.ready
                    || (shared.worker.is_none() && crate::process_binding::signal_pending())
                {
                    timeout = Some(Duration::ZERO);
                }
                if net.poll().is_ok() {
                    let Net { poll, events, .. } = net;
                    let poll = poll.as_mut().unwrap();
                    match poll.poll(events, timeout) {
                        Ok(()) => {}
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => events.clear(),
                        Err(_) => events.clear(),
                    }
                    let mut woke = false;
                    let mut ids = Vec::new();
                    for ev in events.iter() {
                        if ev.token() == WAKE {
                            woke = true;
                            continue;
                        }
                        if ev.token() == INBOX {
                            shared.inbox.drain_fd();
                            continue;
                        }
                        if ev.token() == WATCHES {
                            net.watches.ready = true;
                            continue;
                        }
                        let id = ev.token().0;
                        if let Some(h) = net.handles.get_mut(&id) {
                            if ev.is_readable() || ev.is_read_closed() || ev.is_error() {
                                h.readable = true;
                            }
                            if ev.is_writable() || ev.is_write_closed() || ev.is_error() {
                                h.writable = true;
                            }
                            ids.push(id);
                        }
                    }
                    if woke {
                        crate::process_binding::drain_wake_pipe();
                    }
                    for &id in &net.unwatched {
                        if let Some(h) = net.handles.get_mut(&id) {
                            h.readable = true;
                            ids.push(id);
                        }
                    }
                    for id in ids {
                        net.mark(id);
                    }
                    net.run_ready(&mut out);
                    net.read_watches(&mut out);
                }
            }
            crate::process_binding::stop_if_terminated(&ctx, &shared)?;
            events_value(&ctx, out)
        },
    )?;
    let n = net.clone();
    set_fn(ctx, &o, "pending", move || -> bool {
        let net = n.borrow();
        !net.ready.is_empty() || net.watches.ready
    })?;
    let n = net.clone();
    // fs.watch: the watcher's handle id, or a negative errno.
    set_fn(ctx, &o, "watch", move |path: String| -> i64 {
        let mut net = n.borrow_mut();
        match net.watch(&path) {
            Ok(id) => id as i64,
            Err(e) => errno_of(&e) as i64,
        }
    })?;
    install_udp(ctx, &o, net.clone())?;
    install_children(ctx, &o, net)?;
    Ok(o)
}

/// The child process natives of js/child_process.js.
fn install_children<'js>(ctx: &Ctx<'js>, o: &Object<'js>, net: Rc<RefCell<Net>>) -> Result<()> {
    let n = net.clone();
    set_fn(
        ctx,
        o,
        "spawn",
        move |ctx: Ctx<'js>, opts: Object<'js>| -> Result<Array<'js>> {
            // [pid, child handle id, a stream handle id (or 0) per stdio entry], or
            // [negative errno] when the child could not start.
            let so = child_binding::spawn_options(&opts)?;
            let arr = Array::new(ctx)?;
            let sp = match child_binding::spawn(&so) {
                Ok(sp) => sp,
                Err(e) => {
                    arr.set(0, child_binding::errno_of(&e))?;
                    return Ok(arr);
                }
            };
            let pid = sp.child.id();
            let pidfd = child_binding::pidfd_open(pid);
            let watched = pidfd.is_some();
            let mut net = n.borrow_mut();
            let proc = ChildProc {
                child: sp.child,
                pidfd,
                exited: false,
            };
            let cid = match net.add(Sock::Child(proc)) {
                Ok(id) => id,
                Err(e) => {
                    // The child runs but cannot be watched: end it rather than lose it.
                    unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
                    arr.set(0, errno_of(&e))?;
                    return Ok(arr);
                }
            };
            if !watched {
                net.unwatched.push(cid);
            }
            arr.set(0, pid)?;
            arr.set(1, cid as f64)?;
            for (i, p) in sp.pipes.into_iter().enumerate() {
                let id = match p {
                    Some(s) => {
                        let _ = s.set_nonblocking(true);
                        net.add(Sock::Unix(UnixStream::from_std(s)))
                            .map_or(0.0, |id| id as f64)
                    }
                    None => 0.0,
                };
                arr.set(2 + i, id)?;
            }
            Ok(arr)
        },
    )?;
    let n = net.clone();
    set_fn(ctx, o, "kill", move |id: f64, sig: i32| -> i32 {
        match n.borrow().handles.get(&(id as usize)).map(|h| &h.sock) {
            Some(Sock::Child(c)) if !c.exited => {
                if unsafe { libc::kill(c.child.id() as libc::pid_t, sig) } == 0 {
                    0
                } else {
                    errno_of(&io::Error::last_os_error())
                }
            }
            Some(Sock::Child(_)) => -libc::ESRCH,
            _ => -libc::EBADF,
        }
    })?;
    let n = net;
    set_fn(ctx, o, "openFd", move |fd: i32| -> f64 {
        // The IPC channel a parent passed (NODE_CHANNEL_FD): a socket, taken over here and
        // kept from this process's own children.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        if fd < 0
            || unsafe { libc::fstat(fd, &mut st) } != 0
            || st.st_mode & libc::S_IFMT != libc::S_IFSOCK
        {
            return -libc::EINVAL as f64;
        }
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
        use std::os::fd::FromRawFd;
        let s = unsafe { std::os::unix::net::UnixStream::from_raw_fd(fd) };
        let _ = s.set_nonblocking(true);
        match n.borrow_mut().add(Sock::Unix(UnixStream::from_std(s))) {
            Ok(id) => id as f64,
            Err(e) => errno_of(&e) as f64,
        }
    })
}

/// The address `host`:`port` names for a socket of the given family (v6 or not).
fn udp_target(host: &str, port: i32, v6: bool) -> std::result::Result<SocketAddr, i32> {
    let addrs = resolve(host, port.clamp(0, 65535) as u16)?;
    addrs
        .iter()
        .find(|a| a.is_ipv6() == v6)
        .copied()
        .ok_or(-libc::EAFNOSUPPORT)
}

/// Runs `f` on UDP handle `id`: 0 or a negative errno.
fn with_udp(
    net: &Rc<RefCell<Net>>,
    id: f64,
    f: impl FnOnce(&UdpSocket) -> std::result::Result<(), i32>,
) -> i32 {
    match net.borrow().handles.get(&(id as usize)).map(|h| &h.sock) {
        Some(Sock::Udp(s)) => f(s).err().unwrap_or(0),
        _ => -libc::EBADF,
    }
}

/// The UDP natives of js/dgram.js (see `udp.rs`).
fn install_udp<'js>(ctx: &Ctx<'js>, o: &Object<'js>, net: Rc<RefCell<Net>>) -> Result<()> {
    let n = net.clone();
    // flags: 1 reuseAddr, 2 ipv6Only. The handle's id, or a negative errno.
    set_fn(
        ctx,
        o,
        "udpBind",
        move |v6: bool, host: String, port: i32, flags: i32| -> i64 {
            let addr = if host.is_empty() {
                let ip = if v6 {
                    IpAddr::V6(Ipv6Addr::UNSPECIFIED)
                } else {
                    IpAddr::V4(Ipv4Addr::UNSPECIFIED)
                };
                SocketAddr::new(ip, port.clamp(0, 65535) as u16)
            } else {
                match udp_target(&host, port, v6) {
                    Ok(a) => a,
                    Err(e) => return e as i64,
                }
            };
            match udp::bind(addr, flags & 1 != 0, flags & 2 != 0) {
                Ok(s) => match n.borrow_mut().add(Sock::Udp(s)) {
                    Ok(id) => id as i64,
                    Err(e) => errno_of(&e) as i64,
                },
                Err(e) => errno_of(&e) as i64,
            }
        },
    )?;
    let n = net.clone();
    // Sends `data` to host:port (to the connected peer when host is empty) at once: the byte
    // count or a negative errno.
    set_fn(
        ctx,
        o,
        "udpSend",
        move |id: f64, data: Value<'js>, host: String, port: i32| -> i64 {
            let Some(bytes) = bytes_of(&data, false) else {
                return -libc::EINVAL as i64;
            };
            let mut sent = 0;
            let status = with_udp(&n, id, |s| {
                let r = if host.is_empty() {
                    s.send(&bytes)
                } else {
                    s.send_to(&bytes, udp_target(&host, port, udp::is_v6(s))?)
                };
                sent = r.map_err(|e| errno_of(&e))?;
                Ok(())
            });
            if status < 0 {
                status as i64
            } else {
                sent as i64
            }
        },
    )?;
    let n = net.clone();
    set_fn(
        ctx,
        o,
        "udpConnect",
        move |id: f64, host: String, port: i32| -> i32 {
            with_udp(&n, id, |s| {
                let to = udp_target(&host, port, udp::is_v6(s))?;
                s.connect(to).map_err(|e| errno_of(&e))
            })
        },
    )?;
    let n = net.clone();
    set_fn(ctx, o, "udpDisconnect", move |id: f64| -> i32 {
        with_udp(&n, id, |s| udp::disconnect(s).map_err(|e| errno_of(&e)))
    })?;
    let n = net.clone();
    set_fn(
        ctx,
        o,
        "udpSetOption",
        move |id: f64, name: String, value: i32| -> i32 {
            with_udp(&n, id, |s| {
                udp::set_option(s, &name, value).map_err(|e| errno_of(&e))
            })
        },
    )?;
    let n = net;
    set_fn(
        ctx,
        o,
        "udpMembership",
        move |id: f64, group: String, iface: String, join: bool| -> i32 {
            with_udp(&n, id, |s| {
                udp::membership(s, &group, &iface, join).map_err(|e| errno_of(&e))
            })
        },
    )
}
