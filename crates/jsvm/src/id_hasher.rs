//! A hasher for the library's own integer keys (script ids, engine atoms), looked up on every
//! run or global name lookup: one multiplication (Fibonacci hashing) instead of SipHash. The
//! keys are handed out by the library or the engine, never chosen by scripts, so flooding
//! resistance buys nothing here.

use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x9E37_79B9_7F4A_7C15;

#[derive(Default)]
pub(crate) struct IdHasher(u64);

pub(crate) type BuildIdHasher = BuildHasherDefault<IdHasher>;

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(K);
    }
}
