//! Compiling a module's source (or reading its cached data) into the engine's record, and what
//! the source's static imports are.

use std::ffi::{c_int, CString};

use oxc_allocator::Allocator;
use oxc_ast::ast::{ImportAttributeKey, ModuleDeclaration, WithClause};
use oxc_span::SourceType;
use rquickjs::{qjs, Ctx};

use crate::cached_data;
use crate::error::{Error, Result};
use crate::exception::describe_value;

use super::raw_record::{check_layout, module_value, ptr_of, tag_of};
use super::record::{Kind, Module, ModuleRequest, ModuleShared};

impl<'js> Module<'js> {
    /// Cached data for this source text module (its bytecode behind the library's header,
    /// tagged with the runtime's cached data key if it has one); give it to
    /// [`SourceTextOptions::cached_data`](crate::engine::SourceTextOptions::cached_data) with the same source to skip parsing.
    pub fn cached_data(&self) -> Result<Vec<u8>> {
        let s = self.shared();
        let Kind::Source {
            source, bytecode, ..
        } = &s.kind
        else {
            return Err(Error::InvalidArgument("not a source text module".into()));
        };
        // A module with imports has no bytecode before it is linked (QuickJS resolves
        // imports while compiling): its data then only names the source, and the module
        // given it compiles from source.
        let bytes = bytecode.borrow().clone().unwrap_or_default();
        let mut payload = Vec::with_capacity(bytes.len() + s.name.len() + 4);
        payload.extend_from_slice(&(s.name.len() as u32).to_le_bytes());
        payload.extend_from_slice(s.name.as_bytes());
        payload.extend_from_slice(&bytes);
        let state = crate::runtime::state::RuntimeState::of(&self.ctx());
        Ok(cached_data::encode(
            cached_data::source_hash("", source),
            &payload,
            state.cached_data_key.as_ref(),
        ))
    }
}

pub(super) fn payload_for_name<'a>(payload: &'a [u8], name: &str) -> Option<&'a [u8]> {
    let len = u32::from_le_bytes(payload.get(..4)?.try_into().ok()?) as usize;
    let stored = payload.get(4..4 + len)?;
    if stored != name.as_bytes() {
        return None;
    }
    Some(&payload[4 + len..])
}

/// Makes the engine's record of a module if it has none yet: reads accepted cached data, or
/// compiles the source (which resolves its imports: call with the link maps in place).
pub(super) fn materialize(ctx: &Ctx<'_>, shared: &ModuleShared) -> Result<*mut qjs::JSModuleDef> {
    if shared.discarded.get() {
        return shared.def();
    }
    let d = shared.def.get();
    if !d.is_null() {
        return Ok(d);
    }
    let Kind::Source {
        cached,
        bytecode,
        source,
        ..
    } = &shared.kind
    else {
        return shared.def();
    };
    let mut def: *mut qjs::JSModuleDef = std::ptr::null_mut();
    let payload = cached.borrow_mut().take();
    // Bytecode compiled elsewhere: no compilation here makes what its code reaches unnamed.
    let groups = crate::realm::groups_for_source(source.as_bytes(), true);
    if payload.is_some() && !crate::realm::ensure_groups(ctx, groups) {
        return Err(crate::exception::describe_caught(ctx));
    }
    if let Some(payload) = &payload {
        // The payload starts with the name the bytecode carries: usable only under it.
        if let Some(bytes) = payload_for_name(payload, &shared.name).filter(|b| !b.is_empty()) {
            let v = unsafe {
                qjs::JS_ReadObject(
                    ctx.as_raw().as_ptr(),
                    bytes.as_ptr(),
                    bytes.len() as _,
                    qjs::JS_READ_OBJ_BYTECODE as c_int,
                )
            };
            if tag_of(v) == qjs::JS_TAG_MODULE {
                def = ptr_of(v).cast();
                *bytecode.borrow_mut() = Some(bytes.to_vec());
            } else if tag_of(v) == qjs::JS_TAG_EXCEPTION {
                let _ = ctx.catch();
            }
        }
    }
    if def.is_null() {
        def = compile_source(ctx, shared)?;
        *bytecode.borrow_mut() = write_module(ctx, def).ok();
    }
    check_layout(ctx, def)?;
    shared.def.set(def);
    Ok(def)
}

