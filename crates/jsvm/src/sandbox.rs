//! The contextified global: how a sandbox object becomes the global scope of a context.
//!
//! Node does this with V8's property interceptors on the global; QuickJS has none. We build the
//! same lookups from the global's prototype chain:
//!
//! ```text
//! global (own: declared functions, var forwarders, undefined/NaN/Infinity)
//!   -> scope   (an exotic object of our class: answers from the sandbox, then from the
//!               realm's builtins — Array, Object, ... — taken off the global)
//!   -> Object.prototype
//! ```
//!
//! The scope object implements only `get_own_property`, `has_property` and `set_property`, not
//! `get_property`: QuickJS then keeps throwing `ReferenceError` for names found nowhere (an
//! exotic `get_property` would make every unknown name `undefined`). `set_property` catches every
//! write that misses the global's own properties, so `name = "kitty"` and `this.x = 1` land on
//! the sandbox at once, and sandbox properties shadow builtins because the scope comes first.
//!
//! What the chain cannot catch are bindings QuickJS creates as own properties of the global:
//! `var` declarations (kept live by a forwarding accessor installed before the script runs: the
//! engine leaves an existing property alone) and function declarations (non-configurable; copied
//! to the sandbox after each run, and back before the next, see `context.rs`).

use std::ffi::c_int;
use std::ptr;

use rquickjs::qjs;

/// The names of a realm's global builtins, the same for every context of a runtime: each
/// scope keeps only the values, in this order (an array, not an object with its own shape
/// and property table: a few KB less per context).
pub(crate) struct BuiltinNames {
    atoms: Vec<qjs::JSAtom>,
    index: std::collections::HashMap<qjs::JSAtom, usize, crate::id_hasher::BuildIdHasher>,
    console: qjs::JSAtom,
    to_string_tag: qjs::JSAtom,
}

/// What a scope object holds: the sandbox it answers from and the realm's builtins.
struct ScopeData {
    sandbox: qjs::JSValue,
    /// The context's global (owned and marked: the cycle through the global's prototype is the
    /// collector's to free). Writes reaching the scope are the global's only when it is the
    /// receiver.
    global: qjs::JSValue,
    names: std::rc::Rc<BuiltinNames>,
    /// By `names` index; `JS_UNINITIALIZED` where this realm lacks that builtin.
    values: Vec<qjs::JSValue>,
    /// V8 gives every context a `console` whose methods print nothing (outside the inspector);
    /// made on first use, in this realm, so an unused one costs nothing.
    console: std::cell::Cell<qjs::JSValue>,
}

impl ScopeData {
    fn builtin(&self, prop: qjs::JSAtom) -> Option<qjs::JSValue> {
        let v = *self.values.get(*self.names.index.get(&prop)?)?;
        (!unsafe { qjs::JS_IsUninitialized(v) }).then_some(v)
    }
}

static CLASS_NAME: &[u8] = b"ContextScope\0";

static mut SCOPE_EXOTIC: qjs::JSClassExoticMethods = qjs::JSClassExoticMethods {
    get_own_property: Some(scope_get_own_property),
    get_own_property_names: Some(scope_get_own_property_names),
    delete_property: Some(scope_delete_property),
    define_own_property: None,
    has_property: Some(scope_has_property),
    get_property: None,
    set_property: Some(scope_set_property),
};

/// Registers the scope class in a runtime; returns its class id.
pub(crate) fn register_class(raw_rt: *mut qjs::JSRuntime) -> qjs::JSClassID {
    unsafe {
        let mut id: qjs::JSClassID = 0;
        qjs::JS_NewClassID(raw_rt, &mut id);
        let def = qjs::JSClassDef {
            class_name: CLASS_NAME.as_ptr().cast(),
            finalizer: Some(scope_finalizer),
            gc_mark: Some(scope_mark),
            call: None,
            exotic: ptr::addr_of_mut!(SCOPE_EXOTIC),
        };
        qjs::JS_NewClass(raw_rt, id, &def);
        id
    }
}

unsafe fn data<'a>(obj: qjs::JSValue) -> Option<&'a ScopeData> {
    let mut id: qjs::JSClassID = 0;
    let p = qjs::JS_GetAnyOpaque(obj, &mut id) as *const ScopeData;
    p.as_ref()
}

