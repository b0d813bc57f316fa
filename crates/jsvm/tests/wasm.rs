//! WebAssembly in the library's realms (src/wasm.rs): calls, memories, imports and traps, and
//! the limits that hold around wasm code: a run's timeout and cancel token, the memory limit,
//! deep recursion, one realm's objects staying its own, and contexts still being collected.
//! The modules are written as bytes (made with wat2wasm from the text in each comment).

use std::time::{Duration, Instant};

use jsvm::engine::ContextHandle;
use jsvm::{CancelToken, Error, RunOptions, Runtime};

/// (module
///   (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
///   (func (export "add64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.add)
///   (func (export "mulf") (param f32 f64) (result f64) local.get 0 f64.promote_f32 local.get 1 f64.mul)
///   (func (export "pair") (param i32) (result i32 i64) local.get 0 local.get 0 i64.extend_i32_s)
///   (func (export "unreachable") unreachable)
///   (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
///   (func (export "load") (param i32) (result i32) local.get 0 i32.load)
///   (memory 1)
///   (func $rec (export "rec") (param i32) (result i32) local.get 0 i32.const 1 i32.add call $rec)
///   (func (export "spin") (loop br 0)))
const BASICS: &str = "new Uint8Array([0,97,115,109,1,0,0,0,1,33,6,96,2,127,127,1,127,96,2,126,126,1,126,96,2,125,124,1,124,96,1,127,2,127,126,96,0,0,96,1,127,1,127,3,10,9,0,1,2,3,4,0,5,5,4,5,3,1,0,1,7,69,9,3,97,100,100,0,0,5,97,100,100,54,52,0,1,4,109,117,108,102,0,2,4,112,97,105,114,0,3,11,117,110,114,101,97,99,104,97,98,108,101,0,4,3,100,105,118,0,5,4,108,111,97,100,0,6,3,114,101,99,0,7,4,115,112,105,110,0,8,10,72,9,7,0,32,0,32,1,106,11,7,0,32,0,32,1,124,11,8,0,32,0,187,32,1,162,11,7,0,32,0,32,0,172,11,3,0,0,11,7,0,32,0,32,1,109,11,7,0,32,0,40,2,0,11,9,0,32,0,65,1,106,16,7,11,7,0,3,64,12,0,11,11])";

/// (module
///   (import "env" "log" (func $log (param i32 i64)))
///   (import "env" "twice" (func $twice (param i32) (result i32)))
///   (memory (export "mem") 1 4)
///   (func (export "store") (param i32 i32) local.get 0 local.get 1 i32.store8)
///   (func (export "sum") (param i32 i32) (result i32) ...sums arg1 bytes from arg0...)
///   (func (export "callLog") (param i32) ...calls $log with arg0 and arg0 * 10^12...)
///   (func (export "useTwice") (param i32) (result i32) local.get 0 call $twice i32.const 1 i32.add)
///   (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
///   (func (export "size") (result i32) memory.size))
const MEMORY: &str = "new Uint8Array([0,97,115,109,1,0,0,0,1,30,6,96,2,127,126,0,96,1,127,1,127,96,2,127,127,0,96,2,127,127,1,127,96,1,127,0,96,0,1,127,2,23,2,3,101,110,118,3,108,111,103,0,0,3,101,110,118,5,116,119,105,99,101,0,1,3,7,6,2,3,4,1,1,5,5,4,1,1,1,4,7,56,7,3,109,101,109,2,0,5,115,116,111,114,101,0,2,3,115,117,109,0,3,7,99,97,108,108,76,111,103,0,4,8,117,115,101,84,119,105,99,101,0,5,4,103,114,111,119,0,6,4,115,105,122,101,0,7,10,95,6,9,0,32,0,32,1,58,0,0,11,43,1,1,127,2,64,3,64,32,1,69,13,1,32,2,32,0,45,0,0,106,33,2,32,0,65,1,106,33,0,32,1,65,1,107,33,1,12,0,11,11,32,2,11,17,0,32,0,32,0,173,66,128,160,148,165,141,29,126,16,0,11,9,0,32,0,16,1,65,1,106,11,6,0,32,0,64,0,11,4,0,63,0,11])";

