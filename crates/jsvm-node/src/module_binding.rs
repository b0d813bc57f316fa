//! Module natives: compiling CommonJS files and builtin modules, running `-e` code, and the ES
//! module resolver/loader of the runtime.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use jsvm::engine::js_string_literal as lit;
use jsvm::engine::rquickjs::loader::{ImportAttributes, Loader, Resolver};
use jsvm::engine::rquickjs::module::Declared;
use jsvm::engine::rquickjs::{Ctx, Exception, Function, Module, Object, Result, Value};
use jsvm::engine::{CompiledFunction, ContextHandle, FunctionOptions};
use jsvm::{RunOptions, Script, ScriptOptions};

use crate::set_fn::set_fn;
use crate::shared::Shared;

/// The hidden property where a compile error keeps Node's "arrow" (file:line, source, caret).
pub(crate) const ARROW_KEY: &str = "jsvm.arrowMessage";

/// Throws a library error; a syntax error becomes a SyntaxError carrying Node's arrow.
pub(crate) fn throw_compile_error<'js>(
    ctx: &Ctx<'js>,
    e: &jsvm::Error,
) -> jsvm::engine::rquickjs::Error {
    if let jsvm::Error::Syntax(s) = e {
        let make = || -> Result<Value<'js>> {
            let ctor: jsvm::engine::rquickjs::Constructor = ctx.globals().get("SyntaxError")?;
            let err: Object = ctor.construct((s.message.clone(),))?;
            let define: Function = ctx.eval(
                "(o, k, v) => Object.defineProperty(o, Symbol.for(k), { value: v, configurable: true, writable: true })",
            )?;
            define.call::<_, ()>((err.clone(), ARROW_KEY, s.header()))?;
            Ok(err.into_value())
        };
        return match make() {
            Ok(v) => ctx.throw(v),
            Err(err) => err,
        };
    }
    jsvm::engine::throw_error(ctx, e)
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Compiles the embedded builtin `name` (None: there is no such file), from the cached data
/// the build made for it; data the library rejects (it does not match the source or the
/// engine) is ignored and the source compiled instead, and so is data the engine then fails
/// to read, unless it failed for want of memory: parsing then would only fail too, and
/// QuickJS-ng's parser does not survive every allocation failure (a failed scope push in a
/// `catch` block leaves it reading before its scope array).
pub(crate) fn compile_builtin<'js>(
    ctx: &Ctx<'js>,
    name: &str,
) -> Option<jsvm::Result<CompiledFunction<'js>>> {
    let source = crate::builtin_source(name)?;
    let data = crate::builtin_cached_data(name);
    Some(
        match crate::builtin_compile::compile(ctx, name, source, data) {
            Err(jsvm::Error::OutOfMemory) => Err(jsvm::Error::OutOfMemory),
            Err(_) if data.is_some() => crate::builtin_compile::compile(ctx, name, source, None),
            r => r,
        },
    )
}

