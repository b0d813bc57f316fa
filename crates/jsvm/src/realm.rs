//! A context's realm: the engine's intrinsics, the costly groups of which are added only when
//! something in the context first reaches them.
//!
//! QuickJS adds intrinsics in groups (`JS_AddIntrinsicDate`, `...MapSet`, ...). A vm context
//! typically uses none of several of them, yet they were half of its memory and time (typed
//! arrays alone a quarter). The groups listed as lazy in [`STEPS`] are reached only through a
//! global name (or by the library itself, which asks for them first): the engine creates no
//! object of theirs on its own, unlike Promise (async functions, `await`, `import()`) or RegExp
//! (regex literals, `String.prototype.match`/`search` with a string), which stay eager. The
//! scope object answering a context's global names adds a lazy group the first time one of its
//! names is looked up (sandbox/lazy_groups.rs), so a builtin appears, with its identity kept for the
//! context's life, before anything in the context can observe it. docs/design.md has the
//! trigger table and its tests.

mod compile_hook;
pub(crate) mod lazy_group;
pub(crate) mod level;
mod regexp_legacy;
mod regexp_triggers;
pub(crate) mod weak_ref;

pub(crate) use lazy_group::{
    ensure, on_atomics, GroupMaker, LazyGroup, PROMISE, REGEXP, TYPED_ARRAYS, WEBASSEMBLY,
};

use std::ffi::c_int;
use std::ptr::NonNull;

use rquickjs::qjs;

pub use level::LanguageLevel;
use level::Trim;

type AddIntrinsic = unsafe extern "C" fn(*mut qjs::JSContext) -> c_int;

/// The groups of intrinsics of a vm context's realm, in the order a full realm adds them (the
/// order of the global's names), and for each lazy one its index. The ECMAScript builtins
/// only: not QuickJS's host additions (`performance`, `atob`/`btoa`), which V8's contexts in
/// Node do not have either.
const STEPS: [(AddIntrinsic, Option<LazyGroup>, Option<Trim>); 12] = [
    (
        qjs::JS_AddIntrinsicBaseObjects,
        None,
        Some(level::trim_base),
    ),
    (qjs::JS_AddIntrinsicDate, Some(0), None),
    (qjs::JS_AddIntrinsicEval, None, None),
    (add_regexp, Some(REGEXP), Some(level::trim_regexp)),
    (qjs::JS_AddIntrinsicJSON, None, Some(level::trim_json)),
    (add_proxy, Some(1), None),
    (
        qjs::JS_AddIntrinsicMapSet,
        Some(2),
        Some(level::trim_map_set),
    ),
    // With `transfer` refusing buffers over wasm memory (wasm.rs).
    (
        crate::wasm::add_typed_arrays,
        Some(3),
        Some(level::trim_typed_arrays),
    ),
    (
        qjs::JS_AddIntrinsicPromise,
        Some(PROMISE),
        Some(level::trim_promise),
    ),
    (add_weak_ref, Some(4), None),
    // ECMA-402, which V8 has among its builtins (intl.rs): the library's, not the engine's.
    (crate::intl::add_intl, Some(INTL), None),
    // V8's builtin WebAssembly, on the library's interpreter (wasm.rs).
    (crate::wasm::add_webassembly, Some(WEBASSEMBLY), None),
];

/// Runs a step of [`STEPS`] on the realm `c`, then, at a level below the engine's, takes out
/// what it added that the level lacks (from the object the engine defined the step's names
/// on: the global, or the holder standing for it). False on an exception.
unsafe fn run_step(
    c: *mut qjs::JSContext,
    (add, _, trim): &(AddIntrinsic, Option<LazyGroup>, Option<Trim>),
    level: LanguageLevel,
) -> bool {
    if add(c) != 0 {
        return false;
    }
    match trim {
        Some(trim) if level == LanguageLevel::Node20 => {
            let builtins = qjs::JS_GetGlobalObject(c);
            let ok = trim(c, builtins);
            qjs::JS_FreeValue(c, builtins);
            ok
        }
        _ => true,
    }
}

