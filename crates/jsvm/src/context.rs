//! Contexts: a global scope with its own builtins, optionally backed by a sandbox object.
//!
//! Two handles reach the same context:
//! - [`Context`](crate::Context): owned (`context/owned.rs`), `'static`, for Rust programs; each call locks the runtime.
//! - [`ContextHandle`]: used inside the engine lock (`Runtime::with_ctx`, host functions), working
//!   on rquickjs values directly; this is what the Node-compatible layer builds on.
//!
//! A context's record lives in a JavaScript object of the runtime (a class instance), so the
//! engine's garbage collector frees a context once nothing refers to it, as V8 does for Node.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ptr::NonNull;

use rquickjs::class::{Trace, Tracer};
use rquickjs::{qjs, Class, Ctx, IntoJs, Object, Value};

use crate::declarations::Declarations;
use crate::error::{Error, Result};
use crate::exception::{describe_caught, describe_value, stop_error, throw_error};
use crate::interrupt::Stop;
use crate::runtime::state::RuntimeState;
use crate::sandbox::{builtin_table, layout, var_forwarders};
use crate::script::{RunOptions, Script, ScriptOptions};

pub(crate) mod owned;

/// Scripts whose functions one context keeps at most (see `cache_function`).
const MAX_SCRIPTS_PER_CONTEXT: usize = 512;

/// Memory a context being made may take whatever the limit says (see
/// [`ContextHandle::create`]): a realm with lazy builtins takes about a tenth of it.
const REALM_GRANT: usize = 1 << 20;

/// Makes a context with `make` whole or not at all (see [`ContextHandle::create`]): `make`
/// refuses a context that took the heap past its limit before recording it; the garbage is
/// then collected (what a context that filled the heap left) and it is made once more.
fn whole<'js>(
    ctx: &Ctx<'js>,
    state: &RuntimeState,
    make: impl Fn() -> Result<ContextHandle<'js>>,
) -> Result<ContextHandle<'js>> {
    let mut attempt = 0;
    loop {
        let previous = state.heap.grant_up_to(REALM_GRANT);
        let made = make();
        state.heap.end_grant(previous);
        match made {
            Err(Error::OutOfMemory) if attempt == 0 => {
                attempt += 1;
                ctx.run_gc();
            }
            other => return other,
        }
    }
}

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
    /// `false` makes WebAssembly compilation from bytes (`new WebAssembly.Module`,
    /// `WebAssembly.compile`, `WebAssembly.instantiate` of bytes) throw `CompileError`.
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
/// assert_eq!(ctx.with_ctx(|_, handle| handle.options().name), Some("tenant-7".into()));
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

impl ContextOptions {
    /// The defaults: Node's name and origin, strings compile, promise jobs with the runtime's.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`ContextOptions::name`].
    ///
    /// ```
    /// let options = jsvm::ContextOptions::new()
    ///     .name("tenant-7")
    ///     .microtask_mode(jsvm::MicrotaskMode::AfterEvaluate);
    /// assert_eq!(options.name.as_deref(), Some("tenant-7"));
    /// ```
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets [`ContextOptions::origin`].
    pub fn origin(mut self, origin: impl Into<String>) -> Self {
        self.origin = Some(origin.into());
        self
    }

    /// Sets [`ContextOptions::code_generation`].
    pub fn code_generation(mut self, code_generation: CodeGeneration) -> Self {
        self.code_generation = code_generation;
        self
    }

    /// Sets [`ContextOptions::microtask_mode`].
    pub fn microtask_mode(mut self, mode: MicrotaskMode) -> Self {
        self.microtask_mode = mode;
        self
    }
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
    /// Whether top-level functions are copied between the global and the sandbox around runs:
    /// only with a plain global (see sandbox.rs); an exotic one declares them on the sandbox.
    mirror_functions: bool,
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
    /// The runtime's set of abandoned `afterEvaluate` realms, for an `afterEvaluate` context
    /// (left on drop: the address may be a new realm's next).
    abandoned: Option<std::rc::Rc<RefCell<HashSet<usize>>>>,
    /// The runtime's parked jobs, for an `afterEvaluate` context: its own are handed back to the
    /// engine's list on drop (they are the host's from then on, as those on the list are).
    parked: Option<std::rc::Rc<crate::job_queue::Parked>>,
    /// The runtime's set of realms that forbid wasm code generation, when this one is in it.
    wasm_forbidden: Option<std::rc::Rc<RefCell<HashSet<usize>>>>,
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
        for realms in [&self.after_evaluate, &self.abandoned, &self.wasm_forbidden]
            .into_iter()
            .flatten()
        {
            if let Ok(mut realms) = realms.try_borrow_mut() {
                realms.remove(&(self.raw.as_ptr() as usize));
            }
        }
        if let Some(parked) = &self.parked {
            parked.hand_back(self.raw.as_ptr() as usize);
        }
    }
}