pub(crate) fn install<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    set_fn(
        ctx,
        binding,
        "compileCjs",
        |ctx: Ctx<'js>, source: String, filename: String| -> Result<Function<'js>> {
            let opts = FunctionOptions {
                filename: Some(filename),
                ..Default::default()
            };
            let params = ["exports", "require", "module", "__filename", "__dirname"];
            jsvm::engine::compile_function(&ctx, &source, &params, opts)
                .map(|c| c.function)
                .map_err(|e| throw_compile_error(&ctx, &e))
        },
    )?;
    set_fn(
        ctx,
        binding,
        "compileBuiltin",
        |ctx: Ctx<'js>, name: String| -> Result<Value<'js>> {
            match compile_builtin(&ctx, &name) {
                None => Ok(Value::new_undefined(ctx)),
                Some(r) => r
                    .map(|c| c.function.into_value())
                    .map_err(|e| throw_compile_error(&ctx, &e)),
            }
        },
    )?;
    // throwArrowColumn(line, col): Node's arrow column for an error made at `col` of `line`.
    set_fn(
        ctx,
        binding,
        "throwArrowColumn",
        |line: String, col: usize| -> usize { jsvm::engine::throw_arrow_column(&line, col) },
    )?;
    // sourceLine(filename, line): that line of code compiled under that name (undefined when
    // unknown), for the arrow over an uncaught error thrown by code that is not a file.
    set_fn(
        ctx,
        binding,
        "sourceLine",
        |ctx: Ctx<'js>, filename: String, line: i32| -> Option<String> {
            jsvm::engine::source_line(&ctx, &filename, line)
        },
    )?;
    // thrownAt(value): where code threw `value`, not an error (`[file, line, col]`), when it
    // was the last such value thrown; undefined otherwise.
    set_fn(
        ctx,
        binding,
        "thrownAt",
        |ctx: Ctx<'js>, value: Value<'js>| -> Result<Value<'js>> {
            let Some((file, line, col)) = jsvm::engine::thrown_value_at(&ctx, &value) else {
                return Ok(Value::new_undefined(ctx));
            };
            let at = jsvm::engine::rquickjs::Array::new(ctx.clone())?;
            at.set(0, file)?;
            at.set(1, line)?;
            at.set(2, col)?;
            Ok(at.into_value())
        },
    )?;
    // The same reader for a link error settled as code's handler is about to see it.
    jsvm::engine::set_module_source_reader(ctx, read_module_source);
    // settleJobError(error): V8's words and Node's stack for an error the engine made from a
    // job (a module graph's link error: the importer's line with an arrow; `Promise.any`'s
    // AggregateError); false for any other value.
    set_fn(
        ctx,
        binding,
        "settleJobError",
        |ctx: Ctx<'js>, error: Value<'js>| -> bool {
            jsvm::engine::settle_job_error(&ctx, &error, read_module_source)
        },
    )?;
    // displayFilename(name): the filename as the user gave it (the library may suffix it).
    set_fn(ctx, binding, "displayFilename", |name: String| -> String {
        jsvm::engine::display_filename(&name).to_string()
    })?;
    set_fn(ctx, binding, "builtinNames", || -> Vec<&'static str> {
        crate::builtin_names().collect()
    })?;
    // runScript(source, filename): a global script in the main context (-e, stdin programs).
    set_fn(
        ctx,
        binding,
        "runScript",
        |ctx: Ctx<'js>, source: String, filename: String| -> Result<Value<'js>> {
            let opts = ScriptOptions {
                filename: Some(filename),
                ..Default::default()
            };
            let script =
                Script::compile(&ctx, &source, opts).map_err(|e| throw_compile_error(&ctx, &e))?;
            let main =
                ContextHandle::main(&ctx).map_err(|e| jsvm::engine::throw_error(&ctx, &e))?;
            main.run(&script, &RunOptions::default())
        },
    )?;
    // looksLikeModule(source): Node 20's module syntax detection, for a file or string whose
    // type nothing declares: true when the text does not compile as CommonJS but does as an
    // ES module (import/export, import.meta, top-level await). Only texts that name one of
    // those words are compiled, and only CommonJS's failures twice.
    set_fn(
        ctx,
        binding,
        "looksLikeModule",
        |ctx: Ctx<'js>, source: String| -> Result<bool> {
            if !["import", "export", "await"]
                .iter()
                .any(|w| source.contains(w))
            {
                return Ok(false);
            }
            let params = ["exports", "require", "module", "__filename", "__dirname"];
            let as_script =
                jsvm::engine::compile_function(&ctx, &source, &params, FunctionOptions::default());
            if !matches!(as_script, Err(jsvm::Error::Syntax(_))) {
                return Ok(false);
            }
            let main =
                ContextHandle::main(&ctx).map_err(|e| jsvm::engine::throw_error(&ctx, &e))?;
            let options = jsvm::engine::SourceTextOptions::default();
            Ok(jsvm::engine::Module::source_text(&main, &source, options).is_ok())
        },
    )?;
    // evalModule(source, url) -> promise: `-e` or standard input code run as an ES module (by
    // --input-type=module or by detection), named `url` for its imports and import.meta.
    set_fn(
        ctx,
        binding,
        "evalModule",
        |ctx: Ctx<'js>, source: String, url: String| -> Result<Value<'js>> {
            jsvm::engine::remember_source(&ctx, &url, &source);
            let m = Module::declare(ctx.clone(), url.as_str(), source)?;
            m.meta()?.set("url", url.as_str())?;
            let (_, promise) = m.eval()?;
            Ok(promise.into_value())
        },
    )?;
    // importSync(path) -> [namespace or undefined, promise]: require() of an ES module.
    set_fn(
        ctx,
        binding,
        "importSync",
        |ctx: Ctx<'js>, path: String| -> Result<Vec<Value<'js>>> { import_sync(&ctx, &path) },
    )?;
    // importSourceSync(path, source): importSync of a module whose text is `source`, not the
    // file's: `module._compile(content, filename)` of an ES module (Node 20.19+ compiles it as
    // one), whose content a require hook may have changed (nyc's instrumentation).
    set_fn(
        ctx,
        binding,
        "importSourceSync",
        |ctx: Ctx<'js>, path: String, source: String| -> Result<Vec<Value<'js>>> {
            SOURCE_OVERRIDES.with(|o| o.borrow_mut().insert(path.clone(), source));
            let r = import_sync(&ctx, &path);
            SOURCE_OVERRIDES.with(|o| o.borrow_mut().remove(&path));
            r
        },
    )?;
    Ok(())
}

