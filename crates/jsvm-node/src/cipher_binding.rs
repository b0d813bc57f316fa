//! crypto's ciphers (`createCipheriv`, `createDecipheriv`): AES-128/192/256 in the ECB, CBC,
//! CTR and GCM modes, as OpenSSL runs them for Node (PKCS#7 padding for ECB and CBC, a
//! 128-bit big-endian counter for CTR, GCM with any IV length and a 16-byte tag). The block
//! cipher is the `aes` crate's, GHASH the `ghash` crate's; the modes' chaining is here. js/crypto.js makes Node's objects, errors
//! and encodings around these natives.

use aes::cipher::generic_array::GenericArray;
use aes::cipher::{BlockDecrypt, BlockEncrypt, KeyInit};
use ghash::universal_hash::UniversalHash;
use jsvm::engine::rquickjs::class::{JsClass, Trace, Tracer, Writable};
use jsvm::engine::rquickjs::{
    Class, Ctx, Exception, JsLifetime, Object, Result, TypedArray, Value,
};

use crate::fs_binding::bytes_arg;
use crate::set_fn::set_fn;

enum Aes {
    A128(Box<aes::Aes128>),
    A192(Box<aes::Aes192>),
    A256(Box<aes::Aes256>),
}

impl Aes {
    fn new(key: &[u8]) -> Option<Aes> {
        Some(match key.len() {
            16 => Aes::A128(Box::new(aes::Aes128::new_from_slice(key).ok()?)),
            24 => Aes::A192(Box::new(aes::Aes192::new_from_slice(key).ok()?)),
            32 => Aes::A256(Box::new(aes::Aes256::new_from_slice(key).ok()?)),
            _ => return None,
        })
    }

    fn encrypt(&self, block: &mut [u8; 16]) {
        let b = GenericArray::from_mut_slice(block);
        match self {
            Aes::A128(c) => c.encrypt_block(b),
            Aes::A192(c) => c.encrypt_block(b),
            Aes::A256(c) => c.encrypt_block(b),
        }
    }

    fn decrypt(&self, block: &mut [u8; 16]) {
        let b = GenericArray::from_mut_slice(block);
        match self {
            Aes::A128(c) => c.decrypt_block(b),
            Aes::A192(c) => c.decrypt_block(b),
            Aes::A256(c) => c.decrypt_block(b),
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Ecb,
    Cbc,
    Ctr,
    Gcm,
}

/// GHASH (the `ghash` crate's) over data given in pieces: whole 16-byte blocks as they come,
/// a last partial block zero-padded when `pad` ends a part (the AAD, or the ciphertext).
struct Ghash {
    inner: ghash::GHash,
    partial: Vec<u8>,
}

impl Ghash {
    fn new(h: &[u8; 16]) -> Ghash {
        Ghash {
            inner: ghash::GHash::new(GenericArray::from_slice(h)),
            partial: Vec::new(),
        }
    }
    fn update(&mut self, mut data: &[u8]) {
        if !self.partial.is_empty() {
            let take = (16 - self.partial.len()).min(data.len());
            self.partial.extend_from_slice(&data[..take]);
            data = &data[take..];
            if self.partial.len() == 16 {
                let block = std::mem::take(&mut self.partial);
                self.inner.update(&[*GenericArray::from_slice(&block)]);
            }
        }
        let whole = data.len() / 16 * 16;
        for block in data[..whole].chunks_exact(16) {
            self.inner.update(&[*GenericArray::from_slice(block)]);
        }
        self.partial.extend_from_slice(&data[whole..]);
    }
    /// Pads what is pending to a block (the end of the AAD, or of the ciphertext).
    fn pad(&mut self) {
        if !self.partial.is_empty() {
            let mut block = std::mem::take(&mut self.partial);
            block.resize(16, 0);
            self.inner.update(&[*GenericArray::from_slice(&block)]);
        }
    }
    /// The hash of the whole blocks so far.
    fn value(&self) -> [u8; 16] {
        self.inner.clone().finalize().into()
    }
}

struct CipherWrap {
    aes: Aes,
    mode: Mode,
    encrypt: bool,
    padding: bool,
    /// CBC: the previous ciphertext block; CTR and GCM: the counter block.
    iv: [u8; 16],
    /// ECB and CBC: input short of a block; CTR and GCM: the unused keystream bytes.
    pending: Vec<u8>,
    ghash: Option<Ghash>,
    /// GCM: E(K, J0), and the AAD and text lengths in bytes.
    tag_mask: [u8; 16],
    aad_len: u64,
    text_len: u64,
    text_started: bool,
}

impl<'js> Trace<'js> for CipherWrap {
    fn trace<'a>(&self, _tracer: Tracer<'a, 'js>) {}
}

unsafe impl<'js> JsLifetime<'js> for CipherWrap {
    type Changed<'to> = CipherWrap;
}

impl<'js> JsClass<'js> for CipherWrap {
    const NAME: &'static str = "CipherState";
    type Mutable = Writable;
    fn constructor(
        _ctx: &Ctx<'js>,
    ) -> Result<Option<jsvm::engine::rquickjs::function::Constructor<'js>>> {
        Ok(None)
    }
}

fn inc32(block: &mut [u8; 16]) {
    let mut c = u32::from_be_bytes([block[12], block[13], block[14], block[15]]);
    c = c.wrapping_add(1);
    block[12..].copy_from_slice(&c.to_be_bytes());
}

fn inc128(block: &mut [u8; 16]) {
    let c = u128::from_be_bytes(*block).wrapping_add(1);
    *block = c.to_be_bytes();
}

impl CipherWrap {
    /// The mode and key size of an OpenSSL cipher name (`aes-256-cbc`, `aes128`, `id-aes128-GCM`).
    fn parse(name: &str) -> Option<(usize, Mode)> {
        let n = name.to_ascii_lowercase();
        let n = n.strip_prefix("id-").unwrap_or(&n);
        let rest = n.strip_prefix("aes")?;
        let rest = rest.strip_prefix('-').unwrap_or(rest);
        let (bits, mode) = match rest.split_once('-') {
            Some((bits, mode)) => (bits, mode),
            // `aes128` and the like are CBC, as OpenSSL's aliases.
            None => (rest, "cbc"),
        };
        let bits = match bits {
            "128" => 16,
            "192" => 24,
            "256" => 32,
            _ => return None,
        };
        let mode = match mode {
            "ecb" => Mode::Ecb,
            "cbc" => Mode::Cbc,
            "ctr" => Mode::Ctr,
            "gcm" => Mode::Gcm,
            _ => return None,
        };
        Some((bits, mode))
    }

