//! `worker_threads`: each worker is a `NodeHost` of its own on a `jsvm::RuntimeThread` (its own
//! engine heap with its own memory limit, its own event loop), and values reach it only by
//! copy: `js/internal/serdes.js` turns a message into JSON text and buffer bytes, which cross
//! as Rust data.
//!
//! Every host has an [`Inbox`]: a queue of events from other threads and an eventfd that the
//! loop's wait (`process_binding.rs`) and socket poll (`net_binding.rs`) watch, so a message
//! wakes a sleeping loop. A worker's host holds a [`WorkerSide`]: its parent's inbox, its
//! cancel token and what it was started with.
//!
//! Limits: a worker's JavaScript runs under its token, so `terminate()` stops it wherever it
//! is (a loop, a wait, a blocked send); its heap has a memory limit (a default one too), and a
//! full heap cancels the token too (Node's ERR_WORKER_OUT_OF_MEMORY, even for code that
//! catches its errors), so a memory bomb ends the worker only; its thread's stack fits its stack limit;
//! and a worker sending faster than its parent reads waits ([`MAX_QUEUED`](crate::inbox::MAX_QUEUED)), so the parent's
//! queue cannot grow without bound. The parent never waits on a worker.
//!
//! `MessageChannel` ports are entries of a process-wide table ([`PORTS`]): a port's queue of
//! messages lives in its entry, not in a thread, and its owner (the inbox of the host holding
//! it, none while it is in transit) gets [`Event::PortReady`] when the queue fills. So a port
//! moves to another thread with the messages already waiting on it, and a stale notice at the
//! old owner finds no port there and is dropped.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex};

use jsvm::engine::rquickjs::function::Opt;
use jsvm::engine::rquickjs::{
    Array, ArrayBuffer, Ctx, Exception, Object, Result, TypedArray, Value,
};
use jsvm::CancelToken;

use crate::host_options::{runtime_builder, HostOptions, Main};
use crate::inbox::{Buffer, Event, Inbox, Payload};
use crate::set_fn::set_fn;
use crate::shared::Shared;
use crate::worker_host::MakeWorkerHost;
use crate::worker_side::{json_string, throw_stop, WorkerInit, WorkerSide};

// Event types (kept in step with js/worker_threads.js).
const EV_ONLINE: i32 = 1;
const EV_MESSAGE: i32 = 2;
const EV_ERROR: i32 = 3;
const EV_OOM: i32 = 4;
const EV_EXIT: i32 = 5;
const EV_PORT_READY: i32 = 6;
const EV_PORT_CLOSED: i32 = 7;
const EV_STDIO: i32 = 8;

/// Events handed to JavaScript per poll: a flood is handled in slices between the loop's
/// other phases.
const TAKE_PER_POLL: usize = 256;

/// The heap limit of a worker whose `resourceLimits` set none.
const DEFAULT_WORKER_HEAP: usize = 512 << 20;

/// The stack limit of a worker (Node's default `stackSizeMb`: 4).
const DEFAULT_WORKER_STACK_MB: f64 = 4.0;

/// Thread ids, process-wide (the main thread is 0).
static NEXT_THREAD_ID: AtomicU64 = AtomicU64::new(1);

/// A worker as its parent holds it.
struct Child {
    thread: jsvm::RuntimeThread<()>,
    inbox: Arc<Inbox>,
    /// The token the worker's runs hold.
    stop: CancelToken,
}

fn payload_of<'js>(ctx: &Ctx<'js>, json: String, buffers: Array<'js>) -> Result<Payload> {
    let mut out = Vec::with_capacity(buffers.len());
    for b in buffers.iter::<Value>() {
        let b = b?;
        if let Some(memory) = jsvm::SharedMemory::from_value(ctx, &b) {
            out.push(Buffer::Shared(memory));
            continue;
        }
        let b = ArrayBuffer::from_value(b).ok_or_else(|| {
            jsvm::engine::rquickjs::Exception::throw_type(
                ctx,
                "a message buffer is not an ArrayBuffer",
            )
        })?;
        // The bytes are copied before any JavaScript runs again.
        out.push(Buffer::Bytes(
            unsafe { b.as_bytes() }
                .map(<[u8]>::to_vec)
                .unwrap_or_default(),
        ));
    }
    Ok(Payload { json, buffers: out })
}

