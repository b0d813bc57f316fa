//! The builtin modules' test programs (crates/jsvm-node/tests/js/*.js) run under `jsvm` and
//! print what node printed for them (crates/jsvm-node/tests/golden/<name>.out, recorded by
//! crates/jsvm-node/tests/record-js-golden.sh with node's own modules).
//! And util.inspect's table of values (check-inspect.js against golden/inspect_golden.js).

use std::path::{Path, PathBuf};
use std::time::Duration;

#[allow(dead_code)] // shared with cli.rs and http.rs, which use the rest
mod common;

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../jsvm-node/tests")
        .canonicalize()
        .expect("crates/jsvm-node/tests")
}

/// Runs `jsvm file` in `cwd` with a 60 s limit; returns (stdout, stderr, exit code). The
/// output is read while the program runs (a full pipe would otherwise stall it). Programs
/// whose name contains `modules` get `--experimental-vm-modules`, as record-js-golden.sh runs
/// them under node.
fn run(file: &Path, cwd: &Path) -> (String, String, i32) {
    let path = file.to_str().expect("utf-8 path");
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let args: &[&str] = if name.contains("modules") {
        &["--experimental-vm-modules", path]
    } else {
        &[path]
    };
    let child = common::spawn_jsvm(args, Some(cwd));
    let out = common::finish(child, &file.display().to_string(), Duration::from_secs(60));
    (out.stdout, out.stderr, out.code)
}

fn check(name: &str) {
    let dir = tests_dir();
    let file = dir.join("js").join(format!("{name}.js"));
    let want = std::fs::read_to_string(dir.join("golden").join(format!("{name}.out")))
        .expect("golden file");
    let (stdout, stderr, code) = run(&file, &dir.join("js"));
    if stdout != want {
        let first = stdout
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(stdout.lines().count().min(want.lines().count()));
        panic!(
            "{name}: stdout differs from node's at line {}\n--- node\n{}\n--- jsvm\n{}\n--- jsvm stderr\n{stderr}",
            first + 1,
            want.lines().skip(first).take(5).collect::<Vec<_>>().join("\n"),
            stdout.lines().skip(first).take(5).collect::<Vec<_>>().join("\n"),
        );
    }
    assert_eq!(code, 0, "{name}: exit code {code}\n{stderr}");
}

