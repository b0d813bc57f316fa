//! A scope's table of the realm's builtins: taken off the global (or its holder) when the scope
//! is made, answered from as the global's own properties, replaced for `codeGeneration`.

use std::ffi::c_int;

use rquickjs::qjs;

use super::lazy_groups::original_array_to_string;
use super::silent_console::silent_console;
use super::{data, BuiltinNames, ScopeData, Slot, JS_ATOM_NULL};
use crate::realm;

/// Makes the scope object for `sandbox`, with `proto` (the realm's Object.prototype) behind
/// it, taking the realm's builtins off `global` or, when it is an object, `holder` (owned,
/// taken: see [`take_builtins`]); `anchor`: a function
/// of the realm (borrowed), which the scope holds to keep it alive; `exotic_global`: the
/// global will be made exotic ([`super::layout::make_global_exotic`]); `lazy`: the realm was made without
/// its lazy groups (realm.rs), which then come on first use (only with an exotic global).
/// Returns an owned value, or an exception.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn new_scope(
    ctx: *mut qjs::JSContext,
    class_id: qjs::JSClassID,
    sandbox: qjs::JSValue,
    proto: qjs::JSValue,
    global: qjs::JSValue,
    holder: qjs::JSValue,
    anchor: qjs::JSValue,
    names: &std::cell::RefCell<Option<std::rc::Rc<BuiltinNames>>>,
    exotic_global: bool,
    lazy: bool,
    level: realm::LanguageLevel,
) -> qjs::JSValue {
    debug_assert!(exotic_global || !lazy);
    // Read while the global still holds the builtins (no script has run: no getter).
    let array_to_string = if lazy {
        original_array_to_string(ctx)
    } else {
        qjs::JS_UNDEFINED
    };
    if qjs::JS_IsException(array_to_string) {
        qjs::JS_FreeValue(ctx, holder);
        return array_to_string;
    }
    let Some((names, values)) = take_builtins(ctx, global, holder, names, lazy, level) else {
        qjs::JS_FreeValue(ctx, array_to_string);
        qjs::JS_FreeValue(ctx, holder);
        return qjs::JS_EXCEPTION;
    };
    let obj = qjs::JS_NewObjectProtoClass(ctx, proto, class_id);
    if qjs::JS_IsException(obj) {
        for v in values {
            qjs::JS_FreeValue(ctx, v.get());
        }
        qjs::JS_FreeValue(ctx, array_to_string);
        qjs::JS_FreeValue(ctx, holder);
        return qjs::JS_EXCEPTION;
    }
    let anchor = if lazy {
        qjs::JS_DupValue(ctx, anchor)
    } else {
        qjs::JS_UNDEFINED
    };
    let d = Box::new(ScopeData {
        sandbox: qjs::JS_DupValue(ctx, sandbox),
        global: qjs::JS_DupValue(ctx, global),
        names,
        values: values.into_boxed_slice(),
        holder,
        console: std::cell::Cell::new(qjs::JS_UNDEFINED),
        exotic_global,
        real: std::cell::Cell::new(qjs::JS_UNDEFINED),
        checked: std::cell::Cell::new(JS_ATOM_NULL),
        pending: std::cell::Cell::new(if lazy { realm::all_lazy() } else { 0 }),
        realm: ctx,
        anchor,
        array_to_string: std::cell::Cell::new(array_to_string),
    });
    qjs::JS_SetOpaque(obj, Box::into_raw(d).cast());
    obj
}