/// (module
///   (func (export "count") (param i32) (result i32) ...sums n + (n-1) + ... + 1 in a loop...)
///   (func (export "spin") (loop br 0))
///   (memory (export "mem") 1)
///   (func (export "bomb") (result i32) (loop (memory.grow (i32.const 1)) i32.const -1 i32.ne br_if 0) memory.size))
const LOOPS: &str = "new Uint8Array([0,97,115,109,1,0,0,0,1,13,3,96,1,127,1,127,96,0,0,96,0,1,127,3,4,3,0,1,2,5,3,1,0,1,7,29,4,5,99,111,117,110,116,0,0,4,115,112,105,110,0,1,3,109,101,109,2,0,4,98,111,109,98,0,2,10,60,3,33,1,1,127,2,64,3,64,32,0,69,13,1,32,1,32,0,106,33,1,32,0,65,1,107,33,0,12,0,11,11,32,1,11,7,0,3,64,12,0,11,11,16,0,3,64,65,1,64,0,65,127,71,13,0,11,63,0,11])";

/// (module (import "env" "hello" (func $hello (param i32))) (func $s i32.const 42 call $hello) (start $s))
const START: &str = "new Uint8Array([0,97,115,109,1,0,0,0,1,8,2,96,1,127,0,96,0,0,2,13,1,3,101,110,118,5,104,101,108,108,111,0,0,3,2,1,1,8,1,1,10,8,1,6,0,65,42,16,0,11])";

/// (module (func $s (loop br 0)) (start $s)): a start function that never ends.
const START_SPIN: &str =
    "new Uint8Array([0,97,115,109,1,0,0,0,1,4,1,96,0,0,3,2,1,0,8,1,0,10,9,1,7,0,3,64,12,0,11,11])";

fn instance(bytes: &str, imports: &str) -> String {
    format!("new WebAssembly.Instance(new WebAssembly.Module({bytes}), {imports}).exports")
}

fn timeout(ms: u64) -> RunOptions {
    RunOptions {
        timeout_ms: Some(ms),
        ..Default::default()
    }
}

fn thrown(e: Error) -> (String, String) {
    match e {
        Error::Thrown(t) => (t.name, t.message),
        other => panic!("not thrown: {other:?}"),
    }
}

#[test]
fn an_exported_add_function_is_called_with_each_value_type() {
    let rt = Runtime::new().unwrap();
    let ctx = rt
        .new_context(&serde_json::json!({}), Default::default())
        .unwrap();
    ctx.eval::<()>(&format!("globalThis.x = {}", instance(BASICS, "{}")))
        .unwrap();
    assert_eq!(ctx.eval::<i32>("x.add(40, 2)").unwrap(), 42);
    assert_eq!(ctx.eval::<i32>("x.add(2 ** 31, 1)").unwrap(), -2147483647);
    assert_eq!(
        ctx.eval::<String>("String(x.add64(2n ** 63n - 1n, 1n))")
            .unwrap(),
        "-9223372036854775808"
    );
    assert_eq!(ctx.eval::<f64>("x.mulf(1.5, 2)").unwrap(), 3.0);
    assert_eq!(
        ctx.eval::<String>(
            "JSON.stringify(x.pair(-5), (k, v) => typeof v === 'bigint' ? `${v}n` : v)"
        )
        .unwrap(),
        "[-5,\"-5n\"]"
    );
    assert_eq!(
        thrown(ctx.eval::<()>("x.add64(1, 2)").unwrap_err()),
        ("TypeError".into(), "Cannot convert 1 to a BigInt".into())
    );
}

#[test]
fn traps_are_runtime_errors_with_v8_s_messages() {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.eval::<()>(&format!("globalThis.x = {}", instance(BASICS, "{}")))
        .unwrap();
    for (call, message) in [
        ("x.unreachable()", "unreachable"),
        ("x.div(1, 0)", "divide by zero"),
        ("x.div(-(2 ** 31), -1)", "divide result unrepresentable"),
        ("x.load(65536)", "memory access out of bounds"),
    ] {
        assert_eq!(
            thrown(ctx.eval::<()>(call).unwrap_err()),
            ("RuntimeError".into(), message.into()),
            "{call}"
        );
    }
    assert!(ctx
        .eval::<bool>("try { x.unreachable() } catch (e) { e instanceof WebAssembly.RuntimeError && e instanceof Error }")
        .unwrap());
}

