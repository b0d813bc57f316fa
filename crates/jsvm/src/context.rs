//! Contexts: a global scope with its own builtins, optionally backed by a sandbox object.
//!
//! Two handles reach the same context:
//! - [`Context`]: owned, `'static`, for Rust programs; each call locks the runtime.
//! - [`ContextHandle`]: used inside the engine lock (`Runtime::with`, host functions), working
//!   on rquickjs values directly; this is what the Node-compatible layer builds on.
//!
//! A context's record lives in a JavaScript object of the runtime (a class instance), so the
//! engine's garbage collector frees a context once nothing refers to it, as V8 does for Node.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ptr::NonNull;

use rquickjs::class::{JsClass, Readable, Trace, Tracer};
use rquickjs::{qjs, Class, Ctx, FromJs, IntoJs, JsLifetime, Object, Persistent, Value};
use serde::de::DeserializeOwned;

use crate::declarations::Declarations;
use crate::error::{Error, Result, SyntaxError, Thrown};
use crate::interrupt::Stop;
use crate::runtime::RuntimeState;
use crate::sandbox;
use crate::script::{RunOptions, Script, ScriptOptions};

/// Scripts whose functions one context keeps at most (see `cache_function`).
const MAX_SCRIPTS_PER_CONTEXT: usize = 512;

/// When promise jobs queued by a context's code run.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// let options = jsvm::ContextOptions {
///     microtask_mode: jsvm::MicrotaskMode::AfterEvaluate,
///     ..Default::default()
/// };
/// let ctx = rt.new_empty_context(options).unwrap();
/// // The promise job ran before the run returned.
/// ctx.eval::<()>("var done = false; Promise.resolve().then(() => { done = true })").unwrap();
/// assert!(ctx.get::<bool>("done").unwrap());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MicrotaskMode {
    /// With the rest of the runtime's jobs, after the current host task (Node's default).
    #[default]
    Default,
    /// Before the run returns, counted against its timeout (Node's `'afterEvaluate'`).
    AfterEvaluate,
}

/// Whether code in a context may compile strings (`eval`, `new Function`).
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// let options = jsvm::ContextOptions {
///     code_generation: jsvm::CodeGeneration { strings: false, wasm: true },
///     ..Default::default()
/// };
/// let ctx = rt.new_empty_context(options).unwrap();
/// let refused = ctx.eval::<()>("eval('1')").unwrap_err();
/// assert!(matches!(refused, jsvm::Error::Thrown(t) if t.name == "EvalError"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeGeneration {
    /// `false` makes `eval` and `new Function` throw `EvalError`.
    pub strings: bool,
    /// WebAssembly compilation; QuickJS has no WebAssembly, so this only records the choice.
    pub wasm: bool,
}

impl Default for CodeGeneration {
    fn default() -> Self {
        CodeGeneration {
            strings: true,
            wasm: true,
        }
    }
}

/// Options of a new context, as Node's `vm.createContext`.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// let ctx = rt
///     .new_empty_context(jsvm::ContextOptions {
///         name: Some("tenant-7".into()),
///         ..Default::default()
///     })
///     .unwrap();
/// assert_eq!(ctx.with(|_, handle| handle.options().name), Some("tenant-7".into()));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContextOptions {
    /// A name for the context (Node shows it in the inspector); defaults to `VM Context N`.
    pub name: Option<String>,
    /// The origin, for display; defaults to empty.
    pub origin: Option<String>,
    /// What code may compile from strings.
    pub code_generation: CodeGeneration,
    /// When promise jobs run.
    pub microtask_mode: MicrotaskMode,
}

/// The record of one context, kept in a JavaScript object so the GC sees what it holds.
pub(crate) struct ContextRecord<'js> {
    /// The engine context; valid while `anchor` lives.
    raw: NonNull<qjs::JSContext>,
    /// A function of this realm: functions hold their realm, so this keeps the engine context
    /// alive exactly as long as the record is reachable.
    anchor: Value<'js>,
    global: Object<'js>,
    /// The sandbox and the scope object (which answers for the sandbox, then the realm's
    /// builtins); `None` for the main context.
    sandbox: Option<(Object<'js>, Object<'js>)>,
    id: u64,
    options: ContextOptions,
    /// The runtime's run frames (kept here: a run must not look them up).
    interrupts: std::rc::Rc<crate::interrupt::Interrupts>,
    /// The runtime's count of live contexts, decremented when this record is freed (`None`
    /// for the main context, which is not counted).
    live: Option<std::rc::Rc<std::cell::Cell<usize>>>,
    /// The runtime's set of `afterEvaluate` engine contexts, when this is one of them (left on
    /// drop).
    after_evaluate: Option<std::rc::Rc<RefCell<HashSet<usize>>>>,
    state: RefCell<ContextState<'js>>,
}

impl<'js> ContextRecord<'js> {
    fn cache_function(&self, id: u64, f: Value<'js>) {
        let mut st = self.state.borrow_mut();
        // `last_script` borrows a value of the map: forget it before any value it may name goes.
        if st.scripts.len() >= MAX_SCRIPTS_PER_CONTEXT {
            st.scripts.clear();
            st.last_script.set(None);
        } else if matches!(st.last_script.get(), Some((last, _)) if last == id) {
            st.last_script.set(None);
        }
        st.scripts.insert(id, f);
    }
}

impl Drop for ContextRecord<'_> {
    fn drop(&mut self) {
        if let Some(live) = &self.live {
            live.set(live.get().saturating_sub(1));
        }
        if let Some(realms) = &self.after_evaluate {
            if let Ok(mut realms) = realms.try_borrow_mut() {
                realms.remove(&(self.raw.as_ptr() as usize));
            }
        }
    }
}

#[derive(Default)]
struct ContextState<'js> {
    /// `var` names with a forwarder on the global.
    forwarded: HashSet<String>,
    /// Top-level functions declared by scripts run here, mirrored to the sandbox.
    functions: Vec<String>,
    /// Script bytecode read into this realm, by script id (looked up on every run).
    scripts: HashMap<u64, Value<'js>, crate::id_hasher::BuildIdHasher>,
    /// The last script looked up, for the common case of one script run again and again: a
    /// borrowed copy of its `scripts` value (cleared with the map).
    last_script: std::cell::Cell<Option<(u64, qjs::JSValue)>>,
}

