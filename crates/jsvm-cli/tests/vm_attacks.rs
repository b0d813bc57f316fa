//! The attack catalogue through the `jsvm` command (tests/vm-attacks/, see its README): each
//! hostile program runs under a watchdog and must print what the file beside it holds. A hang
//! fails the case at the watchdog instead of stalling the run.

#[allow(dead_code)]
mod common;

use std::path::PathBuf;
use std::time::Duration;

fn run_case(name: &str) {
    let dir: PathBuf = common::cases_dir("vm-attacks");
    let mut program = dir.join(format!("{name}.js"));
    if !program.exists() {
        program = dir.join(format!("{name}.mjs"));
    }
    let expected = std::fs::read_to_string(dir.join(format!("{name}.out")))
        .unwrap_or_else(|e| panic!("{name}.out: {e}"));
    // Options before the program, from NAME.args when there is one.
    let options = std::fs::read_to_string(dir.join(format!("{name}.args"))).unwrap_or_default();
    let mut args: Vec<&str> = options.split_whitespace().collect();
    args.push(program.to_str().unwrap());
    let child = common::spawn_jsvm(&args, Some(&dir));
    let out = common::finish(child, &format!("jsvm {name}.js"), Duration::from_secs(60));
    assert_eq!(out.stdout, expected, "{name}: stderr:\n{}", out.stderr);
    assert_eq!(out.code, 0, "{name}: stderr:\n{}", out.stderr);
}

macro_rules! cases {
    ($($name:ident),* $(,)?) => {
        $(#[test] fn $name() { run_case(stringify!($name)); })*
    };
}

cases!(
    shared_buffer_refused,
    wording_reads_no_trap,
    handler_realm_jobs,
    handler_realm_wrapped,
    timeout_error_traps,
    thrown_through_host,
    stack_building_loops,
    interruption_as_value,
    import_rejection,
    expensive_steps,
    after_evaluate_jobs,
    after_evaluate_waiting_jobs,
    compiles_at_the_stack_limit,
    module_stop_keeps_others_jobs,
    escapes_null_proto,
    escapes_plain_sandbox,
    module_evaluation,
    main_prepare_stack_trace,
    lazy_stack_reads,
    hole_walks,
    quiet_steps,
    library_natives,
    import_callback_errors,
    hooked_sandboxes,
    hostile_throws,
    worker_limits,
    stack_limits,
    callsite_facts,
    deep_sources,
    scope_overflow,
    long_file_names,
    heap_bombs_then_host_work,
    oom_error_kept_by_host,
    wasm_limits,
    wasm_outside_heap,
    wasm_refs,
    finalizers_at_the_limit,
    contexts_made_at_the_limit,
    compile_function_escapes,
    cjs_export_names,
    wasm_reentry,
);