#[test]
fn deep_wasm_recursion_is_a_range_error() {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.eval::<()>(&format!("globalThis.x = {}", instance(BASICS, "{}")))
        .unwrap();
    assert_eq!(
        ctx.eval::<()>("x.rec(0)").unwrap_err(),
        Error::StackOverflow
    );
    assert_eq!(
        ctx.eval::<String>(
            "try { x.rec(0) } catch (e) { `${e instanceof RangeError} ${e.message}` }"
        )
        .unwrap(),
        "true Maximum call stack size exceeded"
    );
    // Recursion through JavaScript and wasm in turn ends as JavaScript's does.
    ctx.eval::<()>(&format!(
        "globalThis.y = {}",
        instance(MEMORY, "{ env: { log() {}, twice: (n) => y.useTwice(n) } }")
    ))
    .unwrap();
    let err = ctx.eval::<()>("y.useTwice(1)").unwrap_err();
    assert_eq!(err, Error::StackOverflow);
    assert_eq!(ctx.eval::<i32>("x.add(1, 1)").unwrap(), 2);
}

#[test]
fn memory_is_read_and_written_from_javascript_and_growth_detaches_the_buffer() {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.eval::<()>(&format!(
        "globalThis.x = {}",
        instance(MEMORY, "{ env: { log() {}, twice: (n) => n } }")
    ))
    .unwrap();
    assert_eq!(
        ctx.eval::<i32>("const v = new Uint8Array(x.mem.buffer); v.set([5, 6, 7]); x.sum(0, 3)")
            .unwrap(),
        18
    );
    assert_eq!(ctx.eval::<i32>("x.store(3, 300); v[3]").unwrap(), 44);
    assert_eq!(
        ctx.eval::<String>(
            "const b = x.mem.buffer; const old = x.mem.grow(1); \
             [old, b.byteLength, v.length, x.mem.buffer.byteLength, x.mem.buffer === x.mem.buffer].join()"
        )
        .unwrap(),
        "1,0,0,131072,true"
    );
    // Growth from wasm code detaches the buffer handed out before it.
    assert_eq!(
        ctx.eval::<String>("const c = x.mem.buffer; [x.grow(1), c.byteLength, x.mem.buffer.byteLength, new Uint8Array(x.mem.buffer)[3]].join()")
            .unwrap(),
        "2,0,196608,44"
    );
}

#[test]
fn imported_javascript_functions_are_called_from_wasm() {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.eval::<()>(&format!(
        "globalThis.seen = []; globalThis.x = {}",
        instance(
            MEMORY,
            "{ env: { log: (a, b) => seen.push(`${a}:${b}:${typeof b}`), twice: (n) => n * 2 } }"
        )
    ))
    .unwrap();
    assert_eq!(ctx.eval::<i32>("x.useTwice(20)").unwrap(), 41);
    assert_eq!(
        ctx.eval::<String>("x.callLog(7); seen.join()").unwrap(),
        "7:7000000000000:bigint"
    );
    // An import's exception goes through the wasm frames to the caller.
    ctx.eval::<()>(&format!(
        "globalThis.z = {}",
        instance(
            MEMORY,
            "{ env: { log() {}, twice() { throw new TypeError('mine') } } }"
        )
    ))
    .unwrap();
    assert_eq!(
        thrown(ctx.eval::<()>("z.useTwice(1)").unwrap_err()),
        ("TypeError".into(), "mine".into())
    );
    // A start function runs at instantiation, calling its import.
    assert_eq!(
        ctx.eval::<String>(&format!(
            "const got = []; {}; got.join()",
            instance(START, "{ env: { hello: (n) => got.push(n) } }")
        ))
        .unwrap(),
        "42"
    );
}

#[test]
fn a_timeout_stops_an_infinite_wasm_loop() {
    let rt = Runtime::new().unwrap();
    let other = rt.new_empty_context(Default::default()).unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.eval::<()>(&format!("globalThis.x = {}", instance(LOOPS, "{}")))
        .unwrap();
    let script = rt
        .compile(
            "try { x.spin() } catch (e) { 'caught' }",
            Default::default(),
        )
        .unwrap();
    let start = Instant::now();
    let err = ctx.run::<String>(&script, &timeout(50)).unwrap_err();
    assert_eq!(err, Error::Timeout { ms: 50 });
    assert!(
        start.elapsed() < Duration::from_millis(500),
        "took {:?}",
        start.elapsed()
    );
    // A start function that never ends is stopped too.
    let start = Instant::now();
    let script = rt
        .compile(&instance(START_SPIN, "{}"), Default::default())
        .unwrap();
    let err = ctx
        .run::<serde::de::IgnoredAny>(&script, &timeout(50))
        .unwrap_err();
    assert_eq!(err, Error::Timeout { ms: 50 });
    assert!(
        start.elapsed() < Duration::from_millis(500),
        "took {:?}",
        start.elapsed()
    );
    // The store is usable after the stop, and so is the runtime.
    assert_eq!(ctx.eval::<i32>("x.count(10)").unwrap(), 55);
    assert_eq!(other.eval::<i32>("1 + 1").unwrap(), 2);
}