impl<'js> Trace<'js> for ContextRecord<'js> {
    fn trace<'a>(&self, tracer: Tracer<'a, 'js>) {
        tracer.mark(&self.anchor);
        tracer.mark(self.global.as_value());
        if let Some((s, b)) = &self.sandbox {
            tracer.mark(s.as_value());
            tracer.mark(b.as_value());
        }
        // Skipping a mark is safe (the value just counts as referenced from outside).
        if let Ok(state) = self.state.try_borrow() {
            for v in state.scripts.values() {
                tracer.mark(v);
            }
        }
    }
}

unsafe impl<'js> JsLifetime<'js> for ContextRecord<'js> {
    type Changed<'to> = ContextRecord<'to>;
}

impl<'js> JsClass<'js> for ContextRecord<'js> {
    const NAME: &'static str = "ContextRecord";
    type Mutable = Readable;
    fn constructor(
        _ctx: &Ctx<'js>,
    ) -> rquickjs::Result<Option<rquickjs::function::Constructor<'js>>> {
        Ok(None)
    }
}

/// A context, seen from inside the engine lock.
///
/// Get one from [`ContextHandle::create`], [`ContextHandle::main`],
/// [`ContextHandle::from_sandbox`] or [`Context::with`]. The `Ctx` these take must belong to a
/// [`crate::Runtime`] (`Runtime::with`, or a host function called by its code); a context of
/// an unrelated rquickjs runtime is a programming error and panics.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with(|ctx| {
///     let sandbox: jsvm::rquickjs::Object = ctx.eval("({ n: 1 })").unwrap();
///     let h = jsvm::ContextHandle::create(&ctx, Some(sandbox.clone()), &Default::default()).unwrap();
///     h.eval("n += 1", &Default::default()).unwrap();
///     assert_eq!(sandbox.get::<_, i32>("n").unwrap(), 2);
///     assert!(jsvm::ContextHandle::from_sandbox(&ctx, &sandbox).is_some());
/// });
/// ```
#[derive(Clone)]
pub struct ContextHandle<'js> {
    class: Class<'js, ContextRecord<'js>>,
    /// The record, found once: `class` keeps it alive, and it is never borrowed mutably
    /// (`Readable`), so every later use skips the engine's class-id check.
    rec: NonNull<ContextRecord<'js>>,
}

