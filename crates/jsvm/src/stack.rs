//! V8-style stack traces: `Error: message` then `    at name (file:line:col)` frames.
//!
//! QuickJS's own `stack` lists frames only, in its own format; programs written for Node print
//! and parse V8's. QuickJS-ng calls `Error.prepareStackTrace` with V8-like call sites when an
//! error is created, so each context gets a native formatter there (user code may replace it,
//! as in V8). Where the engine's wording or positions differ from V8's in ways a reader of the
//! source can settle, the formatter settles them from the script's source line:
//! - `new X()`: QuickJS points at `X`, V8 at `new`;
//! - `not a function`: V8 names the callee (`vm.runInDebugContext is not a function`);
//! - a few messages worded differently (`cannot read property 'x' of null`).
//!
//! A call site must never give code a function of another realm (its `.constructor` would
//! lead to that realm's `Function`, hence its global): the engine's call sites are checked
//! before any code sees them, see [`hide_functions`].

mod hidden;
mod holder;
mod in_flight;
pub(crate) use in_flight::forget as forget_in_flight;
pub(crate) use in_flight::probe as probe_in_flight;

/// Tells the library that the engine caught an exception itself, where no `catch` of code
/// did: an async function's or a promise executor's throw, made the rejection of its promise
/// (a host's promise rejection tracker is told of it, unhandled). The next throw of an error
/// made earlier (`const e = new Error(); ...; throw e`) then reaches the stack formatter, and
/// gets Node's arrow at the throw, not where the error was made. The job runner does the same
/// after each promise job.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     ctx.eval::<(), _>("(async () => { throw new Error('boom') })().catch(() => {})")
///         .unwrap();
///     jsvm::engine::exception_caught_by_engine(&ctx);
/// });
/// ```
pub fn exception_caught_by_engine(ctx: &Ctx<'_>) {
    in_flight::forget(ctx);
}
mod inferred;
mod invariants;
pub use hidden::{hide_frames, HiddenFrames};
pub use holder::name_frames_by_holder;
mod as_data;
mod interruptions;
mod lazy;
mod link_error;
mod made_sites;
mod operands;
mod own;
mod reading;
mod receiver;
mod reword;
mod source_columns;

use inferred::LINE_BUDGET;
use own::{own_descriptor, own_property, own_text, replace_message, Own};

use interruptions::MAX_KEPT_INTERRUPTIONS;
pub(crate) use interruptions::{disarm_if_interruption, disarm_interruptions};
pub use link_error::{
    link_error_message, settle_any_rejection, settle_job_error, settle_link_error,
};
pub(crate) use reading::function_to_string;
use reading::{
    constructor_name, function_source_reader, header, made_with_stack, of_realm, text_of, Reading,
};
pub(crate) use receiver::probe as probe_receivers;
#[cfg(test)]
use reword::v8_wording;
use reword::{
    class_name, destructured, incompatible_receiver, is_global_property, not_iterable_pattern,
    reword, shown_key, shown_value,
};
use source_columns::{
    assignment_at, call_column, property_column, read_only_column, return_column, settle,
};

use std::ffi::c_int;
use std::sync::Arc;

use crate::call_text::is_ident;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU32, Ordering};

use rquickjs::class::{ClassKind, JsCell, JsClass, Readable, Trace, Tracer};
use rquickjs::function::{Constructor, Params, This};
use rquickjs::object::Property;
use rquickjs::{
    qjs, Array, Class, Ctx, FromJs, Function, IntoJs, JsLifetime, Object, Persistent, Result, Value,
};

use crate::runtime::state::RuntimeState;

/// Installs stack traces in the realm whose `Error` is given. The engine calls [`prepare`] for
/// each error it makes, from a slot of the realm that only `Error`'s own `prepareStackTrace`
/// accessor reaches; the accessor is taken away, so no code can read or replace what the engine
/// calls. `Error.prepareStackTrace` becomes an ordinary property, as in V8, which [`prepare`]
/// reads: the default formatter in the `main` context (as in Node), absent in the others (as
/// in Node's vm contexts). `builtins` holds the realm's builtins (its global, or a context's
/// holder, which makes them on first read: `lazy_builtins`, see as_data.rs).
///
/// Returns what the engine calls: one function for all realms of a runtime, the main realm's
/// (code reaches it from no realm, and the engine calls it in the realm of the error made).
pub(crate) fn install<'js>(
    ctx: &Ctx<'js>,
    builtins: &Object<'js>,
    lazy_builtins: bool,
    error_ctor: &Object<'js>,
    main: bool,
) -> Result<Function<'js>> {
    let shared = {
        let state = RuntimeState::of(ctx);
        let main_realm = state.main_realm.borrow();
        main_realm
            .as_ref()
            .and_then(|m| m.prepare.clone())
            .and_then(|f| f.restore(ctx).ok())
    };
    // An rquickjs function, not a plain C one: the engine calls it for a stack overflow's
    // error, at the stack's end, where it refuses a C function's call (it checks the stack for
    // those, not for a class's call handler).
    let f = match shared {
        Some(f) => f,
        None => Function::new(ctx.clone(), prepare)?,
    };
    error_ctor.set("prepareStackTrace", f.clone())?;
    error_ctor.remove("prepareStackTrace")?;
    install_stack_trace_limit(ctx, error_ctor)?;
    lazy::install(ctx, error_ctor)?;
    as_data::install(ctx, builtins, lazy_builtins)?;
    // The engine's `stack` accessor on `Error.prototype` goes: V8 has none, each error holds
    // its own (see `lazy`), and an object merely inheriting from `Error.prototype` takes any
    // value as an own property (less sets `this.stack = e.stack`, undefined, where the
    // engine's setter throws for a non-string).
    let error_proto: Object = error_ctor.get("prototype")?;
    error_proto.remove("stack")?;
    if main {
        // A function's prototype, this realm's (code calls it through `.call` and `.apply`).
        let function_proto = unsafe {
            Value::from_raw(ctx.clone(), qjs::JS_GetFunctionProto(ctx.as_raw().as_ptr()))
        };
        let function_proto = Object::from_value(function_proto)?;
        let formatter = Class::instance_proto(Formatter, function_proto)?;
        // Node's own name and arity: programs tell Node's default from one of their own by
        // them (`/^function ErrorPrepareStackTrace/` on its text, CoffeeScript's register).
        for (key, value) in [
            ("length", 2.into_js(ctx)?),
            ("name", "ErrorPrepareStackTrace".into_js(ctx)?),
        ] {
            formatter.prop(key, Property::from(value).configurable())?;
        }
        error_ctor.prop(
            "prepareStackTrace",
            Property::from(formatter).writable().configurable(),
        )?;
    }
    Ok(f)
}

/// `Error.stackTraceLimit` as V8 has it: any value may be stored and is read back, and only a
/// number is a limit (anything else takes no frames). The engine converts what it holds to a
/// number each time it makes an error, calling an object's `valueOf`, inside its stack
/// building, which drops an interruption: code there could outlast any timeout. So the engine
/// is only ever given numbers.
fn install_stack_trace_limit<'js>(ctx: &Ctx<'js>, error_ctor: &Object<'js>) -> Result<()> {
    let c = ctx.as_raw().as_ptr();
    // Raw calls: this runs for every context (a tenth of what the library adds to one).
    unsafe {
        if qjs::JS_IsProxy(error_ctor.as_raw()) {
            return Ok(());
        }
        let atom = qjs::JS_NewAtom(c, c"stackTraceLimit".as_ptr());
        let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
        let r = qjs::JS_GetOwnProperty(c, &mut desc, error_ctor.as_raw(), atom);
        if r < 0 {
            qjs::JS_FreeAtom(c, atom);
            drop(ctx.catch());
            return Ok(());
        }
        let getter = Value::from_raw(ctx.clone(), desc.getter);
        let setter = Value::from_raw(ctx.clone(), desc.setter);
        let _value = Value::from_raw(ctx.clone(), desc.value);
        let accessor = r > 0 && desc.flags & qjs::JS_PROP_GETSET as c_int != 0;
        if !accessor || !getter.is_function() || !setter.is_function() {
            // Not the engine's accessor: nothing converts behind code's back.
            qjs::JS_FreeAtom(c, atom);
            return Ok(());
        }
        let initial = qjs::JS_Call(c, desc.getter, error_ctor.as_raw(), 0, std::ptr::null_mut());
        let holder = qjs::JS_NewObjectProto(c, qjs::JS_NULL);
        let holder = Value::from_raw(ctx.clone(), holder);
        let initial = Value::from_raw(ctx.clone(), initial);
        let ok = !initial.is_exception()
            && !holder.is_exception()
            && qjs::JS_DefinePropertyValueStr(
                c,
                holder.as_raw(),
                c"set".as_ptr(),
                qjs::JS_DupValue(c, setter.as_raw()),
                0,
            ) >= 0
            && qjs::JS_DefinePropertyValueStr(
                c,
                holder.as_raw(),
                c"value".as_ptr(),
                qjs::JS_DupValue(c, initial.as_raw()),
                qjs::JS_PROP_WRITABLE as c_int,
            ) >= 0;
        if !ok {
            qjs::JS_FreeAtom(c, atom);
            return Err(rquickjs::Error::Exception);
        }
        // Plain C functions made in the realm (its `Function.prototype`, as code must see): no
        // closure, box or own shape per context, as rquickjs functions need. They hold the
        // holder (the engine's setter and the value code stored), which no code reaches: code
        // calling the engine's setter itself could store an object the engine converts as above.
        let made = |f: qjs::JSCFunctionData, name: &std::ffi::CStr, length: c_int| {
            let mut data = [holder.as_raw()];
            let v = qjs::JS_NewCFunctionData2(c, f, name.as_ptr(), length, 0, 1, data.as_mut_ptr());
            Value::from_raw(ctx.clone(), v)
        };
        let get = made(Some(limit_get), c"get stackTraceLimit", 0);
        let set = made(Some(limit_set), c"set stackTraceLimit", 1);
        let flags = qjs::JS_PROP_HAS_GET
            | qjs::JS_PROP_HAS_SET
            | qjs::JS_PROP_HAS_CONFIGURABLE
            | qjs::JS_PROP_CONFIGURABLE
            | qjs::JS_PROP_THROW;
        let r = match get.is_exception() || set.is_exception() {
            true => -1,
            false => qjs::JS_DefineProperty(
                c,
                error_ctor.as_raw(),
                atom,
                qjs::JS_UNDEFINED,
                get.as_raw(),
                set.as_raw(),
                flags as _,
            ),
        };
        qjs::JS_FreeAtom(c, atom);
        if r < 0 {
            return Err(rquickjs::Error::Exception);
        }
        // The engine's own number gets the room for hidden frames too.
        if let Some(d) = initial.as_number() {
            let mut room = [qjs::JS_NewFloat64(engine_limit(d))];
            let r = qjs::JS_Call(
                c,
                setter.as_raw(),
                error_ctor.as_raw(),
                1,
                room.as_mut_ptr(),
            );
            if qjs::JS_IsException(r) {
                return Err(rquickjs::Error::Exception);
            }
            qjs::JS_FreeValue(c, r);
        }
    }
    Ok(())
}

/// Runs `f` as the body of a C function of `ctx`'s realm: its value, or the exception thrown.
unsafe fn as_c_function(
    c: *mut qjs::JSContext,
    this: qjs::JSValue,
    f: impl for<'js> FnOnce(Ctx<'js>, Value<'js>) -> Result<Value<'js>>,
) -> qjs::JSValue {
    let Some(raw) = std::ptr::NonNull::new(c) else {
        return qjs::JS_EXCEPTION;
    };
    let ctx = Ctx::from_raw(raw);
    let this = Value::from_raw(ctx.clone(), qjs::JS_DupValue(c, this));
    match f(ctx.clone(), this) {
        // The value stays ours once `v` is dropped.
        Ok(v) => qjs::JS_DupValue(c, v.as_raw()),
        Err(rquickjs::Error::Exception) => qjs::JS_EXCEPTION,
        Err(e) => {
            let _ = rquickjs::Exception::throw_type(&ctx, &e.to_string());
            qjs::JS_EXCEPTION
        }
    }
}

/// The holder a `stackTraceLimit` accessor function was made with (its data 0).
unsafe fn limit_holder<'js>(ctx: &Ctx<'js>, data: *mut qjs::JSValue) -> Result<Object<'js>> {
    let holder = Value::from_raw(ctx.clone(), qjs::JS_DupValue(ctx.as_raw().as_ptr(), *data));
    Object::from_value(holder)
}

/// `Error.stackTraceLimit`'s getter: the value code stored.
unsafe extern "C" fn limit_get(
    c: *mut qjs::JSContext,
    this: qjs::JSValue,
    _argc: c_int,
    _argv: *mut qjs::JSValue,
    _magic: c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    as_c_function(c, this, |ctx, _this| {
        limit_holder(&ctx, data)?.get::<_, Value>("value")
    })
}

/// `Error.stackTraceLimit`'s setter: keeps the value, and gives the engine a number.
unsafe extern "C" fn limit_set(
    c: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    _magic: c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    let value = match argc > 0 {
        true => qjs::JS_DupValue(c, *argv),
        false => qjs::JS_UNDEFINED,
    };
    as_c_function(c, this, move |ctx, this| {
        let value = Value::from_raw(ctx.clone(), value);
        let holder = limit_holder(&ctx, data)?;
        // Room for the frames hidden after capture (see `engine_limit`).
        let limit = match value.as_number() {
            Some(d) => Value::new_float(ctx.clone(), engine_limit(d)),
            None => Value::new_int(ctx.clone(), 0),
        };
        holder.set("value", value)?;
        let engine: Function = holder.get("set")?;
        engine.call::<_, ()>((This(this), limit))?;
        Ok(Value::new_undefined(ctx))
    })
}

/// What the engine calls for each error it makes, `this` being the realm's own `Error`. As
/// Node's polyfill of V8's API (lib/internal/errors.js): a function `Error.prepareStackTrace`
/// formats, given the call sites (once they may be seen, see [`hide_functions`]); the property
/// is read as any other (a getter runs), twice as Node reads it. Otherwise the default format,
/// whose header is read when `stack` is first read (lazy.rs).
fn prepare<'js>(
    ctx: Ctx<'js>,
    this: This<Value<'js>>,
    error: Value<'js>,
    sites: Value<'js>,
) -> Result<Value<'js>> {
    if made_with_stack(&error) {
        // QuickJS's class for a refusal V8 makes another (before the header is read).
        crate::made_error::as_v8_class(&ctx, &error);
    }
    let mut by_constructor = false;
    let stack = prepare_stack(ctx.clone(), this, error.clone(), sites, &mut by_constructor)?;
    // An error made by a call of its constructor (`const e = new Error(); ...; throw e`) is
    // thrown later, if at all. The engine keeps what this returns as the stack of the
    // exception in flight, and passes a throw here only while it keeps none: undefined (the
    // error holds its own `stack`, so the engine keeps nothing else of it) has its throw come
    // here, where Node's arrow takes its position (`remember_throw`).
    if by_constructor && lazy::has_own_stack(&error) {
        // Nor what an exception the engine caught itself left there (see in_flight.rs).
        in_flight::forget(&ctx);
        return Ok(Value::new_undefined(ctx));
    }
    Ok(stack)
}

