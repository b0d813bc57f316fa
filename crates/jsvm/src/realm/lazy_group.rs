//! What a lazy group is, and how a realm's code or the library asks for one: below the realm
//! itself, so the hooks that ask (compile_hook.rs, regexp_triggers.rs) need nothing above.

use std::ptr::NonNull;

use rquickjs::qjs;

/// A group of intrinsics added on first use, by its index in `realm::LAZY` (a bit of a `u16`
/// set).
pub(crate) type LazyGroup = u8;

/// RegExp: reached without its name by regex literals and `String.prototype.match`,
/// `matchAll` and `search`, so made lazily only where those are caught (compile_hook.rs,
/// regexp_triggers.rs).
pub(crate) const REGEXP: LazyGroup = 6;

/// Promise: reached without its name by async functions and generators, `await`, `import()`
/// and modules, so made lazily only where those are caught (compile_hook.rs); also by the
/// library's own promises in a context (module evaluation, async host functions).
/// (`AsyncDisposableStack`, whose `disposeAsync` makes promises, is not a context's global: Node
/// 20 has none.)
pub(crate) const PROMISE: LazyGroup = 7;

/// The typed-array group: the library itself makes `Uint8Array`s in contexts (bytes), and
/// ArrayBuffers over wasm memories (wasm.rs).
pub(crate) const TYPED_ARRAYS: LazyGroup = 3;

/// `WebAssembly` (wasm.rs): reached only by its name.
pub(crate) const WEBASSEMBLY: LazyGroup = 8;

/// How the library makes a lazy group on its own behalf, when it makes an object of that group
/// in a context's realm (bytes as `Uint8Array`): stored in a runtime whose contexts are lazy
/// (the contextified global's scope knows how, sandbox/lazy_groups.rs); absent otherwise.
#[derive(Clone, Copy)]
pub(crate) struct GroupMaker {
    pub(crate) scope_class: qjs::JSClassID,
    pub(crate) make: unsafe fn(
        *mut qjs::JSContext,
        qjs::JSClassID,
        LazyGroup,
        super::level::LanguageLevel,
    ) -> bool,
    /// The runtime's language level (realm/level.rs).
    pub(crate) level: super::level::LanguageLevel,
    /// What a runtime does to a realm's `Atomics` (borrowed) when typed arrays are made, as it
    /// does for a realm made whole (shared_memory.rs: an interruptible wait). False on an
    /// exception.
    pub(crate) on_atomics: Option<unsafe fn(*mut qjs::JSContext, qjs::JSValue) -> bool>,
}

/// The runtime's hook for a realm's new `Atomics` (see [`GroupMaker::on_atomics`]); true when
/// there is none.
pub(crate) unsafe fn on_atomics(ctx: *mut qjs::JSContext, atomics: qjs::JSValue) -> bool {
    let Some(realm) = NonNull::new(ctx) else {
        return false;
    };
    let c = rquickjs::Ctx::from_raw(realm);
    let hook = c.userdata::<GroupMaker>().and_then(|m| m.on_atomics);
    match hook {
        Some(f) => f(ctx, atomics),
        None => true,
    }
}

unsafe impl<'js> rquickjs::JsLifetime<'js> for GroupMaker {
    type Changed<'to> = GroupMaker;
}

/// [`ensure`] for a raw realm. False on an exception (pending in `ctx`).
pub(crate) unsafe fn ensure_raw(ctx: *mut qjs::JSContext, group: LazyGroup) -> bool {
    match NonNull::new(ctx) {
        Some(realm) => ensure(&rquickjs::Ctx::from_raw(realm), group),
        None => false,
    }
}

/// [`ensure_raw`] for each group of the bit set `groups`. False on an exception.
pub(crate) unsafe fn ensure_all_raw(ctx: *mut qjs::JSContext, groups: u8) -> bool {
    (0..8u8)
        .filter(|g| groups & (1 << g) != 0)
        .all(|g| ensure_raw(ctx, g))
}

/// Makes lazy group `group` in the realm of `ctx` if it is a lazy context's still without it.
/// False on an exception (pending in `ctx`).
pub(crate) fn ensure(ctx: &rquickjs::Ctx<'_>, group: LazyGroup) -> bool {
    let maker = ctx.userdata::<GroupMaker>().map(|m| *m);
    match maker {
        Some(m) => unsafe { (m.make)(ctx.as_raw().as_ptr(), m.scope_class, group, m.level) },
        None => true,
    }
}