thread_local! {
    static IMPORTERS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    /// Sources given for a module path, used instead of the file's (importSourceSync).
    static SOURCE_OVERRIDES: std::cell::RefCell<std::collections::HashMap<String, String>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// require() of an ES module: [namespace or undefined, promise]. The module (and what it
/// imports) is loaded through the host loader and evaluated at once; a graph without top-level
/// await settles its promise before evaluation returns, which the caller checks (a pending
/// promise: the graph awaits, Node's ERR_REQUIRE_ASYNC_MODULE).
fn import_sync<'js>(ctx: &Ctx<'js>, path: &str) -> Result<Vec<Value<'js>>> {
    let spec = format!("file://{}", path.replace('%', "%25"));
    let (ns, promise) = evaluate_importer(
        ctx,
        &format!("import * as ns from {};\nexport {{ ns }};\n", lit(&spec)),
    )?;
    let Some(ns) = ns else {
        return Ok(vec![
            Value::new_undefined(ctx.clone()),
            promise.into_value(),
        ]);
    };
    let ns: Object = ns.get("ns")?;
    // Node gives a module with a default export as a namespace with `__esModule: true`
    // added, so that transpiled CommonJS sees its default as such.
    if ns.contains_key("default")? && !ns.contains_key("__esModule")? {
        let spec = lit(&spec);
        let facade = format!(
            "export * from {spec};\nexport {{ default }} from {spec};\nexport const __esModule = true;\n"
        );
        if let (Some(f), p) = evaluate_importer(ctx, &facade)? {
            return Ok(vec![f.into_value(), p.into_value()]);
        }
    }
    Ok(vec![ns.into_value(), promise.into_value()])
}

/// Declares and evaluates a small module (the importer of a required ES module); gives its
/// namespace when its evaluation promise is already fulfilled, and the promise.
fn evaluate_importer<'js>(
    ctx: &Ctx<'js>,
    source: &str,
) -> Result<(Option<Object<'js>>, jsvm::engine::rquickjs::Promise<'js>)> {
    let n = IMPORTERS.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let m = Module::declare(
        ctx.clone(),
        format!("node:internal/require-esm/{n}"),
        source,
    )?;
    let (m, promise) = m.eval()?;
    let ns = match promise.state() {
        jsvm::engine::rquickjs::promise::PromiseState::Resolved => Some(m.namespace()?),
        _ => None,
    };
    Ok((ns, promise))
}

// ---- ES modules -----------------------------------------------------------------------------

/// Resolves `import` specifiers: builtins to `node:NAME`, files to `file:///abs/path`.
pub(crate) struct HostResolver {
    pub(crate) shared: Rc<Shared>,
}

fn throw_msg(ctx: &Ctx<'_>, message: &str, code: &str) -> jsvm::engine::rquickjs::Error {
    match Exception::from_message(ctx.clone(), message) {
        Ok(e) => {
            let _ = e.set("code", code);
            ctx.throw(e.into_value())
        }
        Err(e) => e,
    }
}

/// Whether `import name` (without `node:`) is a builtin. `test` is one only as `node:test`,
/// as in Node.
pub(crate) fn is_builtin(name: &str) -> bool {
    !name.starts_with("internal/")
        && name != "test"
        && (crate::builtin_source(name).is_some()
            || matches!(
                name,
                "process" | "assert/strict" | "timers/promises" | "module"
            ))
}

