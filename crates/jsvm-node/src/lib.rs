//! The Node-compatible surface of jsvm.
//!
//! [`NodeHost`] runs Node-style programs: CommonJS files, ES modules, `-e` code and REPL lines,
//! with the builtin modules of `js/` (loaded lazily, on first `require`), `process`, `console`,
//! timers and Node's event loop.
//!
//! Natives live in a file per concern, each with an `install(ctx, binding)`:
//! - `process_binding`: stdio, process facts, clocks, exit, signals, the loop's wait.
//! - `fs_binding`: the few file system calls of `fs` and the module loader.
//! - `module_binding`: compiling CommonJS files and builtin modules, ES module loading.
//! - `vm_binding`: the natives behind `require('vm')`.
//! - `tty_binding`: terminals (`tty`).
//! - `url_binding`: URL parsing and setters (`url`, `URL`, `URLSearchParams`).
//! - `crypto_binding`: digests, HMACs and random bytes (`crypto`).
//! - `zlib_binding`: deflate, zlib, gzip and brotli compression (`zlib`).
//! - `tls_binding`: TLS sessions on rustls (`tls`, `https`), with `tls_verify` (the server
//!   chain's check, with OpenSSL's errors) and `tls_cert` (peer certificate summaries).
//! - `dns_binding`: host name lookup (`dns.lookup`).
//! - `net_binding`: sockets and the loop's I/O poll (`net`, `http`), with `http_parser`; the
//!   handles of child processes on that poll.
//! - `http_parser_binding`: HTTP parsers fed from JavaScript (https over TLS sockets).
//! - `child_binding`: starting child processes, `spawnSync`, signals.
//! - `worker_binding`: `worker_threads` (a host per worker thread, messages between them).
//!
//! Below the bindings, what they share, each in its own file: `set_fn`, `sigint_run`,
//! `host_options`, `inbox`, `worker_side`, `worker_host`, `shared`. `host` sits above them
//! all, and no two files use each other in a circle (`tests/layers.rs`).

pub mod vm_binding;
pub mod vm_module_binding;

mod buffer_binding;
mod builtin_compile;
mod child_binding;
mod cipher_binding;
mod cjs_exports;
mod crypto_binding;
mod dns_binding;
mod fd_binding;
mod fs_binding;
mod host;
mod host_options;
mod http_parser;
mod http_parser_binding;
mod inbox;
mod module_binding;
mod net_binding;
mod os_binding;
mod os_constants;
mod process_binding;
mod scripts_by_string;
mod set_fn;
mod shared;
mod sigint_run;
mod sockaddr;
mod source_text;
mod stdin_binding;
mod tls_binding;
mod tls_cert;
mod tls_verify;
mod tty_binding;
mod url_binding;
mod uv_errors;
mod worker_binding;
mod worker_host;
mod worker_side;
mod zlib_binding;

pub use host::{NodeHost, ReplOutcome};
pub use host_options::{HostOptions, Main};
pub use process_binding::{repl_token, take_repl_sigint};

/// The version string of jsvm (`jsvm --version`, `process.versions.jsvm` without the `v`).
pub const VERSION: &str = concat!("v", env!("CARGO_PKG_VERSION"));

/// The Node.js release whose API jsvm implements, as `process.version` shows it: programs and
/// their argument parsers check it (vm2 reads `process.versions.node`, tools refuse a Node below
/// 10). `process.versions.jsvm` tells jsvm apart.
pub const NODE_VERSION: &str = "v20.20.2";

/// The QuickJS-ng version jsvm embeds.
pub const ENGINE_VERSION: &str = "0.16.2";

mod builtins {
    include!(concat!(env!("OUT_DIR"), "/builtins.rs"));
}

/// The source of an embedded builtin module file (`util`, `internal/bootstrap`, ...).
pub fn builtin_source(name: &str) -> Option<&'static str> {
    builtins::BUILTINS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, s, _)| *s)
}

/// The cached data the build made for a builtin module file (its bytecode, compiled as the
/// host compiles it), if any.
pub fn builtin_cached_data(name: &str) -> Option<&'static [u8]> {
    builtins::BUILTINS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, _, d)| *d)
        .filter(|d| !d.is_empty())
}

/// Names of the embedded module files.
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    builtins::BUILTINS.iter().map(|(n, _, _)| *n)
}