/// The stack [`prepare`] gives `error`; `by_constructor` set when the error is made by a
/// call of its constructor.
fn prepare_stack<'js>(
    ctx: Ctx<'js>,
    this: This<Value<'js>>,
    error: Value<'js>,
    sites: Value<'js>,
    by_constructor: &mut bool,
) -> Result<Value<'js>> {
    let capture = lazy::capture_of(&error);
    if capture.is_none() && (!made_with_stack(&error) || lazy::has_own_stack(&error)) {
        // Formatted again as it passes through frames (or not an error at all): the engine
        // keeps nothing of it. Not undefined, which asks the engine to come back at each frame.
        // The first pass after a catch is a throw of it again: Node's arrow marks the last.
        if let Some(error_ctor) = this.0.as_object() {
            remember_throw(&ctx, error_ctor, &error);
        }
        return Ok(Value::new_bool(ctx, false));
    }
    // Frames of the `captureStackTrace` wrapper (lazy.rs) dropped from the sites.
    let skip = capture.map_or(0, |user_filter| wrapper_frames(&sites, user_filter));
    // Frames started from code's filter function: the first is a call of that function.
    let first_callee = match (capture, skip) {
        (Some(true), 0) => lazy::capture_filter_name(&error),
        _ => None,
    };
    let first_callee = first_callee.as_deref();
    let capture = capture.is_some();
    // Code's `Error.stackTraceLimit`: the engine was given more (see `engine_limit`).
    let limit = this.0.as_object().and_then(|e| code_limit(&ctx, e));
    if let Some(header) = crate::made_error::in_making() {
        cut_to_limit(&ctx, &sites, skip, limit);
        let mut frames = settled_frames(
            &ctx,
            &error,
            &sites,
            true,
            &Reading::Made(header.clone()),
            first_callee,
        )?;
        frames.drain(..skip.min(frames.len()));
        drop_hidden(&mut frames);
        let text = header + &frames_text(&frames);
        return Ok(lazy::fixed(&error, capture, text.into_js(&ctx)?));
    }
    let state = RuntimeState::of(&ctx);
    if state.interrupts.fired().is_some() {
        // Most likely the engine's interruption error (made uncatchable right after this):
        // kept to be made an ordinary value once the stop is over.
        if error.is_object() {
            let mut kept = state.interruptions.borrow_mut();
            if kept.len() < MAX_KEPT_INTERRUPTIONS {
                kept.push(Persistent::save(&ctx, error.clone()));
                // Any other error made now (an out-of-memory error when the heap is full) is
                // made uncatchable too: the engine dropped the interruption if it came while
                // it built a stack, and then, in a loop that catches every error and makes
                // one each turn, the next check would land there again, each time.
                unsafe { qjs::JS_SetUncatchableError(ctx.as_raw().as_ptr(), error.as_raw()) };
            }
        }
        // A limit fired: the engine would drop its interruption inside code called here (the
        // stack is built whatever that code throws), and code erring in a loop would go on.
        // Nothing runs, and nothing is formatted (errors made in a loop until the next
        // check would each cost it): the run is ending anyway.
        return Ok(Value::new_undefined(ctx));
    }
    let Some(error_ctor) = this.0.as_object() else {
        let text = format(&ctx, &error, &sites, true, Reading::Made("Error".into()))?;
        return text.into_js(&ctx);
    };
    // The engine also calls this realm's hook for an error of another realm passing through
    // its frames: code of this realm must not be handed it (nor its call sites).
    let foreign = is_foreign_error(error_ctor, &error);
    // (`captureStackTrace` starts where code's filter says.)
    let sites = match foreign || capture {
        true => sites,
        false => {
            let (sites, made_by_call) = below_new_target(&ctx, &error, sites)?;
            *by_constructor = made_by_call;
            sites
        }
    };
    cut_to_limit(&ctx, &sites, skip, limit);
    let reading = Reading::OwnRealm(error_ctor);
    let custom: Value = error_ctor.get("prepareStackTrace")?;
    if custom.is_function() && !is_formatter(&custom) && !foreign {
        // The message in V8's words, and the position for Node's arrow.
        let mut frames = settled_frames(&ctx, &error, &sites, true, &reading, first_callee)?;
        frames.drain(..skip.min(frames.len()));
        remember_position(&ctx, &error, &frames);
        store_settled_columns(&sites, skip, &frames);
        let aligned = sites
            .as_array()
            .is_some_and(|a| a.len() == skip + frames.len());
        let sites = drop_sites(&ctx, sites, skip, &frames)?;
        let shown = SiteShown::of(&frames);
        let mut kept: Vec<&Site> = frames.iter().filter(|f| shown.keeps(f)).collect();
        // The async functions awaiting, as sites of their own after the stack's (as V8's).
        let awaiting;
        if let Some(sites) = sites.as_array().filter(|_| aligned) {
            awaiting = awaiting_frames(&ctx, sites.len(), limit);
            let made = append_awaiting_sites(&ctx, sites, &awaiting)?;
            kept.extend(&awaiting[..made]);
        }
        if let Some(sites) = sites.as_array() {
            hide_functions(&ctx, error_ctor, sites)?;
            complete_site_prototype(&ctx, sites)?;
        }
        // What the settled frames know of receivers, for the sites' getters.
        SiteFacts::keep(&ctx, aligned.then_some(()).and(sites.as_array()), &kept)?;
        let custom: Function = error_ctor.get("prepareStackTrace")?;
        let stack = custom.call((This(error_ctor.clone()), error.clone(), sites.clone()))?;
        return lazy::refreshable(&ctx, &error, capture, stack, &custom, &this.0, &sites);
    }
    let mut frames = settled_frames(&ctx, &error, &sites, true, &reading, first_callee)?;
    frames.drain(..skip.min(frames.len()));
    drop_hidden(&mut frames);
    append_awaiters(&ctx, &mut frames, limit);
    let head = header(&error, &reading);
    let text = frames_text(&frames);
    if foreign {
        return Ok(lazy::fixed(&error, capture, (head + &text).into_js(&ctx)?));
    }
    if crate::main_prepare::applies(&ctx, is_formatter) {
        remember_position(&ctx, &error, &frames);
        let name = error.as_object().and_then(|o| text_of(o, "name", &reading));
        let copies: Vec<_> = frames
            .iter()
            .filter(|f| !is_call_or_apply(f))
            .map(main_frame)
            .collect();
        let whole = format!("{head}{text}");
        if let Some(stack) = crate::main_prepare::format(&ctx, &error, name, &whole, &copies) {
            return Ok(lazy::fixed(&error, capture, stack));
        }
    }
    // Of this realm (a target of `captureStackTrace` may be any object code holds).
    let own = error
        .as_object()
        .is_some_and(|o| reaches_object_prototype(error_ctor, o));
    if !own {
        return Ok(lazy::fixed(&error, capture, (head + &text).into_js(&ctx)?));
    }
    lazy::attach(&ctx, &error, capture, head, text)
}

/// What V8's call sites say of a frame's receiver that the engine's do not hold.
struct SiteFact {
    type_name: Option<String>,
    method_name: Option<String>,
    /// A frame of no method call (`isToplevel`).
    toplevel: bool,
    /// The function's name is V8's null (a module's top level, which the host names
    /// `Object.<anonymous>` for its frames).
    no_name: bool,
    /// The frame as the default format prints it (`toString`).
    text: String,
    /// V8's inferred name of an anonymous function (`getFunctionName`).
    inferred_name: Option<String>,
    /// An async function awaiting (`isAsync`).
    awaiting: bool,
    /// A `Promise.all` (`allSettled`, `any`) awaiting, for this element (`getPromiseIndex`).
    promise_index: Option<i32>,
}

/// The facts of the call sites handed to code's `Error.prepareStackTrace`, kept on each site
/// for as long as code keeps it (libraries keep them past the formatter: `callsites`): under a
/// symbol of the runtime's, as an object of a class of the library's, which code may see but
/// not read into or change.
struct SiteFacts(SiteFact);

impl<'js> Trace<'js> for SiteFacts {
    fn trace<'a>(&self, _tracer: Tracer<'a, 'js>) {}
}

unsafe impl<'js> JsLifetime<'js> for SiteFacts {
    type Changed<'to> = SiteFacts;
}

impl<'js> JsClass<'js> for SiteFacts {
    const NAME: &'static str = "CallSiteFacts";
    const KIND: ClassKind = ClassKind::Plain;
    type Mutable = Readable;
    /// None: the engine's class objects of the library are made in any realm, and rquickjs
    /// keeps one prototype per runtime, which would be the first realm's object.
    fn prototype(_ctx: &Ctx<'js>) -> rquickjs::Result<Option<rquickjs::Object<'js>>> {
        Ok(None)
    }
    fn constructor(_ctx: &Ctx<'js>) -> Result<Option<Constructor<'js>>> {
        Ok(None)
    }
}

impl SiteFacts {
    /// The runtime's symbol for the facts, as an atom (the caller frees it).
    fn key(ctx: &Ctx<'_>) -> Option<qjs::JSAtom> {
        let state = RuntimeState::of(ctx);
        let mut slot = state.site_facts_key.borrow_mut();
        let symbol = match slot.as_ref().and_then(|k| k.clone().restore(ctx).ok()) {
            Some(s) => s,
            None => {
                let c = ctx.as_raw().as_ptr();
                let v = unsafe {
                    Value::from_raw(
                        ctx.clone(),
                        qjs::JS_NewSymbol(c, c"callSiteFacts".as_ptr(), false),
                    )
                };
                let s = v.into_symbol()?;
                *slot = Some(Persistent::save(ctx, s.clone()));
                s
            }
        };
        let atom = unsafe { qjs::JS_ValueToAtom(ctx.as_raw().as_ptr(), symbol.as_raw()) };
        (atom != 0).then_some(atom)
    }

    /// Keeps on each of `sites` its frame's facts (`frames`: the settled frames they were
    /// made from, in order).
    fn keep<'js>(ctx: &Ctx<'js>, sites: Option<&Array<'js>>, frames: &[&Site]) -> Result<()> {
        let Some(sites) = sites else {
            return Ok(());
        };
        if frames.len() != sites.len() {
            return Ok(());
        }
        let Some(key) = Self::key(ctx) else {
            return Ok(());
        };
        let c = ctx.as_raw().as_ptr();
        let mut result = Ok(());
        for (site, f) in sites.iter::<Object>().zip(frames) {
            let Ok(site) = site else { continue };
            // (type, method, top level, no function name), as V8's sites say them.
            let (type_name, method_name, toplevel, no_name) = match (&f.method, &f.type_name) {
                // V8's `Promise.all` site: its receiver is the constructor.
                _ if f.promise_index.is_some() => {
                    (Some("Function".into()), f.name.clone(), false, false)
                }
                (Some(m), _) => {
                    let t = match m.function_receiver {
                        true => Some("Function".into()),
                        false => m.type_name.clone(),
                    };
                    (t, m.method_name.clone(), false, false)
                }
                (None, Some(t)) if !f.ctor => (Some(t.to_string()), f.name.clone(), false, false),
                // A module's top level, which the host names `Object.<anonymous>`.
                _ if f.name.as_deref() == Some("Object.<anonymous>") => {
                    (Some("Object".into()), None, false, true)
                }
                _ => (None, None, !f.ctor, false),
            };
            let fact = SiteFact {
                type_name,
                method_name,
                toplevel,
                no_name,
                text: frame_text(f),
                inferred_name: f.inferred.then(|| f.name.clone()).flatten(),
                awaiting: f.awaiting,
                promise_index: f.promise_index,
            };
            let record = match Class::instance(ctx.clone(), SiteFacts(fact)) {
                Ok(r) => r,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            };
            // Read-only and not configurable: what code reads of the site stays the frame's.
            let r = unsafe {
                qjs::JS_DefinePropertyValue(
                    c,
                    site.as_raw(),
                    key,
                    qjs::JS_DupValue(c, record.as_raw()),
                    0,
                )
            };
            if r < 0 {
                result = Err(rquickjs::Error::Exception);
                break;
            }
        }
        unsafe { qjs::JS_FreeAtom(c, key) };
        result
    }

    /// The facts kept on the engine's call site `site`, read by `read`.
    fn of<T>(site: &Object<'_>, read: impl FnOnce(&SiteFact) -> T) -> Option<T> {
        site_data(site, false)?;
        let ctx = site.ctx();
        let key = Self::key(ctx)?;
        let held = crate::descriptor::own(ctx, site.as_value(), key);
        unsafe { qjs::JS_FreeAtom(ctx.as_raw().as_ptr(), key) };
        let held = held.filter(|p| !p.is_accessor())?;
        let record = Class::<SiteFacts>::from_value(&held.value).ok()?;
        let facts = record.borrow();
        Some(read(&facts.0))
    }
}

/// How many of the first sites are the `captureStackTrace` wrapper's (lazy.rs): its frame comes
/// first, unless the engine started from code's filter function (then not at all); all of
/// them when that function was not found on the stack (V8 then gives no frames).
fn wrapper_frames(sites: &Value<'_>, user_filter: bool) -> usize {
    let Some(sites) = sites.as_array() else {
        return 0;
    };
    let first = sites.get::<Option<Object>>(0).ok().flatten();
    let is_wrapper = first.is_some_and(|site| {
        let site = read_site(&site, true);
        matches!(site.location, Location::Native)
            && site.name.as_deref() == Some("captureStackTrace")
    });
    match (is_wrapper, user_filter) {
        (false, _) => 0,
        (true, false) => 1,
        (true, true) => sites.len(),
    }
}

/// `sites` without the first `skip`, nor those of `Function.prototype.call` and `apply`, which
/// V8 gives no call site, nor those the host hides (as the default format leaves them out), as
/// a new array of the realm (`frames`: the settled sites after `skip`, one for each).
fn drop_sites<'js>(
    ctx: &Ctx<'js>,
    sites: Value<'js>,
    skip: usize,
    frames: &[Site],
) -> Result<Value<'js>> {
    let Some(all) = sites.as_array() else {
        return Ok(sites);
    };
    let aligned = all.len() == skip + frames.len();
    let shown = SiteShown::of(frames);
    let dropping = aligned && frames.iter().any(|f| !shown.keeps(f));
    if skip == 0 && !dropping {
        return Ok(sites);
    }
    let kept = Array::new(ctx.clone())?;
    let mut n = 0;
    for (i, site) in all.iter::<Value>().skip(skip).enumerate() {
        let site = site?;
        if dropping && !shown.keeps(&frames[i]) {
            continue;
        }
        kept.set(n, site)?;
        n += 1;
    }
    Ok(kept.into_value())
}

/// How many frames the engine is given to capture for a limit of `limit` (code's
/// `Error.stackTraceLimit`): frames hidden after capture (`call` and `apply`, the host's loop)
/// must not count against the limit, so more are captured and the sites cut after hiding
/// ([`cut_to_limit`]): twice the limit (a frame of `call` under each frame shown, as a
/// recursion through `f.call` makes), within the engine's 64. Each frame captured costs: a
/// deeper stack made more frames captured and read (see docs/design.md).
fn engine_limit(limit: f64) -> f64 {
    match limit.is_nan() || limit <= 0.0 {
        true => limit,
        false => (limit.floor() * 2.0).min(64.0).max(limit.min(64.0)),
    }
}

/// Code's `Error.stackTraceLimit` of the realm whose `Error` is `error_ctor`, read without
/// running code (nor calling any function: a call polls the engine's interrupt, whose error
/// must not be dropped here): the value the holder of the accessor
/// [`install_stack_trace_limit`] made keeps, or an own data property code defined in its
/// place; as V8 reads it (0 for anything but a number). `None` when it cannot be read so (an
/// accessor of code's).
fn code_limit<'js>(ctx: &Ctx<'js>, error_ctor: &Object<'js>) -> Option<usize> {
    const JS_CLASS_C_FUNCTION_DATA: u32 = 15;
    let value = match own_descriptor(ctx, error_ctor, "stackTraceLimit", false)? {
        Own::Data(v) => v,
        Own::Accessor(getter) => {
            if !getter.is_object()
                || unsafe { qjs::JS_GetClassID(getter.as_raw()) } != JS_CLASS_C_FUNCTION_DATA
            {
                return None;
            }
            // `JSCFunctionDataRecord`: `func`, then `length` and `data_len` (bytes), `magic`
            // (two), and `data` at the next JSValue's alignment. Only the getter made here
            // (its function and its one datum, the holder) is read.
            let record = unsafe { crate::frames::bytecode::object_union_pointer(&getter) }?;
            let holder = unsafe {
                let func = std::ptr::read_unaligned(record as *const usize);
                let data_len = *record.add(std::mem::size_of::<usize>() + 1);
                if func != limit_get as *const () as usize || data_len != 1 {
                    return None;
                }
                let datum = std::ptr::read_unaligned(record.add(16) as *const qjs::JSValue);
                if qjs::JS_VALUE_GET_TAG(datum) != qjs::JS_TAG_OBJECT {
                    return None;
                }
                Value::from_raw(ctx.clone(), qjs::JS_DupValue(ctx.as_raw().as_ptr(), datum))
            };
            match own_descriptor(ctx, holder.as_object()?, "value", false)? {
                Own::Data(v) => v,
                Own::Accessor(_) => return None,
            }
        }
    };
    let d = value.as_number().unwrap_or(0.0);
    Some(match d.is_nan() || d < 0.0 {
        true => 0,
        false => d.min(i32::MAX as f64) as usize,
    })
}

/// Cuts the engine's `sites` (captured with the room [`engine_limit`] gives) after the first
/// `limit` that the stack shows (after `skip`): those of `call` and `apply` and the host's
/// hidden frames do not count, as V8 gives them no frame. When every frame is hidden (an
/// error the host made itself, which keeps them), the first `limit`. Sites are read (their
/// function, and a builtin's name) only when there are more than `limit`, and only up to the
/// last one kept.
fn cut_to_limit<'js>(ctx: &Ctx<'js>, sites: &Value<'js>, skip: usize, limit: Option<usize>) {
    let (Some(all), Some(limit)) = (sites.as_array(), limit) else {
        return;
    };
    let len = all.len();
    if len <= skip + limit {
        return;
    }
    let marks = hidden::Marks::of(ctx);
    let c = ctx.as_raw().as_ptr();
    // Shown so far; whether the sites from here are below a function whose callers are hidden.
    let mut shown = 0;
    let mut keep = skip + limit;
    let mut below_hidden = false;
    for i in skip..len {
        if shown == limit {
            keep = i;
            break;
        }
        let site = match all.get::<Object>(i) {
            Ok(site) => site,
            Err(_) => {
                drop(ctx.catch());
                return;
            }
        };
        // Unread (the layout unknown), the first `limit` are kept.
        let Some(data) = site_data(&site, true) else {
            keep = skip + limit;
            break;
        };
        // SAFETY: the site holds its data while it is read here.
        let data = unsafe { data.as_ref() };
        let call = data.native != 0
            && matches!(
                string_of(ctx, data.func_name).as_deref(),
                Some("call" | "apply" | "construct")
            );
        let hidden = below_hidden
            || (unsafe { qjs::JS_VALUE_GET_TAG(data.func) } == qjs::JS_TAG_OBJECT && {
                let func = unsafe { Value::from_raw(ctx.clone(), qjs::JS_DupValue(c, data.func)) };
                match marks.of_function(Some(&func)) {
                    None => false,
                    Some(HiddenFrames::Own) => true,
                    Some(HiddenFrames::Below) => {
                        below_hidden = true;
                        false
                    }
                    Some(HiddenFrames::OwnAndBelow) => {
                        below_hidden = true;
                        true
                    }
                }
            });
        if !hidden && !call {
            shown += 1;
        }
        keep = i + 1;
    }
    // Every frame hidden: they are shown (see `drop_hidden`), as many as the limit.
    if shown == 0 {
        keep = skip + limit;
    }
    if keep < len && all.as_object().set("length", keep).is_err() {
        drop(ctx.catch());
    }
}