#[test]
fn a_cancel_token_stops_wasm_code() {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.eval::<()>(&format!("globalThis.x = {}", instance(LOOPS, "{}")))
        .unwrap();
    let token = CancelToken::new();
    let t = token.clone();
    let canceller = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(30));
        t.cancel();
    });
    let script = rt.compile("x.spin()", Default::default()).unwrap();
    let err = ctx
        .run::<()>(
            &script,
            &RunOptions {
                cancel: Some(token),
                ..Default::default()
            },
        )
        .unwrap_err();
    canceller.join().unwrap();
    assert_eq!(err, Error::Interrupted);
}

#[test]
fn wasm_memory_counts_against_the_memory_limit() {
    let rt = Runtime::builder().memory_limit(64 << 20).build().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    // 2 GiB at once: refused as V8 refuses what it cannot allocate.
    assert_eq!(
        thrown(
            ctx.eval::<()>("new WebAssembly.Memory({ initial: 32768 })")
                .unwrap_err()
        ),
        (
            "RangeError".into(),
            "WebAssembly.Memory(): could not allocate memory".into()
        )
    );
    // Growing from JavaScript stops at the limit.
    let (name, message) = thrown(
        ctx.eval::<()>("const m = new WebAssembly.Memory({ initial: 1 }); for (;;) m.grow(16)")
            .unwrap_err(),
    );
    assert_eq!(
        (name.as_str(), message.as_str()),
        (
            "RangeError",
            "WebAssembly.Memory.grow(): Unable to grow instance memory"
        )
    );
    // Growing from wasm code: memory.grow answers -1 at the limit.
    ctx.eval::<()>(&format!("globalThis.x = {}", instance(LOOPS, "{}")))
        .unwrap();
    let pages = ctx.eval::<i32>("x.bomb()").unwrap();
    assert!(pages > 1 && pages * 65536 < 64 << 20, "{pages} pages");
    // What the memories hold is the runtime's: JavaScript meets the limit sooner.
    let err = ctx
        .eval::<()>("const a = []; for (;;) a.push(new Array(100000).fill(1.5))")
        .unwrap_err();
    assert_eq!(err, Error::OutOfMemory);
}

#[test]
fn a_memory_limit_refuses_an_instance_whose_memory_is_too_big() {
    let rt = Runtime::builder().memory_limit(16 << 20).build().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    // (module (memory 1000)): 62.5 MiB.
    let big = "new Uint8Array([0,97,115,109,1,0,0,0,5,4,1,0,232,7])";
    let (name, message) = thrown(ctx.eval::<()>(&instance(big, "{}")).unwrap_err());
    assert_eq!(name, "RangeError", "{message}");
    assert!(message.contains("Out of memory"), "{message}");
    assert_eq!(ctx.eval::<i32>("1 + 1").unwrap(), 2);
}

#[test]
fn an_exported_function_belongs_to_its_realm() {
    let rt = Runtime::new().unwrap();
    let a = rt
        .new_context(&serde_json::json!({}), Default::default())
        .unwrap();
    assert!(a
        .eval::<bool>(&format!(
            "const f = {}.add; Object.getPrototypeOf(f) === Function.prototype && f.constructor === Function",
            instance(BASICS, "{}")
        ))
        .unwrap());
}

