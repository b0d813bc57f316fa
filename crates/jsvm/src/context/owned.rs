//! [`Context`]: a context owned by Rust code (`'static`; each call locks the runtime), and the
//! runtime's main context wrapped in a record.

use std::cell::RefCell;

use rquickjs::{qjs, Class, Ctx, Object, Persistent, Value};
use serde::de::DeserializeOwned;

use super::{ContextHandle, ContextOptions, ContextRecord, ContextState, RunFailure};
use crate::error::{Error, Result};
use crate::exception::{describe_caught, describe_value, stop_error, throw_error, within};
use crate::runtime::state::RuntimeState;
use crate::script::{RunOptions, Script};
use crate::shared_memory::SharedMemory;

impl<'js> ContextHandle<'js> {
    /// Makes the owned handle for this context.
    pub(crate) fn to_owned_context(&self, ctx: &Ctx<'js>, main: rquickjs::Context) -> Context {
        let rec = self.rec();
        let abandon = rec.after_evaluate.clone().zip(rec.abandoned.clone()).map(
            |(after_evaluate, abandoned)| {
                std::rc::Rc::new(Abandon {
                    realm: rec.raw.as_ptr() as usize,
                    after_evaluate,
                    abandoned,
                })
            },
        );
        Context {
            record: Persistent::save(ctx, self.class.clone()),
            main,
            _abandon: abandon,
        }
    }
}

/// Wraps the runtime's own main context in a record.
impl Context {
    pub(crate) fn adopt_main(ctx: &Ctx<'_>, main: rquickjs::Context) -> Result<Context> {
        let state = RuntimeState::of(ctx);
        let global = ctx.globals();
        let anchor: Value = global.get("Object")?;
        let error_ctor: Object = global.get("Error")?;
        let prepare = crate::stack::install(ctx, &global, false, &error_ctor, true)?;
        let main_ptr = std::ptr::NonNull::new(ctx.as_raw().as_ptr()).ok_or(Error::OutOfMemory)?;
        *state.main_realm.borrow_mut() = Some(crate::runtime::state::MainRealm {
            ctx: main_ptr,
            error: Persistent::save(ctx, error_ctor.clone()),
            sites: None,
            function_to_string: crate::stack::function_to_string(ctx)
                .map(|f| Persistent::save(ctx, f)),
            prepare: Some(Persistent::save(ctx, prepare)),
        });
        let record = ContextRecord {
            raw: ctx.as_raw(),
            anchor,
            global,
            sandbox: None,
            mirror_functions: false,
            id: state.next_id(),
            options: ContextOptions::default(),
            interrupts: state.interrupts.clone(),
            live: None,
            after_evaluate: None,
            abandoned: None,
            parked: None,
            wasm_forbidden: None,
            state: RefCell::new(ContextState::default()),
        };
        let class = Class::instance(ctx.clone(), record)?;
        // The registry maps itself to the main context's record.
        state.register(ctx, &state.registry_map(ctx), class.clone().into_value())?;
        Ok(Context {
            record: Persistent::save(ctx, class),
            main,
            _abandon: None,
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
    /// Shared by the clones of an `afterEvaluate` context's handle: the last one gone marks
    /// the realm abandoned.
    _abandon: Option<std::rc::Rc<Abandon>>,
}

/// Marks an `afterEvaluate` realm abandoned when the last owned handle of its context goes.
/// Its queued jobs wait for a run of the context that can no longer come, and they hold the
/// realm (and all it reaches) until the runtime goes: they are dropped at the next point the
/// engine is between steps (`jobs::discard_abandoned`). Only sets are touched here: the drop
/// may come anywhere, inside a run or a collection.
struct Abandon {
    realm: usize,
    after_evaluate: std::rc::Rc<RefCell<std::collections::HashSet<usize>>>,
    abandoned: std::rc::Rc<RefCell<std::collections::HashSet<usize>>>,
}

impl Drop for Abandon {
    fn drop(&mut self) {
        let (Ok(mut after_evaluate), Ok(mut abandoned)) = (
            self.after_evaluate.try_borrow_mut(),
            self.abandoned.try_borrow_mut(),
        ) else {
            return;
        };
        if after_evaluate.remove(&self.realm) {
            abandoned.insert(self.realm);
        }
    }
}

impl Context {
    /// Runs `f` with the engine locked and this context's handle: the escape hatch to the
    /// [`engine`](crate::engine) tier, for working with JavaScript values directly.
    ///
    /// ```
    /// let rt = jsvm::Runtime::new().unwrap();
    /// let ctx = rt.new_empty_context(Default::default()).unwrap();
    /// ctx.eval::<()>("var answer = 42").unwrap();
    /// let n = ctx.with_ctx(|_, handle| handle.globals_object().get::<_, i32>("answer").unwrap());
    /// assert_eq!(n, 42);
    /// ```
    pub fn with_ctx<R>(&self, f: impl for<'js> FnOnce(&Ctx<'js>, ContextHandle<'js>) -> R) -> R {
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
        self.with_ctx(|ctx, handle| {
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
                Err(RunFailure::OutOfMemory) => Err(Error::OutOfMemory),
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
        self.with_ctx(|ctx, handle| {
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
        self.set_function(name, |ctx| host_function(ctx, f))
    }

    /// Makes a function with `make` in the context's realm, names it `name`, gives it the
    /// realm's own `Function.prototype` (so `fn.constructor` leads nowhere else) and stores it
    /// as a global under the host budget: the store may run a setter of the context's code.
    pub(crate) fn set_function(
        &self,
        name: &str,
        make: impl for<'js> FnOnce(&Ctx<'js>) -> rquickjs::Result<rquickjs::Function<'js>>,
    ) -> Result<()> {
        self.with_budget(|ctx, handle| {
            let realm = handle.ctx();
            make(&realm)
                .and_then(|func| func.with_name(name))
                .and_then(|func| crate::realm::own_realm_function(&realm, func))
                .and_then(|func| handle.globals_object().set(name, func))
                .map_err(|_| describe_caught(ctx))
        })
    }

    /// Reads a global holding a `SharedArrayBuffer` as [`SharedMemory`], to hand to another
    /// runtime; `None` when it holds anything else (or this runtime does not share memory).
    pub fn get_shared_memory(&self, name: &str) -> Result<Option<SharedMemory>> {
        self.with_budget(|ctx, handle| {
            let v: Value = handle
                .globals_object()
                .get(name)
                .map_err(|_| describe_caught(ctx))?;
            Ok(SharedMemory::from_value(ctx, &v))
        })
    }

    /// Sets a global to a new `SharedArrayBuffer` over `memory`'s bytes (the same bytes, not a
    /// copy); a `TypeError` when this runtime does not share memory.
    pub fn set_shared_memory(&self, name: &str, memory: &SharedMemory) -> Result<()> {
        self.with_budget(|ctx, handle| {
            // Made in the context's own realm: its prototype leads nowhere else.
            let v = memory
                .to_value(&handle.ctx())
                .map_err(|_| describe_caught(ctx))?;
            handle
                .globals_object()
                .set(name, v)
                .map_err(|_| describe_caught(ctx))
        })
    }

    /// Whether this is the runtime's main context.
    pub fn is_main(&self) -> bool {
        self.with_ctx(|_, h| h.sandbox().is_none())
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