/// Takes out of the main realm `c`, made whole by rquickjs, what `level` lacks, as each step
/// does for a context's realm (then the globals: [`delete_missing_globals`]).
pub(crate) unsafe fn trim_main(
    c: *mut qjs::JSContext,
    global: qjs::JSValue,
    level: LanguageLevel,
) -> bool {
    if level == LanguageLevel::Full {
        return true;
    }
    STEPS
        .iter()
        .filter_map(|(_, _, trim)| *trim)
        .all(|trim| trim(c, global))
}

/// `JS_AddIntrinsicRegExp`, then V8's legacy statics of `RegExp` (realm/regexp_legacy.rs).
unsafe extern "C" fn add_regexp(ctx: *mut qjs::JSContext) -> c_int {
    if qjs::JS_AddIntrinsicRegExp(ctx) != 0 {
        return -1;
    }
    let class = regexp_legacy::class_of(ctx);
    match add_regexp_legacy(ctx, class) {
        true => 0,
        false => -1,
    }
}

/// Registers, in the runtime of `ctx`, the class whose prototype slot holds a realm's last
/// RegExp match, and records it for the runtime's realms (0 when it could not be registered).
///
/// # Safety
/// `ctx` is a live realm.
pub(crate) unsafe fn register_last_match(ctx: &rquickjs::Ctx<'_>) -> qjs::JSClassID {
    regexp_legacy::register(ctx)
}

/// Gives the realm's `RegExp`, made already, V8's legacy statics, recorded in the prototype
/// slot of `class` (nothing for 0). False on an exception.
///
/// # Safety
/// `ctx` is a live realm.
pub(crate) unsafe fn add_regexp_legacy(ctx: *mut qjs::JSContext, class: qjs::JSClassID) -> bool {
    regexp_legacy::install(ctx, class)
}

/// `JS_AddIntrinsicWeakRef`, with `WeakRef` keeping its target until the job ends
/// (realm/weak_ref.rs).
unsafe extern "C" fn add_weak_ref(ctx: *mut qjs::JSContext) -> c_int {
    if qjs::JS_AddIntrinsicWeakRef(ctx) != 0 {
        return -1;
    }
    let builtins = qjs::JS_GetGlobalObject(ctx);
    let ok = weak_ref::install(ctx, builtins);
    qjs::JS_FreeValue(ctx, builtins);
    if ok {
        0
    } else {
        -1
    }
}

/// The main realm's `WeakRef` as a context's (realm/weak_ref.rs). False on an exception.
///
/// # Safety
/// `c` is the live main realm, made whole, `global` its global (borrowed), before any code ran.
pub(crate) unsafe fn keep_weak_ref_targets(c: *mut qjs::JSContext, global: qjs::JSValue) -> bool {
    weak_ref::install(c, global)
}

/// `JS_AddIntrinsicProxy`, with `Proxy` already on the global: when the engine's own define of
/// it fails (out of memory) it frees the constructor twice (`JS_DefinePropertyValueStr` has
/// already freed it). Replacing an existing property's value allocates nothing, so that define
/// cannot fail.
unsafe extern "C" fn add_proxy(ctx: *mut qjs::JSContext) -> c_int {
    let global = qjs::JS_GetGlobalObject(ctx);
    let flags = (qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE) as c_int;
    let r =
        qjs::JS_DefinePropertyValueStr(ctx, global, c"Proxy".as_ptr(), qjs::JS_UNDEFINED, flags);
    qjs::JS_FreeValue(ctx, global);
    if r < 0 {
        return -1;
    }
    qjs::JS_AddIntrinsicProxy(ctx)
}

/// The lazy groups, by index: their names for messages and docs.
pub(crate) const LAZY: [&str; 9] = [
    "Date",
    "Proxy",
    "Map/Set",
    "typed arrays",
    "WeakRef",
    "Intl",
    "RegExp",
    "Promise",
    "WebAssembly",
];

/// The Date group: `Intl` takes the realm's `Date`.
pub(crate) const DATE: LazyGroup = 0;

/// `Intl` (intl.rs): made by running the library's script in the realm.
pub(crate) const INTL: LazyGroup = 5;

/// The groups a lazy realm makes on first use, as a bit set: all, but RegExp only where the
/// compile hook holds (it is probed with the first lazy realm, before any scope is made).
pub(crate) fn all_lazy() -> u16 {
    let all = u16::MAX >> (16 - LAZY.len());
    if compile_hook::available() {
        all
    } else {
        all & !(1 << REGEXP | 1 << PROMISE)
    }
}

