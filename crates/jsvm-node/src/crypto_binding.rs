//! Natives for `crypto`: message digests and HMACs on the RustCrypto hashes, key derivation
//! (PBKDF2, scrypt, HKDF: the RustCrypto crates), and randomness from the operating system
//! (`getrandom`). Everything else of `js/crypto.js` is JavaScript.

use jsvm::engine::rquickjs::class::{JsClass, Trace, Tracer, Writable};
use jsvm::engine::rquickjs::function::Opt;
use jsvm::engine::rquickjs::{
    Class, Ctx, Exception, JsLifetime, Object, Result, TypedArray, Value,
};
use sha2::digest::DynDigest;

use crate::fs_binding::bytes_arg;
use crate::set_fn::set_fn;

/// The digests `createHash` and `createHmac` know, with their HMAC block sizes.
fn new_digest(name: &str) -> Option<(Box<dyn DynDigest>, usize)> {
    Some(match name {
        "md5" => (Box::new(md5::Md5::default()), 64),
        "sha1" => (Box::new(sha1::Sha1::default()), 64),
        "sha224" => (Box::new(sha2::Sha224::default()), 64),
        "sha256" => (Box::new(sha2::Sha256::default()), 64),
        "sha384" => (Box::new(sha2::Sha384::default()), 128),
        "sha512" => (Box::new(sha2::Sha512::default()), 128),
        _ => return None,
    })
}

/// A running hash, or HMAC: the inner digest plus the key's outer pad (RFC 2104), so that one
/// class serves both and `copy()` is a clone.
struct HashWrap {
    inner: Box<dyn DynDigest>,
    /// HMAC only: the key, padded to the block, XORed with 0x5c.
    outer_pad: Option<Vec<u8>>,
}

impl<'js> Trace<'js> for HashWrap {
    fn trace<'a>(&self, _tracer: Tracer<'a, 'js>) {}
}

unsafe impl<'js> JsLifetime<'js> for HashWrap {
    type Changed<'to> = HashWrap;
}

impl<'js> JsClass<'js> for HashWrap {
    const NAME: &'static str = "Hash";
    type Mutable = Writable;
    fn constructor(
        _ctx: &Ctx<'js>,
    ) -> Result<Option<jsvm::engine::rquickjs::function::Constructor<'js>>> {
        Ok(None)
    }
}

fn wrap_of<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> Result<Class<'js, HashWrap>> {
    Class::<HashWrap>::from_value(v).map_err(|_| Exception::throw_type(ctx, "not a hash"))
}

/// HMAC's start: the inner digest fed the key's inner pad, and the outer pad kept.
fn hmac(name: &str, key: &[u8]) -> Option<HashWrap> {
    let (mut inner, block) = new_digest(name)?;
    let mut k = if key.len() > block {
        let mut d = inner.box_clone();
        d.update(key);
        d.finalize_reset().to_vec()
    } else {
        key.to_vec()
    };
    k.resize(block, 0);
    let ipad: Vec<u8> = k.iter().map(|b| b ^ 0x36).collect();
    inner.update(&ipad);
    Some(HashWrap {
        inner,
        outer_pad: Some(k.iter().map(|b| b ^ 0x5c).collect()),
    })
}

/// `$body` with the digest type `$d` named by `$name` (false for a name none of them has).
macro_rules! by_digest {
    ($name:expr, |$d:ident| $body:expr) => {
        by_digest!(@ $name, $d, $body,
            "md5" => md5::Md5, "sha1" => sha1::Sha1, "sha224" => sha2::Sha224,
            "sha256" => sha2::Sha256, "sha384" => sha2::Sha384, "sha512" => sha2::Sha512)
    };
    (@ $name:expr, $d:ident, $body:expr, $($n:literal => $t:ty),*) => {
        match $name.as_str() {
            $($n => {
                type $d = $t;
                $body
            })*
            _ => false,
        }
    };
}

/// The bytes of a string or a view (the JavaScript side has checked the type).
fn bytes_of<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> Result<Vec<u8>> {
    bytes_arg(v).ok_or_else(|| Exception::throw_type(ctx, "expected bytes"))
}

