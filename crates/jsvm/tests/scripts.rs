//! Scripts, errors with positions, compile_function and cached data.

use jsvm::engine::rquickjs::{Function, Object};
use jsvm::engine::{compile_function, ContextHandle, FunctionOptions};
use jsvm::{Error, Runtime, ScriptOptions};

fn opts(filename: &str, line: i32, col: i32) -> ScriptOptions {
    ScriptOptions {
        filename: Some(filename.into()),
        line_offset: line,
        column_offset: col,
        cached_data: None,
    }
}

#[test]
fn compile_once_run_in_many_contexts() {
    let rt = Runtime::new().unwrap();
    let script = rt.compile("globalVar = 'set'", Default::default()).unwrap();
    let contexts: Vec<_> = (0..3)
        .map(|_| rt.new_empty_context(Default::default()).unwrap())
        .collect();
    for c in &contexts {
        c.run::<String>(&script, &Default::default()).unwrap();
    }
    for c in &contexts {
        assert_eq!(c.get::<String>("globalVar").unwrap(), "set");
    }
}

#[test]
fn run_in_main_context_sees_main_globals() {
    let rt = Runtime::new().unwrap();
    let main = rt.main_context();
    main.eval::<f64>("globalThis.globalVar = 0").unwrap();
    let script = rt
        .compile("globalVar += 1", opts("myfile.vm", 0, 0))
        .unwrap();
    for _ in 0..1000 {
        main.run::<f64>(&script, &Default::default()).unwrap();
    }
    assert_eq!(main.get::<i32>("globalVar").unwrap(), 1000);
}

#[test]
fn syntax_errors_carry_file_line_column_and_source_line() {
    let rt = Runtime::new().unwrap();
    let err = rt
        .compile("var a = 1;\nvar b = (;\n", opts("file.js", 10, 0))
        .unwrap_err();
    let Error::Syntax(s) = err else {
        panic!("{err:?}")
    };
    assert_eq!(s.filename, "file.js");
    assert_eq!(s.line, 12);
    assert_eq!(s.source_line, "var b = (;");
    assert!(s.column >= 9, "column {}", s.column);
    assert!(
        s.header().starts_with("file.js:12\nvar b = (;\n"),
        "{}",
        s.header()
    );
}

#[test]
fn stack_positions_honour_filename_and_offsets() {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let script = rt
        .compile("\n  throw new Error('boom')", opts("my-script.vm", 5, 0))
        .unwrap();
    let err = ctx.run::<()>(&script, &Default::default()).unwrap_err();
    let Error::Thrown(t) = err else {
        panic!("{err:?}")
    };
    assert_eq!(t.name, "Error");
    assert_eq!(t.message, "boom");
    let stack = t.stack.unwrap();
    assert!(stack.contains("my-script.vm:7:"), "{stack}");
    // a column offset moves first-line columns, and only those
    let column_of = |col_offset: i32, src: &str| -> Vec<u32> {
        let script = rt.compile(src, opts("c.vm", 0, col_offset)).unwrap();
        let Error::Thrown(t) = ctx.run::<()>(&script, &Default::default()).unwrap_err() else {
            panic!()
        };
        let stack = t.stack.unwrap();
        let loc = stack.split("c.vm:").nth(1).unwrap();
        loc.split(|c: char| !c.is_ascii_digit() && c != ':')
            .next()
            .unwrap()
            .split(':')
            .map(|n| n.parse().unwrap())
            .collect()
    };
    let plain = column_of(0, "throw new Error('x')");
    let moved = column_of(20, "throw new Error('x')");
    assert_eq!(moved, vec![plain[0], plain[1] + 20]);
    assert_eq!(
        column_of(20, "\n throw new Error('x')"),
        column_of(0, "\n throw new Error('x')")
    );
}

#[test]
fn a_cached_data_key_too_short_to_be_secret_is_refused() {
    match Runtime::builder().cached_data_key("secret").build() {
        Err(jsvm::Error::InvalidArgument(m)) => {
            assert_eq!(m, "the cached data key must have at least 16 bytes, not 6")
        }
        other => panic!("{:?}", other.err()),
    }
    assert!(Runtime::builder()
        .cached_data_key([0u8; 16])
        .build()
        .is_ok());
}