macro_rules! golden_tests {
    ($($name:ident),* $(,)?) => {
        $(#[test] fn $name() { check(stringify!($name)); })*

        #[test]
        fn every_program_has_a_test() {
            let listed = [$(stringify!($name)),*];
            for entry in std::fs::read_dir(tests_dir().join("js")).unwrap() {
                let name = entry.unwrap().file_name().into_string().unwrap();
                if let Some(stem) = name.strip_suffix(".js") {
                    assert!(listed.contains(&stem), "{stem}.js has no test in js_modules.rs");
                }
            }
        }
    };
}

golden_tests!(
    weak_ref_target_kept_during_job,
    uncaught_throw_spanning_lines,
    message_event_global,
    stream_finished_web_streams,
    perf_resource_timing,
    test_runner_spec_reporter_files,
    http_incoming_message_on_a_mock_socket,
    wasm_simd_fixed_width,
    test_assert,
    test_buffer,
    test_events,
    test_vm_behaviour,
    test_vm_errors,
    test_vm_validation,
    test_vm_argument_matrix,
    test_vm_modules_argument_matrix,
    test_stack_nested_new,
    test_stack_data_property,
    test_eval_origin_spread,
    test_child_env_order,
    test_vm_intl_after_redefine,
    test_require_device,
    test_readline_keys,
    test_readline_errors,
    test_readline_terminal,
    test_repl_terminal,
    test_vm_modules_basic,
    test_vm_modules_graph,
    test_vm_modules_synthetic,
    test_vm_modules_dynamic_import,
    test_vm_modules_timeout_cache,
    test_vm_modules_brand,
    test_structured_clone,
    test_web_streams,
    test_blob,
    test_process_ids,
    test_os_info,
    test_uncaught_capture,
    test_dotenv,
    test_source_map,
    test_signals,
    test_v8_coverage,
    test_string_decoder_fn,
    test_arg_messages,
    test_fetch,
    test_fetch_guard,
    test_process_old_api,
    test_webcrypto,
    test_tls,
    test_https,
    test_http2,
    test_crypto_keyobject,
    test_crypto_kdf,
    test_intl,
    test_intl_context,
    test_vm_dont_contextify,
    test_fs_fd,
    test_os_constants,
    test_vm_callsite_filename,
    test_v8_serialize,
    test_web_streams_adapters,
    test_builtin_aliases,
    test_path_win32,
    test_vm_weakmap_replaced,
    test_prepare_stack_late,
    test_syntax_wording,
    test_syntax_arrows,
    test_callee_wording,
    test_syntax_carets,
    test_proxy_traps,
    test_code_origins,
    test_import_link_caught,
    test_import_link_long_names,
    test_callsite_eval,
    test_callsite_receivers,
    test_callsite_kept,
    test_inferred_names,
    test_async_frames,
    test_async_frames_resolve,
    test_compile_detects_module,
    test_vm_context_globals,
    test_language_surface,
    test_inspect_shared_buffer,
    test_inspect_weak_entries,
    test_inspect_function_hidden,
    test_vm_exports_listed,
    test_runtime_wording,
    test_operand_wording,
    test_proxy_trap_not_callable,
    test_bigint_wording,
    test_sandbox_var_slots,
    test_fs_promises_validation,
    test_wording17,
    test_engine17,
    test_v8_builtin_text,
    test_esm_missing_export,
    test_vm_modules_eval_import,
    test_vm_redeclaration,
    test_module_statics_copied,
    test_eval_wording,
    test_syntax_end_of_input,
    test_computed_callee_wording,
    test_syntax_unexpected_token,
    test_loader_surface,
    test_callsite_columns,
    test_eval_source_url,
    test_method_frames,
    test_made_syntax_errors,
    test_perf_loop,
    test_fs_more,
    test_stdio_stream_class,
    test_zlib_internals,
    test_stream_operators,
    stream_compose,
    test_blob_urls_url_parse,
    test_util_mimetype,
    test_net_blocklist,
    test_legacy_surface,
    test_http_trailers,
    test_timers_enroll,
    test_system_errors,
    test_async_callsites,
    test_inferred_holders,
    test_small_surfaces,
    test_crypto_ciphers,
    test_preload_runmain,
    test_callsite_aliased,
    test_cli_import_rejections,
    wasm_basics,
    wasm_memory,
    wasm_table,
    wasm_contexts,
    wasm_global,
    wasm_externref,
    wasm_validate,
    test_module_formats_main,
    test_module_parent_paths,
    test_crypto_constants,
    test_fs_lazy_classes,
    test_capture_caller_column,
    test_process_env_flags,
    test_assert_falsy_source,
    test_multiline_call_frames,
    test_keyed_and_long_call_frames,
    test_long_line_frames,
    test_net_unix_sockets,
    test_fs_file_kinds,
    test_fs_watch,
    test_fs_watch_recursive,
    test_fs_watchfile,
    test_fs_promises_watch,
    test_fs_promises_settle,
    test_vm_offset_extremes,
    test_esm_import_cjs_names,
    test_module_register,
    test_import_link_caret,
    test_aggregate_errors,
    test_stack_limit_hidden,
    test_eval_in_eval_columns,
    test_dynamic_function_wrapper,
    test_loader_method_frames,
    test_rethrow_arrow,
    async_local_storage_promises,
    async_local_storage_generators,
    atomics_wait_async,
    atomics_wait_async_workers,
    test_stack_called_at_once,
    test_async_local_storage_frames,
    test_stack_bound_methods,
    test_inspect_deep,
    test_util_types_brands,
    test_stacks17,
);

#[test]
fn util_inspect_matches_node_on_the_table_of_values() {
    let dir = tests_dir();
    let (stdout, stderr, code) = run(&dir.join("check-inspect.js"), &dir);
    let last = stdout.lines().last().unwrap_or("").to_string();
    assert!(
        last.ends_with(" 0 failed") && code == 0,
        "util.inspect differs from node:\n{}\n{stderr}",
        stdout
            .lines()
            .rev()
            .take(40)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
