//! `NodeHost`: runs Node-style programs on a jsvm runtime.
//!
//! Most of Node's behaviour lives in JavaScript (`js/internal/bootstrap.js`: process, globals,
//! the CommonJS loader, the event loop, uncaught error printing); this side owns the runtime,
//! builds the `binding` object of natives, and enters JavaScript through small scripts run in
//! the main context, so that `--timeout` covers the whole program (a run's frame).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jsvm::engine::rquickjs::{Ctx, Function, Object, Persistent, Value};
use jsvm::engine::ContextHandle;
use jsvm::{CancelToken, RunOptions, Script, ScriptOptions};

use crate::host_options::{runtime_builder, HostOptions, Main};
use crate::inbox::Inbox;
use crate::module_binding::{HostLoader, HostResolver};
use crate::shared::Shared;
use crate::worker_host::WorkerHost;
use crate::worker_side::WorkerSide;

/// The result of one REPL entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplOutcome {
    /// The text to show (the inspected value; empty for nothing).
    Value(String),
    /// The error to show (`Uncaught ...`).
    Error(String),
    /// The input is an unfinished statement: read another line.
    Incomplete,
}

/// A Node-like host: one runtime, its builtins, its event loop.
pub struct NodeHost {
    shared: Rc<Shared>,
    options: HostOptions,
    rt: jsvm::Runtime,
}

impl Drop for NodeHost {
    fn drop(&mut self) {
        // Values held for JavaScript go before the engine.
        self.shared.hooks.borrow_mut().take();
        self.rt.engine().set_host_promise_rejection_tracker(None);
    }
}

/// Runs a REPL entry in the main context; Ctrl-C cancels it through `token`.
fn run_repl_entry<'js>(
    main: &ContextHandle<'js>,
    script: &Script,
    token: &CancelToken,
) -> jsvm::engine::rquickjs::Result<jsvm::engine::rquickjs::Value<'js>> {
    token.reset();
    crate::process_binding::set_repl_running(token, true);
    let result = main.run(
        script,
        &RunOptions {
            cancel: Some(token.clone()),
            ..Default::default()
        },
    );
    crate::process_binding::set_repl_running(token, false);
    result
}

fn describe(e: &jsvm::Error) -> String {
    match e {
        jsvm::Error::Thrown(t) => t.stack.clone().unwrap_or_else(|| e.to_string()),
        other => other.to_string(),
    }
}

impl NodeHost {
    /// Creates the runtime and runs the bootstrap (process, console, timers, require).
    pub fn new(options: HostOptions) -> Result<NodeHost, String> {
        crate::process_binding::start_instant();
        crate::process_binding::install_signal_handler();
        let rt = runtime_builder(&options)
            .build()
            .map_err(|e| e.to_string())?;
        let inbox = Inbox::new().map_err(|e| e.to_string())?;
        Self::with_runtime(rt, options, inbox, None).map_err(|(e, _)| e)
    }