#[test]
fn cached_data_is_accepted_for_the_same_source_and_rejected_otherwise() {
    let rt = Runtime::new().unwrap();
    let src = "function f(n) { return n < 2 ? n : f(n - 1) + f(n - 2) } f(15)";
    let first = rt.compile(src, opts("fib.js", 0, 0)).unwrap();
    assert_eq!(first.cached_data_rejected(), None);
    let data = rt.with_ctx(|ctx| first.cached_data(&ctx)).unwrap();
    let with_data = |d: Vec<u8>, source: &str| {
        rt.compile(
            source,
            ScriptOptions {
                cached_data: Some(d),
                ..opts("fib.js", 0, 0)
            },
        )
        .unwrap()
    };
    let accepted = with_data(data.clone(), src);
    assert_eq!(accepted.cached_data_rejected(), Some(false));
    // The cheap check for data a script already holds: its own, by header and length.
    assert!(first.holds_cached_data(&data) && accepted.holds_cached_data(&data));
    let mut other_header = data.clone();
    other_header[12] ^= 1;
    assert!(!first.holds_cached_data(&other_header));
    assert!(!first.holds_cached_data(&data[..data.len() - 1]));
    assert!(!rt
        .compile("1", opts("x.js", 0, 0))
        .unwrap()
        .holds_cached_data(&data));
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    assert_eq!(ctx.run::<i32>(&accepted, &Default::default()).unwrap(), 610);
    // another source: rejected, and the script still compiles from source
    let other = with_data(data.clone(), "21 * 2");
    assert_eq!(other.cached_data_rejected(), Some(true));
    assert_eq!(ctx.run::<i32>(&other, &Default::default()).unwrap(), 42);
    // garbage, truncation and corruption: rejected, never crashes
    assert_eq!(
        with_data(b"garbage".to_vec(), src).cached_data_rejected(),
        Some(true)
    );
    assert_eq!(with_data(vec![], src).cached_data_rejected(), Some(true));
    for cut in [1, 10, 40, data.len() / 2, data.len() - 1] {
        let s = with_data(data[..cut].to_vec(), src);
        assert_eq!(s.cached_data_rejected(), Some(true));
        assert_eq!(ctx.run::<i32>(&s, &Default::default()).unwrap(), 610);
    }
    let mut state: u64 = 0x9e3779b97f4a7c15;
    for _ in 0..500 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let mut bad = data.clone();
        let i = (state as usize) % bad.len();
        bad[i] = bad[i].wrapping_add(1 + (state >> 32) as u8 % 255);
        let s = with_data(bad, src);
        assert_eq!(s.cached_data_rejected(), Some(true));
    }
}

#[test]
fn compile_function_with_params_extensions_and_parsing_context() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let f = compile_function(&ctx, "return a * b", &["a", "b"], Default::default())
            .unwrap()
            .function;
        assert_eq!(f.call::<_, i32>((6, 7)).unwrap(), 42);

        let ext: Object = ctx.eval("({ greeting: 'hi', n: 2 })").unwrap();
        let f = compile_function(
            &ctx,
            "return greeting + ' ' + name + n",
            &["name"],
            FunctionOptions {
                context_extensions: vec![ext],
                ..Default::default()
            },
        )
        .unwrap()
        .function;
        assert_eq!(f.call::<_, String>(("bob",)).unwrap(), "hi bob2");

        let sandbox: Object = ctx.eval("({ secret: 7 })").unwrap();
        let pc = ContextHandle::create(&ctx, Some(sandbox), &Default::default()).unwrap();
        let f = compile_function(
            &ctx,
            "return [secret, [] instanceof Array]",
            &[],
            FunctionOptions {
                parsing_context: Some(pc),
                ..Default::default()
            },
        )
        .unwrap()
        .function;
        let main_array: Function = ctx
            .eval("(v) => [v[0], v[1], v instanceof Array].join()")
            .unwrap();
        let v: jsvm::engine::rquickjs::Value = f.call(()).unwrap();
        assert_eq!(main_array.call::<_, String>((v,)).unwrap(), "7,true,false");
    });
}

#[test]
fn compile_function_body_cannot_escape_its_wrapper() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        ctx.globals().set("escaped", false).unwrap();
        let r = compile_function(
            &ctx,
            "}); escaped = true; (function () {",
            &[],
            Default::default(),
        );
        assert!(matches!(r, Err(Error::Syntax(_))), "{:?}", r.err());
        let escaped: bool = ctx.globals().get("escaped").unwrap();
        assert!(!escaped);
        let r = compile_function(
            &ctx,
            "return 1",
            &["a) { escaped = true }; (function (b"],
            Default::default(),
        );
        assert!(r.is_err());
        assert!(!ctx.globals().get::<_, bool>("escaped").unwrap());
    });
}

#[test]
fn compile_function_errors_point_into_the_body() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let f = compile_function(
            &ctx,
            "\nthrow new Error('in body')",
            &[],
            FunctionOptions {
                filename: Some("fn.js".into()),
                ..Default::default()
            },
        )
        .unwrap()
        .function;
        f.call::<_, ()>(()).unwrap_err();
        let e = ctx.catch();
        let stack: String = e.as_object().unwrap().get("stack").unwrap();
        assert!(stack.contains("fn.js:2:"), "{stack:?}");
    });
}

