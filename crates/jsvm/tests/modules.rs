//! ES modules in contexts: linking, evaluation, errors, synthetic modules, dynamic import.

use jsvm::engine::rquickjs::{Ctx, Function, Object, Promise, Value};
use jsvm::engine::{ContextHandle, DynamicImport, Module, ModuleStatus, SourceTextOptions};
use jsvm::Runtime;

fn source<'js>(ctx: &ContextHandle<'js>, src: &str, id: &str) -> Module<'js> {
    Module::source_text(
        ctx,
        src,
        SourceTextOptions {
            identifier: Some(id.into()),
            ..Default::default()
        },
    )
    .unwrap()
}

fn settle<'js>(_rt: &Runtime, p: &Promise<'js>) -> Result<Value<'js>, Value<'js>> {
    let ctx = p.ctx().clone();
    while ctx.execute_pending_job() {}
    match p.result::<Value>() {
        Some(Ok(v)) => Ok(v),
        Some(Err(_)) => Err(ctx.catch()),
        None => panic!("promise still pending"),
    }
}

fn get<'js, T: jsvm::engine::rquickjs::FromJs<'js>>(o: &Object<'js>, k: &str) -> T {
    o.get(k).unwrap()
}

#[test]
fn seed_default_export() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let main = ContextHandle::main(&ctx).unwrap();
        let m = source(&main, "export default 42", "seed");
        assert_eq!(m.status(), ModuleStatus::Unlinked);
        assert!(m.requests().is_empty());
        m.link(&[]).unwrap();
        m.instantiate().unwrap();
        assert_eq!(m.status(), ModuleStatus::Linked);
        let p = m.evaluate(&Default::default()).unwrap();
        settle(&rt, &p).unwrap();
        assert_eq!(m.status(), ModuleStatus::Evaluated);
        assert_eq!(get::<i32>(&m.namespace().unwrap(), "default"), 42);
    });
}

#[test]
fn cycle_of_three() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let main = ContextHandle::main(&ctx).unwrap();
        let a = source(
            &main,
            "import { b } from './b'; export const a = 'a'; export const seen = () => b;",
            "a",
        );
        let b = source(
            &main,
            "import { c } from './c'; export const b = 'b' + c;",
            "b",
        );
        let c = source(
            &main,
            "import { seen } from './a'; export const c = 'c'; export const later = () => seen();",
            "c",
        );
        a.link(std::slice::from_ref(&b)).unwrap();
        b.link(std::slice::from_ref(&c)).unwrap();
        c.link(std::slice::from_ref(&a)).unwrap();
        a.instantiate().unwrap();
        for m in [&a, &b, &c] {
            assert_eq!(m.status(), ModuleStatus::Linked);
        }
        settle(&rt, &a.evaluate(&Default::default()).unwrap()).unwrap();
        for m in [&a, &b, &c] {
            assert_eq!(m.status(), ModuleStatus::Evaluated);
        }
        let later: Function = get(&c.namespace().unwrap(), "later");
        assert_eq!(later.call::<_, String>(()).unwrap(), "bc");
    });
}

#[test]
fn missing_export_is_a_link_error_and_modules_stay_unlinked() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let main = ContextHandle::main(&ctx).unwrap();
        let dep = source(&main, "export const yes = 1", "dep");
        let m = source(&main, "import { nope } from 'x'", "m");
        m.link(std::slice::from_ref(&dep)).unwrap();
        let e = m.instantiate().unwrap_err();
        assert_eq!(
            e.message(),
            "The requested module 'x' does not provide an export named 'nope'"
        );
        assert_eq!(m.status(), ModuleStatus::Unlinked);
    });
}

#[test]
fn different_context_is_refused() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let main = ContextHandle::main(&ctx).unwrap();
        let other = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
        let m = source(&main, "import 'x'", "m");
        let d = source(&other, "", "d");
        let e = m.link(&[d]).unwrap_err();
        assert_eq!(e.code(), Some("ERR_VM_MODULE_DIFFERENT_CONTEXT"));
    });
}

#[test]
fn throwing_module_is_errored_and_rethrows_the_same_error() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let main = ContextHandle::main(&ctx).unwrap();
        let m = source(&main, "throw new Error('boom')", "t");
        m.link(&[]).unwrap();
        let e1 = settle(&rt, &m.evaluate(&Default::default()).unwrap()).unwrap_err();
        assert_eq!(m.status(), ModuleStatus::Errored);
        let e2 = settle(&rt, &m.evaluate(&Default::default()).unwrap()).unwrap_err();
        assert_eq!(e1, e2);
        assert_eq!(m.error().unwrap(), e1);
    });
}

