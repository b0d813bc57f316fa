//! Natives for `zlib`: one-shot compression and decompression of a whole buffer (deflate,
//! zlib, gzip), on `flate2` with the zlib-rs backend, a port of zlib that makes the same bytes
//! and reports the same errors as the zlib in Node.

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use jsvm::rquickjs::{Ctx, Exception, Object, Result, TypedArray, Value};

use crate::fs_binding::bytes_arg;
use crate::process_binding::set_fn;

/// A zlib error as Node reports it: (errno, code, message).
type ZError = (i32, &'static str, String);

fn data_error(message: Option<&str>) -> ZError {
    (-3, "Z_DATA_ERROR", message.unwrap_or("invalid data").to_string())
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
            Err(e) => return Err((-2, "Z_STREAM_ERROR", e.to_string())),
        }
    }
}

/// Inflates all of `input`. A gzip stream may hold several members, one after another, as
/// zlib's gunzip reads them; bytes after the last one that are no gzip member are ignored.
fn decompress(
    mut d: Decompress,
    input: &[u8],
    gzip: bool,
) -> std::result::Result<Vec<u8>, ZError> {
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
            return Err((-5, "Z_BUF_ERROR", "unexpected end of file".into()));
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

pub(crate) fn install<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    // zlibProcess(mode, data, level): the whole output as a Uint8Array, or throws zlib's error
    // (with `errno` and `code`, as Node's).
    set_fn(
        ctx,
        binding,
        "zlibProcess",
        |ctx: Ctx<'js>, mode: String, data: Value<'js>, level: i32| -> Result<Value<'js>> {
            let input =
                bytes_arg(&data).ok_or_else(|| Exception::throw_type(&ctx, "data must be bytes"))?;
            let result = run(&mode, &input, level)
                .ok_or_else(|| Exception::throw_type(&ctx, "unknown zlib mode"))?;
            match result {
                Ok(out) => TypedArray::<u8>::new(ctx, out).map(|a| a.into_value()),
                Err((errno, code, message)) => {
                    let err = Exception::from_message(ctx.clone(), &message)?;
                    err.set("errno", errno)?;
                    err.set("code", code)?;
                    Err(ctx.throw(err.into_value()))
                }
            }
        },
    )?;
    Ok(())
}
