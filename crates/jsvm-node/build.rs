//! Embeds every builtin module file of js/ (except js/dev/) into the binary: generates
//! `builtins.rs` with a table of (module name, source, cached data). Files appear as other
//! engineers write them, so the table is built from the directory instead of a fixed list.
//!
//! The cached data is each builtin compiled ahead of time by the jsvm library itself (a
//! build-dependency), through the same function the host compiles it with at run time
//! (`src/builtin_compile.rs`: same wrapper, parameters and `node:<name>` filename), so starting
//! `jsvm` reads bytecode instead of parsing the builtins' JavaScript. The library checks the
//! data against the source and engine when it is used and compiles from source if it does not
//! match, so a builtin that fails to compile here (or a cross build, whose engine is not this
//! one) only gets empty data and is compiled at run time as before.

use std::fmt::Write;
use std::path::{Path, PathBuf};

#[path = "src/builtin_compile.rs"]
#[allow(dead_code)]
mod builtin_compile;

fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if name == "dev" && prefix.is_empty() {
                continue;
            }
            walk(&path, &format!("{prefix}{name}/"), out);
        } else if let Some(stem) = name.strip_suffix(".js") {
            out.push((format!("{prefix}{stem}"), path));
        }
    }
}

/// The cached data of builtin `name`, or why there is none.
fn cached_data(rt: &jsvm::Runtime, name: &str, path: &Path) -> Result<Vec<u8>, String> {
    let source = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    rt.with_ctx(|ctx| {
        let compiled =
            builtin_compile::compile(&ctx, name, &source, None).map_err(|e| e.to_string())?;
        compiled.script.cached_data(&ctx).map_err(|e| e.to_string())
    })
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let js = manifest.join("js");
    println!("cargo:rerun-if-changed={}", js.display());
    println!("cargo:rerun-if-changed=src/builtin_compile.rs");
    let mut files = Vec::new();
    walk(&js, "", &mut files);

    // Bytecode is made by this machine's engine; a cross build keeps to sources.
    let native = std::env::var("TARGET").ok() == std::env::var("HOST").ok();
    let rt = if native {
        jsvm::Runtime::new().ok()
    } else {
        None
    };
    let data_dir = out_dir.join("builtin-cache");
    std::fs::create_dir_all(&data_dir).unwrap();

    let mut src = String::from(
        "/// (name, source, cached data) of every embedded builtin module; the data is empty \
         when the build made none.\n\
         pub static BUILTINS: &[(&str, &str, &[u8])] = &[\n",
    );
    for (name, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let data = match &rt {
            Some(rt) => cached_data(rt, name, path).unwrap_or_else(|e| {
                println!("cargo:warning=builtin {name} is not precompiled: {e}");
                Vec::new()
            }),
            None => Vec::new(),
        };
        let data_path = data_dir.join(format!("{}.jscd", name.replace('/', "__")));
        std::fs::write(&data_path, &data).unwrap();
        writeln!(
            src,
            "    ({:?}, include_str!({:?}), include_bytes!({:?})),",
            name,
            path.display().to_string(),
            data_path.display().to_string()
        )
        .unwrap();
    }
    src.push_str("];\n");
    std::fs::write(out_dir.join("builtins.rs"), src).unwrap();
}
