//! The contextified global: how a sandbox object becomes the global scope of a context.
//!
//! Node does this with V8's property interceptors on the global; QuickJS has none, but it asks
//! a class's exotic hooks for any object marked exotic. A context's global is switched to a
//! class of ours (when the object layout checks out, [`layout::layout_holds`]) and gets an exotic
//! object of another class, the scope, as its prototype:
//!
//! ```text
//! global (shape: undefined/NaN/Infinity, var forwarders; hooks: the sandbox's own
//!         properties, then the global's own ones: what scripts defined on it (`real`) and
//!         the realm's builtins, taken off the engine's global into the scope)
//!   -> scope   (the sandbox's prototype chain; with a plain global, everything above)
//!   -> Object.prototype
//! ```
//!
//! Neither class implements `get_property`: QuickJS then keeps throwing `ReferenceError` for
//! names found nowhere (an exotic `get_property` would make every unknown name `undefined`).
//! Writes that miss the global's shape reach a `set_property` hook and land on the sandbox.
//!
//! What the hooks cannot catch are bindings QuickJS puts on the global's shape itself: `var`
//! declarations (kept live by a forwarding accessor installed before the script runs: the
//! engine leaves an existing property alone) and, with a plain global, function declarations
//! (copied to the sandbox after each run, and back before the next, see `context.rs`).
//!
//! This file holds what a scope keeps ([`ScopeData`]); its parts are by concept: `classes`
//! (the two classes), `scope_hooks` and `global_hooks` (what each class answers),
//! `property_writes` (writes reaching the sandbox, refusals as V8's), `builtin_table` (the
//! realm's builtins in a scope), `lazy_groups` (builtins made on first use), `silent_console`,
//! `var_forwarders`, and `layout` (the engine's object layout, read and written directly).

pub(crate) mod builtin_table;
pub(crate) mod classes;
mod global_hooks;
pub(crate) mod layout;
pub(crate) mod lazy_groups;
mod property_writes;
mod scope_hooks;
mod silent_console;
pub(crate) mod var_forwarders;

use rquickjs::qjs;

use crate::realm::LazyGroup;

/// Called with each builtin a context reads off its holder (the realm, its name, the value
/// borrowed), once per builtin and context: what a layer above must do to a builtin the
/// engine made only now (stack/as_data.rs patches `Reflect`). Set once per process.
pub(crate) static ON_BUILTIN_READ: std::sync::OnceLock<
    unsafe fn(*mut qjs::JSContext, qjs::JSAtom, qjs::JSValue),
> = std::sync::OnceLock::new();

/// QuickJS's "no atom".
const JS_ATOM_NULL: qjs::JSAtom = 0;

/// The names of a realm's global builtins, the same for every context of a runtime: each
/// scope keeps only the values, in this order (an array, not an object with its own shape
/// and property table: a few KB less per context).
pub(crate) struct BuiltinNames {
    /// The runtime's language level: what its lazy groups keep when made.
    level: crate::realm::LanguageLevel,
    atoms: Vec<qjs::JSAtom>,
    /// The lazy group (realm.rs) that adds each name; `None`: made with the realm.
    groups: Vec<Option<LazyGroup>>,
    index: std::collections::HashMap<qjs::JSAtom, usize, crate::id_hasher::BuildIdHasher>,
    console: qjs::JSAtom,
    /// Where `console` (which the table does not hold) comes among `atoms` when listed.
    console_at: usize,
    to_string_tag: qjs::JSAtom,
    global_this: qjs::JSAtom,
    /// `Uint8Array`: where typed arrays' prototypes are found.
    uint8_array: qjs::JSAtom,
    /// `Atomics`, whose wait and notify a runtime sharing memory replaces (shared_memory.rs).
    atomics: qjs::JSAtom,
    /// Which names a realm's holder has, by the groups it was made with (see
    /// `builtin_table::holder_kind`): found once by looking, the same for every such realm.
    on_holder: std::cell::RefCell<Vec<(u8, std::rc::Rc<[bool]>)>>,
}

