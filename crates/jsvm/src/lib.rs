//! # jsvm: Node's `vm` module semantics on QuickJS-ng
//!
//! Compile JavaScript once, run it in isolated contexts whose globals are a sandbox object,
//! with timeouts, cancellation, cached data and memory limits.
//!
//! - [`Runtime`]: one engine heap with its limits and its main context.
//! - [`Context`] / [`ContextHandle`]: a global scope backed by a sandbox (owned / in-lock).
//! - [`Script`]: compiled code, run in any context.
//! - [`compile_function`]: Node's `vm.compileFunction`.
//! - [`Module`]: ES modules in a context (Node's `vm.SourceTextModule` / `vm.SyntheticModule`).
//! - [`RuntimePool`]: runtimes on worker threads, for servers (values cross by copy).
//! - [`RuntimeThread`]: one runtime on a thread of its own, stoppable from other threads.
//! - [`Error`]: every failure, with Node's codes.
//!
//! ```
//! let rt = jsvm::Runtime::new().unwrap();
//! let ctx = rt.new_empty_context(Default::default()).unwrap();
//! ctx.eval::<()>("var x = 40; function add(n) { x += n }").unwrap();
//! ctx.eval::<()>("add(2)").unwrap();
//! assert_eq!(ctx.get::<i32>("x").unwrap(), 42);
//! ```

#![warn(missing_docs)]

mod allocator;
mod async_host;
mod cached_data;
mod call_text;
mod context;
pub mod convert;
mod declarations;
mod display;
mod error;
mod eval_source;
mod exception;
mod filename;
mod function;
mod id_hasher;
mod interrupt;
mod job_queue;
mod jobs;
mod made_error;
mod main_prepare;
mod module;
mod pending_calls;
mod pool;
mod realm;
mod runtime;
mod sandbox;
mod script;
mod settle;
mod shared_memory;
mod source_lines;
mod source_map;
mod stack;
mod thread;
mod v8_wording;

pub use async_host::MAX_PENDING_HOST_CALLS;
pub use context::owned::Context;
pub use context::{CodeGeneration, ContextHandle, ContextOptions, MicrotaskMode};
pub use error::{Error, Result, SyntaxError, Thrown};
pub use exception::throw_error;
pub use filename::display_filename;
pub use function::{compile_function, CompiledFunction, FunctionOptions};
pub use interrupt::{CancelToken, JobLimits};
pub use jobs::run_host_job;
pub use module::{
    register_script_import, set_context_import, set_missing_import_error, unregister_script_import,
    DynamicImport, EvaluateOptions, Module, ModuleRecord, ModuleRequest, ModuleStatus,
    SourceTextOptions, SyntheticOptions,
};
pub use pool::{JobFuture, Pending, PoolMetrics, RuntimePool, DEFAULT_QUEUE_CAPACITY};
pub use runtime::{MemoryUsage, Runtime, RuntimeBuilder, DEFAULT_HOST_TIMEOUT};
pub use script::{RunOptions, Script, ScriptOptions, DEFAULT_FILENAME};
pub use shared_memory::SharedMemory;
pub use thread::RuntimeThread;

/// The engine bindings, for working with values inside [`Runtime::with`].
pub use rquickjs;