/// The table of the realm's builtins (the configurable data properties of a whole realm's
/// global), so that the scope, which answers from the sandbox first, lets sandbox properties
/// shadow them. With a `holder` (realm.rs), the builtins are its properties and stay there
/// until first read; without one, they are taken off `global` now. The first realm of a
/// runtime fixes the table of names. `lazy`: the realm was made without its lazy groups.
unsafe fn take_builtins(
    ctx: *mut qjs::JSContext,
    global: qjs::JSValue,
    holder: qjs::JSValue,
    shared: &std::cell::RefCell<Option<std::rc::Rc<BuiltinNames>>>,
    lazy: bool,
    level: realm::LanguageLevel,
) -> Option<(std::rc::Rc<BuiltinNames>, Vec<Slot>)> {
    let on_holder = qjs::JS_IsObject(holder);
    let existing = shared.borrow().clone();
    let names = match existing {
        Some(n) => n,
        None => {
            let builtins = if on_holder { holder } else { global };
            let n = std::rc::Rc::new(builtin_names(ctx, builtins, level)?);
            *shared.borrow_mut() = Some(n.clone());
            n
        }
    };
    let mut values = Vec::with_capacity(names.atoms.len());
    let failed = |values: Vec<Slot>| {
        for v in values {
            qjs::JS_FreeValue(ctx, v.get());
        }
        None
    };
    if on_holder {
        let kind = holder_kind(ctx, lazy);
        let known = names
            .on_holder
            .borrow()
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, has)| has.clone());
        let has = match known {
            Some(has) => has,
            None => {
                let mut has = Vec::with_capacity(names.atoms.len());
                for &atom in &names.atoms {
                    match qjs::JS_GetOwnProperty(ctx, std::ptr::null_mut(), holder, atom) {
                        r if r < 0 => return None,
                        r => has.push(r > 0),
                    }
                }
                let has: std::rc::Rc<[bool]> = has.into();
                names.on_holder.borrow_mut().push((kind, has.clone()));
                has
            }
        };
        for (&atom, &there) in names.atoms.iter().zip(has.iter()) {
            // The holder is left as made (its shape is every realm's holder's): QuickJS's
            // "global" tag and its `globalThis` (the holder) are not read from it.
            values.push(if atom == names.to_string_tag {
                Slot::new(qjs::JS_UNINITIALIZED)
            } else if atom == names.global_this {
                Slot::new(qjs::JS_DupValue(ctx, global))
            } else if !there {
                Slot::new(qjs::JS_UNINITIALIZED)
            } else {
                // Only whether it is there: its value is made on first read.
                Slot::unread()
            });
        }
        return Some((names, values));
    }
    for &atom in &names.atoms {
        let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
        let r = if atom == names.to_string_tag {
            // QuickJS tags its global "global"; a V8 context's global is a plain
            // `[object Object]`: deleted unread.
            desc.value = qjs::JS_UNDEFINED;
            desc.getter = qjs::JS_UNDEFINED;
            desc.setter = qjs::JS_UNDEFINED;
            qjs::JS_GetOwnProperty(ctx, std::ptr::null_mut(), global, atom)
        } else {
            qjs::JS_GetOwnProperty(ctx, &mut desc, global, atom)
        };
        if r < 0 {
            return failed(values);
        }
        if r == 0 {
            values.push(Slot::new(qjs::JS_UNINITIALIZED));
            continue;
        }
        qjs::JS_FreeValue(ctx, desc.getter);
        qjs::JS_FreeValue(ctx, desc.setter);
        qjs::JS_DeleteProperty(ctx, global, atom, 0);
        if atom == names.to_string_tag {
            values.push(Slot::new(qjs::JS_UNINITIALIZED));
        } else {
            values.push(Slot::new(desc.value));
        }
    }
    Some((names, values))
}

/// What decides which builtins a realm's holder has: the steps realm.rs ran for it, which are
/// those of a whole realm, or (`lazy`) those without the lazy groups, of which RegExp and
/// Promise may have been made at once (where their triggers could not be set).
unsafe fn holder_kind(ctx: *mut qjs::JSContext, lazy: bool) -> u8 {
    lazy as u8
        | (realm::group_made(ctx, realm::REGEXP) as u8) << 1
        | (realm::group_made(ctx, realm::PROMISE) as u8) << 2
}

/// The table of a runtime's builtin names (realm.rs lists them, with their lazy groups).
/// `builtins`: the object holding this realm's builtins (where `Symbol` is read).
unsafe fn builtin_names(
    ctx: *mut qjs::JSContext,
    builtins: qjs::JSValue,
    level: realm::LanguageLevel,
) -> Option<BuiltinNames> {
    let (atoms, groups): (Vec<_>, Vec<_>) = realm::builtin_names(qjs::JS_GetRuntime(ctx), level)?
        .into_iter()
        .unzip();
    let index = atoms.iter().enumerate().map(|(i, a)| (*a, i)).collect();
    let console = qjs::JS_NewAtom(ctx, c"console".as_ptr());
    let console_order = realm::node_order(ctx, console);
    let console_at = atoms
        .iter()
        .take_while(|a| realm::node_order(ctx, **a) < console_order)
        .count();
    Some(BuiltinNames {
        level,
        atoms,
        groups,
        index,
        console,
        console_at,
        on_holder: std::cell::RefCell::new(Vec::new()),
        to_string_tag: well_known_symbol_atom(ctx, builtins, c"toStringTag"),
        global_this: qjs::JS_NewAtom(ctx, c"globalThis".as_ptr()),
        uint8_array: qjs::JS_NewAtom(ctx, c"Uint8Array".as_ptr()),
        atomics: qjs::JS_NewAtom(ctx, c"Atomics".as_ptr()),
    })
}