/// What a scope object holds: the sandbox it answers from and the realm's builtins.
struct ScopeData {
    sandbox: qjs::JSValue,
    /// The context's global (owned and marked: the cycle through the global's prototype is the
    /// collector's to free). Writes reaching the scope are the global's only when it is the
    /// receiver.
    global: qjs::JSValue,
    names: std::rc::Rc<BuiltinNames>,
    /// By `names` index; empty where this realm lacks that builtin, or a script deleted it or
    /// redefined it (it then lives in `real`).
    values: Box<[Slot]>,
    /// The object holding the builtins not read yet (owned; `JS_UNDEFINED` when the engine's
    /// layout did not allow one, realm.rs).
    holder: qjs::JSValue,
    /// V8 gives every context a `console` whose methods print nothing (outside the inspector);
    /// made on first use, in this realm, so an unused one costs nothing (`JS_UNDEFINED` until
    /// then, `JS_UNINITIALIZED` once deleted or redefined, as `values`).
    console: std::cell::Cell<qjs::JSValue>,
    /// Whether the global answers for the sandbox's own properties itself (see
    /// [`layout::make_global_exotic`]); the scope then answers for the rest of its chain.
    exotic_global: bool,
    /// With an exotic global, the global's own properties as V8 would have them: what scripts
    /// define on the global besides the sandbox, and builtins redefined there (a null-prototype
    /// object, made on first use).
    real: std::cell::Cell<qjs::JSValue>,
    /// The name the global's own-property hook was last asked about without a descriptor (a
    /// has-check), `JS_ATOM_NULL` after any other question: QuickJS checks a plain name before
    /// assigning to it, a property assignment (`this.x = 1`) it does not, and V8 words a
    /// refusal differently for the two (`[object Object]`, `[object global]`). Only ever
    /// compared, never freed.
    checked: std::cell::Cell<qjs::JSAtom>,
    /// The lazy groups (realm.rs) this realm has yet to add, as bits: their names are held
    /// by the global all the same, and the first to be looked up adds its group.
    pending: std::cell::Cell<u16>,
    /// This realm, where a lazy group must be made whoever looks the name up (the host reading
    /// a context's global runs in its own). Not a counted reference: `anchor` holds it.
    realm: *mut qjs::JSContext,
    /// A function of this realm (its `Object`, already held by the context's record: no new
    /// object), held (and marked) only so that the realm lives as long as this scope:
    /// QuickJS's functions hold their realm, and the collector sees through them.
    anchor: qjs::JSValue,
    /// This realm's `Array.prototype.toString` as made, while typed arrays are pending: their
    /// prototype's `toString` is that function, whatever scripts did to Array's since.
    array_to_string: std::cell::Cell<qjs::JSValue>,
}

/// A builtin of a scope's table: an owned object, none (read as `JS_UNINITIALIZED`), or unread
/// (still on the realm's holder, see [`ScopeData::read_builtin`]). Every builtin the global
/// holds as a configurable data property is an object (the one exception,
/// `Symbol.toStringTag`, is never kept): 8 bytes a slot rather than a whole value's 16.
struct Slot(std::cell::Cell<*mut std::ffi::c_void>);

/// A slot's mark for a builtin still on the holder (address 1: no object lives there).
const UNREAD: *mut std::ffi::c_void = std::ptr::dangling_mut::<std::ffi::c_void>();

