//! What a worker's host knows of its place: its parent's inbox, its cancel token and what it
//! was started with; and how its JavaScript is stopped.

use std::cell::{Cell, RefCell};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use jsvm::engine::rquickjs::{qjs, Ctx, Exception};
use jsvm::CancelToken;

use crate::inbox::{Event, Inbox, Payload};

/// What a worker's host knows of its place.
pub(crate) struct WorkerSide {
    pub(crate) id: u64,
    pub(crate) parent: Arc<Inbox>,
    pub(crate) token: CancelToken,
    /// Set when the heap filled up: the token was cancelled for that (Node's
    /// ERR_WORKER_OUT_OF_MEMORY), not by `terminate()`.
    pub(crate) heap_full: Arc<AtomicBool>,
    /// Set by `process.exit()` (and by a fatal error): the worker's exit code.
    pub(crate) exit_code: Cell<Option<i32>>,
    pub(crate) init: RefCell<Option<WorkerInit>>,
    /// `process.env` of the worker.
    pub(crate) env: Vec<(String, String)>,
}

pub(crate) struct WorkerInit {
    pub(crate) data: Payload,
    pub(crate) name: String,
    pub(crate) limits: [f64; 4],
    /// Which of stdin, stdout, stderr the parent asked to see as streams.
    pub(crate) stdio: [bool; 3],
    /// The hooks thread of `module.register`.
    pub(crate) module_hooks: bool,
}

impl WorkerSide {
    /// Tells the parent that the worker ran out of memory.
    pub(crate) fn report_oom(&self) {
        self.parent.push(Event::OutOfMemory(self.id));
    }
    /// Tells the parent about an error that escaped the worker's JavaScript.
    pub(crate) fn report_error(&self, message: &str) {
        let json = format!("[\"E\",\"Error\",{m},{m}]", m = json_string(message));
        self.parent.push(Event::Error(
            self.id,
            Payload {
                json,
                buffers: Vec::new(),
            },
        ));
    }
}

pub(crate) fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Ends the worker's JavaScript now: an uncatchable exception unwinds it (the cancelled token
/// stops whatever a nested run might catch).
pub(crate) fn throw_stop(ctx: &Ctx<'_>, side: &WorkerSide) -> jsvm::engine::rquickjs::Error {
    side.token.cancel();
    let e = match Exception::from_message(ctx.clone(), "worker stopped") {
        Ok(e) => e.into_value(),
        Err(e) => return e,
    };
    unsafe { qjs::JS_SetUncatchableError(ctx.as_raw().as_ptr(), e.as_raw()) };
    ctx.throw(e)
}