#[test]
fn timeout_during_evaluate() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let main = ContextHandle::main(&ctx).unwrap();
        let m = source(&main, "while (true) {}", "spin");
        m.link(&[]).unwrap();
        let e = m
            .evaluate(&jsvm::RunOptions {
                timeout_ms: Some(20),
                ..Default::default()
            })
            .unwrap_err();
        assert!(matches!(e, jsvm::Error::Timeout { ms: 20 }));
        assert_eq!(m.status(), ModuleStatus::Errored);
        assert!(m.error().unwrap().is_null());
        // The runtime goes on.
        assert_eq!(
            main.eval("1 + 1", &Default::default()).unwrap().as_int(),
            Some(2)
        );
    });
}

#[test]
fn top_level_await() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let main = ContextHandle::main(&ctx).unwrap();
        let m = source(&main, "export const v = await Promise.resolve(5);", "tla");
        m.link(&[]).unwrap();
        let p = m.evaluate(&Default::default()).unwrap();
        assert_eq!(m.status(), ModuleStatus::Evaluated);
        settle(&rt, &p).unwrap();
        assert_eq!(get::<i32>(&m.namespace().unwrap(), "v"), 5);
    });
}

#[test]
fn synthetic_exports_are_live() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let main = ContextHandle::main(&ctx).unwrap();
        let steps = Function::new(ctx.clone(), || {}).unwrap();
        let s = Module::synthetic(&main, &["x"], steps, Default::default()).unwrap();
        let user = source(
            &main,
            "import { x } from 's'; export const get = () => x;",
            "user",
        );
        user.link(std::slice::from_ref(&s)).unwrap();
        user.instantiate().unwrap();
        s.set_export("x", Value::new_int(ctx.clone(), 1)).unwrap();
        settle(&rt, &user.evaluate(&Default::default()).unwrap()).unwrap();
        let getter: Function = get(&user.namespace().unwrap(), "get");
        assert_eq!(getter.call::<_, i32>(()).unwrap(), 1);
        s.set_export("x", Value::new_int(ctx.clone(), 2)).unwrap();
        assert_eq!(getter.call::<_, i32>(()).unwrap(), 2);
        assert!(s.set_export("y", Value::new_int(ctx.clone(), 2)).is_err());
    });
}

#[test]
fn dynamic_import_from_module() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx: Ctx| {
        let main = ContextHandle::main(&ctx).unwrap();
        let target = source(&main, "export const t = 't';", "target");
        target.link(&[]).unwrap();
        settle(&rt, &target.evaluate(&Default::default()).unwrap()).unwrap();
        let ns = target.namespace().unwrap();
        let make: Function = ctx.eval("(ns) => (specifier) => ns").unwrap();
        let cb: Function = make.call((ns,)).unwrap();
        let m = Module::source_text(
            &main,
            "export const p = import('anything');",
            SourceTextOptions {
                dynamic_import: Some(DynamicImport::Callback(cb)),
                ..Default::default()
            },
        )
        .unwrap();
        m.link(&[]).unwrap();
        settle(&rt, &m.evaluate(&Default::default()).unwrap()).unwrap();
        let p: Promise = get(&m.namespace().unwrap(), "p");
        let got = settle(&rt, &p).unwrap();
        assert_eq!(got.as_object().unwrap().get::<_, String>("t").unwrap(), "t");

        let lone = source(&main, "export const p = import('x');", "lone");
        lone.link(&[]).unwrap();
        settle(&rt, &lone.evaluate(&Default::default()).unwrap()).unwrap();
        let p: Promise = get(&lone.namespace().unwrap(), "p");
        let e = settle(&rt, &p).unwrap_err();
        assert_eq!(
            e.as_object().unwrap().get::<_, String>("code").unwrap(),
            "ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING"
        );
    });
}