unsafe extern "C" fn scope_finalizer(rt: *mut qjs::JSRuntime, val: qjs::JSValue) {
    let mut id: qjs::JSClassID = 0;
    let p = qjs::JS_GetAnyOpaque(val, &mut id) as *mut ScopeData;
    if !p.is_null() {
        let d = Box::from_raw(p);
        qjs::JS_FreeValueRT(rt, d.sandbox);
        qjs::JS_FreeValueRT(rt, d.global);
        for v in &d.values {
            qjs::JS_FreeValueRT(rt, *v);
        }
        qjs::JS_FreeValueRT(rt, d.console.get());
    }
}

unsafe extern "C" fn scope_mark(
    rt: *mut qjs::JSRuntime,
    val: qjs::JSValue,
    mark: qjs::JS_MarkFunc,
) {
    if let Some(d) = data(val) {
        qjs::JS_MarkValue(rt, d.sandbox, mark);
        qjs::JS_MarkValue(rt, d.global, mark);
        for v in &d.values {
            qjs::JS_MarkValue(rt, *v, mark);
        }
        qjs::JS_MarkValue(rt, d.console.get(), mark);
    }
}

/// A sandbox property reads as an own data property of the scope; getters on the sandbox run
/// here (Node calls them too, it does not copy them).
unsafe extern "C" fn scope_get_own_property(
    ctx: *mut qjs::JSContext,
    desc: *mut qjs::JSPropertyDescriptor,
    obj: qjs::JSValue,
    prop: qjs::JSAtom,
) -> c_int {
    let Some(d) = data(obj) else { return 0 };
    // Own properties first (the common case: one lookup); getters run with the sandbox as
    // `this`. Then the sandbox's prototype chain, as Node's interceptor sees it.
    let mut own: qjs::JSPropertyDescriptor = std::mem::zeroed();
    let r = qjs::JS_GetOwnProperty(ctx, &mut own, d.sandbox, prop);
    if r < 0 {
        return -1;
    }
    let value = if r > 0 {
        if own.flags & qjs::JS_PROP_GETSET as c_int != 0 {
            qjs::JS_FreeValue(ctx, own.value);
            qjs::JS_FreeValue(ctx, own.setter);
            if qjs::JS_IsUndefined(own.getter) {
                qjs::JS_UNDEFINED
            } else {
                let v = qjs::JS_Call(ctx, own.getter, d.sandbox, 0, ptr::null_mut());
                qjs::JS_FreeValue(ctx, own.getter);
                v
            }
        } else {
            qjs::JS_FreeValue(ctx, own.getter);
            qjs::JS_FreeValue(ctx, own.setter);
            own.value
        }
    } else {
        let has = qjs::JS_HasProperty(ctx, d.sandbox, prop);
        if has < 0 {
            return has;
        }
        if has == 0 {
            // Not in the sandbox: the realm's builtin, if it is one (non-enumerable, as on a
            // global).
            let v = match d.builtin(prop) {
                Some(v) => v,
                None if prop == d.names.console => match silent_console(ctx, d) {
                    Some(v) => v,
                    None => return -1,
                },
                None => return 0,
            };
            if !desc.is_null() {
                (*desc).flags = (qjs::JS_PROP_CONFIGURABLE | qjs::JS_PROP_WRITABLE) as c_int;
                (*desc).value = qjs::JS_DupValue(ctx, v);
                (*desc).getter = qjs::JS_UNDEFINED;
                (*desc).setter = qjs::JS_UNDEFINED;
            }
            return 1;
        }
        qjs::JS_GetProperty(ctx, d.sandbox, prop)
    };
    if qjs::JS_IsException(value) {
        return -1;
    }
    // A sandbox holding itself (`sandbox.self = sandbox`, `ctx.window = ctx`) reads as the
    // global, as Node's interceptor answers: `self === this` inside.
    let value = if qjs::JS_IsObject(value)
        && qjs::JS_VALUE_GET_PTR(value) == qjs::JS_VALUE_GET_PTR(d.sandbox)
    {
        qjs::JS_FreeValue(ctx, value);
        qjs::JS_DupValue(ctx, d.global)
    } else {
        value
    };
    if desc.is_null() {
        qjs::JS_FreeValue(ctx, value);
    } else {
        (*desc).flags = qjs::JS_PROP_C_W_E as c_int;
        (*desc).value = value;
        (*desc).getter = qjs::JS_UNDEFINED;
        (*desc).setter = qjs::JS_UNDEFINED;
    }
    1
}

