//! The exotic global's hooks: Node's interceptors.
//!
//! The engine consults the global's own (shape) properties first — `undefined`, `NaN`,
//! `Infinity`, `var` forwarders — and these hooks for any other name; the scope behind the
//! global then answers for the sandbox's prototype chain, properties defined on the global
//! itself (`real`) and the builtins.

use std::ffi::c_int;
use std::ptr;

use rquickjs::qjs;

use super::builtin_table::builtin_descriptor;
use super::layout::{as_plain, proto_ptr};
use super::property_writes::{
    assigning_code_is_strict, flags_to_redefine, refusal_throws, set_on_sandbox, throw_with_name,
    writable_on, Writable,
};
use super::{ScopeData, JS_ATOM_NULL};

/// The scope behind a contextified global: its prototype, of the class registered just before
/// the global's. `None` once a script replaced the global's prototype (the global then acts
/// as a plain object).
unsafe fn global_data<'a>(
    _ctx: *mut qjs::JSContext,
    global: qjs::JSValue,
) -> Option<&'a ScopeData> {
    // Only globals of the global class reach here, so the layout checked out (`layout_holds`),
    // and a global is never a proxy. The global holds its prototype: the scope outlives this.
    let proto = proto_ptr(global);
    if proto.is_null() {
        return None;
    }
    let proto = qjs::JS_MKPTR(qjs::JS_TAG_OBJECT, proto);
    (qjs::JS_GetOpaque(proto, qjs::JS_GetClassID(global) - 1) as *const ScopeData).as_ref()
}

impl ScopeData {
    /// The store of the global's own properties, made on first use; `None` on an exception.
    unsafe fn real_store(&self, ctx: *mut qjs::JSContext) -> Option<qjs::JSValue> {
        let real = self.real.get();
        if qjs::JS_IsObject(real) {
            return Some(real);
        }
        let real = qjs::JS_NewObjectProto(ctx, qjs::JS_NULL);
        if qjs::JS_IsException(real) {
            return None;
        }
        self.real.set(real);
        Some(real)
    }
}

/// The descriptor and getter interceptors: the sandbox's own property is the global's (a
/// sandbox holding itself reads as the global, as Node's getter answers: `self === this`
/// inside); else the global's own property (`real`), else the realm's builtin.
pub(super) unsafe extern "C" fn global_get_own_property(
    ctx: *mut qjs::JSContext,
    desc: *mut qjs::JSPropertyDescriptor,
    obj: qjs::JSValue,
    prop: qjs::JSAtom,
) -> c_int {
    let Some(d) = global_data(ctx, obj) else {
        return 0;
    };
    d.checked
        .set(if desc.is_null() { prop } else { JS_ATOM_NULL });
    let mut own: qjs::JSPropertyDescriptor = std::mem::zeroed();
    let r = qjs::JS_GetOwnProperty(ctx, &mut own, d.sandbox, prop);
    if r < 0 {
        return -1;
    }
    if r == 0 {
        return global_own_property(ctx, d, desc, prop);
    }
    if desc.is_null() {
        crate::descriptor::free(ctx, &own);
        return 1;
    }
    if own.flags & qjs::JS_PROP_GETSET as c_int != 0 && read_by_script(ctx) {
        // Node's getter interceptor reads the sandbox: its getter runs with the sandbox as
        // `this`, where the engine would pass the global. (A builtin asking, such as
        // `getOwnPropertyDescriptor`, gets the accessor itself.)
        qjs::JS_FreeValue(ctx, own.setter);
        let value = if qjs::JS_IsUndefined(own.getter) {
            qjs::JS_UNDEFINED
        } else {
            qjs::JS_Call(ctx, own.getter, d.sandbox, 0, ptr::null_mut())
        };
        qjs::JS_FreeValue(ctx, own.getter);
        if qjs::JS_IsException(value) {
            return -1;
        }
        own.flags &= (qjs::JS_PROP_CONFIGURABLE | qjs::JS_PROP_ENUMERABLE) as c_int;
        own.value = value;
        own.getter = qjs::JS_UNDEFINED;
        own.setter = qjs::JS_UNDEFINED;
    } else if own.flags & qjs::JS_PROP_GETSET as c_int == 0
        && qjs::JS_IsProxy(d.sandbox)
        && read_by_script(ctx)
    {
        // Node's interceptor reads the sandbox with [[Get]]: a proxy's `get` trap answers,
        // not the descriptor its target reports.
        let value = qjs::JS_GetProperty(ctx, d.sandbox, prop);
        qjs::JS_FreeValue(ctx, own.value);
        if qjs::JS_IsException(value) {
            return -1;
        }
        own.value = value;
    }
    if qjs::JS_IsObject(own.value)
        && qjs::JS_VALUE_GET_PTR(own.value) == qjs::JS_VALUE_GET_PTR(d.sandbox)
    {
        qjs::JS_FreeValue(ctx, own.value);
        own.value = qjs::JS_DupValue(ctx, d.global);
    }
    *desc = own;
    1
}