pub(crate) fn install<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    // hashNew(name, hmacKey?): a running hash (undefined for an unknown name).
    set_fn(
        ctx,
        binding,
        "hashNew",
        |ctx: Ctx<'js>, name: String, key: Opt<Value<'js>>| -> Result<Value<'js>> {
            let wrap = if let Some(key) = key.0 {
                let key = bytes_arg(&key)
                    .ok_or_else(|| Exception::throw_type(&ctx, "key must be bytes"))?;
                hmac(&name, &key)
            } else {
                new_digest(&name).map(|(inner, _)| HashWrap {
                    inner,
                    outer_pad: None,
                })
            };
            match wrap {
                Some(w) => Ok(Class::instance(ctx, w)?.into_value()),
                None => Ok(Value::new_undefined(ctx)),
            }
        },
    )?;
    // hashUpdate(hash, data): data is a string (UTF-8) or a view.
    set_fn(
        ctx,
        binding,
        "hashUpdate",
        |ctx: Ctx<'js>, wrap: Value<'js>, data: Value<'js>| -> Result<()> {
            let w = wrap_of(&ctx, &wrap)?;
            let mut w = w.borrow_mut();
            if let Some(s) = data.as_string() {
                w.inner.update(s.to_string()?.as_bytes());
            } else if let Ok(a) = TypedArray::<u8>::from_value(data.clone()) {
                // Read in place: nothing runs while the digest takes the bytes.
                w.inner.update(unsafe { a.as_bytes() }.unwrap_or_default());
            } else {
                let b = bytes_arg(&data)
                    .ok_or_else(|| Exception::throw_type(&ctx, "data must be bytes"))?;
                w.inner.update(&b);
            }
            Ok(())
        },
    )?;
    // hashCopy(hash): an independent hash in the same state.
    set_fn(
        ctx,
        binding,
        "hashCopy",
        |ctx: Ctx<'js>, wrap: Value<'js>| -> Result<Value<'js>> {
            let w = wrap_of(&ctx, &wrap)?;
            let w = w.borrow();
            let copy = HashWrap {
                inner: w.inner.box_clone(),
                outer_pad: w.outer_pad.clone(),
            };
            Ok(Class::instance(ctx, copy)?.into_value())
        },
    )?;
    // hashDigest(hash): the digest bytes (the hash is finished: js/crypto.js refuses more).
    set_fn(
        ctx,
        binding,
        "hashDigest",
        |ctx: Ctx<'js>, wrap: Value<'js>| -> Result<Value<'js>> {
            let w = wrap_of(&ctx, &wrap)?;
            let mut w = w.borrow_mut();
            let inner = w.inner.finalize_reset().to_vec();
            let out = match w.outer_pad.clone() {
                None => inner,
                Some(pad) => {
                    let mut outer = w.inner.box_clone();
                    outer.reset();
                    outer.update(&pad);
                    outer.update(&inner);
                    outer.finalize_reset().to_vec()
                }
            };
            TypedArray::<u8>::new(ctx, out).map(|a| a.into_value())
        },
    )?;
    // pbkdf2(digest, password, salt, iterations, length) -> bytes, or undefined for an
    // unknown digest.
    set_fn(
        ctx,
        binding,
        "pbkdf2",
        |ctx: Ctx<'js>,
         digest: String,
         password: Value<'js>,
         salt: Value<'js>,
         iterations: u32,
         length: usize|
         -> Result<Value<'js>> {
            let (password, salt) = (bytes_of(&ctx, &password)?, bytes_of(&ctx, &salt)?);
            let mut out = vec![0u8; length];
            let known = by_digest!(&digest, |D| {
                pbkdf2::pbkdf2_hmac::<D>(&password, &salt, iterations, &mut out);
                true
            });
            if !known {
                return Ok(Value::new_undefined(ctx));
            }
            TypedArray::<u8>::new(ctx, out).map(|a| a.into_value())
        },
    )?;
    // scrypt(password, salt, log2N, r, p, length) -> bytes (parameters checked by the caller).
    set_fn(
        ctx,
        binding,
        "scrypt",
        |ctx: Ctx<'js>,
         password: Value<'js>,
         salt: Value<'js>,
         log_n: u8,
         r: u32,
         p: u32,
         length: usize|
         -> Result<Value<'js>> {
            let (password, salt) = (bytes_of(&ctx, &password)?, bytes_of(&ctx, &salt)?);
            let params = scrypt::Params::new(log_n, r, p, length.max(10)).map_err(|e| {
                Exception::throw_range(&ctx, &format!("Invalid scrypt params: {e}"))
            })?;
            let mut out = vec![0u8; length];
            scrypt::scrypt(&password, &salt, &params, &mut out).map_err(|e| {
                Exception::throw_range(&ctx, &format!("Invalid scrypt params: {e}"))
            })?;
            TypedArray::<u8>::new(ctx, out).map(|a| a.into_value())
        },
    )?;
    // hkdf(digest, key, salt, info, length) -> bytes, or undefined for an unknown digest or a
    // length the digest cannot give.
    set_fn(
        ctx,
        binding,
        "hkdf",
        |ctx: Ctx<'js>,
         digest: String,
         key: Value<'js>,
         salt: Value<'js>,
         info: Value<'js>,
         length: usize|
         -> Result<Value<'js>> {
            let (key, salt, info) = (
                bytes_of(&ctx, &key)?,
                bytes_of(&ctx, &salt)?,
                bytes_of(&ctx, &info)?,
            );
            let mut out = vec![0u8; length];
            let ok = by_digest!(&digest, |D| hkdf::Hkdf::<D>::new(Some(&salt), &key)
                .expand(&info, &mut out)
                .is_ok());
            if !ok {
                return Ok(Value::new_undefined(ctx));
            }
            TypedArray::<u8>::new(ctx, out).map(|a| a.into_value())
        },
    )?;
    // randomFill(view): fills a view's bytes from the operating system's generator.
    set_fn(
        ctx,
        binding,
        "randomFill",
        |ctx: Ctx<'js>, view: Object<'js>| -> Result<()> {
            let buf: jsvm::engine::rquickjs::ArrayBuffer = view.get("buffer")?;
            let off: usize = view.get("byteOffset")?;
            let len: usize = view.get("byteLength")?;
            let raw = buf
                .as_raw()
                .ok_or_else(|| Exception::throw_type(&ctx, "detached buffer"))?;
            if off + len > raw.len() {
                return Err(Exception::throw_range(&ctx, "view out of its buffer"));
            }
            // The view's bytes, written in place: nothing else runs meanwhile.
            let bytes =
                unsafe { std::slice::from_raw_parts_mut(raw.as_ptr().cast::<u8>().add(off), len) };
            getrandom::fill(bytes)
                .map_err(|e| Exception::throw_message(&ctx, &format!("randomness: {e}")))
        },
    )?;
    Ok(())
}
