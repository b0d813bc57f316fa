//! Cached data: a compiled script's bytecode behind a header that says what it belongs to.
//!
//! QuickJS's bytecode reader trusts its input, so bytes reach it only after the header checks
//! out: magic, format version, the engine version, a hash of the filename and source the data
//! was made from, the payload's length and its checksum. Anything else is rejected and the
//! script compiles from source. The checksum detects corruption, truncation and data made for
//! another source or engine; it is not a signature: data crafted with knowledge of this format
//! can pass it, so load cached data only from where you would load code.

const MAGIC: &[u8; 6] = b"JSVMCD";
const FORMAT_VERSION: u16 = 1;
/// The engine whose bytecode this is (QuickJS-ng, through rquickjs).
pub(crate) const ENGINE_VERSION: &str = "quickjs-ng 0.16.2 / rquickjs 0.14";

/// FNV-1a, 64 bits: small, stable across builds and platforms.
pub(crate) fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // Separate parts so ("ab", "c") and ("a", "bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

pub(crate) fn source_hash(filename: &str, source: &str) -> u64 {
    fnv1a(&[filename.as_bytes(), source.as_bytes()])
}

/// Wraps bytecode in the header.
pub(crate) fn encode(source_hash: u64, bytecode: &[u8]) -> Vec<u8> {
    let engine = ENGINE_VERSION.as_bytes();
    let mut out = Vec::with_capacity(bytecode.len() + 64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(engine.len() as u16).to_le_bytes());
    out.extend_from_slice(engine);
    out.extend_from_slice(&source_hash.to_le_bytes());
    out.extend_from_slice(&(bytecode.len() as u64).to_le_bytes());
    out.extend_from_slice(&fnv1a(&[bytecode]).to_le_bytes());
    out.extend_from_slice(bytecode);
    out
}

/// The bytecode inside `data`, if the data is whole and was made for this source and engine.
pub(crate) fn decode(data: &[u8], source_hash: u64) -> Option<&[u8]> {
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
    let engine_len = u16::from_le_bytes(take(2)?.try_into().ok()?) as usize;
    if take(engine_len)? != ENGINE_VERSION.as_bytes() {
        return None;
    }
    if u64::from_le_bytes(take(8)?.try_into().ok()?) != source_hash {
        return None;
    }
    let len = u64::from_le_bytes(take(8)?.try_into().ok()?);
    let checksum = u64::from_le_bytes(take(8)?.try_into().ok()?);
    if rest.len() as u64 != len || len == 0 {
        return None;
    }
    if fnv1a(&[rest]) != checksum {
        return None;
    }
    Some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_rejections() {
        let h = source_hash("a.js", "1 + 1");
        let data = encode(h, b"bytecode!");
        assert_eq!(decode(&data, h), Some(&b"bytecode!"[..]));
        // another source
        assert_eq!(decode(&data, source_hash("a.js", "1 + 2")), None);
        assert_eq!(decode(&data, source_hash("b.js", "1 + 1")), None);
        // every truncation
        for n in 0..data.len() {
            assert_eq!(decode(&data[..n], h), None, "truncated to {n}");
        }
        // every single-byte corruption
        for i in 0..data.len() {
            let mut bad = data.clone();
            bad[i] ^= 0x5a;
            assert_eq!(decode(&bad, h), None, "byte {i} flipped");
        }
        // trailing garbage
        let mut long = data.clone();
        long.push(0);
        assert_eq!(decode(&long, h), None);
    }
}
