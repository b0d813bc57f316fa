//! Natives for `zlib`: one-shot compression and decompression of a whole buffer (deflate,
//! zlib, gzip), on `flate2` with the zlib-rs backend, a port of zlib that makes the same bytes
//! and reports the same errors as the zlib in Node; and brotli, on the `brotli` crate.

use std::borrow::Cow;

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use jsvm::engine::rquickjs::{Ctx, Exception, Object, Result, TypedArray, Value};

use crate::fs_binding::bytes_arg;
use crate::set_fn::set_fn;

/// A zlib error as Node reports it: (errno, code, message).
type ZError = (i32, Cow<'static, str>, String);

fn data_error(message: Option<&str>) -> ZError {
    (
        -3,
        "Z_DATA_ERROR".into(),
        message.unwrap_or("invalid data").to_string(),
    )
}

fn compress(mut c: Compress, input: &[u8]) -> std::result::Result<Vec<u8>, ZError> {
    let mut out = Vec::with_capacity(input.len() / 2 + 64);
    loop {
        if out.capacity() - out.len() < 1024 {
            out.reserve(out.len().max(4096));
        }
        let done = c.total_in() as usize;
        match c.compress_vec(&input[done..], &mut out, FlushCompress::Finish) {
            Ok(Status::StreamEnd) => return Ok(out),
            Ok(_) => {}
            Err(e) => return Err((-2, "Z_STREAM_ERROR".into(), e.to_string())),
        }
    }
}

/// Inflates all of `input`. A gzip stream may hold several members, one after another, as
/// zlib's gunzip reads them; bytes after the last one that are no gzip member are ignored.
fn decompress(mut d: Decompress, input: &[u8], gzip: bool) -> std::result::Result<Vec<u8>, ZError> {
    let mut out = Vec::with_capacity(input.len() * 2 + 64);
    let mut start = 0;
    loop {
        if out.capacity() - out.len() < 1024 {
            out.reserve(out.len().max(4096));
        }
        let (was_in, was_out) = (d.total_in(), d.total_out());
        let rest = &input[start + d.total_in() as usize..];
        let status = d
            .decompress_vec(rest, &mut out, FlushDecompress::Finish)
            .map_err(|e| data_error(e.message()))?;
        if status == Status::StreamEnd {
            start += d.total_in() as usize;
            let rest = &input[start..];
            if gzip && rest.len() >= 2 && rest[0] == 0x1f && rest[1] == 0x8b {
                d = Decompress::new_gzip(15);
                continue;
            }
            return Ok(out);
        }
        // Room to write and no progress: the input ended inside the stream.
        if d.total_in() == was_in && d.total_out() == was_out {
            return Err((-5, "Z_BUF_ERROR".into(), "unexpected end of file".into()));
        }
    }
}

fn run(mode: &str, input: &[u8], level: i32) -> Option<std::result::Result<Vec<u8>, ZError>> {
    let level = if (0..=9).contains(&level) {
        Compression::new(level as u32)
    } else {
        Compression::default()
    };
    let is_gzip = input.len() >= 2 && input[0] == 0x1f && input[1] == 0x8b;
    Some(match mode {
        "deflate" => compress(Compress::new(level, true), input),
        "deflateRaw" => compress(Compress::new(level, false), input),
        "gzip" => compress(Compress::new_gzip(level, 15), input),
        "inflate" => decompress(Decompress::new(true), input, false),
        "inflateRaw" => decompress(Decompress::new(false), input, false),
        "gunzip" => decompress(Decompress::new_gzip(15), input, true),
        // Either format, told by the gzip magic, as zlib's automatic header detection.
        "unzip" if is_gzip => decompress(Decompress::new_gzip(15), input, true),
        "unzip" => decompress(Decompress::new(true), input, false),
        _ => return None,
    })
}

/// Brotli compression with Node's parameters (quality, window bits, mode, size hint; a
/// negative value keeps the default).
fn brotli_compress(input: &[u8], params: [i32; 4]) -> std::result::Result<Vec<u8>, ZError> {
    let mut p = brotli::enc::BrotliEncoderParams::default();
    let [quality, lgwin, mode, size_hint] = params;
    if quality >= 0 {
        p.quality = quality;
    }
    if lgwin >= 0 {
        p.lgwin = lgwin;
    }
    p.mode = match mode {
        1 => brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_TEXT,
        2 => brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_FONT,
        _ => brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_GENERIC,
    };
    if size_hint >= 0 {
        p.size_hint = size_hint as usize;
    }
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &input[..], &mut out, &p)
        .map_err(|e| (-20, "ERR_BROTLI_COMPRESSION_FAILED".into(), e.to_string()))?;
    Ok(out)
}

