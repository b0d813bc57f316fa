//! A runtime's async context slot: the current value, the records promises keep of it, the
//! promise hook that makes them, and what the job runner does around a promise job (see
//! `async_context.rs` for the mechanism). Uses no runtime state: the state keeps one.

use std::cell::Cell;
use std::ffi::{c_int, c_uint, c_void};
use std::rc::Rc;
use std::sync::OnceLock;

use rquickjs::{qjs, Ctx, Function, Object, Value};

use crate::job_queue::{JobEntry, JobQueue};

/// What the probe found about the engine's promise jobs, the same for every runtime of the
/// process.
#[derive(Clone, Copy)]
struct Layout {
    /// The engine's `promise_reaction_job` (arguments: resolve, reject, handler, is_reject,
    /// value; resolve and reject are undefined for an `await`).
    reaction_job: usize,
    /// The engine's `promise_resolve_thenable_job` (arguments: promise, thenable, then).
    thenable_job: usize,
    /// The class of a promise's resolve function; its reject function's is the next one. Both
    /// keep `JSPromiseFunctionData *` (whose first field is the promise) as their opaque.
    resolve_class: qjs::JSClassID,
    /// The class of an async function's resume-on-fulfil function; the resume-on-reject one's
    /// is the next. Both keep the function's `JSAsyncFunctionData *`, whose resolving
    /// functions follow its 16-byte GC header.
    async_resolve_class: qjs::JSClassID,
}

/// `offsetof(JSAsyncFunctionData, resolving_funcs)` in the pinned engine on 64-bit targets
/// (checked by the probe).
const ASYNC_RESOLVING_FUNCS: usize = 16;