/// Appends to `sites` one of the engine's call sites for each of `awaiting` (made as the engine
/// makes its own, see made_sites.rs), modelled on the first site; how many were made (none
/// where the engine's sites cannot be made).
fn append_awaiting_sites<'js>(
    ctx: &Ctx<'js>,
    sites: &Array<'js>,
    awaiting: &[Site],
) -> Result<usize> {
    let Some(model) = sites.get::<Option<Object>>(0)? else {
        return Ok(0);
    };
    if awaiting.is_empty() || site_data(&model, false).is_none() {
        return Ok(0);
    }
    let c = ctx.as_raw().as_ptr();
    let first = sites.len();
    for (made, f) in awaiting.iter().enumerate() {
        let (file, line, col) = match &f.location {
            Location::Source { file, line, col } => (Some(file.as_str()), *line, *col),
            _ => (None, -1, -1),
        };
        let string = |text: Option<&str>| -> Result<qjs::JSValue> {
            Ok(match text {
                // SAFETY: a new reference, which the site's data holds from here.
                Some(t) => unsafe {
                    qjs::JS_DupValue(c, rquickjs::String::from_str(ctx.clone(), t)?.as_raw())
                },
                None => qjs::JS_NULL,
            })
        };
        let filename = string(file)?;
        let func_name = string(f.name.as_deref()).inspect_err(|_| {
            // SAFETY: the reference made above, held by nothing else.
            unsafe { qjs::JS_FreeValue(c, filename) }
        })?;
        let data = CallSiteData {
            filename,
            func: qjs::JS_UNDEFINED,
            func_name,
            native: 0,
            constructor: 0,
            line_num: line,
            col_num: col,
        };
        // SAFETY: the engine's allocator, which the site's finalizer frees with; the data is
        // what the engine's call sites hold.
        let held = unsafe { qjs::js_malloc(c, std::mem::size_of::<CallSiteData>() as _) }
            .cast::<CallSiteData>();
        let site = match held.is_null() {
            true => None,
            false => unsafe {
                std::ptr::write(held, data);
                made_sites::made_site(ctx, &model, held.cast())
            },
        };
        let Some(site) = site else {
            // SAFETY: nothing took the data: its references (and memory) are freed here.
            unsafe {
                qjs::JS_FreeValue(c, filename);
                qjs::JS_FreeValue(c, func_name);
                if !held.is_null() {
                    qjs::js_free(c, held.cast());
                }
            }
            return Ok(made);
        };
        sites.set(first + made, site)?;
    }
    Ok(awaiting.len())
}

/// Which settled frames code's formatter is given a site for: not `call` and `apply` (V8
/// gives them none), nor the frames the host hides, unless all would be (see `drop_hidden`).
struct SiteShown {
    hide: bool,
}

impl SiteShown {
    fn of(frames: &[Site]) -> Self {
        SiteShown {
            hide: frames.iter().any(|f| !f.hidden),
        }
    }

    fn keeps(&self, f: &Site) -> bool {
        !(is_call_or_apply(f) || self.hide && f.hidden)
    }
}

/// Gives the engine's call sites (from `skip` on) the lines and columns V8 gives for them, as
/// the default format settles them (`new X(` at `new` whatever its arguments, a failed read at the
/// property), before code's own formatter reads them through `getColumnNumber` (source-map
/// tools map exactly these positions).
fn store_settled_columns(sites: &Value<'_>, skip: usize, frames: &[Site]) {
    let Some(all) = sites.as_array() else { return };
    if all.len() != skip + frames.len() {
        return;
    }
    for (site, frame) in all.iter::<Value>().skip(skip).zip(frames) {
        let (Ok(site), Location::Source { col, line, .. }) = (site, &frame.location) else {
            continue;
        };
        let Some(mut data) = site.as_object().and_then(|o| site_data(o, false)) else {
            continue;
        };
        // SAFETY: the site holds its data; no code has seen the site yet. (The line too: a
        // call spread over lines is at its callee's line.)
        unsafe {
            data.as_mut().col_num = *col;
            data.as_mut().line_num = *line;
        }
    }
}

/// Where an error formatted by code's own `Error.prepareStackTrace` was made (`line:col:file`
/// of its top frame with a source), for Node's arrow (display.rs), which cannot read it from a
/// stack in code's own format. A symbol-keyed property, not enumerable, of errors only.
pub(crate) const MADE_AT: &str = "jsvm.madeAt";

/// A script's top-level `let`, `const` or `class` that conflicts with a binding of the global
/// is refused by V8 before the script runs (its instantiation), so Node's stack has no frame
/// of the script; QuickJS checks as the script's first step, in its frame. That frame (at the
/// script's start, with no function name) is dropped from `error`'s stack when the name the
/// message gives is one of the script's lexical declarations; a `var` or `function` conflicting
/// with a global `let` keeps it, as V8's (it declares those as the script starts). Where the
/// error was made stays known for Node's arrow (the script's start). Runs no code.
pub(crate) fn settle_declaration_conflict<'js>(
    ctx: &Ctx<'js>,
    error: &Value<'js>,
    script: &crate::Script,
) {
    const JS_CLASS_ERROR: u32 = 3;
    let Some(obj) = error.as_object() else { return };
    if unsafe { qjs::JS_GetClassID(obj.as_raw()) } != JS_CLASS_ERROR {
        return;
    }
    let Some(message) = own_text(ctx, obj, "message", true) else {
        return;
    };
    let Some(name) = message
        .strip_prefix("Identifier '")
        .and_then(|r| r.strip_suffix("' has already been declared"))
    else {
        return;
    };
    if !script.declarations().lexicals.iter().any(|l| l == name) {
        return;
    }
    // The lazy stack's accessor runs no JavaScript; code's own accessor is not called.
    let stack = lazy::own_stack_text(ctx, obj);
    let Some(stack) = stack else { return };
    let file = match script.filename() {
        "" => "<anonymous>",
        f => crate::filename::display_filename(f),
    };
    let start = 1 + i64::from(script.line_offset());
    let at = stack.find("\n    at ");
    let script_frame = at.and_then(|at| {
        let rest = &stack[at + "\n    at ".len()..];
        let frame = rest.split('\n').next().unwrap_or_default();
        let (line, col) = frame
            .strip_prefix(file)
            .and_then(|p| p.strip_prefix(':'))
            .and_then(|p| p.split_once(':'))
            .and_then(|(l, c)| Some((l.parse::<i64>().ok()?, c.parse::<i64>().ok()?)))?;
        (line == start).then(|| (at, at + "\n    at ".len() + frame.len(), col))
    });
    // The first frame may be none of the script's: a context refuses a name a script run
    // there declared with `var` or `function` before running the next (context.rs).
    let col = match script_frame {
        Some((from, to, col)) => {
            let kept = format!("{}{}", &stack[..from], &stack[to..]);
            if obj.set("stack", kept).is_err() {
                return;
            }
            col
        }
        None => 1 + i64::from(crate::script::column_pad(script.column_offset())),
    };
    if let Ok(key) = rquickjs::Symbol::new_global(ctx.clone(), MADE_AT) {
        let at = format!("{start}:{col}:{}", script.filename());
        let _ = obj.prop(key, Property::from(at).configurable());
    }
}

/// A script's top-level function named as a property of the global that cannot become one
/// (`NaN`, `Infinity`, `undefined`: not configurable, and not writable or not enumerable):
/// QuickJS refuses it with a TypeError (`cannot define variable 'NaN'`), V8, in a script, with
/// the SyntaxError of any redeclaration. That error, replacing `error`, with its stack under
/// V8's header (the script's frame kept: V8 declares functions as the script starts). For a
/// realm whose global is its own (a contextified global lets the sandbox take the name, in
/// Node). Runs no code.
pub(crate) fn function_over_restricted_global<'js>(
    ctx: &Ctx<'js>,
    error: &Value<'js>,
    script: &crate::Script,
) -> Option<Value<'js>> {
    const JS_CLASS_ERROR: u32 = 3;
    let obj = error.as_object()?;
    if unsafe { qjs::JS_GetClassID(obj.as_raw()) } != JS_CLASS_ERROR {
        return None;
    }
    let message = own_text(ctx, obj, "message", true)?;
    let name = message
        .strip_prefix("cannot define variable '")
        .and_then(|r| r.strip_suffix('\''))?;
    if !script.declarations().functions.iter().any(|f| f == name) {
        return None;
    }
    // Held by the global (not a global that cannot be extended, V8's other refusal).
    own_descriptor(ctx, &ctx.globals(), name, false)?;
    // The lazy stack's accessor runs no JavaScript; code's own accessor is not called.
    let stack = lazy::own_stack_text(ctx, obj)?;
    let message = format!("Identifier '{name}' has already been declared");
    let header = format!("SyntaxError: {message}");
    let frames = stack.find("\n    at ").map_or("", |at| &stack[at..]);
    let made = crate::made_error::make(
        ctx,
        crate::made_error::Kind::SyntaxError,
        &message,
        None,
        None,
    )
    .ok()?;
    made.as_object()?
        .set("stack", format!("{header}{frames}"))
        .ok()?;
    Some(made)
}

fn remember_position<'js>(ctx: &Ctx<'js>, error: &Value<'js>, frames: &[Site]) {
    const JS_CLASS_ERROR: u32 = 3;
    let Some(obj) = error.as_object() else { return };
    if unsafe { qjs::JS_GetClassID(obj.as_raw()) } != JS_CLASS_ERROR {
        return;
    }
    let at = frames.iter().find_map(|f| match &f.location {
        Location::Source { file, line, col } => Some(format!("{line}:{col}:{file}")),
        _ => None,
    });
    if let (Some(at), Ok(key)) = (at, rquickjs::Symbol::new_global(ctx.clone(), MADE_AT)) {
        let _ = obj.prop(key, Property::from(at).configurable());
    }
}

/// Where an error was last thrown again (`line:col:file` lines, the last few, latest last,
/// the column in UTF-16 units, of the innermost frame of code when the engine passes it
/// again after a catch), for Node's
/// arrow over an uncaught error (bootstrap.js), which marks the last throw. A symbol-keyed
/// property, not enumerable, of errors of the realm only (one of another realm passing
/// through is passed on, not thrown here), and not for eval code (whose lines the host
/// cannot read).
pub(crate) const THROWN_AT: &str = "jsvm.thrownAt";

/// A value other than an error (`throw 42`, `throw {}`) holds no position: the runtime keeps
/// the last one's (`RuntimeState::thrown_value`), by identity, for the host's arrow
/// (`display::thrown_value_at`).
fn remember_throw<'js>(ctx: &Ctx<'js>, error_ctor: &Object<'js>, error: &Value<'js>) {
    const JS_CLASS_ERROR: u32 = 3;
    let is_error = error
        .as_object()
        .is_some_and(|obj| unsafe { qjs::JS_GetClassID(obj.as_raw()) } == JS_CLASS_ERROR);
    if is_error && is_foreign_error(error_ctor, error) {
        return;
    }
    let Some(at) = crate::frames::throwing_code(ctx.as_raw().as_ptr()) else {
        return;
    };
    // Eval code's lines are not read; a host's own modules (`node:` names) pass errors on.
    if crate::filename::eval_code_name(&at.filename) == "<input>"
        || crate::filename::display_filename(&at.filename).starts_with("node:")
    {
        return;
    }
    let state = RuntimeState::of(ctx);
    let (line, col) = match state.source_line(&at.filename, at.line) {
        Some(text) => {
            let col = char_column(&text, at.col);
            // The engine places a throw at the end of its value: a value spanning lines puts
            // it below the `throw` statement, where Node's arrow is.
            let earlier = |n: i32| state.source_line(&at.filename, n);
            match throw_above(&text, (col - 1).max(0) as usize, at.line, earlier) {
                Some((line, text, col)) => (line, utf16_column(&text, col as i32 + 1)),
                None => (at.line, utf16_column(&text, col)),
            }
        }
        None => (at.line, at.col),
    };
    let at = format!("{line}:{col}:{}", at.filename);
    let Some(obj) = error.as_object().filter(|_| is_error) else {
        let identity = identity_of(error);
        *RuntimeState::of(ctx).thrown_value.borrow_mut() = Some((identity, at));
        return;
    };
    if let Ok(key) = rquickjs::Symbol::new_global(ctx.clone(), THROWN_AT) {
        if obj.prop(key, Property::from(at).configurable()).is_err() {
            drop(ctx.catch());
        }
    }
}

/// A value's identity as the engine holds it: its tag, and its object's (or string's)
/// address or its bits.
pub(crate) fn identity_of(value: &Value<'_>) -> (i64, u64) {
    let raw = value.as_raw();
    let tag = unsafe { qjs::JS_VALUE_GET_TAG(raw) } as i64;
    let bits = unsafe {
        match tag < 0 {
            true => qjs::JS_VALUE_GET_PTR(raw) as u64,
            false if tag == qjs::JS_TAG_FLOAT64 as i64 => qjs::JS_VALUE_GET_FLOAT64(raw).to_bits(),
            false => qjs::JS_VALUE_GET_INT(raw) as u32 as u64,
        }
    };
    (tag, bits)
}

/// A settled frame as the main realm's copy of a call site gives it.
fn main_frame(f: &Site) -> crate::main_prepare::Frame {
    let (file, line, column) = match &f.location {
        Location::Source { file, line, col } => (
            Some(crate::filename::display_filename(file).to_string()),
            Some(*line),
            Some(*col),
        ),
        Location::File(file) => (Some(file.clone()), None, None),
        Location::Native | Location::Unknown => (None, None, None),
    };
    crate::main_prepare::Frame {
        eval: file.as_deref() == Some("<input>"),
        file,
        line,
        column,
        function: f.name.clone(),
        native: matches!(f.location, Location::Native),
        constructor: f.ctor,
        text: frame_text(f),
    }
}

/// The call sites below the error's constructor, as V8 gives them: the frames up to the
/// function `new` was given (the class whose prototype the error has, read without running
/// code), a subclass of `Error`'s constructors, are left out. And whether there were such
/// frames (the error is made by a call of its constructor, not by the engine's throw).
fn below_new_target<'js>(
    ctx: &Ctx<'js>,
    error: &Value<'js>,
    sites: Value<'js>,
) -> Result<(Value<'js>, bool)> {
    const JS_CLASS_ERROR: u32 = 3;
    let (Some(obj), Some(list)) = (error.as_object(), sites.as_array()) else {
        return Ok((sites, false));
    };
    // Only an error of the engine's class: its prototype is read without running code (a
    // proxy's would run its trap).
    if unsafe { qjs::JS_GetClassID(obj.as_raw()) } != JS_CLASS_ERROR {
        return Ok((sites, false));
    }
    let Some(Own::Data(target)) = obj
        .get_prototype()
        .and_then(|proto| own_property(ctx, &proto, "constructor"))
    else {
        return Ok((sites, false));
    };
    let Some(target) = target.as_object() else {
        return Ok((sites, false));
    };
    // `new Error()`: the engine starts the sites below the constructor's frame, still the
    // current one.
    let called =
        unsafe { crate::frames::current_function(ctx.as_raw().as_ptr()) }.is_some_and(|f| unsafe {
            qjs::JS_VALUE_GET_PTR(f) == qjs::JS_VALUE_GET_PTR(target.as_raw())
        });
    let mut cut = None;
    for (i, site) in list.iter::<Object>().enumerate() {
        let is_target =
            site_function(&site?, true).is_some_and(|(f, _)| f.as_object() == Some(target));
        if is_target {
            cut = Some(i);
            break;
        }
    }
    let Some(cut) = cut else {
        return Ok((sites, called));
    };
    let below = Array::new(ctx.clone())?;
    for (i, site) in list.iter::<Value>().skip(cut + 1).enumerate() {
        below.set(i, site?)?;
    }
    Ok((below.into_value(), true))
}

/// Whether `error` is an error (the engine's class) whose prototype chain does not reach the
/// `Object.prototype` of the realm whose `Error` is `error_ctor`: made in another realm. Read
/// without running code (a proxy on the chain counts as foreign).
fn is_foreign_error<'js>(error_ctor: &Object<'js>, error: &Value<'js>) -> bool {
    const JS_CLASS_ERROR: u32 = 3;
    let Some(obj) = error.as_object() else {
        return false;
    };
    if unsafe { qjs::JS_GetClassID(obj.as_raw()) } != JS_CLASS_ERROR {
        return false; // a target of Error.captureStackTrace: code of this realm gave it
    }
    !reaches_object_prototype(error_ctor, obj)
}

