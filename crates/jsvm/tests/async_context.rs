//! The embedder's async context follows promise reactions (`engine::set_async_context`): a
//! `then` callback, the code after an `await` and a thenable's `then` run with the value that
//! was current when they were registered, whatever is current when the jobs run.

use jsvm::engine::rquickjs::{Ctx, Function, Value};
use jsvm::{ContextOptions, MicrotaskMode};

/// Gives the context `setFrame(v)` and `frame()`; true when values follow promise reactions.
fn install<'js>(ctx: &Ctx<'js>) -> bool {
    let set = Function::new(ctx.clone(), |ctx: Ctx<'js>, v: Value<'js>| {
        jsvm::engine::set_async_context(&ctx, v).unwrap()
    })
    .unwrap();
    let get = Function::new(ctx.clone(), |ctx: Ctx<'js>| {
        jsvm::engine::async_context(&ctx)
    })
    .unwrap();
    ctx.globals().set("setFrame", set).unwrap();
    ctx.globals().set("frame", get).unwrap();
    ctx.eval::<bool, _>("setFrame('probe')").unwrap()
}

fn drain(ctx: &Ctx<'_>) {
    while jsvm::engine::run_host_job(ctx).unwrap() {}
}

const SCENARIOS: &str = r#"
setFrame(undefined);
globalThis.seen = [];
const note = (what) => seen.push(what + '=' + frame());
function within(value, fn) {
  const outer = frame();
  setFrame(value);
  try { return fn(); } finally { setFrame(outer); }
}
async function body(tag) {
  note(tag + ':start');
  await null;
  note(tag + ':await1');
  await new Promise((r) => Promise.resolve().then(r));
  note(tag + ':await2');
  return tag;
}
within('A', () => { body('a').then((v) => note('then-of-' + v)); });
within('B', () => { Promise.resolve().then(() => note('b:then')).then(() => note('b:then2')); });
within('C', () => Promise.resolve({ then(res) { note('c:thenable'); res(1); } }));
within('D', () => (async () => { await { then(res) { res(2); } }; note('d:after-thenable'); })());
within('E', async () => {
  await 0;
  within('F', () => Promise.resolve().then(() => note('f:inner')));
  await 0;
  note('e:end');
});
// Registered under no value: runs under none, even when drained under one.
Promise.resolve().then(() => note('none'));
setFrame('drainer');
"#;

#[test]
fn reactions_run_under_the_value_they_were_registered_under() {
    let rt = jsvm::Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        assert!(install(&ctx), "the engine layout checks out on this build");
        ctx.eval::<(), _>(SCENARIOS).unwrap();
        drain(&ctx);
        let seen: Vec<String> = ctx.eval("seen").unwrap();
        let mut seen = seen;
        seen.sort();
        let mut expected = vec![
            "a:start=A",
            "a:await1=A",
            "a:await2=A",
            "then-of-a=A",
            "b:then=B",
            "b:then2=B",
            "c:thenable=C",
            "d:after-thenable=D",
            "f:inner=F",
            "e:end=E",
            "none=undefined",
        ];
        expected.sort();
        assert_eq!(seen, expected);
        // The job runner put the drainer's value back.
        assert_eq!(ctx.eval::<String, _>("frame()").unwrap(), "drainer");
    });
}

#[test]
fn what_an_async_body_leaves_current_is_seen_after_its_next_await() {
    let rt = jsvm::Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        assert!(install(&ctx));
        ctx.eval::<(), _>(
            "setFrame(undefined); globalThis.out = [];
             (async () => { await 0; setFrame('set in body'); await 0; out.push(frame()); })();
             Promise.resolve().then(() => out.push('sibling ' + frame()));",
        )
        .unwrap();
        drain(&ctx);
        let out: Vec<String> = ctx.eval("out").unwrap();
        assert_eq!(out, ["sibling undefined", "set in body"]);
        // It did not leak to the drainer.
        assert!(ctx.eval::<Value, _>("frame()").unwrap().is_undefined());
    });
}

#[test]
fn reactions_of_promises_made_in_contexts_carry_it_too() {
    let rt = jsvm::Runtime::new().unwrap();
    let after = rt
        .new_empty_context(ContextOptions {
            microtask_mode: MicrotaskMode::AfterEvaluate,
            ..Default::default()
        })
        .unwrap();
    let plain = rt.new_empty_context(Default::default()).unwrap();
    rt.with_ctx(|ctx| {
        assert!(install(&ctx));
        ctx.eval::<(), _>("setFrame('host value')").unwrap();
    });
    // A context's code never sees the value; a host function called from its reaction does.
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    for c in [&after, &plain] {
        let seen = seen.clone();
        c.with_ctx(|_, handle| {
            let own = handle.ctx();
            let report = Function::new(own.clone(), move |ctx: Ctx<'_>| {
                let v = jsvm::engine::async_context(&ctx);
                let text = v.as_string().map(|s| s.to_string().unwrap());
                seen.borrow_mut().push(text.unwrap_or_default());
            })
            .unwrap();
            handle.globals_object().set("report", report).unwrap();
        });
    }
    after
        .eval::<()>("Promise.resolve().then(() => report())")
        .unwrap();
    plain
        .eval::<()>("(async () => { await 0; report(); })()")
        .unwrap();
    rt.with_ctx(|ctx| {
        ctx.eval::<(), _>("setFrame(undefined)").unwrap();
    });
    rt.run_jobs().unwrap();
    assert_eq!(*seen.borrow(), ["host value", "host value"]);
}

#[test]
fn a_runtime_with_a_value_set_drops_cleanly_with_jobs_queued() {
    for _ in 0..3 {
        let rt = jsvm::Runtime::new().unwrap();
        rt.with_ctx(|ctx| {
            assert!(install(&ctx));
            ctx.eval::<(), _>(
                "setFrame({ big: 'x'.repeat(1000) });
                 for (let i = 0; i < 100; i++) (async () => { await new Promise(() => {}); })();
                 Promise.resolve().then(() => {});",
            )
            .unwrap();
        });
        drop(rt);
    }
}

#[test]
fn nothing_is_installed_until_a_value_is_set() {
    let rt = jsvm::Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        // Setting undefined first makes nothing.
        assert!(!jsvm::engine::set_async_context(&ctx, Value::new_undefined(ctx.clone())).unwrap());
        assert!(jsvm::engine::async_context(&ctx).is_undefined());
    });
}

#[test]
fn code_that_replaced_weak_map_is_never_called_by_the_hook() {
    let rt = jsvm::Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        ctx.eval::<(), _>(
            "globalThis.called = 0;
             const spy = () => { called++; };
             WeakMap.prototype.set = WeakMap.prototype.get = WeakMap.prototype.delete = spy;
             globalThis.WeakMap = function () { called++; return {}; };",
        )
        .unwrap();
        assert!(install(&ctx));
        ctx.eval::<(), _>(
            "setFrame('kept'); globalThis.out = [];
             Promise.resolve().then(() => out.push(frame()));
             setFrame(undefined);",
        )
        .unwrap();
        drain(&ctx);
        let out: Vec<String> = ctx.eval("out").unwrap();
        assert_eq!(out, ["kept"]);
        assert_eq!(ctx.eval::<i32, _>("called").unwrap(), 0);
    });
}
