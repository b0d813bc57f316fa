//! The main context's `Error.prepareStackTrace` formatting the errors of contexts that have
//! none of their own, as in Node (lib/internal/errors.js asks the main context's `Error` when
//! the error's realm has no function there; source-map-support relies on it).
//!
//! Node hands the context's error and call sites to the main realm's function and the
//! function's result back to the context as `error.stack`. Here neither direction carries an
//! object: the function gets a main-realm copy of the error (its prototype the main realm's
//! `Error.prototype`, its own data properties of primitive value copied, a bounded number) and
//! main-realm call sites whose methods give the frames' primitive data; only a primitive result
//! becomes the context error's `stack`. An object result, or a throw, leaves the default format
//! (the thrown value is the main realm's and stays there).

use std::cell::Cell;

use rquickjs::function::This;
use rquickjs::object::Property;
use rquickjs::{qjs, Array, Ctx, Function, Object, Persistent, Value};

use crate::runtime::state::RuntimeState;

/// A frame as the copies of call sites give it.
pub(crate) struct Frame {
    pub(crate) file: Option<String>,
    pub(crate) line: Option<i32>,
    pub(crate) column: Option<i32>,
    pub(crate) function: Option<String>,
    pub(crate) native: bool,
    pub(crate) constructor: bool,
    pub(crate) eval: bool,
    /// V8's text of the frame (`CallSite.prototype.toString`).
    pub(crate) text: String,
}

/// The most own properties of an error copied for the main realm's function.
const MAX_COPIED_PROPERTIES: u32 = 64;

thread_local! {
    /// Set while the main realm's function runs for a context's error: an error of a context
    /// made meanwhile gets the default format (no recursion through the two realms).
    static RUNNING: Cell<bool> = const { Cell::new(false) };
}

/// Whether the main realm has a function of code's own as `Error.prepareStackTrace`
/// (`is_default` tells the default formatter) and `ctx` is not the main realm.
pub(crate) fn applies<'js>(ctx: &Ctx<'js>, is_default: impl Fn(&Value<'js>) -> bool) -> bool {
    if RUNNING.get() {
        return false;
    }
    let state = RuntimeState::of(ctx);
    let main = state.main_realm.borrow();
    let Some(main) = main.as_ref() else {
        return false;
    };
    if main.ctx.as_ptr() == ctx.as_raw().as_ptr() {
        return false;
    }
    let Ok(error) = main.error.clone().restore(ctx) else {
        return false;
    };
    // An own data property, as code stores it (a getter is not run for this check).
    match own_data(ctx, &error, "prepareStackTrace") {
        Some(f) => f.is_function() && !is_default(&f),
        None => false,
    }
}

/// The main realm's `Error.prepareStackTrace(copy of error, copies of sites)` for `error`, an
/// error of `ctx`'s realm whose header reads `name` and whose default format is `text` (the
/// copy's `stack` while the function runs, as V8's is); `None` when it gives no primitive.
pub(crate) fn format<'js>(
    ctx: &Ctx<'js>,
    error: &Value<'js>,
    name: Option<String>,
    text: &str,
    frames: &[Frame],
) -> Option<Value<'js>> {
    let state = RuntimeState::of(ctx);
    let (main_ptr, main_error) = {
        let main = state.main_realm.borrow();
        let main = main.as_ref()?;
        (main.ctx, main.error.clone())
    };
    // SAFETY: the main context lives as long as the runtime, whose lock is held here.
    let main = unsafe { Ctx::from_raw(main_ptr) };
    let main_error = main_error.restore(&main).ok()?;
    let custom = own_data(&main, &main_error, "prepareStackTrace")?.into_function()?;
    let copy = copy_error(&main, error, &main_error, name, text).ok()?;
    let sites = main_sites(&main, &state, frames).ok()?;
    RUNNING.set(true);
    let result = custom.call::<_, Value>((This(main_error), copy, sites));
    RUNNING.set(false);
    let result = match result {
        Ok(v) => v,
        Err(_) => {
            // Main-realm code threw: its value stays in the main realm.
            drop(main.catch());
            return None;
        }
    };
    let primitive = result.is_string()
        || result.is_number()
        || result.is_bool()
        || result.is_null()
        || result.is_undefined();
    if !primitive {
        return None;
    }
    // A primitive has no realm: the same value, for the context.
    Some(unsafe {
        Value::from_raw(
            ctx.clone(),
            qjs::JS_DupValue(ctx.as_raw().as_ptr(), result.as_raw()),
        )
    })
}