    fn keystream(&mut self, out: &mut Vec<u8>, data: &[u8]) {
        for &b in data {
            if self.pending.is_empty() {
                let mut block = self.iv;
                self.aes.encrypt(&mut block);
                match self.mode {
                    Mode::Gcm => inc32(&mut self.iv),
                    _ => inc128(&mut self.iv),
                }
                // Kept reversed: bytes are popped from the end.
                self.pending = block.iter().rev().copied().collect();
            }
            let k = self.pending.pop().unwrap_or(0);
            out.push(b ^ k);
        }
    }

    fn update(&mut self, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(data.len() + 16);
        match self.mode {
            Mode::Ctr => self.keystream(&mut out, data),
            Mode::Gcm => {
                if !self.text_started {
                    self.text_started = true;
                    if let Some(g) = self.ghash.as_mut() {
                        g.pad();
                    }
                }
                self.text_len += data.len() as u64;
                if self.encrypt {
                    self.keystream(&mut out, data);
                    if let Some(g) = self.ghash.as_mut() {
                        g.update(&out);
                    }
                } else {
                    if let Some(g) = self.ghash.as_mut() {
                        g.update(data);
                    }
                    self.keystream(&mut out, data);
                }
            }
            Mode::Ecb | Mode::Cbc => {
                self.pending.extend_from_slice(data);
                // Decrypting with padding keeps the last whole block for final().
                let keep = if !self.encrypt && self.padding && self.pending.len().is_multiple_of(16)
                {
                    16
                } else {
                    self.pending.len() % 16
                };
                let whole = self.pending.len().saturating_sub(keep);
                let input: Vec<u8> = self.pending.drain(..whole).collect();
                for chunk in input.chunks(16) {
                    let mut block = [0u8; 16];
                    block.copy_from_slice(chunk);
                    self.block(&mut block);
                    out.extend_from_slice(&block);
                }
            }
        }
        out
    }

