//! JavaScript exceptions and library errors, both ways: a thrown value described as an
//! [`Error`] (its reading bounded by the host budget), and an [`Error`] thrown into JavaScript
//! as Node throws it.

use rquickjs::{qjs, Ctx, FromJs, Object, Value};

use crate::error::{Error, Result, SyntaxError, Thrown};
use crate::interrupt::Stop;
use crate::runtime::state::RuntimeState;

/// Runs `f` (library work that may call JavaScript: describing, converting, running jobs)
/// inside a frame for `budget`. If the frame fires, whatever `f` made of the interruption is
/// replaced by the stop itself, and the engine is left ready for the next run.
pub(crate) fn within<'js, R>(
    ctx: &Ctx<'js>,
    interrupts: &crate::interrupt::Interrupts,
    budget: &crate::interrupt::Budget,
    f: impl FnOnce(&Ctx<'js>) -> Result<R>,
) -> Result<R> {
    let frame = interrupts.enter_until(budget.deadline, budget.timeout_ms, budget.token.clone());
    let result = f(ctx);
    match frame.take_stop() {
        Some(stop) => {
            if ctx.has_exception() {
                drop(ctx.catch());
            }
            unsafe { qjs::JS_ResetUncatchableError(ctx.as_raw().as_ptr()) };
            crate::stack::disarm_interruptions(ctx);
            Err(stop_error(stop))
        }
        None => result,
    }
}

pub(crate) fn stop_error(stop: Stop) -> Error {
    match stop {
        Stop::Timeout(ms) => Error::Timeout { ms },
        Stop::Cancelled => Error::Interrupted,
    }
}

/// Takes the pending exception of the runtime and describes it.
pub(crate) fn describe_caught(ctx: &Ctx<'_>) -> Error {
    let v = ctx.catch();
    describe_value(ctx, &v)
}

/// Whether `v`, thrown, is the engine's refusal of an allocation for the memory limit: its
/// "out of memory" error, or `null` when even that error had no room, thrown while the heap is
/// at its limit or after the code running met it (see [`crate::MemoryUsage::refused_since_run`]).
/// Read without running code. A host that treats a full heap as fatal, as Node does, asks this
/// of what its own code failed with.
pub fn is_heap_limit_error<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> bool {
    let heap = &RuntimeState::of(ctx).heap;
    (heap.refused_since_run() || heap.exhausted())
        && (v.is_null() || crate::stack::is_out_of_memory_error(ctx, v))
}

/// Describes a thrown JavaScript value as a Rust error.
///
/// Reading `name`, `message`, `stack` and `code` may run the value's getters or proxy traps:
/// that happens under the runtime's host budget (inside whatever frames are active, such as
/// the rest of a run's time), whoever asks for the description.
pub(crate) fn describe_value<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> Error {
    let state = RuntimeState::of(ctx);
    // The engine throws `null` when even its "out of memory" error could not be made.
    if v.is_null() && state.heap.exhausted() {
        return Error::OutOfMemory;
    }
    // A limit fired and its owner has not taken it yet (an outer run's, or one of
    // `Runtime::with_limits`): whatever reached Rust (the engine's uncatchable interruption,
    // or the out-of-memory error of an allocation refused to the overdue code) is its doing.
    if let Some(stop) = state.interrupts.fired() {
        return stop_error(stop);
    }
    if !v.is_object() {
        return describe_unbounded(ctx, v);
    }
    let budget = crate::interrupt::Budget::host(state.host_timeout);
    match within(ctx, &state.interrupts, &budget, |ctx| {
        Ok(describe_unbounded(ctx, v))
    }) {
        Ok(e) | Err(e) => e,
    }
}

/// [`describe_value`]'s reading of the value, which the caller bounds.
fn describe_unbounded<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> Error {
    let Some(obj) = v.as_object() else {
        let message = value_to_string(ctx, v);
        return Error::Thrown(Thrown {
            name: String::new(),
            message,
            stack: None,
            code: None,
        });
    };
    let text = |key: &str| -> Option<String> {
        let v: Value = obj.get(key).ok()?;
        bounded_text(ctx, &v)
    };
    let name = text("name").unwrap_or_default();
    let message = text("message").unwrap_or_default();
    if name == "InternalError" && message == "out of memory" {
        return Error::OutOfMemory;
    }
    if name == "RangeError" && message == "Maximum call stack size exceeded" {
        return Error::StackOverflow;
    }
    if name == "SyntaxError" {
        if let Some(s) = syntax_details(obj, &message) {
            return Error::Syntax(s);
        }
    }
    Error::Thrown(Thrown {
        name,
        message,
        stack: text("stack"),
        code: text("code"),
    })
}