/// Whether step group `group` waits in a lazy realm whose compile hook is `hooked`.
fn made_lazily(group: Option<LazyGroup>, hooked: bool) -> bool {
    match group {
        None => false,
        Some(REGEXP | PROMISE) => hooked,
        Some(_) => true,
    }
}

/// Adds lazy group `group` to the realm `ctx` (its names land on the global, as for a full
/// realm). The caller prepares the global (see sandbox/lazy_groups.rs). Returns false on an exception.
pub(crate) unsafe fn add_group(
    ctx: *mut qjs::JSContext,
    group: LazyGroup,
    level: LanguageLevel,
) -> bool {
    STEPS
        .iter()
        .filter(|(_, g, _)| *g == Some(group))
        .all(|step| run_step(ctx, step, level))
}

/// A new realm and the object holding its builtins.
pub(crate) struct NewRealm {
    pub(crate) ctx: NonNull<qjs::JSContext>,
    /// The object the engine defined the builtins on instead of the global (owned, null
    /// prototype), when the engine's global could be swapped ([`global_slot`]);
    /// `JS_UNDEFINED`: they are on the global.
    pub(crate) holder: qjs::JSValue,
}

/// A realm with the builtins a Node vm context has; with `lazy`, without the lazy groups.
///
/// The builtins are defined on a holder object rather than on the global: a context's global
/// must not hold them (the sandbox answers first, sandbox.rs), and taking them off it meant
/// reading each one, which makes what the engine makes only on first access (`Math` and its
/// 44 properties, `Reflect`, `JSON`, `parseInt` and the other global functions), then deleting
/// it. The holder keeps them unmade until a name is looked up, and is never changed after, so
/// the holders of all realms share one shape (null prototype, same properties). The global is
/// then a fresh plain object (the engine's first one is made with room for 64 properties).
/// `on_holder` false makes the builtins go on the global whatever the layout (tests of that
/// path).
pub(crate) unsafe fn new_realm(
    rt: *mut qjs::JSRuntime,
    lazy: bool,
    on_holder: bool,
    level: LanguageLevel,
) -> Option<NewRealm> {
    let raw = NonNull::new(qjs::JS_NewContextRaw(rt))?;
    let c = raw.as_ptr();
    // Every realm gets the hook (it also marks the `eval` code running, for stack traces);
    // only a lazy one has groups it makes.
    let hookable = compile_hook::probe(c);
    let hooked = lazy && hookable;
    let fail = |holder: qjs::JSValue| {
        qjs::JS_FreeValue(c, holder);
        qjs::JS_FreeContext(c);
        None
    };
    let on_global = || {
        // The builtins go on the global and are taken off it one by one (sandbox/builtin_table.rs).
        let failed = STEPS
            .iter()
            .filter(|(_, g, _)| !lazy || !made_lazily(*g, hooked))
            .any(|step| !run_step(c, step, level));
        if failed {
            return fail(qjs::JS_UNDEFINED);
        }
        let global = qjs::JS_GetGlobalObject(c);
        delete_left_out(c, global, level);
        delete_from_async(c, global, level);
        let walks = crate::hole_walks::install(c, global)
            && crate::json_parse::install(c, global)
            && crate::function_source::install(c)
            && (!hooked || hook(c));
        if hookable && !hooked {
            compile_hook::install_marking(c);
        }
        if walks {
            probe_interrupt_counter(c, global);
        }
        qjs::JS_FreeValue(c, global);
        if !walks {
            return fail(qjs::JS_UNDEFINED);
        }
        Some(NewRealm {
            ctx: raw,
            holder: qjs::JS_UNDEFINED,
        })
    };
    let Some(slot) = global_slot(c).filter(|_| on_holder) else {
        return on_global();
    };
    let holder = qjs::JS_NewObjectProto(c, qjs::JS_NULL);
    let global = qjs::JS_NewObject(c);
    if qjs::JS_IsException(holder) || qjs::JS_IsException(global) {
        qjs::JS_FreeValue(c, global);
        return fail(holder);
    }
    // The holder stands for the global while the steps run, if the engine sees it so.
    let first = std::ptr::replace(slot, qjs::JS_DupValue(c, holder));
    let seen = qjs::JS_GetGlobalObject(c);
    let swapped = qjs::JS_VALUE_GET_PTR(seen) == qjs::JS_VALUE_GET_PTR(holder);
    qjs::JS_FreeValue(c, seen);
    if !swapped {
        qjs::JS_FreeValue(c, std::ptr::replace(slot, first));
        qjs::JS_FreeValue(c, global);
        qjs::JS_FreeValue(c, holder);
        GLOBAL_OFFSET.store(usize::MAX, std::sync::atomic::Ordering::Relaxed);
        return on_global();
    }
    // The engine's first global, freed: the fresh one replaces it after the steps.
    qjs::JS_FreeValue(c, first);
    let failed = STEPS
        .iter()
        .filter(|(_, g, _)| !lazy || !made_lazily(*g, hooked))
        .any(|step| !run_step(c, step, level));
    qjs::JS_FreeValue(c, std::ptr::replace(slot, global));
    delete_from_async(c, holder, level);
    if failed
        || !crate::hole_walks::install(c, holder)
        || !crate::json_parse::install(c, holder)
        || !crate::function_source::install(c)
        || (hooked && !hook(c))
        || !copy_fixed(c, holder, global)
    {
        return fail(holder);
    }
    if hookable && !hooked {
        compile_hook::install_marking(c);
    }
    probe_interrupt_counter(c, holder);
    Some(NewRealm { ctx: raw, holder })
}

