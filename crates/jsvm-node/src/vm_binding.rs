//! Natives behind `require('vm')`: contexts, scripts, compileFunction, measureMemory.
//!
//! `js/vm.js` validates arguments and shapes Node's API; these functions do the work through
//! the jsvm library, as Node's `lib/vm.js` sits on its contextify binding.

use crate::scripts_by_string;
pub use crate::sigint_run::interrupt_sigint_runs;
use crate::sigint_run::SigintRun;
use crate::source_text::SourceText;

use jsvm::engine::rquickjs::function::Opt;
use jsvm::engine::rquickjs::{Array, Ctx, Function, Object, Result, TypedArray, Value};
use jsvm::engine::{compile_function, ContextHandle, FunctionOptions};
use jsvm::{
    CodeGeneration, ContextOptions, Error, MicrotaskMode, RunOptions, Script, ScriptOptions,
};

/// Adds the vm natives to `binding` (as `binding.vm`).
pub fn install<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    // Node 20's language has no `ArrayBuffer.prototype.transfer`, yet Node detaches the
    // buffers of a transfer list and a byte stream's chunks: the library's transfer.
    binding.set(
        "transferArrayBuffer",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, buffer: Value<'js>| {
            jsvm::engine::transfer_array_buffer(&ctx, &buffer)
        })?,
    )?;
    // V8's `previewEntries` of a weak collection (util.inspect with showHidden):
    // `[total, entries]`, at most `limit` entries, or undefined for anything else.
    binding.set(
        "previewWeak",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, value: Value<'js>, limit: f64| -> Result<Value<'js>> {
                let limit = if limit.is_finite() && limit > 0.0 {
                    limit.min(u32::MAX as f64) as usize
                } else {
                    0
                };
                match jsvm::engine::weak_entries(&ctx, &value, limit)? {
                    Some((total, entries)) => {
                        let out = Array::new(ctx.clone())?;
                        out.set(0, total as f64)?;
                        let list = Array::new(ctx.clone())?;
                        for (i, v) in entries.into_iter().enumerate() {
                            list.set(i, v)?;
                        }
                        out.set(1, list)?;
                        Ok(out.into_value())
                    }
                    None => Ok(Value::new_undefined(ctx)),
                }
            },
        )?,
    )?;
    let vm = Object::new(ctx.clone())?;
    vm.set("makeContext", Function::new(ctx.clone(), make_context)?)?;
    vm.set("compileScript", Function::new(ctx.clone(), compile_script)?)?;
    vm.set(
        "cachedDataRejected",
        Function::new(ctx.clone(), cached_data_rejected)?,
    )?;
    vm.set(
        "createCachedData",
        Function::new(ctx.clone(), create_cached_data)?,
    )?;
    vm.set("sourceMapURL", Function::new(ctx.clone(), source_map_url)?)?;
    vm.set("runScript", Function::new(ctx.clone(), run_wrap)?)?;
    vm.set("runSource", Function::new(ctx.clone(), run_source)?)?;
    vm.set("compileFunction", Function::new(ctx.clone(), compile_fn)?)?;
    vm.set("memoryUsage", Function::new(ctx.clone(), memory_usage)?)?;
    crate::vm_module_binding::install(ctx, &vm)?;
    vm.set("mainContext", Function::new(ctx.clone(), main_context)?)?;
    vm.set(
        "nameFramesBy",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, holder: Object<'js>, type_name: String| {
                jsvm::engine::name_frames_by_holder(&ctx, &holder, &type_name)
            },
        )?,
    )?;
    binding.set("vm", vm)?;
    Ok(())
}

fn throw<'js>(ctx: &Ctx<'js>, e: &Error) -> jsvm::engine::rquickjs::Error {
    jsvm::engine::throw_error(ctx, e)
}

