//! Every public type of the library (re-exported by `lib.rs` or `engine.rs`) has an example in
//! its doc comment: a doc test, which `cargo test` compiles and runs. Read from the source, so a
//! new public type without one fails here.

use std::path::Path;

/// The names `pub use` statements of `text` bring in (the last segment of each path).
fn reexported_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for stmt in text.split(';') {
        let Some(i) = stmt.find("pub use ") else {
            continue;
        };
        // `a::b::{C, D}` or `a::C`: the names after the first `::`.
        let Some((_, items)) = stmt[i + "pub use ".len()..].split_once("::") else {
            continue;
        };
        for item in items.split([',', '{', '}', ':']) {
            let item = item.trim();
            if !item.is_empty() && item.chars().all(|c| c.is_alphanumeric() || c == '_') {
                names.push(item.to_string());
            }
        }
    }
    names
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_public_type_has_an_example() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut public = Vec::new();
    for root in ["lib.rs", "engine.rs"] {
        public.extend(reexported_names(
            &std::fs::read_to_string(src.join(root)).unwrap(),
        ));
    }
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let (mut seen, mut missing) = (Vec::new(), Vec::new());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(rest) = ["pub struct ", "pub enum ", "pub type ", "pub trait "]
                .iter()
                .find_map(|p| line.strip_prefix(p))
            else {
                continue;
            };
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !public.contains(&name) {
                continue;
            }
            let doc: Vec<&str> = lines[..i]
                .iter()
                .rev()
                .take_while(|l| l.trim_start().starts_with("///") || l.starts_with("#["))
                .copied()
                .collect();
            seen.push(name.clone());
            if !doc.iter().any(|l| l.contains("```")) {
                missing.push(format!("{name} ({})", file.display()));
            }
        }
    }
    // The reader found the types (a change of layout would otherwise pass silently).
    for name in [
        "Runtime",
        "Context",
        "Error",
        "ContextHandle",
        "Module",
        "Limits",
    ] {
        assert!(seen.iter().any(|s| s == name), "{name} not found: {seen:?}");
    }
    assert!(
        missing.is_empty(),
        "public types without an example: {missing:?}"
    );
}