/// Whether `obj`'s prototype chain reaches the `Object.prototype` of the realm whose `Error` is
/// `error_ctor`, read without running code (a proxy on the chain does not count).
fn reaches_object_prototype<'js>(error_ctor: &Object<'js>, obj: &Object<'js>) -> bool {
    let ctx = obj.ctx();
    let object_proto = match own_descriptor(ctx, error_ctor, "prototype", false) {
        Some(Own::Data(p)) => p.as_object().and_then(|p| p.get_prototype()),
        _ => None,
    };
    let Some(object_proto) = object_proto else {
        return false;
    };
    let mut at = obj.clone();
    for _ in 0..32 {
        if unsafe { qjs::JS_IsProxy(at.as_raw()) } {
            return false;
        }
        match at.get_prototype() {
            Some(p) if p == object_proto => return true,
            Some(p) => at = p,
            None => return false,
        }
    }
    false
}

/// Whether `v` is an error whose own `message` is the engine's "out of memory" (read without
/// running code: no getter, no proxy).
pub(crate) fn is_out_of_memory_error<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> bool {
    let Some(obj) = v.as_object() else {
        return false;
    };
    let is_error = unsafe { qjs::JS_IsError(obj.as_raw()) };
    is_error && own_text(ctx, obj, "message", true).as_deref() == Some("out of memory")
}

/// The default formatter as a value: the main context's `Error.prepareStackTrace` (Node's
/// `ErrorPrepareStackTrace`), which code may call with sites it holds. A class of its own, so
/// that [`prepare`] knows it when it reads it back.
struct Formatter;

impl<'js> Trace<'js> for Formatter {
    fn trace<'a>(&self, _tracer: Tracer<'a, 'js>) {}
}

unsafe impl<'js> JsLifetime<'js> for Formatter {
    type Changed<'to> = Formatter;
}

impl<'js> JsClass<'js> for Formatter {
    const NAME: &'static str = "ErrorPrepareStackTrace";
    const KIND: ClassKind = ClassKind::Callable;
    type Mutable = Readable;
    fn constructor(_ctx: &Ctx<'js>) -> Result<Option<Constructor<'js>>> {
        Ok(None)
    }
    fn call<'a>(_this: &JsCell<'js, Self>, params: Params<'a, 'js>) -> Result<Value<'js>> {
        let ctx = params.ctx().clone();
        let arg = |i| {
            params
                .arg(i)
                .unwrap_or_else(|| Value::new_undefined(ctx.clone()))
        };
        format(&ctx, &arg(0), &arg(1), false, Reading::Any)?.into_js(&ctx)
    }
}

fn is_formatter(value: &Value<'_>) -> bool {
    value
        .as_object()
        .is_some_and(|o| o.instance_of::<Formatter>())
}

struct Site {
    name: Option<String>,
    location: Location,
    ctor: bool,
    /// The receiver's type V8 names a builtin's frame by (see holder.rs), or a method of an
    /// object the host registered (`name_frames_by_holder`).
    type_name: Option<std::borrow::Cow<'static, str>>,
    /// For code of `eval` or `new Function`: where it was compiled from, as V8 prints it
    /// (`eval at f (file.js:1:2)`).
    eval_at: Option<EvalOrigin>,
    /// How V8 names a method call's frame, when the receiver is known (see receiver.rs) and
    /// the host registered no type for it.
    method: Option<receiver::Method>,
    /// The name is V8's inferred one (`module.exports`), not the function's own.
    inferred: bool,
    /// A frame of an async function awaiting (`at async outer`), after the stack's own.
    awaiting: bool,
    /// For a `Promise.all` (`allSettled`, `any`) awaiting: the element's index.
    promise_index: Option<i32>,
    /// Left out of the default format (the host's own loop: see `hidden.rs`).
    hidden: bool,
}

enum Location {
    Native,
    Source { file: String, line: i32, col: i32 },
    File(String),
    Unknown,
}

/// The default format of `error` with its call sites; `fresh`: they come straight from the
/// engine (see [`site_data`]).
fn format<'js>(
    ctx: &Ctx<'js>,
    error: &Value<'js>,
    sites: &Value<'js>,
    fresh: bool,
    reading: Reading<'_, 'js>,
) -> Result<String> {
    let frames = settled_frames(ctx, error, sites, fresh, &reading, None)?;
    Ok(default_text(error, &frames, &reading))
}

/// V8's default text of an error with its settled frames.
fn default_text<'js>(error: &Value<'js>, frames: &[Site], reading: &Reading<'_, 'js>) -> String {
    let mut out = match reading {
        Reading::Made(header) => header.clone(),
        _ => header(error, reading),
    };
    out.push_str(&frames_text(frames));
    out
}

/// The frames' text of V8's default format (what follows the header).
fn frames_text(frames: &[Site]) -> String {
    let mut out = String::new();
    for (i, f) in frames.iter().enumerate() {
        if is_call_or_apply(f) || is_symbol_method_of_caller(f, frames.get(i + 1)) {
            continue;
        }
        out.push_str("\n    at ");
        out.push_str(&frame_text(f));
    }
    out
}