fn push_payload<'js>(ctx: &Ctx<'js>, arr: &Array<'js>, p: Payload) -> Result<()> {
    let bufs = Array::new(ctx.clone())?;
    for (i, b) in p.buffers.into_iter().enumerate() {
        match b {
            Buffer::Bytes(b) => bufs.set(i, ArrayBuffer::new(ctx.clone(), b)?)?,
            Buffer::Shared(m) => bufs.set(i, m.to_value(ctx)?)?,
        }
    }
    arr.set(arr.len(), p.json)?;
    arr.set(arr.len(), bufs)
}

fn limit_mb(v: f64) -> Option<usize> {
    (v.is_finite() && v > 0.0).then_some((v * (1 << 20) as f64) as usize)
}

/// Starts a worker thread (the `spec` object of js/worker_threads.js); gives its thread id.
fn spawn<'js>(
    shared: &Rc<Shared>,
    children: &RefCell<HashMap<u64, Child>>,
    spec: Object<'js>,
    make_host: MakeWorkerHost,
) -> Result<u64> {
    let kind: String = spec.get("kind")?;
    let main_arg: String = spec.get("main")?;
    let argv: Vec<String> = spec.get("argv")?;
    let env_flat: Vec<String> = spec.get("env")?;
    let limits: Vec<f64> = spec.get("limits")?;
    let limits = [0, 1, 2, 3].map(|i| limits.get(i).copied().unwrap_or(-1.0));
    let data = payload_of(&spec.ctx().clone(), spec.get("data")?, spec.get("buffers")?)?;
    let name: String = spec.get("name")?;
    let stdio: Vec<bool> = spec.get("stdio")?;
    let stdio = [0, 1, 2].map(|i| stdio.get(i).copied().unwrap_or(false));
    let id = NEXT_THREAD_ID.fetch_add(1, Ordering::Relaxed);
    let inbox = Inbox::new().map_err(|e| {
        jsvm::engine::rquickjs::Error::new_from_js_message("worker", "Worker", e.to_string())
    })?;
    let stack_mb = if limits[3] > 0.0 {
        limits[3]
    } else {
        DEFAULT_WORKER_STACK_MB
    };
    let heap = limit_mb(limits[0]).unwrap_or(DEFAULT_WORKER_HEAP);
    let options = HostOptions {
        args: argv,
        timeout_ms: None,
        memory_limit: Some(heap),
        stack_size: limit_mb(stack_mb),
        ..shared.options.clone()
    };
    // A full heap ends the worker, as in Node, even if its code catches the errors: the
    // allocator cancels the token its runs hold.
    let heap_full = Arc::new(AtomicBool::new(false));
    let (full, stop) = (heap_full.clone(), CancelToken::new());
    let stopper = stop.clone();
    let builder = runtime_builder(&options).on_heap_full(move || {
        full.store(true, Ordering::SeqCst);
        stopper.cancel();
    });
    // The hooks thread of `module.register` runs no program of its own: its bootstrap serves
    // the hooks (js/internal/module_hooks_worker.js).
    let module_hooks = kind == "hooks";
    let main = if kind == "eval" || module_hooks {
        Main::Eval {
            code: main_arg,
            print: false,
        }
    } else {
        Main::File(main_arg.into())
    };
    let parent = shared.inbox.clone();
    let own = inbox.clone();
    let env = env_flat
        .chunks(2)
        .filter_map(|c| Some((c.first()?.clone(), c.get(1)?.clone())))
        .collect();
    let child_stop = stop.clone();
    let thread = jsvm::RuntimeThread::spawn(builder, format!("jsvm-worker-{id}"), move |rt, _| {
        let side = WorkerSide {
            id,
            parent: parent.clone(),
            token: stop,
            heap_full,
            exit_code: Cell::new(None),
            init: RefCell::new(Some(WorkerInit {
                data,
                name,
                limits,
                stdio,
                module_hooks,
            })),
            env,
        };
        let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_worker(rt, options, side, own, main, make_host)
        }))
        .unwrap_or(1);
        parent.push(Event::Exit(id, code));
    })
    .map_err(|e| {
        jsvm::engine::rquickjs::Error::new_from_js_message("worker", "Worker", e.to_string())
    })?;
    children.borrow_mut().insert(
        id,
        Child {
            thread,
            inbox,
            stop: child_stop,
        },
    );
    Ok(id)
}