/// Marks the `eval` code the main realm `c` of `rt` runs, as contexts' realms do (the compile
/// hook; eval_source.rs).
///
/// # Safety
/// `c` is the live main realm of `rt`, made whole.
pub(crate) unsafe fn hook_main(rt: *mut qjs::JSRuntime, c: *mut qjs::JSContext) {
    compile_hook::install_main(rt, c);
}

/// `Array.fromAsync`, which Node 20's V8 does not have, is taken away at that level before
/// anything reads it (every realm, lazy or not, and the main one: runtime.rs). It is an async
/// function the engine makes from its own bytecode when the property is first read; at the
/// full level, a lazy realm makes Promise before code naming it is compiled (the compile
/// hook's word `Async`), but read by a computed name before Promise is made, it keeps a null
/// prototype (calls work once Promise is made).
pub(crate) unsafe fn delete_from_async(
    c: *mut qjs::JSContext,
    builtins: qjs::JSValue,
    level: LanguageLevel,
) {
    if level == LanguageLevel::Full {
        return;
    }
    let array = qjs::JS_GetPropertyStr(c, builtins, c"Array".as_ptr());
    if qjs::JS_IsObject(array) {
        let atom = qjs::JS_NewAtom(c, c"fromAsync".as_ptr());
        if atom != qjs::JS_ATOM_NULL {
            qjs::JS_DeleteProperty(c, array, atom, 0);
            qjs::JS_FreeAtom(c, atom);
        }
    }
    qjs::JS_FreeValue(c, array);
}

/// Catches, in a realm made without RegExp and Promise, what reaches them without their
/// names: the compile hook and `String.prototype`'s matching methods; where the methods cannot
/// be wrapped, both are made at once (their names then go where the other builtins went, and
/// their first lookup finds them made). False on an exception.
unsafe fn hook(c: *mut qjs::JSContext) -> bool {
    if !regexp_triggers::install(c) {
        compile_hook::install_marking(c);
        return add_regexp(c) == 0 && qjs::JS_AddIntrinsicPromise(c) == 0;
    }
    compile_hook::install(c);
    true
}

/// QuickJS's base objects include the host function `queueMicrotask`, which V8 contexts do not
/// have (Node adds it to its main context only): deleted before anything reads it, so it is
/// never instantiated. (On a holder it stays, unread: it is no builtin of the table.) So are
/// the other globals the realm goes without ([`delete_missing_globals`]).
unsafe fn delete_left_out(c: *mut qjs::JSContext, global: qjs::JSValue, level: LanguageLevel) {
    delete_globals(c, global, &LEFT_OUT);
    delete_missing_globals(c, global, level);
}

/// The globals a realm of `level` goes without (the main one too): QuickJS's `InternalError`
/// (no ECMAScript builtin: V8 has none), and at the Node 20 level those newer than its V8.
pub(crate) unsafe fn delete_missing_globals(
    c: *mut qjs::JSContext,
    global: qjs::JSValue,
    level: LanguageLevel,
) {
    delete_globals(c, global, &LEFT_OUT[1..]);
    if level == LanguageLevel::Node20 {
        delete_globals(c, global, &level::NEWER_GLOBALS);
    }
}

