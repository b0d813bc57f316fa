//! Issue 10, item 4: no way out through stack traces. A call site (`Error.prepareStackTrace`'s
//! second argument) must never give code a function of another realm, whose
//! `.constructor.constructor('return globalThis')()` would be that realm's global.

use jsvm::engine::rquickjs::{Ctx, Function, Value};
use jsvm::engine::ContextHandle;
use jsvm::{RunOptions, Runtime};

use crate::attack;

/// Sandbox code that collects what the call sites of an error hand out and tries each
/// function's way to its realm's global: a global other than its own gets `ESCAPED` set.
/// `SETUP` installs `Error.prepareStackTrace` (it receives the sites and returns them).
const PROBE: &str = r#"
    (() => {
        SETUP;
        const sites = [new Error('x').stack];
        const target = {};
        Error.captureStackTrace(target);
        sites.push(target.stack);
        Error.prepareStackTrace = undefined;
        const out = { functions: 0, own: 0, foreign: 0 };
        for (const site of sites.flat()) {
            const fn = site.getFunction();
            if (typeof fn !== 'function') continue;
            out.functions++;
            let global;
            try { global = fn.constructor.constructor('return globalThis')(); } catch (e) { continue; }
            if (global === globalThis) {
                out.own++;
            } else {
                out.foreign++;
                global.ESCAPED = true;
            }
        }
        return JSON.stringify(out);
    })()
"#;

/// `Error.prepareStackTrace` as a data property.
const DATA: &str = "Error.prepareStackTrace = (e, sites) => sites";
/// `Error.prepareStackTrace` as a getter (as frame-filtering libraries define it).
const GETTER: &str = "Object.defineProperty(Error, 'prepareStackTrace', {
    get() { return (e, sites) => sites; }, set(v) {}, configurable: true })";

fn probe(setup: &str) -> String {
    PROBE.replace("SETUP", setup)
}

/// Defines `enter(code)` on `from`'s global: runs `code` in `into` and returns its result.
fn define_enter<'js>(ctx: &Ctx<'js>, from: &ContextHandle<'js>, into: &ContextHandle<'js>) {
    let into = into.clone();
    let enter = Function::new(
        ctx.clone(),
        move |code: String| -> jsvm::engine::rquickjs::Result<Value<'_>> {
            into.eval(&code, &RunOptions::default())
        },
    )
    .unwrap();
    from.global().set("enter", enter).unwrap();
}

fn escaped(handle: &ContextHandle<'_>) -> bool {
    handle
        .global()
        .get::<_, Option<bool>>("ESCAPED")
        .unwrap()
        .is_some()
}

/// The probe's result, and whether it reached the main global, with main-context code on the
/// stack as under Node's `vm.runInContext`: the main script calls `outer`, which calls the host
/// (`enter`), which runs the sandbox's script, which calls its `inner`, which runs the probe.
fn run_from_main(setup: &str) -> (String, bool) {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let main = ContextHandle::main(&ctx).unwrap();
        let sandbox = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
        define_enter(&ctx, &main, &sandbox);
        let code = format!("function inner() {{ return ({}) }}", probe(setup));
        let out: String = main
            .eval(
                &format!(
                    "function outer(code) {{ return enter(code) }}
                     outer({code:?} + '; inner()')"
                ),
                &RunOptions::default(),
            )
            .unwrap()
            .as_string()
            .expect("the probe's result")
            .to_string()
            .unwrap();
        (out, escaped(&main))
    })
}

