//! Embeds every builtin module file of js/ (except js/dev/) into the binary: generates
//! `builtins.rs` with a table of (module name, source) pairs. Files appear as other engineers
//! write them, so the table is built from the directory instead of a fixed list.

use std::fmt::Write;
use std::path::{Path, PathBuf};

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

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let js = manifest.join("js");
    println!("cargo:rerun-if-changed={}", js.display());
    let mut files = Vec::new();
    walk(&js, "", &mut files);
    let mut src = String::from("/// (name, source) of every embedded builtin module.\npub static BUILTINS: &[(&str, &str)] = &[\n");
    for (name, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            src,
            "    ({:?}, include_str!({:?})),",
            name,
            path.display().to_string()
        )
        .unwrap();
    }
    src.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("builtins.rs");
    std::fs::write(out, src).unwrap();
}
