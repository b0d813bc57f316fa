//! Compiling a script in a runtime and loading its bytecode into a realm: the compile cache's
//! and cached data's checks, source lines for stack traces, compile errors as Node reports them.

use std::ffi::c_int;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use rquickjs::{qjs, Ctx, Value};

use super::{cached_data, locate_syntax_error, write_bytecode, Bytecode, Script, ScriptOptions};
use crate::error::{Error, Result, SyntaxError};
use crate::exception::describe_value;

impl Script {
    /// Prepares a script and, unless accepted cached data makes it unnecessary, compiles it in
    /// `ctx`'s realm, returning the bytecode function for that realm.
    pub(crate) fn compile_for<'js>(
        ctx: &Ctx<'js>,
        source: &str,
        mut options: ScriptOptions,
    ) -> Result<(Script, Option<Value<'js>>)> {
        let mut script = Script::prepare(source, &options);
        if let Some(data) = options.cached_data.take() {
            let hash = cached_data::source_hash(&script.inner.filename, source);
            let state = crate::runtime::state::RuntimeState::of(ctx);
            let key = state.cached_data_key.as_ref();
            let inner = Arc::get_mut(&mut script.inner).expect("new script is unshared");
            match cached_data::decode(&data, hash, key).map(|b| data.len() - b.len()) {
                Some(start) => {
                    let _ = inner.cached_data_header.set(data[..start].to_vec());
                    // The data's buffer is kept as it is, header and all: no copy.
                    let _ = inner.bytecode.set(Bytecode { buf: data, start });
                    inner.cached_data_rejected = Some(false);
                    // Stack traces read source lines as for a script compiled from source.
                    script.remember_source(ctx);
                    return Ok((script, None));
                }
                None => inner.cached_data_rejected = Some(true),
            }
        }
        let func = script.compile_in(ctx)?;
        script.inner.realms.fetch_add(1, Ordering::Relaxed);
        Ok((script, Some(func)))
    }

    /// Compiles the source in `ctx`'s realm; returns the bytecode function.
    pub(crate) fn compile_in<'js>(&self, ctx: &Ctx<'js>) -> Result<Value<'js>> {
        self.compile_raw(ctx)
            .map_err(|v| self.describe_compile_error(ctx, &v))
    }

    /// Lets stack traces of the runtime read this script's source lines.
    fn remember_source(&self, ctx: &Ctx<'_>) {
        crate::runtime::state::RuntimeState::of(ctx).remember_source(
            &self.inner.filename,
            crate::source_lines::SourceLines::new(
                self.inner.compiled_source.clone(),
                self.inner.line_num,
            ),
        );
    }

    fn compile_raw<'js>(&self, ctx: &Ctx<'js>) -> std::result::Result<Value<'js>, Value<'js>> {
        let filename =
            std::ffi::CString::new(self.inner.filename.replace('\0', "")).expect("no NUL left");
        let mut opts = qjs::JSEvalOptions {
            version: 1,
            eval_flags: (qjs::JS_EVAL_TYPE_GLOBAL | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as c_int,
            filename: filename.as_ptr(),
            line_num: self.inner.line_num,
        };
        self.remember_source(ctx);
        let src = &self.inner.compiled_source;
        // A parse that met the stack limit is a RangeError, whatever the parser said.
        super::stack_limit::compile(ctx, || unsafe {
            qjs::JS_Eval2(
                ctx.as_raw().as_ptr(),
                src.as_ptr().cast(),
                (src.len() - 1) as _,
                &mut opts,
            )
        })
    }

    /// A compile error as a library error; syntax errors get Node's location and source line.
    fn describe_compile_error<'js>(&self, ctx: &Ctx<'js>, v: &Value<'js>) -> Error {
        match describe_value(ctx, v) {
            Error::Syntax(s) => Error::Syntax(locate_syntax_error(
                s,
                self.inner.source(),
                &self.inner.filename,
                self.inner.line_offset,
                self.inner.column_offset,
                false,
            )),
            other => other,
        }
    }

    /// The bytecode function of this script for `ctx`'s realm: read from the bytes, or compiled
    /// there if the script has none yet. On failure the thrown value is returned.
    pub(crate) fn load_into<'js>(
        &self,
        ctx: &Ctx<'js>,
    ) -> std::result::Result<Value<'js>, Value<'js>> {
        if let Some(bytecode) = self.inner.bytecode.get() {
            // Compiled elsewhere: no compilation here makes what its code reaches unnamed.
            if !crate::realm::ensure_groups(ctx, self.inner.lazy_groups()) {
                return Err(ctx.catch());
            }
            let bytes = bytecode.bytes();
            let v = unsafe {
                let r = qjs::JS_ReadObject(
                    ctx.as_raw().as_ptr(),
                    bytes.as_ptr(),
                    bytes.len() as _,
                    qjs::JS_READ_OBJ_BYTECODE as c_int,
                );
                Value::from_raw(ctx.clone(), r)
            };
            return if v.is_exception() {
                Err(ctx.catch())
            } else {
                Ok(v)
            };
        }
        let func = self.compile_raw(ctx)?;
        if self.inner.realms.fetch_add(1, Ordering::Relaxed) >= 1 {
            if let Ok(bytes) = write_bytecode(ctx, &func) {
                let _ = self.inner.bytecode.set(Bytecode::new(bytes));
            }
        }
        Ok(func)
    }

    /// A script's syntax error, as a thrown SyntaxError value whose details Node's layer can
    /// print (`file:line`, source line, caret). Engine tier: inside
    /// [`crate::Runtime::with_ctx`].
    pub fn syntax_error_of<'js>(&self, ctx: &Ctx<'js>, thrown: &Value<'js>) -> Option<SyntaxError> {
        match self.describe_compile_error(ctx, thrown) {
            Error::Syntax(s) => Some(s),
            _ => None,
        }
    }

    /// Cached data for this script (Node's `script.createCachedData()`): bytecode behind a
    /// header naming the source, filename and engine, tagged with the runtime's cached data
    /// key if it has one ([`crate::RuntimeBuilder::cached_data_key`]). Give it back through
    /// [`ScriptOptions::cached_data`] to skip compiling. The in-lock form of
    /// [`crate::Runtime::cached_data`].
    pub fn cached_data(&self, ctx: &Ctx<'_>) -> Result<Vec<u8>> {
        let hash = cached_data::source_hash(&self.inner.filename, self.inner.source());
        if self.inner.bytecode.get().is_none() {
            let func = self.compile_in(ctx)?;
            let bytes = write_bytecode(ctx, &func)?;
            let _ = self.inner.bytecode.set(Bytecode::new(bytes));
        }
        let bytecode = self.inner.bytecode.get().expect("just set").bytes();
        let state = crate::runtime::state::RuntimeState::of(ctx);
        let data = cached_data::encode(hash, bytecode, state.cached_data_key.as_ref());
        let _ = self
            .inner
            .cached_data_header
            .set(data[..data.len() - bytecode.len()].to_vec());
        Ok(data)
    }
}