#[test]
fn contexts_using_wasm_are_collected() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| ctx.run_gc());
    let before = rt.with_ctx(|ctx| ContextHandle::live_count(&ctx));
    let before_bytes = rt.memory_usage().malloc_size;
    for _ in 0..20 {
        let c = rt.new_empty_context(Default::default()).unwrap();
        // Imports point back at the context's own functions: a cycle through the store.
        c.eval::<()>(&format!(
            "globalThis.x = {}; globalThis.keep = x; x.mem.buffer; x.useTwice(1)",
            instance(MEMORY, "{ env: { log() {}, twice: (n) => x.size() + n } }")
        ))
        .unwrap();
    }
    rt.with_ctx(|ctx| ctx.run_gc());
    assert_eq!(rt.with_ctx(|ctx| ContextHandle::live_count(&ctx)), before);
    let after_bytes = rt.memory_usage().malloc_size;
    // 20 memories of 64 KiB would be 1.3 MB.
    assert!(
        after_bytes < before_bytes + (512 << 10),
        "{before_bytes} -> {after_bytes}"
    );
}

#[test]
fn a_buffer_over_wasm_memory_cannot_be_transferred() {
    let rt = Runtime::new().unwrap();
    let refused =
        "TypeError Cannot perform ArrayBuffer.prototype.transfer on a non-detachable ArrayBuffer";
    let check = "const m = new WebAssembly.Memory({ initial: 1, maximum: 2 }); const b = m.buffer; \
        let r; try { b.transfer(); r = 'transferred' } catch (e) { r = `${e.name} ${e.message}` } \
        m.grow(1); [r, b.byteLength, m.buffer.byteLength, new ArrayBuffer(4).transfer().byteLength].join()";
    let want = format!("{refused},0,131072,4");
    // The main realm (made whole) and a context's (typed arrays made on first use).
    assert_eq!(rt.main_context().eval::<String>(check).unwrap(), want);
    let ctx = rt
        .new_context(&serde_json::json!({}), Default::default())
        .unwrap();
    assert_eq!(ctx.eval::<String>(check).unwrap(), want);
    // Every method that detaches its receiver refuses a memory's buffer (transferToImmutable's
    // buffer kept the bytes the memory freed when it grew).
    let each = "const mem = new WebAssembly.Memory({ initial: 1, maximum: 100 }); \
        Object.getOwnPropertyNames(ArrayBuffer.prototype).filter((n) => n.startsWith('transfer')) \
        .map((n) => { try { const b = mem.buffer[n](); mem.grow(60); return n + ' moved ' + b.byteLength } \
        catch (e) { return n + ' ' + e.name } }).join()";
    assert_eq!(
        ctx.eval::<String>(each).unwrap(),
        "transfer TypeError,transferToImmutable TypeError,transferToFixedLength TypeError"
    );
}

#[test]
fn codegen_wasm_false_refuses_compilation_from_bytes() {
    let rt = Runtime::new().unwrap();
    let options = jsvm::ContextOptions {
        code_generation: jsvm::CodeGeneration {
            strings: true,
            wasm: false,
        },
        ..Default::default()
    };
    let ctx = rt.new_empty_context(options).unwrap();
    assert_eq!(
        thrown(
            ctx.eval::<()>(&format!("new WebAssembly.Module({BASICS})"))
                .unwrap_err()
        ),
        (
            "CompileError".into(),
            "WebAssembly.Module(): Wasm code generation disallowed by embedder".into()
        )
    );
    // Validation compiles nothing.
    assert!(ctx
        .eval::<bool>(&format!("WebAssembly.validate({BASICS})"))
        .unwrap());
    let other = rt.new_empty_context(Default::default()).unwrap();
    assert!(other
        .eval::<bool>(&format!(
            "new WebAssembly.Module({BASICS}) instanceof WebAssembly.Module"
        ))
        .unwrap());
}

/// (module (type (func (result i32))) (import "js" "t" (table 1 funcref))
///   (func (export "call") (param i32) (result i32) local.get 0 call_indirect (type 0)))
const CALLER: &str = "new Uint8Array([0,97,115,109,1,0,0,0,1,10,2,96,0,1,127,96,1,127,1,127,2,10,1,2,106,115,1,116,1,112,0,1,3,2,1,1,7,8,1,4,99,97,108,108,0,0,10,9,1,7,0,32,0,17,0,0,11])";

/// (module (type (func (result i32))) (table (export "table") 2 funcref)
///   (func (result i32) i32.const 7) (func (result i32) i32.const 9) (elem (i32.const 0) 0 1))
const TABLED: &str = "new Uint8Array([0,97,115,109,1,0,0,0,1,5,1,96,0,1,127,3,3,2,0,0,4,4,1,112,0,2,7,9,1,5,116,97,98,108,101,1,0,9,8,1,0,65,0,11,2,0,1,10,11,2,4,0,65,7,11,4,0,65,9,11])";