impl Slot {
    fn unread() -> Slot {
        Slot(std::cell::Cell::new(UNREAD))
    }
    fn is_unread(&self) -> bool {
        self.0.get() == UNREAD
    }
    /// Whether the slot holds a builtin, read or not.
    fn holds(&self) -> bool {
        !self.0.get().is_null()
    }
    /// Takes `v` (owned): an object, or `JS_UNINITIALIZED` for none.
    fn new(v: qjs::JSValue) -> Slot {
        let slot = Slot(std::cell::Cell::new(std::ptr::null_mut()));
        slot.0.set(Slot::pointer(v));
        slot
    }
    fn pointer(v: qjs::JSValue) -> *mut std::ffi::c_void {
        if unsafe { qjs::JS_IsObject(v) } {
            unsafe { qjs::JS_VALUE_GET_PTR(v) }
        } else {
            debug_assert!(
                unsafe { qjs::JS_IsUninitialized(v) },
                "a builtin that is no object: tag {}",
                v.tag
            );
            std::ptr::null_mut()
        }
    }
    /// The value (borrowed), `JS_UNINITIALIZED` for none or unread.
    fn get(&self) -> qjs::JSValue {
        let p = self.0.get();
        if p.is_null() || p == UNREAD {
            qjs::JS_UNINITIALIZED
        } else {
            qjs::JS_MKPTR(qjs::JS_TAG_OBJECT, p)
        }
    }
    /// Puts `v` (owned, as for [`Slot::new`]) in the slot and returns what it held (owned).
    fn replace(&self, v: qjs::JSValue) -> qjs::JSValue {
        let old = self.get();
        self.0.set(Slot::pointer(v));
        old
    }
}

impl ScopeData {
    /// The lazy group holding `prop`, if this realm has yet to add it.
    fn pending_group(&self, prop: qjs::JSAtom) -> Option<LazyGroup> {
        let group = (*self.names.groups.get(*self.names.index.get(&prop)?)?)?;
        (self.pending.get() & (1 << group) != 0).then_some(group)
    }

    /// The builtin `prop` of the table while the global still holds it (borrowed), read off
    /// the holder on first use; `Err` on an exception.
    unsafe fn builtin(&self, prop: qjs::JSAtom) -> Result<Option<qjs::JSValue>, ()> {
        let Some(&i) = self.names.index.get(&prop) else {
            return Ok(None);
        };
        let v = self.slot_value(i)?;
        Ok((!qjs::JS_IsUninitialized(v)).then_some(v))
    }

    /// The value of slot `i` (borrowed), read off the holder on first use; `Err` on an
    /// exception.
    unsafe fn slot_value(&self, i: usize) -> Result<qjs::JSValue, ()> {
        let slot = &self.values[i];
        if slot.is_unread() {
            self.read_builtin(i)?;
        }
        Ok(slot.get())
    }

    /// Reads builtin `i` from the holder (where the engine defined it, realm.rs) into its
    /// slot: the engine makes it now if it was waiting for a first access. `Err` on an
    /// exception (out of memory; the slot then stays unread).
    unsafe fn read_builtin(&self, i: usize) -> Result<(), ()> {
        let atom = self.names.atoms[i];
        let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
        let r = qjs::JS_GetOwnProperty(self.realm, &mut desc, self.holder, atom);
        if r < 0 {
            return Err(());
        }
        let value = if r == 0 {
            qjs::JS_UNINITIALIZED
        } else {
            // Left on the holder (a change would give it a shape of its own).
            qjs::JS_FreeValue(self.realm, desc.getter);
            qjs::JS_FreeValue(self.realm, desc.setter);
            desc.value
        };
        self.values[i].0.set(Slot::pointer(value));
        if let (Some(hook), false) = (ON_BUILTIN_READ.get(), qjs::JS_IsUninitialized(value)) {
            hook(self.realm, atom, value);
        }
        Ok(())
    }

    /// Whether the global still holds the builtin `prop`, the console included.
    fn holds_builtin(&self, prop: qjs::JSAtom) -> bool {
        self.names
            .index
            .get(&prop)
            .is_some_and(|&i| self.values[i].holds())
            || self.pending_group(prop).is_some()
            || (prop == self.names.console
                && !unsafe { qjs::JS_IsUninitialized(self.console.get()) })
    }
}

/// What the scope object `obj` keeps (its opaque), if anything.
unsafe fn data<'a>(obj: qjs::JSValue) -> Option<&'a ScopeData> {
    let mut id: qjs::JSClassID = 0;
    let p = qjs::JS_GetAnyOpaque(obj, &mut id) as *const ScopeData;
    p.as_ref()
}

#[cfg(test)]
mod tests;