/// Whether the code asking for a property is a script's (a bytecode function: a read), not a
/// builtin's (`Object.getOwnPropertyDescriptor` and the like: a C function frame).
unsafe fn read_by_script(ctx: *mut qjs::JSContext) -> bool {
    let name = qjs::JS_GetScriptOrModuleName(ctx, 0);
    if name == JS_ATOM_NULL {
        return false;
    }
    qjs::JS_FreeAtom(ctx, name);
    true
}

/// A property of the global that the sandbox does not have: what a script defined on the
/// global (`real`), else the realm's builtin, as V8's global holds them. A builtin the
/// sandbox inherits is left to the scope (Node's getter asks the sandbox's chain first).
unsafe fn global_own_property(
    ctx: *mut qjs::JSContext,
    d: &ScopeData,
    desc: *mut qjs::JSPropertyDescriptor,
    prop: qjs::JSAtom,
) -> c_int {
    let real = d.real.get();
    if qjs::JS_IsObject(real) {
        let r = qjs::JS_GetOwnProperty(ctx, desc, real, prop);
        if r != 0 {
            return r;
        }
    }
    if !d.holds_builtin(prop) {
        return 0;
    }
    match qjs::JS_HasProperty(ctx, d.sandbox, prop) {
        0 => builtin_descriptor(ctx, d, desc, prop),
        r if r < 0 => -1,
        _ => 0,
    }
}

/// The enumerator, in V8's order: the sandbox's own enumerable keys (Node's enumerator), then
/// the rest of the global's own properties, builtins first. QuickJS lists the global's shape
/// properties (`undefined`, `NaN`, `Infinity`, `var` forwarders) before these, so a name it
/// holds is left out here. Node's enumerator lists no symbols, but a symbol defined or assigned
/// through the global lands on V8's global too and is listed from there; here it lives on the
/// sandbox only, so the sandbox's symbols are listed.
pub(super) unsafe extern "C" fn global_get_own_property_names(
    ctx: *mut qjs::JSContext,
    ptab: *mut *mut qjs::JSPropertyEnum,
    plen: *mut u32,
    obj: qjs::JSValue,
) -> c_int {
    *ptab = ptr::null_mut();
    *plen = 0;
    let Some(d) = global_data(ctx, obj) else {
        return 0;
    };
    d.checked.set(JS_ATOM_NULL);
    let all = (qjs::JS_GPN_STRING_MASK | qjs::JS_GPN_SYMBOL_MASK) as c_int;
    let Some(shape) = as_plain(obj, || OwnKeys::of(ctx, obj, all)) else {
        return -1;
    };
    let Some(sandbox) = OwnKeys::of(ctx, d.sandbox, all | qjs::JS_GPN_ENUM_ONLY as c_int) else {
        return -1;
    };
    let real = d.real.get();
    let real = if qjs::JS_IsObject(real) {
        match OwnKeys::of(ctx, real, all) {
            Some(k) => Some(k),
            None => return -1,
        }
    } else {
        None
    };
    let mut seen: std::collections::HashSet<qjs::JSAtom, crate::id_hasher::BuildIdHasher> =
        shape.atoms().collect();
    let mut out: Vec<qjs::JSAtom> = Vec::new();
    let mut list = |atom: qjs::JSAtom, out: &mut Vec<qjs::JSAtom>| {
        if seen.insert(atom) {
            out.push(atom);
        }
    };
    for atom in sandbox.atoms() {
        list(atom, &mut out);
    }
    let in_real = |atom| real.as_ref().is_some_and(|r| r.contains(atom));
    let names = &d.names.atoms;
    let at = d.names.console_at.min(names.len());
    let listed = names[..at]
        .iter()
        .chain([&d.names.console])
        .chain(&names[at..]);
    for atom in listed.copied() {
        if d.holds_builtin(atom) || in_real(atom) {
            list(atom, &mut out);
        }
    }
    for atom in real.iter().flat_map(|r| r.atoms()) {
        list(atom, &mut out);
    }
    let tab = qjs::js_malloc(
        ctx,
        (std::mem::size_of::<qjs::JSPropertyEnum>() * out.len().max(1)) as _,
    ) as *mut qjs::JSPropertyEnum;
    if tab.is_null() {
        return -1;
    }
    for (i, atom) in out.iter().enumerate() {
        tab.add(i).write(qjs::JSPropertyEnum {
            is_enumerable: false,
            atom: qjs::JS_DupAtom(ctx, *atom),
        });
    }
    *ptab = tab;
    *plen = out.len() as u32;
    0
}

