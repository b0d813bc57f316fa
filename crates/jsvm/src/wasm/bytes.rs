//! The bytes of a module as code hands them over (a buffer source), and the one change the
//! library makes to a module before compiling it: its start function, exported instead of run
//! by the interpreter at instantiation, so that it runs on fuel like any call (store.rs).

use rquickjs::{qjs, Ctx, Value};

/// The name the start function is exported under in a module rewritten by [`without_start`]:
/// not valid UTF-16 in JavaScript terms, and hidden from every list the library makes.
pub(crate) const START_EXPORT: &str = "\u{0}jsvm:start";

/// A copy of the bytes of `v` if it is a buffer source as V8 takes one (an ArrayBuffer, or a
/// typed array over any buffer; not a SharedArrayBuffer itself, not a DataView); `Ok(None)`
/// when it is not one. `Err` on an exception.
pub(crate) fn buffer_source<'js>(
    ctx: &Ctx<'js>,
    v: &Value<'js>,
) -> rquickjs::Result<Option<Vec<u8>>> {
    if !v.is_object() {
        return Ok(None);
    }
    let c = ctx.as_raw().as_ptr();
    let raw = v.as_raw();
    unsafe {
        // `JS_CLASS_ARRAY_BUFFER` of the pinned engine (21, a SharedArrayBuffer, V8 refuses).
        if qjs::JS_GetClassID(raw) == 20 {
            return copy_buffer(ctx, raw, 0, None).map(Some);
        }
        if qjs::JS_GetTypedArrayType(raw) >= 0 {
            let (mut offset, mut length, mut width) = (0, 0, 0);
            let b = qjs::JS_GetTypedArrayBuffer(c, raw, &mut offset, &mut length, &mut width);
            if qjs::JS_IsException(b) {
                return Err(rquickjs::Error::Exception);
            }
            let buffer = Value::from_raw(ctx.clone(), b);
            return copy_buffer(ctx, buffer.as_raw(), offset as usize, Some(length as usize))
                .map(Some);
        }
    }
    Ok(None)
}

/// The bytes `offset..offset + length` (to the end without a length) of the buffer `b`,
/// copied; a detached buffer gives none (V8 compiles an empty module then).
unsafe fn copy_buffer(
    ctx: &Ctx<'_>,
    b: qjs::JSValue,
    offset: usize,
    length: Option<usize>,
) -> rquickjs::Result<Vec<u8>> {
    let c = ctx.as_raw().as_ptr();
    let mut size = 0;
    let data = qjs::JS_GetArrayBuffer(c, &mut size, b);
    if data.is_null() {
        // Detached: the engine threw a TypeError, which V8 does not.
        let e = qjs::JS_GetException(c);
        qjs::JS_FreeValue(c, e);
        return Ok(Vec::new());
    }
    let size = size as usize;
    let start = offset.min(size);
    let end = length.map_or(size, |l| start.saturating_add(l).min(size));
    Ok(std::slice::from_raw_parts(data, size)[start..end].to_vec())
}

fn read_leb(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut result: u64 = 0;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        result |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return u32::try_from(result).ok();
        }
    }
    None
}

fn write_leb(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// The sections of a module: (id, content range). `None` when the bytes do not read as
/// sections (the interpreter's validation says why).
fn sections(bytes: &[u8]) -> Option<Vec<(u8, std::ops::Range<usize>)>> {
    let mut at = 8;
    let mut out = Vec::new();
    while at < bytes.len() {
        let id = bytes[at];
        at += 1;
        let size = read_leb(bytes, &mut at)? as usize;
        let end = at.checked_add(size).filter(|&e| e <= bytes.len())?;
        out.push((id, at..end));
        at = end;
    }
    Some(out)
}

/// What a module costs in the interpreter's memory beyond its bytes (estimates, from its
/// sections, at least what wasmi 2 was measured to hold: docs/security.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Footprint {
    /// Held by the compiled module (its code, types, exports, segments) until its engine goes.
    pub(crate) compiled: usize,
    /// Held by each instance in its store (functions, globals, exports, segments).
    pub(crate) instance: usize,
}

/// The [`Footprint`] of a module's bytes (any bytes: sections that do not read are charged as
/// code).
pub(crate) fn footprint(bytes: &[u8]) -> Footprint {
    let mut f = Footprint {
        compiled: bytes.len().saturating_mul(4),
        instance: 4096,
    };
    let Some(sections) = sections(bytes) else {
        return f;
    };
    f.compiled = bytes.len();
    for (id, range) in sections {
        let len = range.len();
        let mut at = 0;
        let count = read_leb(&bytes[range.clone()], &mut at).unwrap_or(0) as usize;
        // (per byte, per entry) when compiled; (per byte, per entry) for each instance.
        let ((byte, entry), (ibyte, ientry)) = match id {
            // Custom and data sections: kept as they are (data segments shared by instances).
            0 | 11 => ((2, 0), (0, 64)),
            // Types, imports, exports: an entry each, names copied.
            1 => ((32, 64), (0, 0)),
            2 | 7 => ((32, 128), (0, 128)),
            // Functions: an entry in the engine's code map each, one in the store per instance.
            3 => ((1, 192), (0, 64)),
            // Code: the translated instructions (up to 7 times the bytes measured).
            10 => ((8, 0), (0, 0)),
            // Globals: an entry per instance too.
            6 => ((8, 32), (0, 32)),
            // Element segments: their items, copied per instance.
            9 => ((32, 64), (16, 64)),
            _ => ((4, 0), (0, 0)),
        };
        let cost = |per_byte: usize, per_entry: usize| {
            len.saturating_mul(per_byte)
                .saturating_add(count.saturating_mul(per_entry))
        };
        f.compiled = f.compiled.saturating_add(cost(byte, entry));
        f.instance = f.instance.saturating_add(cost(ibyte, ientry));
    }
    f
}