/// `makeContext(sandbox, name, origin, strings, wasm, afterEvaluate)` -> the handle object the
/// other natives take (the sandbox is then the contextified object); with no sandbox
/// (DONT_CONTEXTIFY) `[global, handle]`, the new context's global being the contextified
/// object. A plain handle for the common form spares each context an array and its
/// destructuring.
fn make_context<'js>(
    ctx: Ctx<'js>,
    sandbox: Option<Object<'js>>,
    name: Option<String>,
    origin: Option<String>,
    strings: Option<bool>,
    wasm: Option<bool>,
    after_evaluate: Option<bool>,
) -> Result<Value<'js>> {
    let options = ContextOptions {
        name,
        origin,
        code_generation: CodeGeneration {
            strings: strings.unwrap_or(true),
            wasm: wasm.unwrap_or(true),
        },
        microtask_mode: if after_evaluate.unwrap_or(false) {
            MicrotaskMode::AfterEvaluate
        } else {
            MicrotaskMode::Default
        },
    };
    match sandbox {
        // With no sandbox (DONT_CONTEXTIFY) the global is an ordinary one, as in Node.
        None => {
            let h = ContextHandle::create_ordinary(&ctx, &options).map_err(|e| throw(&ctx, &e))?;
            let pair = Array::new(ctx.clone())?;
            pair.set(0, h.global())?;
            pair.set(1, h.as_object().clone())?;
            Ok(pair.into_value())
        }
        Some(s) => {
            let h = ContextHandle::create(&ctx, Some(s), &options).map_err(|e| throw(&ctx, &e))?;
            Ok(h.as_object().clone().into_value())
        }
    }
}

/// The context for an argument: a context handle (from `makeContext`), a contextified
/// object, or `null`/`undefined` for this (the main) context.
fn context_for<'js>(ctx: &Ctx<'js>, target: &Value<'js>) -> Result<ContextHandle<'js>> {
    if let Some(obj) = target.as_object() {
        if let Some(h) = ContextHandle::from_object(obj) {
            return Ok(h);
        }
        return ContextHandle::from_sandbox(ctx, obj).ok_or_else(|| {
            jsvm::engine::throw_error(
                ctx,
                &Error::InvalidArgument("The object is not a vm.Context".into()),
            )
        });
    }
    ContextHandle::main(ctx).map_err(|e| throw(ctx, &e))
}

/// `mainContext()`: the handle of this context, for `run(handle, ...)`.
fn main_context<'js>(ctx: Ctx<'js>) -> Result<Object<'js>> {
    let h = ContextHandle::main(&ctx).map_err(|e| throw(&ctx, &e))?;
    Ok(h.as_object().clone())
}

fn bytes_of(v: &Value<'_>) -> Option<Vec<u8>> {
    // Copied at once, before any JavaScript can detach or resize the buffer.
    typed_array_of(v).and_then(|t| unsafe { t.as_bytes() }.map(|b| b.to_vec()))
}

fn typed_array_of<'js>(v: &Value<'js>) -> Option<TypedArray<'js, u8>> {
    TypedArray::<u8>::from_object(v.as_object()?.clone()).ok()
}

/// A compiled script as a JavaScript object (what `vm.Script` keeps): one small class
/// instance instead of an object with closures.
pub(crate) struct ScriptWrap {
    script: Script,
    /// This `vm.Script`'s own `cachedDataRejected` (its compiled script may be shared).
    cached_data_rejected: Option<bool>,
}

impl<'js> jsvm::engine::rquickjs::class::Trace<'js> for ScriptWrap {
    fn trace<'a>(&self, _tracer: jsvm::engine::rquickjs::class::Tracer<'a, 'js>) {}
}

unsafe impl<'js> jsvm::engine::rquickjs::JsLifetime<'js> for ScriptWrap {
    type Changed<'to> = ScriptWrap;
}

impl<'js> jsvm::engine::rquickjs::class::JsClass<'js> for ScriptWrap {
    const NAME: &'static str = "ContextifyScript";
    type Mutable = jsvm::engine::rquickjs::class::Readable;
    fn constructor(
        _ctx: &Ctx<'js>,
    ) -> Result<Option<jsvm::engine::rquickjs::function::Constructor<'js>>> {
        Ok(None)
    }
}

fn script_of<'js>(ctx: &Ctx<'js>, wrap: &Value<'js>) -> Result<Script> {
    jsvm::engine::rquickjs::Class::<ScriptWrap>::from_value(wrap)
        .map(|c| c.borrow().script.clone())
        .map_err(|_| {
            jsvm::engine::throw_error(ctx, &Error::InvalidArgument("not a compiled script".into()))
        })
}

