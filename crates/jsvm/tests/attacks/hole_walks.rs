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
const WALKS: [&str; 27] = [
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
    // Parts `concat` spreads by their flag (array-likes) or through a proxy: the flag is read by
    // the guard, which hands on a proxy only what will be spread.
    "[].concat({ length: 2 ** 31 - 1, [Symbol.isConcatSpreadable]: true })",
    "Array.prototype.concat.call({ length: 2 ** 31 - 1, [Symbol.isConcatSpreadable]: true })",
    "[].concat(Object.create({ length: 2 ** 31 - 1, [Symbol.isConcatSpreadable]: true }))",
    "[].concat(new Proxy(Array(2 ** 31 - 1), {}))",
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
            const o = { length: 3, 0: 'a', 2: 'c', [Symbol.isConcatSpreadable]: true };
            const big = { length: 70001, 70000: 'z', [Symbol.isConcatSpreadable]: true };
            const notSpread = { length: 70001 };
            const arrNo = Array(70001); arrNo[Symbol.isConcatSpreadable] = false;
            let flagReads = 0;
            const counted = { length: 70001, get [Symbol.isConcatSpreadable]() { flagReads++; return true } };
            const r1 = [1].concat(o, 2), r2 = [].concat(big), r3 = [0].concat(notSpread, arrNo);
            const r4 = [].concat(counted), r5 = [].concat(new Proxy(Array(70001).fill(1), {}));
            const revoked = Proxy.revocable([], {}); revoked.revoke();
            let r6; try { [].concat(revoked.proxy) } catch (e) { r6 = e.constructor.name }
            out.push([r1.length, 1 in r1, r1.join(), r2.length, r2[70000], r3.length,
                r3[1] === notSpread, r3[2] === arrNo, r4.length, flagReads, r5.length, r6].join(' '));
            const s = 'ab'.repeat(40000);
            out.push([s.replaceAll('a', '').length, s.replaceAll('', '').length,
                s.replaceAll(/b/g, '').length, 'abc'.replaceAll('b', ''), String.prototype.replaceAll.name,
                String.prototype.replaceAll.length, s.replaceAll('a', '$&$&').length].join());
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
            "5 true 1,a,,c,2 70001 z 3 true true 70001 1 70001 TypeError",
            "40000,80000,40000,ac,replaceAll,2,120000",
        ]
    );
});
