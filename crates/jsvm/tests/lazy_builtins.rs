//! Builtins made on first use (realm.rs): each way code or the library can reach a lazily
//! added group, run in a context of a runtime with lazy builtins (the default) and in one with
//! every builtin made at creation; both must print the same, and what node prints.

use jsvm::engine::rquickjs::{Function, Object, Value};
use jsvm::engine::ContextHandle;
use jsvm::{RunOptions, Runtime};

/// Runs each of `code` in a fresh context (sandbox from `sandbox_src`, made in the main
/// context), then `check` in the main context (globals `sandbox`, `ctxGlobal`, `ctxResult`);
/// returns the check's string.
fn run_in(rt: &Runtime, sandbox_src: &str, code: &[&str], check: &str) -> String {
    rt.with_ctx(|ctx| {
        let sandbox: Object = ctx.eval(format!("({sandbox_src})")).unwrap();
        let handle =
            ContextHandle::create(&ctx, Some(sandbox.clone()), &Default::default()).unwrap();
        ctx.globals().set("sandbox", sandbox).unwrap();
        ctx.globals().set("ctxGlobal", handle.global()).unwrap();
        let mut last = Value::new_undefined(ctx.clone());
        for c in code {
            last = match handle.eval(c, &RunOptions::default()) {
                Ok(v) => v,
                Err(e) => {
                    let thrown = ctx.catch();
                    let message = thrown
                        .as_object()
                        .and_then(|o| o.get::<_, String>("message").ok());
                    return format!("threw: {e} {message:?}");
                }
            };
        }
        ctx.globals().set("ctxResult", last).unwrap();
        let f: Function = ctx.eval(format!("() => String({check})")).unwrap();
        f.call::<_, String>(()).unwrap_or_else(|_| {
            let thrown = ctx.catch();
            let message = thrown
                .as_object()
                .and_then(|o| o.get::<_, String>("message").ok());
            format!("check threw: {message:?}")
        })
    })
}

/// The same program with lazy and with eager builtins: returns the (equal) result.
fn same(sandbox_src: &str, code: &[&str], check: &str) -> String {
    let lazy = Runtime::new().unwrap();
    let eager = Runtime::builder().lazy_builtins(false).build().unwrap();
    let a = run_in(&lazy, sandbox_src, code, check);
    let b = run_in(&eager, sandbox_src, code, check);
    assert_eq!(a, b, "lazy vs eager builtins for {code:?}");
    a
}

#[test]
fn a_global_name_lookup_makes_the_group() {
    let out = same(
        "{}",
        &["[typeof Map, new Map([[1, 2]]).get(1), Object.getPrototypeOf(new Set()) === Set.prototype, \
           new Date(0).toISOString(), typeof Proxy, typeof WeakRef, typeof FinalizationRegistry, \
           new Uint8Array([1, 2]).length, typeof Atomics, typeof SharedArrayBuffer, typeof DataView].join()"],
        "ctxResult",
    );
    assert_eq!(
        out,
        "function,2,true,1970-01-01T00:00:00.000Z,function,function,function,2,object,function,function"
    );
}

#[test]
fn b_identity_is_kept_for_the_context_life() {
    let out = same(
        "{}",
        &[
            "globalThis.first = [Map, Set, Date, Uint8Array, Proxy, WeakRef]",
            "[Map, Set, Date, Uint8Array, Proxy, WeakRef].every((f, i) => f === first[i]) && new Map().constructor === Map",
        ],
        "ctxResult",
    );
    assert_eq!(out, "true");
}

#[test]
fn c_reads_through_the_global_object_and_reflection() {
    let out = same(
        "{}",
        &[
            "['Map' in globalThis, typeof globalThis.Int8Array, Reflect.has(globalThis, 'Date'), \
           typeof Object.getOwnPropertyDescriptor(globalThis, 'WeakRef'), \
           Object.prototype.toString.call(new (globalThis['Se' + 't'])())].join()",
        ],
        "ctxResult",
    );
    assert_eq!(out, "true,function,true,object,[object Set]");
}

