//! The language level (realm/level.rs): a runtime keeps the engine's whole ECMAScript by
//! default, or Node 20's builtins only, in its main realm and in every kind of context (made
//! lazily, made whole, ordinary), whenever a group of builtins is made.

use jsvm::engine::rquickjs::Value;
use jsvm::engine::ContextHandle;
use jsvm::{LanguageLevel, RunOptions, Runtime};

/// What programs feature-test, newer than Node 20 (each `typeof` joined).
const NEWER: &str = "[typeof Iterator, typeof Float16Array, typeof SuppressedError, \
    typeof DisposableStack, typeof AsyncDisposableStack, typeof Array.fromAsync, \
    typeof Promise.withResolvers, typeof Promise.try, typeof Object.groupBy, typeof Map.groupBy, \
    typeof Set.prototype.union, typeof Set.prototype.isDisjointFrom, \
    typeof Map.prototype.getOrInsert, typeof WeakMap.prototype.getOrInsertComputed, \
    typeof ArrayBuffer.prototype.transfer, typeof Object.getOwnPropertyDescriptor(\
    ArrayBuffer.prototype, 'detached'), typeof DataView.prototype.getFloat16, \
    typeof Uint8Array.fromBase64, typeof new Uint8Array(1).toHex, typeof Atomics.pause, \
    typeof Error.isError, typeof RegExp.escape, typeof Math.sumPrecise, typeof Math.f16round, \
    typeof JSON.rawJSON, typeof [].values().map, typeof [].values().toArray, \
    typeof Object.getPrototypeOf(async function*(){}.prototype)[Symbol.asyncDispose], \
    typeof Object.getOwnPropertyDescriptor(Function.prototype, 'fileName')].join()";

/// What [`NEWER`] gives where each builtin exists: `function`, but for the two accessors,
/// whose descriptors are objects.
fn present() -> String {
    let mut v = vec!["function"; 29];
    v[15] = "object";
    v[28] = "object";
    v.join(",")
}

/// `code` run in the main realm and in a sandboxed, an ordinary and (for `eager`) a whole
/// context of `rt`.
fn everywhere(rt: &Runtime, code: &str) -> Vec<String> {
    rt.with_ctx(|ctx| {
        let mut out = vec![ctx.eval::<String, _>(code).unwrap()];
        let sandboxed = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
        let v: Value = sandboxed.eval(code, &RunOptions::default()).unwrap();
        out.push(v.as_string().unwrap().to_string().unwrap());
        let ordinary = ContextHandle::create_ordinary(&ctx, &Default::default()).unwrap();
        let v: Value = ordinary.eval(code, &RunOptions::default()).unwrap();
        out.push(v.as_string().unwrap().to_string().unwrap());
        out
    })
}

#[test]
fn the_full_level_is_the_default_and_keeps_every_builtin() {
    for rt in [
        Runtime::new().unwrap(),
        Runtime::builder().lazy_builtins(false).build().unwrap(),
    ] {
        for out in everywhere(&rt, NEWER) {
            assert_eq!(out, present());
        }
    }
}

#[test]
fn the_node20_level_has_none_of_the_newer_builtins() {
    for lazy in [true, false] {
        let rt = Runtime::builder()
            .language_level(LanguageLevel::Node20)
            .lazy_builtins(lazy)
            .build()
            .unwrap();
        for out in everywhere(&rt, NEWER) {
            assert_eq!(
                out,
                vec!["undefined"; 29].join(","),
                "lazy builtins: {lazy}"
            );
        }
    }
}

#[test]
fn node20_keeps_what_node20_has() {
    let rt = Runtime::builder()
        .language_level(LanguageLevel::Node20)
        .build()
        .unwrap();
    let code = "[Array.prototype.findLast, Array.prototype.toSorted, Object.hasOwn, \
        String.prototype.isWellFormed, Array.prototype.at, Object.fromEntries, \
        [].values()[Symbol.iterator], Math.max, JSON.parse, JSON.stringify, Atomics.wait, \
        new ArrayBuffer(1, { maxByteLength: 2 }).resize, Symbol.dispose === undefined ? 1 : 1, \
        Promise.allSettled, Promise.any, new Set([1]).has, new Map().set, \
        RegExp.prototype.exec].every(f => f !== undefined)";
    for out in everywhere(&rt, &format!("String({code})")) {
        assert_eq!(out, "true");
    }
    // `Math` and `JSON` keep the rest of their members, in the engine's order.
    let keys = "Object.getOwnPropertyNames(Math).length + ',' + \
        Object.getOwnPropertyNames(JSON).join(' ')";
    for out in everywhere(&rt, keys) {
        assert_eq!(out, "43,parse stringify");
    }
}