/// `compileScript(code, filename, lineOffset, columnOffset, cachedData, parsingContext)`:
/// compiles in the parsing context's realm (default: this one) -> a script wrap. A large
/// source compiled before from the same string is served without reading it again
/// (scripts_by_string.rs), also with cached data, when that is the script's own.
fn compile_script<'js>(
    ctx: Ctx<'js>,
    code: Value<'js>,
    filename: String,
    line_offset: i32,
    column_offset: i32,
    cached_data: Value<'js>,
    parsing: Value<'js>,
) -> Result<Value<'js>> {
    let realm = context_for(&ctx, &parsing)?;
    let key = scripts_by_string::Key::of(&code, &filename, line_offset, column_offset, realm.id());
    if let Some(script) = key
        .as_ref()
        .and_then(|k| scripts_by_string::lookup(&ctx, k))
    {
        let rejected = match typed_array_of(&cached_data) {
            None => Some(None),
            // Checked in place: nothing runs before the wrap is made.
            Some(t) => unsafe { t.as_bytes() }
                .is_some_and(|b| script.holds_cached_data(b))
                .then_some(Some(false)),
        };
        if let Some(cached_data_rejected) = rejected {
            return wrap_script(&ctx, script, cached_data_rejected);
        }
    }
    let text: SourceText = code.get()?;
    let options = ScriptOptions {
        filename: Some(filename),
        line_offset,
        column_offset,
        cached_data: bytes_of(&cached_data),
    };
    let script = realm.compile(&text, options).map_err(|e| throw(&ctx, &e))?;
    if let Some(key) = key.filter(|_| text.len() >= scripts_by_string::MIN_SOURCE_BYTES) {
        scripts_by_string::remember(&ctx, &code, key, script.clone());
    }
    let rejected = script.cached_data_rejected();
    wrap_script(&ctx, script, rejected)
}

fn wrap_script<'js>(
    ctx: &Ctx<'js>,
    script: Script,
    cached_data_rejected: Option<bool>,
) -> Result<Value<'js>> {
    let wrap = ScriptWrap {
        script,
        cached_data_rejected,
    };
    Ok(jsvm::engine::rquickjs::Class::instance(ctx.clone(), wrap)?.into_value())
}

/// `cachedDataRejected(wrap)`: whether given cached data was rejected (undefined if none).
fn cached_data_rejected<'js>(ctx: Ctx<'js>, wrap: Value<'js>) -> Result<Option<bool>> {
    jsvm::engine::rquickjs::Class::<ScriptWrap>::from_value(&wrap)
        .map(|c| c.borrow().cached_data_rejected)
        .map_err(|_| {
            jsvm::engine::throw_error(
                &ctx,
                &Error::InvalidArgument("not a compiled script".into()),
            )
        })
}

/// `sourceMapURL(wrap)`: the URL of the source's magic comment (undefined if none).
fn source_map_url<'js>(ctx: Ctx<'js>, wrap: Value<'js>) -> Result<Option<String>> {
    Ok(script_of(&ctx, &wrap)?.source_map_url().map(str::to_string))
}

/// `createCachedData(wrap)` -> Uint8Array.
fn create_cached_data<'js>(ctx: Ctx<'js>, wrap: Value<'js>) -> Result<Value<'js>> {
    let script = script_of(&ctx, &wrap)?;
    let data = script.cached_data(&ctx).map_err(|e| throw(&ctx, &e))?;
    Ok(TypedArray::<u8>::new(ctx.clone(), data)?.into_value())
}

/// `runScript(wrap, contextHandle|null, timeout, displayErrors, breakOnSigint)`.
fn run_wrap<'js>(
    ctx: Ctx<'js>,
    wrap: Value<'js>,
    target: Value<'js>,
    timeout: f64,
    display_errors: bool,
    break_on_sigint: bool,
) -> Result<Value<'js>> {
    let script = script_of(&ctx, &wrap)?;
    run_script(
        &ctx,
        &script,
        &target,
        timeout,
        display_errors,
        break_on_sigint,
    )
}