/// Brotli decompression; a decoder error is reported as Node reports it (code
/// `ERR_` + the decoder's error name without `BROTLI_DECODER`, errno its number).
fn brotli_decompress(input: &[u8]) -> std::result::Result<Vec<u8>, ZError> {
    use brotli::{BrotliDecompressStream, BrotliResult, BrotliState, HeapAlloc, HuffmanCode};
    let mut state = BrotliState::new(
        HeapAlloc::<u8>::new(0),
        HeapAlloc::<u32>::new(0),
        HeapAlloc::<HuffmanCode>::new(HuffmanCode::default()),
    );
    let mut out = vec![0u8; input.len().max(1024) * 4];
    let (mut avail_in, mut in_off, mut out_off, mut total) = (input.len(), 0, 0, 0);
    loop {
        let mut avail_out = out.len() - out_off;
        let r = BrotliDecompressStream(
            &mut avail_in,
            &mut in_off,
            input,
            &mut avail_out,
            &mut out_off,
            &mut out,
            &mut total,
            &mut state,
        );
        match r {
            BrotliResult::ResultSuccess => {
                out.truncate(out_off);
                return Ok(out);
            }
            BrotliResult::NeedsMoreOutput => {
                let len = out.len();
                out.resize(len * 2, 0);
            }
            BrotliResult::NeedsMoreInput => {
                return Err((-5, "Z_BUF_ERROR".into(), "unexpected end of file".into()))
            }
            BrotliResult::ResultFailure => {
                let code = state.error_code;
                let name = format!("{code:?}");
                let code_name = format!("ERR_{}", name.trim_start_matches("BROTLI_DECODER"));
                return Err((code as i32, code_name.into(), "Decompression failed".into()));
            }
        }
    }
}

// ---- streams ---------------------------------------------------------------------------------

/// The state of one zlib stream (createGzip, createInflate, ...): compressed or decompressed a
/// chunk at a time by `zlibStreamWrite`.
enum Coder {
    Compress(Compress),
    Decompress {
        d: Decompress,
        /// gzip members may follow one another (gunzip reads them all).
        gzip: bool,
        ended: bool,
    },
    /// unzip before its first byte: gzip or zlib is told by the gzip magic.
    Unzip,
}

thread_local! {
    static STREAMS: std::cell::RefCell<std::collections::HashMap<u32, Coder>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
    static NEXT_STREAM: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

fn new_coder(mode: &str, level: i32) -> Option<Coder> {
    let level = if (0..=9).contains(&level) {
        Compression::new(level as u32)
    } else {
        Compression::default()
    };
    let dec = |d, gzip| Coder::Decompress {
        d,
        gzip,
        ended: false,
    };
    Some(match mode {
        "deflate" => Coder::Compress(Compress::new(level, true)),
        "deflateRaw" => Coder::Compress(Compress::new(level, false)),
        "gzip" => Coder::Compress(Compress::new_gzip(level, 15)),
        "inflate" => dec(Decompress::new(true), false),
        "inflateRaw" => dec(Decompress::new(false), false),
        "gunzip" => dec(Decompress::new_gzip(15), true),
        "unzip" => Coder::Unzip,
        _ => return None,
    })
}

/// Compresses `input` with zlib's flush mode `flush` (0 none, 2 sync, 3 full, 4 finish):
/// all the output zlib gives for it.
fn compress_chunk(
    c: &mut Compress,
    input: &[u8],
    flush: i32,
) -> std::result::Result<Vec<u8>, ZError> {
    let mode = match flush {
        2 => FlushCompress::Sync,
        3 => FlushCompress::Full,
        4 => FlushCompress::Finish,
        1 | 5 => FlushCompress::Partial,
        _ => FlushCompress::None,
    };
    let start = c.total_in();
    let mut out = Vec::with_capacity(input.len() / 2 + 64);
    loop {
        if out.capacity() - out.len() < 1024 {
            out.reserve(out.len().max(4096));
        }
        let done = (c.total_in() - start) as usize;
        let status = c
            .compress_vec(&input[done..], &mut out, mode)
            .map_err(|e| (-2, "Z_STREAM_ERROR".into(), e.to_string()))?;
        if status == Status::StreamEnd {
            return Ok(out);
        }
        // All input taken and room left in the output: zlib has nothing more to give now.
        let all_in = (c.total_in() - start) as usize == input.len();
        if all_in && out.len() < out.capacity() && !matches!(mode, FlushCompress::Finish) {
            return Ok(out);
        }
    }
}

/// Decompresses `input`; `finish`: no input follows (a stream not at its end then is
/// truncated: zlib's "unexpected end of file").
fn decompress_chunk(
    coder: &mut Coder,
    mut input: &[u8],
    finish: bool,
) -> std::result::Result<Vec<u8>, ZError> {
    if let Coder::Unzip = coder {
        if input.is_empty() {
            return if finish {
                Err((-5, "Z_BUF_ERROR".into(), "unexpected end of file".into()))
            } else {
                Ok(Vec::new())
            };
        }
        let gzip = input[0] == 0x1f;
        *coder = Coder::Decompress {
            d: if gzip {
                Decompress::new_gzip(15)
            } else {
                Decompress::new(true)
            },
            gzip,
            ended: false,
        };
    }
    let Coder::Decompress { d, gzip, ended } = coder else {
        return Ok(Vec::new());
    };
    let mut out = Vec::with_capacity(input.len() * 2 + 64);
    loop {
        if *ended {
            // Another gzip member may follow; anything else after the end is ignored.
            if *gzip && input.len() >= 2 && input[0] == 0x1f && input[1] == 0x8b {
                *d = Decompress::new_gzip(15);
                *ended = false;
            } else {
                return Ok(out);
            }
        }
        if out.capacity() - out.len() < 1024 {
            out.reserve(out.len().max(4096));
        }
        let (was_in, was_out) = (d.total_in(), d.total_out());
        let status = d
            .decompress_vec(input, &mut out, FlushDecompress::None)
            .map_err(|e| data_error(e.message()))?;
        input = &input[(d.total_in() - was_in) as usize..];
        if status == Status::StreamEnd {
            *ended = true;
            continue;
        }
        let progressed = d.total_in() != was_in || d.total_out() != was_out;
        if input.is_empty() && out.len() < out.capacity() || !progressed {
            if finish && !*ended {
                return Err((-5, "Z_BUF_ERROR".into(), "unexpected end of file".into()));
            }
            return Ok(out);
        }
    }
}

fn install_streams<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    // zlibStreamNew(mode, level) -> id
    set_fn(
        ctx,
        binding,
        "zlibStreamNew",
        |ctx: Ctx<'js>, mode: String, level: i32| -> Result<u32> {
            let coder = new_coder(&mode, level)
                .ok_or_else(|| Exception::throw_type(&ctx, "unknown zlib mode"))?;
            let id = NEXT_STREAM.with(|n| {
                let id = n.get();
                n.set(id.wrapping_add(1).max(1));
                id
            });
            STREAMS.with(|s| s.borrow_mut().insert(id, coder));
            Ok(id)
        },
    )?;
    // zlibStreamWrite(id, data, flush) -> the output (Uint8Array), or throws zlib's error.
    set_fn(
        ctx,
        binding,
        "zlibStreamWrite",
        |ctx: Ctx<'js>, id: u32, data: Value<'js>, flush: i32| -> Result<Value<'js>> {
            let input = bytes_arg(&data)
                .ok_or_else(|| Exception::throw_type(&ctx, "data must be bytes"))?;
            let result = STREAMS.with(|s| {
                let mut streams = s.borrow_mut();
                let coder = streams.get_mut(&id)?;
                Some(match coder {
                    Coder::Compress(c) => compress_chunk(c, &input, flush),
                    other => decompress_chunk(other, &input, flush == 4),
                })
            });
            let result =
                result.ok_or_else(|| Exception::throw_type(&ctx, "zlib stream is closed"))?;
            to_js(&ctx, result)
        },
    )?;
    // zlibStreamFree(id): forgets the stream's state.
    set_fn(ctx, binding, "zlibStreamFree", |id: u32| {
        STREAMS.with(|s| s.borrow_mut().remove(&id));
    })?;
    Ok(())
}