fn base_dir(base: &str) -> PathBuf {
    let b = decode_url_path(split_suffix(base.strip_prefix("file://").unwrap_or(base)).0);
    // A directory's URL (`file:///dir/`, as `pathToFileURL('./')` gives): that directory.
    if b.starts_with('/') && b.ends_with('/') {
        PathBuf::from(b)
    } else if b.starts_with('/') {
        Path::new(&b)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| "/".into())
    } else {
        std::env::current_dir().unwrap_or_else(|_| "/".into())
    }
}

fn decode_url_path(p: &str) -> String {
    // Percent-decoding of file URLs (spaces and the like).
    let bytes = p.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(v) = u8::from_str_radix(&p[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl Resolver for HostResolver {
    fn resolve<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        base: &str,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> Result<String> {
        // With `module.register` hooks, their chain resolves (on the hooks thread).
        if MODULE_HOOKS.with(std::cell::Cell::get) {
            let f: Function = self.shared.hooks(ctx)?.get("hookedResolve")?;
            return f.call((name, base));
        }
        default_resolve(ctx, &self.shared, base, name)
    }
}

/// The part of a file URL or relative specifier from its `?` or `#` on: part of the module's
/// name (its identity), not of the file's path.
fn split_suffix(name: &str) -> (&str, &str) {
    match name.find(['?', '#']) {
        Some(i) => name.split_at(i),
        None => (name, ""),
    }
}

/// Node's default resolution of `name` imported from `base`.
fn default_resolve(ctx: &Ctx<'_>, shared: &Shared, base: &str, name: &str) -> Result<String> {
    if let Some(b) = name.strip_prefix("node:") {
        if is_builtin(b) || b == "test" {
            return Ok(format!("node:{b}"));
        }
        return Err(throw_msg(
            ctx,
            &format!("No such built-in module: {name}"),
            "ERR_UNKNOWN_BUILTIN_MODULE",
        ));
    }
    // Node's relative specifiers: `./x`, `../x`, `/x`, and `.` and `..` themselves.
    let relative = name.starts_with("./")
        || name.starts_with("../")
        || name.starts_with('/')
        || name == "."
        || name == "..";
    let (name, suffix) = if relative || name.starts_with("file://") {
        split_suffix(name)
    } else {
        (name, "")
    };
    let path = if let Some(p) = name.strip_prefix("file://") {
        PathBuf::from(decode_url_path(p))
    } else if relative {
        normalize(&base_dir(base).join(name))
    } else if is_builtin(name) {
        return Ok(format!("node:{name}"));
    } else {
        // A package ("exports", "imports", node_modules): internal/package_resolve.js.
        let from = decode_url_path(base.strip_prefix("file://").unwrap_or(base));
        let parent = if from.starts_with('/') {
            from.as_str()
        } else {
            ""
        };
        let hooks = shared.hooks(ctx)?;
        let f: Function = hooks.get("esmResolve")?;
        let file: String = f.call((name, parent))?;
        return Ok(format!("file://{}", file.replace('%', "%25")));
    };
    let given = || SOURCE_OVERRIDES.with(|o| o.borrow().contains_key(&*path.to_string_lossy()));
    // A URL naming a directory (`./dir/`, `.`): Node refuses it as a directory whatever is
    // there (its check reads the path's last character); a directory by name too.
    let slash = name.ends_with('/')
        || name == "."
        || name == ".."
        || name.ends_with("/.")
        || name.ends_with("/..");
    // One stat for both checks below.
    let kind = std::fs::metadata(&path).map(|m| m.file_type()).ok();
    if slash || (kind.is_some_and(|k| k.is_dir()) && !given()) {
        let from = base.strip_prefix("file://").unwrap_or(base);
        let mut shown = path.display().to_string();
        if slash && !shown.ends_with('/') {
            shown.push('/');
        }
        return Err(throw_msg(
            ctx,
            &format!(
                "Directory import '{shown}' is not supported resolving ES modules imported from {from}"
            ),
            "ERR_UNSUPPORTED_DIR_IMPORT",
        ));
    }
    if !kind.is_some_and(|k| k.is_file()) && !given() {
        let from = base.strip_prefix("file://").unwrap_or(base);
        return Err(throw_msg(
            ctx,
            &format!(
                "Cannot find module '{}' imported from {from}",
                path.display()
            ),
            "ERR_MODULE_NOT_FOUND",
        ));
    }
    Ok(format!(
        "file://{}{suffix}",
        path.display().to_string().replace('%', "%25")
    ))
}

/// Node's default format of the module named `url` (a `file://` URL or `node:` name).
fn default_format(hooks: &Object<'_>, url: &str) -> Result<String> {
    if url.starts_with("node:") {
        return Ok("builtin".into());
    }
    let path = decode_url_path(split_suffix(url.strip_prefix("file://").unwrap_or(url)).0);
    if path.ends_with(".mjs") {
        return Ok("module".into());
    }
    if path.ends_with(".json") {
        return Ok("json".into());
    }
    hooks.get::<_, Function>("formatOf")?.call((path,))
}

thread_local! {
    /// Whether `module.register` hooks resolve and load this thread's modules.
    static MODULE_HOOKS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The natives of `module.register` (js/internal/module_hooks.js and module_hooks_worker.js).
pub(crate) fn install_hooks<'js>(
    ctx: &Ctx<'js>,
    binding: &Object<'js>,
    shared: &Rc<Shared>,
) -> Result<()> {
    set_fn(ctx, binding, "setModuleHooks", |on: bool| {
        MODULE_HOOKS.with(|h| h.set(on))
    })?;
    let s = shared.clone();
    set_fn(
        ctx,
        binding,
        "esmDefaultResolve",
        move |ctx: Ctx<'js>, specifier: String, parent: String| -> Result<String> {
            default_resolve(&ctx, &s, &parent, &specifier)
        },
    )?;
    let s = shared.clone();
    set_fn(
        ctx,
        binding,
        "esmDefaultFormat",
        move |ctx: Ctx<'js>, url: String| -> Result<String> {
            default_format(&s.hooks(&ctx)?, &url)
        },
    )?;
    Ok(())
}

/// Loads modules: ES module files, and CommonJS files, JSON and builtins as synthetic modules
/// (default export: `module.exports`; named exports: its keys that are identifiers).
pub(crate) struct HostLoader {
    pub(crate) shared: Rc<Shared>,
}

const RESERVED: &[&str] = &[
    "default",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "delete",
    "do",
    "else",
    "export",
    "extends",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "let",
    "static",
    "enum",
    "await",
    "implements",
    "package",
    "protected",
    "interface",
    "private",
    "public",
    "null",
    "true",
    "false",
    "arguments",
    "eval",
];

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        && !RESERVED.contains(&s)
}