    fn block(&mut self, block: &mut [u8; 16]) {
        match (self.mode, self.encrypt) {
            (Mode::Cbc, true) => {
                for (b, p) in block.iter_mut().zip(self.iv.iter()) {
                    *b ^= p;
                }
                self.aes.encrypt(block);
                self.iv = *block;
            }
            (Mode::Cbc, false) => {
                let next = *block;
                self.aes.decrypt(block);
                for (b, p) in block.iter_mut().zip(self.iv.iter()) {
                    *b ^= p;
                }
                self.iv = next;
            }
            (_, true) => self.aes.encrypt(block),
            (_, false) => self.aes.decrypt(block),
        }
    }

    /// The rest of the output; Err(reason) as OpenSSL names a failure.
    fn finish(&mut self) -> std::result::Result<Vec<u8>, &'static str> {
        match self.mode {
            Mode::Ctr | Mode::Gcm => Ok(Vec::new()),
            Mode::Ecb | Mode::Cbc => {
                if self.encrypt {
                    if !self.padding {
                        if !self.pending.is_empty() {
                            return Err("wrong final block length");
                        }
                        return Ok(Vec::new());
                    }
                    let n = 16 - self.pending.len();
                    let mut block = [n as u8; 16];
                    block[..self.pending.len()].copy_from_slice(&self.pending);
                    self.pending.clear();
                    self.block(&mut block);
                    return Ok(block.to_vec());
                }
                if self.pending.len() != 16 || !self.padding {
                    if self.pending.is_empty() && !self.padding {
                        return Ok(Vec::new());
                    }
                    return Err("wrong final block length");
                }
                let mut block = [0u8; 16];
                block.copy_from_slice(&self.pending);
                self.pending.clear();
                self.block(&mut block);
                let n = block[15] as usize;
                if n == 0 || n > 16 || block[16 - n..].iter().any(|&b| b as usize != n) {
                    return Err("bad decrypt");
                }
                Ok(block[..16 - n].to_vec())
            }
        }
    }

    fn tag(&mut self) -> [u8; 16] {
        let Some(g) = self.ghash.as_mut() else {
            return [0; 16];
        };
        g.pad();
        let mut lens = [0u8; 16];
        lens[..8].copy_from_slice(&(self.aad_len * 8).to_be_bytes());
        lens[8..].copy_from_slice(&(self.text_len * 8).to_be_bytes());
        g.update(&lens);
        let s = g.value();
        let mut t = [0u8; 16];
        for i in 0..16 {
            t[i] = s[i] ^ self.tag_mask[i];
        }
        t
    }
}

fn wrap_of<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> Result<Class<'js, CipherWrap>> {
    Class::<CipherWrap>::from_value(v).map_err(|_| Exception::throw_type(ctx, "not a cipher"))
}

fn bytes<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> Result<Vec<u8>> {
    bytes_arg(v).ok_or_else(|| Exception::throw_type(ctx, "expected bytes"))
}

fn out<'js>(ctx: &Ctx<'js>, b: Vec<u8>) -> Result<Value<'js>> {
    TypedArray::<u8>::new(ctx.clone(), b).map(|a| a.into_value())
}