/// The worker thread's body: its host, 'online', its program and loop; gives the exit code.
fn run_worker(
    rt: jsvm::Result<jsvm::Runtime>,
    options: HostOptions,
    side: WorkerSide,
    inbox: Arc<Inbox>,
    main: Main,
    make_host: MakeWorkerHost,
) -> i32 {
    let rt = match rt {
        Ok(rt) => rt,
        Err(_) => {
            side.report_oom();
            return 1;
        }
    };
    let id = side.id;
    let parent = side.parent.clone();
    let host = match make_host(rt, options, inbox.clone(), side) {
        Ok(h) => h,
        Err((message, oom)) => {
            if oom {
                parent.push(Event::OutOfMemory(id));
            } else {
                parent.push(Event::Error(
                    id,
                    Payload {
                        json: format!("[\"E\",\"Error\",{m},{m}]", m = json_string(&message)),
                        buffers: Vec::new(),
                    },
                ));
            }
            return 1;
        }
    };
    parent.push(Event::Online(id));
    let code = host.run(main);
    // The worker's ports die with it: their peers see 'close'.
    close_ports_of(&inbox);
    code
}

/// One end of a `MessageChannel`.
struct PortEntry {
    peer: u64,
    /// The inbox of the host holding the port; none while the port is in transit.
    owner: Option<Arc<Inbox>>,
    queue: VecDeque<Payload>,
    /// Closed: takes no more messages; forgotten once its owner has seen that.
    closed: bool,
}

/// Every open port of the process, by id (ids are process-wide so a port keeps its id when it
/// moves to another thread).
static PORTS: LazyLock<Mutex<HashMap<u64, PortEntry>>> = LazyLock::new(Mutex::default);

static NEXT_PORT_ID: AtomicU64 = AtomicU64::new(1);

/// BroadcastChannels by name: their members' ids, entries of [`PORTS`] without a peer.
/// Locked before [`PORTS`] where both are.
static ROOMS: LazyLock<Mutex<HashMap<String, Vec<u64>>>> = LazyLock::new(Mutex::default);

fn rooms() -> std::sync::MutexGuard<'static, HashMap<String, Vec<u64>>> {
    ROOMS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Queues a message on a port and tells its owner if the queue was empty.
fn deliver(entry: &mut PortEntry, id: u64, payload: Payload) {
    entry.queue.push_back(payload);
    if entry.queue.len() == 1 {
        if let Some(owner) = &entry.owner {
            owner.push(Event::PortReady(id));
        }
    }
}

fn ports() -> std::sync::MutexGuard<'static, HashMap<u64, PortEntry>> {
    // A panic while holding the table leaves nothing half-done that later users could trip on.
    PORTS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Closes a port and its peer: no more messages go in; the owners are told, after the
/// messages already announced, and each takes what waits on its port before forgetting it.
fn close_port(table: &mut HashMap<u64, PortEntry>, id: u64) {
    let peer = table.get(&id).map(|e| e.peer);
    for id in [Some(id), peer].into_iter().flatten() {
        if let Some(entry) = table.get_mut(&id) {
            if !entry.closed {
                entry.closed = true;
                if let Some(owner) = &entry.owner {
                    owner.push(Event::PortClosed(id));
                }
            }
        }
    }
}

/// A worker's ports when it ends: gone, their peers closed.
fn close_ports_of(inbox: &Arc<Inbox>) {
    let mut table = ports();
    let owned: Vec<u64> = table
        .iter()
        .filter(|(_, e)| e.owner.as_ref().is_some_and(|o| Arc::ptr_eq(o, inbox)))
        .map(|(id, _)| *id)
        .collect();
    for id in owned {
        close_port(&mut table, id);
        table.remove(&id);
    }
}