    /// A host on `rt` (a worker's when `worker` is set). A failure says whether the heap ran
    /// out.
    pub(crate) fn with_runtime(
        rt: jsvm::Runtime,
        options: HostOptions,
        inbox: Arc<Inbox>,
        worker: Option<WorkerSide>,
    ) -> Result<NodeHost, (String, bool)> {
        let shared = Rc::new(Shared {
            deadline: options
                .timeout_ms
                .map(|ms| Instant::now() + Duration::from_millis(ms)),
            hooks: RefCell::new(None),
            repl_line: Cell::new(0),
            inbox,
            worker,
            options: options.clone(),
        });
        rt.set_host_loader(
            HostResolver {
                shared: shared.clone(),
            },
            HostLoader {
                shared: shared.clone(),
            },
        );
        let tracker_shared = shared.clone();
        rt.engine()
            .set_host_promise_rejection_tracker(Some(Box::new(
                move |ctx: Ctx<'_>, promise: Value<'_>, reason: Value<'_>, handled: bool| {
                    // A promise rejected by the engine's interruption (a getter interrupted
                    // while a promise was being resolved): the stop of a limit, which its run
                    // reports, not a rejection of the program.
                    if unsafe {
                        jsvm::engine::rquickjs::qjs::JS_IsUncatchableError(reason.as_raw())
                    } {
                        return;
                    }
                    // The engine caught the throw that rejected it (an async function's): the
                    // next throw of an error made earlier must still get Node's arrow.
                    if !handled {
                        jsvm::engine::exception_caught_by_engine(&ctx);
                    }
                    let Ok(hooks) = tracker_shared.hooks(&ctx) else {
                        return;
                    };
                    let Ok(f) = hooks.get::<_, Function>("onRejection") else {
                        return;
                    };
                    if f.call::<_, ()>((promise, reason, handled)).is_err() {
                        let _ = ctx.catch();
                    }
                },
            )));
        let host = NodeHost {
            shared,
            options,
            rt,
        };
        if let Err(e) = host.bootstrap() {
            let oom = e.contains("out of memory")
                || host
                    .rt
                    .with_ctx(|ctx| crate::process_binding::heap_exhausted(&ctx));
            return Err((e, oom));
        }
        Ok(host)
    }

    fn bootstrap(&self) -> Result<(), String> {
        self.rt.with_ctx(|ctx| -> Result<(), String> {
            let binding = Object::new(ctx.clone()).map_err(|e| e.to_string())?;
            self.install_natives(&ctx, &binding)
                .map_err(|_| describe(&caught(&ctx)))?;
            let f = crate::module_binding::compile_builtin(&ctx, "internal/bootstrap")
                .ok_or("the bootstrap module is missing")?
                .map_err(|e| describe(&e))?
                .function;
            let module = Object::new(ctx.clone()).map_err(|e| e.to_string())?;
            let exports = Object::new(ctx.clone()).map_err(|e| e.to_string())?;
            module
                .set("exports", exports.clone())
                .map_err(|e| e.to_string())?;
            f.call::<_, ()>((
                exports,
                Value::new_undefined(ctx.clone()),
                module.clone(),
                binding,
            ))
            .map_err(|_| describe(&caught(&ctx)))?;
            let hooks: Object = module.get("exports").map_err(|e| e.to_string())?;
            *self.shared.hooks.borrow_mut() = Some(Persistent::save(&ctx, hooks.clone()));
            // The hooks get a global lexical name (not a property of the global object), so
            // host scripts and synthetic modules can reach them.
            ctx.globals()
                .set("__jsvmHostTmp", hooks)
                .map_err(|e| e.to_string())?;
            self.enter_raw(
                &ctx,
                "const __jsvmHost = globalThis.__jsvmHostTmp; delete globalThis.__jsvmHostTmp;",
                None,
            )
            .map_err(|e| describe(&e))?;
            Ok(())
        })
    }

    fn install_natives<'js>(
        &self,
        ctx: &Ctx<'js>,
        binding: &Object<'js>,
    ) -> jsvm::engine::rquickjs::Result<()> {
        crate::process_binding::install(ctx, binding, &self.shared)?;
        crate::buffer_binding::install(ctx, binding)?;
        crate::fs_binding::install(ctx, binding)?;
        crate::fd_binding::install(ctx, binding)?;
        crate::os_constants::install(ctx, binding)?;
        let os = Object::new(ctx.clone())?;
        crate::os_binding::install(ctx, &os)?;
        binding.set("os", os)?;
        crate::tty_binding::install(ctx, binding)?;
        crate::url_binding::install(ctx, binding)?;
        crate::crypto_binding::install(ctx, binding)?;
        crate::cipher_binding::install(ctx, binding)?;
        crate::zlib_binding::install(ctx, binding)?;
        crate::tls_binding::install(ctx, binding)?;
        crate::http_parser_binding::install(ctx, binding)?;
        crate::dns_binding::install(ctx, binding)?;
        crate::net_binding::install(ctx, binding, &self.shared)?;
        crate::child_binding::install(ctx, binding)?;
        crate::stdin_binding::install(ctx, binding)?;
        crate::module_binding::install(ctx, binding)?;
        crate::module_binding::install_hooks(ctx, binding, &self.shared)?;
        crate::vm_binding::install(ctx, binding)?;
        crate::worker_binding::install(ctx, binding, &self.shared, worker_host)?;
        let o = &self.options;
        let opts = Object::new(ctx.clone())?;
        opts.set("execPath", o.exec_path.as_str())?;
        opts.set("execArgv", o.exec_argv.clone())?;
        opts.set("preload", o.preload.clone())?;
        opts.set("imports", o.imports.clone())?;
        opts.set("loaders", o.loaders.clone())?;
        opts.set("unhandledRejections", o.unhandled_rejections.clone())?;
        opts.set("envFiles", o.env_files.clone())?;
        opts.set("inputType", o.input_type.clone())?;
        opts.set("args", o.args.clone())?;
        opts.set("exposeGc", o.expose_gc)?;
        opts.set("noWarnings", o.no_warnings)?;
        opts.set("disabledWarnings", o.disabled_warnings.clone())?;
        opts.set("testRunner", o.test_runner)?;
        opts.set("version", crate::VERSION)?;
        opts.set("nodeVersion", crate::NODE_VERSION)?;
        opts.set("engineVersion", crate::ENGINE_VERSION)?;
        opts.set("pid", std::process::id())?;
        opts.set("ppid", unsafe { libc::getppid() } as u32)?;
        opts.set("platform", std::env::consts::OS)?;
        opts.set(
            "arch",
            match std::env::consts::ARCH {
                "x86_64" => "x64",
                "aarch64" => "arm64",
                other => other,
            },
        )?;
        binding.set("options", opts)?;
        Ok(())
    }

    /// Runs a host script in the main context, under the program's deadline.
    fn enter_raw<'js>(
        &self,
        ctx: &Ctx<'js>,
        code: &str,
        cancel: Option<CancelToken>,
    ) -> Result<Value<'js>, jsvm::Error> {
        let script = Script::compile(
            ctx,
            code,
            ScriptOptions {
                filename: Some("node:internal/host".into()),
                ..Default::default()
            },
        )?;
        let timeout_ms = self.shared.deadline.map(|d| {
            d.saturating_duration_since(Instant::now())
                .as_millis()
                .max(1) as u64
        });
        let main = ContextHandle::main(ctx)?;
        main.run_to_result(
            &script,
            &RunOptions {
                timeout_ms,
                cancel,
                ..Default::default()
            },
        )
    }

    /// Reports a failure that escaped the JavaScript side (a --timeout, or a host bug) and
    /// gives the exit code.
    fn escaped(&self, ctx: &Ctx<'_>, e: &jsvm::Error) -> i32 {
        match e {
            jsvm::Error::Timeout { ms } => {
                eprintln!(
                    "Error [ERR_SCRIPT_EXECUTION_TIMEOUT]: Script execution timed out after {}ms",
                    self.options.timeout_ms.unwrap_or(*ms)
                );
                1
            }
            jsvm::Error::OutOfMemory => {
                eprintln!("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory");
                134
            }
            jsvm::Error::Thrown(t)
                if t.name.is_empty()
                    && t.message == "null"
                    && crate::process_binding::heap_exhausted(ctx) =>
            {
                eprintln!("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory");
                134
            }
            other => {
                eprintln!("{}", describe(other));
                1
            }
        }
    }

    /// Runs a program to its end (main code, then the event loop) and gives the exit code.
    /// `process.exit()` ends the process directly.
    pub fn run(&self, main: Main) -> i32 {
        self.rt.with_ctx(|ctx| {
            let set = || -> jsvm::engine::rquickjs::Result<()> {
                let hooks = self.shared.hooks(&ctx)?;
                let worker = self.shared.worker.is_some();
                let (kind, arg) = match &main {
                    Main::File(p) => ("file", p.to_string_lossy().into_owned()),
                    Main::Eval { code, .. } if worker => ("worker-eval", code.clone()),
                    Main::Eval { code, print: false } => ("eval", code.clone()),
                    Main::Eval { code, print: true } => ("print", code.clone()),
                    Main::Stdin(src) => ("stdin", src.clone()),
                    Main::Check { file: Some(p), .. } => {
                        ("check", p.to_string_lossy().into_owned())
                    }
                    Main::Check { file: None, source } => ("check-stdin", source.clone()),
                };
                hooks.set("mainKind", kind)?;
                hooks.set("mainArg", arg)?;
                Ok(())
            };
            if set().is_err() {
                let e = caught(&ctx);
                return self.escaped(&ctx, &e);
            }
            if let Some(side) = &self.shared.worker {
                let r = self.enter_raw(&ctx, "__jsvmHost.start()", Some(side.token.clone()));
                return self.worker_end(&ctx, side, r);
            }
            match self.enter_raw(&ctx, "__jsvmHost.start()", None) {
                Ok(v) => v.as_int().unwrap_or(0),
                Err(e) => self.escaped(&ctx, &e),
            }
        })
    }

    /// A worker's exit code, once its program and loop ended or were stopped: what
    /// `process.exit()` set, 1 for `terminate()`, the loop's own code otherwise. What escaped
    /// JavaScript goes to the parent as an 'error'.
    fn worker_end(
        &self,
        ctx: &Ctx<'_>,
        side: &WorkerSide,
        r: Result<Value<'_>, jsvm::Error>,
    ) -> i32 {
        if let Some(code) = side.exit_code.get() {
            return code;
        }
        if side.heap_full.load(std::sync::atomic::Ordering::SeqCst) {
            side.report_oom();
            return 1;
        }
        match r {
            Ok(v) => v.as_int().unwrap_or(0),
            Err(_) if side.token.is_cancelled() => 1,
            Err(jsvm::Error::OutOfMemory) => {
                side.report_oom();
                1
            }
            Err(_) if crate::process_binding::heap_exhausted(ctx) => {
                side.report_oom();
                1
            }
            Err(e) => {
                side.report_error(&describe(&e));
                1
            }
        }
    }

    /// Prepares the REPL: `require`, `module`, `exports` and `_` as globals.
    pub fn repl_start(&self) -> Result<(), String> {
        self.rt.with_ctx(|ctx| {
            self.enter_raw(&ctx, "__jsvmHost.replStart()", None)
                .map(|_| ())
                .map_err(|e| describe(&e))
        })
    }

    /// Evaluates one REPL entry; `colors` shows values with ANSI colors. The token stops a
    /// running entry (the REPL's Ctrl-C).
    pub fn repl_eval(&self, source: &str, colors: bool, token: &CancelToken) -> ReplOutcome {
        let n = self.shared.repl_line.get() + 1;
        self.shared.repl_line.set(n);
        let filename = format!("REPL{n}");
        self.rt.with_ctx(|ctx| {
            let compile = |src: &str| {
                Script::compile(
                    &ctx,
                    src,
                    ScriptOptions {
                        filename: Some(filename.clone()),
                        ..Default::default()
                    },
                )
            };
            // Node tries `{ ... }` as an object literal first.
            let trimmed = source.trim();
            let mut script = None;
            if trimmed.starts_with('{') && !trimmed.ends_with(';') {
                if let Ok(s) = compile(&format!("({trimmed}\n)")) {
                    script = Some(s);
                }
            }
            let script = match script {
                Some(s) => s,
                None => match compile(source) {
                    Ok(s) => s,
                    Err(jsvm::Error::Syntax(s)) => {
                        if is_incomplete(source, &s) {
                            return ReplOutcome::Incomplete;
                        }
                        if source.contains("await") {
                            return self.repl_await(&ctx, source, colors, token);
                        }
                        return ReplOutcome::Error(format!("Uncaught SyntaxError: {}", s.message));
                    }
                    Err(e) => return ReplOutcome::Error(format!("Uncaught {}", describe(&e))),
                },
            };
            let main = match ContextHandle::main(&ctx) {
                Ok(m) => m,
                Err(e) => return ReplOutcome::Error(describe(&e)),
            };
            let result = run_repl_entry(&main, &script, token);
            let (hook, value) = match result {
                Ok(v) => ("replShow", v),
                Err(_) => ("replError", ctx.catch()),
            };
            self.repl_report(&ctx, hook, value, colors)
        })
    }

    /// `await` at the top level: run the entry as an async function body.
    fn repl_await<'js>(
        &self,
        ctx: &Ctx<'js>,
        source: &str,
        colors: bool,
        token: &CancelToken,
    ) -> ReplOutcome {
        let trimmed = source.trim().trim_end_matches(';');
        let candidates = [
            format!("(async () => ({trimmed}\n))()"),
            format!("(async () => {{ {source}\n}})()"),
        ];
        for code in candidates {
            let Ok(script) = Script::compile(
                ctx,
                &code,
                ScriptOptions {
                    filename: Some("REPL".into()),
                    ..Default::default()
                },
            ) else {
                continue;
            };
            let Ok(main) = ContextHandle::main(ctx) else {
                break;
            };
            let r = run_repl_entry(&main, &script, token);
            let promise = match r {
                Ok(p) => p,
                Err(_) => {
                    let e = ctx.catch();
                    return self.repl_report(ctx, "replError", e, colors);
                }
            };
            let _ = ctx.globals().set("__jsvmReplPromise", promise);
            return match self.enter_raw(ctx, "__jsvmHost.replAwait()", Some(token.clone())) {
                Ok(v) => {
                    let _ = ctx.globals().remove("__jsvmReplPromise");
                    let text = v
                        .as_string()
                        .and_then(|s| s.to_string().ok())
                        .unwrap_or_default();
                    if let Some(rest) = text.strip_prefix("E") {
                        ReplOutcome::Error(rest.to_string())
                    } else {
                        ReplOutcome::Value(text.get(1..).unwrap_or("").to_string())
                    }
                }
                Err(e) => ReplOutcome::Error(format!("Uncaught {}", describe(&e))),
            };
        }
        ReplOutcome::Error("Uncaught SyntaxError: await is only valid in async functions".into())
    }

    fn repl_report<'js>(
        &self,
        ctx: &Ctx<'js>,
        hook: &str,
        value: Value<'js>,
        colors: bool,
    ) -> ReplOutcome {
        let show = || -> jsvm::engine::rquickjs::Result<String> {
            let hooks = self.shared.hooks(ctx)?;
            let f: Function = hooks.get(hook)?;
            f.call((value, colors))
        };
        let text = match show() {
            Ok(t) => t,
            Err(_) => {
                let e = caught(ctx);
                format!("Uncaught {}", describe(&e))
            }
        };
        // Callbacks the entry scheduled (ticks, promise jobs, due timers) run now.
        let _ = self.enter_raw(ctx, "__jsvmHost.replDrain()", None);
        if hook == "replError" {
            ReplOutcome::Error(text)
        } else {
            ReplOutcome::Value(text)
        }
    }

    /// Runs timers and callbacks that are due, without waiting (between REPL entries).
    pub fn repl_drain(&self) {
        self.rt.with_ctx(|ctx| {
            let _ = self.enter_raw(&ctx, "__jsvmHost.replDrain()", None);
        })
    }

    /// Ends the REPL: runs the event loop to its end, emits 'exit', gives the exit code.
    pub fn repl_finish(&self) -> i32 {
        self.rt.with_ctx(
            |ctx| match self.enter_raw(&ctx, "__jsvmHost.finish()", None) {
                Ok(v) => v.as_int().unwrap_or(0),
                Err(e) => self.escaped(&ctx, &e),
            },
        )
    }
}