/// The export names of a valid module, in the order of its export section (the interpreter
/// keeps them sorted by name; the JS API lists them in order).
pub(crate) fn export_names(bytes: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    let Some(sections) = sections(bytes) else {
        return names;
    };
    for (id, range) in sections {
        if id != 7 {
            continue;
        }
        let content = &bytes[range];
        let mut at = 0;
        let count = read_leb(content, &mut at).unwrap_or(0);
        for _ in 0..count {
            let Some(len) = read_leb(content, &mut at) else {
                break;
            };
            let Some(name) = content.get(at..at + len as usize) else {
                break;
            };
            at += len as usize;
            names.push(String::from_utf8_lossy(name).into_owned());
            // The kind, then the index.
            at += 1;
            if read_leb(content, &mut at).is_none() {
                break;
            }
        }
    }
    names
}

/// The kinds of a valid module's imports (0 function, 1 table, 2 memory, 3 global), in the
/// order of its import section (the interpreter keeps them grouped by kind, each kind in
/// order; the JS API reads and reports them in the module's order). `None` when the section
/// does not read as one the interpreter takes.
pub(crate) fn import_kinds(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut kinds = Vec::new();
    for (id, range) in sections(bytes)? {
        if id != 2 {
            continue;
        }
        let content = &bytes[range];
        let mut at = 0;
        let count = read_leb(content, &mut at)?;
        for _ in 0..count {
            // The module's name, then the field's.
            for _ in 0..2 {
                let len = read_leb(content, &mut at)? as usize;
                at = at.checked_add(len).filter(|&e| e <= content.len())?;
            }
            let kind = *content.get(at)?;
            at += 1;
            let limits = |at: &mut usize| -> Option<()> {
                let flags = *content.get(*at)?;
                *at += 1;
                read_leb(content, at)?;
                if flags & 1 != 0 {
                    read_leb(content, at)?;
                }
                Some(())
            };
            match kind {
                0 => {
                    read_leb(content, &mut at)?;
                }
                1 => {
                    at += 1;
                    limits(&mut at)?;
                }
                2 => limits(&mut at)?,
                3 => at += 2,
                _ => return None,
            }
            kinds.push(kind);
        }
    }
    Some(kinds)
}

/// The bytes of a valid module with a start section, rewritten without it and with the start
/// function exported as [`START_EXPORT`] instead; `None` when it has no start section.
pub(crate) fn without_start(bytes: &[u8]) -> Option<Vec<u8>> {
    let sections = sections(bytes)?;
    let start = sections.iter().find(|(id, _)| *id == 8)?;
    let mut at = start.1.start;
    let func = read_leb(bytes, &mut at)?;
    let mut entry = Vec::new();
    write_leb(&mut entry, START_EXPORT.len() as u32);
    entry.extend_from_slice(START_EXPORT.as_bytes());
    entry.push(0x00);
    write_leb(&mut entry, func);
    let has_exports = sections.iter().any(|(id, _)| *id == 7);
    let mut out = bytes[..8].to_vec();
    let push_section = |out: &mut Vec<u8>, id: u8, content: &[u8]| {
        out.push(id);
        write_leb(out, content.len() as u32);
        out.extend_from_slice(content);
    };
    for (id, range) in &sections {
        match id {
            7 => {
                let content = &bytes[range.clone()];
                let mut at = 0;
                let count = read_leb(content, &mut at)?;
                let mut new = Vec::new();
                write_leb(&mut new, count.checked_add(1)?);
                new.extend_from_slice(&content[at..]);
                new.extend_from_slice(&entry);
                push_section(&mut out, 7, &new);
            }
            // The export section goes where the start section was when there was none: after
            // the globals, before the elements, as the section order wants.
            8 if !has_exports => {
                let mut new = Vec::new();
                write_leb(&mut new, 1);
                new.extend_from_slice(&entry);
                push_section(&mut out, 7, &new);
            }
            8 => {}
            _ => push_section(&mut out, *id, &bytes[range.clone()]),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (module (func $s) (start $s)) with an export of it as "f".
    const WITH_START: &[u8] = &[
        0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 8, 1, 0,
        10, 4, 1, 2, 0, 11,
    ];

    #[test]
    fn start_becomes_an_export() {
        let out = without_start(WITH_START).unwrap();
        assert!(sections(&out).unwrap().iter().all(|(id, _)| *id != 8));
        assert_eq!(
            export_names(&out),
            vec!["f".to_string(), START_EXPORT.to_string()]
        );
        assert_eq!(export_names(WITH_START), vec!["f".to_string()]);
        // Valid for the interpreter.
        wasmi::Module::new(&super::super::store::new_engine(), &out).unwrap();
    }

    #[test]
    fn a_footprint_counts_entries_and_bytes() {
        let empty = footprint(&[0, 97, 115, 109, 1, 0, 0, 0]);
        assert_eq!(empty.compiled, 8);
        let f = footprint(WITH_START);
        // One function: its entry in the engine and in each instance's store.
        assert!(f.compiled >= 192 && f.instance >= 4096 + 64, "{f:?}");
        // Bytes that do not read as sections are charged as code.
        assert_eq!(footprint(&[1; 100]).compiled, 400);
    }

    #[test]
    fn no_start_no_rewrite() {
        assert!(without_start(&[0, 97, 115, 109, 1, 0, 0, 0]).is_none());
    }
}
