//! The contextified global behaves as Node's (issue items a-i). Expected values are what
//! `node` prints for the same programs.

use jsvm::engine::rquickjs::{Function, Object, Value};
use jsvm::engine::ContextHandle;
use jsvm::{RunOptions, Runtime};

/// Runs `setup` in the main context to build a sandbox, contextifies it, runs `code` in it,
/// then `check` in the main context (with `sandbox` and `ctxResult` globals) and returns its
/// string result.
fn scenario(sandbox_src: &str, code: &[&str], check: &str) -> String {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let sandbox: Object = ctx.eval(format!("({sandbox_src})")).unwrap();
        let handle =
            ContextHandle::create(&ctx, Some(sandbox.clone()), &Default::default()).unwrap();
        ctx.globals().set("sandbox", sandbox).unwrap();
        let mut last = Value::new_undefined(ctx.clone());
        for c in code {
            last = handle
                .eval(c, &RunOptions::default())
                .map_err(|_| {
                    let e = ctx.catch();
                    format!("{:?}", e.as_object().map(|o| o.get::<_, String>("message")))
                })
                .unwrap();
        }
        ctx.globals().set("ctxResult", last).unwrap();
        let f: Function = ctx.eval(format!("() => String({check})")).unwrap();
        f.call::<_, String>(()).unwrap()
    })
}

#[test]
fn a_assignments_update_and_create_sandbox_properties() {
    let out = scenario(
        "{ animal: 'cat', count: 2 }",
        &["count += 1; name = 'kitty'"; 10],
        "JSON.stringify(sandbox)",
    );
    assert_eq!(out, r#"{"animal":"cat","count":12,"name":"kitty"}"#);
}

#[test]
fn b_var_and_function_declarations_appear_and_stay_live() {
    let out = scenario(
        "{ a: 1 }",
        &["var n = 0; function inc() { n++ }"],
        "(sandbox.inc(), [sandbox.n, Object.keys(sandbox).join()])",
    );
    assert_eq!(out, "1,a,inc,n");
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let sandbox: Object = ctx.eval("({})").unwrap();
        let h = ContextHandle::create(&ctx, Some(sandbox.clone()), &Default::default()).unwrap();
        h.eval("var n = 0; function inc() { n++ }", &Default::default())
            .unwrap();
        sandbox.set("n", 100).unwrap();
        let n: i32 = h.eval("n", &Default::default()).unwrap().get().unwrap();
        assert_eq!(n, 100);
        let inc: Function = sandbox.get("inc").unwrap();
        inc.call::<_, ()>(()).unwrap();
        assert_eq!(sandbox.get::<_, i32>("n").unwrap(), 101);
    });
}

#[test]
fn c_lexical_declarations_persist_but_stay_off_the_sandbox() {
    let out = scenario(
        "{}",
        &[
            "let l = 1; const k = 2; class C {}",
            "l += k; typeof C + ':' + l",
        ],
        "[ctxResult, Object.keys(sandbox).length]",
    );
    assert_eq!(out, "function:3,0");
}

#[test]
fn d_host_changes_between_runs_are_seen() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let sandbox: Object = ctx.eval("({ x: 1, y: 2 })").unwrap();
        let h = ContextHandle::create(&ctx, Some(sandbox.clone()), &Default::default()).unwrap();
        assert_eq!(
            h.eval("x + y", &Default::default()).unwrap().as_int(),
            Some(3)
        );
        sandbox.set("x", 10).unwrap();
        sandbox.set("z", 5).unwrap();
        sandbox.remove("y").unwrap();
        let r: String = h
            .eval("x + z + ':' + typeof y", &Default::default())
            .unwrap()
            .get()
            .unwrap();
        assert_eq!(r, "15:undefined");
    });
}

#[test]
fn e_sandbox_properties_shadow_builtins() {
    assert_eq!(scenario("{ Array: 42 }", &["Array"], "ctxResult"), "42");
    // and the builtin comes back when the host deletes the property
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let sandbox: Object = ctx.eval("({ Math: 1 })").unwrap();
        let h = ContextHandle::create(&ctx, Some(sandbox.clone()), &Default::default()).unwrap();
        assert_eq!(
            h.eval("Math", &Default::default()).unwrap().as_int(),
            Some(1)
        );
        sandbox.remove("Math").unwrap();
        assert_eq!(
            h.eval("Math.max(1, 7)", &Default::default())
                .unwrap()
                .as_int(),
            Some(7)
        );
    });
}

#[test]
fn f_each_context_has_its_own_builtins() {
    let out = scenario(
        "{}",
        &["[1, 2]"],
        "[ctxResult instanceof Array, Array.isArray(ctxResult)]",
    );
    assert_eq!(out, "false,true");
}

#[test]
fn g_top_level_this_is_the_global_not_the_sandbox() {
    let out = scenario(
        "{ a: 1 }",
        &["this"],
        "[ctxResult === sandbox, ctxResult.a, typeof ctxResult.Array]",
    );
    assert_eq!(out, "false,1,function");
}

#[test]
fn h_getters_setters_and_symbols_are_forwarded() {
    let out = scenario(
        "{ log: [], get g() { this.log.push('get'); return 7 }, set s(v) { this.log.push('set ' + v) }, [Symbol.for('k')]: 'sym' }",
        &["g + g; s = 3; globalThis[Symbol.for('k')]"],
        "[sandbox.log.join(), ctxResult]",
    );
    assert_eq!(out, "get,get,set 3,sym");
}

