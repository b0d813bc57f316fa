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
    // Node's order: the function's slot made before the run, the rest as assigned.
    assert_eq!(ctx.keys().unwrap(), ["f", "name", "v"]);
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
    assert_eq!(ctx.keys().unwrap(), ["count", "f", "name", "v"]);
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