/// `obj`'s own data property `key` (an ordinary object's: nothing runs), if any.
fn own_data<'js>(ctx: &Ctx<'js>, obj: &Object<'js>, key: &str) -> Option<Value<'js>> {
    let c = ctx.as_raw().as_ptr();
    let name = std::ffi::CString::new(key).ok()?;
    if unsafe { qjs::JS_IsProxy(obj.as_raw()) } {
        return None;
    }
    unsafe {
        let atom = qjs::JS_NewAtom(c, name.as_ptr());
        let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
        let r = qjs::JS_GetOwnProperty(c, &mut desc, obj.as_raw(), atom);
        qjs::JS_FreeAtom(c, atom);
        if r <= 0 {
            if r < 0 {
                drop(ctx.catch());
            }
            return None;
        }
        let value = Value::from_raw(ctx.clone(), desc.value);
        qjs::JS_FreeValue(c, desc.getter);
        qjs::JS_FreeValue(c, desc.setter);
        (desc.flags & qjs::JS_PROP_GETSET as i32 == 0).then_some(value)
    }
}

/// A main-realm object standing for `error`: its prototype the main realm's `Error.prototype`,
/// `stack` the default format `text`, the error's own data properties of primitive value
/// (strings, numbers... have no realm) and `name` when the error only inherits it. Only a plain object or an error is read (no
/// proxy, no object whose properties are computed): nothing of the context runs.
fn copy_error<'js>(
    main: &Ctx<'js>,
    error: &Value<'js>,
    main_error: &Object<'js>,
    name: Option<String>,
    text: &str,
) -> rquickjs::Result<Object<'js>> {
    const JS_CLASS_OBJECT: u32 = 1;
    const JS_CLASS_ERROR: u32 = 3;
    let copy = Object::new(main.clone())?;
    let proto = own_data(main, main_error, "prototype").and_then(|p| p.into_object());
    copy.set_prototype(proto.as_ref())?;
    copy.prop("stack", Property::from(text).writable().configurable())?;
    let m = main.as_raw().as_ptr();
    let mut has_name = false;
    if let Some(obj) = error.as_object() {
        let raw = obj.as_raw();
        let class = unsafe { qjs::JS_GetClassID(raw) };
        let ordinary = class == JS_CLASS_OBJECT || class == JS_CLASS_ERROR;
        if ordinary && !unsafe { qjs::JS_IsProxy(raw) } {
            let c = obj.ctx().as_raw().as_ptr();
            unsafe {
                let mut tab: *mut qjs::JSPropertyEnum = std::ptr::null_mut();
                let mut len: u32 = 0;
                let flags = qjs::JS_GPN_STRING_MASK as i32;
                if qjs::JS_GetOwnPropertyNames(c, &mut tab, &mut len, raw, flags) < 0 {
                    drop(obj.ctx().catch());
                    len = 0;
                }
                for i in 0..len.min(MAX_COPIED_PROPERTIES) {
                    let atom = (*tab.add(i as usize)).atom;
                    let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
                    if qjs::JS_GetOwnProperty(c, &mut desc, raw, atom) <= 0 {
                        continue;
                    }
                    qjs::JS_FreeValue(c, desc.getter);
                    qjs::JS_FreeValue(c, desc.setter);
                    let value = desc.value;
                    let tag = qjs::JS_VALUE_GET_TAG(value);
                    let is_primitive = tag != qjs::JS_TAG_OBJECT
                        && tag != qjs::JS_TAG_SYMBOL
                        && desc.flags & qjs::JS_PROP_GETSET as i32 == 0;
                    if !is_primitive {
                        qjs::JS_FreeValue(c, value);
                        continue;
                    }
                    let keep = desc.flags
                        & (qjs::JS_PROP_WRITABLE
                            | qjs::JS_PROP_ENUMERABLE
                            | qjs::JS_PROP_CONFIGURABLE) as i32;
                    // Atoms belong to the runtime; the value is moved to the copy.
                    if qjs::JS_DefinePropertyValue(m, copy.as_raw(), atom, value, keep) < 0 {
                        drop(main.catch());
                    }
                    let key = qjs::JS_AtomToValue(m, atom);
                    let key = Value::from_raw(main.clone(), key);
                    has_name |=
                        key.as_string().and_then(|s| s.to_string().ok()).as_deref() == Some("name");
                }
                qjs::JS_FreePropertyEnum(c, tab, len);
            }
        }
    }
    if let Some(name) = name.filter(|n| !has_name && n != "Error") {
        copy.prop("name", Property::from(name).writable().configurable())?;
    }
    Ok(copy)
}