/// The ES module face of the builtin `b` whose exports are `exports`: its named exports are
/// `let` bindings that `Module.syncBuiltinESMExports()` sets again from the object, as Node's.
fn builtin_facade<'js>(b: &str, exports: &Value<'js>) -> String {
    let mut names = Vec::new();
    if let Some(obj) = exports.as_object() {
        if exports.is_object() || exports.is_function() {
            for k in obj.keys::<String>().flatten() {
                if is_identifier(&k) {
                    names.push(k);
                }
            }
        }
    }
    let mut src = format!(
        "const m = __jsvmHost.requireBuiltin({});\nexport default m;\n",
        lit(b)
    );
    if names.is_empty() {
        return src;
    }
    let names = names.join(", ");
    src.push_str(&format!(
        "export let {names};\nconst sync = () => {{ ({{ {names} }} = m); }};\nsync();\n__jsvmHost.onBuiltinSync(sync);\n"
    ));
    src
}

impl Loader for HostLoader {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> Result<Module<'js, Declared>> {
        let hooks = self.shared.hooks(ctx)?;
        // With `module.register` hooks, their chain gives the format and the source.
        if MODULE_HOOKS.with(std::cell::Cell::get) {
            let f: Function = hooks.get("hookedLoad")?;
            let loaded: Object = f.call((name,))?;
            let (format, source): (String, Option<String>) =
                (loaded.get("format")?, loaded.get("source")?);
            return declare_loaded(ctx, &hooks, name, &format, source);
        }
        // A module whose text was given (`module._compile` of an ES module). The text stays
        // given until importSourceSync returns: its facade (a default export's `__esModule`)
        // resolves the path again, which need not be a file.
        let path = decode_url_path(split_suffix(name.strip_prefix("file://").unwrap_or(name)).0);
        if let Some(source) = SOURCE_OVERRIDES.with(|o| o.borrow().get(&path).cloned()) {
            return declare_loaded(ctx, &hooks, name, "module", Some(source));
        }
        // Sources are read by declare_loaded (modules) or the CommonJS loader (JSON, CommonJS).
        let format = default_format(&hooks, name)?;
        declare_loaded(ctx, &hooks, name, &format, None)
    }
}