/// An object's own keys as the engine lists them (freed on drop).
struct OwnKeys {
    ctx: *mut qjs::JSContext,
    tab: *mut qjs::JSPropertyEnum,
    len: u32,
}

impl OwnKeys {
    unsafe fn of(ctx: *mut qjs::JSContext, obj: qjs::JSValue, flags: c_int) -> Option<OwnKeys> {
        let mut keys = OwnKeys {
            ctx,
            tab: ptr::null_mut(),
            len: 0,
        };
        (qjs::JS_GetOwnPropertyNames(ctx, &mut keys.tab, &mut keys.len, obj, flags) >= 0)
            .then_some(keys)
    }

    fn atoms(&self) -> impl Iterator<Item = qjs::JSAtom> + '_ {
        (0..self.len as usize).map(|i| unsafe { (*self.tab.add(i)).atom })
    }

    fn contains(&self, atom: qjs::JSAtom) -> bool {
        self.atoms().any(|a| a == atom)
    }
}

impl Drop for OwnKeys {
    fn drop(&mut self) {
        if !self.tab.is_null() {
            unsafe { qjs::JS_FreePropertyEnum(self.ctx, self.tab, self.len) };
        }
    }
}

/// The deleter: Node deletes from the sandbox and, when that succeeds, V8 from the global too.
pub(super) unsafe extern "C" fn global_delete_property(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    prop: qjs::JSAtom,
) -> c_int {
    let Some(d) = global_data(ctx, obj) else {
        return 1;
    };
    d.checked.set(JS_ATOM_NULL);
    let r = qjs::JS_DeleteProperty(ctx, d.sandbox, prop, 0);
    if r <= 0 {
        return r;
    }
    let real = d.real.get();
    if qjs::JS_IsObject(real) && qjs::JS_DeleteProperty(ctx, real, prop, 0) == 0 {
        // The global's own property refuses: V8's error in strict code (QuickJS would throw
        // its own), `false` otherwise.
        if assigning_code_is_strict(ctx, prop) {
            throw_with_name(ctx, c"Cannot delete property '%s' of [object global]", prop);
            return -1;
        }
        return 0;
    }
    match d.take_builtin(prop) {
        Ok(Some(v)) => qjs::JS_FreeValue(ctx, v),
        Ok(None) => {}
        Err(()) => return -1,
    }
    1
}