/// The failure of a run, before it is turned into a JavaScript exception or a Rust error.
pub(crate) enum RunFailure<'js> {
    Exception(Value<'js>),
    Stopped(Stop),
    /// An outer run's limit fired: let the uncatchable interruption through.
    PassThrough(Value<'js>),
}

impl<'js> ContextHandle<'js> {
    fn wrap(class: Class<'js, ContextRecord<'js>>) -> Self {
        let rec = NonNull::from(&*class.borrow());
        ContextHandle { class, rec }
    }
    fn rec(&self) -> &ContextRecord<'js> {
        // SAFETY: see the field; the reference does not outlive `self`, which holds `class`.
        unsafe { self.rec.as_ref() }
    }
    /// This realm's `Function.prototype` (for host functions made here, which rquickjs gives
    /// the first realm's).
    pub(crate) fn function_prototype(&self) -> Option<Object<'js>> {
        self.rec()
            .anchor
            .as_object()
            .and_then(|o| o.get_prototype())
    }
    /// Creates a context. With a sandbox, its properties become the context's globals (Node's
    /// contextify); without one, an empty sandbox object is made in the new context's own
    /// realm, so nothing reachable from it leads to another realm.
    pub fn create(
        ctx: &Ctx<'js>,
        sandbox: Option<Object<'js>>,
        options: &ContextOptions,
    ) -> Result<Self> {
        let state = RuntimeState::of(ctx);
        state.gc_pacer.pace(ctx);
        if let Some(s) = &sandbox {
            if Self::from_sandbox(ctx, s).is_some() {
                return Err(Error::InvalidArgument(
                    "the sandbox object is already contextified".into(),
                ));
            }
        }
        unsafe {
            let rt = qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
            let raw = new_realm(rt).ok_or(Error::OutOfMemory)?;
            // Ctx::from_raw takes its own reference; ours is released right after.
            let c: Ctx<'js> = Ctx::from_raw(raw);
            qjs::JS_FreeContext(raw.as_ptr());
            let global = c.globals();
            let sandbox = match sandbox {
                Some(s) => s,
                None => Object::new(c.clone())?,
            };
            let anchor: Value<'js> = global.get("Object")?;
            // Taken before the builtins leave the global: later lookups go through the sandbox.
            let error_ctor: Object = global.get("Error")?;
            let object_proto = qjs::JS_GetPrototype(c.as_raw().as_ptr(), global.as_raw());
            let scope_raw = sandbox::new_scope(
                c.as_raw().as_ptr(),
                state.scope_class,
                sandbox.as_raw(),
                object_proto,
                global.as_raw(),
                &state.builtin_names,
                state.global_class.get().is_some(),
            );
            qjs::JS_FreeValue(c.as_raw().as_ptr(), object_proto);
            let scope = Value::from_raw(c.clone(), scope_raw);
            if scope.is_exception() {
                return Err(describe_caught(&c));
            }
            let builtins = scope.into_object().ok_or(Error::OutOfMemory)?;
            if qjs::JS_SetPrototype(c.as_raw().as_ptr(), global.as_raw(), builtins.as_raw()) < 0 {
                return Err(describe_caught(&c));
            }
            if let Some(class) = state.global_class.get() {
                sandbox::make_global_exotic(global.as_raw(), class);
            }
            crate::stack::install(&c, &error_ctor, false)?;
            let id = state.next_id();
            // Counted from here: the record's drop uncounts it, whatever happens next.
            state.live_contexts.set(state.live_contexts.get() + 1);
            let record = ContextRecord {
                raw,
                anchor,
                global,
                sandbox: Some((sandbox.clone(), builtins)),
                id,
                options: options.clone(),
                interrupts: state.interrupts.clone(),
                live: Some(state.live_contexts.clone()),
                after_evaluate: (options.microtask_mode == MicrotaskMode::AfterEvaluate).then(
                    || {
                        let realms = state.after_evaluate_realms.clone();
                        realms.borrow_mut().insert(raw.as_ptr() as usize);
                        realms
                    },
                ),
                state: RefCell::new(ContextState::default()),
            };
            let handle = ContextHandle::wrap(Class::instance(ctx.clone(), record)?);
            if !options.code_generation.strings {
                handle.forbid_code_generation()?;
            }
            let registry = state.registry(ctx);
            let set: rquickjs::Function = registry.get("set")?;
            set.call::<_, ()>((
                rquickjs::function::This(registry),
                sandbox,
                handle.class.clone(),
            ))?;
            Ok(handle)
        }
    }

    /// How many contexts (besides the main one) of the runtime `ctx` belongs to are alive,
    /// i.e. not yet freed by the garbage collector.
    pub fn live_count(ctx: &Ctx<'js>) -> usize {
        RuntimeState::of(ctx).live_contexts.get()
    }

    /// Makes the context's global object itself a key for [`ContextHandle::from_sandbox`]
    /// and returns it: Node's `vm.constants.DONT_CONTEXTIFY`, where the caller holds the
    /// global rather than a sandbox.
    pub fn expose_global(&self) -> Result<Object<'js>> {
        let c = self.ctx();
        let state = RuntimeState::of(&c);
        let registry = state.registry(&c);
        let set: rquickjs::Function = registry.get("set")?;
        let global = self.global();
        set.call::<_, ()>((
            rquickjs::function::This(registry),
            global.clone(),
            self.class.clone(),
        ))?;
        Ok(global)
    }

    /// The main context of the runtime `ctx` belongs to.
    pub fn main(ctx: &Ctx<'js>) -> Result<Self> {
        let state = RuntimeState::of(ctx);
        let registry = state.registry(ctx);
        let get: rquickjs::Function = registry.get("get")?;
        let key = registry.clone();
        let found: Value = get.call((rquickjs::function::This(registry), key))?;
        Class::<ContextRecord>::from_value(&found)
            .map(ContextHandle::wrap)
            .map_err(|_| Error::InvalidArgument("runtime has no main context".into()))
    }

    /// The context a sandbox object was contextified into, if any (Node's `vm.isContext`).
    pub fn from_sandbox(ctx: &Ctx<'js>, sandbox: &Object<'js>) -> Option<Self> {
        let state = RuntimeState::of(ctx);
        let registry = state.registry(ctx);
        let get: rquickjs::Function = registry.get("get").ok()?;
        let found: Value = get
            .call((rquickjs::function::This(registry), sandbox.clone()))
            .ok()?;
        Class::<ContextRecord>::from_value(&found)
            .ok()
            .map(ContextHandle::wrap)
    }

    /// The engine context, for running code in it.
    pub fn ctx(&self) -> Ctx<'js> {
        unsafe { Ctx::from_raw(self.rec().raw) }
    }
    /// The context's global object (what `this` is at the top level of its scripts).
    pub fn global(&self) -> Object<'js> {
        self.rec().global.clone()
    }
    /// The sandbox object, or `None` for the main context.
    pub fn sandbox(&self) -> Option<Object<'js>> {
        self.rec().sandbox.as_ref().map(|(s, _)| s.clone())
    }
    /// The object behind the globals: the sandbox, or the global itself for the main context.
    pub fn globals_object(&self) -> Object<'js> {
        self.sandbox().unwrap_or_else(|| self.global())
    }
    /// The options the context was created with.
    pub fn options(&self) -> ContextOptions {
        self.rec().options.clone()
    }
    /// A number unique within the runtime.
    pub fn id(&self) -> u64 {
        self.rec().id
    }
    /// Whether two handles are the same context.
    pub fn same(&self, other: &ContextHandle<'js>) -> bool {
        self.rec().raw == other.rec().raw
    }
    /// The JavaScript object that holds this context's record (to keep it alive from JS).
    pub fn as_object(&self) -> &Object<'js> {
        self.class
            .as_object()
            .expect("a class instance is an object")
    }
    /// The handle held by an object returned by [`ContextHandle::as_object`].
    pub fn from_object(object: &Object<'js>) -> Option<Self> {
        Class::<ContextRecord>::from_object(object).map(ContextHandle::wrap)
    }

    /// Compiles `source` in this context's realm (syntax errors are reported now) and keeps
    /// the bytecode here; the script also runs in other contexts.
    ///
    /// The same source, filename and offsets compiled again (without cached data) return the
    /// same script from the runtime's compile cache, as Node's compilation cache does.
    pub fn compile(&self, source: &str, options: ScriptOptions) -> Result<Script> {
        let c = self.ctx();
        let state = RuntimeState::of(&c);
        let cacheable = options.cached_data.is_none();
        if cacheable {
            if let Some(script) = state.compile_cache.borrow().get(source, &options) {
                return Ok(script);
            }
        }
        let (script, func) = Script::compile_for(&c, source, options)?;
        if let Some(f) = func {
            self.cache_function(script.id(), f);
        }
        if cacheable {
            state.compile_cache.borrow_mut().insert(script.clone());
        }
        Ok(script)
    }

    /// Keeps a script's function for this realm. The cache is bounded: code that compiles
    /// endless distinct sources must not grow a context without end (an evicted script is
    /// read or compiled again on its next run here).
    fn cache_function(&self, id: u64, f: Value<'js>) {
        self.rec().cache_function(id, f);
    }

    /// Compiles and runs `source` in this context.
    pub fn eval(&self, source: &str, options: &RunOptions) -> rquickjs::Result<Value<'js>> {
        let script = Script::lazy(source, Default::default());
        self.run(&script, options)
    }

    /// Runs a compiled script here. Failures are thrown as JavaScript exceptions, as Node's vm
    /// throws them (a timeout is an `Error` with code `ERR_SCRIPT_EXECUTION_TIMEOUT`).
    pub fn run(&self, script: &Script, options: &RunOptions) -> rquickjs::Result<Value<'js>> {
        let started = std::time::Instant::now();
        match self.run_inner(script, options) {
            Ok(v) => Ok(v),
            Err(RunFailure::Exception(v)) if options.display_errors => {
                // Reading the error's stack may run its getters: under the rest of the run's
                // time (left undecorated if that ends).
                let ctx = self.ctx();
                let state = RuntimeState::of(&ctx);
                let budget = crate::interrupt::Budget::after_run(
                    started,
                    options.timeout_ms,
                    options.cancel.clone(),
                    state.host_timeout,
                );
                let _ = within(&ctx, &state.interrupts, &budget, |ctx| {
                    crate::display::decorate(ctx, &v, script);
                    Ok(())
                });
                Err(self.throw_failure(RunFailure::Exception(v)))
            }
            Err(failure) => Err(self.throw_failure(failure)),
        }
    }

    /// Runs a compiled script and describes a failure as a Rust [`Error`].
    pub fn run_to_result(&self, script: &Script, options: &RunOptions) -> Result<Value<'js>> {
        match self.run_inner(script, options) {
            Ok(v) => Ok(v),
            Err(RunFailure::Stopped(stop)) => Err(stop_error(stop)),
            Err(RunFailure::Exception(v)) | Err(RunFailure::PassThrough(v)) => {
                Err(describe_value(&self.ctx(), &v))
            }
        }
    }

    pub(crate) fn throw_failure(&self, failure: RunFailure<'js>) -> rquickjs::Error {
        let ctx = self.ctx();
        match failure {
            RunFailure::Exception(v) => ctx.throw(v),
            RunFailure::PassThrough(v) => {
                unsafe { qjs::JS_SetUncatchableError(ctx.as_raw().as_ptr(), v.as_raw()) };
                ctx.throw(v)
            }
            RunFailure::Stopped(stop) => throw_error(&ctx, &stop_error(stop)),
        }
    }

    /// The bytecode of `script` in this realm, read or compiled on first use.
    fn function_for(
        rec: &ContextRecord<'js>,
        c: &Ctx<'js>,
        script: &Script,
    ) -> std::result::Result<qjs::JSValue, RunFailure<'js>> {
        {
            let st = rec.state.borrow();
            let id = script.id();
            let found = match st.last_script.get() {
                Some((last, f)) if last == id => Some(f),
                _ => st.scripts.get(&id).map(|f| {
                    st.last_script.set(Some((id, f.as_raw())));
                    f.as_raw()
                }),
            };
            if let Some(f) = found {
                return Ok(unsafe { qjs::JS_DupValue(c.as_raw().as_ptr(), f) });
            }
        }
        let f = script.load_into(c).map_err(RunFailure::Exception)?;
        let raw = unsafe { qjs::JS_DupValue(c.as_raw().as_ptr(), f.as_raw()) };
        rec.cache_function(script.id(), f);
        Ok(raw)
    }

    pub(crate) fn run_inner(
        &self,
        script: &Script,
        options: &RunOptions,
    ) -> std::result::Result<Value<'js>, RunFailure<'js>> {
        // One look at the record for the whole run (each borrow of a class instance is a
        // class-id lookup in the engine), and one Ctx (each is a reference count on the
        // engine context), which ends up in the result.
        let rec = self.rec();
        let c = unsafe { Ctx::from_raw(rec.raw) };
        let func = Self::function_for(rec, &c, script)?;
        // Only a sandbox needs the script's declarations (parsed on first need).
        let sandboxed = rec.sandbox.is_some();
        if sandboxed && Self::before_run(rec, &c, script.declarations()).is_err() {
            unsafe { qjs::JS_FreeValue(c.as_raw().as_ptr(), func) };
            return Err(RunFailure::Exception(c.catch()));
        }
        let outcome = Self::guarded(rec, c, options, |raw_ctx| unsafe {
            qjs::JS_EvalFunction(raw_ctx, func)
        });
        // Functions are instantiated even when the script throws later, so sync either way.
        if sandboxed {
            let _ = Self::after_run(rec);
        }
        outcome
    }

    /// Calls `function` with `this` and `args` under the run options' limits (timeout,
    /// cancellation) and this context's microtask mode, as a run of this context: the way a
    /// host calls back into JavaScript (event handlers, timers) with limits that hold.
    pub fn call(
        &self,
        function: &rquickjs::Function<'js>,
        this: Value<'js>,
        args: &[Value<'js>],
        options: &RunOptions,
    ) -> rquickjs::Result<Value<'js>> {
        let rec = self.rec();
        let c = unsafe { Ctx::from_raw(rec.raw) };
        let outcome = Self::guarded(rec, c, options, |raw_ctx| unsafe {
            let mut argv: Vec<qjs::JSValue> = args.iter().map(|a| a.as_raw()).collect();
            qjs::JS_Call(
                raw_ctx,
                function.as_raw(),
                this.as_raw(),
                argv.len() as _,
                argv.as_mut_ptr(),
            )
        });
        outcome.map_err(|f| self.throw_failure(f))
    }

    /// Runs `body` (an engine call returning an owned value or an exception) inside a run
    /// frame: limits apply, `afterEvaluate` jobs run, and an interruption is told apart from
    /// an exception.
    fn guarded(
        rec: &ContextRecord<'js>,
        c: Ctx<'js>,
        options: &RunOptions,
        body: impl FnOnce(*mut qjs::JSContext) -> qjs::JSValue,
    ) -> std::result::Result<Value<'js>, RunFailure<'js>> {
        let after_evaluate = rec.options.microtask_mode == MicrotaskMode::AfterEvaluate;
        let raw_ctx = c.as_raw().as_ptr();
        let state = after_evaluate.then(|| RuntimeState::of(&c));
        // Without the engine's job list: where the jobs this run will queue start (see
        // `settle_stopped_jobs`).
        let mark = state
            .as_ref()
            .filter(|s| s.job_queue.get().is_none())
            .map(|_| JobMark::set(&c));
        let frame = rec
            .interrupts
            .enter(options.timeout_ms, options.cancel.clone());
        let result = body(raw_ctx);
        let mut outcome = if unsafe { qjs::JS_IsException(result) } {
            Err(c.catch())
        } else {
            Ok(result)
        };
        if let (Ok(_), Some(state), false) = (&outcome, &state, frame.fired_here()) {
            // This context's own jobs (Node's per-context queue), inside the run's frame so
            // the timeout covers them; other contexts' jobs stay queued.
            while let Some(r) = crate::jobs::run_own_job(state, raw_ctx) {
                if r < 0 {
                    let err = c.catch();
                    if frame.fired_here() || frame.outer_fired() {
                        if let Ok(v) = outcome {
                            unsafe { qjs::JS_FreeValue(raw_ctx, v) };
                        }
                        outcome = Err(err);
                        break;
                    }
                    // A job's own exception is that job's unhandled error, not the run's.
                }
            }
        }
        let stopped_here = frame.fired_here();
        let ret = match outcome {
            // The engine dropped the interruption somewhere (stack building ignores what the
            // code it calls throws; a promise takes an exception as its rejection): the run
            // still ends as stopped.
            Ok(v) if stopped_here => {
                unsafe { qjs::JS_FreeValue(raw_ctx, v) };
                Err(RunFailure::Stopped(frame.take_stop().expect("fired here")))
            }
            Ok(v) => Ok(unsafe { Value::from_raw(c.clone(), v) }),
            Err(exc) => {
                if let Some(stop) = frame.take_stop() {
                    unsafe { qjs::JS_ResetUncatchableError(raw_ctx) };
                    Err(RunFailure::Stopped(stop))
                } else if frame.outer_fired() {
                    Err(RunFailure::PassThrough(exc))
                } else {
                    // No limit fired: an engine interruption code kept from an earlier stop
                    // is an ordinary exception here.
                    crate::stack::disarm_if_interruption(&c, &exc);
                    Err(RunFailure::Exception(exc))
                }
            }
        };
        if stopped_here {
            crate::stack::disarm_interruptions(&c);
        }
        drop(frame);
        if let (Some(state), true) = (&state, stopped_here) {
            // Node leaves them in the context's queue, never run: dropped.
            if !crate::jobs::discard_own(state, raw_ctx) {
                if let Some(mark) = mark {
                    settle_stopped_jobs(&c, &rec.interrupts, mark);
                }
            }
        }
        ret
    }

    /// Before a run: forwarders for the script's `var` names, sandbox slots for its functions
    /// (in V8's order: functions, then vars), and sandbox values of known functions copied in.
    fn before_run(
        rec: &ContextRecord<'js>,
        c: &Ctx<'js>,
        decls: &Declarations,
    ) -> rquickjs::Result<()> {
        let Some((sandbox, builtins)) = &rec.sandbox else {
            return Ok(());
        };
        let mut st = rec.state.borrow_mut();
        if decls.functions.is_empty() && decls.vars.is_empty() && st.functions.is_empty() {
            return Ok(()); // the common case of a script run again: nothing to sync
        }
        for f in &decls.functions {
            if !sandbox.contains_key(f.as_str())? {
                sandbox.set(f.as_str(), Value::new_undefined(c.clone()))?;
            }
            if !st.functions.contains(f) {
                st.functions.push(f.clone());
            }
        }
        for v in &decls.vars {
            if !st.forwarded.contains(v) {
                if !sandbox.contains_key(v.as_str())? && !builtins.contains_key(v.as_str())? {
                    sandbox.set(v.as_str(), Value::new_undefined(c.clone()))?;
                }
                let ok = unsafe {
                    let raw = c.as_raw().as_ptr();
                    let atom = qjs::JS_NewAtomLen(raw, v.as_ptr().cast(), v.len() as _);
                    let ok = sandbox::install_forwarder(
                        raw,
                        rec.global.as_raw(),
                        sandbox.as_raw(),
                        builtins.as_raw(),
                        atom,
                    );
                    qjs::JS_FreeAtom(raw, atom);
                    ok
                };
                if !ok {
                    return Err(rquickjs::Error::Exception);
                }
                st.forwarded.insert(v.clone());
            }
        }
        // The host may have replaced a declared function on the sandbox since the last run.
        for f in &st.functions {
            if decls.functions.contains(f) {
                continue; // redeclared by this script: it wins
            }
            let inside: Value = rec.global.get(f.as_str())?;
            let outside: Value = sandbox.get(f.as_str())?;
            if !outside.is_undefined() && inside != outside {
                rec.global.set(f.as_str(), outside)?;
            }
        }
        Ok(())
    }

    /// After a run: top-level functions are copied to the sandbox.
    fn after_run(rec: &ContextRecord<'js>) -> rquickjs::Result<()> {
        let Some((sandbox, _)) = &rec.sandbox else {
            return Ok(());
        };
        let st = rec.state.borrow();
        for f in &st.functions {
            let inside: Value = rec.global.get(f.as_str())?;
            let outside: Value = sandbox.get(f.as_str())?;
            if inside != outside {
                sandbox.set(f.as_str(), inside)?;
            }
        }
        Ok(())
    }

    /// `codeGeneration: { strings: false }`: eval and the Function constructors throw EvalError.
    fn forbid_code_generation(&self) -> rquickjs::Result<()> {
        let c = self.ctx();
        let setup: rquickjs::Function = c.eval(
            r#"(function (builtins) {
                const deny = function () {
                    throw new EvalError('Code generation from strings disallowed for this context');
                };
                const lock = (proto) => {
                    const d = function () { return deny(); };
                    d.prototype = proto;
                    Object.defineProperty(proto, 'constructor', { value: d, writable: true, configurable: true });
                    return d;
                };
                Object.defineProperty(builtins, 'eval', { value: deny, writable: true, configurable: true });
                Object.defineProperty(builtins, 'Function', { value: lock(Function.prototype), writable: true, configurable: true });
                lock(Object.getPrototypeOf(async function () {}));
                lock(Object.getPrototypeOf(function* () {}));
                lock(Object.getPrototypeOf(async function* () {}));
            })"#,
        )?;
        let builtins = self.rec().sandbox.as_ref().map(|(_, b)| b.clone());
        setup.call::<_, ()>((builtins.unwrap_or_else(|| self.global()),))
    }

    /// Makes the owned handle for this context.
    pub(crate) fn to_owned_context(&self, ctx: &Ctx<'js>, main: rquickjs::Context) -> Context {
        Context {
            record: Persistent::save(ctx, self.class.clone()),
            main,
        }
    }
}

