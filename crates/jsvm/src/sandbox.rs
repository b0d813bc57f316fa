//! The contextified global: how a sandbox object becomes the global scope of a context.
//!
//! Node does this with V8's property interceptors on the global; QuickJS has none, but it asks
//! a class's exotic hooks for any object marked exotic. A context's global is switched to a
//! class of ours (when the object layout checks out, [`layout_holds`]) and gets an exotic
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

use std::ffi::c_int;
use std::ptr;

use rquickjs::qjs;

use crate::realm::{self, LazyGroup};

/// QuickJS's "no atom".
const JS_ATOM_NULL: qjs::JSAtom = 0;

/// The names of a realm's global builtins, the same for every context of a runtime: each
/// scope keeps only the values, in this order (an array, not an object with its own shape
/// and property table: a few KB less per context).
pub(crate) struct BuiltinNames {
    atoms: Vec<qjs::JSAtom>,
    /// The lazy group (realm.rs) that adds each name; `None`: made with the realm.
    groups: Vec<Option<LazyGroup>>,
    index: std::collections::HashMap<qjs::JSAtom, usize, crate::id_hasher::BuildIdHasher>,
    console: qjs::JSAtom,
    to_string_tag: qjs::JSAtom,
    global_this: qjs::JSAtom,
    /// `Uint8Array`: where typed arrays' prototypes are found.
    uint8_array: qjs::JSAtom,
    /// `Atomics`, whose wait and notify a runtime sharing memory replaces (shared_memory.rs).
    atomics: qjs::JSAtom,
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
    /// [`make_global_exotic`]); the scope then answers for the rest of its chain.
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
    pending: std::cell::Cell<u8>,
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

    /// Adds the lazy group holding `prop` if it is yet to come; `Err` on an exception.
    unsafe fn ensure(&self, prop: qjs::JSAtom) -> Result<(), ()> {
        match self.pending_group(prop) {
            Some(group) => self.add_group(group),
            None => Ok(()),
        }
    }