/// The definer (`Object.defineProperty(globalThis, ...)`, and top-level function declarations):
/// Node defines on the sandbox — the value or accessors given, absent ones undefined, and only
/// the attributes given — unless the global's own property is read-only and non-configurable;
/// V8 then defines on the global itself, whose refusal is the one that counts.
pub(super) unsafe extern "C" fn global_define_own_property(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    prop: qjs::JSAtom,
    val: qjs::JSValue,
    getter: qjs::JSValue,
    setter: qjs::JSValue,
    flags: c_int,
) -> c_int {
    let Some(d) = global_data(ctx, obj) else {
        let flags = flags | qjs::JS_PROP_NO_EXOTIC as c_int;
        return qjs::JS_DefineProperty(ctx, obj, prop, val, getter, setter, flags);
    };
    d.checked.set(JS_ATOM_NULL);
    let Some(real) = d.real_store(ctx) else {
        return -1;
    };
    if is_function_declaration(flags) {
        // V8 declares the function on the sandbox through Node's setter (an assignment: the
        // sandbox's property stays configurable) and on the global as declared.
        if set_on_sandbox(ctx, d, prop, val, 0, true) < 0 {
            return -1;
        }
        match d.take_builtin(prop) {
            Ok(Some(v)) => qjs::JS_FreeValue(ctx, v),
            Ok(None) => {}
            Err(()) => return -1,
        }
        let quiet = flags & !((qjs::JS_PROP_THROW | qjs::JS_PROP_THROW_STRICT) as c_int);
        let r = qjs::JS_DefineProperty(ctx, real, prop, val, getter, setter, quiet);
        if r == 0 && refusal_throws(ctx, flags, prop) {
            throw_with_name(ctx, c"Cannot redefine property: %s", prop);
            return -1;
        }
        return r;
    }
    let mut current: qjs::JSPropertyDescriptor = std::mem::zeroed();
    let found = qjs::JS_GetOwnProperty(ctx, &mut current, real, prop);
    if found < 0 {
        return -1;
    }
    let locked = found > 0 && {
        crate::descriptor::free(ctx, &current);
        let kinds =
            (qjs::JS_PROP_GETSET | qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE) as c_int;
        current.flags & kinds == 0
    };
    if found == 0 {
        // A builtin is an own property of V8's global: redefining keeps what is not given. It
        // moves to `real`, which answers for it from then on (the console made first).
        if d.builtin_value(ctx, prop).is_err() {
            return -1;
        }
        let taken = match d.take_builtin(prop) {
            Ok(v) => v,
            Err(()) => return -1,
        };
        if let Some(v) = taken {
            let kept = (qjs::JS_PROP_CONFIGURABLE | qjs::JS_PROP_WRITABLE) as c_int;
            if qjs::JS_DefinePropertyValue(ctx, real, prop, v, kept) < 0 {
                return -1;
            }
        }
    }
    // V8 checks the definition against the property the descriptor interceptor reports (the
    // sandbox's): refused there, nothing is defined.
    match fits_sandbox_property(ctx, d.sandbox, prop, val, getter, setter, flags) {
        r if r < 0 => return -1,
        0 => {
            if refusal_throws(ctx, flags, prop) {
                throw_with_name(ctx, c"Cannot redefine property: %s", prop);
                return -1;
            }
            return 0;
        }
        _ => {}
    }
    if !locked {
        let given = flags as u32;
        let mut on_sandbox = given
            & (qjs::JS_PROP_HAS_ENUMERABLE
                | qjs::JS_PROP_ENUMERABLE
                | qjs::JS_PROP_HAS_CONFIGURABLE
                | qjs::JS_PROP_CONFIGURABLE);
        if given & (qjs::JS_PROP_HAS_GET | qjs::JS_PROP_HAS_SET) != 0 {
            on_sandbox |= qjs::JS_PROP_HAS_GET | qjs::JS_PROP_HAS_SET;
        } else {
            on_sandbox |= qjs::JS_PROP_HAS_VALUE
                | (given & (qjs::JS_PROP_HAS_WRITABLE | qjs::JS_PROP_WRITABLE));
        }
        // Absent parts arrive as undefined; a refusal here is not an error (Node ignores it).
        if qjs::JS_DefineProperty(
            ctx,
            d.sandbox,
            prop,
            val,
            getter,
            setter,
            on_sandbox as c_int,
        ) < 0
        {
            return -1;
        }
    }
    let quiet = flags & !((qjs::JS_PROP_THROW | qjs::JS_PROP_THROW_STRICT) as c_int);
    let r = qjs::JS_DefineProperty(ctx, real, prop, val, getter, setter, quiet);
    if r == 0 && refusal_throws(ctx, flags, prop) {
        throw_with_name(ctx, c"Cannot redefine property: %s", prop);
        return -1;
    }
    r
}