/// The point in the runtime's one job queue where a run in `afterEvaluate` mode starts: jobs
/// before it are other code's, jobs after it the run's. A no-op job is queued as the marker
/// when the queue is not empty (jobs run in order).
pub(crate) struct JobMark(Option<u64>);

thread_local! {
    /// The last marker job that ran.
    static MARK_REACHED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    static NEXT_MARK: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

unsafe extern "C" fn mark_job(
    ctx: *mut qjs::JSContext,
    argc: std::ffi::c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    if argc > 0 {
        let mut id: f64 = 0.0;
        if qjs::JS_ToFloat64(ctx, &mut id, *argv) == 0 {
            MARK_REACHED.with(|m| m.set(id as u64));
        }
    }
    qjs::JS_UNDEFINED
}

impl JobMark {
    pub(crate) fn set(c: &Ctx<'_>) -> JobMark {
        let raw = c.as_raw().as_ptr();
        if unsafe { !qjs::JS_IsJobPending(qjs::JS_GetRuntime(raw)) } {
            return JobMark(None);
        }
        let id = NEXT_MARK.with(|n| {
            let id = n.get();
            n.set(id + 1);
            id
        });
        let mut arg = qjs::JS_NewFloat64(id as f64);
        if unsafe { qjs::JS_EnqueueJob(raw, Some(mark_job), 1, &mut arg) } < 0 {
            drop(c.catch());
        }
        JobMark(Some(id))
    }
}

/// After a run in `afterEvaluate` mode was stopped, when the engine's job list could not be
/// checked (see `jobs.rs`). Node leaves the jobs the run queued in the context's own queue,
/// never to run; here they share the runtime's queue and would run later without any limit. Other code's jobs, queued before the run, run first, as the run's end
/// would have run them; the run's own then run under a frame that is already due, so each
/// ends at its first interrupt check (a job too short to reach one just completes).
pub(crate) fn settle_stopped_jobs(
    c: &Ctx<'_>,
    interrupts: &crate::interrupt::Interrupts,
    mark: JobMark,
) {
    let raw = c.as_raw().as_ptr();
    let rt = unsafe { qjs::JS_GetRuntime(raw) };
    let run_one = || {
        let mut job_ctx: *mut qjs::JSContext = std::ptr::null_mut();
        let r = unsafe { qjs::JS_ExecutePendingJob(rt, &mut job_ctx) };
        if r < 0 {
            drop(c.catch());
        }
        r != 0
    };
    if let JobMark(Some(id)) = mark {
        while MARK_REACHED.with(|m| m.get()) != id && run_one() {}
    }
    let due = interrupts.enter(Some(0), None);
    while run_one() {}
    drop(due);
    unsafe { qjs::JS_ResetUncatchableError(raw) };
}

/// A realm with the builtins a Node vm context has: the ECMAScript ones, without the host
/// additions QuickJS puts in its full contexts (`performance`, `atob`/`btoa`), which V8's
/// contexts in Node do not have either. Fewer objects also make contexts cheaper.
unsafe fn new_realm(rt: *mut qjs::JSRuntime) -> Option<NonNull<qjs::JSContext>> {
    let raw = NonNull::new(qjs::JS_NewContextRaw(rt))?;
    let c = raw.as_ptr();
    let failed = qjs::JS_AddIntrinsicBaseObjects(c) != 0
        || qjs::JS_AddIntrinsicDate(c) != 0
        || qjs::JS_AddIntrinsicEval(c) != 0
        || qjs::JS_AddIntrinsicRegExp(c) != 0
        || qjs::JS_AddIntrinsicJSON(c) != 0
        || qjs::JS_AddIntrinsicProxy(c) != 0
        || qjs::JS_AddIntrinsicMapSet(c) != 0
        || qjs::JS_AddIntrinsicTypedArrays(c) != 0
        || qjs::JS_AddIntrinsicPromise(c) != 0
        || qjs::JS_AddIntrinsicWeakRef(c) != 0;
    if failed {
        qjs::JS_FreeContext(c);
        return None;
    }
    // QuickJS's base objects include the host function `queueMicrotask`, which V8 contexts do
    // not have (Node adds it to its main context only). Deleted before anything reads it, so
    // it is never instantiated.
    let global = qjs::JS_GetGlobalObject(c);
    let atom = qjs::JS_NewAtom(c, c"queueMicrotask".as_ptr());
    qjs::JS_DeleteProperty(c, global, atom, 0);
    qjs::JS_FreeAtom(c, atom);
    qjs::JS_FreeValue(c, global);
    Some(raw)
}

/// Wraps the runtime's own main context in a record.
impl Context {
    pub(crate) fn adopt_main(ctx: &Ctx<'_>, main: rquickjs::Context) -> Result<Context> {
        let state = RuntimeState::of(ctx);
        let global = ctx.globals();
        let anchor: Value = global.get("Object")?;
        let error_ctor: Object = global.get("Error")?;
        crate::stack::install(ctx, &error_ctor, true)?;
        let record = ContextRecord {
            raw: ctx.as_raw(),
            anchor,
            global,
            sandbox: None,
            id: state.next_id(),
            options: ContextOptions::default(),
            interrupts: state.interrupts.clone(),
            live: None,
            after_evaluate: None,
            state: RefCell::new(ContextState::default()),
        };
        let class = Class::instance(ctx.clone(), record)?;
        // The registry maps itself to the main context's record.
        let registry = state.registry(ctx);
        let set: rquickjs::Function = registry.get("set")?;
        set.call::<_, ()>((
            rquickjs::function::This(registry.clone()),
            registry,
            class.clone(),
        ))?;
        Ok(Context {
            record: Persistent::save(ctx, class),
            main,
        })
    }
}

/// A context owned by Rust code.
///
/// ```
/// use std::collections::HashMap;
/// let rt = jsvm::Runtime::new().unwrap();
/// let sandbox: HashMap<&str, i32> = [("count", 2)].into_iter().collect();
/// let ctx = rt.new_context(&sandbox, Default::default()).unwrap();
/// let script = rt.compile("count += 1; name = 'kitty'", Default::default()).unwrap();
/// for _ in 0..10 {
///     ctx.run::<()>(&script, &Default::default()).unwrap();
/// }
/// assert_eq!(ctx.get::<i32>("count").unwrap(), 12);
/// assert_eq!(ctx.get::<String>("name").unwrap(), "kitty");
/// ```
#[derive(Clone)]
pub struct Context {
    // Field order matters: the record must be released while `main` keeps the runtime alive.
    record: Persistent<Class<'static, ContextRecord<'static>>>,
    main: rquickjs::Context,
}

impl Context {
    /// Runs `f` with the engine locked and this context's handle.
    pub fn with<R>(&self, f: impl for<'js> FnOnce(&Ctx<'js>, ContextHandle<'js>) -> R) -> R {
        self.main.with(|ctx| {
            let class = self
                .record
                .clone()
                .restore(&ctx)
                .expect("context belongs to this runtime");
            f(&ctx, ContextHandle::wrap(class))
        })
    }

    /// Compiles and runs `source`, converting the completion value to `T`.
    pub fn eval<T: DeserializeOwned>(&self, source: &str) -> Result<T> {
        let script = Script::lazy(source, Default::default());
        self.run(&script, &RunOptions::default())
    }

    /// Runs a compiled script, converting the completion value to `T`.
    ///
    /// What follows the run (describing what it threw, converting what it returned, which may
    /// call getters, `toJSON` or proxy traps) runs under the rest of the run's timeout, or the
    /// runtime's host budget for a run without one.
    pub fn run<T: DeserializeOwned>(&self, script: &Script, options: &RunOptions) -> Result<T> {
        self.with(|ctx, handle| {
            let started = std::time::Instant::now();
            let outcome = handle.run_inner(script, options);
            let state = RuntimeState::of(ctx);
            let budget = crate::interrupt::Budget::after_run(
                started,
                options.timeout_ms,
                options.cancel.clone(),
                state.host_timeout,
            );
            let result = within(ctx, &state.interrupts, &budget, |ctx| match outcome {
                Ok(v) => crate::convert::from_js(v).map_err(|e| convert_error(ctx, e)),
                Err(RunFailure::Stopped(stop)) => Err(stop_error(stop)),
                Err(RunFailure::Exception(v)) | Err(RunFailure::PassThrough(v)) => {
                    Err(describe_value(ctx, &v))
                }
            });
            if matches!(result, Err(Error::OutOfMemory)) {
                // What the failed run built is garbage now: free it before anyone else needs
                // the room.
                unsafe { qjs::JS_RunGC(qjs::JS_GetRuntime(ctx.as_raw().as_ptr())) };
            }
            result
        })
    }

    /// Runs `f` with the engine locked, under the runtime's host budget: the accessors below
    /// may meet a getter, setter or proxy trap a script left on the sandbox.
    fn with_budget<R>(
        &self,
        f: impl for<'js> FnOnce(&Ctx<'js>, ContextHandle<'js>) -> Result<R>,
    ) -> Result<R> {
        self.with(|ctx, handle| {
            let state = RuntimeState::of(ctx);
            let budget = crate::interrupt::Budget::host(state.host_timeout);
            within(ctx, &state.interrupts, &budget, |ctx| f(ctx, handle))
        })
    }

    /// Reads a global (a sandbox property) and converts it to `T`.
    pub fn get<T: DeserializeOwned>(&self, name: &str) -> Result<T> {
        self.with_budget(|ctx, handle| {
            let v: Value = handle
                .globals_object()
                .get(name)
                .map_err(|_| describe_caught(ctx))?;
            crate::convert::from_js(v).map_err(|e| convert_error(ctx, e))
        })
    }

    /// Sets a global (a sandbox property) from any serde value.
    pub fn set<T: serde::Serialize + ?Sized>(&self, name: &str, value: &T) -> Result<()> {
        self.with_budget(|ctx, handle| {
            // Made in the context's own realm: its prototypes lead nowhere else.
            let v =
                crate::convert::to_js(&handle.ctx(), value).map_err(|e| convert_error(ctx, e))?;
            handle
                .globals_object()
                .set(name, v)
                .map_err(|_| describe_caught(ctx))
        })
    }

    /// Removes a global (a sandbox property).
    pub fn remove(&self, name: &str) -> Result<()> {
        self.with_budget(|ctx, handle| {
            handle
                .globals_object()
                .remove(name)
                .map_err(|_| describe_caught(ctx))
        })
    }

    /// The names of the sandbox's own enumerable string-keyed properties, in order.
    pub fn keys(&self) -> Result<Vec<String>> {
        self.with_budget(|ctx, handle| {
            handle
                .globals_object()
                .keys::<String>()
                .collect::<rquickjs::Result<Vec<_>>>()
                .map_err(|_| describe_caught(ctx))
        })
    }

    /// Registers a Rust function as a global (a sandbox property) callable from JavaScript.
    ///
    /// Arguments and the result convert through serde; an `Err` is thrown as a JavaScript
    /// `Error` with that message.
    ///
    /// ```
    /// let rt = jsvm::Runtime::new().unwrap();
    /// let ctx = rt.new_empty_context(Default::default()).unwrap();
    /// ctx.register("add", |(a, b): (f64, f64)| Ok::<_, String>(a + b)).unwrap();
    /// assert_eq!(ctx.eval::<f64>("add(2, 3)").unwrap(), 5.0);
    /// ```
    pub fn register<A, R, E, F>(&self, name: &str, f: F) -> Result<()>
    where
        A: DeserializeOwned,
        R: serde::Serialize,
        E: std::fmt::Display,
        F: Fn(A) -> std::result::Result<R, E> + 'static,
    {
        self.with(|ctx, handle| {
            let func = host_function(&handle.ctx(), f)
                .and_then(|func| func.with_name(name))
                .map_err(|_| describe_caught(ctx))?;
            // rquickjs gives its functions the first realm's Function.prototype; give this one
            // the context's own, so `fn.constructor` leads nowhere else.
            let realm_function_proto = handle
                .rec()
                .anchor
                .as_object()
                .and_then(|o| o.get_prototype());
            if let Some(proto) = realm_function_proto {
                func.set_prototype(Some(&proto))
                    .map_err(|_| describe_caught(ctx))?;
            }
            handle
                .globals_object()
                .set(name, func)
                .map_err(|_| describe_caught(ctx))
        })
    }

    /// Whether this is the runtime's main context.
    pub fn is_main(&self) -> bool {
        self.with(|_, h| h.sandbox().is_none())
    }
}

/// A JavaScript function calling a Rust closure, arguments and result converted through serde.
fn host_function<'js, A, R, E, F>(ctx: &Ctx<'js>, f: F) -> rquickjs::Result<rquickjs::Function<'js>>
where
    A: DeserializeOwned,
    R: serde::Serialize,
    E: std::fmt::Display,
    F: Fn(A) -> std::result::Result<R, E> + 'static,
{
    rquickjs::Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>,
              args: rquickjs::function::Rest<Value<'js>>|
              -> rquickjs::Result<Value<'js>> {
            let array = rquickjs::Array::new(ctx.clone())?;
            for (i, a) in args.0.into_iter().enumerate() {
                array.set(i, a)?;
            }
            let args: A = crate::convert::from_js(array.into_value())
                .map_err(|e| throw_error(&ctx, &Error::InvalidArgument(e.to_string())))?;
            match f(args) {
                Ok(r) => crate::convert::to_js(&ctx, &r)
                    .map_err(|e| throw_error(&ctx, &Error::InvalidArgument(e.to_string()))),
                Err(e) => {
                    let err = rquickjs::Exception::from_message(ctx.clone(), &e.to_string())?;
                    Err(ctx.throw(err.into_value()))
                }
            }
        },
    )
}

