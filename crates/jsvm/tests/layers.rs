//! The library's files form layers: each file uses only files of its own layer or below, and
//! no files use each other in a circle. Read from the source (`crate::x`, `super::x`, `mod x;`),
//! so a new reference upward fails here, and a new file must be placed in a layer.
//!
//! `cargo test -p jsvm --test layers -- --nocapture` prints who uses whom.

use std::path::Path;

#[path = "support/layers_check.rs"]
mod layers_check;

/// Bottom first. A file is named by its module path (`pool::queue` is `src/pool/queue.rs`).
const LAYERS: layers_check::Layers<'static> = &[
    (
        "foundations: errors, limits, realms, values, sources, what a compiled script is",
        &[
            "error",
            "bounded_text",
            "descriptor",
            "id_hasher",
            "parse_stack",
            "declarations",
            "cached_data",
            "source_map",
            "source_lines",
            "filename",
            "v8_wording::token",
            "v8_wording::refusals",
            "v8_wording",
            "call_text::window",
            "call_text::callee",
            "call_text::inferred_name",
            "call_text",
            "eval_source",
            "interrupt",
            "allocator",
            "intl",
            "natives::autoinit",
            "natives",
            "realm::level",
            "hole_walks",
            "json_parse",
            "weak_preview",
            "function_source",
            "realm::lazy_group",
            "wasm::bytes",
            "wasm::store",
            "wasm",
            "dynamic_function",
            "frames::layout_probe",
            "frames::bytecode::opcodes",
            "frames::awaiting",
            "frames::bytecode",
            "frames",
            "realm::compile_hook",
            "realm::regexp_legacy",
            "realm::regexp_triggers",
            "realm",
            "convert::error",
            "convert::limits",
            "convert::strings",
            "convert::numbers",
            "convert::special_values",
            "convert::to_js",
            "convert::from_js",
            "convert::tests",
            "convert",
            "sandbox",
            "sandbox::layout",
            "sandbox::property_writes",
            "sandbox::silent_console",
            "sandbox::lazy_groups",
            "sandbox::builtin_table",
            "sandbox::scope_hooks",
            "sandbox::global_hooks",
            "sandbox::classes",
            "sandbox::var_forwarders",
            "job_queue",
            "async_context::slot",
            "shared_memory::sharing",
            "pending_calls",
            "script",
            "script::compile_cache",
        ],
    ),
    ("runtime state: what one runtime keeps", &["runtime::state"]),
    (
        "engine services on the state: exceptions, stacks, error display, promise jobs",
        &[
            "made_error",
            "main_prepare",
            "intl_main",
            "exception",
            "display",
            "stack::own",
            "stack::lazy",
            "stack::as_data",
            "stack::holder",
            "stack::hidden",
            "stack::inferred",
            "stack::made_sites",
            "stack::receiver",
            "stack",
            "async_context",
            "jobs",
            "shared_memory",
        ],
    ),
    (
        "scripts: compiled and loaded in a runtime",
        &["script::compile"],
    ),
    (
        "contexts: running code in a global scope",
        &[
            "context",
            "context::owned",
            "async_host",
            "settle",
            "function",
        ],
    ),
    (
        "modules",
        &[
            "module::errors",
            "module::raw_record",
            "module::attributes",
            "module::record",
            "module::system",
            "module::compile",
            "module::synthetic",
            "module::dynamic_import",
            "module::loader",
            "module::handle",
            "module::link",
            "module::evaluate",
            "module",
        ],
    ),
    (
        "public handles: runtimes, threads and pools, the engine tier",
        &[
            "runtime",
            "thread",
            "pool::outcome",
            "pool::queue",
            "pool",
            "engine",
            "lib",
            // The contextified global's unit tests drive it through runtimes and contexts.
            "sandbox::tests",
        ],
    ),
];

/// References still going upward, to be untangled (each is a known debt, not a new one).
const KNOWN_UPWARD: &[(&str, &str)] = &[];

#[test]
fn files_use_only_what_is_below_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    layers_check::check(&src, LAYERS, KNOWN_UPWARD, &[]);
}