#[test]
fn dynamic_import_from_eval_code() {
    // Code compiled by `eval` or `new Function` imports as the code that called them: a
    // script's callback answers, and frames of that code still read as `<input>`.
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx: Ctx| {
        let cb: Function = ctx.eval("(specifier) => 'answer to ' + specifier").unwrap();
        let name =
            jsvm::engine::register_script_import(&ctx, "job.js", DynamicImport::Callback(cb))
                .unwrap();
        let script = jsvm::Script::compile(
            &ctx,
            "[eval(\"import('a')\"), (0, eval)(\"import('b')\"), new Function(\"return import('c')\")(),
              [\"eval(\\\"import('d')\\\")\"].map(eval)[0],
              (() => { const prepare = Error.prepareStackTrace;
                Error.prepareStackTrace = (_, sites) => sites[0].getFileName();
                try { eval('throw new Error()'); } catch (e) { return e.stack; }
                finally { Error.prepareStackTrace = prepare; } })(),
              (() => { try { eval('throw new Error()'); } catch (e) { return e.stack; } })()]",
            jsvm::ScriptOptions {
                filename: Some(name),
                ..Default::default()
            },
        )
        .unwrap();
        let main = ContextHandle::main(&ctx).unwrap();
        let all: jsvm::engine::rquickjs::Array =
            main.run(&script, &Default::default()).unwrap().into_array().unwrap();
        for (i, spec) in ["a", "b", "c", "d"].into_iter().enumerate() {
            let p: Promise = all.get(i).unwrap();
            let got = settle(&rt, &p).unwrap();
            assert_eq!(got.as_string().unwrap().to_string().unwrap(), format!("answer to {spec}"));
        }
        // V8's eval code has no file name.
        assert_eq!(all.get::<Option<String>>(4).unwrap(), None);
        let stack = all.get::<String>(5).unwrap();
        // V8's form: the eval's origin, then its own position.
        assert!(
            stack.contains("at eval (eval at <anonymous> (job.js:7:30), <anonymous>:1:7)\n    at job.js:"),
            "{stack}"
        );
        assert!(!stack.contains("#jsvm"), "{stack}");
    });
}

#[test]
fn cached_data_accepted_and_rejected() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let main = ContextHandle::main(&ctx).unwrap();
        let m = source(&main, "export const z = 5;", "c1");
        let data = m.cached_data().unwrap();
        let again = Module::source_text(
            &main,
            "export const z = 5;",
            SourceTextOptions {
                cached_data: Some(data.clone()),
                ..Default::default()
            },
        )
        .unwrap();
        again.link(&[]).unwrap();
        settle(&rt, &again.evaluate(&Default::default()).unwrap()).unwrap();
        assert_eq!(get::<i32>(&again.namespace().unwrap(), "z"), 5);
        let e = Module::source_text(
            &main,
            "export const z = 6;",
            SourceTextOptions {
                cached_data: Some(data),
                ..Default::default()
            },
        )
        .err()
        .unwrap();
        assert_eq!(e.code(), Some("ERR_VM_MODULE_CACHED_DATA_REJECTED"));
    });
}

#[test]
fn a_runtime_with_a_cached_data_key_takes_module_data_made_with_that_key_only() {
    let made_with = |key: &[u8]| {
        let rt = Runtime::builder().cached_data_key(key).build().unwrap();
        rt.with_ctx(|ctx| {
            let main = ContextHandle::main(&ctx).unwrap();
            source(&main, "export const z = 5;", "k")
                .cached_data()
                .unwrap()
        })
    };
    let rt = Runtime::builder()
        .cached_data_key("sixteen byte key")
        .build()
        .unwrap();
    rt.with_ctx(|ctx| {
        let main = ContextHandle::main(&ctx).unwrap();
        let with_data = |data: Vec<u8>| {
            Module::source_text(
                &main,
                "export const z = 5;",
                SourceTextOptions {
                    cached_data: Some(data),
                    ..Default::default()
                },
            )
        };
        let m = with_data(made_with(b"sixteen byte key")).unwrap();
        m.link(&[]).unwrap();
        settle(&rt, &m.evaluate(&Default::default()).unwrap()).unwrap();
        assert_eq!(get::<i32>(&m.namespace().unwrap(), "z"), 5);
        let e = with_data(made_with(b"another key, 16b")).err().unwrap();
        assert_eq!(e.code(), Some("ERR_VM_MODULE_CACHED_DATA_REJECTED"));
    });
}

#[test]
fn contexts_with_modules_are_collected() {
    let rt = Runtime::new().unwrap();
    let round = |rt: &Runtime| {
        rt.with_ctx(|ctx| {
            for _ in 0..50 {
                let c = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
                let dep = source(&c, "export const v = globalThis;", "dep");
                let steps = Function::new(ctx.clone(), || {}).unwrap();
                let syn = Module::synthetic(&c, &["s"], steps, Default::default()).unwrap();
                let m = Module::source_text(
                    &c,
                    "import { v } from 'dep'; import { s } from 'syn'; export const p = import('x');",
                    SourceTextOptions {
                        dynamic_import: Some(DynamicImport::Callback(ctx.eval("(s) => s").unwrap())),
                        ..Default::default()
                    },
                )
                .unwrap();
                m.link(&[dep, syn]).unwrap();
                let p = m.evaluate(&Default::default()).unwrap();
                settle(rt, &p).unwrap();
            }
        });
        rt.run_gc();
        rt.memory_usage().obj_count
    };
    let first = round(&rt);
    let second = round(&rt);
    let third = round(&rt);
    assert!(
        third <= first + first / 10,
        "objects grow: {first} {second} {third}"
    );
}