#[test]
fn d_the_host_reads_a_lazy_name_from_the_context_global() {
    // Main-realm code reads the context's global: the group is made in the context's realm.
    let out = same(
        "{}",
        &["1"],
        "[typeof ctxGlobal.Map, ctxGlobal.Map !== Map, new ctxGlobal.Map() instanceof ctxGlobal.Map, \
          new ctxGlobal.Map() instanceof Map]",
    );
    assert_eq!(out, "function,true,true,false");
}

#[test]
fn e_declarations_of_lazy_names_stay_the_script_s() {
    let out = same(
        "{}",
        &[
            "var Map = 1; function Date() { return 'mine' }",
            "[Map, Date(), typeof Set, new Set([1]).size, Map, typeof WeakMap].join()",
        ],
        "ctxResult",
    );
    assert_eq!(out, "1,mine,function,1,1,function");
    let out = same(
        "{}",
        &["eval('var Proxy = 5'); [Proxy, typeof WeakRef, new Uint8Array(1).length].join()"],
        "ctxResult",
    );
    assert_eq!(out, "5,function,1");
}

#[test]
fn f_sandbox_properties_shadow_lazy_builtins() {
    let out = same(
        "{ Map: 'sandbox map', Date: 7 }",
        &["[Map, Date, typeof Set, typeof WeakMap].join()"],
        "ctxResult + '|' + JSON.stringify(sandbox)",
    );
    assert_eq!(
        out,
        r#"sandbox map,7,function,function|{"Map":"sandbox map","Date":7}"#
    );
}

#[test]
fn g_a_non_extensible_global_still_gets_the_group() {
    // Node refuses to make a context's global non-extensible; QuickJS has no hook for it, so
    // jsvm lets it (docs/design.md, known gaps). The groups are made all the same.
    let out = same(
        "{}",
        &["Object.preventExtensions(globalThis); \
           [typeof Map, new Set([1, 1]).size, new Date(5).getTime(), Object.isExtensible(globalThis)].join()"],
        "ctxResult",
    );
    assert_eq!(out, "function,1,5,false");
    let out = same(
        "{}",
        &[
            "eval('var Map = 1'); Object.preventExtensions(globalThis); \
           [Map, typeof Set, Object.getOwnPropertyDescriptor(globalThis, 'Map').enumerable].join()",
        ],
        "ctxResult",
    );
    assert_eq!(out, "1,function,true");
}

#[test]
fn h_typed_arrays_keep_the_original_array_to_string() {
    // %TypedArray%.prototype.toString is Array.prototype.toString as the realm made it.
    let out = same(
        "{}",
        &["Array.prototype.toString = function () { return 'replaced' }; \
           [new Uint8Array([1, 2]).toString(), [1].toString(), \
            Object.getPrototypeOf(Uint8Array.prototype).toString === Array.prototype.toString].join()"],
        "ctxResult",
    );
    assert_eq!(out, "1,2,replaced,false");
    let out = same(
        "{}",
        &["Object.defineProperty(Array.prototype, 'toString', { get() { throw new Error('getter ran') } }); \
           String(new Int16Array([3, 4]).length)"],
        "ctxResult",
    );
    assert_eq!(out, "2");
}

#[test]
fn i_enumerating_the_global_sees_every_builtin() {
    let out = same(
        "{ x: 1 }",
        &["const seen = []; for (const k in globalThis) seen.push(k); \
           [seen.join(), typeof Map, Object.getOwnPropertyNames(globalThis).includes('Map')].join('|')"],
        "ctxResult",
    );
    assert!(out.starts_with("x|function|"), "{out}");
}

#[test]
fn j_bytes_from_the_host_are_the_context_s_uint8arrays() {
    let check = |rt: &Runtime| {
        let c = rt
            .new_context(&serde_json::json!({}), Default::default())
            .unwrap();
        c.set("bytes", serde_bytes::Bytes::new(&[1, 2, 3])).unwrap();
        c.eval::<String>(
            "[bytes instanceof Uint8Array, Object.getPrototypeOf(bytes) === Uint8Array.prototype, bytes.join('')].join()",
        )
        .unwrap()
    };
    let lazy = Runtime::new().unwrap();
    let eager = Runtime::builder().lazy_builtins(false).build().unwrap();
    assert_eq!(check(&lazy), "true,true,123");
    assert_eq!(check(&eager), "true,true,123");
}