pub(crate) fn install<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    // cipherInfo(name): [keyLength, ivLength, mode] or undefined for a cipher not known.
    set_fn(
        ctx,
        binding,
        "cipherInfo",
        |ctx: Ctx<'js>, name: String| -> Result<Value<'js>> {
            let Some((key, mode)) = CipherWrap::parse(&name) else {
                return Ok(Value::new_undefined(ctx));
            };
            let (iv, m) = match mode {
                Mode::Ecb => (0, "ecb"),
                Mode::Cbc => (16, "cbc"),
                Mode::Ctr => (16, "ctr"),
                Mode::Gcm => (12, "gcm"),
            };
            let arr = jsvm::engine::rquickjs::Array::new(ctx.clone())?;
            arr.set(0, key)?;
            arr.set(1, iv)?;
            arr.set(2, m)?;
            Ok(arr.into_value())
        },
    )?;
    // cipherNew(name, key, iv, encrypt): a cipher's state (js/crypto.js checked the lengths).
    set_fn(
        ctx,
        binding,
        "cipherNew",
        |ctx: Ctx<'js>,
         name: String,
         key: Value<'js>,
         iv: Value<'js>,
         encrypt: bool|
         -> Result<Value<'js>> {
            let (key_len, mode) = CipherWrap::parse(&name)
                .ok_or_else(|| Exception::throw_type(&ctx, "unknown cipher"))?;
            let key = bytes(&ctx, &key)?;
            let iv = if iv.is_null() || iv.is_undefined() {
                Vec::new()
            } else {
                bytes(&ctx, &iv)?
            };
            if key.len() != key_len {
                return Err(Exception::throw_range(&ctx, "invalid key length"));
            }
            let aes =
                Aes::new(&key).ok_or_else(|| Exception::throw_range(&ctx, "invalid key length"))?;
            let mut wrap = CipherWrap {
                aes,
                mode,
                encrypt,
                padding: true,
                iv: [0; 16],
                pending: Vec::new(),
                ghash: None,
                tag_mask: [0; 16],
                aad_len: 0,
                text_len: 0,
                text_started: false,
            };
            match mode {
                Mode::Ecb => {}
                Mode::Cbc | Mode::Ctr => {
                    if iv.len() != 16 {
                        return Err(Exception::throw_type(&ctx, "invalid iv"));
                    }
                    wrap.iv.copy_from_slice(&iv);
                }
                Mode::Gcm => {
                    if iv.is_empty() {
                        return Err(Exception::throw_type(&ctx, "invalid iv"));
                    }
                    let mut h = [0u8; 16];
                    wrap.aes.encrypt(&mut h);
                    // J0: the IV and a counter of 1 for 96 bits, else GHASH of the IV.
                    let j0 = if iv.len() == 12 {
                        let mut j = [0u8; 16];
                        j[..12].copy_from_slice(&iv);
                        j[15] = 1;
                        j
                    } else {
                        let mut g = Ghash::new(&h);
                        g.update(&iv);
                        g.pad();
                        let mut lens = [0u8; 16];
                        lens[8..].copy_from_slice(&((iv.len() as u64) * 8).to_be_bytes());
                        g.update(&lens);
                        g.value()
                    };
                    let mut mask = j0;
                    wrap.aes.encrypt(&mut mask);
                    wrap.tag_mask = mask;
                    wrap.iv = j0;
                    inc32(&mut wrap.iv);
                    wrap.ghash = Some(Ghash::new(&h));
                }
            }
            Ok(Class::instance(ctx, wrap)?.into_value())
        },
    )?;
    set_fn(
        ctx,
        binding,
        "cipherUpdate",
        |ctx: Ctx<'js>, wrap: Value<'js>, data: Value<'js>| -> Result<Value<'js>> {
            let data = bytes(&ctx, &data)?;
            let w = wrap_of(&ctx, &wrap)?;
            let result = w.borrow_mut().update(&data);
            out(&ctx, result)
        },
    )?;
    // cipherFinal(state): the last bytes, or a string naming OpenSSL's reason for refusing.
    set_fn(
        ctx,
        binding,
        "cipherFinal",
        |ctx: Ctx<'js>, wrap: Value<'js>| -> Result<Value<'js>> {
            let w = wrap_of(&ctx, &wrap)?;
            let result = w.borrow_mut().finish();
            match result {
                Ok(b) => out(&ctx, b),
                Err(reason) => {
                    jsvm::engine::rquickjs::String::from_str(ctx, reason).map(|s| s.into_value())
                }
            }
        },
    )?;
    set_fn(
        ctx,
        binding,
        "cipherSetPadding",
        |ctx: Ctx<'js>, wrap: Value<'js>, on: bool| -> Result<()> {
            wrap_of(&ctx, &wrap)?.borrow_mut().padding = on;
            Ok(())
        },
    )?;
    // cipherAad(state, aad): GCM's additional data (before any text).
    set_fn(
        ctx,
        binding,
        "cipherAad",
        |ctx: Ctx<'js>, wrap: Value<'js>, aad: Value<'js>| -> Result<bool> {
            let aad = bytes(&ctx, &aad)?;
            let w = wrap_of(&ctx, &wrap)?;
            let mut w = w.borrow_mut();
            if w.text_started || w.ghash.is_none() {
                return Ok(false);
            }
            w.aad_len += aad.len() as u64;
            if let Some(g) = w.ghash.as_mut() {
                g.update(&aad);
            }
            Ok(true)
        },
    )?;
    // cipherTag(state): GCM's 16-byte tag of what was processed.
    set_fn(
        ctx,
        binding,
        "cipherTag",
        |ctx: Ctx<'js>, wrap: Value<'js>| -> Result<Value<'js>> {
            let w = wrap_of(&ctx, &wrap)?;
            let tag = w.borrow_mut().tag();
            out(&ctx, tag.to_vec())
        },
    )?;
    Ok(())
}
