//! Cached data: a compiled script's bytecode behind a header that says what it belongs to.
//!
//! QuickJS's bytecode reader trusts its input, so bytes reach it only after the header checks
//! out: magic, format version, the engine version, a hash of the filename and source the data
//! was made from, the payload's length and its checksum. Anything else is rejected and the
//! script compiles from source. The checksum detects corruption, truncation and data made for
//! another source or engine; it is not a signature: data crafted with knowledge of this format
//! can pass it (and forged bytecode can crash the process). A runtime with a cached data key
//! (`RuntimeBuilder::cached_data_key`) also puts an HMAC-SHA256 tag in the header and accepts
//! only data whose tag it verifies, so that only holders of the key can make data it reads.
//!
//! Layout: magic, version (u16), tag length (u8: 0 or 32), engine name length (u16), engine
//! name, source hash (u64), payload length (u64), checksum (u64), tag, payload. Integers are
//! little-endian; the tag is taken over every other byte of the data, header and payload.

use hmac::{Hmac, Mac};
use sha2::Sha256;

const MAGIC: &[u8; 6] = b"JSVMCD";
/// 3: the tag; 2: checksums taken a word at a time (`hash`); 1 was FNV-1a, a byte at a time.
const FORMAT_VERSION: u16 = 3;
/// An HMAC-SHA256 tag's length.
const TAG_LEN: usize = 32;
/// The shortest key `DataKey::new` takes: HMAC with a guessable key authenticates nothing.
pub(crate) const MIN_KEY_LEN: usize = 16;
/// The engine whose bytecode this is (QuickJS-ng, through rquickjs).
pub(crate) const ENGINE_VERSION: &str = "quickjs-ng 0.16.2 / rquickjs 0.14";

/// One step of `hash`: a bijection of the state for each word, and of the word for each state,
/// so inputs that differ in a single word always end in different hashes.
#[inline(always)]
fn mix(h: u64, word: u64) -> u64 {
    (h ^ word)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .rotate_left(31)
}

#[inline(always)]
fn word(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes.try_into().expect("8 bytes"))
}