fn caught(ctx: &Ctx<'_>) -> jsvm::Error {
    let v = ctx.catch();
    if let Some(o) = v.as_object() {
        let stack: Option<String> = o.get("stack").ok();
        let name: String = o.get("name").unwrap_or_default();
        let message: String = o.get("message").unwrap_or_default();
        return jsvm::Error::Thrown(jsvm::Thrown {
            name,
            message,
            stack,
            code: None,
        });
    }
    let message = v
        .as_string()
        .and_then(|s| s.to_string().ok())
        .unwrap_or_else(|| format!("{v:?}"));
    jsvm::Error::Thrown(jsvm::Thrown {
        name: String::new(),
        message,
        stack: None,
        code: None,
    })
}

/// Whether a syntax error only says the input stopped early (the REPL then reads more): an
/// unclosed bracket, string, template or comment, or an error at the very end of the input.
fn is_incomplete(source: &str, e: &jsvm::SyntaxError) -> bool {
    if unclosed(source) {
        return true;
    }
    let m = e.message.to_ascii_lowercase();
    if m.contains("unexpected end") || m.contains("unterminated") {
        return true;
    }
    // The error sits past the last character of the input.
    let trimmed = source.trim_end();
    let lines: Vec<&str> = trimmed.lines().collect();
    let last_line = lines.len().max(1) as u32;
    let last_len = lines.last().map(|l| l.chars().count()).unwrap_or(0) as u32;
    e.line > last_line || (e.line == last_line && e.column > last_len)
}