/// How many bytes of each text of a description (`name`, `message`, `stack`, `code`, a thrown
/// primitive) are copied out of the engine's heap: the copies are the process's memory, outside
/// the runtime's limit (a thrown 48 MiB string grew the process by three times that beyond a
/// 128 MiB limit). Longer texts are cut, with `…` at the end.
pub const MAX_DESCRIBED_TEXT: usize = 4 << 20;

/// A string's text, at most [`MAX_DESCRIBED_TEXT`] bytes of it (cut at a character). The engine
/// makes its UTF-8 in its own heap, under the limit; only the kept part is copied.
fn bounded_text<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> Option<String> {
    crate::bounded_text::bounded(ctx, v, MAX_DESCRIBED_TEXT)
}

/// Line and column of a syntax error, from the `    at file:line:col` QuickJS puts in its stack.
fn syntax_details(obj: &Object<'_>, message: &str) -> Option<SyntaxError> {
    let stack: String = obj.get("stack").ok()?;
    let first = stack.lines().find(|l| l.trim_start().starts_with("at "))?;
    let loc = first.trim_start().trim_start_matches("at ").trim();
    let loc = loc.trim_start_matches('(').trim_end_matches(')');
    let mut parts = loc.rsplitn(3, ':');
    let column: u32 = parts.next()?.parse().ok()?;
    let line: u32 = parts.next()?.parse().ok()?;
    let filename = parts.next()?.to_string();
    let source_line = obj.get::<_, String>("__jsvmSourceLine").unwrap_or_default();
    Some(SyntaxError {
        message: message.to_string(),
        filename,
        line,
        column,
        source_line,
    })
}

fn value_to_string<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> String {
    let r: rquickjs::Result<rquickjs::String> =
        rquickjs::Coerced::<rquickjs::String>::from_js(ctx, v.clone()).map(|c| c.0);
    match r {
        Ok(s) => bounded_text(ctx, s.as_value()).unwrap_or_default(),
        Err(_) => {
            // toString threw: describe it without running more user code.
            let _ = ctx.catch();
            format!("[{}]", v.type_name())
        }
    }
}

/// Throws a library error into JavaScript as Node would (an Error with `code` for timeouts,
/// interruptions and bad arguments).
///
/// ```
/// use jsvm::engine::{rquickjs::{Function, Value}, throw_error};
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let fail = Function::new(ctx.clone(), |ctx: jsvm::engine::rquickjs::Ctx<'_>| {
///         Err::<(), _>(throw_error(&ctx, &jsvm::Error::Timeout { ms: 5 }))
///     })
///     .unwrap();
///     ctx.globals().set("fail", fail).unwrap();
///     let code: String = ctx.eval("try { fail() } catch (e) { e.code }").unwrap();
///     assert_eq!(code, "ERR_SCRIPT_EXECUTION_TIMEOUT");
/// });
/// ```
pub fn throw_error<'js>(ctx: &Ctx<'js>, e: &Error) -> rquickjs::Error {
    if let Error::Syntax(s) = e {
        return match crate::display::syntax_error_value(ctx, s) {
            Ok(v) => ctx.throw(v),
            Err(err) => err,
        };
    }
    // Made from the realm's own constructors, running none of its code (made_error.rs): the
    // timeout error is thrown when the run's time is over.
    let kind = match e {
        Error::StackOverflow => crate::made_error::Kind::RangeError,
        Error::InvalidArgument(_) => crate::made_error::Kind::TypeError,
        Error::OutOfMemory => crate::made_error::Kind::InternalError,
        _ => crate::made_error::Kind::Error,
    };
    let code = e.code().filter(|_| !matches!(e, Error::Thrown(_)));
    match crate::made_error::make(ctx, kind, &e.message(), code, None) {
        Ok(v) => ctx.throw(v),
        Err(err) => err,
    }
}
