//! Natives behind `vm.SourceTextModule`, `vm.SyntheticModule` and `importModuleDynamically`
//! (`binding.vm.modules`), over the library's [`jsvm::engine::Module`].
//!
//! `js/internal/vm_modules.js` validates arguments, keeps Node's status overrides and error
//! codes, and calls these with already checked values. A native module is the library's
//! module record object; errors come back as JavaScript errors with `code` set where the
//! library gives one.

use jsvm::engine::rquickjs::{Array, Ctx, Function, Object, Promise, Result, TypedArray, Value};
use jsvm::engine::{ContextHandle, DynamicImport, Module, SourceTextOptions, SyntheticOptions};
use jsvm::{Error, RunOptions};

/// Adds `modules` to the `vm` natives object.
pub fn install<'js>(ctx: &Ctx<'js>, vm: &Object<'js>) -> Result<()> {
    let m = Object::new(ctx.clone())?;
    m.set(
        "createSourceText",
        Function::new(ctx.clone(), create_source_text)?,
    )?;
    m.set(
        "createSynthetic",
        Function::new(ctx.clone(), create_synthetic)?,
    )?;
    m.set("requests", Function::new(ctx.clone(), requests)?)?;
    m.set("link", Function::new(ctx.clone(), link)?)?;
    m.set("isLinked", Function::new(ctx.clone(), is_linked)?)?;
    m.set("instantiate", Function::new(ctx.clone(), instantiate)?)?;
    m.set("evaluate", Function::new(ctx.clone(), evaluate)?)?;
    m.set("status", Function::new(ctx.clone(), status)?)?;
    m.set("error", Function::new(ctx.clone(), error)?)?;
    m.set("namespace", Function::new(ctx.clone(), namespace)?)?;
    m.set("setExport", Function::new(ctx.clone(), set_export)?)?;
    m.set("setThis", Function::new(ctx.clone(), set_this)?)?;
    m.set("cachedData", Function::new(ctx.clone(), cached_data)?)?;
    m.set(
        "registerScript",
        Function::new(ctx.clone(), register_script)?,
    )?;
    m.set(
        "unregisterScript",
        Function::new(ctx.clone(), unregister_script)?,
    )?;
    m.set(
        "setContextImport",
        Function::new(ctx.clone(), set_context_import)?,
    )?;
    m.set("isNative", Function::new(ctx.clone(), is_native)?)?;
    m.set(
        "setMissingImportError",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, f: Function<'js>| {
            jsvm::engine::set_missing_import_error(&ctx, f)
        })?,
    )?;
    vm.set("modules", m)?;
    Ok(())
}

/// Throws a library error with its class and `code` (timeouts as Node's
/// `ERR_SCRIPT_EXECUTION_TIMEOUT`, syntax errors as a plain SyntaxError).
fn throw<'js>(ctx: &Ctx<'js>, e: &Error) -> jsvm::engine::rquickjs::Error {
    let (class, message, code) = match e {
        Error::Thrown(t) => (
            if t.name.is_empty() {
                "Error".to_string()
            } else {
                t.name.clone()
            },
            t.message.clone(),
            t.code.clone(),
        ),
        Error::Syntax(s) => ("SyntaxError".to_string(), s.message.clone(), None),
        Error::Timeout { .. } | Error::Interrupted => (
            "Error".to_string(),
            e.message(),
            e.code().map(str::to_string),
        ),
        other => return jsvm::engine::throw_error(ctx, other),
    };
    let make = || -> Result<Value<'js>> {
        let ctor: jsvm::engine::rquickjs::Constructor = ctx
            .globals()
            .get(class.as_str())
            .or_else(|_| ctx.globals().get("Error"))?;
        let err: Object = ctor.construct((message.clone(),))?;
        if let Some(code) = &code {
            err.set("code", code.as_str())?;
        }
        Ok(err.into_value())
    };
    match make() {
        Ok(v) => ctx.throw(v),
        Err(err) => err,
    }
}