unsafe extern "C" fn scope_get_own_property_names(
    ctx: *mut qjs::JSContext,
    ptab: *mut *mut qjs::JSPropertyEnum,
    plen: *mut u32,
    obj: qjs::JSValue,
) -> c_int {
    let Some(d) = data(obj) else {
        *ptab = ptr::null_mut();
        *plen = 0;
        return 0;
    };
    qjs::JS_GetOwnPropertyNames(
        ctx,
        ptab,
        plen,
        d.sandbox,
        (qjs::JS_GPN_STRING_MASK | qjs::JS_GPN_SYMBOL_MASK | qjs::JS_GPN_ENUM_ONLY) as c_int,
    )
}

unsafe extern "C" fn scope_delete_property(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    prop: qjs::JSAtom,
) -> c_int {
    let Some(d) = data(obj) else { return 1 };
    qjs::JS_DeleteProperty(ctx, d.sandbox, prop, 0)
}

/// `name in globalThis` and the engine's own "is this global defined" checks: the sandbox,
/// then the builtins, then the rest of the chain (a custom has_property replaces the walk).
unsafe extern "C" fn scope_has_property(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    prop: qjs::JSAtom,
) -> c_int {
    let Some(d) = data(obj) else { return 0 };
    let has = qjs::JS_HasProperty(ctx, d.sandbox, prop);
    if has != 0 {
        return has;
    }
    if d.builtin(prop).is_some() || prop == d.names.console {
        return 1;
    }
    // Then the rest of the chain (Object.prototype).
    let proto = qjs::JS_GetPrototype(ctx, obj);
    let r = if qjs::JS_IsObject(proto) {
        qjs::JS_HasProperty(ctx, proto, prop)
    } else {
        0
    };
    qjs::JS_FreeValue(ctx, proto);
    r
}

/// Every write to a global name that is not an own property of the global lands here: it goes
/// to the sandbox (Node's setter interceptor).
unsafe extern "C" fn scope_set_property(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    prop: qjs::JSAtom,
    value: qjs::JSValue,
    receiver: qjs::JSValue,
    flags: c_int,
) -> c_int {
    let Some(d) = data(obj) else { return 0 };
    // An object that merely inherits from the global gets its own property, as usual.
    if qjs::JS_VALUE_GET_PTR(receiver) != qjs::JS_VALUE_GET_PTR(d.global) {
        return qjs::JS_DefinePropertyValue(
            ctx,
            receiver,
            prop,
            qjs::JS_DupValue(ctx, value),
            (qjs::JS_PROP_C_W_E | (flags as u32 & qjs::JS_PROP_THROW)) as c_int,
        );
    }
    // The common case, a writable property or an extensible sandbox, costs one [[Set]]. A frozen
    // or read-only sandbox property refuses the write: quietly in sloppy code, with V8's error
    // in strict code. JS_SetProperty always throws on a refusal, so a failure is looked at
    // afterwards: a refusal is judged by the code's strictness, a throwing setter's error stays.
    let r = qjs::JS_SetProperty(ctx, d.sandbox, prop, qjs::JS_DupValue(ctx, value));
    if r >= 0 || flags as u32 & qjs::JS_PROP_THROW != 0 {
        return r;
    }
    let exception = qjs::JS_GetException(ctx);
    match writable_on(ctx, d.sandbox, prop) {
        // Strict code assigning to a read-only sandbox property: V8's definer interceptor
        // refuses with this message (a setter-only accessor is refused quietly there too).
        Writable::ReadOnly
            if flags as u32 & qjs::JS_PROP_THROW_STRICT != 0
                && assigning_code_is_strict(ctx, prop) =>
        {
            qjs::JS_FreeValue(ctx, exception);
            let name = qjs::JS_AtomToCStringLen(ctx, ptr::null_mut(), prop);
            if !name.is_null() {
                qjs::JS_ThrowTypeError(ctx, c"Cannot redefine property: %s".as_ptr(), name);
                qjs::JS_FreeCString(ctx, name);
            }
            -1
        }
        Writable::No | Writable::ReadOnly => {
            qjs::JS_FreeValue(ctx, exception);
            0
        }
        Writable::Yes => {
            qjs::JS_Throw(ctx, exception);
            -1
        }
        Writable::Error => {
            qjs::JS_FreeValue(ctx, exception);
            -1
        }
    }
}