/// A 64-bit hash of byte strings (checking cached data reads every byte of a source and of
/// its bytecode, at every start of a program that uses it): four lanes take a word each per
/// step, then the lanes, the tail and the length are mixed into one. Stable across builds and
/// platforms; not cryptographic.
pub(crate) fn hash(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        let mut lanes = [
            h,
            h ^ 0x243f_6a88_85a3_08d3,
            h ^ 0x1319_8a2e_0370_7344,
            h ^ 0xa409_3822_299f_31d0,
        ];
        let mut blocks = part.chunks_exact(32);
        for b in &mut blocks {
            lanes[0] = mix(lanes[0], word(&b[0..8]));
            lanes[1] = mix(lanes[1], word(&b[8..16]));
            lanes[2] = mix(lanes[2], word(&b[16..24]));
            lanes[3] = mix(lanes[3], word(&b[24..32]));
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
        // The length ends each part: ("ab", "c") and ("a", "bc") differ, and so do inputs
        // that differ only by trailing zero bytes.
        h = mix(h, part.len() as u64);
    }
    // Let every bit of the last words reach every bit of the result.
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

pub(crate) fn source_hash(filename: &str, source: &str) -> u64 {
    hash(&[filename.as_bytes(), source.as_bytes()])
}

/// The key that authenticates a runtime's cached data: HMAC-SHA256 keyed once, cloned for
/// each tag.
#[derive(Clone)]
pub(crate) struct DataKey(Hmac<Sha256>);

impl DataKey {
    /// None for a key shorter than [`MIN_KEY_LEN`].
    pub(crate) fn new(key: &[u8]) -> Option<DataKey> {
        if key.len() < MIN_KEY_LEN {
            return None;
        }
        Some(DataKey(
            Hmac::new_from_slice(key).expect("HMAC takes keys of any length"),
        ))
    }

    /// The MAC of the header before the tag and the payload after it.
    fn mac(&self, header: &[u8], payload: &[u8]) -> Hmac<Sha256> {
        let mut mac = self.0.clone();
        mac.update(header);
        mac.update(payload);
        mac
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(..)") // never the key
    }
}

/// Wraps bytecode in the header, with a tag when there is a key.
pub(crate) fn encode(source_hash: u64, bytecode: &[u8], key: Option<&DataKey>) -> Vec<u8> {
    let engine = ENGINE_VERSION.as_bytes();
    let mut out = Vec::with_capacity(bytecode.len() + 64 + TAG_LEN);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.push(if key.is_some() { TAG_LEN as u8 } else { 0 });
    out.extend_from_slice(&(engine.len() as u16).to_le_bytes());
    out.extend_from_slice(engine);
    out.extend_from_slice(&source_hash.to_le_bytes());
    out.extend_from_slice(&(bytecode.len() as u64).to_le_bytes());
    out.extend_from_slice(&hash(&[bytecode]).to_le_bytes());
    if let Some(key) = key {
        let tag = key.mac(&out, bytecode).finalize().into_bytes();
        out.extend_from_slice(&tag);
    }
    out.extend_from_slice(bytecode);
    out
}

/// The bytecode inside `data`, if the data is whole and was made for this source and engine,
/// and, when there is a key, by a holder of the key. Without a key a tag is skipped: such a
/// runtime trusts its store anyway.
pub(crate) fn decode<'a>(
    data: &'a [u8],
    source_hash: u64,
    key: Option<&DataKey>,
) -> Option<&'a [u8]> {
    let mut rest = data.strip_prefix(MAGIC.as_slice())?;
    let mut take = |n: usize| -> Option<&[u8]> {
        if rest.len() < n {
            return None;
        }
        let (head, tail) = rest.split_at(n);
        rest = tail;
        Some(head)
    };
    let version = u16::from_le_bytes(take(2)?.try_into().ok()?);
    if version != FORMAT_VERSION {
        return None;
    }
    let tag_len = take(1)?[0] as usize;
    if tag_len != 0 && tag_len != TAG_LEN {
        return None;
    }
    let engine_len = u16::from_le_bytes(take(2)?.try_into().ok()?) as usize;
    if take(engine_len)? != ENGINE_VERSION.as_bytes() {
        return None;
    }
    if u64::from_le_bytes(take(8)?.try_into().ok()?) != source_hash {
        return None;
    }
    let len = u64::from_le_bytes(take(8)?.try_into().ok()?);
    let checksum = u64::from_le_bytes(take(8)?.try_into().ok()?);
    let tag = take(tag_len)?;
    if rest.len() as u64 != len || len == 0 {
        return None;
    }
    if let Some(key) = key {
        let header = &data[..data.len() - rest.len() - tag_len];
        // `verify_slice` compares in constant time; an empty tag never verifies.
        key.mac(header, rest).verify_slice(tag).ok()?;
    }
    if hash(&[rest]) != checksum {
        return None;
    }
    Some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_separates_parts_lengths_and_single_changes() {
        assert_ne!(hash(&[b"ab", b"c"]), hash(&[b"a", b"bc"]));
        assert_ne!(hash(&[b"abc"]), hash(&[b"abc\0"]));
        assert_ne!(hash(&[b""]), hash(&[b"\0"]));
        assert_ne!(hash(&[b""]), hash(&[]));
        let text: Vec<u8> = (0..150u8).collect();
        let h = hash(&[&text]);
        for i in 0..text.len() {
            for bit in 0..8 {
                let mut t = text.clone();
                t[i] ^= 1 << bit;
                assert_ne!(hash(&[&t]), h, "byte {i} bit {bit}");
            }
        }
    }

    #[test]
    fn round_trip_and_rejections() {
        let key = DataKey::new(b"sixteen byte key").unwrap();
        let h = source_hash("a.js", "1 + 1");
        for key in [None, Some(&key)] {
            let data = encode(h, b"bytecode!", key);
            assert_eq!(decode(&data, h, key), Some(&b"bytecode!"[..]));
            // another source
            assert_eq!(decode(&data, source_hash("a.js", "1 + 2"), key), None);
            assert_eq!(decode(&data, source_hash("b.js", "1 + 1"), key), None);
            // every truncation
            for n in 0..data.len() {
                assert_eq!(decode(&data[..n], h, key), None, "truncated to {n}");
            }
            // every single-byte corruption
            for i in 0..data.len() {
                let mut bad = data.clone();
                bad[i] ^= 0x5a;
                assert_eq!(decode(&bad, h, key), None, "byte {i} flipped");
            }
            // trailing garbage
            let mut long = data.clone();
            long.push(0);
            assert_eq!(decode(&long, h, key), None);
        }
    }

    #[test]
    fn a_key_accepts_only_data_tagged_with_it() {
        let key = DataKey::new(b"sixteen byte key").unwrap();
        let other = DataKey::new(b"another 16b key!").unwrap();
        let h = source_hash("a.js", "1 + 1");
        let tagged = encode(h, b"bytecode!", Some(&key));
        assert_eq!(decode(&tagged, h, Some(&other)), None);
        assert_eq!(decode(&encode(h, b"bytecode!", None), h, Some(&key)), None);
        // Without a key the tag is not checked.
        assert_eq!(decode(&tagged, h, None), Some(&b"bytecode!"[..]));
        assert!(DataKey::new(&[7; MIN_KEY_LEN - 1]).is_none());
        assert_eq!(format!("{key:?}"), "DataKey(..)");
    }
}