fn module_of<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> Result<Module<'js>> {
    v.as_object()
        .and_then(Module::from_object)
        .ok_or_else(|| throw(ctx, &Error::InvalidArgument("not a native module".into())))
}

/// The context for a sandbox argument: `undefined` means the main context.
fn context_of<'js>(ctx: &Ctx<'js>, sandbox: &Value<'js>) -> Result<ContextHandle<'js>> {
    match sandbox.as_object() {
        Some(o) => ContextHandle::from_sandbox(ctx, o).ok_or_else(|| {
            throw(
                ctx,
                &Error::InvalidArgument("The object is not a vm.Context".into()),
            )
        }),
        None => ContextHandle::main(ctx).map_err(|e| throw(ctx, &e)),
    }
}

/// `undefined`: missing; `true`: the host loader; a function: that callback.
fn handler_of<'js>(v: Value<'js>) -> DynamicImport<'js> {
    if let Some(f) = v.clone().into_function() {
        DynamicImport::Callback(f)
    } else if v.as_bool() == Some(true) {
        DynamicImport::Host
    } else {
        DynamicImport::Missing
    }
}

fn bytes_of(v: &Value<'_>) -> Option<Vec<u8>> {
    let t = TypedArray::<u8>::from_object(v.as_object()?.clone()).ok()?;
    unsafe { t.as_bytes() }.map(|b| b.to_vec())
}

/// `createSourceText(code, { identifier, context, lineOffset, columnOffset, cachedData,
/// initializeImportMeta, importHandler })` (values already validated).
fn create_source_text<'js>(
    ctx: Ctx<'js>,
    code: crate::source_text::SourceText<'js>,
    options: Object<'js>,
) -> Result<Value<'js>> {
    let sandbox: Value = options.get("context")?;
    let context = context_of(&ctx, &sandbox)?;
    let cached: Value = options.get("cachedData")?;
    let import_meta: Value = options.get("initializeImportMeta")?;
    let handler: Value = options.get("importHandler")?;
    let m = Module::source_text(
        &context,
        &code,
        SourceTextOptions {
            identifier: options.get("identifier")?,
            line_offset: options.get::<_, Option<i32>>("lineOffset")?.unwrap_or(0),
            column_offset: options.get::<_, Option<i32>>("columnOffset")?.unwrap_or(0),
            cached_data: bytes_of(&cached),
            initialize_import_meta: import_meta.into_function(),
            dynamic_import: Some(handler_of(handler)),
        },
    )
    .map_err(|e| throw(&ctx, &e))?;
    Ok(m.as_object().clone().into_value())
}

/// `createSynthetic(exportNames, steps, identifier, sandbox)`.
fn create_synthetic<'js>(
    ctx: Ctx<'js>,
    names: Vec<String>,
    steps: Function<'js>,
    identifier: String,
    sandbox: Value<'js>,
) -> Result<Value<'js>> {
    let context = context_of(&ctx, &sandbox)?;
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let m = Module::synthetic(
        &context,
        &refs,
        steps,
        SyntheticOptions {
            identifier: Some(identifier),
        },
    )
    .map_err(|e| throw(&ctx, &e))?;
    Ok(m.as_object().clone().into_value())
}

/// `requests(native)` -> `[{ specifier, attributes }]`, attributes a null-prototype object.
fn requests<'js>(ctx: Ctx<'js>, native: Value<'js>) -> Result<Array<'js>> {
    let m = module_of(&ctx, &native)?;
    let out = Array::new(ctx.clone())?;
    let make_attrs: Function = ctx.eval("(pairs) => { const o = Object.create(null); for (const [k, v] of pairs) o[k] = v; return o; }")?;
    for (i, r) in m.requests().into_iter().enumerate() {
        let o = Object::new(ctx.clone())?;
        o.set("specifier", r.specifier)?;
        let pairs: Vec<Vec<String>> = r.attributes.into_iter().map(|(k, v)| vec![k, v]).collect();
        let attrs: Value = make_attrs.call((pairs,))?;
        o.set("attributes", attrs)?;
        out.set(i, o)?;
    }
    Ok(out)
}