/// Whether a definition is the one QuickJS makes for a function declared at the top level of
/// a script or of an indirect eval (`JS_DefineGlobalFunction`): a value with writable and
/// enumerable given and set, throwing on refusal; `Object.defineProperty` and
/// `Reflect.defineProperty` mark theirs.
fn is_function_declaration(flags: c_int) -> bool {
    let flags = flags as u32;
    let required = qjs::JS_PROP_HAS_VALUE
        | qjs::JS_PROP_THROW
        | qjs::JS_PROP_HAS_CONFIGURABLE
        | qjs::JS_PROP_HAS_WRITABLE
        | qjs::JS_PROP_HAS_ENUMERABLE
        | qjs::JS_PROP_WRITABLE
        | qjs::JS_PROP_ENUMERABLE;
    let marked = qjs::JS_PROP_DEFINE_PROPERTY
        | qjs::JS_PROP_REFLECT_DEFINE_PROPERTY
        | qjs::JS_PROP_HAS_GET
        | qjs::JS_PROP_HAS_SET;
    flags & required == required && flags & marked == 0
}

/// Whether a definition is compatible with the sandbox's own property (true when it has none):
/// tried on a copy of the property, the sandbox is left as is.
unsafe fn fits_sandbox_property(
    ctx: *mut qjs::JSContext,
    sandbox: qjs::JSValue,
    prop: qjs::JSAtom,
    val: qjs::JSValue,
    getter: qjs::JSValue,
    setter: qjs::JSValue,
    flags: c_int,
) -> c_int {
    let mut current: qjs::JSPropertyDescriptor = std::mem::zeroed();
    let found = qjs::JS_GetOwnProperty(ctx, &mut current, sandbox, prop);
    if found <= 0 {
        return if found < 0 { -1 } else { 1 };
    }
    let copy = qjs::JS_NewObjectProto(ctx, qjs::JS_NULL);
    let r = if qjs::JS_IsException(copy)
        || qjs::JS_DefineProperty(
            ctx,
            copy,
            prop,
            current.value,
            current.getter,
            current.setter,
            flags_to_redefine(current.flags),
        ) < 0
    {
        -1
    } else {
        let quiet = flags & !((qjs::JS_PROP_THROW | qjs::JS_PROP_THROW_STRICT) as c_int);
        qjs::JS_DefineProperty(ctx, copy, prop, val, getter, setter, quiet)
    };
    qjs::JS_FreeValue(ctx, copy);
    crate::descriptor::free(ctx, &current);
    r
}

/// The setter: a read-only property of the global itself refuses the write as V8 does (an
/// error in strict code, silence in sloppy code); otherwise the write goes to the sandbox.
pub(super) unsafe extern "C" fn global_set_property(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    prop: qjs::JSAtom,
    value: qjs::JSValue,
    receiver: qjs::JSValue,
    flags: c_int,
) -> c_int {
    let own_write = qjs::JS_VALUE_GET_PTR(receiver) == qjs::JS_VALUE_GET_PTR(obj);
    let Some(d) = global_data(ctx, obj).filter(|_| own_write) else {
        // An object inheriting from the global gets its own property, as usual; so does a
        // global that lost its scope.
        let mut define = qjs::JS_PROP_C_W_E | (flags as u32 & qjs::JS_PROP_THROW);
        if own_write {
            define |= qjs::JS_PROP_NO_EXOTIC;
        }
        return qjs::JS_DefinePropertyValue(
            ctx,
            receiver,
            prop,
            qjs::JS_DupValue(ctx, value),
            define as c_int,
        );
    };
    // A plain name (`x = 1`) was checked just before (see `ScopeData::checked`).
    let by_name = d.checked.replace(JS_ATOM_NULL) == prop;
    let real = d.real.get();
    let mut global_writable = d.holds_builtin(prop);
    if qjs::JS_IsObject(real) {
        match writable_on(ctx, real, prop) {
            Writable::Error => return -1,
            Writable::ReadOnly => {
                if refusal_throws(ctx, flags, prop) {
                    let message = if by_name {
                        c"Cannot assign to read only property '%s' of object '[object Object]'"
                    } else {
                        c"Cannot assign to read only property '%s' of object '[object global]'"
                    };
                    throw_with_name(ctx, message, prop);
                    return -1;
                }
                return 0;
            }
            Writable::Yes => {
                global_writable =
                    global_writable || qjs::JS_GetOwnProperty(ctx, ptr::null_mut(), real, prop) > 0
            }
            Writable::No => {}
        }
    }
    set_on_sandbox(ctx, d, prop, value, flags, global_writable)
}