/// The port natives of `binding.worker` (js/worker_threads.js's MessagePort).
fn install_ports<'js>(ctx: &Ctx<'js>, o: &Object<'js>, shared: &Rc<Shared>) -> Result<()> {
    let s = shared.clone();
    set_fn(ctx, o, "channel", move || -> Vec<u64> {
        let a = NEXT_PORT_ID.fetch_add(2, Ordering::Relaxed);
        let b = a + 1;
        let mut table = ports();
        for (id, peer) in [(a, b), (b, a)] {
            let owner = Some(s.inbox.clone());
            table.insert(
                id,
                PortEntry {
                    peer,
                    owner,
                    queue: VecDeque::new(),
                    closed: false,
                },
            );
        }
        vec![a, b]
    })?;
    set_fn(
        ctx,
        o,
        "portPost",
        move |ctx: Ctx<'js>, id: u64, json: String, buffers: Array<'js>| -> Result<()> {
            let payload = payload_of(&ctx, json, buffers)?;
            let mut table = ports();
            let Some(peer) = table.get(&id).map(|e| e.peer) else {
                return Ok(());
            };
            if let Some(entry) = table.get_mut(&peer).filter(|e| !e.closed) {
                deliver(entry, peer, payload);
            }
            Ok(())
        },
    )?;
    // The messages waiting on a port, up to `max`, as [json, buffers, ...]; if more remain,
    // another notice goes to the owner, so a flood is handled in slices.
    set_fn(
        ctx,
        o,
        "portTake",
        move |ctx: Ctx<'js>, id: u64, max: usize| -> Result<Array<'js>> {
            let taken: Vec<Payload> = {
                let mut table = ports();
                let Some(entry) = table.get_mut(&id) else {
                    return Array::new(ctx);
                };
                let n = entry.queue.len().min(max);
                let taken = entry.queue.drain(..n).collect();
                if !entry.queue.is_empty() {
                    if let Some(owner) = &entry.owner {
                        owner.push(Event::PortReady(id));
                    }
                }
                taken
            };
            let arr = Array::new(ctx.clone())?;
            for p in taken {
                push_payload(&ctx, &arr, p)?;
            }
            Ok(arr)
        },
    )?;
    let s = shared.clone();
    set_fn(ctx, o, "broadcastJoin", move |name: String| -> u64 {
        let id = NEXT_PORT_ID.fetch_add(1, Ordering::Relaxed);
        let mut rooms = rooms();
        ports().insert(
            id,
            PortEntry {
                peer: 0,
                owner: Some(s.inbox.clone()),
                queue: VecDeque::new(),
                closed: false,
            },
        );
        rooms.entry(name).or_default().push(id);
        id
    })?;
    // To every other member of the channel (members gone with their worker leave the list).
    set_fn(
        ctx,
        o,
        "broadcastPost",
        move |ctx: Ctx<'js>,
              id: u64,
              name: String,
              json: String,
              buffers: Array<'js>|
              -> Result<()> {
            let payload = payload_of(&ctx, json, buffers)?;
            let mut rooms = rooms();
            let mut table = ports();
            if let Some(members) = rooms.get_mut(&name) {
                members.retain(|m| table.contains_key(m));
                for &m in members.iter().filter(|&&m| m != id) {
                    if let Some(entry) = table.get_mut(&m) {
                        deliver(entry, m, payload.clone());
                    }
                }
            }
            Ok(())
        },
    )?;
    set_fn(ctx, o, "broadcastLeave", move |id: u64, name: String| {
        let mut rooms = rooms();
        if let Some(members) = rooms.get_mut(&name) {
            members.retain(|&m| m != id);
            if members.is_empty() {
                rooms.remove(&name);
            }
        }
        ports().remove(&id);
    })?;
    set_fn(ctx, o, "portClose", move |id: u64| {
        close_port(&mut ports(), id)
    })?;
    set_fn(ctx, o, "portForget", move |id: u64| {
        ports().remove(&id);
    })?;
    // A port leaving in a message: no owner until the receiver attaches it.
    set_fn(ctx, o, "portDetach", move |id: u64| {
        if let Some(entry) = ports().get_mut(&id) {
            entry.owner = None;
        }
    })?;
    let s = shared.clone();
    set_fn(ctx, o, "portAttach", move |id: u64| {
        let mut table = ports();
        let Some(entry) = table.get_mut(&id) else {
            return;
        };
        entry.owner = Some(s.inbox.clone());
        if !entry.queue.is_empty() {
            s.inbox.push(Event::PortReady(id));
        }
        if entry.closed {
            s.inbox.push(Event::PortClosed(id));
        }
    })?;
    Ok(())
}