/// `link(native, [natives])`.
fn link<'js>(ctx: Ctx<'js>, native: Value<'js>, modules: Array<'js>) -> Result<()> {
    let m = module_of(&ctx, &native)?;
    let mut list = Vec::new();
    for v in modules.iter::<Value>() {
        list.push(module_of(&ctx, &v?)?);
    }
    m.link(&list).map_err(|e| throw(&ctx, &e))
}

fn is_linked<'js>(ctx: Ctx<'js>, native: Value<'js>) -> Result<bool> {
    Ok(module_of(&ctx, &native)?.is_linked())
}

fn instantiate<'js>(ctx: Ctx<'js>, native: Value<'js>) -> Result<()> {
    module_of(&ctx, &native)?
        .instantiate()
        .map_err(|e| throw(&ctx, &e))
}

/// `evaluate(native, timeout, breakOnSigint)` -> the evaluation promise.
fn evaluate<'js>(
    ctx: Ctx<'js>,
    native: Value<'js>,
    timeout: f64,
    break_on_sigint: bool,
) -> Result<Promise<'js>> {
    let m = module_of(&ctx, &native)?;
    let sigint = crate::sigint_run::SigintRun::new(break_on_sigint);
    let r = m.evaluate(&RunOptions {
        timeout_ms: (timeout >= 0.0).then_some(timeout as u64),
        cancel: sigint.token(),
        display_errors: false,
    });
    drop(sigint);
    r.map_err(|e| throw(&ctx, &e))
}

fn status<'js>(ctx: Ctx<'js>, native: Value<'js>) -> Result<&'static str> {
    Ok(module_of(&ctx, &native)?.status().as_str())
}

fn error<'js>(ctx: Ctx<'js>, native: Value<'js>) -> Result<Value<'js>> {
    Ok(module_of(&ctx, &native)?
        .error()
        .unwrap_or_else(|| Value::new_undefined(ctx.clone())))
}

fn namespace<'js>(ctx: Ctx<'js>, native: Value<'js>) -> Result<Object<'js>> {
    module_of(&ctx, &native)?
        .namespace()
        .map_err(|e| throw(&ctx, &e))
}

fn set_export<'js>(
    ctx: Ctx<'js>,
    native: Value<'js>,
    name: String,
    value: Value<'js>,
) -> Result<()> {
    module_of(&ctx, &native)?
        .set_export(&name, value)
        .map_err(|e| throw(&ctx, &e))
}

fn set_this<'js>(ctx: Ctx<'js>, native: Value<'js>, value: Value<'js>) -> Result<()> {
    module_of(&ctx, &native)?.set_this(value);
    Ok(())
}

fn cached_data<'js>(ctx: Ctx<'js>, native: Value<'js>) -> Result<Value<'js>> {
    let data = module_of(&ctx, &native)?
        .cached_data()
        .map_err(|e| throw(&ctx, &e))?;
    Ok(TypedArray::<u8>::new(ctx.clone(), data)?.into_value())
}

/// `registerScript(filename, handler)` -> the filename to compile with.
fn register_script<'js>(ctx: Ctx<'js>, filename: String, handler: Value<'js>) -> Result<String> {
    jsvm::engine::register_script_import(&ctx, &filename, handler_of(handler))
        .map_err(|e| throw(&ctx, &e))
}

fn unregister_script<'js>(ctx: Ctx<'js>, name: String) -> Result<()> {
    jsvm::engine::unregister_script_import(&ctx, &name).map_err(|e| throw(&ctx, &e))
}

/// `setContextImport(sandbox, handler)`.
fn set_context_import<'js>(ctx: Ctx<'js>, sandbox: Value<'js>, handler: Value<'js>) -> Result<()> {
    let context = context_of(&ctx, &sandbox)?;
    jsvm::engine::set_context_import(&context, handler_of(handler)).map_err(|e| throw(&ctx, &e))
}

fn is_native<'js>(_ctx: Ctx<'js>, v: Value<'js>) -> bool {
    v.as_object().and_then(Module::from_object).is_some()
}
