//! How a builtin module file of `js/` is compiled: the body of
//! `(function (exports, require, module, binding) { ... })`, named `node:<name>` in stack
//! traces.
//!
//! Shared, as source, by the host (which compiles a builtin on first `require`) and by the
//! build script (`build.rs`, which compiles every builtin ahead of time and embeds its cached
//! data): both compile through this one function, so the data made at build time is for
//! exactly the source the host compiles, and the library accepts it.

use jsvm::engine::rquickjs::Ctx;
use jsvm::engine::{CompiledFunction, FunctionOptions};

/// The parameters of a builtin module's function.
pub const PARAMS: &[&str] = &["exports", "require", "module", "binding"];

/// The filename of a builtin module in stack traces (`node:util`, `node:internal/bootstrap`).
pub fn filename(name: &str) -> String {
    format!("node:{name}")
}

/// Compiles builtin `name` from its `source`; given cached data that the library rejects
/// (made for another source or engine, or damaged), it compiles from source instead.
pub fn compile<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    source: &str,
    cached_data: Option<&[u8]>,
) -> jsvm::Result<CompiledFunction<'js>> {
    jsvm::engine::compile_function(
        ctx,
        source,
        PARAMS,
        FunctionOptions {
            filename: Some(filename(name)),
            cached_data: cached_data.map(<[u8]>::to_vec),
            ..Default::default()
        },
    )
}