fn convert_error(ctx: &Ctx<'_>, e: crate::convert::ConvertError) -> Error {
    if ctx.has_exception() {
        return describe_caught(ctx);
    }
    Error::InvalidArgument(e.to_string())
}

/// Runs `f` (library work that may call JavaScript: describing, converting, running jobs)
/// inside a frame for `budget`. If the frame fires, whatever `f` made of the interruption is
/// replaced by the stop itself, and the engine is left ready for the next run.
pub(crate) fn within<'js, R>(
    ctx: &Ctx<'js>,
    interrupts: &crate::interrupt::Interrupts,
    budget: &crate::interrupt::Budget,
    f: impl FnOnce(&Ctx<'js>) -> Result<R>,
) -> Result<R> {
    let frame = interrupts.enter_until(budget.deadline, budget.timeout_ms, budget.token.clone());
    let result = f(ctx);
    match frame.take_stop() {
        Some(stop) => {
            if ctx.has_exception() {
                drop(ctx.catch());
            }
            unsafe { qjs::JS_ResetUncatchableError(ctx.as_raw().as_ptr()) };
            crate::stack::disarm_interruptions(ctx);
            Err(stop_error(stop))
        }
        None => result,
    }
}

pub(crate) fn stop_error(stop: Stop) -> Error {
    match stop {
        Stop::Timeout(ms) => Error::Timeout { ms },
        Stop::Cancelled => Error::Interrupted,
    }
}