#[derive(Default)]
struct ContextState<'js> {
    /// Top-level functions declared by scripts run here, mirrored to the sandbox.
    functions: Vec<String>,
    /// Names scripts run here declared with `var` or `function`, and whether the name has a
    /// forwarder on the global (`var` names do). A later script's `let`, `const` or `class` of
    /// one is refused, as V8 refuses it (they are bindings of the global that cannot be deleted
    /// there; here the sandbox holds them).
    declared: HashMap<String, bool>,
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

crate::engine_class::realmless_class!(ContextRecord, "ContextRecord");

/// A context, seen from inside the engine lock.
///
/// Get one from [`ContextHandle::create`], [`ContextHandle::main`],
/// [`ContextHandle::from_sandbox`] or [`Context::with_ctx`](crate::Context::with_ctx). The `Ctx` these take must belong to a
/// [`crate::Runtime`] (`Runtime::with_ctx`, or a host function called by its code); a context of
/// an unrelated rquickjs runtime is a programming error and panics.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let sandbox: jsvm::engine::rquickjs::Object = ctx.eval("({ n: 1 })").unwrap();
///     let h = jsvm::engine::ContextHandle::create(&ctx, Some(sandbox.clone()), &Default::default()).unwrap();
///     h.eval("n += 1", &Default::default()).unwrap();
///     assert_eq!(sandbox.get::<_, i32>("n").unwrap(), 2);
///     assert!(jsvm::engine::ContextHandle::from_sandbox(&ctx, &sandbox).is_some());
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
    /// A context's run (not the main realm's) met the memory limit and ended with the engine's
    /// out-of-memory error (or the `null` the engine throws when even that error had no room). The error itself is
    /// dropped: an object of the context's realm reaches that realm (its prototype's methods
    /// hold it), so handing it to the host would keep what filled the heap alive while the
    /// host handles it, and a context made for one run could not be collected.
    OutOfMemory,
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
    /// Creates a context. With a sandbox, its properties become the context's globals (Node's
    /// contextify); without one, an empty sandbox object is made in the new context's own
    /// realm, so nothing reachable from it leads to another realm.
    ///
    /// The context is made whole or not at all: its memory is granted whatever the limit
    /// says ([`REALM_GRANT`]), and a context that took the heap past its limit is dropped
    /// whole and reported as [`Error::OutOfMemory`]. (Refused midway, the engine's builtins
    /// were left half made: a program making contexts in a loop at the limit aborted in the
    /// engine's collector.)
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
        whole(ctx, &state, || {
            Self::create_whole(ctx, &state, sandbox.clone(), options)
        })
    }

    fn create_whole(
        ctx: &Ctx<'js>,
        state: &RuntimeState,
        sandbox: Option<Object<'js>>,
        options: &ContextOptions,
    ) -> Result<Self> {
        unsafe {
            let rt = qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
            // Lazy builtins need the exotic global (a test may turn it off after the runtime's start).
            let lazy = state.lazy_builtins && state.global_class.get().is_some();
            let realm = crate::realm::new_realm(
                rt,
                lazy,
                state.builtins_on_holder.get(),
                state.language_level,
            )
            .ok_or(Error::OutOfMemory)?;
            let raw = realm.ctx;
            // Ctx::from_raw takes its own reference; ours is released right after.
            let c: Ctx<'js> = Ctx::from_raw(raw);
            qjs::JS_FreeContext(raw.as_ptr());
            let global = c.globals();
            // Where the engine put the builtins: a holder, or the global itself.
            let holder = Value::from_raw(c.clone(), realm.holder);
            let builtins_on = holder.as_object().unwrap_or(&global).clone();
            if state.sharing.is_some() {
                if let Ok(atomics) = builtins_on.get::<_, Object>("Atomics") {
                    crate::shared_memory::install_atomics_on(&c, &atomics)?;
                }
            }
            let sandbox = match sandbox {
                Some(s) => s,
                None => Object::new(c.clone())?,
            };
            let anchor: Value<'js> = builtins_on.get("Object")?;
            // Taken before the builtins leave the global: later lookups go through the sandbox.
            let error_ctor: Object = builtins_on.get("Error")?;
            let object_proto = qjs::JS_GetPrototype(c.as_raw().as_ptr(), global.as_raw());
            let scope_raw = builtin_table::new_scope(
                c.as_raw().as_ptr(),
                state.scope_class,
                sandbox.as_raw(),
                object_proto,
                global.as_raw(),
                qjs::JS_DupValue(c.as_raw().as_ptr(), holder.as_raw()),
                anchor.as_raw(),
                &state.builtin_names,
                state.global_class.get().is_some(),
                lazy,
                state.language_level,
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
                layout::make_global_exotic(global.as_raw(), class);
            }
            crate::stack::install(&c, &builtins_on, holder.is_object(), &error_ctor, false)
                .map_err(|e| crate::exception::engine_failure(&c, e))?;
            let mirror_functions = state.global_class.get().is_none();
            // Made whole under the grant: past the limit, dropped whole before it is recorded.
            if state.heap.past_limit() {
                return Err(Error::OutOfMemory);
            }
            Self::record(
                ctx,
                state,
                raw,
                anchor,
                global,
                Some((sandbox.clone(), builtins)),
                mirror_functions,
                options,
                sandbox,
            )
        }
    }

    /// Records a made realm as a context of the runtime, with `key` (its sandbox, or the
    /// global of an ordinary context) as its key for [`ContextHandle::from_sandbox`].
    #[allow(clippy::too_many_arguments)]
    fn record(
        ctx: &Ctx<'js>,
        state: &RuntimeState,
        raw: NonNull<qjs::JSContext>,
        anchor: Value<'js>,
        global: Object<'js>,
        sandbox: Option<(Object<'js>, Object<'js>)>,
        mirror_functions: bool,
        options: &ContextOptions,
        key: Object<'js>,
    ) -> Result<Self> {
        let id = state.next_id();
        // Counted from here: the record's drop uncounts it, whatever happens next.
        state.live_contexts.set(state.live_contexts.get() + 1);
        let record = ContextRecord {
            raw,
            anchor,
            global,
            sandbox,
            mirror_functions,
            id,
            options: options.clone(),
            interrupts: state.interrupts.clone(),
            live: Some(state.live_contexts.clone()),
            after_evaluate: (options.microtask_mode == MicrotaskMode::AfterEvaluate).then(|| {
                let realms = state.after_evaluate_realms.clone();
                realms.borrow_mut().insert(raw.as_ptr() as usize);
                realms
            }),
            abandoned: (options.microtask_mode == MicrotaskMode::AfterEvaluate)
                .then(|| state.abandoned_realms.clone()),
            parked: (options.microtask_mode == MicrotaskMode::AfterEvaluate)
                .then(|| state.parked.clone()),
            wasm_forbidden: (!options.code_generation.wasm).then(|| {
                let realms = state.wasm_forbidden.clone();
                realms.borrow_mut().insert(raw.as_ptr() as usize);
                realms
            }),
            state: RefCell::new(ContextState::default()),
        };
        let failed = |e| crate::exception::engine_failure(ctx, e);
        let handle = ContextHandle::wrap(Class::instance(ctx.clone(), record).map_err(failed)?);
        if !options.code_generation.strings {
            handle.forbid_code_generation().map_err(failed)?;
        }
        state
            .register(ctx, &key, handle.class.clone().into_value())
            .map_err(failed)?;
        Ok(handle)
    }

    /// How many contexts (besides the main one) of the runtime `ctx` belongs to are alive,
    /// i.e. not yet freed by the garbage collector.
    pub fn live_count(ctx: &Ctx<'js>) -> usize {
        RuntimeState::of(ctx).live_contexts.get()
    }

    /// Creates a context whose global is an ordinary global object, with no sandbox behind it
    /// (Node's `vm.createContext(vm.constants.DONT_CONTEXTIFY)`): the realm's builtins are its
    /// own properties and its prototype is the realm's `Object.prototype`, so that, as in
    /// Node, replacing that prototype (`Object.setPrototypeOf(global, p)`, which jsdom does)
    /// keeps every builtin. The global is a key for [`ContextHandle::from_sandbox`]; get it
    /// with [`ContextHandle::global`].
    pub fn create_ordinary(ctx: &Ctx<'js>, options: &ContextOptions) -> Result<Self> {
        let state = RuntimeState::of(ctx);
        state.gc_pacer.pace(ctx);
        whole(ctx, &state, || {
            Self::create_ordinary_whole(ctx, &state, options)
        })
    }

    fn create_ordinary_whole(
        ctx: &Ctx<'js>,
        state: &RuntimeState,
        options: &ContextOptions,
    ) -> Result<Self> {
        unsafe {
            let rt = qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
            // All builtins at once: lazy groups are added through a contextified global's hooks.
            // (On the global itself: no holder, no scope takes them.)
            let raw = crate::realm::new_realm(rt, false, false, state.language_level)
                .ok_or(Error::OutOfMemory)?
                .ctx;
            let c: Ctx<'js> = Ctx::from_raw(raw);
            qjs::JS_FreeContext(raw.as_ptr());
            if state.sharing.is_some() {
                crate::shared_memory::install_atomics(&c)?;
            }
            let global = c.globals();
            // QuickJS tags its global "global"; a V8 context's global is `[object Object]`.
            let symbol: Object = global.get("Symbol")?;
            let tag: Value = symbol.get("toStringTag")?;
            global.remove(tag)?;
            let anchor: Value<'js> = global.get("Object")?;
            let error_ctor: Object = global.get("Error")?;
            crate::stack::install(&c, &global, false, &error_ctor, false)?;
            if state.heap.past_limit() {
                return Err(Error::OutOfMemory);
            }
            Self::record(
                ctx,
                state,
                raw,
                anchor,
                global.clone(),
                None,
                false,
                options,
                global,
            )
        }
    }

    /// Makes the context's global object itself a key for [`ContextHandle::from_sandbox`]
    /// and returns it: Node's `vm.constants.DONT_CONTEXTIFY`, where the caller holds the
    /// global rather than a sandbox.
    pub fn expose_global(&self) -> Result<Object<'js>> {
        let c = self.ctx();
        let state = RuntimeState::of(&c);
        let global = self.global();
        state
            .register(&c, &global, self.class.clone().into_value())
            .map_err(|e| crate::exception::engine_failure(&c, e))?;
        Ok(global)
    }

    /// The main context of the runtime `ctx` belongs to.
    pub fn main(ctx: &Ctx<'js>) -> Result<Self> {
        let state = RuntimeState::of(ctx);
        let found = state
            .registered(ctx, &state.registry_map(ctx))
            .map_err(|e| crate::exception::engine_failure(ctx, e))?;
        Class::<ContextRecord>::from_value(&found)
            .map(ContextHandle::wrap)
            .map_err(|_| Error::InvalidArgument("runtime has no main context".into()))
    }

    /// The context a sandbox object was contextified into, if any (Node's `vm.isContext`).
    pub fn from_sandbox(ctx: &Ctx<'js>, sandbox: &Object<'js>) -> Option<Self> {
        let state = RuntimeState::of(ctx);
        let found = state.registered(ctx, sandbox).ok()?;
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
                let _ = crate::exception::within(&ctx, &state.interrupts, &budget, |ctx| {
                    crate::display::decorate(
                        ctx,
                        &v,
                        script.filename(),
                        script.line_offset(),
                        script.column_offset(),
                        script.source(),
                    );
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
            Err(RunFailure::OutOfMemory) => Err(Error::OutOfMemory),
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
            // Made in the main realm (see the variant), now that the run's garbage may be gone.
            RunFailure::OutOfMemory => {
                let made_in = Self::main(&ctx).map(|m| m.ctx()).unwrap_or(ctx);
                throw_error(&made_in, &Error::OutOfMemory)
            }
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
        let state = RuntimeState::of(&c);
        crate::jobs::discard_abandoned(&state, unsafe { qjs::JS_GetRuntime(rec.raw.as_ptr()) });
        let heap = &state.heap;
        if heap.wants_collection() {
            // A tenant filled the heap and what it left may be garbage by now (a dropped
            // context): collected here, at a point where the engine is between steps, before
            // this run is refused memory that is garbage.
            unsafe { qjs::JS_RunGC(qjs::JS_GetRuntime(rec.raw.as_ptr())) };
            heap.collected();
        }
        let func = Self::function_for(rec, &c, script)?;
        // Only a sandbox needs the script's declarations (parsed on first need).
        let sandboxed = rec.sandbox.is_some();
        let inner = c.clone();
        let outer = c.clone();
        // The syncs with the sandbox run its hooks (a proxy's traps, accessors): inside the
        // run's frame, under its limits, as V8's interceptors run them during the script.
        let outcome = Self::guarded(rec, c, options, |raw_ctx| unsafe {
            if sandboxed && Self::before_run(rec, &inner, script.declarations()).is_err() {
                qjs::JS_FreeValue(raw_ctx, func);
                return qjs::JS_EXCEPTION;
            }
            let mut result = qjs::JS_EvalFunction(raw_ctx, func);
            if qjs::JS_IsUninitialized(result) {
                // The engine's marker of a binding not yet initialized, as a completion value:
                // a function with more than 65535 block scopes (QuickJS numbers them in 16
                // bits: `{;}` repeated 65540 times) re-enters the wrong scope and resets the
                // completion. The marker is no value; a host handed it breaks (Node's vm.js
                // read its `result` as still in its dead zone).
                result = qjs::JS_UNDEFINED;
            }
            // Functions are instantiated even when the script throws later, so sync either
            // way; the script's own exception stays the run's (an interruption of the sync
            // still stops the run: the frame saw it fire).
            if sandboxed {
                let thrown = qjs::JS_IsException(result).then(|| qjs::JS_GetException(raw_ctx));
                if Self::after_run(rec).is_err() {
                    qjs::JS_FreeValue(raw_ctx, qjs::JS_GetException(raw_ctx));
                }
                if let Some(thrown) = thrown {
                    qjs::JS_Throw(raw_ctx, thrown);
                }
            }
            result
        });
        let mut outcome = outcome;
        if let Err(RunFailure::Exception(e)) = &mut outcome {
            if !sandboxed {
                if let Some(made) = crate::stack::function_over_restricted_global(&outer, e, script)
                {
                    *e = made;
                }
            }
            crate::stack::settle_declaration_conflict(&outer, e, script);
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
        let frame =
            rec.interrupts
                .enter_watching(options.timeout_ms, options.cancel.clone(), unsafe {
                    crate::realm::interrupt_counter(raw_ctx)
                });
        let result = body(raw_ctx);
        let heap = &RuntimeState::of(&c).heap;
        let met_limit = heap.refused_since_run() || heap.exhausted();
        heap.run_ended();
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
                } else if met_limit
                    && (exc.is_null() || crate::stack::is_out_of_memory_error(&c, &exc))
                    && Self::main(&c).is_ok_and(|m| m.rec().raw != rec.raw)
                {
                    // (The main realm's own error is left as it is: it is the host's.)
                    Err(RunFailure::OutOfMemory)
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
        if matches!(ret, Err(RunFailure::OutOfMemory)) {
            // The jobs the context queued before it filled the heap are dropped, never run (as
            // a stopped `afterEvaluate` run's): a pending reaction holds its promise chain and
            // the realm, so the context and what filled the heap stayed alive for the host's
            // queue, and the host's own allocations failed. (Never the main realm's: see above.)
            crate::jobs::discard_own(&RuntimeState::of(&c), raw_ctx);
            // So are the WeakRef targets kept until the host's checkpoint (`realm/weak_ref.rs`):
            // a context that filled the heap with them held it full for the rest of the host's
            // job. Let go early, which V8 never does, but only once a run has met the limit.
            crate::realm::weak_ref::clear(&c);
        }
        ret
    }

    /// Before a run: forwarders for the script's `var` names, sandbox slots for its functions
    /// (so V8's order: functions, then vars as they are assigned), and sandbox values of known
    /// functions copied in.
    fn before_run(
        rec: &ContextRecord<'js>,
        c: &Ctx<'js>,
        decls: &Declarations,
    ) -> rquickjs::Result<()> {
        let Some((sandbox, builtins)) = &rec.sandbox else {
            return Ok(());
        };
        let mut st = rec.state.borrow_mut();
        if !st.declared.is_empty() {
            if let Some(name) = decls.lexicals.iter().find(|l| st.declared.contains_key(*l)) {
                // Made with its stack now (the engine would add it only as the exception
                // reaches the calling code), for the arrow (stack.rs).
                let message = format!("Identifier '{name}' has already been declared");
                let error = crate::made_error::make(
                    c,
                    crate::made_error::Kind::SyntaxError,
                    &message,
                    None,
                    None,
                )?;
                return Err(c.throw(error));
            }
        }
        if decls.functions.is_empty() && decls.vars.is_empty() && st.functions.is_empty() {
            return Ok(()); // the common case of a script run again: nothing to sync
        }
        for name in decls.vars.iter().chain(&decls.functions) {
            if !st.declared.contains_key(name) {
                st.declared.insert(name.clone(), false);
            }
        }
        for f in &decls.functions {
            if !sandbox.contains_key(f.as_str())? {
                sandbox.set(f.as_str(), Value::new_undefined(c.clone()))?;
            }
            if rec.mirror_functions && !st.functions.contains(f) {
                st.functions.push(f.clone());
            }
        }
        for v in &decls.vars {
            if st.declared.get(v) != Some(&true) {
                // No slot on the sandbox: V8 declares a `var` on the global only, and the
                // sandbox gets the name when code first assigns it (`var c;` leaves none).
                let ok = unsafe {
                    let raw = c.as_raw().as_ptr();
                    let atom = qjs::JS_NewAtomLen(raw, v.as_ptr().cast(), v.len() as _);
                    let ok = var_forwarders::install_forwarder(
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
                st.declared.insert(v.clone(), true);
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
            r#"(function (global) {
                const deny = function () {
                    throw new EvalError('Code generation from strings disallowed for this context');
                };
                const lock = (proto) => {
                    const d = function () { return deny(); };
                    d.prototype = proto;
                    Object.defineProperty(proto, 'constructor', { value: d, writable: true, configurable: true });
                    return d;
                };
                const denied = { eval: deny, Function: lock(Function.prototype) };
                lock(Object.getPrototypeOf(async function () {}));
                lock(Object.getPrototypeOf(function* () {}));
                lock(Object.getPrototypeOf(async function* () {}));
                if (global) {
                    for (const name of ['eval', 'Function']) {
                        Object.defineProperty(global, name, { value: denied[name], writable: true, configurable: true });
                    }
                }
                return denied;
            })"#,
        )?;
        let Some((_, scope)) = &self.rec().sandbox else {
            return setup.call::<_, ()>((self.global(),));
        };
        // A sandboxed context's builtins are the scope's (see sandbox/builtin_table.rs).
        let denied: Object = setup.call((Value::new_undefined(c.clone()),))?;
        for name in [c"eval", c"Function"] {
            let value: Value = denied.get(name.to_str().unwrap_or_default())?;
            let raw = c.as_raw().as_ptr();
            if !unsafe { builtin_table::replace_builtin(raw, scope.as_raw(), name, value.as_raw()) }
            {
                return Err(rquickjs::Error::Unknown);
            }
        }
        Ok(())
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

/// Compiling and running a script, through a context.
impl Script {
    /// Compiles `source` in the main context's realm: syntax errors are reported now, as by
    /// Node's `new vm.Script`. The script then runs in any context. The in-lock form of
    /// [`crate::Runtime::compile`].
    pub fn compile(ctx: &Ctx<'_>, source: &str, options: ScriptOptions) -> Result<Script> {
        ContextHandle::main(ctx)?.compile(source, options)
    }

    /// Runs in `context` (inside the engine lock); failures are thrown as Node throws them.
    /// Engine tier: outside the lock, [`crate::Context::run`].
    pub fn run_in<'js>(
        &self,
        context: &ContextHandle<'js>,
        options: &RunOptions,
    ) -> rquickjs::Result<Value<'js>> {
        context.run(self, options)
    }
}

impl<'js> IntoJs<'js> for ContextHandle<'js> {
    fn into_js(self, _ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
        Ok(self.class.into_value())
    }
}