#[test]
fn k_each_context_gets_its_own_group() {
    let out = same(
        "{}",
        &["globalThis.M = Map; 1"],
        "(() => { const vm2 = ctxGlobal; return typeof vm2.M })()",
    );
    assert_eq!(out, "function");
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let a = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
        let b = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
        let ma = a.eval("Map", &Default::default()).unwrap();
        let mb = b.eval("Map", &Default::default()).unwrap();
        assert_ne!(ma, mb, "two contexts share a Map");
    });
}

/// Bytes per context for 100 live contexts, each then running `code` (if any).
fn bytes_per_context(rt: &Runtime, code: Option<&str>) -> u64 {
    rt.run_gc();
    let before = rt.memory_usage().malloc_size;
    let contexts: Vec<_> = (0..100)
        .map(|_| {
            let c = rt
                .new_context(&serde_json::json!({ "i": 1 }), Default::default())
                .unwrap();
            if let Some(code) = code {
                c.eval::<serde_json::Value>(code).unwrap();
            }
            c
        })
        .collect();
    let after = rt.memory_usage().malloc_size;
    drop(contexts);
    (after - before) / 100
}

#[test]
fn l_contexts_are_smaller_until_their_code_names_a_lazy_group() {
    let lazy = Runtime::new().unwrap();
    let eager = Runtime::builder().lazy_builtins(false).build().unwrap();
    // Made once per runtime, not per context: the table of names.
    bytes_per_context(&lazy, None);
    bytes_per_context(&eager, None);
    let lazy_bytes = bytes_per_context(&lazy, None);
    let eager_bytes = bytes_per_context(&eager, None);
    assert!(
        lazy_bytes * 4 < eager_bytes * 3,
        "lazy {lazy_bytes} B, eager {eager_bytes} B per context"
    );
    // Using every lazy group brings a context to about what an eager one costs.
    let all = "[Date, Proxy, Map, Uint8Array, WeakRef, Intl, WebAssembly].length";
    let used = bytes_per_context(&lazy, Some(all));
    let eager_used = bytes_per_context(&eager, Some(all));
    eprintln!("per context: lazy {lazy_bytes} B, eager {eager_bytes} B; after using every group: lazy {used} B, eager {eager_used} B");
    assert!(
        used * 10 > eager_used * 9,
        "lazy after use {used} B, eager {eager_used} B"
    );
}

#[test]
fn m_a_lazily_made_atomics_waits_interruptibly_in_a_runtime_sharing_memory() {
    // Such a runtime replaces the engine's Atomics.wait (which nothing interrupts) in each
    // realm; one made on first use gets it too: a run's timeout ends the wait.
    for lazy in [true, false] {
        let rt = Runtime::builder()
            .shared_memory(true)
            .lazy_builtins(lazy)
            .build()
            .unwrap();
        let ctx = rt
            .new_context(&serde_json::json!({}), Default::default())
            .unwrap();
        let script = rt
            .compile(
                "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)",
                Default::default(),
            )
            .unwrap();
        let timed = RunOptions {
            timeout_ms: Some(30),
            ..Default::default()
        };
        assert_eq!(
            ctx.run::<()>(&script, &timed),
            Err(jsvm::Error::Timeout { ms: 30 }),
            "lazy: {lazy}"
        );
    }
}