/// Takes the pending exception of the runtime and describes it.
pub(crate) fn describe_caught(ctx: &Ctx<'_>) -> Error {
    let v = ctx.catch();
    describe_value(ctx, &v)
}

/// Describes a thrown JavaScript value as a Rust error.
///
/// Reading `name`, `message`, `stack` and `code` may run the value's getters or proxy traps:
/// that happens under the runtime's host budget (inside whatever frames are active, such as
/// the rest of a run's time), whoever asks for the description.
pub(crate) fn describe_value<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> Error {
    let state = RuntimeState::of(ctx);
    // The engine throws `null` when even its "out of memory" error could not be made.
    if v.is_null() && state.heap.exhausted() {
        return Error::OutOfMemory;
    }
    // A limit fired and its owner has not taken it yet (an outer run's, or one of
    // `Runtime::with_limits`): whatever reached Rust (the engine's uncatchable interruption,
    // or the out-of-memory error of an allocation refused to the overdue code) is its doing.
    if let Some(stop) = state.interrupts.fired() {
        return stop_error(stop);
    }
    if !v.is_object() {
        return describe_unbounded(ctx, v);
    }
    let budget = crate::interrupt::Budget::host(state.host_timeout);
    match within(ctx, &state.interrupts, &budget, |ctx| {
        Ok(describe_unbounded(ctx, v))
    }) {
        Ok(e) | Err(e) => e,
    }
}