/// Gives the frames of functions of registered holders ([`name_frames_by_holder`]) their type.
fn name_registered<'js>(
    ctx: &Ctx<'js>,
    state: &crate::runtime::state::RuntimeState,
    frames: &mut [Site],
    functions: &[Option<(Value<'js>, Option<String>)>],
) {
    let registered = state.frame_holders.borrow();
    if registered.is_empty() {
        return;
    }
    let mut holders: Option<Vec<(Object<'js>, std::rc::Rc<str>)>> = None;
    for (f, func) in frames.iter_mut().zip(functions) {
        let (Location::Source { .. }, false, None, Some(name), Some((func, _))) =
            (&f.location, f.ctor, &f.type_name, f.name.as_deref(), func)
        else {
            continue;
        };
        let holders = holders.get_or_insert_with(|| {
            registered
                .iter()
                .filter_map(|(h, t)| Some((h.clone().restore(ctx).ok()?, t.clone())))
                .collect()
        });
        let held = holders.iter().find(|(h, _)| {
            matches!(own_descriptor(ctx, h, name, false), Some(Own::Data(v)) if v == *func)
        });
        if let Some((_, t)) = held {
            f.type_name = Some(std::borrow::Cow::Owned(t.to_string()));
        }
    }
}

/// A builtin's `[Symbol.replace]` (split, match...) that the String method of the same name
/// called: V8 gives the pair one frame, the String method's.
fn is_symbol_method_of_caller(f: &Site, next: Option<&Site>) -> bool {
    let Some(next) = next else { return false };
    let (Location::Native, Location::Native) = (&f.location, &next.location) else {
        return false;
    };
    let (Some(name), Some(caller)) = (f.name.as_deref(), next.name.as_deref()) else {
        return false;
    };
    let Some(symbol) = name
        .strip_prefix("[Symbol.")
        .and_then(|n| n.strip_suffix(']'))
    else {
        return false;
    };
    next.type_name.as_deref() == Some("String")
        && (caller == symbol || caller.strip_suffix("All") == Some(symbol))
}

/// Function.prototype.call and apply make no frame in V8, nor `Reflect.apply` and
/// `Reflect.construct` (the engine's are natives named `apply` and `construct`).
fn is_call_or_apply(f: &Site) -> bool {
    matches!(f.location, Location::Native)
        && matches!(f.name.as_deref(), Some("call" | "apply" | "construct"))
}

/// The call sites as V8 would give them: positions settled from the source where it is known
/// (the error's message is reworded to V8's on the way, as the first frame's source tells).
/// How many bytes of function names one stack text takes (the names are copied out of the
/// engine's heap, outside the memory limit: a name of megabytes on each of thousands of frames
/// made gigabytes).
const NAME_BUDGET: usize = 4 << 20;
/// How many bytes of file names one stack text takes, for the same reason: code names its
/// `eval` code with `//# sourceURL=` (16 MiB on each of 200 frames took 6 s past a 1 s
/// timeout and 2.2 GB outside a 128 MB limit).
const FILE_BUDGET: usize = 4 << 20;

/// What is left of the budgets of one stack's names and file names, in bytes.
struct TextBudget {
    names: usize,
    files: usize,
}

impl TextBudget {
    fn unbounded() -> TextBudget {
        TextBudget {
            names: usize::MAX,
            files: usize::MAX,
        }
    }
}

fn settled_frames<'js>(
    ctx: &Ctx<'js>,
    error: &Value<'js>,
    sites: &Value<'js>,
    fresh: bool,
    reading: &Reading<'_, 'js>,
    first_callee: Option<&str>,
) -> Result<Vec<Site>> {
    let state = RuntimeState::of(ctx);
    let mut frames = Vec::new();
    let mut functions = Vec::new();
    // Names past the budget are left out (the frame keeps its location), and so are file
    // names (the frame is then `<anonymous>`): neither is copied.
    let mut budget = TextBudget {
        names: NAME_BUDGET,
        files: FILE_BUDGET,
    };
    if let Some(sites) = sites.as_array() {
        for site in sites.iter::<Object>() {
            let site = site?;
            let frame = read_site_within(&site, fresh, &mut budget);
            frames.push(frame);
            functions.push(site_function(&site, fresh));
        }
    }
    // Builtins' frames are named by their receiver's type, as their holder tells it.
    let mut holders = None;
    for (f, func) in frames.iter_mut().zip(&functions) {
        if let (Location::Native, false, Some(name), Some((func, _))) =
            (&f.location, f.ctor, f.name.as_deref(), func)
        {
            let holders = holders.get_or_insert_with(|| holder::Holders::of(ctx));
            f.type_name = holders
                .type_name(func, name)
                .map(std::borrow::Cow::Borrowed);
        }
    }
    // The host's own loop's frames, which the default format leaves out.
    {
        let funcs: Vec<Option<&Value<'js>>> = functions
            .iter()
            .map(|f| f.as_ref().map(|(func, _)| func))
            .collect();
        for (f, hidden) in frames.iter_mut().zip(hidden::hidden(ctx, &funcs)) {
            f.hidden = hidden;
        }
    }
    // The parser's position in eval code (`eval('a b')`, `new Function('a b')`) is a frame of
    // no function, which V8 does not give (its SyntaxError starts at the call that compiled).
    if let (Some(first), Some(None)) = (frames.first_mut(), functions.first()) {
        if first.eval_at.is_some()
            && matches!(first.location, Location::Source { .. })
            && error
                .as_object()
                .and_then(|e| text_of(e, "name", reading))
                .is_some_and(|n| n == "SyntaxError")
        {
            first.hidden = true;
        }
    }
    // The engine's JSON parser places its refusal at `<input>:line:col`, a frame of no function
    // above the builtin's (`JSON.parse`); V8's SyntaxError starts at the builtin.
    if let ([first, second, ..], Some(None)) = (frames.as_mut_slice(), functions.first()) {
        if matches!(&first.location, Location::Source { file, .. } if file == "<input>")
            && first.eval_at.is_none()
            && first.name.is_none()
            && matches!(second.location, Location::Native)
            && second.name.as_deref() == Some("parse")
        {
            first.hidden = true;
        }
    }
    // Methods of objects the host registered, named by the type it gave them.
    name_registered(ctx, &state, &mut frames, &functions);
    // Anonymous functions assigned to members get V8's inferred name (`module.exports`), read
    // from their source within its own budget.
    let mut inferred_bytes = 0usize;
    for (f, func) in frames.iter_mut().zip(&functions) {
        if let (Location::Source { file, .. }, Some((func, _)), None | Some("")) =
            (&f.location, func, f.name.as_deref())
        {
            if f.eval_at.is_none() && inferred_bytes <= LINE_BUDGET {
                if let Some(name) = inferred::inferred_name(&state, file, func, &mut inferred_bytes)
                {
                    f.name = Some(name);
                    f.inferred = true;
                }
            }
        }
    }
    // Functions called as methods are named by their receiver, as the engine's live frames
    // hold it.
    if fresh && receiver::layout_holds() {
        let funcs: Vec<Option<&Value<'js>>> = functions
            .iter()
            .map(|f| f.as_ref().map(|(func, _)| func))
            .collect();
        let receivers = receiver::receivers(ctx, &funcs);
        let mut naming = None;
        for ((f, recv), func) in frames.iter_mut().zip(&receivers).zip(&funcs) {
            // An anonymous function too: V8 prints `Type.method` or `Type.<anonymous>`. A
            // module's top level, which the host names `Object.<anonymous>` and calls bound to
            // its exports, is named already.
            if f.name.as_deref() == Some("Object.<anonymous>") {
                continue;
            }
            if let (false, false, None, name, Some(recv), Some(func)) = (
                matches!(f.location, Location::Native),
                f.ctor,
                &f.type_name,
                f.name.as_deref().unwrap_or(""),
                recv,
                func,
            ) {
                let naming = naming.get_or_insert_with(|| receiver::Naming::new(ctx));
                f.method = naming.method_of(recv, func, name);
            }
        }
    }
    // A frame like an earlier one (same place, same callee: recursion) is settled once, and
    // takes that frame's column at the end.
    let mut seen = std::collections::HashMap::with_capacity(frames.len());
    let dup: Vec<Option<usize>> = (0..frames.len())
        .map(|i| {
            let Location::Source { file, line, col } = &frames[i].location else {
                return None;
            };
            if i == 0 {
                return None;
            }
            // The frame's own function too: two functions the engine gives one position (a
            // function expression called at once, and the code around it) are two frames.
            let own = functions[i]
                .as_ref()
                .map(|(f, _)| unsafe { qjs::JS_VALUE_GET_PTR(f.as_raw()) } as usize);
            let key = (
                file.as_str(),
                *line,
                *col,
                frames[i - 1].name.as_deref(),
                own,
            );
            match seen.get(&key) {
                Some(&j) => Some(j),
                None => {
                    seen.insert(key, i);
                    None
                }
            }
        })
        .collect();
    // The source line of each frame, with the engine's column; one copy per line.
    let mut lines: std::collections::HashMap<(&str, i32), Option<Arc<str>>> =
        std::collections::HashMap::with_capacity(frames.len());
    let mut line_bytes = 0usize;
    let mut texts: Vec<Option<Arc<str>>> = Vec::with_capacity(frames.len());
    for (i, f) in frames.iter().enumerate() {
        let text = match &f.location {
            Location::Source { file, line, .. } => lines
                .entry((file.as_str(), *line))
                .or_insert_with(|| {
                    state
                        .shared_source_line(file, *line)
                        .or_else(|| crate::eval_source::named_line(file, *line).map(Arc::from))
                })
                .clone(),
            _ => None,
        };
        // Settling a frame reads its line: past the budget, frames keep the engine's column.
        if dup[i].is_none() {
            line_bytes += text.as_ref().map_or(0, |t| t.len());
        }
        texts.push(text.filter(|_| line_bytes <= LINE_BUDGET));
    }
    // Code of `eval` and `new Function` (the engine's `<input>`), read back where it can be;
    // from the last frame, as an eval's text may be read from its caller's line.
    let to_string = match reading {
        Reading::OwnRealm(_) => function_source_reader(ctx),
        _ => None,
    };
    for i in (0..frames.len()).rev() {
        let Location::Source { file, line, .. } = &frames[i].location else {
            continue;
        };
        if file != "<input>" || texts[i].is_some() {
            continue;
        }
        if let Some(j) = dup[i] {
            texts[i] = texts[j].clone();
            continue;
        }
        if line_bytes > LINE_BUDGET {
            continue;
        }
        let text: Option<String> = match &functions[i] {
            Some((func, name)) if name.as_deref() != Some("<eval>") => to_string
                .as_ref()
                .and_then(|f| crate::eval_source::function_line(f, func, *line))
                .or_else(|| {
                    // A function of eval code called while that eval runs: the eval's text, as
                    // its frame below (of the same origin) reads it.
                    let origin = frames[i].eval_at.as_ref()?;
                    let j = (i + 1..frames.len()).find(|&j| {
                        matches!(&functions[j], Some((_, n))
                            if matches!(n.as_deref(), Some("<eval>" | "anonymous")))
                            && frames[j].eval_at.as_ref() == Some(origin)
                    })?;
                    // The function `new Function` made keeps the whole text.
                    if let Some((func, Some(n))) = &functions[j] {
                        if n == "anonymous" {
                            return to_string
                                .as_ref()
                                .and_then(|f| crate::eval_source::function_line(f, func, *line));
                        }
                    }
                    match (frames.get(j + 1).map(|f| &f.location), texts.get(j + 1)) {
                        (Some(Location::Source { col, .. }), Some(Some(caller))) => {
                            crate::call_text::eval_argument(caller, *col)
                                .and_then(|text| crate::eval_source::line_of(&text, *line))
                        }
                        _ => None,
                    }
                    .or_else(|| {
                        let depth = functions[..j]
                            .iter()
                            .filter(|f| {
                                matches!(f, Some((_, name)) if name.as_deref() == Some("<eval>"))
                            })
                            .count();
                        crate::eval_source::active_eval(depth, *line)
                    })
                })
                .or_else(|| {
                    // Called after the eval returned: the function's own source, placed where
                    // it starts in the eval's text.
                    to_string
                        .as_ref()
                        .and_then(|f| function_text_line(f, func, *line))
                }),
            Some(_) => match (frames.get(i + 1).map(|f| &f.location), texts.get(i + 1)) {
                (Some(Location::Source { col, .. }), Some(Some(caller))) => {
                    crate::call_text::eval_argument(caller, *col)
                        .and_then(|text| crate::eval_source::line_of(&text, *line))
                }
                _ => None,
            }
            // Not a literal: the text of the eval call running, as deep among those running
            // as this frame is among the eval frames above it.
            .or_else(|| {
                let depth = functions[..i]
                    .iter()
                    .filter(|f| matches!(f, Some((_, name)) if name.as_deref() == Some("<eval>")))
                    .count();
                crate::eval_source::active_eval(depth, *line)
            }),
            // No function: a syntax error in the code, made while compiling it.
            None => {
                let caller = |at: usize| match (frames.get(at).map(|f| &f.location), texts.get(at))
                {
                    (Some(Location::Source { col, .. }), Some(Some(text))) => Some((text, *col)),
                    _ => None,
                };
                let by_function = frames.get(i + 1).is_some_and(|f| {
                    matches!(f.location, Location::Native) && f.name.as_deref() == Some("Function")
                });
                let input = match by_function {
                    true => caller(i + 2)
                        .and_then(|(t, c)| crate::call_text::function_arguments(t, c))
                        .map(|args| crate::eval_source::function_input(&args)),
                    false => caller(i + 1).and_then(|(t, c)| crate::call_text::eval_argument(t, c)),
                };
                input
                    .and_then(|text| crate::eval_source::line_of(&text, *line))
                    // Not literals: the error is made while the engine compiles the text,
                    // which is then the innermost one running.
                    .or_else(|| crate::eval_source::active_eval(0, *line))
            }
        };
        // An eval's line counts against the budget too: the one that overruns it is not settled
        // (a syntax error in 16 MiB of eval code was seconds of settling).
        line_bytes += text.as_ref().map_or(0, String::len);
        texts[i] = text.filter(|_| line_bytes <= LINE_BUDGET).map(Arc::from);
    }
    // QuickJS counts columns in bytes of UTF-8; what follows counts characters.
    for (i, (f, text)) in frames.iter_mut().zip(&texts).enumerate() {
        if let (Location::Source { col, .. }, Some(text), None) = (&mut f.location, text, dup[i]) {
            *col = char_column(text, *col);
        }
    }
    let names: Vec<Option<String>> = frames.iter().map(|f| f.name.clone()).collect();
    // The builtin `call` or `apply` frames (V8 has none: a method made by `call.bind(f)`, as
    // the `call-bind` package makes them, is called at its own name).
    let builtin_calls: Vec<bool> = frames
        .iter()
        .map(|f| {
            matches!(f.location, Location::Native)
                && matches!(f.name.as_deref(), Some("call" | "apply"))
        })
        .collect();
    // Where each frame of eval code was compiled from, when that is a file's line and column:
    // the frame below, which called the eval, is at that call.
    let eval_calls: Vec<Option<(i32, i32)>> = frames
        .iter()
        .map(|f| f.eval_at.as_ref().and_then(|o| o.call))
        .collect();
    // Frames of the same eval code as the frame above them (a function of eval code called by
    // that code): the eval's call is not in their text.
    let same_eval: Vec<bool> = (0..frames.len())
        .map(|i| i > 0 && frames[i].eval_at.is_some() && frames[i].eval_at == frames[i - 1].eval_at)
        .collect();
    // Whether each frame is a builtin's, and its name.
    let frames_below: Vec<Option<(bool, String)>> = frames
        .iter()
        .map(|f| {
            f.name
                .clone()
                .map(|n| (matches!(f.location, Location::Native), n))
        })
        .collect();
    let raw_columns: Vec<i32> = frames
        .iter()
        .map(|f| match f.location {
            Location::Source { col, .. } => col,
            _ => 0,
        })
        .collect();
    // Whether the first frame is a builtin constructor's (`new AggregateError`): its caller
    // is at the construction.
    let native_ctor = frames
        .first()
        .is_some_and(|f| f.ctor && matches!(f.location, Location::Native));
    // Settle positions and wording from the source, when it is known.
    let mut first = true;
    // The callee of a refused call, as V8 prints it.
    let mut refused: Option<(i32, String)> = None;
    for (i, f) in frames.iter_mut().enumerate() {
        let mut known = None;
        let text = texts[i].clone().filter(|_| dup[i].is_none());
        if let (
            Location::Source {
                col,
                file,
                line: frame_line,
            },
            Some(mut text),
        ) = (&mut f.location, text)
        {
            // In eval code the engine records a call of a plain name one column before the
            // name (in a file, at it).
            if i > 0 && file == "<input>" {
                if let Some(name) = names[i - 1].as_deref() {
                    *col += crate::call_text::name_after(&text, *col, name) as i32;
                }
            }
            // A caller's frame is at a call (QuickJS records its first argument).
            let fix = settle(&text, *col);
            // The frame that made the error with `new E(args)` whose arguments recorded a
            // position of their own (`new E([new F()])`): the constructor's name, from the
            // caller's bytecode.
            // A construction over lines (`new E(\n  f())`) is at its `new`'s line.
            let constructed = match (i, fresh, &functions[i]) {
                (0 | 1, true, Some((func, _)))
                    if (i == 0 || native_ctor) && construction_left_open(&text) =>
                {
                    crate::frames::resume_pc_of(ctx, func)
                        .and_then(|pc| unsafe { crate::frames::bytecode::constructed_at(func, pc) })
                        .and_then(|(l, c)| {
                            let above = *frame_line - l;
                            let line = match above {
                                0 => text.clone(),
                                1..=8 if file != "<input>" => state.shared_source_line(file, l)?,
                                _ => return None,
                            };
                            let col = crate::call_text::new_before(&line, char_column(&line, c))?;
                            Some((above, line, col))
                        })
                }
                _ => None,
            };
            let constructed = constructed.map(|(above, line, col)| {
                if above > 0 {
                    *frame_line -= above;
                    text = line;
                }
                col
            });
            // Eval code calling a direct eval (the frame above is the eval's code): V8 puts
            // it at `eval`, whose position the engine recorded for the name (the call's is
            // after its arguments', or off by one on a line of eval code).
            let direct_eval = match (i, fresh, &functions[i]) {
                (1.., true, Some((func, _)))
                    if file == "<input>"
                        && matches!(&functions[i - 1], Some((_, Some(n))) if n == "<eval>")
                        && !functions[..i]
                            .iter()
                            .any(|f| matches!(f, Some((g, _)) if g == func)) =>
                {
                    crate::frames::resume_pc_of(ctx, func)
                        .and_then(|pc| unsafe { crate::frames::bytecode::direct_eval_at(func, pc) })
                        .filter(|(l, _)| *l <= *frame_line && *l >= 1)
                }
                _ => None,
            };
            let direct_eval = direct_eval.map(|(l, c)| {
                if l == *frame_line {
                    char_column(&text, c)
                } else {
                    *frame_line = l;
                    c
                }
            });
            let mut caller = match i {
                _ if constructed.is_some() => constructed,
                _ if direct_eval.is_some() => direct_eval,
                0 if fix.is_new => None,
                // Frames that `captureStackTrace` started from a function: a call of it.
                0 if first_callee.is_some() => first_callee.and_then(|callee| {
                    crate::call_text::filter_calling_column(&text, *col, callee)
                }),
                // The frame that made the error with `new E(args)`: V8 points at `new`.
                0 => constructor_name(error, reading)
                    .and_then(|n| crate::call_text::caller_column(&text, *col, Some(&n))),
                // The eval code this frame called (through the `eval` builtin's own frame for
                // an indirect eval).
                _ => match (
                    eval_calls[i - 1].filter(|_| !same_eval[i]).or_else(|| {
                        let through_eval =
                            matches!(&frames_below[i - 1], Some((true, n)) if n == "eval");
                        (i >= 2 && through_eval)
                            .then(|| eval_calls[i - 2])
                            .flatten()
                    }),
                    &*frame_line,
                ) {
                    // What `new Function(src)` made, called at once (`new Function(src)()`):
                    // V8 points at the call's `(`, not at the construction.
                    (Some((l, c)), at_line)
                        if l == *at_line
                            && matches!(&functions[i - 1], Some((_, Some(n))) if n == "anonymous") =>
                    {
                        crate::call_text::call_after_construction(&text, c, "Function").or_else(
                            || {
                                crate::call_text::caller_column(
                                    &text,
                                    *col,
                                    names[i - 1].as_deref(),
                                )
                            },
                        )
                    }
                    (Some((l, c)), at_line) if l == *at_line => Some(c),
                    // A function expression in parentheses called at once (`(f => f())(x)`):
                    // the engine's column is in its text, V8's the arguments' `(`.
                    _ => chained_call_at(ctx, fresh, &functions, i, (&text, *frame_line, *col))
                        .or_else(|| getter_read_at(ctx, fresh, &functions, i, &text, *col))
                        .or_else(|| for_of_next_at(ctx, fresh, &functions, i, &text, *col))
                        .or_else(|| called_at_once(&functions[i - 1], *frame_line, &text, *col))
                        .or_else(|| {
                            crate::call_text::calling_column(&text, *col, names[i - 1].as_deref())
                        })
                        .or_else(|| {
                            builtin_calls[i - 1]
                                .then(|| crate::call_text::method_name_at(&text, *col))
                                .flatten()
                        }),
                },
            };
            // A caller's position on the last line of a call spread over lines (QuickJS keeps
            // its last argument's line): V8's is the callee's, on a line above.
            let callee = match i {
                0 => first_callee,
                _ => names[i - 1].as_deref(),
            };
            let mut text = text;
            if caller.is_none() && (i > 0 || first_callee.is_some()) && file != "<input>" {
                if let Some((back, column, above)) =
                    call_above(&state, file, *frame_line, &text, *col, callee)
                {
                    *frame_line -= back;
                    caller = Some(column);
                    text = Arc::from(above);
                }
            }
            known = Some((text, *col, fix.is_new));
            *col = caller.unwrap_or(fix.col);
            if first && !matches!(reading, Reading::Made(_)) {
                if let (Some(obj), Some((line, _, _))) = (error.as_object(), known.as_mut()) {
                    let message = text_of(obj, "message", reading).unwrap_or_default();
                    // A refused call: which one of the line, from the caller's bytecode when
                    // it can be read.
                    let construct = message == "not a constructor";
                    if construct || message == "not a function" {
                        let construct = construct || fix.is_new;
                        let hint = match (fresh, &functions[i]) {
                            (true, Some((func, _))) => crate::frames::resume_pc_of(ctx, func)
                                .and_then(|pc| unsafe {
                                    crate::frames::bytecode::failed_call(ctx, func, pc)
                                }),
                            _ => None,
                        };
                        refused = crate::call_text::refused_call(
                            line,
                            raw_columns[i],
                            construct,
                            hint.as_ref(),
                        );
                        // A callee on an earlier line than the arguments (a chain broken
                        // over lines): the lines before are read too.
                        if refused.is_none() && hint.is_some() && file != "<input>" {
                            if let Some((moved, p, printed)) = refused_above(
                                &state,
                                file,
                                *frame_line,
                                line,
                                raw_columns[i],
                                construct,
                                hint.as_ref(),
                            ) {
                                *frame_line -= moved;
                                if let Some(text) = state.shared_source_line(file, *frame_line) {
                                    *line = text;
                                }
                                refused = Some((p, printed));
                            }
                        }
                    }
                    if let Some((p, _)) = &refused {
                        *col = *p;
                    } else if let Some((name, p)) =
                        crate::call_text::redeclared_name(&message, line, *col as u32)
                    {
                        // A syntax error of eval or new Function code (scripts are settled
                        // when compiled).
                        *col = p as i32;
                        replace_message(
                            obj,
                            &format!("Identifier '{name}' has already been declared"),
                        );
                    } else if let Some(p) = property_column(&message, line, *col)
                        .or_else(|| return_column(&message, line, *col))
                    {
                        *col = p;
                    } else if let Some((p, name)) = read_only_column(&message, line, *col) {
                        *col = p;
                        match name {
                            Some(n) if !is_global_property(obj, n) => {
                                replace_message(obj, "Assignment to constant variable.")
                            }
                            // A read-only property of the global (`undefined = 1`).
                            Some(n) => {
                                // V8 shows a vm context's global as no class's.
                                let main = RuntimeState::of(ctx)
                                    .main_realm
                                    .borrow()
                                    .as_ref()
                                    .is_some_and(|m| m.ctx.as_ptr() == obj.ctx().as_raw().as_ptr());
                                let global = obj.ctx().globals();
                                let shown = match main {
                                    true => {
                                        class_name(obj.ctx(), &global).map(|c| format!("#<{c}>"))
                                    }
                                    false => Some("[object Object]".to_string()),
                                };
                                if let Some(shown) = shown {
                                    replace_message(
                                        obj,
                                        &format!(
                                            "Cannot assign to read only property '{n}' of \
                                             object '{shown}'"
                                        ),
                                    );
                                }
                            }
                            None => {}
                        }
                    } else if let Some(p) = call_column(&message, line, *col) {
                        // The callee is read from the name's position.
                        *col = p;
                        if let Some(k) = known.as_mut() {
                            k.1 = p;
                        }
                    } else if message == "proxy: cannot set property" {
                        // Only a proxy's `set` trap refuses with this message.
                        if let Some((p, key)) = crate::call_text::assigned_property(line, *col) {
                            *col = p;
                            replace_message(
                                obj,
                                &format!(
                                    "'set' on proxy: trap returned falsish for property '{key}'"
                                ),
                            );
                        }
                    }
                }
            }
        }
        if first && !matches!(reading, Reading::Made(_)) {
            if let Some(obj) = error.as_object() {
                // A builtin's refusal (RegExp's) is read from its caller's call.
                let caller = (matches!(f.location, Location::Native)
                    && f.name.as_deref().is_some_and(|n| {
                        matches!(n, "RegExp" | "defineProperty" | "Promise" | "fromEntries")
                            || crate::v8_wording::ITERABLE_TAKERS.contains(&n)
                            || crate::v8_wording::CALLBACK_TAKERS.contains(&n)
                    }))
                .then(|| {
                    texts
                        .get(i + 1)
                        .cloned()
                        .flatten()
                        .zip(raw_columns.get(i + 1).copied())
                })
                .flatten();
                let at = known
                    .as_ref()
                    .map(|(t, c, n)| (&**t, *c, *n))
                    .or(caller.as_ref().map(|(t, c)| (&**t, *c, false)));
                // A builtin that refused: the arguments of its call, still running.
                let args = match (fresh, &f.location, &functions[i]) {
                    (true, Location::Native, Some((func, _))) => crate::frames::args_of(ctx, func),
                    _ => None,
                };
                // A property instruction's refusal: its operands, still on the frame's stack (first: a
                // nested pattern's refusal is worded so, not as a declaration's).
                if let (true, Location::Source { .. }, Some((func, _))) =
                    (fresh, &f.location, &functions[i])
                {
                    let message = text_of(obj, "message", reading);
                    let show = operands::Show {
                        value: &|v| shown_value(ctx, v),
                        key: &|k| shown_key(ctx, k),
                    };
                    let primitive = message.as_deref() == Some("not an object");
                    let reworded = message.and_then(|m| {
                        operands::reworded(ctx, &m, func, &show)
                            .or_else(|| operands::assignment_reworded(ctx, &m, func, &show))
                    });
                    if let Some(m) = reworded {
                        replace_message(obj, &m);
                        // A primitive's property assigned: QuickJS points at the assignment's
                        // start, V8 at its operator.
                        if let (true, Location::Source { col, .. }, Some((line, _, _))) =
                            (primitive, &mut f.location, at)
                        {
                            if let Some((p, _)) = assignment_at(line, *col) {
                                *col = p;
                            }
                        }
                    }
                }
                // A pattern given undefined or null: a parameter's, or one declared on the line.
                if let (true, Location::Source { line, col, .. }) = (fresh, &mut f.location) {
                    if let Some((m, place)) =
                        destructured(ctx, obj, reading, functions[i].as_ref(), at)
                    {
                        replace_message(obj, &m);
                        if let Some((below, c)) = place {
                            *line += below;
                            *col = c;
                        }
                    }
                }
                // An array pattern given what is not iterable, placed at its function's start.
                if let (true, Some((func, _))) = (fresh, &functions[i]) {
                    if let Some(m) = not_iterable_pattern(ctx, obj, reading, func, at) {
                        replace_message(obj, &m);
                    }
                }
                let quoting = args.as_deref().map(|a| (a, f.type_name.as_deref()));
                let at = match &refused {
                    Some((p, _)) => at.map(|(t, _, n)| (t, *p, n)),
                    None => at,
                };
                reword(
                    obj,
                    reading,
                    at,
                    f.name.as_deref(),
                    functions[i].is_some(),
                    quoting,
                    refused.as_ref().map(|r| r.1.as_str()),
                );
                // A method given a receiver of another class through `call` or `apply` (the
                // next frame), whose first argument is that receiver.
                if let (true, Location::Native, Some(name)) = (fresh, &f.location, &f.name) {
                    let through = frames_below.get(i + 1).is_some_and(
                        |n| matches!(n, Some((true, call)) if call == "call" || call == "apply"),
                    );
                    let receiver = functions
                        .get(i + 1)
                        .and_then(|f| f.as_ref())
                        .filter(|_| through)
                        .and_then(|(func, _)| crate::frames::args_of(ctx, func))
                        .and_then(|args| args.into_iter().next());
                    if let (Some(receiver), Some(message)) =
                        (receiver, text_of(obj, "message", reading))
                    {
                        if let Some(m) = incompatible_receiver(ctx, &message, name, &receiver) {
                            replace_message(obj, &m);
                        }
                    }
                }
                // An array method refused by its array (frozen, sealed): the array is the
                // receiver its caller's call holds.
                if let (true, Location::Native, Some(name), Some("Array"), Some((func, _))) = (
                    fresh,
                    &f.location,
                    &f.name,
                    f.type_name.as_deref(),
                    &functions[i],
                ) {
                    let message = text_of(obj, "message", reading).filter(|m| {
                        m == "could not delete property"
                            || m == "object is not extensible"
                            || m.ends_with("' is read-only")
                    });
                    if let Some(message) = message {
                        let show = operands::Show {
                            value: &|v| shown_value(ctx, v),
                            key: &|k| shown_key(ctx, k),
                        };
                        let m = receiver::builtin_receiver(ctx, func).and_then(|array| {
                            let args = args.as_deref().unwrap_or_default();
                            operands::array_refusal(ctx, &message, name, &array, args, &show)
                        });
                        if let Some(m) = m {
                            replace_message(obj, &m);
                        }
                    }
                }
                if let (true, Location::Native, Some("from"), Some((func, _))) =
                    (fresh, &f.location, f.name.as_deref(), &functions[i])
                {
                    let message = text_of(obj, "message", reading).unwrap_or_default();
                    if let Some(m) = operands::array_from_refusal(ctx, &message, func) {
                        replace_message(obj, &m);
                    }
                }
                // A method refusing a receiver of null or undefined: V8 names no type then.
                if f.type_name.as_deref().is_some_and(|t| t != "Function")
                    && text_of(obj, "message", reading).is_some_and(|m| {
                        m.ends_with("called on null or undefined")
                            || m == "Cannot convert undefined or null to object"
                    })
                {
                    f.type_name = None;
                }
            }
        }
        // Getting the iterator of an array pattern (`const [a] = v`), where the engine records
        // no position (the frame is at its function's start or an earlier statement): V8's is
        // the value's, read from the pattern's text (and the caller of a `[Symbol.iterator]`
        // that threw is there too).
        if let (true, Location::Source { file, line, col }, Some((func, _))) =
            (fresh, &mut f.location, &functions[i])
        {
            let pattern = (file != "<input>")
                .then(|| innermost_resume_pc(ctx, &functions, i, func))
                .flatten()
                .and_then(|pc| unsafe { crate::frames::bytecode::iterated_pattern_at(func, pc) })
                .filter(|(l, _)| *l >= 1 && *l <= *line + 64 && *l + 64 >= *line)
                .and_then(|(l, c)| {
                    let text = state.shared_source_line(file, l)?;
                    crate::call_text::pattern_value_column(&text, char_column(&text, c))
                        .map(|p| (l, p))
                });
            if let Some((l, p)) = pattern {
                *line = l;
                *col = p;
            }
        }
        first = false;
    }
    // An error made with no frame (a module graph's link, from a job): its words only.
    if first && !matches!(reading, Reading::Made(_)) {
        if let Some(obj) = error.as_object() {
            reword(obj, reading, None, None, false, None, None);
        }
    }
    // V8 counts columns in UTF-16 units.
    for (i, (f, text)) in frames.iter_mut().zip(&texts).enumerate() {
        if let (Location::Source { col, .. }, Some(text), None) = (&mut f.location, text, dup[i]) {
            *col = utf16_column(text, *col);
        }
    }
    for i in 0..frames.len() {
        if let Some(j) = dup[i] {
            if let Location::Source { col: settled, .. } = frames[j].location {
                if let Location::Source { col, .. } = &mut frames[i].location {
                    *col = settled;
                }
            }
        }
    }
    // Refused by a proxy's `defineProperty` trap: the key is read from the caller's call.
    if let (Some(obj), Some(Location::Native), Some(Some(caller))) = (
        error.as_object(),
        frames.first().map(|f| &f.location),
        texts.get(1),
    ) {
        if !matches!(reading, Reading::Made(_))
            && text_of(obj, "message", reading).as_deref()
                == Some("proxy: defineProperty exception")
        {
            if let Some(key) = crate::call_text::defined_property(caller, raw_columns[1]) {
                replace_message(
                    obj,
                    &format!(
                        "'defineProperty' on proxy: trap returned falsish for property '{key}'"
                    ),
                );
            }
        }
    }
    Ok(frames)
}

/// Whether the line `text` of a frame that made an error with `new` leaves open which
/// construction it was (another `new` on it, or none: the construction started on a line
/// above; a call or a substitution in its arguments, which record positions of their own):
/// only then is the caller's bytecode walked (the walk reads the whole function).
fn construction_left_open(text: &str) -> bool {
    // memchr's searches: the line may be a minified bundle's hundreds of KB.
    let b = text.as_bytes();
    let mut news = memchr::memmem::find_iter(b, b"new").filter(|&at| {
        !(at > 0 && (is_ident(b[at - 1] as char) || b[at - 1] == b'.'))
            && !b.get(at + 3).is_some_and(|c| is_ident(*c as char))
    });
    match (news.next(), news.next()) {
        (Some(at), None) => memchr::memchr(b'(', &b[at..]).is_none_or(|paren| {
            let args = &b[at + paren + 1..];
            memchr::memchr(b'(', args).is_some() || memchr::memmem::find(args, b"${").is_some()
        }),
        _ => true,
    }
}

/// The 1-based character column of the 1-based byte column `col` of `line` (the engine's).
fn char_column(line: &str, col: i32) -> i32 {
    let bytes = (col - 1).max(0) as usize;
    if line.is_ascii() || bytes > line.len() {
        return col;
    }
    line.char_indices().take_while(|&(i, _)| i < bytes).count() as i32 + 1
}

/// Leaves out the frames the host hides (its own loop's), unless none would be left: an error
/// made by the host itself (a module's link error, from a job) keeps them, as Node's keep its
/// loader's frames.
fn drop_hidden(frames: &mut Vec<Site>) {
    if frames.iter().any(|f| !f.hidden) {
        frames.retain(|f| !f.hidden);
    }
}

/// The async functions awaiting the one a job resumed, after the frames, as V8 lists them
/// (`at async outer (file.js:3:26)`, at the `await`), within the realm's
/// `Error.stackTraceLimit`. The chain stops at eval code.
fn append_awaiters<'js>(ctx: &Ctx<'js>, frames: &mut Vec<Site>, limit: Option<usize>) {
    let shown = frames.iter().filter(|f| !is_call_or_apply(f)).count();
    let awaiting = awaiting_frames(ctx, shown, limit);
    frames.extend(awaiting);
}