#[test]
fn a_context_lists_no_newer_global_at_node20_and_every_one_at_full() {
    let names = "Object.getOwnPropertyNames(globalThis).filter(n => ['Iterator', 'Float16Array', \
        'SuppressedError', 'DisposableStack', 'AsyncDisposableStack', 'InternalError'].includes(n))\
        .sort().join()";
    let node20 = Runtime::builder()
        .language_level(LanguageLevel::Node20)
        .build()
        .unwrap();
    for out in everywhere(&node20, names) {
        assert_eq!(out, "");
    }
    let full = Runtime::new().unwrap();
    for out in everywhere(&full, names) {
        assert_eq!(
            out,
            "AsyncDisposableStack,DisposableStack,Float16Array,Iterator,SuppressedError"
        );
    }
}

#[test]
fn array_from_async_works_in_a_lazy_context_at_the_full_level() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let context = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
        let _: Value = context
            .eval(
                "globalThis.out = []; Array.fromAsync([1, 2]).then(a => out.push(a.join()))",
                &RunOptions::default(),
            )
            .unwrap();
        ctx.globals().set("ctxGlobal", context.global()).unwrap();
    });
    rt.run_jobs().unwrap();
    let out = rt.with_ctx(|ctx| ctx.eval::<String, _>("ctxGlobal.out.join(';')").unwrap());
    assert_eq!(out, "1,2");
}

#[test]
fn the_host_transfers_buffers_whatever_the_level() {
    let rt = Runtime::builder()
        .language_level(LanguageLevel::Node20)
        .build()
        .unwrap();
    rt.with_ctx(|ctx| {
        let old: Value = ctx
            .eval("globalThis.b = new Uint8Array([5, 6, 7]).buffer")
            .unwrap();
        let new = jsvm::engine::transfer_array_buffer(&ctx, &old).unwrap();
        ctx.globals().set("n", new).unwrap();
        let seen: String = ctx
            .eval("b.byteLength + ':' + new Uint8Array(n).join()")
            .unwrap();
        assert_eq!(seen, "0:5,6,7");
        let not_buffer: Value = ctx.eval("({})").unwrap();
        assert!(jsvm::engine::transfer_array_buffer(&ctx, &not_buffer).is_err());
        let _ = ctx.catch();
    });
}

#[test]
fn every_iterator_leads_to_the_one_iterator_prototype() {
    // At the Node 20 level the realm's %IteratorPrototype% is a fresh object: every kind of
    // iterator (those made with the realm and those of groups made later) must lead to it.
    let code = "(() => { const I = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())); \
        const up = (o, n) => { for (let i = 0; i < n; i++) o = Object.getPrototypeOf(o); return o; }; \
        return [up(new Map().entries(), 2), up(new Set().values(), 2), up(''[Symbol.iterator](), 2), \
         up(/a/g[Symbol.matchAll]('a'), 2), up((function* () {})(), 3)].every(p => p === I) + ',' + \
        Reflect.ownKeys(I).map(String).join(' ') + ',' + [...new Map([[1, 2]])].join() + ',' + \
        [...(function* () { yield 3; })()].join() + ',' + I[Symbol.iterator].call(7); })()";
    let node20 = Runtime::builder()
        .language_level(LanguageLevel::Node20)
        .build()
        .unwrap();
    for out in everywhere(&node20, code) {
        assert_eq!(out, "true,Symbol(Symbol.iterator),1,2,3,7");
    }
    let full = Runtime::new().unwrap();
    for out in everywhere(&full, &format!("{code}.split(',')[0]")) {
        assert_eq!(out, "true");
    }
}