/// [`describe_value`]'s reading of the value, which the caller bounds.
fn describe_unbounded<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> Error {
    let Some(obj) = v.as_object() else {
        let message = value_to_string(ctx, v);
        return Error::Thrown(Thrown {
            name: String::new(),
            message,
            stack: None,
            code: None,
        });
    };
    let text = |key: &str| -> Option<String> {
        let v: Value = obj.get(key).ok()?;
        v.as_string().and_then(|s| s.to_string().ok())
    };
    let name = text("name").unwrap_or_default();
    let message = text("message").unwrap_or_default();
    if name == "InternalError" && message == "out of memory" {
        return Error::OutOfMemory;
    }
    if name == "RangeError" && message == "Maximum call stack size exceeded" {
        return Error::StackOverflow;
    }
    if name == "SyntaxError" {
        if let Some(s) = syntax_details(obj, &message) {
            return Error::Syntax(s);
        }
    }
    Error::Thrown(Thrown {
        name,
        message,
        stack: text("stack"),
        code: text("code"),
    })
}

/// Line and column of a syntax error, from the `    at file:line:col` QuickJS puts in its stack.
fn syntax_details(obj: &Object<'_>, message: &str) -> Option<SyntaxError> {
    let stack: String = obj.get("stack").ok()?;
    let first = stack.lines().find(|l| l.trim_start().starts_with("at "))?;
    let loc = first.trim_start().trim_start_matches("at ").trim();
    let loc = loc.trim_start_matches('(').trim_end_matches(')');
    let mut parts = loc.rsplitn(3, ':');
    let column: u32 = parts.next()?.parse().ok()?;
    let line: u32 = parts.next()?.parse().ok()?;
    let filename = parts.next()?.to_string();
    let source_line = obj.get::<_, String>("__jsvmSourceLine").unwrap_or_default();
    Some(SyntaxError {
        message: message.to_string(),
        filename,
        line,
        column,
        source_line,
    })
}