pub(crate) fn install<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    install_streams(ctx, binding)?;
    // zlibProcess(mode, data, level): the whole output as a Uint8Array, or throws zlib's error
    // (with `errno` and `code`, as Node's).
    set_fn(
        ctx,
        binding,
        "zlibProcess",
        |ctx: Ctx<'js>, mode: String, data: Value<'js>, level: i32| -> Result<Value<'js>> {
            let input = bytes_arg(&data)
                .ok_or_else(|| Exception::throw_type(&ctx, "data must be bytes"))?;
            let result = run(&mode, &input, level)
                .ok_or_else(|| Exception::throw_type(&ctx, "unknown zlib mode"))?;
            to_js(&ctx, result)
        },
    )?;
    // crc32(data, start): zlib's CRC-32 of the bytes, continuing from `start`.
    set_fn(
        ctx,
        binding,
        "crc32",
        |ctx: Ctx<'js>, data: Value<'js>, start: f64| -> Result<f64> {
            let input = bytes_arg(&data)
                .ok_or_else(|| Exception::throw_type(&ctx, "data must be bytes"))?;
            Ok(zlib_rs::crc32::crc32(start as u32, &input) as f64)
        },
    )?;
    // brotliProcess(compress, data, [quality, lgwin, mode, sizeHint]): as zlibProcess.
    set_fn(
        ctx,
        binding,
        "brotliProcess",
        |ctx: Ctx<'js>, compress: bool, data: Value<'js>, params: Vec<i32>| -> Result<Value<'js>> {
            let input = bytes_arg(&data)
                .ok_or_else(|| Exception::throw_type(&ctx, "data must be bytes"))?;
            let p = |i: usize| params.get(i).copied().unwrap_or(-1);
            let result = if compress {
                brotli_compress(&input, [p(0), p(1), p(2), p(3)])
            } else {
                brotli_decompress(&input)
            };
            to_js(&ctx, result)
        },
    )?;
    Ok(())
}

fn to_js<'js>(ctx: &Ctx<'js>, result: std::result::Result<Vec<u8>, ZError>) -> Result<Value<'js>> {
    match result {
        Ok(out) => TypedArray::<u8>::new(ctx.clone(), out).map(|a| a.into_value()),
        Err((errno, code, message)) => {
            let err = Exception::from_message(ctx.clone(), &message)?;
            err.set("errno", errno)?;
            err.set("code", &*code)?;
            Err(ctx.throw(err.into_value()))
        }
    }
}