/// The atom of `Symbol[name]` (kept for the runtime's life; well-known symbols are permanent).
unsafe fn well_known_symbol_atom(
    ctx: *mut qjs::JSContext,
    builtins: qjs::JSValue,
    name: &std::ffi::CStr,
) -> qjs::JSAtom {
    let symbol = qjs::JS_GetPropertyStr(ctx, builtins, c"Symbol".as_ptr());
    let value = qjs::JS_GetPropertyStr(ctx, symbol, name.as_ptr());
    let atom = qjs::JS_ValueToAtom(ctx, value);
    qjs::JS_FreeValue(ctx, value);
    qjs::JS_FreeValue(ctx, symbol);
    atom
}

impl ScopeData {
    /// The builtin `prop` while the global holds it (borrowed), making the console on first
    /// use; `Err` on an exception.
    pub(super) unsafe fn builtin_value(
        &self,
        ctx: *mut qjs::JSContext,
        prop: qjs::JSAtom,
    ) -> Result<Option<qjs::JSValue>, ()> {
        self.ensure(prop)?;
        if let Some(v) = self.builtin(prop)? {
            return Ok(Some(v));
        }
        if prop == self.names.console && !qjs::JS_IsUninitialized(self.console.get()) {
            return silent_console(ctx, self).map(Some).ok_or(());
        }
        Ok(None)
    }

    /// Takes the builtin `prop` off the global (deleted, or redefined into `real`): the owned
    /// value, if the global held it; `Err` on an exception.
    pub(super) unsafe fn take_builtin(
        &self,
        prop: qjs::JSAtom,
    ) -> Result<Option<qjs::JSValue>, ()> {
        // A group made later must not bring the name back.
        self.ensure(prop)?;
        self.ensure_intl_before_taking(prop)?;
        let v = match self.names.index.get(&prop) {
            Some(&i) => {
                self.slot_value(i)?;
                self.values[i].replace(qjs::JS_UNINITIALIZED)
            }
            None if prop == self.names.console => self.console.replace(qjs::JS_UNINITIALIZED),
            None => return Ok(None),
        };
        Ok((!qjs::JS_IsUninitialized(v) && !qjs::JS_IsUndefined(v)).then_some(v))
    }
}

/// The builtin `prop` as an own property of the global (writable, configurable, not
/// enumerable, as on V8's global): 1, 0 when the global does not hold it, -1 on an exception.
pub(super) unsafe fn builtin_descriptor(
    ctx: *mut qjs::JSContext,
    d: &ScopeData,
    desc: *mut qjs::JSPropertyDescriptor,
    prop: qjs::JSAtom,
) -> c_int {
    let v = match d.builtin_value(ctx, prop) {
        Ok(Some(v)) => v,
        Ok(None) => return 0,
        Err(()) => return -1,
    };
    if !desc.is_null() {
        (*desc).flags = (qjs::JS_PROP_CONFIGURABLE | qjs::JS_PROP_WRITABLE) as c_int;
        (*desc).value = qjs::JS_DupValue(ctx, v);
        (*desc).getter = qjs::JS_UNDEFINED;
        (*desc).setter = qjs::JS_UNDEFINED;
    }
    1
}

/// Replaces the builtin `name` of the scope `scope` with `value` (for `codeGeneration`
/// options: `eval` and `Function` that refuse); false when it is no builtin of the realm.
pub(crate) unsafe fn replace_builtin(
    ctx: *mut qjs::JSContext,
    scope: qjs::JSValue,
    name: &std::ffi::CStr,
    value: qjs::JSValue,
) -> bool {
    let Some(d) = data(scope) else { return false };
    let atom = qjs::JS_NewAtom(ctx, name.as_ptr());
    let slot = d.names.index.get(&atom).map(|&i| &d.values[i]);
    qjs::JS_FreeAtom(ctx, atom);
    let Some(slot) = slot else { return false };
    qjs::JS_FreeValue(ctx, slot.replace(qjs::JS_DupValue(ctx, value)));
    true
}