unsafe fn delete_globals(c: *mut qjs::JSContext, global: qjs::JSValue, names: &[&std::ffi::CStr]) {
    for name in names {
        let atom = qjs::JS_NewAtom(c, name.as_ptr());
        qjs::JS_DeleteProperty(c, global, atom, 0);
        qjs::JS_FreeAtom(c, atom);
    }
}

/// The global's properties that cannot be deleted or redefined (`Infinity`, `NaN`,
/// `undefined`): defined on the global, in that order, as the engine defines them. False on an
/// exception.
unsafe fn copy_fixed(c: *mut qjs::JSContext, holder: qjs::JSValue, global: qjs::JSValue) -> bool {
    for name in [c"Infinity", c"NaN", c"undefined"] {
        let atom = qjs::JS_NewAtom(c, name.as_ptr());
        let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
        let r = qjs::JS_GetOwnProperty(c, &mut desc, holder, atom);
        let ok = r > 0 && {
            let flags = desc.flags
                | (qjs::JS_PROP_HAS_VALUE
                    | qjs::JS_PROP_HAS_WRITABLE
                    | qjs::JS_PROP_HAS_ENUMERABLE
                    | qjs::JS_PROP_HAS_CONFIGURABLE) as c_int;
            let ok = qjs::JS_DefineProperty(
                c,
                global,
                atom,
                desc.value,
                desc.getter,
                desc.setter,
                flags as _,
            ) >= 0;
            crate::descriptor::free(c, &desc);
            ok
        };
        qjs::JS_FreeAtom(c, atom);
        if !ok {
            return false;
        }
    }
    true
}

/// Where a `JSContext` of this engine keeps its global object (`ctx->global_obj`), as a byte
/// offset: found once, by value, in a fresh context (the one place holding the global, followed
/// by the global lexical scope, another object); `usize::MAX` when not found.
static GLOBAL_OFFSET: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Whether realms made so far found the engine's global field (tests).
#[cfg(test)]
pub(crate) fn global_field_found() -> bool {
    let o = GLOBAL_OFFSET.load(std::sync::atomic::Ordering::Relaxed);
    o != 0 && o != usize::MAX
}

/// The field of `ctx` holding its global object, checked: writing another object there makes
/// it what `JS_GetGlobalObject` returns. `None` when the layout is not the expected one (the
/// builtins then go on the global, and are taken off it one by one).
unsafe fn global_slot(ctx: *mut qjs::JSContext) -> Option<*mut qjs::JSValue> {
    use std::sync::atomic::Ordering;
    const VALUE: usize = std::mem::size_of::<qjs::JSValue>();
    let global = qjs::JS_GetGlobalObject(ctx);
    qjs::JS_FreeValue(ctx, global); // the context holds it: the pointer stays valid
    let same = |v: &qjs::JSValue| {
        qjs::JS_IsObject(*v) && qjs::JS_VALUE_GET_PTR(*v) == qjs::JS_VALUE_GET_PTR(global)
    };
    let base = ctx.cast::<u8>();
    let mut offset = GLOBAL_OFFSET.load(Ordering::Relaxed);
    if offset == 0 {
        let size = (qjs::js_malloc_usable_size(ctx, ctx.cast()) as usize).min(4096);
        let align = std::mem::align_of::<qjs::JSValue>();
        let found: Vec<usize> = (0..size.saturating_sub(2 * VALUE) / align)
            .map(|i| i * align)
            .filter(|&o| {
                let v = &*base.add(o).cast::<qjs::JSValue>();
                let next = &*base.add(o + VALUE).cast::<qjs::JSValue>();
                same(v) && qjs::JS_IsObject(*next) && !same(next)
            })
            .collect();
        offset = match found[..] {
            [o] => o,
            _ => usize::MAX,
        };
        GLOBAL_OFFSET.store(offset, Ordering::Relaxed);
    }
    if offset == usize::MAX {
        return None;
    }
    let slot = base.add(offset).cast::<qjs::JSValue>();
    same(&*slot).then_some(slot)
}
/// The global lexical scope of `ctx` (`ctx->global_var_obj`, the field after its global
/// object: the top-level `let`, `const` and `class` bindings), borrowed, when the layout was
/// found.
///
/// # Safety
/// `ctx` is a live realm.
pub(crate) unsafe fn global_lexicals(ctx: *mut qjs::JSContext) -> Option<qjs::JSValue> {
    let lexicals = *global_slot(ctx)?.add(1);
    qjs::JS_IsObject(lexicals).then_some(lexicals)
}