#[test]
fn i_strict_undeclared_assignment_throws_sloppy_creates() {
    let out = scenario(
        "{}",
        &["'use strict'; try { undeclared = 1; 'no' } catch (e) { e.name }"],
        "[ctxResult, 'undeclared' in sandbox]",
    );
    assert_eq!(out, "ReferenceError,false");
    let out = scenario("{}", &["undeclared = 1"], "sandbox.undeclared");
    assert_eq!(out, "1");
}

#[test]
fn unknown_names_are_reference_errors_and_typeof_is_undefined() {
    let out = scenario("{}", &["let r = []; try { nope } catch (e) { r.push(e.name + ': ' + e.message) } r.push(typeof nope); r.join('|')"], "ctxResult");
    assert_eq!(out, "ReferenceError: nope is not defined|undefined");
}

#[test]
fn this_property_writes_land_on_the_sandbox() {
    assert_eq!(scenario("{}", &["this.q = 3"], "sandbox.q"), "3");
}

#[test]
fn objects_inheriting_from_the_global_get_their_own_properties() {
    let out = scenario(
        "{ a: 1 }",
        &["const child = Object.create(globalThis); child.x = 5; child.a = 9; [child.x, Object.keys(child).join(), a, typeof x].join()"],
        "[ctxResult, JSON.stringify(sandbox)]",
    );
    assert_eq!(out, r#"5,x,a,1,undefined,{"a":1}"#);
}

#[test]
fn sandbox_inherited_properties_are_visible() {
    assert_eq!(
        scenario(
            "Object.create({ inherited: 7 })",
            &["inherited"],
            "ctxResult"
        ),
        "7"
    );
}

#[test]
fn var_without_initializer_keeps_builtins_and_sandbox_values() {
    assert_eq!(
        scenario(
            "{ x: 5 }",
            &["var x; var Math; x + Math.max(1, 2)"],
            "ctxResult"
        ),
        "7"
    );
}

#[test]
fn frozen_sandbox_ignores_sloppy_writes() {
    let out = scenario(
        "Object.freeze({ limit: 3 })",
        &["limit = 1000; extra = true; limit"],
        "[ctxResult, JSON.stringify(sandbox), 'extra' in sandbox]",
    );
    assert_eq!(out, r#"3,{"limit":3},false"#);
}

#[test]
fn sandbox_setters_run_and_their_exceptions_reach_the_script() {
    // A failed write to the sandbox is looked at after the fact (sandbox/property_writes.rs): a setter's own
    // TypeError must not be mistaken for a refused write, also on a frozen sandbox.
    let out = scenario(
        "{ set s(v) { throw new TypeError('no ' + v) } }",
        &["try { s = 1; 'none' } catch (e) { e.name + ': ' + e.message }"],
        "ctxResult",
    );
    assert_eq!(out, "TypeError: no 1");
    let out = scenario(
        "Object.freeze({ log: [], set s(v) { this.log.push(v) }, set bad(v) { throw new TypeError('bad') } })",
        &["s = 5; let r; try { bad = 1 } catch (e) { r = e.message } r"],
        "[sandbox.log.join(), ctxResult]",
    );
    assert_eq!(out, "5,bad");
}

#[test]
fn contexts_made_from_rust_reach_no_other_realm() {
    #[derive(serde::Serialize)]
    struct Sandbox {
        config: std::collections::BTreeMap<String, Vec<i32>>,
        name: String,
    }
    let rt = Runtime::new().unwrap();
    rt.main_context()
        .eval::<()>("globalThis.hostSecret = 'leaked'")
        .unwrap();
    let sandbox = Sandbox {
        config: [("list".to_string(), vec![1, 2])].into_iter().collect(),
        name: "x".into(),
    };
    let ctx = rt.new_context(&sandbox, Default::default()).unwrap();
    ctx.register("hostFn", |(): ()| Ok::<_, String>(1)).unwrap();
    ctx.set("later", &vec!["a"]).unwrap();
    // Every classic escape evaluates in the context's own realm, where hostSecret is absent.
    let probes: Vec<String> = ctx
        .eval(
            "[this.constructor.constructor('return typeof hostSecret')(),
              config.constructor.constructor('return typeof hostSecret')(),
              config.list.constructor.constructor('return typeof hostSecret')(),
              name.constructor.constructor('return typeof hostSecret')(),
              hostFn.constructor('return typeof hostSecret')(),
              later.constructor.constructor('return typeof hostSecret')(),
              Object.getPrototypeOf(globalThis).constructor.constructor('return typeof hostSecret')()]",
        )
        .unwrap();
    assert_eq!(probes, vec!["undefined"; 7]);
    assert!(ctx.get::<Vec<i32>>("config").is_err());
    assert_eq!(ctx.eval::<Vec<i32>>("config.list").unwrap(), vec![1, 2]);
}

#[test]
fn contexts_have_a_silent_console_unless_the_sandbox_gives_one() {
    // As in Node, where V8's console prints nothing outside the inspector.
    let out = scenario(
        "{}",
        &["[typeof console, typeof console.log, console.log('x'), 'console' in globalThis].join()"],
        "ctxResult",
    );
    assert_eq!(out, "object,function,,true");
    let out = scenario(
        "{ console: { log: (m) => 'host ' + m } }",
        &["console.log('x')"],
        "ctxResult",
    );
    assert_eq!(out, "host x");
}

#[test]
fn a_context_global_is_a_plain_object_to_to_string() {
    // V8's context globals have no toStringTag (QuickJS tags its global "global").
    let out = scenario(
        "{}",
        &["Object.prototype.toString.call(globalThis)"],
        "ctxResult",
    );
    assert_eq!(out, "[object Object]");
}