/// Declares the module named `name` from what the hooks' load chain gave: its format and source
/// (none for a builtin, and for a CommonJS file left to the CommonJS loader).
fn declare_loaded<'js>(
    ctx: &Ctx<'js>,
    hooks: &Object<'js>,
    name: &str,
    format: &str,
    source: Option<String>,
) -> Result<Module<'js, Declared>> {
    let path = decode_url_path(split_suffix(name.strip_prefix("file://").unwrap_or(name)).0);
    match (format, source) {
        ("builtin", _) => {
            let b = name.strip_prefix("node:").unwrap_or(name);
            let f: Function = hooks.get("requireBuiltin")?;
            let exports: Value = f.call((b,))?;
            Module::declare(ctx.clone(), name, builtin_facade(b, &exports))
        }
        ("module", source) => {
            let source = match source {
                Some(source) => source,
                None => std::fs::read_to_string(&path)
                    .map_err(|e| crate::fs_binding::throw_io(ctx, &e, "open", &path, None))?,
            };
            jsvm::engine::remember_source(ctx, name, &source);
            let m = Module::declare(ctx.clone(), name, source)?;
            let meta = m.meta()?;
            meta.set("url", name)?;
            if name.starts_with("file://") {
                meta.set("filename", path.as_str())?;
                let dir = Path::new(&path)
                    .parent()
                    .map(|d| d.to_string_lossy().into_owned());
                meta.set("dirname", dir.unwrap_or_else(|| "/".into()))?;
            }
            Ok(m)
        }
        ("json", Some(source)) => {
            let src = format!("export default JSON.parse({});\n", lit(&source));
            Module::declare(ctx.clone(), name, src)
        }
        // The file through the CommonJS loader (its cache), read now: a parse error is the
        // import's.
        ("json", None) => {
            let f: Function = hooks.get("requireFile")?;
            let _: Value = f.call((path.clone(),))?;
            let src = format!(
                "const m = __jsvmHost.requireFile({});\nexport default m;\n",
                lit(&path)
            );
            Module::declare(ctx.clone(), name, src)
        }
        ("commonjs", source) => {
            // The names its text exports, as Node's lexer finds them; the file runs when the
            // graph is evaluated, and only those names are read from what it exported.
            let mut names = Vec::new();
            cjs_export_names(
                hooks,
                &path,
                source.as_deref(),
                &mut HashSet::new(),
                &mut names,
            )?;
            let getter = match source {
                Some(source) => {
                    let f: Function = hooks.get("setCjsSource")?;
                    f.call::<_, ()>((path.as_str(), source))?;
                    format!("__jsvmHost.requireFileSource({})", lit(&path))
                }
                None => format!("__jsvmHost.requireFile({})", lit(&path)),
            };
            Module::declare(ctx.clone(), name, cjs_facade(&getter, &names))
        }
        (format, _) => Err(throw_msg(
            ctx,
            &format!("Unknown module format: {format} for URL {name}"),
            "ERR_UNKNOWN_MODULE_FORMAT",
        )),
    }
}

/// The names a CommonJS file's text exports (`given`, else the file's), its re-exported
/// modules' included (each file read once), as Node gathers them; a file that does not scan
/// gives none.
fn cjs_export_names(
    hooks: &Object<'_>,
    path: &str,
    given: Option<&str>,
    seen: &mut HashSet<String>,
    names: &mut Vec<String>,
) -> Result<()> {
    if !seen.insert(path.to_string()) {
        return Ok(());
    }
    let read;
    let source = match given {
        Some(source) => source,
        None => match std::fs::read_to_string(path) {
            Ok(text) => {
                read = text;
                &read
            }
            Err(_) => return Ok(()),
        },
    };
    let Some(found) = crate::cjs_exports::analyze(source.trim_start_matches('\u{feff}')) else {
        return Ok(());
    };
    names.extend(found.names);
    let reexport_path: Function = hooks.get("cjsReexportPath")?;
    for request in found.reexports {
        let resolved: Option<String> = reexport_path.call((request, path))?;
        if let Some(resolved) = resolved {
            cjs_export_names(hooks, &resolved, None, seen, names)?;
        }
    }
    Ok(())
}