/// `runSource(code, contextHandle|null, filename, timeout, flags)`:
/// compile (through the compile cache) and run in one call, for `vm.runInContext(code)` and
/// friends; flags: 1 displayErrors, 2 breakOnSigint.
fn run_source<'js>(
    ctx: Ctx<'js>,
    code: SourceText<'js>,
    target: Value<'js>,
    filename: String,
    timeout: f64,
    flags: i32,
    failed: Opt<Value<'js>>,
) -> Result<Value<'js>> {
    let options = ScriptOptions {
        filename: Some(filename),
        ..Default::default()
    };
    let realm = context_for(&ctx, &target)?;
    let script = match (realm.compile(&code, options), failed.0) {
        (Ok(script), _) => script,
        // A syntax error is left to vm.js when it gives `failed`: it compiles again where
        // Node does (`new Script`), for Node's frames. Not a script's `let undefined`, which
        // V8 refuses as it runs the script (a conflict with the global's binding).
        (Err(Error::Syntax(s)), Some(failed))
            if s.message != "Identifier 'undefined' has already been declared" =>
        {
            return Ok(failed);
        }
        (Err(e), _) => return Err(throw(&ctx, &e)),
    };
    run_script(
        &ctx,
        &script,
        &target,
        timeout,
        flags & 1 != 0,
        flags & 2 != 0,
    )
}

fn run_script<'js>(
    ctx: &Ctx<'js>,
    script: &Script,
    sandbox: &Value<'js>,
    timeout: f64,
    display_errors: bool,
    break_on_sigint: bool,
) -> Result<Value<'js>> {
    let context = context_for(ctx, sandbox)?;
    let sigint = SigintRun::new(break_on_sigint);
    let options = RunOptions {
        timeout_ms: (timeout >= 0.0).then_some(timeout as u64),
        cancel: sigint.token(),
        display_errors,
    };
    let result = context.run(script, &options);
    drop(sigint);
    result
}

/// `compileFunction(code, params, options)` with options `{ filename, lineOffset,
/// columnOffset, cachedData, produceCachedData, parsingContext, contextExtensions }` (already
/// validated by vm.js) -> `{ function, cachedDataRejected?, cachedData? }`.
fn compile_fn<'js>(
    ctx: Ctx<'js>,
    code: SourceText<'js>,
    params: Value<'js>,
    options: Object<'js>,
) -> Result<Object<'js>> {
    let filename: Option<String> = options.get("filename")?;
    let line_offset: Option<i32> = options.get("lineOffset")?;
    let column_offset: Option<i32> = options.get("columnOffset")?;
    let cached_data: Value = options.get("cachedData")?;
    let produce: Option<bool> = options.get("produceCachedData")?;
    let parsing: Value = options.get("parsingContext")?;
    let extensions: Option<Array> = options.get("contextExtensions")?;
    let parsing_context = match parsing.as_object() {
        Some(obj) => Some(context_for(&ctx, &obj.clone().into_value())?),
        None => None,
    };
    let mut context_extensions = Vec::new();
    if let Some(extensions) = extensions {
        for e in extensions.iter::<Value>() {
            if let Some(o) = e?.into_object() {
                context_extensions.push(o);
            }
        }
    }
    let params: Vec<String> = match params.as_array() {
        Some(a) => a.iter::<String>().collect::<Result<_>>()?,
        None => Vec::new(),
    };
    let param_refs: Vec<&str> = params.iter().map(|s| s.as_str()).collect();
    let compiled = compile_function(
        &ctx,
        &code,
        &param_refs,
        FunctionOptions {
            filename,
            line_offset: line_offset.unwrap_or(0),
            column_offset: column_offset.unwrap_or(0),
            cached_data: bytes_of(&cached_data),
            parsing_context,
            context_extensions,
        },
    )
    .map_err(|e| throw(&ctx, &e))?;
    let out = Object::new(ctx.clone())?;
    out.set("function", compiled.function)?;
    if let Some(r) = compiled.script.cached_data_rejected() {
        out.set("cachedDataRejected", r)?;
    }
    if produce.unwrap_or(false) {
        let data = compiled
            .script
            .cached_data(&ctx)
            .map_err(|e| throw(&ctx, &e))?;
        out.set("cachedData", TypedArray::<u8>::new(ctx.clone(), data)?)?;
    }
    Ok(out)
}

/// `[malloc_size, memory_used_size, live contexts]` of the engine heap, for measureMemory.
fn memory_usage<'js>(ctx: Ctx<'js>) -> Result<Array<'js>> {
    let usage = jsvm::MemoryUsage::of(&ctx);
    let a = Array::new(ctx.clone())?;
    a.set(0, usage.malloc_size as f64)?;
    a.set(1, usage.memory_used_size as f64)?;
    a.set(2, ContextHandle::live_count(&ctx) as f64)?;
    Ok(a)
}
