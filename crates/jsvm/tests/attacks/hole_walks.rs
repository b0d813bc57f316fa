//! The engine's array methods walk every index below `length` in C without polling the
//! interrupt handler, and a hole (an absent index) costs a lookup that neither calls code nor
//! allocates: over a sparse array or an array-like of length 2 ** 31 one call was a step of
//! billions of lookups that no timeout, token or memory refusal ended (before hole_walks.rs:
//! each case below ran for minutes). Each must now stop at its timeout, and short receivers
//! keep the engine's results.

use std::time::{Duration, Instant};

use jsvm::{CancelToken, Error, RunOptions, Runtime};

use crate::attack;
use crate::harness::assert_within_twice;

const LIMIT: Duration = Duration::from_millis(200);

/// One walk of ~2 ** 31 holes each: the receiver, arguments, nested arrays, a callback's
/// answer, a replacer list.
const WALKS: [&str; 23] = [
    "Array(2 ** 32 - 1).join('')",
    "Array.prototype.join.call({ length: 2 ** 31 }, '')",
    "String(Array(2 ** 31 - 1))",
    "Array.prototype.toLocaleString.call({ length: 2 ** 31 })",
    "Array(2 ** 31 - 1).reverse()",
    "Array.prototype.reverse.call({ length: 2 ** 31 })",
    "Array(2 ** 31 - 1).copyWithin(0, 1)",
    "Array.prototype.slice.call({ length: 2 ** 31 })",
    "Array(2 ** 31 - 1).splice(0, 0, 1)",
    "Array.prototype.unshift.call({ length: 2 ** 31 }, 1)",
    "Array.prototype.shift.call({ length: 2 ** 31 })",
    "Array(2 ** 31 - 1).sort((a, b) => a - b)",
    "Array.prototype.sort.call(new Proxy({ length: 2 ** 31 }, {}))",
    "Array(2 ** 31 - 1).flat()",
    "[Array(2 ** 31 - 1)].flat()",
    "[[[Array(2 ** 31 - 1)]]].flat(Infinity)",
    "[1].flatMap(() => Array(2 ** 31 - 1))",
    "[].concat(Array(2 ** 31 - 1))",
    "Array(2 ** 31 - 1).concat([])",
    "JSON.stringify({ a: 1 }, Array(2 ** 31 - 1))",
    // The engine ignores its failed appends: a refused allocation did not end this walk either,
    // and a length of 2 ** 53 - 1 made it endless.
    "String.raw({ raw: { length: 2 ** 53 - 1 } })",
    "String.raw({ raw: { length: 2 ** 31 } }, 1, 2)",
    "String.raw({ get raw() { return new Proxy({ length: 2 ** 31 }, {}) } })",
];

attack!(walks_over_holes_stop_at_the_timeout, {
    let rt = Runtime::builder().memory_limit(256 << 20).build().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    for source in WALKS {
        let script = rt.compile(source, Default::default()).unwrap();
        let options = RunOptions {
            timeout_ms: Some(LIMIT.as_millis() as u64),
            ..Default::default()
        };
        let start = Instant::now();
        let err = ctx
            .run::<serde::de::IgnoredAny>(&script, &options)
            .unwrap_err();
        assert_within_twice(start.elapsed(), LIMIT);
        assert_eq!(err, Error::Timeout { ms: 200 }, "{source}");
    }
    assert_eq!(ctx.eval::<i32>("1 + 1").unwrap(), 2);
});

attack!(a_walk_over_holes_stops_at_a_cancel_token, {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let token = CancelToken::new();
    let t = token.clone();
    let canceller = std::thread::spawn(move || {
        std::thread::sleep(LIMIT);
        t.cancel();
    });
    let script = rt
        .compile("Array(2 ** 32 - 1).join('')", Default::default())
        .unwrap();
    let start = Instant::now();
    let options = RunOptions {
        cancel: Some(token),
        ..Default::default()
    };
    let err = ctx.run::<String>(&script, &options).unwrap_err();
    canceller.join().unwrap();
    assert_eq!(err, Error::Interrupted);
    assert_within_twice(start.elapsed(), LIMIT);
});

attack!(guarded_methods_answer_as_the_engine_does, {
    // Long receivers go through the guard, short ones do not: both give the engine's answers,
    // keep the receiver's identity, and the methods keep their names and lengths.
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let got: Vec<String> = ctx
        .eval(
            r#"
            const out = [];
            for (const n of [10, 70000]) {
                const make = () => Array.from({ length: n }, (_, i) => (i * 7919) % 1000);
                const a = make();
                out.push([a.reverse() === a, a[0], a.sort((x, y) => x - y) === a, a[n - 1],
                    a.join('').length, a.slice(2, 5).join(), a.splice(1, 2, 'x').join(), a[1],
                    a.unshift(1), a.shift(), a.copyWithin(0, 3) === a, a[0],
                    [a, [a]].flat(2).length, a.flatMap((x, i, o) => o === a ? [x] : []).length,
                    a.concat(a, 1).length, JSON.stringify({ k: 1, j: 2 }, ['j'])].join(' '));
                const o = { length: n + 1 }; o[n] = 'z'; o[0] = 'y';
                out.push([Array.prototype.reverse.call(o) === o, o[0], o[n],
                    Array.prototype.join.call(o, '').length].join(' '));
            }
            const f = Object.freeze(Array.from({ length: 70000 }));
            try { f.reverse(); } catch (e) { out.push(e.constructor.name); }
            for (const k of ['join', 'flat', 'flatMap', 'concat', 'sort'])
                out.push(k + Array.prototype[k].name + Array.prototype[k].length);
            let reads = 0;
            const long = { length: 70001, 70000: 'z' };
            out.push([String.raw`a${1}b${2}c`, String.raw({ raw: 'abc' }, 1, 2),
                String.raw({ get raw() { reads++; return ['a', 'b'] } }, 1), reads,
                String.raw({ raw: long }).length, String.raw({ raw: 'q'.repeat(70000) }).length,
                String.raw.name, String.raw.length].join(' '));
            for (const t of [undefined, {}, { raw: null }])
                try { String.raw(t) } catch (e) { out.push(e.constructor.name) }
            out
            "#,
        )
        .unwrap();
    assert_eq!(
        got,
        [
            // node v20's answers.
            "true 271 true 919 28 352,433,514 271,352 x 10 1 true 514 18 9 19 {\"j\":2}",
            "true z y 2",
            "true 81 true 999 202300 0,0,0 0,0 x 70000 1 true 0 139998 69999 139999 {\"j\":2}",
            "true z y 2",
            "TypeError",
            "joinjoin1",
            "flatflat0",
            "flatMapflatMap1",
            "concatconcat1",
            "sortsort1",
            "a1b2c a1b2c a1b 1 630001 70000 raw 1",
            "TypeError",
            "TypeError",
            "TypeError",
        ]
    );
});