/// The frames of the async functions awaiting the one a job resumed, after `shown` frames, as
/// many as the realm's `Error.stackTraceLimit` (`limit`, else the engine's) leaves room for.
fn awaiting_frames<'js>(ctx: &Ctx<'js>, shown: usize, limit: Option<usize>) -> Vec<Site> {
    let mut frames = Vec::new();
    let limit = limit
        .or_else(|| crate::frames::awaiting::stack_trace_limit(ctx))
        .unwrap_or(10);
    let room = limit.saturating_sub(shown);
    if room == 0 {
        return frames;
    }
    let awaiters = crate::frames::awaiting::awaiters(ctx, room);
    if awaiters.is_empty() {
        return frames;
    }
    let state = RuntimeState::of(ctx);
    let c = ctx.as_raw().as_ptr();
    let mut naming = None;
    let mut read = 0usize;
    for a in awaiters {
        let (function, this, resume_pc) = match a {
            crate::frames::awaiting::Awaiter::Function {
                function,
                this,
                resume_pc,
            } => (function, this, resume_pc),
            // `at async Promise.all (index 0)`: V8's function `all` of `Promise`.
            crate::frames::awaiting::Awaiter::Combinator { name, index } => {
                let name = name.strip_prefix("Promise.").unwrap_or(name);
                frames.push(Site {
                    name: Some(name.to_string()),
                    location: Location::File(format!("index {index}")),
                    ctor: false,
                    type_name: Some("Promise".into()),
                    eval_at: None,
                    method: None,
                    inferred: false,
                    awaiting: true,
                    promise_index: Some(index),
                    hidden: false,
                });
                continue;
            }
        };
        // SAFETY: the engine's values, held by the suspended functions while the error is made.
        let (func, this) = unsafe {
            (
                Value::from_raw(ctx.clone(), qjs::JS_DupValue(c, function)),
                Value::from_raw(ctx.clone(), qjs::JS_DupValue(c, this)),
            )
        };
        // SAFETY: `func`'s suspended frame resumes at `resume_pc`.
        let Some(at) = (unsafe { crate::frames::bytecode::code_at(ctx, &func, resume_pc) }) else {
            break;
        };
        let file = crate::filename::eval_code_name(&at.filename).to_string();
        if file == "<input>" || crate::eval_source::is_eval_file(&file) {
            break;
        }
        let (line, col) =
            await_position(&state, &file, at.line, at.col, &mut read).unwrap_or((at.line, at.col));
        // As the engine names frames: the function's own `name` (a method's is set there, not
        // in its code).
        let name = func
            .as_object()
            .and_then(|f| own_text(ctx, f, "name", false))
            .or(Some(at.function))
            .filter(|n| !n.is_empty());
        let method = naming
            .get_or_insert_with(|| receiver::Naming::new(ctx))
            .method_of(&this, &func, name.as_deref().unwrap_or(""));
        frames.push(Site {
            name,
            location: Location::Source { file, line, col },
            ctor: false,
            type_name: None,
            eval_at: None,
            method,
            inferred: false,
            awaiting: true,
            promise_index: None,
            hidden: false,
        });
    }
    frames
}

/// Where V8 places a suspended async function's frame: at the `await` of the expression the
/// engine placed at line `line`, column `col` (bytes; its operand's call), the nearest `await`
/// word before it that no bracket between encloses (`await (async () => { await x })()` is the
/// first's), on that line or up to 32 above; its line and UTF-16 column. `read` counts the
/// bytes of source read.
fn await_position(
    state: &RuntimeState,
    file: &str,
    line: i32,
    col: i32,
    read: &mut usize,
) -> Option<(i32, i32)> {
    let word: Vec<char> = "await".chars().collect();
    let mut depth = 0usize;
    for up in 0..32 {
        let at_line = line - up;
        let text = state.source_line(file, at_line)?;
        *read += text.len();
        if *read > LINE_BUDGET {
            return None;
        }
        let chars: Vec<char> = text.chars().collect();
        let mut i = match up {
            0 => usize::try_from(char_column(&text, col))
                .ok()?
                .min(chars.len()),
            _ => chars.len(),
        };
        while i > 0 {
            i -= 1;
            match chars[i] {
                ')' | ']' | '}' => depth += 1,
                '(' | '[' | '{' => depth = depth.saturating_sub(1),
                'a' if depth == 0
                    && chars.get(i..i + 5) == Some(&word[..])
                    && (i == 0 || !crate::call_text::is_ident(chars[i - 1]))
                    && !chars
                        .get(i + 5)
                        .is_some_and(|c| crate::call_text::is_ident(*c)) =>
                {
                    return Some((at_line, utf16_column(&text, i as i32 + 1)));
                }
                _ => {}
            }
        }
    }
    None
}

/// The 1-based UTF-16 column of the 1-based character column `col` of `line`.
fn utf16_column(line: &str, col: i32) -> i32 {
    if line.is_ascii() {
        return col;
    }
    let chars = (col - 1).max(0) as usize;
    let units: usize = line.chars().take(chars).map(char::len_utf16).sum();
    units as i32 + 1 + (chars.saturating_sub(line.chars().count())) as i32
}

/// The function of an engine call site (with its name as the engine gives it), if it is one
/// whose code may be read back (see `eval_source.rs`).
fn site_function<'js>(site: &Object<'js>, fresh: bool) -> Option<(Value<'js>, Option<String>)> {
    let data = site_data(site, fresh)?;
    // SAFETY: the site holds its data while it is read here.
    let data = unsafe { data.as_ref() };
    let ctx = site.ctx();
    if unsafe { qjs::JS_VALUE_GET_TAG(data.func) } != qjs::JS_TAG_OBJECT {
        return None;
    }
    let func = unsafe {
        Value::from_raw(
            ctx.clone(),
            qjs::JS_DupValue(ctx.as_raw().as_ptr(), data.func),
        )
    };
    // Only the engine's `<eval>` is told apart: a name of megabytes on each frame is not kept.
    let name = string_of(ctx, data.func_name).filter(|n| n.len() <= "<anonymous>".len());
    Some((func, name))
}

/// One frame as V8 prints it after `at `.
fn frame_text(f: &Site) -> String {
    match f.awaiting {
        true => format!("async {}", call_frame_text(f)),
        false => call_frame_text(f),
    }
}

fn call_frame_text(f: &Site) -> String {
    let location = match &f.location {
        Location::Native | Location::Unknown => "<anonymous>".to_string(),
        // V8 names a script without a name `<anonymous>` (compileFunction's default).
        Location::Source { line, col, .. } if f.eval_at.is_some() => {
            format!(
                "{}, <anonymous>:{line}:{col}",
                f.eval_at.as_ref().map_or("", |o| o.text.as_str())
            )
        }
        Location::Source { file, line, col } if file.is_empty() => {
            format!("<anonymous>:{line}:{col}")
        }
        Location::Source { file, line, col } => {
            format!("{}:{line}:{col}", crate::filename::display_filename(file))
        }
        Location::File(file) => file.clone(),
    };
    // V8 names the top level of eval code, and the function `new Function` made, `eval`.
    // Called on an object (not the global), it gets the receiver's type as other functions.
    if f.eval_at.is_some() && matches!(f.name.as_deref(), None | Some("anonymous")) {
        return match (&f.method, f.type_name.as_deref()) {
            (Some(m), _) => format!("{} ({location})", receiver::method_call_text("eval", m)),
            (None, Some(t)) => format!("{t}.eval ({location})"),
            (None, None) => format!("eval ({location})"),
        };
    }
    match &f.name {
        Some(n) if f.ctor => format!("new {n} ({location})"),
        Some(n) if f.method.is_some() => {
            let m = f.method.as_ref().map(|m| receiver::method_call_text(n, m));
            format!("{} ({location})", m.unwrap_or_default())
        }
        None if f.method.is_some() && !f.ctor => {
            let m = f.method.as_ref().map(|m| receiver::method_call_text("", m));
            format!("{} ({location})", m.unwrap_or_default())
        }
        // V8 puts the type before a plain name (not before `Foo.bar` or `get x`), unless
        // the name is the type's.
        Some(n) => match f.type_name.as_deref() {
            Some(t) if receiver::is_identifier(n) && n != t => format!("{t}.{n} ({location})"),
            // An accessor: V8 adds the property it was read or written as.
            _ => match n.strip_prefix("get ").or_else(|| n.strip_prefix("set ")) {
                Some(key) if !matches!(f.location, Location::Native) => {
                    format!("{n} [as {key}] ({location})")
                }
                _ => format!("{n} ({location})"),
            },
        },
        None => location,
    }
}

