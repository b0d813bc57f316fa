//! The lazy builtin groups (realm.rs) of a context: made on the first lookup of one of their
//! names, on the global seen as plain, with the typed arrays' `toString` as a fresh realm has
//! it.

use std::ffi::c_int;

use rquickjs::qjs;

use super::layout::{self, as_plain, proto_ptr};
use super::property_writes::{flags_to_redefine, throw_with_name};
use super::{data, ScopeData};
use crate::realm::{self, LazyGroup};

impl ScopeData {
    /// Adds the lazy group holding `prop` if it is yet to come; `Err` on an exception.
    pub(super) unsafe fn ensure(&self, prop: qjs::JSAtom) -> Result<(), ()> {
        match self.pending_group(prop) {
            Some(group) => self.add_group(group),
            None => Ok(()),
        }
    }

    /// Before code takes builtin `prop` off the global (deletes or redefines it): Intl, if
    /// still to come and made from `prop` (its primordials, intl.rs), is made now, from the
    /// realm's own (near-membrane redefines `Date` before it first reads `Intl`).
    pub(super) unsafe fn ensure_intl_before_taking(&self, prop: qjs::JSAtom) -> Result<(), ()> {
        let bit = 1u16.checked_shl(realm::INTL as u32).unwrap_or(0);
        if self.pending.get() & bit == 0 {
            return Ok(());
        }
        let ctx = self.realm;
        let used = crate::intl::PRIMORDIALS.iter().any(|name| {
            let atom = qjs::JS_NewAtom(ctx, name.as_ptr());
            qjs::JS_FreeAtom(ctx, atom);
            atom == prop
        });
        match used {
            true => self.add_group(realm::INTL),
            false => Ok(()),
        }
    }

    /// Adds lazy group `group` to this realm if still pending (an exception is the
    /// runtime's, whichever realm asked).
    unsafe fn add_group(&self, group: LazyGroup) -> Result<(), ()> {
        let bit = 1u16.checked_shl(group as u32).unwrap_or(0);
        if self.pending.get() & bit == 0 {
            return Ok(());
        }
        // Intl's script takes the realm's Date: made first, outside Intl's making below.
        // Its bytecode is read, not compiled, in the realm: nothing else makes RegExp first.
        if group == realm::INTL {
            self.add_group(realm::DATE)?;
            self.add_group(realm::REGEXP)?;
        }
        // No longer pending while it is made: lookups the engine does meanwhile must not start
        // it again. Nor after a failure (out of memory): the engine would make part of it
        // twice (QuickJS does not free all of a group's first objects when made again), so its
        // names stay missing from this context.
        self.pending.set(self.pending.get() & !bit);
        // Made already with its names put nowhere (`realm::add_group_unnamed`, while the scope
        // was out of reach): made again, the engine would hold two; its names stay missing.
        if realm::group_made(self.realm, group) {
            return Ok(());
        }
        make_lazy_group(self.realm, self, group)
            .then_some(())
            .ok_or(())
    }
}

/// The realm's `Array.prototype.toString` (owned), or an exception.
pub(super) unsafe fn original_array_to_string(ctx: *mut qjs::JSContext) -> qjs::JSValue {
    // `JS_CLASS_ARRAY`'s prototype, which is the realm's `Array.prototype`.
    let proto = qjs::JS_GetClassProto(ctx, 2);
    let f = qjs::JS_GetPropertyStr(ctx, proto, c"toString".as_ptr());
    qjs::JS_FreeValue(ctx, proto);
    f
}

