//! Evaluation under limits, stopped evaluations, and `import.meta`.

use std::collections::HashSet;

use rquickjs::{qjs, Class, Ctx, Function, Promise, Value};

use crate::error::{Error, Result};
use crate::runtime::state::RuntimeState;
use crate::script::RunOptions;

use super::errors::mark_handled;
use super::raw_record::{module_value, raw_has_exception, raw_status, S_EVALUATED, S_UNLINKED};
use super::record::{Kind, Module};
use super::system::{ModuleSlot, ModuleSystem};

/// Evaluation options of [`Module::evaluate`] (timeout and cancellation, as for scripts).
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let main = jsvm::engine::ContextHandle::main(&ctx).unwrap();
///     let m = jsvm::engine::Module::source_text(&main, "for (;;) {}", Default::default()).unwrap();
///     m.link(&[]).unwrap();
///     m.instantiate().unwrap();
///     let options = jsvm::engine::EvaluateOptions { timeout_ms: Some(10), ..Default::default() };
///     assert!(m.evaluate(&options).is_err());
/// });
/// ```
pub type EvaluateOptions = RunOptions;

impl<'js> Module<'js> {
    /// Evaluates the module graph (linking it first if needed) and returns the evaluation
    /// promise: it settles when the module and its dependencies have run, top-level awaits
    /// included. A module that throws is [`ModuleStatus::Errored`](crate::engine::ModuleStatus::Errored), and evaluating it again
    /// gives a promise rejected with the same error. The timeout and cancel token cover the
    /// synchronous part; when one fires the module is errored (with a null error, as in Node)
    /// and the call fails with [`Error::Timeout`] / [`Error::Interrupted`].
    pub fn evaluate(&self, options: &EvaluateOptions) -> Result<Promise<'js>> {
        let s = self.shared();
        if s.def.get().is_null() || unsafe { raw_status(s.def()?) } == S_UNLINKED {
            self.instantiate()?;
        }
        let def = s.def()?;
        let ctx = self.ctx();
        self.initialize_import_meta(&ctx)?;
        let state = RuntimeState::of(&ctx);
        let raw = ctx.as_raw().as_ptr();
        let after_evaluate =
            self.context().options().microtask_mode == crate::context::MicrotaskMode::AfterEvaluate;
        // Without the engine's job list: where this evaluation's jobs start, in `afterEvaluate`
        // mode (see `settle_stopped_jobs`).
        let mark = (after_evaluate && state.job_queue.get().is_none())
            .then(|| crate::context::JobMark::set(&ctx));
        let frame =
            state
                .interrupts
                .enter_watching(options.timeout_ms, options.cancel.clone(), unsafe {
                    crate::realm::interrupt_counter(raw)
                });
        // The evaluation is a promise of the module's realm.
        if !crate::realm::ensure(&ctx, crate::realm::PROMISE) {
            return Err(crate::exception::describe_caught(&ctx));
        }
        let r = unsafe { qjs::JS_EvalFunction(raw, qjs::JS_DupValue(raw, module_value(def))) };
        let r = unsafe { Value::from_raw(ctx.clone(), r) };
        state.heap.run_ended();
        if after_evaluate && !r.is_exception() && !frame.fired_here() {
            // The context's own jobs (a top-level await's continuation among them), inside
            // the frame as for a script's run: otherwise they wait for the context's next run
            // and the evaluation never settles (Node rejects it when the timeout fires).
            while let Some(res) = crate::jobs::run_own_job(&state, raw) {
                if res < 0 {
                    let err = ctx.catch();
                    if frame.fired_here() || frame.outer_fired() {
                        drop(err);
                        break;
                    }
                }
            }
        }
        if let Some(stop) = frame.take_stop() {
            drop(frame);
            let failure = self.stopped(&ctx, &r, stop);
            // Its own jobs are dropped, never run, as a stopped script's (Node leaves them in
            // the context's queue). Run under a frame already due, the engine's whole queue
            // went: the jobs other contexts left for their next runs ran now (cut only at an
            // interrupt check past the watchdog's grace), and the host's with them.
            if after_evaluate && !crate::jobs::discard_own(&state, raw) {
                if let Some(mark) = mark {
                    crate::context::settle_stopped_jobs(&ctx, &state.interrupts, mark);
                }
            }
            return Err(failure);
        }
        if r.is_exception() {
            return Err(crate::exception::describe_caught(&ctx));
        }
        r.into_promise()
            .ok_or_else(|| Error::InvalidArgument("module evaluation gave no promise".into()))
    }
    /// An evaluation stopped by its limit: the error, with the engine's state cleaned up.
    pub(super) fn stopped(
        &self,
        ctx: &Ctx<'js>,
        r: &Value<'js>,
        stop: crate::interrupt::Stop,
    ) -> Error {
        unsafe { qjs::JS_ResetUncatchableError(ctx.as_raw().as_ptr()) };
        if r.is_exception() {
            let _ = ctx.catch();
        }
        // The promise was rejected with the interruption: mark it handled.
        if let Some(p) = r.as_promise() {
            if let Ok(noop) = Function::new(ctx.clone(), || {}) {
                mark_handled(ctx, p, noop);
            }
        }
        self.mark_stopped(ctx);
        match stop {
            crate::interrupt::Stop::Timeout(ms) => Error::Timeout { ms },
            crate::interrupt::Stop::Cancelled => Error::Interrupted,
        }
    }
    /// After an interruption, every module of the graph the interruption errored reports a
    /// null error.
    pub(super) fn mark_stopped(&self, ctx: &Ctx<'js>) {
        let sys = ModuleSystem::of(ctx);
        let mut seen = HashSet::new();
        let mut stack = vec![self.shared()];
        while let Some(m) = stack.pop() {
            if !seen.insert(m.name.clone()) {
                continue;
            }
            if let Ok(def) = m.def() {
                if unsafe { raw_status(def) == S_EVALUATED && raw_has_exception(def) } {
                    m.stopped.set(true);
                }
            }
            if let Some(links) = m.links.borrow().as_ref() {
                for l in links {
                    if let Some(d) = sys.library(m.ctx, l) {
                        stack.push(d);
                    }
                }
            }
        }
    }
    /// Runs the `import.meta` initializers of the graph's modules that use `import.meta`,
    /// once, before their code runs.
    pub(super) fn initialize_import_meta(&self, ctx: &Ctx<'js>) -> Result<()> {
        let sys = ModuleSystem::of(ctx);
        let mut seen = HashSet::new();
        let mut stack = vec![self.shared()];
        let mut todo = Vec::new();
        while let Some(m) = stack.pop() {
            if !seen.insert(m.name.clone()) {
                continue;
            }
            if let Kind::Source {
                uses_import_meta: true,
                ..
            } = m.kind
            {
                if !m.meta_initialized.get() {
                    todo.push(m.clone());
                }
            }
            if let Some(links) = m.links.borrow().as_ref() {
                for l in links {
                    if let Some(d) = sys.library(m.ctx, l) {
                        stack.push(d);
                    }
                }
            }
        }
        for m in todo {
            m.meta_initialized.set(true);
            let def = m.def()?;
            let v = unsafe {
                Value::from_raw(
                    ctx.clone(),
                    qjs::JS_GetModulePrivateValue(ctx.as_raw().as_ptr(), def),
                )
            };
            let Ok(slot) = Class::<ModuleSlot>::from_value(&v) else {
                continue;
            };
            let Some(init) = slot.borrow().callbacks.import_meta.clone() else {
                continue;
            };
            let meta = unsafe {
                Value::from_raw(
                    ctx.clone(),
                    qjs::JS_GetImportMeta(ctx.as_raw().as_ptr(), def),
                )
            };
            if meta.is_exception() {
                return Err(crate::exception::describe_caught(ctx));
            }
            init.call::<_, ()>((meta,))
                .map_err(|_| crate::exception::describe_caught(ctx))?;
        }
        Ok(())
    }
}
