//! The engine tier: working with JavaScript values inside the runtime's lock.
//!
//! The crate root works in Rust values (serde in, serde out) and never shows an engine type.
//! This module is the deliberate way below that: everything here takes or returns
//! [`rquickjs`] types (`Ctx<'js>`, `Value<'js>`, `Object<'js>`, `Function<'js>`), valid only
//! inside [`Runtime::with_ctx`](crate::Runtime::with_ctx) or
//! [`Context::with_ctx`](crate::Context::with_ctx). Use it to register native functions
//! taking JavaScript values, build modules, or write a layer like `jsvm-node`.
//!
//! - [`ContextHandle`]: a context inside the lock (create, run, call, its global and sandbox).
//! - [`Module`] and its options: ES modules (Node's `vm.SourceTextModule` /
//!   `vm.SyntheticModule`), [`DynamicImport`] and the `import()` hooks.
//! - [`compile_function`]: Node's `vm.compileFunction`.
//! - [`convert`]: the serde bridge between Rust values and JavaScript values.
//! - [`throw_error`], [`run_host_job`]: a library [`Error`](crate::Error) thrown into
//!   JavaScript; one promise job run by the host.
//! - [`transfer_array_buffer`], [`weak_entries`]: what a host does natively that code cannot
//!   (Node's transfer of a buffer, V8's preview of a weak collection's entries).
//! - [`throw_arrow_column`], [`source_line`], [`thrown_value_at`]: where Node's arrow over an
//!   uncaught error points on its line, that line of code compiled in the runtime, and where a
//!   value other than an error was thrown.
//! - [`name_frames_by_holder`]: stack frames of a host's own methods named `Type.method`, as
//!   V8 names them by their receiver.
//! - [`link_error_message`]: V8's words for a link error of modules the host loader resolved;
//!   [`settle_link_error`]: those words and Node's stack for one the engine made from a job;
//!   [`settle_any_rejection`]: V8's message and stack for `Promise.any`'s AggregateError;
//!   [`settle_job_error`]: either, for an error a job is about to hand code.
//! - [`rquickjs`]: the engine bindings themselves, at the version the library is built on.
//!
//! The boundary rule holds here too: a value of one context must not be handed to code of
//! another, and a function a context's code can reach must be made in that context's realm.
//!
//! ```
//! use jsvm::engine::{rquickjs::Value, ContextHandle};
//!
//! let rt = jsvm::Runtime::new().unwrap();
//! rt.with_ctx(|ctx| {
//!     let context = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
//!     let v: Value = context.eval("[1, 2, 3].length", &Default::default()).unwrap();
//!     assert_eq!(v.as_int(), Some(3));
//!     let n: u32 = jsvm::engine::convert::from_js(v).unwrap();
//!     assert_eq!(n, 3);
//! });
//! ```

/// Lets the runtime's stack traces read the source of code an embedder compiled through the
/// engine itself (an ES module declared with `rquickjs::Module::declare`), by the name it was
/// given: Node's column of a call in a frame (at the callee, not where the engine's call
/// ends) is found in the source text, as for scripts and modules the library compiles.
///
/// ```
/// use jsvm::engine::rquickjs::{Module, Promise};
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let source = "function h() { return new Error('x').stack; }\n\
///                   export let where = '';\n\
///                   where = h(1, 2) + '';";
///     jsvm::engine::remember_source(&ctx, "m.mjs", source);
///     let (m, done) = Module::declare(ctx.clone(), "m.mjs", source).unwrap().eval().unwrap();
///     done.finish::<()>().unwrap();
///     let stack: String = m.namespace().unwrap().get("where").unwrap();
///     // The call's column is its callee's, as V8's (the engine's is where the call ends).
///     assert!(stack.contains("at m.mjs:3:9"), "{stack}");
/// });
/// ```
pub fn remember_source(ctx: &rquickjs::Ctx<'_>, name: &str, source: &str) {
    let (text, first_line) = crate::script::prepare_source(source, 0, 0);
    crate::runtime::state::RuntimeState::of(ctx).remember_source(
        name,
        crate::source_lines::SourceLines::new(std::sync::Arc::new(text), first_line),
    );
}