/// Where a `JSContext` keeps `interrupt_counter` (the polls left before the engine calls the
/// interrupt handler), past `global_obj`: `global_var_obj` (a value), `time_origin` (f64),
/// `random_state` (u64), `hash_seed` (u32). Confirmed once by [`probe_interrupt_counter`].
const COUNTER_AFTER_GLOBAL: usize = 2 * std::mem::size_of::<qjs::JSValue>() + 8 + 8 + 4;

/// 0: not probed yet, 1: the field is where [`COUNTER_AFTER_GLOBAL`] says, 2: it is not.
static COUNTER_FOUND: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// The realm's interrupt counter, when the engine's layout was confirmed. Lowering it makes
/// the engine call the interrupt handler sooner (interrupt.rs); the engine resets it to 10000
/// polls after each call.
///
/// # Safety
/// `ctx` is a live realm; the pointer is valid while it lives.
pub(crate) unsafe fn interrupt_counter(ctx: *mut qjs::JSContext) -> Option<NonNull<c_int>> {
    use std::sync::atomic::Ordering;
    if COUNTER_FOUND.load(Ordering::Relaxed) != 1 {
        return None;
    }
    let offset = GLOBAL_OFFSET.load(Ordering::Relaxed);
    if offset == 0 || offset == usize::MAX {
        return None;
    }
    NonNull::new(
        ctx.cast::<u8>()
            .add(offset + COUNTER_AFTER_GLOBAL)
            .cast::<c_int>(),
    )
}

/// Confirms where the interrupt counter is, once: each call of a function through the realm
/// takes one poll from the field (and a call reaching zero makes it 10000 again).
unsafe fn probe_interrupt_counter(c: *mut qjs::JSContext, builtins: qjs::JSValue) {
    use std::sync::atomic::Ordering;
    if COUNTER_FOUND.load(Ordering::Relaxed) != 0 || global_slot(c).is_none() {
        return;
    }
    let offset = GLOBAL_OFFSET.load(Ordering::Relaxed);
    let field = c
        .cast::<u8>()
        .add(offset + COUNTER_AFTER_GLOBAL)
        .cast::<c_int>();
    let object = qjs::JS_GetPropertyStr(c, builtins, c"Object".as_ptr());
    let mut seen = [0; 3];
    let mut calls_ok = qjs::JS_IsObject(object);
    for s in seen.iter_mut() {
        *s = field.read();
        if calls_ok {
            let r = qjs::JS_Call(c, object, qjs::JS_UNDEFINED, 0, std::ptr::null_mut());
            calls_ok = !qjs::JS_IsException(r);
            qjs::JS_FreeValue(c, r);
        }
    }
    qjs::JS_FreeValue(c, object);
    if !calls_ok {
        // An interruption of a run around us, or no memory: ask again with the next realm.
        let e = qjs::JS_GetException(c);
        qjs::JS_FreeValue(c, e);
        return;
    }
    let after = |v: c_int| if v <= 1 { 10000 } else { v - 1 };
    let found = seen[1] == after(seen[0]) && seen[2] == after(seen[1]);
    COUNTER_FOUND.store(if found { 1 } else { 2 }, Ordering::Relaxed);
}

/// The configurable data properties of a full realm's global (its builtins), in order, each
/// with the lazy group that adds it (`None`: made with the realm). Made once per runtime, on a
/// realm built step by step and freed after.
pub(crate) unsafe fn builtin_names(
    rt: *mut qjs::JSRuntime,
    level: LanguageLevel,
) -> Option<Vec<(qjs::JSAtom, Option<LazyGroup>)>> {
    let c = qjs::JS_NewContextRaw(rt);
    if c.is_null() {
        return None;
    }
    let global = qjs::JS_GetGlobalObject(c);
    let mut names = Vec::new();
    let mut ok = true;
    for (add, group, _) in STEPS {
        // The names only: making Intl would run its script for nothing.
        let add = if group == Some(INTL) {
            crate::intl::add_intl_name
        } else {
            add
        };
        if add(c) != 0 || !new_builtins(c, global, group, level, &mut names) {
            ok = false;
            break;
        }
    }
    if ok {
        // Listed (after a sandbox's keys) in Node's order.
        names.sort_by_cached_key(|(atom, _)| node_order(c, *atom));
    }
    qjs::JS_FreeValue(c, global);
    qjs::JS_FreeContext(c);
    if !ok {
        for (atom, _) in names {
            qjs::JS_FreeAtomRT(rt, atom);
        }
        return None;
    }
    Some(names)
}