static LAYOUT: OnceLock<Option<Layout>> = OnceLock::new();

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
    /// Makes a runtime's async context (its records in a WeakMap of `ctx`'s realm), with the
    /// promise hook installed when the engine's layout checks out (`queue`: the runtime's
    /// checked job list, if any).
    pub(crate) fn new<'js>(
        ctx: &Ctx<'js>,
        queue: Option<JobQueue>,
    ) -> rquickjs::Result<Rc<AsyncContext>> {
        let weak_map: rquickjs::Constructor = ctx.globals().get("WeakMap")?;
        let records: Object = weak_map.construct(())?;
        let get: Function = records.get("get")?;
        let set: Function = records.get("set")?;
        let delete: Function = records.get("delete")?;
        let layout = queue.and_then(|queue| *LAYOUT.get_or_init(|| probe(ctx, &queue)));
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

    /// Makes `value` current.
    pub(crate) fn set_current(&self, value: Value<'_>) {
        let old = self.current.replace(owned(value));
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
        let layout = (*LAYOUT.get()?)?;
        let raw = ctx.as_raw().as_ptr();
        unsafe {
            // SAFETY: the job is queued and holds its arguments (the promise is borrowed from them).
            let (promise, resumes) = job_promise(&layout, job)?;
            let value = a.call(raw, a.get, &mut [promise]);
            let outer = a.current.replace(value);
            Some(Entered {
                outer,
                resumed: resumes.then(|| qjs::JS_DupValue(raw, promise)),
            })
        }
    }

    /// After the job `enter` entered: records what an async function's body left current,
    /// and puts the outer value back.
    pub(crate) fn leave(&self, ctx: &Ctx<'_>, entered: Entered) {
        let a = self;
        let raw = ctx.as_raw().as_ptr();
        unsafe {
            let left = a.current.replace(entered.outer);
            if let Some(promise) = entered.resumed {
                a.record(raw, promise, left);
                qjs::JS_FreeValue(raw, promise);
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
/// the promise of its async function (owned), which records the value the body leaves current.
pub(crate) struct Entered {
    outer: qjs::JSValue,
    resumed: Option<qjs::JSValue>,
}

/// The promise `job` is for (borrowed from the job's arguments), and whether the job resumes
/// an async function after an `await`.
unsafe fn job_promise(layout: &Layout, job: &JobEntry) -> Option<(qjs::JSValue, bool)> {
    let func = job.func()?;
    let args = job.args();
    if func == layout.reaction_job && args.len() == 5 {
        if let Some(p) = resolving_promise(layout, args[0]) {
            return Some((p, false));
        }
        let (data, class) = opaque(args[2])?;
        if class != layout.async_resolve_class && class != layout.async_resolve_class + 1 {
            return None;
        }
        let funcs = (data as *const u8).add(ASYNC_RESOLVING_FUNCS) as *const qjs::JSValue;
        return resolving_promise(layout, std::ptr::read(funcs)).map(|p| (p, true));
    }
    if func == layout.thenable_job && args.len() == 3 && qjs::JS_IsObject(args[0]) {
        return Some((args[0], false));
    }
    None
}

/// `f`'s object data and class, for an object.
unsafe fn opaque(f: qjs::JSValue) -> Option<(*mut c_void, qjs::JSClassID)> {
    if !qjs::JS_IsObject(f) {
        return None;
    }
    let mut class = 0;
    let data = qjs::JS_GetAnyOpaque(f, &mut class);
    (!data.is_null()).then_some((data, class))
}

/// The promise a resolve or reject function settles (borrowed), or `None` for another value.
unsafe fn resolving_promise(layout: &Layout, f: qjs::JSValue) -> Option<qjs::JSValue> {
    let (data, class) = opaque(f)?;
    if class != layout.resolve_class && class != layout.resolve_class + 1 {
        return None;
    }
    let promise = std::ptr::read(data as *const qjs::JSValue);
    qjs::JS_IsObject(promise).then_some(promise)
}

/// Nul-terminated, as the engine's parser wants.
const PROBE: &std::ffi::CStr = c"\
const handler = function () {};\n\
const thenable = { then() {} };\n\
[(async () => { await null; })(), Promise.resolve().then(handler), handler,\n\
 Promise.resolve(thenable), thenable]";

/// Checks, in a scratch context of the runtime of `ctx`, that the engine's promise jobs are laid
/// out as [`job_promise`] reads them: an async function that awaits, a `then` and a thenable
/// resolved each queue one job, and each job must lead back to the promise it is for.
fn probe(ctx: &Ctx<'_>, queue: &JobQueue) -> Option<Layout> {
    if cfg!(not(target_pointer_width = "64")) || std::mem::size_of::<qjs::JSValue>() != 16 {
        return None;
    }
    unsafe {
        let rt = qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
        let scratch = qjs::JS_NewContext(rt);
        if scratch.is_null() {
            return None;
        }
        let name = c"<async context probe>";
        let made = qjs::JS_Eval(
            scratch,
            PROBE.as_ptr(),
            PROBE.count_bytes() as _,
            name.as_ptr(),
            qjs::JS_EVAL_TYPE_GLOBAL as c_int,
        );
        let layout = if qjs::JS_IsException(made) {
            qjs::JS_FreeValue(scratch, qjs::JS_GetException(scratch));
            None
        } else {
            check(scratch, queue, made)
        };
        qjs::JS_FreeValue(scratch, made);
        queue.discard(rt, |c| c == scratch);
        qjs::JS_FreeContext(scratch);
        layout
    }
}

unsafe fn check(
    scratch: *mut qjs::JSContext,
    queue: &JobQueue,
    made: qjs::JSValue,
) -> Option<Layout> {
    let item = |i: u32| {
        let v = qjs::JS_GetPropertyUint32(scratch, made, i);
        // Borrowed: `made` keeps every item alive.
        qjs::JS_FreeValue(scratch, v);
        v
    };
    let same = |a: qjs::JSValue, b: qjs::JSValue| {
        qjs::JS_IsObject(a)
            && qjs::JS_IsObject(b)
            && qjs::JS_VALUE_GET_PTR(a) == qjs::JS_VALUE_GET_PTR(b)
    };
    let (awaiting, derived, handler, resolved, thenable) =
        (item(0), item(1), item(2), item(3), item(4));
    let jobs = queue.entries(|c| c == scratch);
    let [awaited, reaction, thenable_job] = jobs.as_slice() else {
        return None;
    };
    let (awaited, reaction, thenable_job) = (&**awaited, &**reaction, &**thenable_job);
    let reaction_job = reaction.func()?;
    let args = reaction.args();
    if args.len() != 5 || !same(args[2], handler) {
        return None;
    }
    let (_, resolve_class) = opaque(args[0])?;
    let mut layout = Layout {
        reaction_job,
        thenable_job: thenable_job.func()?,
        resolve_class,
        async_resolve_class: 0,
    };
    if !same(resolving_promise(&layout, args[0])?, derived) || layout.thenable_job == reaction_job {
        return None;
    }
    let args = awaited.args();
    if awaited.func()? != reaction_job || args.len() != 5 || !qjs::JS_IsUndefined(args[0]) {
        return None;
    }
    let (_, async_class) = opaque(args[2])?;
    if async_class == resolve_class || async_class == resolve_class + 1 {
        return None;
    }
    layout.async_resolve_class = async_class;
    let (found, resumes) = job_promise(&layout, awaited)?;
    if !resumes || !same(found, awaiting) {
        return None;
    }
    let (found, resumes) = job_promise(&layout, thenable_job)?;
    let args = thenable_job.args();
    if resumes || !same(found, resolved) || !same(args[1], thenable) {
        return None;
    }
    Some(layout)
}