    /// Adds lazy group `group` to this realm if still pending (an exception is the
    /// runtime's, whichever realm asked).
    unsafe fn add_group(&self, group: LazyGroup) -> Result<(), ()> {
        let bit = 1u8.checked_shl(group as u32).unwrap_or(0);
        if self.pending.get() & bit == 0 {
            return Ok(());
        }
        // No longer pending while it is made: lookups the engine does meanwhile must not start
        // it again. Nor after a failure (out of memory): the engine would make part of it
        // twice (QuickJS does not free all of a group's first objects when made again), so its
        // names stay missing from this context.
        self.pending.set(self.pending.get() & !bit);
        make_lazy_group(self.realm, self, group)
            .then_some(())
            .ok_or(())
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

    /// The builtin `prop` while the global holds it (borrowed), making the console on first
    /// use; `Err` on an exception.
    unsafe fn builtin_value(
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
    unsafe fn take_builtin(&self, prop: qjs::JSAtom) -> Result<Option<qjs::JSValue>, ()> {
        // A group made later must not bring the name back.
        self.ensure(prop)?;
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

static GLOBAL_CLASS_NAME: &[u8] = b"Object\0";

/// The hooks a contextified global answers with (see [`make_global_exotic`]). No
/// `has_property` (it would replace the whole walk, the global's own properties included) and
/// no `get_property` (it would make every unknown name `undefined` instead of a
/// `ReferenceError`).
static mut GLOBAL_EXOTIC: qjs::JSClassExoticMethods = qjs::JSClassExoticMethods {
    get_own_property: Some(global_get_own_property),
    get_own_property_names: Some(global_get_own_property_names),
    delete_property: Some(global_delete_property),
    define_own_property: Some(global_define_own_property),
    has_property: None,
    get_property: None,
    set_property: Some(global_set_property),
};

/// The classes of a runtime's contextified globals.
#[derive(Clone, Copy)]
pub(crate) struct Classes {
    pub(crate) scope: qjs::JSClassID,
    /// The class a context's global is switched to, when the object layout checked out (see
    /// [`layout_holds`]); `None` keeps globals plain, with the gaps docs/design.md lists.
    pub(crate) global: Option<qjs::JSClassID>,
}

/// Registers the scope class and the global class in a runtime. The global class's id is the
/// scope's plus one: its hooks find the scope (their data) from that alone.
pub(crate) fn register_classes(raw_rt: *mut qjs::JSRuntime) -> Classes {
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
        let mut global: qjs::JSClassID = 0;
        qjs::JS_NewClassID(raw_rt, &mut global);
        // No finalizer, no gc_mark, no opaque: the global was made a plain object, and that is
        // all it ever holds.
        let def = qjs::JSClassDef {
            class_name: GLOBAL_CLASS_NAME.as_ptr().cast(),
            finalizer: None,
            gc_mark: None,
            call: None,
            exotic: ptr::addr_of_mut!(GLOBAL_EXOTIC),
        };
        let registered = qjs::JS_NewClass(raw_rt, global, &def) == 0;
        Classes {
            scope: id,
            global: (registered && global == id + 1).then_some(global),
        }
    }
}

/// Where `struct JSObject` of QuickJS-ng 0.16 keeps what makes an object plain or exotic (after
/// the 16-byte GC list link on 64-bit targets): the byte of flag bits holding `is_exotic`, and
/// `class_id`. Checked at run time by [`layout_holds`].
mod layout {
    pub(super) const FLAGS: usize = 16;
    pub(super) const EXTENSIBLE: u8 = 1 << 1;
    pub(super) const IS_EXOTIC: u8 = 1 << 3;
    pub(super) const CLASS_ID: usize = 18;
    /// `JS_CLASS_OBJECT`.
    pub(super) const CLASS_OBJECT: u16 = 1;
    /// `JSObject.shape`, and the prototype in `struct JSShape`: the hooks find their scope
    /// through the global's prototype on every call, and two calls into the engine
    /// (`JS_GetPrototype`, `JS_FreeValue`) were a tenth of a sandboxed run (callgrind).
    pub(super) const SHAPE: usize = 24;
    pub(super) const SHAPE_PROTO: usize = 48;
}

/// The prototype of `obj` (a borrowed pointer; null for none), read from its shape as
/// `JS_GetPrototype` does for an object that is not a proxy.
unsafe fn proto_ptr(obj: qjs::JSValue) -> *mut std::ffi::c_void {
    let p = qjs::JS_VALUE_GET_PTR(obj) as *const u8;
    let shape = ptr::read_unaligned(p.add(layout::SHAPE) as *const *const u8);
    ptr::read_unaligned(shape.add(layout::SHAPE_PROTO) as *const *mut std::ffi::c_void)
}

unsafe fn header(obj: qjs::JSValue) -> (u8, u16) {
    let p = qjs::JS_VALUE_GET_PTR(obj) as *const u8;
    (
        *p.add(layout::FLAGS),
        ptr::read_unaligned(p.add(layout::CLASS_ID) as *const u16),
    )
}

/// Whether objects have the layout [`make_global_exotic`] writes to: a plain object and one of
/// the (exotic) global class must read back their class ids and flags where expected.
pub(crate) unsafe fn layout_holds(ctx: *mut qjs::JSContext, global_class: qjs::JSClassID) -> bool {
    if std::mem::size_of::<usize>() != 8 || std::mem::size_of::<qjs::JSValue>() != 16 {
        return false;
    }
    let plain = qjs::JS_NewObject(ctx);
    let exotic = qjs::JS_NewObjectClass(ctx, global_class);
    let orphan = qjs::JS_NewObjectProto(ctx, qjs::JS_NULL);
    let holds = qjs::JS_IsObject(plain)
        && qjs::JS_IsObject(exotic)
        && qjs::JS_IsObject(orphan)
        && {
            let proto = qjs::JS_GetPrototype(ctx, plain);
            let same_proto = qjs::JS_IsObject(proto)
                && proto_ptr(plain) == qjs::JS_VALUE_GET_PTR(proto)
                && proto_ptr(orphan).is_null();
            qjs::JS_FreeValue(ctx, proto);
            same_proto
        }
        && {
            let (plain_flags, plain_class) = header(plain);
            let (exotic_flags, exotic_class) = header(exotic);
            plain_class == layout::CLASS_OBJECT
                && qjs::JS_GetClassID(plain) == layout::CLASS_OBJECT as qjs::JSClassID
                && plain_flags & (layout::IS_EXOTIC | layout::EXTENSIBLE) == layout::EXTENSIBLE
                && exotic_class as qjs::JSClassID == global_class
                && qjs::JS_GetClassID(exotic) == global_class
                && exotic_flags & (layout::IS_EXOTIC | layout::EXTENSIBLE)
                    == layout::IS_EXOTIC | layout::EXTENSIBLE
        };
    qjs::JS_FreeValue(ctx, plain);
    qjs::JS_FreeValue(ctx, exotic);
    qjs::JS_FreeValue(ctx, orphan);
    holds
}

/// Turns a context's (plain) global into an object of the global class, whose hooks answer for
/// its own properties from the sandbox, as V8's interceptors do for Node: `Object.keys`,
/// `getOwnPropertyDescriptor`, `defineProperty`, `delete`. Only with [`layout_holds`].
pub(crate) unsafe fn make_global_exotic(global: qjs::JSValue, global_class: qjs::JSClassID) {
    let p = qjs::JS_VALUE_GET_PTR(global) as *mut u8;
    debug_assert_eq!(header(global).1, layout::CLASS_OBJECT);
    ptr::write_unaligned(p.add(layout::CLASS_ID) as *mut u16, global_class as u16);
    *p.add(layout::FLAGS) |= layout::IS_EXOTIC;
}

/// Runs `f` with the global seen as the plain object it is underneath: lookups that must see
/// only its own (shape) properties.
unsafe fn as_plain<R>(global: qjs::JSValue, f: impl FnOnce() -> R) -> R {
    let flags = (qjs::JS_VALUE_GET_PTR(global) as *mut u8).add(layout::FLAGS);
    *flags &= !layout::IS_EXOTIC;
    let r = f();
    *flags |= layout::IS_EXOTIC;
    r
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
            qjs::JS_FreeValueRT(rt, v.get());
        }
        qjs::JS_FreeValueRT(rt, d.console.get());
        qjs::JS_FreeValueRT(rt, d.real.get());
        qjs::JS_FreeValueRT(rt, d.anchor);
        qjs::JS_FreeValueRT(rt, d.holder);
        qjs::JS_FreeValueRT(rt, d.array_to_string.get());
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
            qjs::JS_MarkValue(rt, v.get(), mark);
        }
        qjs::JS_MarkValue(rt, d.console.get(), mark);
        qjs::JS_MarkValue(rt, d.real.get(), mark);
        qjs::JS_MarkValue(rt, d.anchor, mark);
        qjs::JS_MarkValue(rt, d.holder, mark);
        qjs::JS_MarkValue(rt, d.array_to_string.get(), mark);
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
    // (With an exotic global, the global has answered for the sandbox's own ones already.)
    let mut own: qjs::JSPropertyDescriptor = std::mem::zeroed();
    let r = if d.exotic_global {
        0
    } else {
        qjs::JS_GetOwnProperty(ctx, &mut own, d.sandbox, prop)
    };
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
            // Not in the sandbox: the global's own property, if a script defined one.
            let real = d.real.get();
            if qjs::JS_IsObject(real) {
                let r = qjs::JS_GetOwnProperty(ctx, desc, real, prop);
                if r != 0 {
                    return r;
                }
            }
            // Else the realm's builtin, if it is one (non-enumerable, as on a global).
            return builtin_descriptor(ctx, d, desc, prop);
        }
        match inherited_from_a_realms_object_prototype(ctx, obj, d.sandbox, prop) {
            Err(()) => return -1,
            // Left to the scope's own chain: this realm's `Object.prototype` answers.
            Ok(true) => return 0,
            Ok(false) => {}
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

/// Whether `prop`, which the sandbox inherits, comes from the `Object.prototype` of a realm (a
/// plain `{}` sandbox made by the host inherits the host's) and this context's own
/// `Object.prototype` has it too. Node answers such names from the sandbox's chain, so
/// `this.constructor.constructor('return process')()` in a context reaches the host's
/// `Function`; jsvm answers them from the context's own `Object.prototype`, which has the same
/// members, so a context made from a plain object reaches nothing of the host's. Only ordinary
/// objects are walked (no proxy trap or getter runs); anything else keeps Node's answer.
unsafe fn inherited_from_a_realms_object_prototype(
    ctx: *mut qjs::JSContext,
    scope: qjs::JSValue,
    sandbox: qjs::JSValue,
    prop: qjs::JSAtom,
) -> Result<bool, ()> {
    let ordinary = |v: qjs::JSValue| {
        qjs::JS_IsObject(v) && qjs::JS_GetClassID(v) == layout::CLASS_OBJECT as qjs::JSClassID
    };
    if !ordinary(sandbox) {
        return Ok(false);
    }
    // The holder: the first object of the chain with `prop` as its own property.
    let mut holder = qjs::JS_GetPrototype(ctx, sandbox);
    loop {
        if !ordinary(holder) {
            qjs::JS_FreeValue(ctx, holder);
            return Ok(false);
        }
        match qjs::JS_GetOwnProperty(ctx, ptr::null_mut(), holder, prop) {
            r if r < 0 => {
                qjs::JS_FreeValue(ctx, holder);
                return Err(());
            }
            0 => {
                let next = qjs::JS_GetPrototype(ctx, holder);
                qjs::JS_FreeValue(ctx, holder);
                holder = next;
            }
            _ => break,
        }
    }
    let is_object_prototype = is_a_realms_object_prototype(ctx, holder);
    qjs::JS_FreeValue(ctx, holder);
    if !is_object_prototype {
        return Ok(false);
    }
    // This realm's `Object.prototype` (the scope's prototype) must answer for it.
    let own_proto = qjs::JS_GetPrototype(ctx, scope);
    let r = if ordinary(own_proto) {
        qjs::JS_GetOwnProperty(ctx, ptr::null_mut(), own_proto, prop)
    } else {
        0
    };
    qjs::JS_FreeValue(ctx, own_proto);
    if r < 0 {
        return Err(());
    }
    Ok(r > 0)
}

/// Whether `obj` (an ordinary object) is some realm's `Object.prototype` as made: the end of
/// its chain, and the `prototype` of its own `constructor` (a function, not a proxy). Reads
/// data properties only.
unsafe fn is_a_realms_object_prototype(ctx: *mut qjs::JSContext, obj: qjs::JSValue) -> bool {
    let proto = qjs::JS_GetPrototype(ctx, obj);
    let at_the_end = qjs::JS_IsNull(proto);
    qjs::JS_FreeValue(ctx, proto);
    if !at_the_end {
        return false;
    }
    let own_data = |o: qjs::JSValue, name: &std::ffi::CStr| -> Option<qjs::JSValue> {
        let atom = qjs::JS_NewAtom(ctx, name.as_ptr());
        let mut d: qjs::JSPropertyDescriptor = std::mem::zeroed();
        let r = qjs::JS_GetOwnProperty(ctx, &mut d, o, atom);
        qjs::JS_FreeAtom(ctx, atom);
        if r < 0 {
            qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
            return None;
        }
        if r == 0 {
            return None;
        }
        qjs::JS_FreeValue(ctx, d.getter);
        qjs::JS_FreeValue(ctx, d.setter);
        if d.flags & qjs::JS_PROP_GETSET as c_int != 0 {
            qjs::JS_FreeValue(ctx, d.value);
            return None;
        }
        Some(d.value)
    };
    let Some(ctor) = own_data(obj, c"constructor") else {
        return false;
    };
    let found = qjs::JS_IsFunction(ctx, ctor)
        && !qjs::JS_IsProxy(ctor)
        && match own_data(ctor, c"prototype") {
            Some(p) => {
                let same =
                    qjs::JS_IsObject(p) && qjs::JS_VALUE_GET_PTR(p) == qjs::JS_VALUE_GET_PTR(obj);
                qjs::JS_FreeValue(ctx, p);
                same
            }
            None => false,
        };
    qjs::JS_FreeValue(ctx, ctor);
    found
}

/// The builtin `prop` as an own property of the global (writable, configurable, not
/// enumerable, as on V8's global): 1, 0 when the global does not hold it, -1 on an exception.
unsafe fn builtin_descriptor(
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
    let real = d.real.get();
    if qjs::JS_IsObject(real) {
        let r = qjs::JS_GetOwnProperty(ctx, ptr::null_mut(), real, prop);
        if r != 0 {
            return r;
        }
    }
    if d.holds_builtin(prop) {
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
    set_on_sandbox(ctx, d, prop, value, flags, false)
}

/// Node's setter interceptor: the write goes to the sandbox. `global_writable`: the global
/// itself has a writable property of that name, which V8 assigns instead when the sandbox's is
/// read-only (unseen: reads answer from the sandbox).
unsafe fn set_on_sandbox(
    ctx: *mut qjs::JSContext,
    d: &ScopeData,
    prop: qjs::JSAtom,
    value: qjs::JSValue,
    flags: c_int,
    global_writable: bool,
) -> c_int {
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
        Writable::ReadOnly if global_writable => {
            qjs::JS_FreeValue(ctx, exception);
            1
        }
        // Strict code assigning to a read-only sandbox property: V8's definer interceptor
        // refuses with this message (a setter-only accessor is refused quietly there too).
        Writable::ReadOnly
            if flags as u32 & qjs::JS_PROP_THROW_STRICT != 0
                && assigning_code_is_strict(ctx, prop) =>
        {
            qjs::JS_FreeValue(ctx, exception);
            throw_with_name(ctx, c"Cannot redefine property: %s", prop);
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

// ---- the exotic global: Node's interceptors -------------------------------------------------
//
// The engine consults the global's own (shape) properties first — `undefined`, `NaN`,
// `Infinity`, `var` forwarders — and these hooks for any other name; the scope behind the
// global then answers for the sandbox's prototype chain, properties defined on the global
// itself (`real`) and the builtins.

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
unsafe extern "C" fn global_get_own_property(
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
        qjs::JS_FreeValue(ctx, own.value);
        qjs::JS_FreeValue(ctx, own.getter);
        qjs::JS_FreeValue(ctx, own.setter);
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
unsafe extern "C" fn global_get_own_property_names(
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
    for atom in d.names.atoms.iter().copied().chain([d.names.console]) {
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
unsafe extern "C" fn global_delete_property(
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

/// Whether a refusal with these flags throws (JS_PROP_THROW_STRICT: in strict code).
unsafe fn refusal_throws(ctx: *mut qjs::JSContext, flags: c_int, prop: qjs::JSAtom) -> bool {
    let flags = flags as u32;
    flags & qjs::JS_PROP_THROW != 0
        || (flags & qjs::JS_PROP_THROW_STRICT != 0 && assigning_code_is_strict(ctx, prop))
}

unsafe fn throw_with_name(ctx: *mut qjs::JSContext, format: &std::ffi::CStr, prop: qjs::JSAtom) {
    let name = qjs::JS_AtomToCStringLen(ctx, ptr::null_mut(), prop);
    if !name.is_null() {
        qjs::JS_ThrowTypeError(ctx, format.as_ptr(), name);
        qjs::JS_FreeCString(ctx, name);
    }
}

/// The definer (`Object.defineProperty(globalThis, ...)`, and top-level function declarations):
/// Node defines on the sandbox — the value or accessors given, absent ones undefined, and only
/// the attributes given — unless the global's own property is read-only and non-configurable;
/// V8 then defines on the global itself, whose refusal is the one that counts.
unsafe extern "C" fn global_define_own_property(
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
        qjs::JS_FreeValue(ctx, current.value);
        qjs::JS_FreeValue(ctx, current.getter);
        qjs::JS_FreeValue(ctx, current.setter);
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

/// The flags that define a property exactly as a descriptor with `flags` (from
/// `JS_GetOwnProperty`) describes it: its kind and every attribute.
fn flags_to_redefine(flags: c_int) -> c_int {
    let kind = if flags & qjs::JS_PROP_GETSET as c_int != 0 {
        qjs::JS_PROP_HAS_GET | qjs::JS_PROP_HAS_SET
    } else {
        qjs::JS_PROP_HAS_VALUE | qjs::JS_PROP_HAS_WRITABLE
    };
    let all = kind | qjs::JS_PROP_HAS_CONFIGURABLE | qjs::JS_PROP_HAS_ENUMERABLE;
    all as c_int | (flags & qjs::JS_PROP_C_W_E as c_int)
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
    qjs::JS_FreeValue(ctx, current.value);
    qjs::JS_FreeValue(ctx, current.getter);
    qjs::JS_FreeValue(ctx, current.setter);
    r
}

/// The setter: a read-only property of the global itself refuses the write as V8 does (an
/// error in strict code, silence in sloppy code); otherwise the write goes to the sandbox.
unsafe extern "C" fn global_set_property(
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

/// Makes the scope object for `sandbox`, with `proto` (the realm's Object.prototype) behind
/// it, taking the realm's builtins off `global` or, when it is an object, `holder` (owned,
/// taken: see [`take_builtins`]); `anchor`: a function
/// of the realm (borrowed), which the scope holds to keep it alive; `exotic_global`: the
/// global will be made exotic ([`make_global_exotic`]); `lazy`: the realm was made without
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
    let Some((names, values)) = take_builtins(ctx, global, holder, names) else {
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
        pending: std::cell::Cell::new(if lazy { realm::ALL_LAZY } else { 0 }),
        realm: ctx,
        anchor,
        array_to_string: std::cell::Cell::new(array_to_string),
    });
    qjs::JS_SetOpaque(obj, Box::into_raw(d).cast());
    obj
}

/// The realm's `Array.prototype.toString` (owned), or an exception.
unsafe fn original_array_to_string(ctx: *mut qjs::JSContext) -> qjs::JSValue {
    let array = qjs::JS_NewArray(ctx);
    if qjs::JS_IsException(array) {
        return array;
    }
    let proto = qjs::JS_GetPrototype(ctx, array);
    let f = qjs::JS_GetPropertyStr(ctx, proto, c"toString".as_ptr());
    qjs::JS_FreeValue(ctx, proto);
    qjs::JS_FreeValue(ctx, array);
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
    let flags = (qjs::JS_VALUE_GET_PTR(global) as *mut u8).add(layout::FLAGS);
    let ok = as_plain(global, || {
        let extensible = *flags & layout::EXTENSIBLE != 0;
        *flags |= layout::EXTENSIBLE;
        let ok = match SetAside::take(ctx, global, &d.names.atoms, &slots) {
            Some(aside) => {
                let ok = realm::add_group(ctx, group)
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
                qjs::JS_FreeValue(ctx, desc.value);
                qjs::JS_FreeValue(ctx, desc.getter);
                qjs::JS_FreeValue(ctx, desc.setter);
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
            qjs::JS_FreeValue(ctx, desc.value);
            qjs::JS_FreeValue(ctx, desc.getter);
            qjs::JS_FreeValue(ctx, desc.setter);
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
            qjs::JS_FreeValue(ctx, desc.value);
            qjs::JS_FreeValue(ctx, desc.getter);
            qjs::JS_FreeValue(ctx, desc.setter);
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
) -> bool {
    let global = qjs::JS_GetGlobalObject(ctx);
    // Lazy realms have an exotic global (`layout_holds`), whose prototype is the scope unless
    // a script replaced it (the scope is then out of reach and so are the lazy names).
    let proto = proto_ptr(global);
    qjs::JS_FreeValue(ctx, global);
    if proto.is_null() {
        return true;
    }
    let proto = qjs::JS_MKPTR(qjs::JS_TAG_OBJECT, proto);
    if qjs::JS_GetClassID(proto) != scope_class {
        return true;
    }
    match data(proto) {
        Some(d) => d.add_group(group).is_ok(),
        _ => true,
    }
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

/// The table of the realm's builtins (the configurable data properties of a whole realm's
/// global), so that the scope, which answers from the sandbox first, lets sandbox properties
/// shadow them. With a `holder` (realm.rs), the builtins are its properties and stay there
/// until first read; without one, they are taken off `global` now. The first realm of a
/// runtime fixes the table of names.
unsafe fn take_builtins(
    ctx: *mut qjs::JSContext,
    global: qjs::JSValue,
    holder: qjs::JSValue,
    shared: &std::cell::RefCell<Option<std::rc::Rc<BuiltinNames>>>,
) -> Option<(std::rc::Rc<BuiltinNames>, Vec<Slot>)> {
    let on_holder = qjs::JS_IsObject(holder);
    let existing = shared.borrow().clone();
    let names = match existing {
        Some(n) => n,
        None => {
            let builtins = if on_holder { holder } else { global };
            let n = std::rc::Rc::new(builtin_names(ctx, builtins)?);
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
    for &atom in &names.atoms {
        if on_holder {
            // The holder is left as made (its shape is every realm's holder's): QuickJS's
            // "global" tag and its `globalThis` (the holder) are not read from it.
            if atom == names.to_string_tag {
                values.push(Slot::new(qjs::JS_UNINITIALIZED));
                continue;
            }
            if atom == names.global_this {
                values.push(Slot::new(qjs::JS_DupValue(ctx, global)));
                continue;
            }
            // Only whether it is there: its value is made on first read.
            match qjs::JS_GetOwnProperty(ctx, std::ptr::null_mut(), holder, atom) {
                r if r < 0 => return failed(values),
                0 => values.push(Slot::new(qjs::JS_UNINITIALIZED)),
                _ => values.push(Slot::unread()),
            }
            continue;
        }
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

/// The table of a runtime's builtin names (realm.rs lists them, with their lazy groups).
/// `builtins`: the object holding this realm's builtins (where `Symbol` is read).
unsafe fn builtin_names(ctx: *mut qjs::JSContext, builtins: qjs::JSValue) -> Option<BuiltinNames> {
    let (atoms, groups): (Vec<_>, Vec<_>) = realm::builtin_names(qjs::JS_GetRuntime(ctx))?
        .into_iter()
        .unzip();
    let index = atoms.iter().enumerate().map(|(i, a)| (*a, i)).collect();
    Some(BuiltinNames {
        atoms,
        groups,
        index,
        console: qjs::JS_NewAtom(ctx, c"console".as_ptr()),
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
    // A builtin of a lazy group is made before the name is declared: a frozen global would
    // keep its group from being made later.
    if data(scope).is_some_and(|d| d.ensure(prop).is_err()) {
        return false;
    }
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
    // On the global itself, not through its definer (an exotic global's would define on the
    // sandbox).
    let flags = qjs::JS_PROP_NO_EXOTIC
        | qjs::JS_PROP_HAS_GET
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

#[cfg(test)]
mod tests {
    //! Where the object layout does not check out, globals stay plain and the scope alone
    //! answers for the sandbox: reads, writes, `in` and `typeof` as in Node, own-property
    //! operations not.

    use crate::Runtime;

    fn runtime(exotic: bool) -> Runtime {
        let rt = Runtime::new().unwrap();
        rt.with_ctx(|ctx| {
            let state = crate::runtime::state::RuntimeState::of(&ctx);
            assert!(
                state.global_class.get().is_some(),
                "the self-test passes on this build"
            );
            if !exotic {
                state.global_class.set(None);
            }
        });
        rt
    }

    const PROBE: &str = r#"count += 1; name = 'kitty'; var v = 1; function f() { return 2 }
        [typeof count, 'name' in globalThis, typeof Array, f(), Object.keys(globalThis).join()]"#;

    #[test]
    fn the_exotic_global_has_the_sandbox_as_its_own_properties() {
        let rt = runtime(true);
        let ctx = rt
            .new_context(&serde_json::json!({ "count": 1 }), Default::default())
            .unwrap();
        let seen: serde_json::Value = ctx.eval(PROBE).unwrap();
        assert_eq!(
            seen,
            serde_json::json!(["number", true, "function", 2, "v,count,f,name"])
        );
        assert!(ctx.eval::<bool>("delete count").unwrap());
        assert_eq!(ctx.keys().unwrap(), ["f", "v", "name"]);
    }

    #[test]
    fn without_the_layout_the_scope_answers_alone() {
        let rt = runtime(false);
        let ctx = rt
            .new_context(&serde_json::json!({ "count": 1 }), Default::default())
            .unwrap();
        let seen: serde_json::Value = ctx.eval(PROBE).unwrap();
        // The old gaps: only the global's own forwarders and functions are listed, and
        // `delete` leaves the sandbox as is.
        assert_eq!(
            seen,
            serde_json::json!(["number", true, "function", 2, "v,f"])
        );
        assert_eq!(ctx.get::<i32>("count").unwrap(), 2);
        assert_eq!(ctx.get::<String>("name").unwrap(), "kitty");
        assert!(ctx.eval::<bool>("delete count").unwrap());
        assert_eq!(ctx.keys().unwrap(), ["count", "f", "v", "name"]);
        ctx.eval::<()>("Object.defineProperty(globalThis, 'zz', { value: 1 })")
            .unwrap();
        assert!(ctx.get::<Option<i32>>("zz").unwrap().is_none());
    }

    #[test]
    fn a_plain_host_sandbox_hands_out_no_host_function_with_either_global() {
        // A `{}` made in the main realm inherits the main realm's Object.prototype: its names
        // are answered from the context's own, so no `.constructor` leads to the main realm.
        for exotic in [true, false] {
            let rt = runtime(exotic);
            rt.with_ctx(|ctx| {
                ctx.globals().set("secret", 42).unwrap();
                let sandbox: rquickjs::Object = ctx.eval("({ a: 1 })").unwrap();
                let handle =
                    crate::engine::ContextHandle::create(&ctx, Some(sandbox), &Default::default())
                        .unwrap();
                let seen: String = handle
                    .eval(
                        "[this.constructor.constructor('return typeof secret')(), \
                          constructor.constructor('return typeof secret')(), \
                          this.__proto__.constructor.constructor('return typeof secret')(), \
                          hasOwnProperty.constructor('return typeof secret')(), \
                          this.constructor === Object, this.hasOwnProperty('a'), a].join()",
                        &Default::default(),
                    )
                    .unwrap()
                    .get()
                    .unwrap();
                // (A plain global does not list the sandbox's properties as its own.)
                let own = if exotic { "true" } else { "false" };
                assert_eq!(
                    seen,
                    format!("undefined,undefined,undefined,undefined,true,{own},1"),
                    "exotic global: {exotic}"
                );
            });
        }
    }

    #[test]
    fn builtins_made_on_the_global_behave_as_on_the_holder() {
        // The fallback of realm.rs (the engine's global field not found): the builtins go on
        // the global and are taken off it. Everything a context sees is the same.
        const PROBE: &str = r#"var v = 1; count += 1;
            [globalThis === this, typeof Array, typeof Math.max, JSON.stringify({ a: [1] }),
             parseInt('12'), Object.keys(globalThis).join(), typeof queueMicrotask,
             Object.getOwnPropertyNames(globalThis).includes('Math'), delete globalThis.Math,
             typeof Math, new Function('return this')() === globalThis, NaN !== NaN,
             typeof undefined, Infinity > 0, Object.prototype.toString.call(globalThis),
             typeof new Map().set, [1, 2].map((x) => x * 2).join(), typeof Promise.resolve,
             /a(b)/.exec('ab')[1], String(Symbol('s').description), typeof Uint8Array]"#;
        let seen = |on_holder: bool| -> serde_json::Value {
            let rt = Runtime::new().unwrap();
            rt.with_ctx(|ctx| {
                crate::runtime::state::RuntimeState::of(&ctx)
                    .builtins_on_holder
                    .set(on_holder)
            });
            let ctx = rt
                .new_context(&serde_json::json!({ "count": 1 }), Default::default())
                .unwrap();
            ctx.eval(PROBE).unwrap()
        };
        let on_holder = seen(true);
        assert!(crate::realm::global_field_found(), "the holder path ran");
        assert_eq!(on_holder, seen(false));
        assert_eq!(on_holder[0], true);
        assert_eq!(on_holder[6], "undefined", "no queueMicrotask in a context");
    }

    #[test]
    fn code_generation_is_refused_with_either_global() {
        for exotic in [true, false] {
            let rt = runtime(exotic);
            let mut options = crate::ContextOptions::default();
            options.code_generation.strings = false;
            let ctx = rt.new_context(&serde_json::json!({}), options).unwrap();
            let seen: String = ctx
                .eval("[() => eval('1'), () => Function('return 1')].map((f) => { try { return f(); } catch (e) { return e.name; } }).join()")
                .unwrap();
            assert_eq!(seen, "EvalError,EvalError", "exotic global: {exotic}");
        }
    }
}