/// Appends to `names` the global's configurable data properties not in it yet (atoms kept for
/// the runtime's life: builtin names are mostly permanent atoms anyway).
unsafe fn new_builtins(
    c: *mut qjs::JSContext,
    global: qjs::JSValue,
    group: Option<LazyGroup>,
    level: LanguageLevel,
    names: &mut Vec<(qjs::JSAtom, Option<LazyGroup>)>,
) -> bool {
    let mut tab: *mut qjs::JSPropertyEnum = std::ptr::null_mut();
    let mut len: u32 = 0;
    let keys = (qjs::JS_GPN_STRING_MASK | qjs::JS_GPN_SYMBOL_MASK) as c_int;
    if qjs::JS_GetOwnPropertyNames(c, &mut tab, &mut len, global, keys) < 0 {
        return false;
    }
    for i in 0..len as usize {
        let atom = (*tab.add(i)).atom;
        if names.iter().any(|(a, _)| *a == atom) || is_left_out(c, atom, level) {
            continue;
        }
        let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
        if qjs::JS_GetOwnProperty(c, &mut desc, global, atom) <= 0 {
            continue;
        }
        let data = desc.flags & qjs::JS_PROP_GETSET as c_int == 0;
        let configurable = desc.flags & qjs::JS_PROP_CONFIGURABLE as c_int != 0;
        crate::descriptor::free(c, &desc);
        if data && configurable {
            names.push((qjs::JS_DupAtom(c, atom), group));
        }
    }
    qjs::JS_FreePropertyEnum(c, tab, len);
    true
}

/// The engine's globals a realm goes without whatever its level: `queueMicrotask` (the
/// host's, not a context's) and `InternalError` (QuickJS's, no ECMAScript builtin). At the
/// Node 20 level, [`level::NEWER_GLOBALS`] too, which code feature-tests (`typeof Iterator`)
/// and lists: a context has the globals of Node's.
const LEFT_OUT: [&std::ffi::CStr; 2] = [c"queueMicrotask", c"InternalError"];

/// Node's order of a context's builtins (what `Object.getOwnPropertyNames(globalThis)` lists
/// after the sandbox's own keys); the engine's others follow in its order.
const NODE_ORDER: [&str; 62] = [
    "Object",
    "Function",
    "Array",
    "Number",
    "parseFloat",
    "parseInt",
    "Infinity",
    "NaN",
    "undefined",
    "Boolean",
    "String",
    "Symbol",
    "Date",
    "Promise",
    "RegExp",
    "Error",
    "AggregateError",
    "EvalError",
    "RangeError",
    "ReferenceError",
    "SyntaxError",
    "TypeError",
    "URIError",
    "globalThis",
    "JSON",
    "Math",
    "Intl",
    "ArrayBuffer",
    "Uint8Array",
    "Int8Array",
    "Uint16Array",
    "Int16Array",
    "Uint32Array",
    "Int32Array",
    "Float32Array",
    "Float64Array",
    "Uint8ClampedArray",
    "BigUint64Array",
    "BigInt64Array",
    "DataView",
    "Map",
    "BigInt",
    "Set",
    "WeakMap",
    "WeakSet",
    "Proxy",
    "Reflect",
    "FinalizationRegistry",
    "WeakRef",
    "decodeURI",
    "decodeURIComponent",
    "encodeURI",
    "encodeURIComponent",
    "escape",
    "unescape",
    "eval",
    "isFinite",
    "isNaN",
    "console",
    "SharedArrayBuffer",
    "Atomics",
    "WebAssembly",
];