enum Writable {
    Yes,
    /// No setter, or a missing property on a non-extensible object.
    No,
    /// A non-writable data property.
    ReadOnly,
    Error,
}

/// Whether an assignment to `prop` of `obj` can succeed, judged from its own property (or,
/// when absent, the object's extensibility); inherited setters are left to the assignment.
unsafe fn writable_on(ctx: *mut qjs::JSContext, obj: qjs::JSValue, prop: qjs::JSAtom) -> Writable {
    let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
    let r = qjs::JS_GetOwnProperty(ctx, &mut desc, obj, prop);
    if r < 0 {
        return Writable::Error;
    }
    if r == 0 {
        return match qjs::JS_IsExtensible(ctx, obj) {
            e if e < 0 => Writable::Error,
            0 => Writable::No,
            _ => Writable::Yes,
        };
    }
    let verdict = if desc.flags & qjs::JS_PROP_GETSET as c_int != 0 {
        if qjs::JS_IsUndefined(desc.setter) {
            Writable::No
        } else {
            Writable::Yes
        }
    } else if desc.flags & qjs::JS_PROP_WRITABLE as c_int != 0 {
        Writable::Yes
    } else {
        Writable::ReadOnly
    };
    qjs::JS_FreeValue(ctx, desc.value);
    qjs::JS_FreeValue(ctx, desc.getter);
    qjs::JS_FreeValue(ctx, desc.setter);
    verdict
}

/// Whether the code assigning now is strict. QuickJS does not tell an exotic object, but its
/// own refusals do: defining a property on a non-extensible object throws only in strict code.
unsafe fn assigning_code_is_strict(ctx: *mut qjs::JSContext, prop: qjs::JSAtom) -> bool {
    let probe = qjs::JS_NewObject(ctx);
    if qjs::JS_IsException(probe) {
        qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
        return false;
    }
    qjs::JS_PreventExtensions(ctx, probe);
    let r = qjs::JS_DefineProperty(
        ctx,
        probe,
        prop,
        qjs::JS_UNDEFINED,
        qjs::JS_UNDEFINED,
        qjs::JS_UNDEFINED,
        (qjs::JS_PROP_HAS_VALUE | qjs::JS_PROP_THROW_STRICT) as c_int,
    );
    qjs::JS_FreeValue(ctx, probe);
    if r < 0 {
        qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
        return true;
    }
    false
}

/// Makes the scope object for `sandbox`, with `proto` (the realm's Object.prototype) behind
/// it, taking the realm's builtins off `global` (see [`take_builtins`]). Returns an owned
/// value, or an exception.
pub(crate) unsafe fn new_scope(
    ctx: *mut qjs::JSContext,
    class_id: qjs::JSClassID,
    sandbox: qjs::JSValue,
    proto: qjs::JSValue,
    global: qjs::JSValue,
    names: &std::cell::RefCell<Option<std::rc::Rc<BuiltinNames>>>,
) -> qjs::JSValue {
    let Some((names, values)) = take_builtins(ctx, global, names) else {
        return qjs::JS_EXCEPTION;
    };
    let obj = qjs::JS_NewObjectProtoClass(ctx, proto, class_id);
    if qjs::JS_IsException(obj) {
        for v in values {
            qjs::JS_FreeValue(ctx, v);
        }
        return obj;
    }
    let d = Box::new(ScopeData {
        sandbox: qjs::JS_DupValue(ctx, sandbox),
        global: qjs::JS_DupValue(ctx, global),
        names,
        values,
        console: std::cell::Cell::new(qjs::JS_UNDEFINED),
    });
    qjs::JS_SetOpaque(obj, Box::into_raw(d).cast());
    obj
}

