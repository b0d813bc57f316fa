//! # jsvm: Node's `vm` module semantics on QuickJS-ng
//!
//! Compile JavaScript once, run it in isolated contexts whose globals are a sandbox object,
//! with timeouts, cancellation, cached data and memory limits.
//!
//! - [`Runtime`]: one engine heap with its limits and its main context.
//! - [`Context`]: a global scope backed by a sandbox; values in and out through serde.
//! - [`Script`]: compiled code, run in any context.
//! - [`RuntimePool`]: runtimes on worker threads, for servers (values cross by copy), with an
//!   async face ([`RuntimePool::run_async`]).
//! - [`RuntimeThread`]: one runtime on a thread of its own, stoppable from other threads.
//! - [`Error`]: every failure; [`Error::kind`] names it, [`Error::code`] gives Node's code.
//! - [`engine`]: the tier below, with the engine's (rquickjs's) types: contexts inside the
//!   runtime's lock ([`engine::ContextHandle`]), ES modules ([`engine::Module`], Node's
//!   `vm.SourceTextModule` / `vm.SyntheticModule`), `vm.compileFunction`, the serde bridge.
//!   Nothing outside [`engine`] takes or returns an engine type, except the escape hatches
//!   named for it: [`Runtime::with_ctx`], [`Context::with_ctx`], [`Runtime::engine`],
//!   [`Runtime::set_host_loader`] and the methods taking a `Ctx` on [`Script`],
//!   [`SharedMemory`] and [`MemoryUsage`].
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
mod async_context;
mod async_host;
mod bounded_text;
mod cached_data;
mod call_text;
mod context;
mod convert;
mod declarations;
mod descriptor;
mod display;
mod dynamic_function;
pub mod engine;
mod engine_class;
mod error;
mod eval_source;
mod exception;
mod filename;
mod frames;
mod function;
mod function_source;
mod hole_walks;
mod id_hasher;
mod interrupt;
mod intl;
mod intl_main;
mod job_queue;
mod jobs;
mod json_parse;
mod made_error;
mod main_prepare;
mod module;
mod natives;
mod parse_stack;
mod pending_calls;
mod pool;
mod promise_jobs;
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
mod wait_async;
mod wasm;
mod weak_preview;

pub use async_host::MAX_PENDING_HOST_CALLS;
pub use context::owned::Context;
pub use context::{CodeGeneration, ContextOptions, MicrotaskMode};
pub use error::{Error, ErrorKind, Result, SyntaxError, Thrown};
pub use exception::MAX_DESCRIBED_TEXT;
pub use interrupt::{CancelToken, JobLimits};
pub use pool::{JobFuture, Pending, PoolMetrics, RuntimePool, DEFAULT_QUEUE_CAPACITY};
pub use realm::LanguageLevel;
pub use runtime::{MemoryUsage, Runtime, RuntimeBuilder, DEFAULT_HOST_TIMEOUT};
pub use script::{RunOptions, Script, ScriptOptions, DEFAULT_FILENAME};
pub use shared_memory::SharedMemory;
pub use thread::RuntimeThread;