/// Adds to the realm's call site prototype the methods of V8's call sites that QuickJS-ng's
/// lack (programs' own formatters call them: depd's `isEval`, source-map-support's
/// `getTypeName`, `isToplevel`, `toString`...), before code first sees a call site. What the
/// engine does not record is answered as V8 answers when it does not know either: no `this`
/// (`getThis()` undefined, so `isToplevel()` true), no type or method name (null), not async.
/// Functions of this realm, reading only the site's own data.
fn complete_site_prototype<'js>(ctx: &Ctx<'js>, sites: &Array<'js>) -> Result<()> {
    let Some(first) = sites.get::<Option<Object>>(0)? else {
        return Ok(());
    };
    let Some(proto) = first.get_prototype() else {
        return Ok(());
    };
    if site_data(&first, true).is_none() || proto.contains_key("isEval")? {
        return Ok(());
    }
    let def = |name: &str, f: Function<'js>| {
        // Reachable from the context's code (a call site): a function of its realm.
        let f = crate::realm::own_realm_function(ctx, f)?;
        f.prop("name", Property::from(name).configurable())?;
        proto.prop(name, Property::from(f).writable().configurable())
    };
    let file_of = |this: &Object<'js>| match read_site(this, false).location {
        Location::Source { file, .. } | Location::File(file) => Some(file),
        _ => None,
    };
    def(
        "isEval",
        Function::new(ctx.clone(), move |this: This<Object<'js>>| {
            read_site(&this.0, false).eval_at.is_some()
                || file_of(&this.0).is_some_and(|f| crate::eval_source::is_eval_file(&f))
        })?,
    )?;
    // V8 calls no frame of a builtin native (its `isNative` is for extension scripts).
    def("isNative", Function::new(ctx.clone(), || false)?)?;
    def(
        "getScriptNameOrSourceURL",
        Function::new(ctx.clone(), move |this: This<Object<'js>>| {
            // Eval code has no script name: V8 gives its origin through `getEvalOrigin`.
            if read_site(&this.0, false).eval_at.is_some() {
                return None;
            }
            file_of(&this.0).map(|f| crate::filename::display_filename(&f).to_string())
        })?,
    )?;
    def(
        "toString",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, this: This<Object<'js>>| {
            // As the default format printed it, while code's formatter runs.
            if let Some(text) = SiteFacts::of(&this.0, |f| f.text.clone()) {
                return text;
            }
            let mut site = read_site(&this.0, false);
            // V8's column, as the default format settles it.
            if let Location::Source { file, line, col } = &mut site.location {
                if let Some(text) = RuntimeState::of(&ctx).source_line(file, *line) {
                    *col = settle(&text, *col).col;
                }
            }
            frame_text(&site)
        })?,
    )?;
    // V8's column where the source settles it (`new X()` at `new`, a member call at its name),
    // as in the default format; the engine's getter is replaced only after the layout check
    // above has read it.
    def(
        "getColumnNumber",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, this: This<Object<'js>>| {
            // Only the engine's sites (read_site would call this method on any other object).
            site_data(&this.0, false)?;
            match read_site(&this.0, false).location {
                Location::Source { file, line, col } => {
                    Some(match RuntimeState::of(&ctx).source_line(&file, line) {
                        Some(text) => settle(&text, col).col,
                        None => col,
                    })
                }
                _ => None,
            }
        })?,
    )?;
    // The filename as the user gave it: a script registered for its own `import()` has a
    // suffix in the engine's (source-map-support and jest read frames through this).
    def(
        "getFileName",
        Function::new(ctx.clone(), move |this: This<Object<'js>>| {
            // Only the engine's sites (read_site would call this method on any other object).
            // A builtin's frame has none (null); eval code's none either (undefined).
            let data = site_data(&this.0, false)?;
            // SAFETY: the site holds its data.
            if unsafe { data.as_ref().native } != 0 {
                return Some(Value::new_null(this.0.ctx().clone()));
            }
            if read_site(&this.0, false).eval_at.is_some() {
                return None;
            }
            let file = file_of(&this.0)
                .filter(|f| f == "<input>" || !crate::eval_source::is_eval_file(f))
                .map(|f| crate::filename::display_filename(&f).to_string())?;
            file.into_js(this.0.ctx()).ok()
        })?,
    )?;
    // The function of a frame of eval code that named itself, as V8 names it (read_site);
    // otherwise what the engine's getter gives, the name it recorded.
    def(
        "getFunctionName",
        Function::new(
            ctx.clone(),
            |this: This<Object<'js>>| -> Result<Value<'js>> {
                let ctx = this.0.ctx().clone();
                let Some(data) = site_data(&this.0, false) else {
                    return Ok(Value::new_null(ctx));
                };
                let site = read_site(&this.0, false);
                if let (Some(name), Location::Source { file, .. }) = (&site.name, &site.location) {
                    if name == "eval" && crate::eval_source::is_eval_file(file) {
                        return name.as_str().into_js(&ctx);
                    }
                }
                if SiteFacts::of(&this.0, |f| f.no_name) == Some(true) {
                    return Ok(Value::new_null(ctx));
                }
                if let Some(name) = SiteFacts::of(&this.0, |f| f.inferred_name.clone()).flatten() {
                    return name.into_js(&ctx);
                }
                // The top level of eval code, and the function `new Function` made, are `eval`
                // to V8.
                if site.eval_at.is_some()
                    && matches!(site.name.as_deref(), None | Some("anonymous"))
                {
                    return "eval".into_js(&ctx);
                }
                // SAFETY: the site holds its data; the value is duplicated for the caller.
                let raw = unsafe { data.as_ref().func_name };
                Ok(unsafe {
                    Value::from_raw(ctx.clone(), qjs::JS_DupValue(ctx.as_raw().as_ptr(), raw))
                })
            },
        )?,
    )?;
    // Eval code that named itself is known by that name (V8 has no file name for it).
    def(
        "getEvalOrigin",
        Function::new(ctx.clone(), move |this: This<Object<'js>>| {
            read_site(&this.0, false)
                .eval_at
                .map(|o| o.text)
                .or_else(|| {
                    file_of(&this.0)
                        .filter(|f| f != "<input>" && crate::eval_source::is_eval_file(f))
                })
        })?,
    )?;
    def("getThis", Function::new(ctx.clone(), || ())?)?;
    def(
        "isToplevel",
        Function::new(ctx.clone(), |this: This<Object<'js>>| {
            SiteFacts::of(&this.0, |f| f.toplevel).unwrap_or(true)
        })?,
    )?;
    def(
        "getTypeName",
        // V8's null where nothing names it.
        Function::new(
            ctx.clone(),
            |this: This<Object<'js>>| -> Result<Value<'js>> {
                match SiteFacts::of(&this.0, |f| f.type_name.clone()).flatten() {
                    Some(t) => t.into_js(this.0.ctx()),
                    None => Ok(Value::new_null(this.0.ctx().clone())),
                }
            },
        )?,
    )?;
    def(
        "getMethodName",
        Function::new(
            ctx.clone(),
            |this: This<Object<'js>>| -> Result<Value<'js>> {
                match SiteFacts::of(&this.0, |f| f.method_name.clone()).flatten() {
                    Some(t) => t.into_js(this.0.ctx()),
                    None => Ok(Value::new_null(this.0.ctx().clone())),
                }
            },
        )?,
    )?;
    def(
        "getPromiseIndex",
        // V8's null for any other frame.
        Function::new(
            ctx.clone(),
            |this: This<Object<'js>>| -> Result<Value<'js>> {
                match SiteFacts::of(&this.0, |f| f.promise_index).flatten() {
                    Some(i) => i.into_js(this.0.ctx()),
                    None => Ok(Value::new_null(this.0.ctx().clone())),
                }
            },
        )?,
    )?;
    def(
        "isAsync",
        Function::new(ctx.clone(), |this: This<Object<'js>>| {
            SiteFacts::of(&this.0, |f| f.awaiting).unwrap_or(false)
        })?,
    )?;
    def(
        "isPromiseAll",
        Function::new(ctx.clone(), |this: This<Object<'js>>| {
            SiteFacts::of(&this.0, |f| f.promise_index.is_some()).unwrap_or(false)
        })?,
    )?;
    // V8's sites have a constructor, `CallSite`, that makes none: vm2 finds the prototype
    // through `sites[0].constructor` to wrap the sites its sandbox's formatter sees.
    let ctor = Function::new(ctx.clone(), |ctx: Ctx<'js>| -> Result<()> {
        Err(rquickjs::Exception::throw_message(&ctx, "Not supported"))
    })?
    .with_constructor(true);
    let ctor = crate::realm::own_realm_function(ctx, ctor)?;
    ctor.prop("name", Property::from("CallSite").configurable())?;
    ctor.prop("prototype", Property::from(proto.clone()))?;
    proto.prop(
        "constructor",
        Property::from(ctor).writable().configurable(),
    )?;
    // V8's sites have no tag of their own (`[object Object]`).
    proto.remove(rquickjs::atom::PredefinedAtom::SymbolToStringTag)?;
    Ok(())
}

/// The refused call of a frame at line `line_no` (text `line`, engine column `col`) whose
/// callee starts on one of the few lines above: how many lines up V8's position is, its column
/// there, and the callee as V8 prints it.
/// The call a caller's frame is at when its position (`col` of `line`, line `line_no`) is on
/// the last line of a call spread over lines: how many lines up the call's callee is, its
/// column there (V8's) and that line's text. `callee` names the function called.
fn call_above(
    state: &RuntimeState,
    file: &str,
    line_no: i32,
    line: &str,
    col: i32,
    callee: Option<&str>,
) -> Option<(i32, i32, String)> {
    // The call is known to enclose the position: by the callee's name, else (the function
    // called by another name) the innermost call opened above.
    let found = find_above(state, file, line_no, line, col, |joined, at| {
        match callee {
            Some(name) => crate::call_text::filter_calling_column(joined, at, name),
            None => crate::call_text::calling_column(joined, at, None),
        }
        .map(|p| (p, ()))
    })?;
    // A call on the frame's own line after all: not one spread over lines.
    (found.up > 0).then_some((found.up, found.column, found.text))
}

/// The refused call of a frame at line `line_no` (text `line`, engine column `col`) whose
/// callee starts on one of the few lines above: how many lines up V8's position is, its column
/// there, and the callee as V8 prints it.
fn refused_above(
    state: &RuntimeState,
    file: &str,
    line_no: i32,
    line: &str,
    col: i32,
    construct: bool,
    hint: Option<&crate::call_text::FailedCall>,
) -> Option<(i32, i32, String)> {
    let found = find_above(state, file, line_no, line, col, |joined, at| {
        crate::call_text::refused_call(joined, at, construct, hint)
    })?;
    Some((found.up, found.column, found.value))
}

/// A position found in a line and the lines above it.
struct Above<T> {
    /// How many lines above the frame's line.
    up: i32,
    /// Its column (1-based, in characters) on that line.
    column: i32,
    /// That line's text.
    text: String,
    value: T,
}

/// Reads the few lines above line `line_no` of `file` (text `line`), one more at a time, until
/// `find` finds a position (1-based, in characters) in their text joined with `line`, given
/// the frame's column `col` moved into that text.
fn find_above<T>(
    state: &RuntimeState,
    file: &str,
    line_no: i32,
    line: &str,
    col: i32,
    find: impl Fn(&str, i32) -> Option<(i32, T)>,
) -> Option<Above<T>> {
    // The lines above are read out of the engine's heap: a bounded amount only.
    const MAX_ABOVE: usize = 16 << 10;
    // A call's arguments over many lines (tsc's `(0, m.f)({` with a property a line) put its
    // callee far above; past the first lines, the text is searched at doubling depths only,
    // so that the work stays linear in what is read.
    const MAX_LINES: i32 = 64;
    let search = |above: &[String]| -> Option<Above<T>> {
        let prefix: usize = above.iter().map(|l| l.chars().count() + 1).sum();
        let joined = format!("{}\n{line}", above.join("\n"));
        let (p, value) = find(&joined, col + prefix as i32)?;
        // Back to a line and column: V8 marks the callee's last name, on whichever line.
        let index = (p - 1) as usize;
        let before: String = joined.chars().take(index).collect();
        let newlines = before.matches('\n').count();
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as i32 + 1;
        let text = above
            .get(newlines)
            .cloned()
            .unwrap_or_else(|| line.to_string());
        Some(Above {
            up: above.len() as i32 - newlines as i32,
            column,
            text,
            value,
        })
    };
    let mut above: Vec<String> = Vec::new();
    let mut read = 0;
    let mut searched = 0;
    for back in 1..=MAX_LINES {
        let Some(text) = state.source_line(file, line_no - back) else {
            break;
        };
        read += text.len();
        if read > MAX_ABOVE {
            return None;
        }
        above.insert(0, text);
        if back > 8 && !(back as u32).is_power_of_two() && back != MAX_LINES {
            continue;
        }
        searched = back;
        if let Some(found) = search(&above) {
            return Some(found);
        }
    }
    // The file's first line reached between two depths searched.
    (above.len() as i32 > searched)
        .then(|| search(&above))
        .flatten()
}

/// V8's origin of `eval` code whose engine filename is `name` (the compile hook recorded the
/// call that compiled it): `eval at f (file.js:1:2)`, the column V8's (at `eval`, at `new` of
/// `new Function`), and an eval in eval code named by the outer one's origin.
fn eval_origin_text(ctx: &Ctx<'_>, name: &str, depth: usize) -> Option<EvalOrigin> {
    let (function, line, col, caller) = crate::filename::eval_origin(name)?;
    // V8 names the caller by its function's own name (a module's top level is anonymous, and
    // so is the function `new Function` made, which its code's frames name `anonymous`).
    let by_function =
        function == "anonymous" && crate::filename::eval_code_name(caller) == "<input>";
    let function = match function {
        "" | "<eval>" => "<anonymous>",
        _ if by_function => "<anonymous>",
        f if f.ends_with("<anonymous>") => "<anonymous>",
        f => f,
    };
    let mut call = None;
    let place = if crate::filename::eval_code_name(caller) == "<input>" {
        match depth < 8 {
            true => eval_origin_text(ctx, caller, depth + 1)?.text,
            false => "<anonymous>".to_string(),
        }
    } else {
        let file = match crate::filename::display_filename(caller) {
            "" => "<anonymous>",
            f => f,
        };
        let state = RuntimeState::of(ctx);
        let text = state.source_line(caller, line);
        let mut line = line;
        let col = text
            .as_deref()
            .map(|t| {
                let c = char_column(t, col);
                crate::call_text::caller_column(t, c, Some("eval"))
                    .or_else(|| crate::call_text::caller_column(t, c, Some("Function")))
                    .or_else(|| {
                        // The engine's position is in an argument spread over lines (a
                        // template's last substitution): V8's is the call's, above.
                        let found = find_above(&state, caller, line, t, c, |joined, at| {
                            crate::call_text::innermost_call_column(joined, at).map(|p| (p, ()))
                        })
                        .filter(|f| f.up > 0)?;
                        line -= found.up;
                        Some(found.column)
                    })
                    .unwrap_or(c)
            })
            .unwrap_or(col);
        call = Some((line, col));
        format!("{file}:{line}:{col}")
    };
    Some(EvalOrigin {
        text: format!("eval at {function} ({place})"),
        call,
    })
}

/// Where code of `eval` or `new Function` was compiled from.
#[derive(PartialEq)]
struct EvalOrigin {
    /// As V8 prints it: `eval at f (file.js:3:6)`.
    text: String,
    /// The line and column of the call that compiled it, when a file's (not eval code's).
    call: Option<(i32, i32)>,
}