fn value_to_string<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> String {
    let r: rquickjs::Result<rquickjs::String> =
        rquickjs::Coerced::<rquickjs::String>::from_js(ctx, v.clone()).map(|c| c.0);
    match r {
        Ok(s) => s.to_string().unwrap_or_default(),
        Err(_) => {
            // toString threw: describe it without running more user code.
            let _ = ctx.catch();
            format!("[{}]", v.type_name())
        }
    }
}

/// Throws a library error into JavaScript as Node would (an Error with `code` for timeouts,
/// interruptions and bad arguments).
pub fn throw_error<'js>(ctx: &Ctx<'js>, e: &Error) -> rquickjs::Error {
    if let Error::Syntax(s) = e {
        return match crate::display::syntax_error_value(ctx, s) {
            Ok(v) => ctx.throw(v),
            Err(err) => err,
        };
    }
    // Made from the realm's own constructors, running none of its code (made_error.rs): the
    // timeout error is thrown when the run's time is over.
    let kind = match e {
        Error::StackOverflow => crate::made_error::Kind::RangeError,
        Error::InvalidArgument(_) => crate::made_error::Kind::TypeError,
        Error::OutOfMemory => crate::made_error::Kind::InternalError,
        _ => crate::made_error::Kind::Error,
    };
    let code = e.code().filter(|_| !matches!(e, Error::Thrown(_)));
    match crate::made_error::make(ctx, kind, &e.message(), code, None) {
        Ok(v) => ctx.throw(v),
        Err(err) => err,
    }
}

impl<'js> IntoJs<'js> for ContextHandle<'js> {
    fn into_js(self, _ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
        Ok(self.class.into_value())
    }
}