attack!(a_main_context_function_on_the_stack_is_not_handed_out, {
    for setup in [DATA, GETTER] {
        let (out, escaped) = run_from_main(setup);
        assert!(
            !escaped,
            "{setup}: the sandbox reached the main global ({out})"
        );
        // For each of the two errors, the sandbox's own arrow and `inner` are handed out;
        // `outer` and the main script are not (nor the sandbox's script: top-level code).
        assert_eq!(out, r#"{"functions":4,"own":4,"foreign":0}"#, "{setup}");
    }
});

attack!(
    a_function_of_another_context_on_the_stack_is_not_handed_out,
    {
        let rt = Runtime::new().unwrap();
        rt.with_ctx(|ctx| {
            let a = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
            let b = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
            define_enter(&ctx, &a, &b);
            let code = probe(DATA);
            let out: String = a
                .eval(
                    &format!("function inA(code) {{ return enter(code) }} inA({code:?})"),
                    &RunOptions::default(),
                )
                .unwrap()
                .as_string()
                .unwrap()
                .to_string()
                .unwrap();
            assert!(!escaped(&a), "context B reached context A's global ({out})");
            // B's own arrow, for each error; not `inA`.
            assert_eq!(out, r#"{"functions":2,"own":2,"foreign":0}"#);
        });
    }
);

attack!(a_call_site_hands_out_no_this_of_another_realm, {
    // Sites get a main-context `this` on the stack: `outer` is called as a method of a
    // main-context object. V8's `getThis` would give it; the engine's sites have no `getThis`,
    // and if one is added it must follow `getFunction`'s rule.
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let main = ContextHandle::main(&ctx).unwrap();
        let sandbox = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
        define_enter(&ctx, &main, &sandbox);
        let code = r#"
            Error.prepareStackTrace = (e, sites) => sites;
            const sites = new Error('x').stack;
            Error.prepareStackTrace = undefined;
            sites.map(s => typeof s.getThis !== 'function' ? 'none' : (() => {
                const t = s.getThis();
                if (t === undefined || t === null || typeof t !== 'object') return 'none';
                const g = t.constructor.constructor('return globalThis')();
                if (g === globalThis) return 'own';
                g.ESCAPED = true;
                return 'foreign';
            })()).filter(x => x !== 'none').join() || 'none'
        "#;
        let out: String = main
            .eval(
                &format!("({{ outer(code) {{ return enter(code) }} }}).outer({code:?})"),
                &RunOptions::default(),
            )
            .unwrap()
            .as_string()
            .unwrap()
            .to_string()
            .unwrap();
        assert!(
            !escaped(&main),
            "the sandbox reached the main global ({out})"
        );
        assert!(!out.contains("foreign"), "{out}");
    });
});

attack!(the_default_formatter_leads_to_no_other_realm, {
    // Contexts have no `Error.prepareStackTrace` (as Node's); the main context's default
    // formatter is a function of the main realm.
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let out: String = ctx
        .eval(
            "const f = Error.prepareStackTrace;
             typeof f !== 'function' ? typeof f
                 : f.constructor('return globalThis')() === globalThis ? 'own'
                 : (f.constructor('return globalThis')().ESCAPED = true, 'foreign')",
        )
        .unwrap();
    assert_eq!(out, "undefined");
    assert_eq!(
        rt.main_context().get::<Option<bool>>("ESCAPED").unwrap(),
        None
    );
    let main: String = rt
        .main_context()
        .eval(
            "const f = Error.prepareStackTrace;
             typeof f + ' ' + (f.constructor('return globalThis')() === globalThis)",
        )
        .unwrap();
    assert_eq!(main, "function true");
});

attack!(
    patched_call_site_methods_get_no_function_of_another_realm,
    {
        // The sandbox keeps a site, then patches the sites' shared prototype so that the default
        // formatter, reading a later error's sites, would hand each site to sandbox code.
        let (out, escaped) = run_from_main(
        "const original = Error.prepareStackTrace;
         Error.prepareStackTrace = (e, sites) => sites;
         const proto = Object.getPrototypeOf(new Error('keep').stack[0]);
         Error.prepareStackTrace = original;
         const getFunction = proto.getFunction;
         const seen = [];
         for (const name of Object.getOwnPropertyNames(proto)) {
             const original = proto[name];
             if (typeof original !== 'function') continue;
             proto[name] = function (...args) { seen.push(getFunction.call(this)); return original.apply(this, args); };
         }
         new Error('formatted by default');
         Error.prepareStackTrace = () => seen.splice(0).map(f => ({ getFunction: () => f }))",
    );
        assert!(!escaped, "the sandbox reached the main global ({out})");
        assert!(out.contains(r#""foreign":0"#), "{out}");
    }
);

attack!(
    functions_above_a_main_context_frame_stay_the_sandboxs_own,
    {
        // The rule is the realm, not the position: a sandbox function called by main-context code
        // is the sandbox's own and is handed out; it leads only to the sandbox's global.
        let rt = Runtime::new().unwrap();
        rt.with_ctx(|ctx| {
            let main = ContextHandle::main(&ctx).unwrap();
            let sandbox = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
            let sandbox_fn: Function = sandbox
                .eval(
                    "(function sandboxFn() {
                    Error.prepareStackTrace = (e, sites) => sites.map(s => s.getFunction());
                    const fns = new Error('x').stack;
                    Error.prepareStackTrace = undefined;
                    return fns.map(f => typeof f !== 'function' ? '-'
                        : f.constructor.constructor('return globalThis')() === globalThis ? 'own'
                        : 'foreign').join();
                })",
                    &RunOptions::default(),
                )
                .unwrap()
                .into_function()
                .unwrap();
            main.global().set("sandboxFn", sandbox_fn).unwrap();
            let out: String = main
                .eval(
                    "function mainCaller() { return [1].map(() => sandboxFn())[0] } mainCaller()",
                    &RunOptions::default(),
                )
                .unwrap()
                .as_string()
                .unwrap()
                .to_string()
                .unwrap();
            // sandboxFn, the main arrow, map (native), mainCaller, the main script.
            assert_eq!(out, "own,-,-,-,-");
        });
    }
);