/// Where `atom` comes in [`NODE_ORDER`] (past its end when not there).
pub(crate) unsafe fn node_order(c: *mut qjs::JSContext, atom: qjs::JSAtom) -> usize {
    let name = qjs::JS_AtomToCStringLen(c, std::ptr::null_mut(), atom);
    if name.is_null() {
        return NODE_ORDER.len();
    }
    let text = std::ffi::CStr::from_ptr(name).to_str().unwrap_or("");
    let at = NODE_ORDER.iter().position(|n| *n == text);
    qjs::JS_FreeCString(c, name);
    at.unwrap_or(NODE_ORDER.len())
}

/// Whether the global `atom` is one a realm of `level` goes without ([`LEFT_OUT`]).
unsafe fn is_left_out(c: *mut qjs::JSContext, atom: qjs::JSAtom, level: LanguageLevel) -> bool {
    let name = qjs::JS_AtomToCStringLen(c, std::ptr::null_mut(), atom);
    if name.is_null() {
        return false;
    }
    let name = std::ffi::CStr::from_ptr(name);
    let left_out = LEFT_OUT.contains(&name)
        || (level == LanguageLevel::Node20 && level::NEWER_GLOBALS.contains(&name));
    let name = name.as_ptr();
    qjs::JS_FreeCString(c, name);
    left_out
}

/// The lazy groups (a bit set) code of `source` may reach without their names (see
/// compile_hook.rs): what a script's bytecode run in a realm it was not compiled in needs.
pub(crate) fn groups_for_source(source: &[u8], module: bool) -> u8 {
    compile_hook::groups_for(source, module)
}

/// Makes the lazy groups of the bit set `groups` in the realm of `ctx`. False on an exception
/// (pending in `ctx`).
pub(crate) fn ensure_groups(ctx: &rquickjs::Ctx<'_>, groups: u8) -> bool {
    unsafe { lazy_group::ensure_all_raw(ctx.as_raw().as_ptr(), groups) }
}

/// Whether the engine made `group` in `ctx` already, for the groups it can tell (RegExp: its
/// prototype is in the realm's class table).
pub(crate) unsafe fn group_made(ctx: *mut qjs::JSContext, group: LazyGroup) -> bool {
    // `JS_CLASS_REGEXP` and `JS_CLASS_PROMISE` of the pinned engine.
    let class = match group {
        REGEXP => 19,
        PROMISE => 52,
        _ => return false,
    };
    let proto = qjs::JS_GetClassProto(ctx, class);
    let made = qjs::JS_IsObject(proto);
    qjs::JS_FreeValue(ctx, proto);
    made
}

/// Makes `group` in `ctx` with its names put nowhere: for a realm whose scope (where a
/// context's builtins wait) is out of reach, as when a script replaced its global's prototype.
/// The names were unreachable there already; what the engine reaches without them (a regex
/// literal) works. False on an exception.
pub(crate) unsafe fn add_group_unnamed(
    ctx: *mut qjs::JSContext,
    group: LazyGroup,
    level: LanguageLevel,
) -> bool {
    if !matches!(group, REGEXP | PROMISE) || group_made(ctx, group) {
        return true;
    }
    let Some(slot) = global_slot(ctx) else {
        return true;
    };
    let aside = qjs::JS_NewObjectProto(ctx, qjs::JS_NULL);
    if qjs::JS_IsException(aside) {
        return false;
    }
    let global = std::ptr::replace(slot, aside);
    let ok = add_group(ctx, group, level);
    let aside = std::ptr::replace(slot, global);
    qjs::JS_FreeValue(ctx, aside);
    ok
}

/// Gives `func` (a function rquickjs made) the `Function.prototype` of `ctx`'s realm:
/// rquickjs caches one prototype per class for the whole runtime (the first realm's), so its
/// functions would otherwise lead code of a context to another realm's `Function`.
pub(crate) fn own_realm_function<'js>(
    ctx: &rquickjs::Ctx<'js>,
    func: rquickjs::Function<'js>,
) -> rquickjs::Result<rquickjs::Function<'js>> {
    let proto = unsafe {
        rquickjs::Value::from_raw(ctx.clone(), qjs::JS_GetFunctionProto(ctx.as_raw().as_ptr()))
    };
    let proto = rquickjs::Object::from_value(proto)?;
    func.set_prototype(Some(&proto))?;
    Ok(func)
}