/// The ES module face of a CommonJS file: `default` is what it exported, and each name found
/// in its text is read from that (undefined where it is not an own property).
/// `getter`: the expression that runs the file and gives its exports.
fn cjs_facade(getter: &str, names: &[String]) -> String {
    let mut src =
        format!("const m = {getter};\nexport default m;\nconst own = __jsvmHost.cjsExport;\n");
    let mut seen = HashSet::new();
    let names: Vec<&String> = names
        .iter()
        .filter(|n| *n != "default" && seen.insert(n.as_str()))
        .collect();
    if names.is_empty() {
        return src;
    }
    for (i, n) in names.iter().enumerate() {
        src.push_str(&format!("const e{i} = own(m, {});\n", lit(n)));
    }
    let list: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("e{i} as {}", lit(n)))
        .collect();
    src.push_str(&format!("export {{ {} }};\n", list.join(", ")));
    src
}

/// The source of a module the loader named by a `file://` URL (for a link error's arrow).
fn read_module_source(name: &str) -> Option<String> {
    let path = decode_url_path(name.strip_prefix("file://")?);
    std::fs::read_to_string(path).ok()
}

#[cfg(test)]
mod tests {
    use jsvm::engine::rquickjs::{Function, Object};

    /// Loads `path` from `source` with the given cached data; gives whether the data was
    /// rejected and what the module's `join` makes of two segments.
    fn load_path_module(source: &str, data: Option<&[u8]>) -> (Option<bool>, String) {
        let rt = jsvm::Runtime::new().unwrap();
        rt.with_ctx(|ctx| {
            let compiled = crate::builtin_compile::compile(&ctx, "path", source, data).unwrap();
            let module = Object::new(ctx.clone()).unwrap();
            let exports = Object::new(ctx.clone()).unwrap();
            module.set("exports", exports.clone()).unwrap();
            // path.js needs only the validators of internal/errors for `join`.
            let require: Function = ctx
                .eval("(name) => name === 'internal/errors' ? { codes: {}, validateString() {} } : undefined")
                .unwrap();
            let binding = Object::new(ctx.clone()).unwrap();
            compiled
                .function
                .call::<_, ()>((exports, require, module.clone(), binding))
                .unwrap();
            let path: Object = module.get("exports").unwrap();
            let join: Function = path.get("join").unwrap();
            let joined: String = join.call(("a/b", "../c")).unwrap();
            (compiled.script.cached_data_rejected(), joined)
        })
    }

    #[test]
    fn every_builtin_loads_from_the_data_the_build_made() {
        let rt = jsvm::Runtime::new().unwrap();
        rt.with_ctx(|ctx| {
            for name in crate::builtin_names() {
                assert!(
                    crate::builtin_cached_data(name).is_some(),
                    "{name}: the build made no cached data"
                );
                let compiled = super::compile_builtin(&ctx, name).unwrap().unwrap();
                assert_eq!(
                    compiled.script.cached_data_rejected(),
                    Some(false),
                    "{name}: the build's cached data was rejected (build.rs and the host \
                     compile builtins differently)"
                );
            }
        });
    }

    #[test]
    fn stale_cached_data_is_rejected_and_the_module_still_loads() {
        let source = crate::builtin_source("path").unwrap();
        let current = crate::builtin_cached_data("path").unwrap();
        assert_eq!(
            load_path_module(source, Some(current)),
            (Some(false), "a/c".into())
        );
        // Data made from an earlier version of the file.
        let earlier = format!("{source}\n// an earlier version\n");
        let stale = jsvm::Runtime::new().unwrap().with_ctx(|ctx| {
            let c = crate::builtin_compile::compile(&ctx, "path", &earlier, None).unwrap();
            c.script.cached_data(&ctx).unwrap()
        });
        assert_eq!(
            load_path_module(source, Some(&stale)),
            (Some(true), "a/c".into())
        );
        // Another builtin's data, and damaged data.
        let other = crate::builtin_cached_data("os").unwrap();
        assert_eq!(
            load_path_module(source, Some(other)),
            (Some(true), "a/c".into())
        );
        let mut damaged = current.to_vec();
        let last = damaged.len() - 1;
        damaged[last] ^= 0x5a;
        assert_eq!(
            load_path_module(source, Some(&damaged)),
            (Some(true), "a/c".into())
        );
    }
}