/// Scans JavaScript roughly: true if a bracket, string, template or block comment is open at
/// the end.
fn unclosed(src: &str) -> bool {
    #[derive(PartialEq)]
    enum Mode {
        Code,
        Single,
        Double,
        Template,
        LineComment,
        BlockComment,
    }
    let mut stack: Vec<char> = Vec::new(); // brackets; '`' marks a template, '$' a ${ } inside one
    let mut mode = Mode::Code;
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match mode {
            Mode::Code => match c {
                '\'' => mode = Mode::Single,
                '"' => mode = Mode::Double,
                '`' => mode = Mode::Template,
                '/' if next == Some('/') => mode = Mode::LineComment,
                '/' if next == Some('*') => {
                    mode = Mode::BlockComment;
                    i += 1;
                }
                '(' | '[' | '{' => stack.push(c),
                ')' | ']' => {
                    stack.pop();
                }
                '}' => {
                    if stack.last() == Some(&'$') {
                        stack.pop();
                        mode = Mode::Template;
                    } else {
                        stack.pop();
                    }
                }
                _ => {}
            },
            Mode::Single | Mode::Double => {
                let q = if mode == Mode::Single { '\'' } else { '"' };
                if c == '\\' {
                    i += 1;
                } else if c == q || c == '\n' {
                    mode = Mode::Code;
                }
            }
            Mode::Template => {
                if c == '\\' {
                    i += 1;
                } else if c == '`' {
                    mode = Mode::Code;
                } else if c == '$' && next == Some('{') {
                    stack.push('$');
                    mode = Mode::Code;
                    i += 1;
                }
            }
            Mode::LineComment => {
                if c == '\n' {
                    mode = Mode::Code;
                }
            }
            Mode::BlockComment => {
                if c == '*' && next == Some('/') {
                    mode = Mode::Code;
                    i += 1;
                }
            }
        }
        i += 1;
    }
    !stack.is_empty() || matches!(mode, Mode::Template | Mode::BlockComment)
}

impl WorkerHost for NodeHost {
    fn run(&self, main: Main) -> i32 {
        NodeHost::run(self, main)
    }
}

/// A worker's host, for `worker_binding` (which does not name `NodeHost`).
fn worker_host(
    rt: jsvm::Runtime,
    options: HostOptions,
    inbox: Arc<Inbox>,
    side: WorkerSide,
) -> Result<Box<dyn WorkerHost>, (String, bool)> {
    NodeHost::with_runtime(rt, options, inbox, Some(side))
        .map(|h| Box::new(h) as Box<dyn WorkerHost>)
}
