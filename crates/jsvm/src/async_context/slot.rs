//! A runtime's async context slot: the current value, the records promises keep of it, the
//! promise hook that makes them, and what the job runner does around a promise job (see
//! `async_context.rs` for the mechanism). Uses no runtime state: the state keeps one.

use std::cell::Cell;
use std::ffi::{c_int, c_uint, c_void};
use std::rc::Rc;

use rquickjs::{qjs, Ctx, Function, Object, Value};

use crate::job_queue::{JobEntry, JobQueue};
use crate::promise_jobs::Resumes;

/// A runtime's async context: the current value and what each promise recorded. Raw engine
/// values, owned: the promise hook and the job runner read them on every promise and job, and
/// a `Persistent`'s clone-and-restore was a third of that cost.
pub(crate) struct AsyncContext {
    rt: *mut qjs::JSRuntime,
    current: Cell<qjs::JSValue>,
    /// WeakMap promise -> value, with its methods as they were when it was made (code of the
    /// realm it was made in may replace the prototype's).
    records: qjs::JSValue,
    get: qjs::JSValue,
    set: qjs::JSValue,
    delete: qjs::JSValue,
    /// Whether the value follows promise reactions (the engine's layout checked out).
    follows_promises: bool,
}

impl Drop for AsyncContext {
    fn drop(&mut self) {
        // Taken before the engine is freed (`Runtime`'s drop), with the hook removed first.
        unsafe {
            if self.follows_promises {
                qjs::JS_SetPromiseHook(self.rt, None, std::ptr::null_mut());
            }
            for v in [
                self.current.get(),
                self.records,
                self.get,
                self.set,
                self.delete,
            ] {
                qjs::JS_FreeValueRT(self.rt, v);
            }
        }
    }
}