#[test]
fn tables_hold_their_realm_s_functions_and_grow_within_the_memory_limit() {
    let rt = Runtime::builder().memory_limit(32 << 20).build().unwrap();
    let a = rt.new_empty_context(Default::default()).unwrap();
    let b = rt.new_empty_context(Default::default()).unwrap();
    // Within a realm: an exported table's elements are the instance's functions, one object
    // each, and another module calls through the table.
    let out = a
        .eval::<String>(&format!(
            "const t = {}.table; const t2 = new WebAssembly.Table({{ initial: 1, element: 'anyfunc' }});
             t2.set(0, t.get(1)); const c = {};
             [t.get(0)(), t.get(0) === t.get(0), c.call(0)].join()",
            instance(TABLED, "{}"),
            instance(CALLER, "{ js: { t: t2 } }")
        ))
        .unwrap();
    assert_eq!(out, "7,true,9");
    // Only wasm functions go in: a JavaScript function is refused with V8's error; the other
    // realm (whose store holds its own functions) is not disturbed.
    let err = a
        .eval::<String>("try { t2.set(0, () => 1); 'set' } catch (e) { e.name + ': ' + e.message }")
        .unwrap();
    assert_eq!(err, "TypeError: WebAssembly.Table.set(): Argument 1 is invalid for table: function-typed object must be null (if nullable) or a Wasm function object");
    assert_eq!(
        b.eval::<i32>(&format!("{}.table.get(0)()", instance(TABLED, "{}")))
            .unwrap(),
        7
    );
    // Growing stops at the memory limit with V8's error, and the realm still works.
    let (name, message) = thrown(
        a.eval::<()>("const g = new WebAssembly.Table({ initial: 1, element: 'anyfunc' }); for (;;) g.grow(1000000)")
            .unwrap_err(),
    );
    assert_eq!(name, "RangeError", "{message}");
    assert!(
        message.starts_with("WebAssembly.Table.grow(): failed to grow table by"),
        "{message}"
    );
    assert_eq!(a.eval::<i32>("t.get(1)()").unwrap(), 9);
}

#[test]
fn sizes_and_indices_past_u32_are_v8_s_type_errors() {
    // V8 reads each index, size and delta as an `[EnforceRange] unsigned long`: past 2^32 - 1
    // a TypeError, before any bound of the table or memory (which are RangeErrors).
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let out = ctx
        .eval::<String>(
            "const t = new WebAssembly.Table({ element: 'anyfunc', initial: 1 });
             const m = new WebAssembly.Memory({ initial: 1 });
             const limited = new WebAssembly.Memory({ initial: 1, maximum: 2 });
             [() => t.grow(2 ** 32), () => t.get(2 ** 32), () => t.set(1e300, null),
              () => new WebAssembly.Table({ element: 'anyfunc', initial: 2 ** 32 }),
              () => new WebAssembly.Memory({ initial: 2 ** 32 }), () => m.grow(2 ** 32),
              () => m.grow(-1), () => m.grow(NaN), () => m.grow(70000), () => limited.grow(5),
              () => t.grow(1.5e7), () => t.get(5)]
               .map((f) => { try { return String(f()) } catch (e) { return e.name + ': ' + e.message } })
               .join('\\n')",
        )
        .unwrap();
    assert_eq!(
        out,
        "TypeError: WebAssembly.Table.grow(): Argument 0 must be in the unsigned long range
TypeError: WebAssembly.Table.get(): Argument 0 must be in the unsigned long range
TypeError: WebAssembly.Table.set(): Argument 0 must be in the unsigned long range
TypeError: WebAssembly.Table(): Property 'initial' must be in the unsigned long range
TypeError: WebAssembly.Memory(): Property 'initial' must be in the unsigned long range
TypeError: WebAssembly.Memory.grow(): Argument 0 must be in the unsigned long range
TypeError: WebAssembly.Memory.grow(): Argument 0 must be non-negative
TypeError: WebAssembly.Memory.grow(): Argument 0 must be convertible to a valid number
RangeError: WebAssembly.Memory.grow(): Unable to grow instance memory
RangeError: WebAssembly.Memory.grow(): Maximum memory size exceeded
RangeError: WebAssembly.Table.grow(): failed to grow table by 15000000
RangeError: WebAssembly.Table.get(): invalid index 5 into function table"
    );
}