pub(crate) fn install<'js>(
    ctx: &Ctx<'js>,
    binding: &Object<'js>,
    shared: &Rc<Shared>,
    make_host: MakeWorkerHost,
) -> Result<()> {
    let o = Object::new(ctx.clone())?;
    let children: Rc<RefCell<HashMap<u64, Child>>> = Rc::default();
    let (s, c) = (shared.clone(), children.clone());
    set_fn(ctx, &o, "spawn", move |spec: Object<'js>| {
        spawn(&s, &c, spec, make_host)
    })?;
    let (s, c) = (shared.clone(), children.clone());
    set_fn(
        ctx,
        &o,
        "post",
        move |ctx: Ctx<'js>, id: u64, json: String, buffers: Array<'js>| -> Result<()> {
            let payload = payload_of(&ctx, json, buffers)?;
            if id == 0 {
                // A worker to its parent.
                if let Some(side) = &s.worker {
                    if !side
                        .parent
                        .push_bounded(Event::Message(side.id, payload), &side.token)
                    {
                        return Err(throw_stop(&ctx, side));
                    }
                }
            } else if let Some(child) = c.borrow().get(&id) {
                child.inbox.push(Event::Message(0, payload));
            }
            Ok(())
        },
    )?;
    // A worker's output for its parent's stream (bounded as its messages are), or the
    // parent's input for a worker's stdin (`None`: its end).
    let (s, c) = (shared.clone(), children.clone());
    set_fn(
        ctx,
        &o,
        "stdio",
        move |ctx: Ctx<'js>, id: u64, fd: i32, bytes: Opt<Value<'js>>| -> Result<()> {
            let bytes = match bytes.0.filter(|v| !v.is_undefined()) {
                None => None,
                Some(v) => Some(
                    TypedArray::<u8>::from_value(v)
                        .ok()
                        // Copied before any JavaScript runs again.
                        .and_then(|t| unsafe { t.as_bytes() }.map(<[u8]>::to_vec))
                        .ok_or_else(|| Exception::throw_type(&ctx, "stdio chunk is not bytes"))?,
                ),
            };
            if id == 0 {
                if let Some(side) = &s.worker {
                    if !side
                        .parent
                        .push_bounded(Event::Stdio(side.id, fd, bytes), &side.token)
                    {
                        return Err(throw_stop(&ctx, side));
                    }
                }
            } else if let Some(child) = c.borrow().get(&id) {
                child.inbox.push(Event::Stdio(0, fd, bytes));
            }
            Ok(())
        },
    )?;
    let c = children.clone();
    set_fn(ctx, &o, "terminate", move |id: u64| {
        if let Some(child) = c.borrow().get(&id) {
            child.stop.cancel();
            child.thread.cancel();
            child.inbox.wake();
        }
    })?;
    let c = children.clone();
    // finished(id): whether the worker's thread has ended (or is gone), read without waiting
    // for its events (a thread blocked on it, as module.register's, cannot run them).
    set_fn(ctx, &o, "finished", move |id: u64| {
        c.borrow()
            .get(&id)
            .is_none_or(|child| child.thread.is_finished())
    })?;
    let c = children.clone();
    set_fn(ctx, &o, "reap", move |id: u64| {
        if let Some(child) = c.borrow_mut().remove(&id) {
            let _ = child.thread.join();
        }
    })?;
    let s = shared.clone();
    set_fn(
        ctx,
        &o,
        "take",
        move |ctx: Ctx<'js>| -> Result<Array<'js>> {
            let arr = Array::new(ctx.clone())?;
            for ev in s.inbox.take(TAKE_PER_POLL) {
                match ev {
                    Event::Online(id) => {
                        arr.set(arr.len(), EV_ONLINE)?;
                        arr.set(arr.len(), id)?;
                        arr.set(arr.len(), Value::new_undefined(ctx.clone()))?;
                        arr.set(arr.len(), Value::new_undefined(ctx.clone()))?;
                    }
                    Event::Message(id, p) => {
                        arr.set(arr.len(), EV_MESSAGE)?;
                        arr.set(arr.len(), id)?;
                        push_payload(&ctx, &arr, p)?;
                    }
                    Event::Error(id, p) => {
                        arr.set(arr.len(), EV_ERROR)?;
                        arr.set(arr.len(), id)?;
                        push_payload(&ctx, &arr, p)?;
                    }
                    Event::OutOfMemory(id) => {
                        arr.set(arr.len(), EV_OOM)?;
                        arr.set(arr.len(), id)?;
                        arr.set(arr.len(), Value::new_undefined(ctx.clone()))?;
                        arr.set(arr.len(), Value::new_undefined(ctx.clone()))?;
                    }
                    Event::Exit(id, code) => {
                        arr.set(arr.len(), EV_EXIT)?;
                        arr.set(arr.len(), id)?;
                        arr.set(arr.len(), code)?;
                        arr.set(arr.len(), Value::new_undefined(ctx.clone()))?;
                    }
                    Event::Stdio(id, fd, bytes) => {
                        arr.set(arr.len(), EV_STDIO)?;
                        arr.set(arr.len(), id)?;
                        arr.set(arr.len(), fd)?;
                        match bytes {
                            Some(b) => arr.set(arr.len(), ArrayBuffer::new(ctx.clone(), b)?)?,
                            None => arr.set(arr.len(), Value::new_undefined(ctx.clone()))?,
                        }
                    }
                    Event::PortReady(id) | Event::PortClosed(id) => {
                        let ready = matches!(ev, Event::PortReady(_));
                        arr.set(
                            arr.len(),
                            if ready { EV_PORT_READY } else { EV_PORT_CLOSED },
                        )?;
                        arr.set(arr.len(), id)?;
                        arr.set(arr.len(), Value::new_undefined(ctx.clone()))?;
                        arr.set(arr.len(), Value::new_undefined(ctx.clone()))?;
                    }
                }
            }
            Ok(arr)
        },
    )?;
    let s = shared.clone();
    set_fn(
        ctx,
        &o,
        "info",
        move |ctx: Ctx<'js>| -> Result<Value<'js>> {
            let Some(side) = &s.worker else {
                return Ok(Value::new_undefined(ctx));
            };
            let Some(init) = side.init.borrow_mut().take() else {
                return Ok(Value::new_undefined(ctx));
            };
            let info = Object::new(ctx.clone())?;
            info.set("threadId", side.id)?;
            info.set("name", init.name)?;
            info.set("limits", init.limits.to_vec())?;
            info.set("stdio", init.stdio.to_vec())?;
            info.set("moduleHooks", init.module_hooks)?;
            let data = Array::new(ctx.clone())?;
            push_payload(&ctx, &data, init.data)?;
            info.set("data", data)?;
            Ok(info.into_value())
        },
    )?;
    let s = shared.clone();
    set_fn(
        ctx,
        &o,
        "reportError",
        move |ctx: Ctx<'js>, json: String, buffers: Array<'js>| -> Result<()> {
            if let Some(side) = &s.worker {
                let payload = payload_of(&ctx, json, buffers)?;
                side.parent.push(Event::Error(side.id, payload));
            }
            Ok(())
        },
    )?;
    let s = shared.clone();
    set_fn(ctx, &o, "reportOom", move || {
        if let Some(side) = &s.worker {
            side.report_oom();
        }
    })?;
    // A new SharedArrayBuffer over the memory of `sab` (structuredClone in one thread).
    set_fn(
        ctx,
        &o,
        "shareAgain",
        move |ctx: Ctx<'js>, sab: Value<'js>| -> Result<Value<'js>> {
            match jsvm::SharedMemory::from_value(&ctx, &sab) {
                Some(memory) => memory.to_value(&ctx),
                None => Err(Exception::throw_type(&ctx, "not a SharedArrayBuffer")),
            }
        },
    )?;
    install_ports(ctx, &o, shared)?;
    binding.set("worker", o)
}
