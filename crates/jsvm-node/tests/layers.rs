//! The Node crate's files form layers: each file uses only files of its own layer or below, and
//! no files use each other in a circle. Read from the source (`crate::x`, `super::x`), so a new
//! reference upward fails here, and a new file must be placed in a layer.
//!
//! `cargo test -p jsvm-node --test layers -- --nocapture` prints who uses whom.

use std::path::Path;

#[path = "../../jsvm/tests/support/layers_check.rs"]
mod layers_check;

/// Bottom first. A file is named by its module path.
const LAYERS: layers_check::Layers<'static> = &[
    (
        "foundations: sources, builtin compilation, HTTP heads, CommonJS export names, what natives share",
        &[
            "source_text",
            "scripts_by_string",
            "builtin_compile",
            "http_parser",
            "cjs_exports",
            "set_fn",
            "sigint_run",
            "host_options",
            "inbox",
            "worker_side",
            "worker_host",
            "shared",
            "sockaddr",
            "uv_errors",
        ],
    ),
    (
        "bindings of one concern each",
        &[
            "buffer_binding",
            "fs_binding",
            "fd_binding",
            "os_constants",
            "os_binding",
            "tty_binding",
            "url_binding",
            "crypto_binding",
            "cipher_binding",
            "zlib_binding",
            "tls_cert",
            "tls_verify",
            "tls_binding",
            "dns_binding",
            "stdin_binding",
            "process_binding",
            "child_binding",
            "net_binding::udp",
            "net_binding::watch",
            "net_binding",
            "http_parser_binding",
            "module_binding",
            "vm_module_binding",
            "vm_binding",
        ],
    ),
    ("worker_threads: a host per worker", &["worker_binding"]),
    ("the host: a runtime with every binding", &["host"]),
    ("the crate root", &["lib"]),
];

/// References still going upward, to be untangled (each is a known debt, not a new one).
const KNOWN_UPWARD: &[(&str, &str)] = &[];

/// Circles still there, to be untangled (each is a known debt, not a new one).
const KNOWN_CIRCLES: &[&str] = &[];

#[test]
fn files_use_only_what_is_below_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    layers_check::check(&src, LAYERS, KNOWN_UPWARD, KNOWN_CIRCLES);
}