impl AsyncContext {
    /// Makes a runtime's async context (its records in the WeakMap `records`, used through
    /// `get`, `set` and `delete`), with the promise hook installed when the engine's layout checks out (`queue`: the runtime's
    /// checked job list, if any).
    pub(crate) fn new<'js>(
        ctx: &Ctx<'js>,
        queue: Option<JobQueue>,
        records: Object<'js>,
        [get, set, delete]: [Function<'js>; 3],
    ) -> rquickjs::Result<Rc<AsyncContext>> {
        let layout = queue.and_then(|_| crate::promise_jobs::layout());
        let made = Rc::new(AsyncContext {
            rt: unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) },
            current: Cell::new(qjs::JS_UNDEFINED),
            records: owned(records.into_value()),
            get: owned(get.into_value()),
            set: owned(set.into_value()),
            delete: owned(delete.into_value()),
            follows_promises: layout.is_some(),
        });
        if made.follows_promises {
            // SAFETY: the hook is removed (`Drop`) before the context it points at is freed.
            unsafe {
                qjs::JS_SetPromiseHook(made.rt, Some(on_promise), Rc::as_ptr(&made) as *mut c_void)
            };
        }
        Ok(made)
    }

    /// Whether the value follows promise reactions (the engine's layout checked out).
    pub(crate) fn follows_promises(&self) -> bool {
        self.follows_promises
    }

    /// The current value.
    pub(crate) fn current<'js>(&self, ctx: &Ctx<'js>) -> Value<'js> {
        unsafe {
            Value::from_raw(
                ctx.clone(),
                qjs::JS_DupValue(ctx.as_raw().as_ptr(), self.current.get()),
            )
        }
    }

    /// Makes `value` current, and (`record`) records it for the coroutines running (the async
    /// functions and generators on the stack): it is what each resumes with after its next
    /// `await`, unless another value is made current before.
    pub(crate) fn set_current(&self, ctx: &Ctx<'_>, value: Value<'_>, record: bool) {
        let value = owned(value);
        if self.follows_promises && record {
            let raw = ctx.as_raw().as_ptr();
            // The promises are kept by the coroutines' data, which their frames keep.
            for promise in crate::frames::awaiting::running_coroutines(ctx) {
                unsafe { self.record(raw, promise, value) };
            }
        }
        let old = self.current.replace(value);
        unsafe { qjs::JS_FreeValueRT(self.rt, old) };
    }

    /// Calls the WeakMap's `method` with `args` (borrowed); an exception (out of memory) is
    /// dropped, and undefined returned: a promise left without a record runs its reactions
    /// under undefined. The methods are native and check no interrupt.
    unsafe fn call(
        &self,
        ctx: *mut qjs::JSContext,
        method: qjs::JSValue,
        args: &mut [qjs::JSValue],
    ) -> qjs::JSValue {
        let r = qjs::JS_Call(
            ctx,
            method,
            self.records,
            args.len() as c_int,
            args.as_mut_ptr(),
        );
        if qjs::JS_IsException(r) {
            qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
            return qjs::JS_UNDEFINED;
        }
        r
    }

    /// Records `value` for `promise` (forgets the record for undefined); both borrowed.
    unsafe fn record(&self, ctx: *mut qjs::JSContext, promise: qjs::JSValue, value: qjs::JSValue) {
        let r = if qjs::JS_IsUndefined(value) {
            self.call(ctx, self.delete, &mut [promise])
        } else {
            self.call(ctx, self.set, &mut [promise, value])
        };
        qjs::JS_FreeValue(ctx, r);
    }
    /// Before `job` runs: makes the value recorded for the promise it is for current. `None`
    /// when the job is none of the promise jobs this knows.
    pub(crate) fn enter(&self, ctx: &Ctx<'_>, job: &JobEntry) -> Option<Entered> {
        let a = self;
        if !a.follows_promises {
            return None;
        }
        let raw = ctx.as_raw().as_ptr();
        unsafe {
            // SAFETY: the job is queued and holds its arguments (the promise is borrowed from them).
            let (promise, resumes) = crate::promise_jobs::job_promise(job)?;
            let value = a.call(raw, a.get, &mut [promise]);
            let outer = a.current.replace(value);
            let resumed = match resumes {
                Resumes::Nothing => None,
                Resumes::Function => Some(Resumed::Promise(qjs::JS_DupValue(raw, promise))),
                Resumes::Generator(g) => Some(Resumed::Generator(qjs::JS_DupValue(raw, g))),
            };
            Some(Entered { outer, resumed })
        }
    }

    /// After the job `enter` entered: records what an async function's body left current,
    /// and puts the outer value back.
    pub(crate) fn leave(&self, ctx: &Ctx<'_>, entered: Entered) {
        let a = self;
        let raw = ctx.as_raw().as_ptr();
        unsafe {
            let left = a.current.replace(entered.outer);
            match entered.resumed {
                Some(Resumed::Promise(promise)) => {
                    a.record(raw, promise, left);
                    qjs::JS_FreeValue(raw, promise);
                }
                // The request it serves now: after a `yield`, the body may have gone on with
                // the next one queued.
                Some(Resumed::Generator(generator)) => {
                    if let Some(promise) = crate::frames::awaiting::generator_request(generator) {
                        a.record(raw, promise, left);
                    }
                    qjs::JS_FreeValue(raw, generator);
                }
                None => {}
            }
            qjs::JS_FreeValue(raw, left);
        }
    }
}

/// `v`'s engine value, with the reference `v` held.
fn owned(v: Value<'_>) -> qjs::JSValue {
    let raw = v.as_raw();
    std::mem::forget(v);
    raw
}

/// The promise hook: a new promise records the current value (when there is one).
unsafe extern "C" fn on_promise(
    ctx: *mut qjs::JSContext,
    kind: c_uint,
    promise: qjs::JSValue,
    _parent: qjs::JSValue,
    opaque: *mut c_void,
) {
    if kind != qjs::JSPromiseHookType_JS_PROMISE_HOOK_INIT {
        return;
    }
    // SAFETY: the hook is removed before the runtime's `AsyncContext` is dropped.
    let a = &*(opaque as *const AsyncContext);
    let current = a.current.get();
    // A new promise has no record to forget.
    if !qjs::JS_IsUndefined(current) {
        a.record(ctx, promise, current);
    }
}

/// What a job entered: the value to put back after it (owned), and for an `await`'s resumption
/// what records the value the body leaves current.
pub(crate) struct Entered {
    outer: qjs::JSValue,
    resumed: Option<Resumed>,
}

/// What an `await`'s resumption resumed (owned): an async function, by its promise; an async
/// generator, whose request is looked up when the job ends.
enum Resumed {
    Promise(qjs::JSValue),
    Generator(qjs::JSValue),
}
