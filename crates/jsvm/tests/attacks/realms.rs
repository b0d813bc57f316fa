//! No value reachable by a context's code belongs to another realm: walking everything
//! reachable from a context's global (own properties, accessors, prototypes), every object's
//! prototype chain ends at the context's own `Object.prototype` (or at `null`), so no
//! `.constructor.constructor` leads to another realm's `Function`.

use jsvm::{CodeGeneration, ContextOptions, MicrotaskMode, Runtime};

use crate::attack;

/// Walks what the context's code can reach and returns the paths of objects whose prototype
/// chain leaves the realm (empty: none).
const WALK: &str = r#"(() => {
  const own = Object.prototype, seen = new Set(), foreign = [];
  const chainIsOwn = (o) => {
    for (let p = Object.getPrototypeOf(o), n = 0; p !== null; p = Object.getPrototypeOf(p), n++) {
      if (p === own) return true;
      if (n > 100) return false;
    }
    return Object.getPrototypeOf(o) === null || o === own;
  };
  const queue = [[globalThis, 'globalThis']];
  while (queue.length) {
    const [o, path] = queue.shift();
    if ((typeof o !== 'object' && typeof o !== 'function') || o === null || seen.has(o)) continue;
    seen.add(o);
    if (o !== own && !chainIsOwn(o)) foreign.push(path);
    const p = Object.getPrototypeOf(o);
    if (p) queue.push([p, path + '.__proto__']);
    for (const k of Reflect.ownKeys(o)) {
      let d;
      try { d = Reflect.getOwnPropertyDescriptor(o, k); } catch { continue; }
      if (!d) continue;
      const name = path + '.' + String(k);
      if ('value' in d) queue.push([d.value, name]);
      if (d.get) queue.push([d.get, name + '<get>']);
      if (d.set) queue.push([d.set, name + '<set>']);
    }
  }
  return foreign;
})()"#;

fn foreign_paths(ctx: &jsvm::Context) -> Vec<String> {
    ctx.eval(WALK).unwrap()
}

fn assert_own_realm(ctx: &jsvm::Context, what: &str) {
    let foreign = foreign_paths(ctx);
    assert!(
        foreign.is_empty(),
        "{what}: reaches another realm through {foreign:?}"
    );
}

attack!(the_walk_finds_an_object_of_another_realm, {
    // The control: a main-context object put on a sandbox by the host is found.
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.with_ctx(|main, handle| {
        let leak: jsvm::engine::rquickjs::Object = main.eval("({ f() {} })").unwrap();
        handle.globals_object().set("leak", leak).unwrap();
    });
    // (The sandbox's properties are the global's own.)
    let foreign = foreign_paths(&ctx);
    assert_eq!(foreign.first().map(String::as_str), Some("globalThis.leak"));
});

attack!(nothing_reachable_from_a_context_leads_to_another_realm, {
    let rt = Runtime::new().unwrap();
    let sandbox =
        serde_json::json!({ "a": 1, "list": [1, { "b": "x" }], "nested": { "deep": [[]] } });
    let plain = rt.new_context(&sandbox, Default::default()).unwrap();
    assert_own_realm(&plain, "a context with a sandbox");
    let empty = rt.new_empty_context(Default::default()).unwrap();
    empty
        .register("add", |(a, b): (f64, f64)| Ok::<_, String>(a + b))
        .unwrap();
    empty.set("value", &sandbox).unwrap();
    assert_own_realm(&empty, "a context with a host function and a set value");
    let locked = rt
        .new_empty_context(ContextOptions {
            code_generation: CodeGeneration {
                strings: false,
                wasm: false,
            },
            microtask_mode: MicrotaskMode::AfterEvaluate,
            ..Default::default()
        })
        .unwrap();
    // The walk itself needs no code generation.
    assert_own_realm(&locked, "a context without code generation");
    // After errors were made and formatted (the stack machinery leaves functions behind).
    empty
        .eval::<()>("try { null.x } catch (e) { e.stack } new Error('x').stack; Error.captureStackTrace({})")
        .unwrap();
    assert_own_realm(&empty, "a context after stack traces");
});

attack!(
    a_runtime_sharing_memory_hands_out_no_function_of_another_realm,
    {
        // Such a runtime puts its own Atomics.wait/notify in every realm (made whole, or when a
        // lazy group is made): they must be the context's functions all the way up.
        for lazy in [true, false] {
            let rt = Runtime::builder()
                .shared_memory(true)
                .lazy_builtins(lazy)
                .build()
                .unwrap();
            let ctx = rt
                .new_context(&serde_json::json!({ "a": 1 }), Default::default())
                .unwrap();
            ctx.eval::<String>("typeof Atomics.wait").unwrap();
            // Call sites given to a formatter, with V8's methods on their prototype.
            ctx.eval::<String>(
                "Error.prepareStackTrace = (e, s) => s; globalThis.site = new Error().stack[0]; \
             delete Error.prepareStackTrace; typeof site.isEval",
            )
            .unwrap();
            assert_own_realm(
                &ctx,
                &format!("a context sharing memory (lazy builtins: {lazy})"),
            );
        }
    }
);

attack!(
    an_import_callback_rejects_with_errors_of_the_importing_context,
    {
        // A host answering `import()` with a rejection of its own making hands the importing code
        // the host's realm when the error is the host's (`e.constructor.constructor`: Node's vm
        // module did so for a callback's answer that is not a module). The callback's third
        // argument makes errors of the importing context instead, running none of its code (its
        // `Error` replaced, a looping `code` setter on its prototype).
        use jsvm::engine::rquickjs::{Function, Value};
        let rt = Runtime::new().unwrap();
        rt.with_ctx(|ctx| {
            let host: Function = ctx
                .eval(
                    "(specifier, attributes, importerError) => Promise.reject(\
                 importerError('TypeError', 'no module ' + specifier, 'ERR_NO_MODULE'))",
                )
                .unwrap();
            let name = jsvm::engine::register_script_import(
                &ctx,
                "tenant.js",
                jsvm::engine::DynamicImport::Callback(host),
            )
            .unwrap();
            let tenant =
                jsvm::engine::ContextHandle::create(&ctx, None, &Default::default()).unwrap();
            let script = jsvm::Script::compile(
                &ctx,
                "const OwnTypeError = TypeError;\
             globalThis.Error = globalThis.TypeError = function () { for (;;); };\
             Object.defineProperty(Object.prototype, 'code', { set() { for (;;); } });\
             globalThis.out = 'pending'; import('x').then(() => { out = 'resolved' }, (e) => {\
               out = [e instanceof Object, Object.getPrototypeOf(e) === OwnTypeError.prototype,\
                 e.name, e.code, e.message].join() })",
                jsvm::ScriptOptions {
                    filename: Some(name),
                    ..Default::default()
                },
            )
            .unwrap();
            let options = jsvm::RunOptions {
                timeout_ms: Some(1000),
                ..Default::default()
            };
            tenant.run(&script, &options).unwrap();
            while ctx.execute_pending_job() {}
            let out: Value = tenant.global().get("out").unwrap();
            let out: String = out.get().unwrap();
            assert_eq!(out, "true,true,TypeError,ERR_NO_MODULE,no module x");
        });
    }
);
