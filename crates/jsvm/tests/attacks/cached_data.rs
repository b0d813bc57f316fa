//! Item 7: cached data from a shared store cannot crash the process.
//!
//! The checksum in cached data catches accidents, not forgery: bytecode altered by someone who
//! knows the format, with the checksum recomputed, reaches QuickJS's bytecode reader, which
//! trusts it, and crashes the process (the ignored case below shows it). A runtime with a
//! cached data key rejects data not tagged with its key before the reader sees a byte.

use crate::attack;
use hmac::{Hmac, Mac};
use jsvm::{Runtime, ScriptOptions};
use sha2::Sha256;

const KEY: &[u8] = b"the attack suite's key, 32 bytes";
const OTHER_KEY: &[u8] = b"another key, also of 32 bytes..";
const SOURCE: &str = "function f(a, b) { let x = a; return x + b + 1 } f(20, 21)";
/// The byte of SOURCE's bytecode (compiled under the default filename) that the forgery sets
/// to 0xff: the index operand of a local variable instruction, which then points far outside
/// the function's locals.
const FORGED_BYTE: usize = 95;

// The format, as an attacker knows it (cached_data.rs): magic (6), version (2), tag length
// (1), engine name length (2), engine name, source hash, payload length and checksum (8
// each), tag, payload.
const TAG_LEN_AT: usize = 8;
const ENGINE_LEN_AT: usize = 9;

/// Where the checksum, the tag and the payload start.
fn layout(data: &[u8]) -> (usize, usize, usize) {
    let engine_len = u16::from_le_bytes([data[ENGINE_LEN_AT], data[ENGINE_LEN_AT + 1]]) as usize;
    let checksum_at = ENGINE_LEN_AT + 2 + engine_len + 16;
    let tag_at = checksum_at + 8;
    (checksum_at, tag_at, tag_at + data[TAG_LEN_AT] as usize)
}

/// The format's checksum of one byte string (`cached_data::hash`), copied as an attacker would.
fn checksum(bytes: &[u8]) -> u64 {
    fn mix(h: u64, word: u64) -> u64 {
        (h ^ word)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(31)
    }
    fn word(b: &[u8]) -> u64 {
        u64::from_le_bytes(b.try_into().unwrap())
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut lanes = [
        h,
        h ^ 0x243f_6a88_85a3_08d3,
        h ^ 0x1319_8a2e_0370_7344,
        h ^ 0xa409_3822_299f_31d0,
    ];
    let mut blocks = bytes.chunks_exact(32);
    for b in &mut blocks {
        for (lane, w) in lanes.iter_mut().zip(b.chunks_exact(8)) {
            *lane = mix(*lane, word(w));
        }
    }
    h = lanes.iter().fold(h, |acc, &l| mix(acc, l));
    let mut words = blocks.remainder().chunks_exact(8);
    for w in &mut words {
        h = mix(h, word(w));
    }
    let rest = words.remainder();
    let mut last = [0u8; 8];
    last[..rest.len()].copy_from_slice(rest);
    h = mix(h, u64::from_le_bytes(last));
    h = mix(h, bytes.len() as u64);
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

fn runtime(key: Option<&[u8]>) -> Runtime {
    let builder = Runtime::builder();
    match key {
        Some(key) => builder.cached_data_key(key),
        None => builder,
    }
    .build()
    .unwrap()
}

fn made_by(rt: &Runtime, source: &str) -> Vec<u8> {
    let script = rt.compile(source, ScriptOptions::default()).unwrap();
    rt.with_ctx(|ctx| script.cached_data(&ctx)).unwrap()
}

/// Compiles SOURCE with `data` and runs it: whether the data was rejected, and the result.
fn compile_and_run(rt: &Runtime, data: Vec<u8>) -> (Option<bool>, i32) {
    let options = ScriptOptions {
        cached_data: Some(data),
        ..Default::default()
    };
    let script = rt.compile(SOURCE, options).unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let result = ctx.run::<i32>(&script, &Default::default()).unwrap();
    (script.cached_data_rejected(), result)
}

/// `data` with the forged byte of its payload and its checksum recomputed (the tag, if any,
/// is left: the forger has no key).
fn forge(mut data: Vec<u8>) -> Vec<u8> {
    let (checksum_at, _, payload_at) = layout(&data);
    data[payload_at + FORGED_BYTE] = 0xff;
    let sum = checksum(&data[payload_at..]);
    data[checksum_at..checksum_at + 8].copy_from_slice(&sum.to_le_bytes());
    data
}

/// Tags `data` with `key`, as a holder of the key can.
fn seal(mut data: Vec<u8>, key: &[u8]) -> Vec<u8> {
    let (_, tag_at, payload_at) = layout(&data);
    assert_eq!(
        payload_at - tag_at,
        32,
        "data made with a key has room for a tag"
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(&data[..tag_at]);
    mac.update(&data[payload_at..]);
    let tag = mac.finalize().into_bytes();
    data[tag_at..payload_at].copy_from_slice(&tag);
    data
}

attack!(
    #[ignore = "crashes the process: a runtime without a key trusts its cached data"]
    forged_cached_data_crashes_a_runtime_without_a_key,
    {
        let rt = runtime(None);
        let forged = forge(made_by(&rt, SOURCE));
        compile_and_run(&rt, forged);
    }
);

attack!(forged_cached_data_is_rejected_by_a_runtime_with_a_key, {
    let rt = runtime(Some(KEY));
    let genuine = made_by(&rt, SOURCE);
    assert_eq!(compile_and_run(&rt, genuine.clone()), (Some(false), 42));
    // The genuine data forged: its tag no longer matches.
    assert_eq!(compile_and_run(&rt, forge(genuine)), (Some(true), 42));
    // Forged from data made without a key (no tag at all), as by a forger without the key.
    let untagged = forge(made_by(&runtime(None), SOURCE));
    assert_eq!(compile_and_run(&rt, untagged), (Some(true), 42));
});

attack!(cached_data_tagged_with_another_key_is_rejected, {
    let rt = runtime(Some(KEY));
    let other = made_by(&runtime(Some(OTHER_KEY)), SOURCE);
    assert_eq!(compile_and_run(&rt, other.clone()), (Some(true), 42));
    // The forgery, tagged with the other key: were it read, it would crash.
    let forged = seal(forge(other), OTHER_KEY);
    assert_eq!(compile_and_run(&rt, forged), (Some(true), 42));
});

attack!(
    genuine_cached_data_is_accepted_and_read_instead_of_compiled,
    {
        let rt = runtime(Some(KEY));
        let genuine = made_by(&rt, SOURCE);
        assert_eq!(
            compile_and_run(&runtime(Some(KEY)), genuine.clone()),
            (Some(false), 42)
        );
        // Accepted data is read, not compiled: another source's bytecode under SOURCE's header,
        // tagged with the key, runs as that source. So whoever holds the key is trusted.
        let other = made_by(&rt, "6 * 7 + 1");
        let (_, _, other_payload_at) = layout(&other);
        let (_, tag_at, _) = layout(&genuine);
        let source_hash_at = tag_at - 24;
        let mut swapped = other[..other_payload_at].to_vec();
        swapped[source_hash_at..source_hash_at + 8]
            .copy_from_slice(&genuine[source_hash_at..source_hash_at + 8]);
        swapped.extend_from_slice(&other[other_payload_at..]);
        assert_eq!(compile_and_run(&rt, swapped.clone()), (Some(true), 42));
        assert_eq!(compile_and_run(&rt, seal(swapped, KEY)), (Some(false), 43));
    }
);