#[test]
fn n_intl_is_made_in_the_context_realm_when_first_named() {
    // Each way of reaching it, in a lazy and an eager runtime: made in the context's realm
    // (its prototypes are the context's), once, from the realm's own builtins even when the
    // sandbox shadows their names.
    let out = same(
        "{ Object: 1, Math: null, Date: 'd' }",
        &[
            "globalThis.a = [typeof Intl, 'Intl' in globalThis, Reflect.getOwnPropertyDescriptor(globalThis, 'Intl') !== undefined]",
            "globalThis.first = globalThis.Intl",
            "[...a, Intl === first, Reflect.getPrototypeOf(Intl) === Reflect.getPrototypeOf(Reflect), \
              Intl.NumberFormat.constructor === Function, new Intl.NumberFormat().format(1234.5), \
              new Intl.DateTimeFormat('en-US', { timeZone: 'UTC' }).format(0), \
              [...new Intl.Segmenter().segment('ab')].length].join()",
        ],
        "ctxResult",
    );
    assert_eq!(out, "object,true,true,true,true,true,1,234.5,1/1/1970,2");
    // A sandbox's own Intl answers first; declared with var, it is the script's.
    assert_eq!(same("{ Intl: 5 }", &["Intl + 1"], "ctxResult"), "6");
    assert_eq!(
        same("{}", &["var Intl; typeof Intl"], "ctxResult"),
        "object"
    );
    // The host reading the context's global makes it there, not in the main realm.
    let host = same(
        "{}",
        &["0"],
        "ctxGlobal.Intl !== Intl && Object.getPrototypeOf(ctxGlobal.Intl) !== Object.prototype",
    );
    assert_eq!(host, "true");
}

#[test]
fn o_a_context_pays_for_intl_only_once_it_names_it() {
    let rt = Runtime::new().unwrap();
    bytes_per_context(&rt, None);
    let unused = bytes_per_context(&rt, None);
    let used = bytes_per_context(&rt, Some("typeof Intl"));
    eprintln!("per context: {unused} B, after naming Intl {used} B");
    assert!(used > unused + 10_000, "unused {unused} B, used {used} B");
}

// RegExp: made lazily where the compile hook holds (realm/compile_hook.rs), since code reaches
// it without its name. Each way, against a context made whole.

#[test]
fn p_a_regex_literal_in_a_script_makes_regexp() {
    let out = same(
        "{}",
        &["[/a+/.test('caa'), Object.getPrototypeOf(/z/) === RegExp.prototype, /q/.constructor === RegExp, \
           Object.prototype.toString.call(/a/), 'a-b'.split(/-/).length, 'aXb'.replace(/x/i, '_')].join()"],
        "ctxResult",
    );
    assert_eq!(out, "true,true,true,[object RegExp],2,a_b");
}

#[test]
fn q_regex_literals_in_eval_and_function_code_make_regexp() {
    // The script itself has no `/`: only the code compiled inside the context does.
    let out = same(
        "{ src: String.fromCharCode(47) + 'x' + String.fromCharCode(47) + 'g' }",
        &["[eval(src).flags, new Function('return ' + src)().source, (0, eval)(src) instanceof RegExp, \
           (() => {}).constructor('return ' + src)().global].join()"],
        "ctxResult",
    );
    assert_eq!(out, "g,x,true,true");
}

#[test]
fn r_string_matching_with_a_string_makes_regexp() {
    let out = same(
        "{}",
        &["['abc'.match('b')[0], [...'a1b2'.matchAll('[0-9]')].length, 'abc'.search('c'), \
           ''['ma' + 'tch']('').length, String.prototype.match.name, String.prototype.matchAll.length, \
           Object.getPrototypeOf('x'.match('x')) === Array.prototype].join()"],
        "ctxResult",
    );
    assert_eq!(out, "b,2,2,1,match,1,true");
}

/// A script compiled once (in the main context) and run twice in each of three fresh contexts,
/// lazy and eager, must give `expected` each time: no compilation in those contexts makes what
/// its code reaches unnamed.
fn compiled_once_runs_in_each_context(source: &str, expected: &str) {
    for rt in [
        Runtime::new().unwrap(),
        Runtime::builder().lazy_builtins(false).build().unwrap(),
    ] {
        let script = rt.compile(source, Default::default()).unwrap();
        rt.with_ctx(|ctx| {
            for _ in 0..3 {
                let handle = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
                // Twice: the second run reads the bytecode the first one wrote.
                for _ in 0..2 {
                    let v: String = handle
                        .run(&script, &RunOptions::default())
                        .unwrap()
                        .get()
                        .unwrap();
                    assert_eq!(v, expected);
                }
            }
        });
    }
}