/// Compiles a source text module (QuickJS resolves its imports as part of this).
pub(super) fn compile_source(
    ctx: &Ctx<'_>,
    shared: &ModuleShared,
) -> Result<*mut qjs::JSModuleDef> {
    let Kind::Source {
        source,
        compiled,
        line_num,
        line_offset,
        column_offset,
        ..
    } = &shared.kind
    else {
        return shared.def();
    };
    let name = &shared.name;
    let cname = CString::new(name.replace('\0', "")).expect("no NUL left");
    let mut opts = qjs::JSEvalOptions {
        version: 1,
        eval_flags: (qjs::JS_EVAL_TYPE_MODULE | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as c_int,
        filename: cname.as_ptr(),
        line_num: *line_num,
    };
    let v = unsafe {
        qjs::JS_Eval2(
            ctx.as_raw().as_ptr(),
            compiled.as_ptr().cast(),
            (compiled.len() - 1) as _,
            &mut opts,
        )
    };
    if tag_of(v) == qjs::JS_TAG_MODULE {
        // The returned reference is kept: a module's count must never reach zero.
        return Ok(ptr_of(v).cast());
    }
    let thrown = ctx.catch();
    match describe_value(ctx, &thrown) {
        Error::Syntax(s) => Err(Error::Syntax(crate::script::locate_syntax_error(
            s,
            source,
            name,
            *line_offset,
            *column_offset,
            true,
        ))),
        other => Err(other),
    }
}

pub(super) fn write_module(ctx: &Ctx<'_>, def: *mut qjs::JSModuleDef) -> Result<Vec<u8>> {
    crate::script::write_object(ctx, module_value(def))
}

pub(super) struct Scan {
    pub(super) requests: Vec<ModuleRequest>,
    pub(super) uses_import_meta: bool,
}

/// The import requests of a module (QuickJS has no API listing them), and whether it uses
/// `import.meta`. A source that does not parse gives nothing (the engine reports the error);
/// one nested deeper than the library's parse may go (see `parse_stack`) is `None`.
pub(super) fn scan_module(source: &str) -> Option<Scan> {
    crate::parse_stack::with_parse_stack(source, || scan_module_here(source))
}

fn scan_module_here(source: &str) -> Scan {
    let allocator = Allocator::default();
    let ret = oxc_parser::Parser::new(&allocator, source, SourceType::mjs()).parse();
    let mut requests: Vec<ModuleRequest> = Vec::new();
    let attrs = |w: &Option<oxc_allocator::Box<'_, WithClause<'_>>>| -> Vec<(String, String)> {
        let Some(w) = w else { return Vec::new() };
        w.with_entries
            .iter()
            .map(|a| {
                let key = match &a.key {
                    ImportAttributeKey::Identifier(i) => i.name.as_str().to_string(),
                    ImportAttributeKey::StringLiteral(s) => s.value.as_str().to_string(),
                };
                (key, a.value.value.as_str().to_string())
            })
            .collect()
    };
    for stmt in &ret.program.body {
        let Some(decl) = stmt.as_module_declaration() else {
            continue;
        };
        let (spec, attributes) = match decl {
            ModuleDeclaration::ImportDeclaration(d) => {
                (d.source.value.as_str(), attrs(&d.with_clause))
            }
            ModuleDeclaration::ExportAllDeclaration(d) => {
                (d.source.value.as_str(), attrs(&d.with_clause))
            }
            ModuleDeclaration::ExportFromDeclaration(d) => {
                (d.source.value.as_str(), attrs(&d.with_clause))
            }
            _ => continue,
        };
        let req = ModuleRequest {
            specifier: spec.to_string(),
            attributes,
        };
        let same = |a: &ModuleRequest| {
            a.specifier == req.specifier && {
                let mut x = a.attributes.clone();
                let mut y = req.attributes.clone();
                x.sort();
                y.sort();
                x == y
            }
        };
        if !requests.iter().any(same) {
            requests.push(req);
        }
    }
    Scan {
        requests,
        uses_import_meta: !ret.module_record.import_metas.is_empty(),
    }
}
