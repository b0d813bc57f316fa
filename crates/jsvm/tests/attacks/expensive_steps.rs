//! Issue 10, item 3: the timeout holds when one engine step is expensive.

use std::time::{Duration, Instant};

use jsvm::{Error, RunOptions, Runtime};

use crate::attack;
use crate::harness::assert_within_twice;

const LIMIT: Duration = Duration::from_millis(200);

fn assert_stops(source: &str) {
    let rt = Runtime::builder().memory_limit(256 << 20).build().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let script = rt.compile(source, Default::default()).unwrap();
    let options = RunOptions {
        timeout_ms: Some(LIMIT.as_millis() as u64),
        ..Default::default()
    };
    let start = Instant::now();
    let err = ctx
        .run::<serde::de::IgnoredAny>(&script, &options)
        .unwrap_err();
    let took = start.elapsed();
    assert_eq!(err, Error::Timeout { ms: 200 }, "{source}");
    assert_within_twice(took, LIMIT);
    assert_eq!(ctx.eval::<i32>("1 + 1").unwrap(), 2);
}

attack!(eval_of_a_large_source_in_a_loop, {
    assert_stops("const src = 'var x = 1;'.repeat(40000); for (;;) eval(src)");
});

attack!(function_constructor_of_a_huge_body, {
    assert_stops("const src = 'var x = 1;'.repeat(700000); for (;;) Function(src)");
});

/// How long one run of `source` (no limit) takes: one engine step, for the cases below.
fn one_step(source: &str) -> Duration {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.eval::<()>("globalThis.half = 3n ** 300000n").unwrap();
    let start = Instant::now();
    ctx.eval::<serde::de::IgnoredAny>(source).unwrap();
    start.elapsed()
}

/// Like `assert_stops`, for code whose single steps are longer than the limit: the run must
/// stop within twice the limit plus one such step.
fn assert_stops_after_one_step(source: &str, step: Duration) {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.eval::<()>("globalThis.half = 3n ** 300000n").unwrap();
    let script = rt.compile(source, Default::default()).unwrap();
    let options = RunOptions {
        timeout_ms: Some(LIMIT.as_millis() as u64),
        ..Default::default()
    };
    let start = Instant::now();
    let err = ctx.run::<()>(&script, &options).unwrap_err();
    assert_eq!(err, Error::Timeout { ms: 200 }, "{source}");
    assert_within_twice(start.elapsed(), LIMIT + step);
}

// Known limit (docs/security.md): one BigInt operation is one engine step that neither polls
// nor allocates inside: a product of two ~475 kbit numbers takes about 0.4 s here, and a
// decimal conversion of a ~1 Mbit one about 3.5 s. What holds: the run stops right after it.

attack!(bigint_multiplication_loop, {
    let step = one_step("half * half; 0");
    assert_stops_after_one_step("const a = half; for (;;) a * a", step);
});

attack!(bigint_power, {
    let step = one_step("half * half; 0");
    assert_stops_after_one_step("for (;;) 3n ** 600000n", step);
});

attack!(bigint_power_then_decimal_string, {
    // The decimal conversion is a step of its own: when the power ends before the deadline's
    // grace (a fast machine), the conversion starts and runs to its end before anything polls
    // (the known limit above). The run must stop right after it, with the timeout.
    let step = one_step("String(3n ** 600000n).length");
    assert_stops_after_one_step("String(3n ** 600000n)", step);
});

attack!(decimal_strings_of_a_huge_bigint_stop_after_one, {
    let step = one_step("String(half * half).length");
    assert_stops_after_one_step("const b = half * half; for (;;) String(b)", step);
});

attack!(json_of_huge_inputs, {
    assert_stops(
        "const a = new Array(1e6).fill('xxxxxxxx'); for (;;) JSON.parse(JSON.stringify(a))",
    );
});

attack!(join_sort_repeat_of_huge_inputs, {
    assert_stops("const a = Array.from({ length: 2e6 }, (_, i) => String(i)); for (;;) { a.join(); a.sort(); 'ab'.repeat(1e7) }");
});