/// The main realm's copies of `frames`: objects with V8's call site methods, each reading only
/// its own frame's primitive data.
fn main_sites<'js>(
    main: &Ctx<'js>,
    state: &RuntimeState,
    frames: &[Frame],
) -> rquickjs::Result<Array<'js>> {
    let maker = {
        let kept = state
            .main_realm
            .borrow()
            .as_ref()
            .and_then(|m| m.sites.clone());
        match kept {
            Some(f) => f.restore(main)?,
            None => {
                let f: Function = main.eval(SITE_MAKER)?;
                if let Some(m) = state.main_realm.borrow_mut().as_mut() {
                    m.sites = Some(Persistent::save(main, f.clone()));
                }
                f
            }
        }
    };
    let sites = Array::new(main.clone())?;
    for (i, f) in frames.iter().enumerate() {
        let data = Object::new(main.clone())?;
        data.set_prototype(None)?;
        let def = |key: &str, v: Value<'js>| data.prop(key, Property::from(v));
        let string = |s: &Option<String>| -> rquickjs::Result<Value<'js>> {
            match s {
                Some(s) => Ok(rquickjs::String::from_str(main.clone(), s)?.into_value()),
                None => Ok(Value::new_null(main.clone())),
            }
        };
        let number = |n: Option<i32>| match n {
            Some(n) => Value::new_int(main.clone(), n),
            None => Value::new_null(main.clone()),
        };
        def("fileName", string(&f.file)?)?;
        def("lineNumber", number(f.line))?;
        def("columnNumber", number(f.column))?;
        def("functionName", string(&f.function)?)?;
        def("isNative", Value::new_bool(main.clone(), f.native))?;
        def(
            "isConstructor",
            Value::new_bool(main.clone(), f.constructor),
        )?;
        def("isEval", Value::new_bool(main.clone(), f.eval))?;
        def("text", string(&Some(f.text.clone()))?)?;
        let site: Value = maker.call((data,))?;
        sites.set(i, site)?;
    }
    Ok(sites)
}

/// The main realm's call site class (V8's methods; what QuickJS does not record is answered
/// as V8 answers when it does not know), and a maker of its instances.
const SITE_MAKER: &str = r#"(function () {
  'use strict';
  class CallSite {
    #d;
    constructor(d) { this.#d = d; }
    getThis() { return undefined; }
    getTypeName() { return null; }
    getFunction() { return undefined; }
    getFunctionName() { return this.#d.functionName; }
    getMethodName() { return null; }
    getFileName() { return this.#d.fileName ?? undefined; }
    getLineNumber() { return this.#d.lineNumber; }
    getColumnNumber() { return this.#d.columnNumber; }
    getEvalOrigin() { return undefined; }
    getScriptNameOrSourceURL() { return this.#d.fileName ?? undefined; }
    isToplevel() { return true; }
    isEval() { return this.#d.isEval; }
    isNative() { return this.#d.isNative; }
    isConstructor() { return this.#d.isConstructor; }
    isAsync() { return false; }
    isPromiseAll() { return false; }
    getPromiseIndex() { return null; }
    toString() { return this.#d.text; }
  }
  return function makeCallSite(d) { return new CallSite(d); };
})()"#;