/// Makes lazy group `group` in the realm `ctx` of scope `d`: the engine adds it to the global,
/// seen as the plain object it is underneath (its definer would send the names to the
/// sandbox) and extensible for the while (a script may have frozen it since), with the
/// global's own properties of those names (`var` forwarders) set aside and put back after;
/// the new builtins then move into the scope's table. False on an exception.
unsafe fn make_lazy_group(ctx: *mut qjs::JSContext, d: &ScopeData, group: LazyGroup) -> bool {
    let global = d.global;
    let slots: Vec<usize> = (0..d.names.atoms.len())
        .filter(|&i| d.names.groups[i] == Some(group))
        .collect();
    let typed_arrays = group == realm::TYPED_ARRAYS;
    let to_string = if typed_arrays {
        match ArrayToString::original(ctx, d.array_to_string.get()) {
            Some(t) => Some(t),
            None => return false,
        }
    } else {
        None
    };
    // Intl's script gets the realm's builtins from the table (names on the global may be the
    // sandbox's).
    let primordials = if group == realm::INTL {
        let p = crate::intl::primordials(ctx, |name| {
            let atom = qjs::JS_NewAtom(ctx, name.as_ptr());
            let v = match d.builtin(atom) {
                Ok(Some(v)) => qjs::JS_DupValue(ctx, v),
                Ok(None) => {
                    qjs::JS_ThrowTypeError(ctx, c"jsvm: Intl needs %s".as_ptr(), name.as_ptr())
                }
                Err(()) => qjs::JS_EXCEPTION,
            };
            qjs::JS_FreeAtom(ctx, atom);
            v
        });
        if qjs::JS_IsException(p) {
            return false;
        }
        Some(p)
    } else {
        None
    };
    let flags = (qjs::JS_VALUE_GET_PTR(global) as *mut u8).add(layout::FLAGS);
    let ok = as_plain(global, || {
        let extensible = *flags & layout::EXTENSIBLE != 0;
        *flags |= layout::EXTENSIBLE;
        let ok = match SetAside::take(ctx, global, &d.names.atoms, &slots) {
            Some(aside) => {
                let made = match primordials {
                    Some(p) => crate::intl::define(ctx, global, p),
                    None => realm::add_group(ctx, group, d.names.level),
                };
                // What the group adds that no realm of the level has (`AsyncDisposableStack`
                // with Promise, `Float16Array` with typed arrays, at Node 20's) goes at once.
                realm::delete_missing_globals(ctx, global, d.names.level);
                let ok = made
                    && slots.iter().all(|&i| {
                        let atom = d.names.atoms[i];
                        let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
                        if qjs::JS_GetOwnProperty(ctx, &mut desc, global, atom) <= 0 {
                            return false;
                        }
                        qjs::JS_FreeValue(ctx, desc.getter);
                        qjs::JS_FreeValue(ctx, desc.setter);
                        qjs::JS_DeleteProperty(ctx, global, atom, 0);
                        qjs::JS_FreeValue(ctx, d.values[i].replace(desc.value));
                        true
                    });
                if !ok {
                    // Nothing half made stays on the global.
                    for &i in &slots {
                        qjs::JS_DeleteProperty(ctx, global, d.names.atoms[i], 0);
                        qjs::JS_FreeValue(ctx, d.values[i].replace(qjs::JS_UNINITIALIZED));
                    }
                }
                aside.put_back(ctx, global);
                ok
            }
            None => false,
        };
        if !extensible {
            *flags &= !layout::EXTENSIBLE;
        }
        ok
    });
    if let Some(p) = primordials {
        qjs::JS_FreeValue(ctx, p);
    }
    if let Some(t) = to_string {
        t.restore(ctx);
        if ok {
            let uint8 = d
                .names
                .index
                .get(&d.names.uint8_array)
                .map(|&i| d.values[i].get());
            if !uint8.is_some_and(|u| typed_array_to_string(ctx, u, d.array_to_string.get())) {
                return false;
            }
            qjs::JS_FreeValue(ctx, d.array_to_string.replace(qjs::JS_UNDEFINED));
            if !interruptible_atomics(ctx, d) {
                return false;
            }
        }
    }
    ok
}

/// Gives a lazily made `Atomics` what the runtime gives a realm made whole (a runtime sharing
/// memory: its interruptible wait and notify; the engine's own wait cannot be interrupted).
unsafe fn interruptible_atomics(ctx: *mut qjs::JSContext, d: &ScopeData) -> bool {
    match d
        .names
        .index
        .get(&d.names.atomics)
        .map(|&i| d.values[i].get())
    {
        Some(atomics) if qjs::JS_IsObject(atomics) => realm::on_atomics(ctx, atomics),
        _ => true,
    }
}

/// Sets `%TypedArray%.prototype.toString` (found from `Uint8Array`) to `f`, as a fresh realm
/// has it whatever scripts did to `Array.prototype.toString` since.
unsafe fn typed_array_to_string(
    ctx: *mut qjs::JSContext,
    uint8_array: qjs::JSValue,
    f: qjs::JSValue,
) -> bool {
    let base = qjs::JS_GetPrototype(ctx, uint8_array);
    let proto = qjs::JS_GetPropertyStr(ctx, base, c"prototype".as_ptr());
    qjs::JS_FreeValue(ctx, base);
    let ok = qjs::JS_IsObject(proto)
        && qjs::JS_DefinePropertyValueStr(
            ctx,
            proto,
            c"toString".as_ptr(),
            qjs::JS_DupValue(ctx, f),
            (qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE) as c_int,
        ) >= 0;
    qjs::JS_FreeValue(ctx, proto);
    ok
}

/// The global's own properties of a group's names, taken off while the engine defines the
/// group (it would replace them) and put back after.
struct SetAside(Vec<(qjs::JSAtom, qjs::JSPropertyDescriptor)>);

impl SetAside {
    /// `None` on an exception, or when one of them cannot be taken off (non-configurable:
    /// the group cannot be made without losing it).
    unsafe fn take(
        ctx: *mut qjs::JSContext,
        global: qjs::JSValue,
        atoms: &[qjs::JSAtom],
        slots: &[usize],
    ) -> Option<SetAside> {
        let mut aside = SetAside(Vec::new());
        for &i in slots {
            let atom = atoms[i];
            let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
            match qjs::JS_GetOwnProperty(ctx, &mut desc, global, atom) {
                0 => continue,
                r if r < 0 => {
                    aside.put_back(ctx, global);
                    return None;
                }
                _ => {}
            }
            let configurable = desc.flags & qjs::JS_PROP_CONFIGURABLE as c_int != 0;
            aside.0.push((atom, desc));
            if !configurable || qjs::JS_DeleteProperty(ctx, global, atom, 0) <= 0 {
                aside.0.pop();
                crate::descriptor::free(ctx, &desc);
                aside.put_back(ctx, global);
                throw_with_name(
                    ctx,
                    c"jsvm: the builtin '%s' cannot be made: the global's property is locked",
                    atom,
                );
                return None;
            }
        }
        Some(aside)
    }