#[test]
fn s_a_script_compiled_once_makes_regexp_in_each_context_it_runs_in() {
    compiled_once_runs_in_each_context(
        "[/shared/.source, /s/ instanceof RegExp].join()",
        "shared,true",
    );
}

#[test]
fn t_a_global_prototype_replaced_still_compiles_regex_literals() {
    let out = same(
        "{}",
        &[
            "const e = eval, F = Function; Object.setPrototypeOf(globalThis, null); \
           [e('/after/.source'), F('return /fn/.flags')(), e('\"x\".match(\"x\")[0]')].join()",
        ],
        "ctxResult",
    );
    assert_eq!(out, "after,,x");
}

#[test]
fn u_regexp_waits_until_code_may_reach_it() {
    let lazy = Runtime::new().unwrap();
    bytes_per_context(&lazy, None);
    let plain = bytes_per_context(&lazy, Some("[1, 2].map(x => x * 2).length"));
    let with_regexp = bytes_per_context(&lazy, Some("/a/.test('a')"));
    eprintln!("per context: {plain} B, after a regex literal {with_regexp} B");
    assert!(
        plain + 1500 < with_regexp,
        "no regex {plain} B, with a regex {with_regexp} B"
    );
}

// Promise: made lazily where the compile hook holds, since async functions, `await`, `import()`
// and modules reach it without its name.

#[test]
fn v_async_code_makes_promise() {
    let out = same(
        "{}",
        &["[(async () => 1)() instanceof Promise, \
           Object.prototype.toString.call((async function () {})()), \
           Object.getPrototypeOf(async function () {}).constructor.name, \
           Object.getPrototypeOf(async function* () {}).constructor.name, \
           (async () => {})().constructor === Promise].join()"],
        "ctxResult",
    );
    assert_eq!(
        out,
        "true,[object Promise],AsyncFunction,AsyncGeneratorFunction,true"
    );
}

#[test]
fn w_async_code_in_eval_and_function_code_makes_promise() {
    // The script itself names none of it: only the code compiled inside the context does.
    let out = same(
        "{ src: ['as', 'ync () => 5'].join('') }",
        &["[Object.prototype.toString.call(eval('(' + src + ')')()), \
           new Function('return (' + src + ')')().constructor.name, \
           (() => {}).constructor('return (' + src + ')()')() + ''].join()"],
        "ctxResult",
    );
    assert_eq!(out, "[object Promise],AsyncFunction,[object Promise]");
}

#[test]
fn x_a_script_compiled_once_makes_promise_in_each_context_it_runs_in() {
    compiled_once_runs_in_each_context(
        "Object.prototype.toString.call((async () => 1)())",
        "[object Promise]",
    );
}

#[test]
fn y_promise_by_its_name_and_globals_newer_than_node_kept_at_the_full_level() {
    let out = same(
        "{}",
        &[
            "[typeof Promise, Promise.resolve(1) instanceof Promise, typeof Array.fromAsync, \
           typeof AsyncDisposableStack, typeof DisposableStack, typeof Iterator, \
           typeof Float16Array, typeof SuppressedError, typeof InternalError].join()",
        ],
        "ctxResult",
    );
    // (tests/language_level.rs: the same at the Node 20 level.)
    assert_eq!(
        out,
        "function,true,function,function,function,function,function,function,undefined"
    );
}

#[test]
fn z_a_global_prototype_replaced_still_runs_async_code() {
    let out = same(
        "{}",
        &[
            "const e = eval, O = Object; O.setPrototypeOf(globalThis, null); \
           O.prototype.toString.call(e('(as' + 'ync () => 7)()'))",
        ],
        "ctxResult",
    );
    assert_eq!(out, "[object Promise]");
}

#[test]
fn za_promise_waits_until_code_may_reach_it() {
    let lazy = Runtime::new().unwrap();
    bytes_per_context(&lazy, None);
    let plain = bytes_per_context(&lazy, Some("[1, 2].map(x => x * 2).length"));
    let with_async = bytes_per_context(&lazy, Some("typeof (async () => 1)"));
    eprintln!("per context: {plain} B, after an async function {with_async} B");
    assert!(
        plain + 1500 < with_async,
        "no async {plain} B, with async {with_async} B"
    );
}