/// Takes the configurable data properties of `global` (the realm's builtins) off it, so that
/// the scope, which answers from the sandbox first, lets sandbox properties shadow them. The
/// first realm of a runtime fixes the table of names.
unsafe fn take_builtins(
    ctx: *mut qjs::JSContext,
    global: qjs::JSValue,
    shared: &std::cell::RefCell<Option<std::rc::Rc<BuiltinNames>>>,
) -> Option<(std::rc::Rc<BuiltinNames>, Vec<qjs::JSValue>)> {
    let existing = shared.borrow().clone();
    let names = match existing {
        Some(n) => n,
        None => {
            let n = std::rc::Rc::new(builtin_names(ctx, global)?);
            *shared.borrow_mut() = Some(n.clone());
            n
        }
    };
    let mut values = Vec::with_capacity(names.atoms.len());
    for &atom in &names.atoms {
        let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
        let r = qjs::JS_GetOwnProperty(ctx, &mut desc, global, atom);
        if r < 0 {
            for v in values {
                qjs::JS_FreeValue(ctx, v);
            }
            return None;
        }
        if r == 0 {
            values.push(qjs::JS_UNINITIALIZED);
            continue;
        }
        qjs::JS_FreeValue(ctx, desc.getter);
        qjs::JS_FreeValue(ctx, desc.setter);
        qjs::JS_DeleteProperty(ctx, global, atom, 0);
        if atom == names.to_string_tag {
            // QuickJS tags its global "global"; a V8 context's global is a plain
            // `[object Object]`.
            qjs::JS_FreeValue(ctx, desc.value);
            values.push(qjs::JS_UNINITIALIZED);
        } else {
            values.push(desc.value);
        }
    }
    Some((names, values))
}

/// The configurable data properties of a fresh realm's global, in order.
unsafe fn builtin_names(ctx: *mut qjs::JSContext, global: qjs::JSValue) -> Option<BuiltinNames> {
    let mut tab: *mut qjs::JSPropertyEnum = ptr::null_mut();
    let mut len: u32 = 0;
    if qjs::JS_GetOwnPropertyNames(
        ctx,
        &mut tab,
        &mut len,
        global,
        (qjs::JS_GPN_STRING_MASK | qjs::JS_GPN_SYMBOL_MASK) as c_int,
    ) < 0
    {
        return None;
    }
    let mut atoms = Vec::new();
    for i in 0..len as usize {
        let atom = (*tab.add(i)).atom;
        let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
        if qjs::JS_GetOwnProperty(ctx, &mut desc, global, atom) <= 0 {
            continue;
        }
        let data = desc.flags & qjs::JS_PROP_GETSET as c_int == 0;
        let configurable = desc.flags & qjs::JS_PROP_CONFIGURABLE as c_int != 0;
        qjs::JS_FreeValue(ctx, desc.value);
        qjs::JS_FreeValue(ctx, desc.getter);
        qjs::JS_FreeValue(ctx, desc.setter);
        if data && configurable {
            // Kept for the runtime's life; builtin names are mostly permanent atoms anyway.
            atoms.push(qjs::JS_DupAtom(ctx, atom));
        }
    }
    qjs::JS_FreePropertyEnum(ctx, tab, len);
    let index = atoms.iter().enumerate().map(|(i, a)| (*a, i)).collect();
    let console = qjs::JS_NewAtom(ctx, c"console".as_ptr());
    let to_string_tag = well_known_symbol_atom(ctx, c"toStringTag");
    Some(BuiltinNames {
        atoms,
        index,
        console,
        to_string_tag,
    })
}

/// The atom of `Symbol[name]` (kept for the runtime's life; well-known symbols are permanent).
unsafe fn well_known_symbol_atom(ctx: *mut qjs::JSContext, name: &std::ffi::CStr) -> qjs::JSAtom {
    let global = qjs::JS_GetGlobalObject(ctx);
    let symbol = qjs::JS_GetPropertyStr(ctx, global, c"Symbol".as_ptr());
    let value = qjs::JS_GetPropertyStr(ctx, symbol, name.as_ptr());
    let atom = qjs::JS_ValueToAtom(ctx, value);
    qjs::JS_FreeValue(ctx, value);
    qjs::JS_FreeValue(ctx, symbol);
    qjs::JS_FreeValue(ctx, global);
    atom
}

/// The methods of V8's console (all silent here).
const CONSOLE_METHODS: &[&std::ffi::CStr] = &[
    c"debug",
    c"error",
    c"info",
    c"log",
    c"warn",
    c"dir",
    c"dirxml",
    c"table",
    c"trace",
    c"group",
    c"groupCollapsed",
    c"groupEnd",
    c"clear",
    c"count",
    c"countReset",
    c"assert",
    c"profile",
    c"profileEnd",
    c"time",
    c"timeLog",
    c"timeEnd",
    c"timeStamp",
];