    unsafe fn put_back(self, ctx: *mut qjs::JSContext, global: qjs::JSValue) {
        for (atom, desc) in self.0 {
            qjs::JS_DefineProperty(
                ctx,
                global,
                atom,
                desc.value,
                desc.getter,
                desc.setter,
                flags_to_redefine(desc.flags),
            );
            crate::descriptor::free(ctx, &desc);
        }
    }
}

/// While typed arrays are made: the engine reads `Array.prototype.toString` (a property
/// get, which would run a getter a script put there), so the realm's original is put there
/// as a plain data property for the while.
struct ArrayToString {
    proto: qjs::JSValue,
    /// What to undo: `None`, nothing; `Some(None)`, remove the original put there;
    /// `Some(Some(d))`, put back what a script left.
    undo: Option<Option<qjs::JSPropertyDescriptor>>,
}

impl ArrayToString {
    /// `None` on an exception (thrown), including an accessor that cannot be set aside.
    unsafe fn original(ctx: *mut qjs::JSContext, original: qjs::JSValue) -> Option<ArrayToString> {
        let array = qjs::JS_NewArray(ctx);
        if qjs::JS_IsException(array) {
            return None;
        }
        let proto = qjs::JS_GetPrototype(ctx, array);
        qjs::JS_FreeValue(ctx, array);
        let atom = qjs::JS_NewAtom(ctx, c"toString".as_ptr());
        let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
        let r = qjs::JS_GetOwnProperty(ctx, &mut desc, proto, atom);
        let data = r > 0 && desc.flags & qjs::JS_PROP_GETSET as c_int == 0;
        let configurable = r > 0 && desc.flags & qjs::JS_PROP_CONFIGURABLE as c_int != 0;
        let undo = if r < 0 {
            None
        } else if data {
            // A data property is read without running anything (the typed arrays' toString
            // is set to the original after).
            Some(None)
        } else if configurable || (r == 0 && qjs::JS_IsExtensible(ctx, proto) > 0) {
            let put = qjs::JS_DefinePropertyValue(
                ctx,
                proto,
                atom,
                qjs::JS_DupValue(ctx, original),
                (qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE) as c_int,
            );
            (put > 0).then_some(Some((r > 0).then_some(desc)))
        } else {
            qjs::JS_ThrowTypeError(
                ctx,
                c"jsvm: typed arrays cannot be made: Array.prototype.toString is locked".as_ptr(),
            );
            None
        };
        qjs::JS_FreeAtom(ctx, atom);
        if r > 0 && !matches!(undo, Some(Some(_))) {
            crate::descriptor::free(ctx, &desc);
        }
        match undo {
            Some(undo) => Some(ArrayToString { proto, undo }),
            None => {
                qjs::JS_FreeValue(ctx, proto);
                None
            }
        }
    }

    /// Puts back what a script left.
    unsafe fn restore(self, ctx: *mut qjs::JSContext) {
        if let Some(undo) = self.undo {
            let atom = qjs::JS_NewAtom(ctx, c"toString".as_ptr());
            qjs::JS_DeleteProperty(ctx, self.proto, atom, 0);
            if let Some(desc) = undo {
                SetAside(vec![(atom, desc)]).put_back(ctx, self.proto);
            }
            qjs::JS_FreeAtom(ctx, atom);
        }
        qjs::JS_FreeValue(ctx, self.proto);
    }
}

/// Adds lazy group `group` to the realm `ctx` if it is a context's still without it: for
/// the library's own objects of that group (bytes as `Uint8Array`). False on an exception.
pub(crate) unsafe fn ensure_group(
    ctx: *mut qjs::JSContext,
    scope_class: qjs::JSClassID,
    group: LazyGroup,
    level: realm::LanguageLevel,
) -> bool {
    let global = qjs::JS_GetGlobalObject(ctx);
    // Lazy realms have an exotic global (`layout_holds`), whose prototype is the scope unless
    // a script replaced it (the scope is then out of reach and so are the lazy names; what the
    // engine reaches without a name is made all the same).
    let proto = proto_ptr(global);
    qjs::JS_FreeValue(ctx, global);
    if proto.is_null() {
        return realm::add_group_unnamed(ctx, group, level);
    }
    let proto = qjs::JS_MKPTR(qjs::JS_TAG_OBJECT, proto);
    if qjs::JS_GetClassID(proto) != scope_class {
        return realm::add_group_unnamed(ctx, group, level);
    }
    match data(proto) {
        Some(d) => d.add_group(group).is_ok(),
        _ => realm::add_group_unnamed(ctx, group, level),
    }
}