#[test]
fn code_generation_strings_false_forbids_eval_and_function() {
    let rt = Runtime::new().unwrap();
    let ctx = rt
        .new_empty_context(jsvm::ContextOptions {
            code_generation: jsvm::CodeGeneration {
                strings: false,
                wasm: true,
            },
            ..Default::default()
        })
        .unwrap();
    let out: Vec<String> = ctx
        .eval(
            "[() => eval('1'), () => new Function('return 1'), () => (function(){}).constructor('return 1')(),
              () => Object.getPrototypeOf(async function(){}).constructor('return 1')]
             .map(f => { try { f(); return 'allowed' } catch (e) { return e.name + ': ' + e.message } })",
        )
        .unwrap();
    for o in &out {
        assert_eq!(
            o,
            "EvalError: Code generation from strings disallowed for this context"
        );
    }
    // ordinary code still runs
    assert_eq!(ctx.eval::<i32>("[1, 2].map(x => x * 2)[1]").unwrap(), 4);
}

#[test]
fn host_functions_convert_arguments_and_errors() {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.register("add", |(a, b): (f64, f64)| Ok::<_, String>(a + b))
        .unwrap();
    ctx.register("fail", |(): ()| Err::<(), _>("host said no"))
        .unwrap();
    assert_eq!(ctx.eval::<f64>("add(2, 3)").unwrap(), 5.0);
    let msg: String = ctx.eval("try { fail() } catch (e) { e.message }").unwrap();
    assert_eq!(msg, "host said no");
    let keys = ctx.keys().unwrap();
    assert_eq!(keys, vec!["add", "fail"]);
}

#[test]
fn memory_usage_is_reported() {
    let rt = Runtime::new().unwrap();
    let before = rt.memory_usage().malloc_size;
    let ctxs: Vec<_> = (0..20)
        .map(|_| rt.new_empty_context(Default::default()).unwrap())
        .collect();
    let after = rt.memory_usage().malloc_size;
    assert!(after > before, "{before} -> {after}");
    drop(ctxs);
}

#[test]
fn repeated_sources_come_from_the_compile_cache_which_stays_bounded() {
    let rt = Runtime::new().unwrap();
    let a = rt.compile("1 + 1", opts("a.js", 0, 0)).unwrap();
    assert!(rt.compile("1 + 1", opts("a.js", 0, 0)).unwrap().same_as(&a));
    assert!(!rt.compile("1 + 1", opts("b.js", 0, 0)).unwrap().same_as(&a));
    assert!(!rt.compile("1 + 1", opts("a.js", 1, 0)).unwrap().same_as(&a));
    // Many distinct sources push the oldest out.
    for i in 0..300 {
        rt.compile(&format!("{i} + 1"), opts("a.js", 0, 0)).unwrap();
    }
    assert!(!rt.compile("1 + 1", opts("a.js", 0, 0)).unwrap().same_as(&a));
    // A large program is not kept for a repeat.
    let big = format!("var x = 1;{}", " ".repeat(3 << 20));
    let first = rt.compile(&big, opts("big.js", 0, 0)).unwrap();
    assert!(!rt
        .compile(&big, opts("big.js", 0, 0))
        .unwrap()
        .same_as(&first));
}

#[test]
fn live_contexts_are_counted_until_collected() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let keep: Vec<_> = (0..5)
            .map(|_| ContextHandle::create(&ctx, None, &Default::default()).unwrap())
            .collect();
        for _ in 0..3 {
            ContextHandle::create(&ctx, None, &Default::default()).unwrap();
        }
        ctx.run_gc();
        assert_eq!(ContextHandle::live_count(&ctx), 5);
        drop(keep);
        ctx.run_gc();
        assert_eq!(ContextHandle::live_count(&ctx), 0);
    });
}

#[test]
fn a_script_gives_back_its_source_whatever_the_offsets() {
    let rt = Runtime::new().unwrap();
    let src = "let é = 1;\n// done";
    for (line, col) in [(0, 0), (-1, 0), (3, 7), (-1, 4)] {
        let s = rt.compile(src, opts("s.js", line, col)).unwrap();
        assert_eq!(s.source(), src, "offsets {line},{col}");
    }
}

#[test]
fn read_only_writes_are_worded_as_v8_words_them_for_constants_only() {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let message = |code: &str| -> String {
        ctx.eval::<String>(&format!(
            "(() => {{ 'use strict'; try {{ {code} }} catch (e) {{ return e.message }} return 'no error' }})()"
        ))
        .unwrap()
    };
    assert_eq!(
        message("const k = 1; k = 2;"),
        "Assignment to constant variable."
    );
    assert_eq!(
        message("const k = 1; k += 2;"),
        "Assignment to constant variable."
    );
    // A read-only property of the global is not a constant: V8 names the object, as the
    // global's setter does for one a script defined, and for the engine's own read-only
    // globals (a context that is not the main one's global shows as no class's).
    ctx.eval::<()>("Object.defineProperty(globalThis, 'ro', { value: 1 })")
        .unwrap();
    assert_eq!(
        message("ro = 2;"),
        "Cannot assign to read only property 'ro' of object '[object Object]'"
    );
    assert_eq!(
        message("undefined = 2;"),
        "Cannot assign to read only property 'undefined' of object '[object Object]'"
    );
}