attack!(shared_buffers_zeroed_in_a_loop, {
    // The engine zeroes a SharedArrayBuffer in one step, and its memory comes from the
    // library's sharing hook, not the engine allocator: the hook refused nothing to an overdue
    // run, so a loop making and dropping 64 MiB buffers ran on for a poll period of the engine
    // (thousands of such steps, tens of seconds).
    let rt = Runtime::builder().shared_memory(true).build().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let script = rt
        .compile(
            "let k; for (;;) k = new SharedArrayBuffer(2 ** 26)",
            Default::default(),
        )
        .unwrap();
    let options = RunOptions {
        timeout_ms: Some(LIMIT.as_millis() as u64),
        ..Default::default()
    };
    let start = Instant::now();
    let err = ctx.run::<()>(&script, &options).unwrap_err();
    assert_eq!(err, Error::Timeout { ms: 200 });
    assert_within_twice(start.elapsed(), LIMIT);
    assert_eq!(ctx.eval::<i32>("1 + 1").unwrap(), 2);
});

attack!(a_loop_of_steps_that_neither_allocate_nor_poll, {
    // Each call is a step of milliseconds that allocates nothing (no memory to refuse): the
    // engine calls the interrupt handler once per 10000 polls (calls, loop turns), so such a
    // loop reached it only after 10000 steps (tens of seconds, minutes in a debug build).
    // While a run has a limit, its realm polls the handler every few dozen.
    assert_stops("const a = Array(3e5).fill(''); for (;;) a.join('')");
    assert_stops("const s = 'a'.repeat(1 << 20); for (;;) s.indexOf('b')");
});

attack!(segmenting_a_long_text, {
    // `Intl.Segmenter` is the library's: its native segmented the whole text in one call, a
    // step of seconds (2 ** 24 characters: seconds) that no timeout stopped.
    // The native now gets windows of the text, one call each.
    assert_stops(
        "const s = 'a'.repeat(2 ** 24); for (;;) new Intl.Segmenter('en').segment(s).containing(5)",
    );
    assert_stops("const s = 'ab. '.repeat(2 ** 20); for (const g of ['word', 'sentence']) new Intl.Segmenter('en', { granularity: g }).segment(s).containing(5); for (;;);");
});

attack!(stacks_of_frames_on_a_long_source_line, {
    // The library's stack formatter settles each frame against its source line (V8's
    // columns): it copied and scanned the whole line for every frame, so 64 frames on a line
    // of 4 MiB were one step of tens of seconds that no timeout stopped. Frames alike are now
    // settled once, and the lines read per stack have a budget.
    let pad = "x".repeat(4 << 20);
    assert_stops(&format!(
        "const s = '{pad}'; Error.stackTraceLimit = Infinity; \
         const f = (n) => n ? f(n - 1) : new Error().stack; for (;;) f(100)"
    ));
    assert_stops(&format!(
        "const s = '{pad}'; Error.stackTraceLimit = Infinity; \
         const g = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => (n) => n ? g[(n + k) % 8](n - 1) : new Error().stack); for (;;) g[0](60)"
    ));
});

attack!(syntax_errors_of_long_eval_code_in_a_loop, {
    // A syntax error's stack is settled against the source of the code compiled (V8's columns
    // and wording): an eval's text was read and settled whatever its size, outside the line
    // budget of the stack's other frames, so each error in 4 MiB of eval code was a step of
    // seconds (in a debug build) that no timeout stops.
    for code in [
        "const s = 'x'.repeat(1 << 22) + ' +'; for (;;) try { eval(s) } catch {}",
        "const s = 'let a; ' + ' '.repeat(1 << 22) + 'let a;'; for (;;) try { eval(s) } catch {}",
        "const s = 'a'.repeat(1 << 22) + ' ]'; for (;;) try { Function(s) } catch {}",
    ] {
        assert_stops(code);
    }
});

attack!(replacing_every_match_of_a_long_string_with_nothing, {
    // The engine's `replaceAll` loop appends the text between matches and the replacement: with
    // an empty replacement nothing is allocated (appends of nothing; failed ones are ignored),
    // so a string of 2 ** 26 was one step of seconds. A long string's empty replacement is now
    // made by a function, whose calls poll.
    assert_stops("const s = 'a'.repeat(2 ** 26); for (;;) s.replaceAll('', '')");
    assert_stops("const s = 'a'.repeat(2 ** 26); for (;;) s.replaceAll('a', '')");
});