pub use crate::async_context::{async_context, enter_async_context, set_async_context};
pub use crate::context::ContextHandle;
pub use crate::display::{source_line, throw_arrow_column, thrown_value_at};
pub use crate::exception::{is_heap_limit_error, throw_error};
pub use crate::filename::display_filename;
pub use crate::function::{compile_function, CompiledFunction, FunctionOptions};
pub use crate::jobs::{run_host_job, set_module_source_reader};
pub use crate::module::{
    js_string_literal, register_script_import, set_context_import, set_missing_import_error,
    unregister_script_import, DynamicImport, EvaluateOptions, Module, ModuleRecord, ModuleRequest,
    ModuleStatus, SourceTextOptions, SyntheticOptions,
};
pub use crate::stack::{
    exception_caught_by_engine, hide_frames, link_error_message, name_frames_by_holder,
    settle_any_rejection, settle_job_error, settle_link_error, HiddenFrames,
};
pub use crate::wait_async::{
    async_wait_deadline, set_async_wait_wake, settle_async_waits, AsyncWaitsSettled,
};
/// Moves the bytes of the ArrayBuffer `buffer` to a new ArrayBuffer of the main realm and
/// detaches `buffer`, as `ArrayBuffer.prototype.transfer()` does: for a host that transfers
/// buffers (a structured clone's transfer list, a stream) whatever the runtime's
/// [`LanguageLevel`](crate::LanguageLevel) leaves to JavaScript (Node 20 has no `transfer`,
/// but detaches buffers itself). A buffer over WebAssembly memory is refused (a `TypeError`,
/// as V8 refuses to detach one), as is anything but an ArrayBuffer.
///
/// ```
/// use jsvm::engine::rquickjs::Value;
/// let rt = jsvm::Runtime::builder().language_level(jsvm::LanguageLevel::Node20).build().unwrap();
/// rt.with_ctx(|ctx| {
///     let old: Value = ctx.eval("globalThis.b = new Uint8Array([1, 2]).buffer").unwrap();
///     let new = jsvm::engine::transfer_array_buffer(&ctx, &old).unwrap();
///     ctx.globals().set("n", new).unwrap();
///     let seen: String = ctx.eval("b.byteLength + ':' + new Uint8Array(n).join()").unwrap();
///     assert_eq!(seen, "0:1,2");
/// });
/// ```
pub fn transfer_array_buffer<'js>(
    ctx: &rquickjs::Ctx<'js>,
    buffer: &rquickjs::Value<'js>,
) -> rquickjs::Result<rquickjs::Value<'js>> {
    let state = crate::runtime::state::RuntimeState::of(ctx);
    let transfer = state.array_buffer_transfer.borrow().clone();
    let Some(transfer) = transfer else {
        return Err(rquickjs::Exception::throw_type(
            ctx,
            "ArrayBuffer transfer is not available",
        ));
    };
    let f = transfer.restore(ctx)?;
    f.call((rquickjs::function::This(buffer.clone()),))
}

/// The entries of a `WeakMap` or `WeakSet`, as V8's `previewEntries` gives them to Node's
/// `util.inspect` with `showHidden`: `Some((total, entries))` where `entries` holds the first
/// `limit` entries (a `WeakMap`'s as key, value, key, value...; a `WeakSet`'s as keys) and
/// `total` how many the collection holds; `None` for any other value. No JavaScript runs: the
/// engine's own walk of the records, with a native callback.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let m = ctx.eval("globalThis.k = {}; new WeakMap([[k, 7]])").unwrap();
///     let (total, entries) = jsvm::engine::weak_entries(&ctx, &m, 10).unwrap().unwrap();
///     assert_eq!((total, entries.len()), (1, 2));
///     assert_eq!(entries[1].as_int(), Some(7));
///     let plain = ctx.eval("new Map()").unwrap();
///     assert!(jsvm::engine::weak_entries(&ctx, &plain, 10).unwrap().is_none());
/// });
/// ```
pub fn weak_entries<'js>(
    ctx: &rquickjs::Ctx<'js>,
    collection: &rquickjs::Value<'js>,
    limit: usize,
) -> rquickjs::Result<Option<(usize, Vec<rquickjs::Value<'js>>)>> {
    let c = ctx.as_raw().as_ptr();
    let found = unsafe { crate::weak_preview::entries(c, collection.as_raw(), limit) }
        .map_err(|()| rquickjs::Error::Exception)?;
    Ok(found.map(|e| {
        let own = |v| unsafe { rquickjs::Value::from_raw(ctx.clone(), v) };
        let entries = match e.values {
            Some(values) => e
                .keys
                .into_iter()
                .zip(values)
                .flat_map(|(k, v)| [own(k), own(v)])
                .collect(),
            None => e.keys.into_iter().map(own).collect(),
        };
        (e.total, entries)
    }))
}