/// The resume position of frame `i`'s function, when that frame is the function's innermost
/// (the engine keeps one position per function: not for a function above it too).
fn innermost_resume_pc<'f>(
    ctx: &Ctx<'_>,
    functions: &[Option<(Value<'f>, Option<String>)>],
    i: usize,
    func: &Value<'f>,
) -> Option<*const u8> {
    if functions[..i]
        .iter()
        .any(|f| matches!(f, Some((g, _)) if g == func))
    {
        return None;
    }
    crate::frames::resume_pc_of(ctx, func)
}

/// V8's column for frame `i`'s call when it is one of a chain of calls whose results are
/// called in turn (`f(1)(2)`, `a[0](1)`: the engine records each at the chain's start), from
/// the frame's bytecode (which call of the chain it is in) and its line.
fn chained_call_at(
    ctx: &Ctx<'_>,
    fresh: bool,
    functions: &[Option<(Value<'_>, Option<String>)>],
    i: usize,
    (text, line, col): (&str, i32, i32),
) -> Option<i32> {
    let (func, _) = functions[i].as_ref().filter(|_| fresh)?;
    // Only a line with a call of a call's result or of an element is read further (the
    // bytecode's walk is linear in the function's code).
    if !crate::call_text::has_chained_call(text) {
        return None;
    }
    let pc = innermost_resume_pc(ctx, functions, i, func)?;
    // SAFETY: `pc` is the resume position of the function's live frame.
    let (k, head) = unsafe { crate::frames::bytecode::calls_chained_before(func, pc) }?;
    // From the first callee's read when it is on the frame's line, else from the call's own
    // position (the chain's start unless its arguments recorded one).
    head.filter(|(l, _)| *l == line)
        .and_then(|(_, c)| crate::call_text::chained_call_column(text, char_column(text, c), k))
        .or_else(|| crate::call_text::chained_call_column(text, col, k))
}

/// Frame `i`'s function and resume position, for a rule that reads what it was doing when it
/// called the frame above (fresh sites only; not a large function: see `caller_walkable`).
fn caller_resume<'a, 'f>(
    ctx: &Ctx<'_>,
    fresh: bool,
    functions: &'a [Option<(Value<'f>, Option<String>)>],
    i: usize,
) -> Option<(&'a Value<'f>, *const u8)> {
    let (func, _) = functions[i]
        .as_ref()
        .filter(|(f, _)| fresh && unsafe { crate::frames::bytecode::caller_walkable(f) })?;
    Some((func, innermost_resume_pc(ctx, functions, i, func)?))
}

/// V8's column for frame `i` when a `for...of` loop of it calls its iterator's `next`: the
/// loop's binding (the engine records the iterable's position).
fn for_of_next_at(
    ctx: &Ctx<'_>,
    fresh: bool,
    functions: &[Option<(Value<'_>, Option<String>)>],
    i: usize,
    text: &str,
    col: i32,
) -> Option<i32> {
    use crate::frames::bytecode::opcodes::FOR_OF_NEXT;
    let (func, pc) = caller_resume(ctx, fresh, functions, i)?;
    // SAFETY: `pc` is the resume position of the function's live frame.
    unsafe { crate::frames::bytecode::stopped_in(func, pc, &[FOR_OF_NEXT]) }?;
    crate::call_text::for_of_binding_column(text, col)
}

/// V8's column for frame `i` when it runs a getter by reading a property (`o.x`): the
/// property's name, which the frame's bytecode names; for an element read its `[`, for an
/// assignment (a setter, a `set` trap) its `=`.
fn getter_read_at(
    ctx: &Ctx<'_>,
    fresh: bool,
    functions: &[Option<(Value<'_>, Option<String>)>],
    i: usize,
    text: &str,
    col: i32,
) -> Option<i32> {
    let (func, pc) = caller_resume(ctx, fresh, functions, i)?;
    // SAFETY: `pc` is the resume position of the function's live frame.
    if let Some(name) = unsafe { crate::frames::bytecode::field_read(ctx, func, pc) } {
        return crate::call_text::property_read_column(text, col, &name);
    }
    // An element read (`o[k]`) or an assignment (`o.x = v`) that ran a getter, a setter or a
    // proxy's trap.
    // SAFETY: as above.
    let store = unsafe { crate::frames::bytecode::member_access(func, pc) }?;
    crate::call_text::member_access_column(text, col, store)
}

/// V8's column for a call, on line `line` whose text is `text` at the engine's column `col`,
/// of `callee` when that is a function expression in parentheses called at once (its own text
/// is what the parentheses hold, or it ends on the line right before the call).
fn called_at_once(
    callee: &Option<(Value<'_>, Option<String>)>,
    line: i32,
    text: &str,
    col: i32,
) -> Option<i32> {
    let (func, _) = callee.as_ref()?;
    let on_line = crate::frames::bytecode::function_text(func, 4096)
        .and_then(|source| crate::call_text::called_at_once_paren(text, &source, col));
    if on_line.is_some() {
        return on_line;
    }
    // A function over lines called at its end (`})()`, `}())`, `})(this)`): V8's column is
    // the call's `(`.
    let (start_line, _, _) = crate::frames::bytecode::function_start(func)?;
    let (below, end) = crate::frames::bytecode::function_end(func)?;
    if below == 0 || start_line.checked_add(below)? != line {
        return None;
    }
    let at = text.char_indices().position(|(b, _)| b == end)?;
    crate::call_text::call_right_after(text, at)
}

/// Line `line` of the code `func` was compiled in, as far as the function's own source covers
/// it: the source (`Function.prototype.toString`, the realm's own, which runs no code) placed
/// at the line and column where it starts.
fn function_text_line<'js>(
    to_string: &Function<'js>,
    func: &Value<'js>,
    line: i32,
) -> Option<String> {
    // Its source is copied out of the engine's heap: a bounded size only.
    const MAX_SOURCE: usize = 256 << 10;
    let (start_line, start_col, len) = crate::frames::bytecode::function_start(func)?;
    if len > MAX_SOURCE {
        return None;
    }
    let index = usize::try_from(line.checked_sub(start_line)?).ok()?;
    let source: String = to_string.call((This(func.clone()),)).ok()?;
    if source.ends_with("[native code] }") {
        return None;
    }
    let text = source.split('\n').nth(index)?.trim_end_matches('\r');
    // On the first line of eval code the engine's column of a function is one short, but for
    // one at the line's start (then 1, as it should be).
    let start_col = if start_line == 1 && start_col > 1 {
        start_col + 1
    } else {
        start_col
    };
    Some(match index {
        0 => format!(
            "{}{text}",
            " ".repeat((start_col - 1).clamp(0, 4096) as usize)
        ),
        _ => text.to_string(),
    })
}

/// Reads an engine call site from its data (the methods of its prototype may be code's own),
/// any other object through its methods.
fn read_site(site: &Object<'_>, fresh: bool) -> Site {
    read_site_within(site, fresh, &mut TextBudget::unbounded())
}

/// [`read_site`], copying names and file names only while they fit `budget`.
fn read_site_within(site: &Object<'_>, fresh: bool, budget: &mut TextBudget) -> Site {
    if let Some(data) = site_data(site, fresh) {
        // SAFETY: the site holds its data, and nothing changes it while it is read here.
        let data = unsafe { data.as_ref() };
        let ctx = site.ctx();
        let number = |n: c_int| (n >= 0).then_some(n);
        let name = string_within(ctx, data.func_name, &mut budget.names);
        let engine_file = string_within(ctx, data.filename, &mut budget.files);
        let eval_at = engine_file
            .as_deref()
            .filter(|f| crate::filename::eval_code_name(f) == "<input>")
            .and_then(|f| eval_origin_text(ctx, f, 0));
        let mut made = make_site(
            name.clone(),
            data.native != 0,
            data.constructor != 0,
            || engine_file.map(|f| crate::filename::eval_code_name(&f).to_string()),
            number(data.line_num),
            number(data.col_num),
        );
        if matches!(made.location, Location::Source { .. }) {
            made.eval_at = eval_at;
        }
        // Code of `eval` or `new Function` that named itself: V8 calls its top level, the
        // function `new Function` made and its functions without a name `eval` (the engine's
        // `<input>` frames keep their form).
        if let Location::Source { file, .. } = &made.location {
            if file != "<input>"
                && matches!(name.as_deref(), None | Some("" | "<eval>" | "anonymous"))
                && crate::eval_source::is_eval_file(file)
            {
                made.name = Some("eval".into());
            }
        }
        return made;
    }
    let within = |text: Option<String>, left: &mut usize| {
        text.filter(|t| {
            let fits = t.len() <= *left;
            if fits {
                *left -= t.len();
            }
            fits
        })
    };
    make_site(
        within(
            call(site, "getFunctionName").unwrap_or(None),
            &mut budget.names,
        ),
        call(site, "isNative").unwrap_or(false),
        call(site, "isConstructor").unwrap_or(false),
        || within(call(site, "getFileName").unwrap_or(None), &mut budget.files),
        call(site, "getLineNumber").unwrap_or(None),
        call(site, "getColumnNumber").unwrap_or(None),
    )
}

fn make_site(
    name: Option<String>,
    native: bool,
    ctor: bool,
    file: impl FnOnce() -> Option<String>,
    line: Option<i32>,
    col: Option<i32>,
) -> Site {
    let name = name.filter(|n| !n.is_empty() && n != "<eval>" && n != "<anonymous>");
    let location = if native {
        Location::Native
    } else {
        match (file(), line, col) {
            (Some(file), Some(line), Some(col)) if line >= 0 => {
                Location::Source { file, line, col }
            }
            (Some(f), _, _) => Location::File(f),
            _ => Location::Unknown,
        }
    };
    Site {
        name,
        location,
        ctor,
        type_name: None,
        eval_at: None,
        method: None,
        inferred: false,
        awaiting: false,
        promise_index: None,
        hidden: false,
    }
}

/// QuickJS-ng's `JSCallSiteData` (quickjs.c): what the engine's call site objects hold. The
/// engine has no way to change it; [`site_data`] checks the layout against its getters.
#[repr(C)]
struct CallSiteData {
    filename: qjs::JSValue,
    func: qjs::JSValue,
    func_name: qjs::JSValue,
    native: u8,
    constructor: u8,
    line_num: c_int,
    col_num: c_int,
}

/// The class of the engine's call sites, once their layout is checked (0 before).
static CALL_SITE_CLASS: AtomicU32 = AtomicU32::new(0);
/// In `CALL_SITE_CLASS`: the layout is not the one assumed; no site's data is read, and code
/// is given no call sites (see `hide_functions`).
const LAYOUT_UNKNOWN: u32 = u32::MAX;

/// The data of `site` if it is one of the engine's call sites. `fresh`: the site comes straight
/// from the engine. The first fresh site checks the layout through the getters of its
/// prototype: no code can have changed them yet, since only a call site leads to them and none
/// was handed out before that check.
fn site_data(site: &Object<'_>, fresh: bool) -> Option<NonNull<CallSiteData>> {
    let mut class = 0;
    let data = unsafe { qjs::JS_GetAnyOpaque(site.as_raw(), &mut class) };
    let data = NonNull::new(data.cast::<CallSiteData>())?;
    match CALL_SITE_CLASS.load(Ordering::Acquire) {
        0 if fresh => {
            // SAFETY: a fresh site is one of the engine's; the check tells whether the layout
            // is the one assumed, reading it as the engine's getters do.
            match check_layout(site, unsafe { data.as_ref() }) {
                Some(true) => {
                    CALL_SITE_CLASS.store(class, Ordering::Release);
                    Some(data)
                }
                Some(false) => {
                    CALL_SITE_CLASS.store(LAYOUT_UNKNOWN, Ordering::Release);
                    None
                }
                // A getter failed (a limit fired while the first stack was made): ask again
                // with the next site.
                None => None,
            }
        }
        known => (known != 0 && known == class).then_some(data),
    }
}

/// Whether the engine's getters read what the layout says; `None` when a getter failed.
fn check_layout(site: &Object<'_>, data: &CallSiteData) -> Option<bool> {
    let ctx = site.ctx();
    let value = |v: qjs::JSValue| unsafe {
        Value::from_raw(ctx.clone(), qjs::JS_DupValue(ctx.as_raw().as_ptr(), v))
    };
    let same = |field: qjs::JSValue, method: &str| {
        call::<Value>(site, method).ok().map(|v| v == value(field))
    };
    let number = |field: c_int, method: &str| {
        call::<Option<c_int>>(site, method)
            .ok()
            .map(|n| n == (field >= 0).then_some(field))
    };
    let flag = |field: u8, method: &str| call::<bool>(site, method).ok().map(|b| field == b as u8);
    Some(
        std::mem::size_of::<qjs::JSValue>() == 16
            && same(data.filename, "getFileName")?
            && same(data.func, "getFunction")?
            && same(data.func_name, "getFunctionName")?
            && flag(data.native, "isNative")?
            && flag(data.constructor, "isConstructor")?
            && number(data.line_num, "getLineNumber")?
            && number(data.col_num, "getColumnNumber")?,
    )
}

/// The engine string `v`, copied only when its length fits what is `left` (then taken from it).
fn string_within(ctx: &Ctx<'_>, v: qjs::JSValue, left: &mut usize) -> Option<String> {
    // SAFETY: `v` is a value the site holds; its length is read without running code.
    let units = unsafe { crate::hole_walks::string_length(ctx.as_raw().as_ptr(), v) }?;
    if usize::try_from(units).ok()? > *left {
        return None;
    }
    let text = string_of(ctx, v)?;
    *left = left.saturating_sub(text.len());
    Some(text)
}

fn string_of(ctx: &Ctx<'_>, v: qjs::JSValue) -> Option<String> {
    let v = unsafe { Value::from_raw(ctx.clone(), qjs::JS_DupValue(ctx.as_raw().as_ptr(), v)) };
    v.as_string()?.to_string().ok()
}

/// Takes the function out of the engine's call sites that must not give it (`getFunction()`
/// then gives `undefined`), before any code sees them:
/// - a function of another realm, which would lead to that realm's global. (In Node, whose
///   contexts share the main context's security token, V8 gives these.)
/// - strict code, as V8: builtins (native frames) and class constructors, and every frame below
///   one (V8 counts a frame strict when a frame above it is), except below `call` and `apply`,
///   which are no frames in V8. Functions strict by a directive, or in a module, are not told
///   apart: the engine does not say.
/// - top-level code (the engine names it `<eval>`), as V8.
///
/// The engine's sites have no `getThis` (it does not record `this`), so no other value leaks.
fn hide_functions<'js>(ctx: &Ctx<'js>, error_ctor: &Object<'js>, sites: &Array<'js>) -> Result<()> {
    let mut below_strict = false;
    for site in sites.iter::<Value>() {
        let site = site?;
        let Some(site) = site.as_object() else {
            continue;
        };
        let Some(mut data) = site_data(site, true) else {
            // Its function cannot be hidden: code gets no sites rather than an open one.
            return Err(rquickjs::Exception::throw_internal(
                ctx,
                "call sites are unavailable in this build",
            ));
        };
        // SAFETY: the site holds its data; no code has seen the site yet.
        let data = unsafe { data.as_mut() };
        if unsafe { qjs::JS_VALUE_GET_TAG(data.func) } != qjs::JS_TAG_OBJECT {
            continue;
        }
        let name = string_of(ctx, data.func_name);
        let native = data.native != 0;
        let shown = !below_strict
            && !native
            && name.as_deref() != Some("<eval>")
            && match of_realm(ctx, error_ctor, data.func) {
                Some(own) => own,
                None => {
                    below_strict = true;
                    false
                }
            };
        if native && !matches!(name.as_deref(), Some("call" | "apply")) {
            below_strict = true;
        }
        if !shown {
            unsafe { qjs::JS_FreeValue(ctx.as_raw().as_ptr(), data.func) };
            data.func = qjs::JS_UNDEFINED;
        }
    }
    Ok(())
}

fn call<'js, T: FromJs<'js>>(site: &Object<'js>, method: &str) -> Result<T> {
    let f: Function = site.get(method)?;
    f.call((rquickjs::function::This(site.clone()),))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source_lines::SourceLines;
    use source_columns::callee_at;

    #[test]
    fn columns_past_the_line_end_read_nothing() {
        // Indexing past the characters panicked while formatting a refused write's stack
        // (found by fuzzing `"use strict"; o… = 1` in contexts).
        for col in [6, 7, 50, i32::MAX] {
            assert_eq!(read_only_column("'x' is read-only", "o.x=1", col), None);
            assert_eq!(callee_at("o.x()", col), None);
            let _ = settle("o.x()", col);
            assert_eq!(
                property_column("cannot read property 'x'", "o.x", col),
                None
            );
        }
    }

    #[test]
    fn callee_and_columns() {
        let line = "show(() => { vm.runInDebugContext('x') });";
        assert_eq!(callee_at(line, 17).as_deref(), Some("vm.runInDebugContext"));
        assert_eq!(callee_at("  f()", 3).as_deref(), Some("f"));
        assert_eq!(callee_at("obj.method()", 4).as_deref(), Some("obj.method"));
        assert_eq!(settle("obj.method()", 4).col, 5);
        assert_eq!(callee_at("  o['a']()", 3), None);
        let s = settle("throw new Error('x')", 11);
        assert_eq!((s.col, s.is_new), (7, true));
        assert_eq!(settle("  foo()", 3).col, 3);
        // A parenthesized member callee: the arguments' `(`, from the dot or the name.
        assert_eq!(settle("(0, a.b)(x)", 6).col, 9);
        assert_eq!(settle("(0, a.b)(x)", 7).col, 9);
        // A column past the end of the line (a position the source does not hold).
        assert_eq!(settle("f()", 10).col, 10);
        assert_eq!(settle("", 1).col, 1);
    }

    #[test]
    fn source_lines_by_engine_number() {
        let s = SourceLines::new(std::sync::Arc::new(b"a\nbb\r\nccc\0".to_vec()), 5);
        assert_eq!(s.line(5).as_deref(), Some("a"));
        assert_eq!(s.line(6).as_deref(), Some("bb"));
        assert_eq!(s.line(7).as_deref(), Some("ccc"));
        assert_eq!(s.line(8), None);
        assert_eq!(s.line(4), None);
    }

    #[test]
    fn wording() {
        assert_eq!(
            v8_wording("cannot read property 'x' of null").as_deref(),
            Some("Cannot read properties of null (reading 'x')")
        );
        assert_eq!(
            v8_wording("Foo is not initialized").as_deref(),
            Some("Cannot access 'Foo' before initialization")
        );
        assert_eq!(v8_wording("something else"), None);
        assert_eq!(
            v8_wording("redeclaration of 'r'").as_deref(),
            Some("Identifier 'r' has already been declared")
        );
        assert_eq!(
            v8_wording("Expected property name or '}' in JSON at position 1 (line 1 column 2)")
                .as_deref(),
            Some("Expected property name or '}' in JSON at position 1")
        );
        assert!(v8_wording("this is not initialized")
            .is_some_and(|m| m.starts_with("Must call super constructor")));
    }
}

/// Where the `throw` statement starts whose value ends at `col` (0-based, in characters) of
/// `src`, line `line` of its code, when that is on an earlier line: `throw new Error(` with
/// its arguments on the lines below (the engine places the throw at the value's last part).
/// `line_text` reads the code's earlier lines. `None` when `src` has a `throw` before `col`, or
/// none is found above before a line that ends a statement or opens a block (`;`, `}`, `{`),
/// within 20 lines.
/// Gives `(line, its text, column of the throw)`.
fn throw_above(
    src: &str,
    col: usize,
    line: i32,
    line_text: impl Fn(i32) -> Option<String>,
) -> Option<(i32, String, usize)> {
    let last_throw = |text: &str, end: usize| {
        let chars: Vec<char> = text.chars().collect();
        let end = end.min(chars.len());
        (0..end).rev().find(|&i| {
            i + 5 <= end
                && chars[i..i + 5].iter().copied().eq("throw".chars())
                && (i == 0 || !crate::call_text::is_ident(chars[i - 1]) && chars[i - 1] != '.')
                && chars
                    .get(i + 5)
                    .is_none_or(|&c| !crate::call_text::is_ident(c))
        })
    };
    if last_throw(src, col).is_some() {
        return None;
    }
    // Saturating: a script's lines may start anywhere in int's range (its line offset).
    let mut n = line.saturating_sub(1);
    while n >= 1 && n >= line.saturating_sub(20) {
        let text = line_text(n)?;
        if text.trim_end().ends_with([';', '}']) {
            return None;
        }
        if let Some(i) = last_throw(&text, usize::MAX) {
            return Some((n, text, i));
        }
        if text.trim_end().ends_with('{') {
            return None;
        }
        n -= 1;
    }
    None
}

#[cfg(test)]
mod throw_above_tests {
    #[test]
    fn throw_above_finds_the_statement_of_a_value_on_lines_below() {
        let lines = [
            "function f() {",
            "  throw new Error(",
            "    'a' +",
            "      'b',",
            "  );",
        ];
        let text = |n: i32| lines.get(n as usize - 1).map(|s| s.to_string());
        let at = super::throw_above(lines[3], 6, 4, text);
        assert_eq!(at, Some((2, lines[1].to_string(), 2)));
        assert_eq!(super::throw_above("  throw x;", 8, 1, |_: i32| None), None);
        let ended = ["throw a;", "f(", "  x)"];
        let text = |n: i32| ended.get(n as usize - 1).map(|s| s.to_string());
        assert_eq!(super::throw_above(ended[2], 3, 3, text), None);
    }
}