unsafe extern "C" fn silent(
    _ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    _argc: c_int,
    _argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    qjs::JS_UNDEFINED
}

/// The context's silent console, made on first use.
unsafe fn silent_console(ctx: *mut qjs::JSContext, d: &ScopeData) -> Option<qjs::JSValue> {
    let existing = d.console.get();
    if qjs::JS_IsObject(existing) {
        return Some(existing);
    }
    let console = qjs::JS_NewObject(ctx);
    if qjs::JS_IsException(console) {
        return None;
    }
    for name in CONSOLE_METHODS {
        let f = qjs::JS_NewCFunction2(
            ctx,
            Some(silent),
            name.as_ptr(),
            0,
            qjs::JSCFunctionEnum_JS_CFUNC_generic,
            0,
        );
        if qjs::JS_IsException(f) || qjs::JS_SetPropertyStr(ctx, console, name.as_ptr(), f) < 0 {
            qjs::JS_FreeValue(ctx, console);
            return None;
        }
    }
    d.console.set(console);
    Some(console)
}

/// Installs on `global` a configurable accessor for `prop` that reads and writes the sandbox
/// (falling back to the scope, i.e. the builtins, for reads), so that `var prop` declared by
/// a script is the sandbox's property. Returns false on an engine exception.
pub(crate) unsafe fn install_forwarder(
    ctx: *mut qjs::JSContext,
    global: qjs::JSValue,
    sandbox: qjs::JSValue,
    scope: qjs::JSValue,
    prop: qjs::JSAtom,
) -> bool {
    let key = qjs::JS_AtomToValue(ctx, prop);
    let mut data = [key, sandbox, scope];
    let getter = qjs::JS_NewCFunctionData(ctx, Some(forward_get), 0, 0, 3, data.as_mut_ptr());
    let setter = qjs::JS_NewCFunctionData(ctx, Some(forward_set), 1, 0, 3, data.as_mut_ptr());
    qjs::JS_FreeValue(ctx, key);
    if qjs::JS_IsException(getter) || qjs::JS_IsException(setter) {
        qjs::JS_FreeValue(ctx, getter);
        qjs::JS_FreeValue(ctx, setter);
        return false;
    }
    let flags = qjs::JS_PROP_HAS_GET
        | qjs::JS_PROP_HAS_SET
        | qjs::JS_PROP_HAS_CONFIGURABLE
        | qjs::JS_PROP_CONFIGURABLE
        | qjs::JS_PROP_HAS_ENUMERABLE
        | qjs::JS_PROP_ENUMERABLE;
    let r = qjs::JS_DefineProperty(
        ctx,
        global,
        prop,
        qjs::JS_UNDEFINED,
        getter,
        setter,
        flags as c_int,
    );
    qjs::JS_FreeValue(ctx, getter);
    qjs::JS_FreeValue(ctx, setter);
    r >= 0
}

unsafe extern "C" fn forward_get(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    _argc: c_int,
    _argv: *mut qjs::JSValue,
    _magic: c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    let atom = qjs::JS_ValueToAtom(ctx, *data);
    let sandbox = *data.add(1);
    let has = qjs::JS_HasProperty(ctx, sandbox, atom);
    let result = if has < 0 {
        qjs::JS_EXCEPTION
    } else if has > 0 {
        qjs::JS_GetProperty(ctx, sandbox, atom)
    } else {
        qjs::JS_GetProperty(ctx, *data.add(2), atom)
    };
    qjs::JS_FreeAtom(ctx, atom);
    result
}

unsafe extern "C" fn forward_set(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    _magic: c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    let value = if argc > 0 {
        qjs::JS_DupValue(ctx, *argv)
    } else {
        qjs::JS_UNDEFINED
    };
    let atom = qjs::JS_ValueToAtom(ctx, *data);
    let r = qjs::JS_SetProperty(ctx, *data.add(1), atom, value);
    qjs::JS_FreeAtom(ctx, atom);
    if r < 0 {
        qjs::JS_EXCEPTION
    } else {
        qjs::JS_UNDEFINED
    }
}