/// The engine bindings, at the version the library is built on (`rquickjs` 0.14).
pub use rquickjs;

pub mod convert {
    //! Conversion between Rust values and JavaScript values through serde,
    //! building and reading QuickJS values directly (no JSON text in between).
    //!
    //! [`to_js`] is a [`serde::Serializer`] that produces a [`Value`](rquickjs::Value);
    //! [`from_js`] runs a [`serde::Deserializer`] over a [`Value`](rquickjs::Value). The mapping
    //! follows serde_json's, so a type gets the same shape it would have in
    //! `JSON.parse(serde_json::to_string(&value))`, with these differences:
    //!
    //! | Rust (serde data model)                 | JavaScript                                   |
    //! |-----------------------------------------|----------------------------------------------|
    //! | `bool`                                  | boolean                                      |
    //! | integers, floats                        | number; `i64`/`u64`/`i128`/`u128` beyond ±2^53 are rounded to the nearest `f64`; NaN, ±Infinity and -0 are kept |
    //! | `char`, `str`                           | string                                       |
    //! | bytes (`serialize_bytes`)               | `Uint8Array`                                 |
    //! | `None`, `()`, unit struct               | `null`                                       |
    //! | `Some(x)`, newtype struct               | `x`                                          |
    //! | seq, tuple, tuple struct                | `Array`                                      |
    //! | map, struct                             | plain object (map keys must be strings or numbers) |
    //! | unit variant                            | `"Variant"`                                  |
    //! | newtype / tuple / struct variant        | `{ "Variant": value }`                       |
    //!
    //! Reading accepts more than writing produces:
    //!
    //! * `undefined` and `null` both read as `None`, `()` and unit structs;
    //!   `()` also accepts (and ignores) any other value, as rquickjs's
    //!   `FromJs for ()` does, so `from_js::<()>` discards a result.
    //! * numbers read as any integer type when integral and in range, BigInts
    //!   likewise; [`serde::Deserializer::deserialize_any`] reports an integral
    //!   number within `i64` range as `i64` and anything else as `f64`.
    //! * typed arrays and `ArrayBuffer`s read as bytes (`deserialize_any` reports
    //!   them as a byte buffer); typed arrays also read as sequences of their
    //!   elements, so `Vec<u8>` can come from a `Uint8Array`.
    //! * arrays, and proxies whose target is an array, read as sequences.
    //! * other objects (including proxies, class instances, `Map`, `Error`…)
    //!   read as maps of their own enumerable string-keyed properties, in
    //!   JavaScript's key order; getters and proxy traps run, and an exception
    //!   they throw becomes a [`ConvertError`].
    //! * a `Date` reads as its `toISOString()` string (what `JSON.stringify`
    //!   produces); an invalid date is an error.
    //! * strings containing lone UTF-16 surrogates read with each lone surrogate
    //!   replaced by U+FFFD, since Rust strings must be valid UTF-8.
    //! * functions and symbols are errors, except where serde ignores the value
    //!   (an unknown struct field): there nothing is read.
    //! * an object that contains itself is an error, so cyclic values cannot
    //!   hang or overflow the stack.
    //!
    //! Both directions work within [`Limits`]: nesting deeper than [`MAX_DEPTH`],
    //! more than [`MAX_VALUES`] values or more than [`MAX_BYTES`] bytes of string
    //! and binary data is a [`ConvertError`] naming the limit, never a stack
    //! overflow or an unbounded copy.

    pub use crate::convert::{
        from_js, from_js_with, to_js, to_js_with, ConvertError, Limits, MAX_BYTES, MAX_DEPTH,
        MAX_VALUES,
    };
}
