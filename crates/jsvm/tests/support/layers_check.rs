//! Shared by the crates' `tests/layers.rs` (included with `#[path = ...] mod`): reads a
//! crate's `src/` for `crate::x`, `super::x` and child-module references, and checks them
//! against a declared layer order.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Layers bottom first, each a description and its files by module path
/// (`pool::queue` is `src/pool/queue.rs`).
pub type Layers<'a> = &'a [(&'a str, &'a [&'a str])];

/// Fails when a file of `src` is in no layer, refers to a file of a higher layer (except the
/// pairs of `known_upward`), or is in a circle of files other than those of `known_circles`
/// (each written as the check prints it: the files sorted, joined by ` <-> `). A known debt
/// that is gone fails too, so that the list shrinks with the code.
pub fn check(
    src: &Path,
    layers: Layers<'_>,
    known_upward: &[(&str, &str)],
    known_circles: &[&str],
) {
    let mut files = BTreeMap::new();
    collect(src, src, &mut files);
    let reexports = crate_root_names(&files["lib"]);
    let names: BTreeSet<String> = files.keys().cloned().collect();

    let mut layer_of = BTreeMap::new();
    for (i, (_, members)) in layers.iter().enumerate() {
        for m in *members {
            layer_of.insert(m.to_string(), i);
        }
    }
    let unplaced: Vec<_> = names
        .iter()
        .filter(|n| !layer_of.contains_key(*n))
        .collect();
    assert!(
        unplaced.is_empty(),
        "files in no layer: {unplaced:?} (add them to LAYERS)"
    );
    let missing: Vec<_> = layer_of.keys().filter(|n| !names.contains(*n)).collect();
    assert!(
        missing.is_empty(),
        "LAYERS names files that do not exist: {missing:?}"
    );

    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, text) in &files {
        graph.insert(name.clone(), references(name, text, &names, &reexports));
    }
    for (from, tos) in &graph {
        println!(
            "{from}: {}",
            tos.iter().cloned().collect::<Vec<_>>().join(" ")
        );
    }

    let mut upward = Vec::new();
    let mut known_seen = BTreeSet::new();
    for (from, tos) in &graph {
        for to in tos {
            if layer_of[to] > layer_of[from] {
                if known_upward.contains(&(from.as_str(), to.as_str())) {
                    known_seen.insert((from.as_str(), to.as_str()));
                } else {
                    upward.push(format!(
                        "{from} ({}) uses {to} ({})",
                        layers[layer_of[from]].0, layers[layer_of[to]].0
                    ));
                }
            }
        }
    }
    let gone_upward: Vec<_> = known_upward
        .iter()
        .filter(|p| !known_seen.contains(*p))
        .collect();
    let all_circles = circles(&graph);
    let new_circles: Vec<_> = all_circles
        .iter()
        .filter(|c| !known_circles.contains(&c.as_str()))
        .cloned()
        .collect();
    let gone_circles: Vec<_> = known_circles
        .iter()
        .filter(|c| !all_circles.iter().any(|a| a == *c))
        .collect();
    assert!(
        upward.is_empty() && new_circles.is_empty(),
        "references upward:\n{}\n\nfiles using each other in a circle:\n{}",
        upward.join("\n"),
        new_circles.join("\n")
    );
    assert!(
        gone_upward.is_empty() && gone_circles.is_empty(),
        "known debts that are paid (remove them from the list): {gone_upward:?} {gone_circles:?}"
    );
}

/// Every `.rs` file under `dir`, by module path, without its unit tests (they may use anything).
fn collect(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap().with_extension("");
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("::");
            let text = std::fs::read_to_string(&path).unwrap();
            let code = match text.find("\n#[cfg(test)]\nmod tests") {
                Some(i) => &text[..i],
                None => &text[..],
            };
            let code: String = code
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            out.insert(name, code);
        }
    }
}

/// Names `lib.rs` re-exports at the crate root, and the file each comes from.
fn crate_root_names(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for stmt in lib.split(';') {
        let Some(rest) = stmt.trim().strip_prefix("pub use ") else {
            continue;
        };
        let path: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
        let Some((module, items)) = path.split_once("::") else {
            continue;
        };
        let items = items.trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',').filter(|i| !i.is_empty()) {
            let module = match item.rsplit_once("::") {
                Some((sub, _)) => format!("{module}::{sub}"),
                None => module.to_string(),
            };
            let name = item.rsplit("::").next().unwrap().to_string();
            out.insert(name, module);
        }
    }
    out
}

/// The files `name` refers to.
fn references(
    name: &str,
    text: &str,
    files: &BTreeSet<String>,
    reexports: &BTreeMap<String, String>,
) -> BTreeSet<String> {
    let parent: Vec<&str> = name.split("::").collect();
    let parent = &parent[..parent.len() - 1];
    let mut paths = Vec::new();
    // `crate::a::b` and `super::a` paths, with `use crate::{a::x, b}` groups expanded.
    for (start, prefix) in [("crate::", Vec::new()), ("super::", parent.to_vec())] {
        let mut rest = text;
        while let Some(i) = rest.find(start) {
            let before = rest[..i].chars().last();
            rest = &rest[i + start.len()..];
            // `pub(in crate::x)` is a visibility, not a use.
            let visibility = text.len() - rest.len() - start.len();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
                || text[..visibility].ends_with("(in ")
            {
                continue;
            }
            let base = prefix.join("::");
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',').filter(|i| !i.trim().is_empty()) {
                    paths.push(join(&base, &path_at(item.trim())));
                }
            } else {
                paths.push(join(&base, &path_at(rest)));
            }
        }
    }
    // A parent uses a child file when it names it (`child::x`, `use child::x`); declaring
    // it (`mod child;`) alone does not count: the child may extend the parent's types.
    let own = if name == "lib" { "" } else { name };
    for child in files.iter().filter_map(|f| {
        let rest = f.strip_prefix(own)?.strip_prefix("::").unwrap_or(f);
        (!rest.contains("::") && f.len() > own.len() && f.starts_with(own)).then_some(rest)
    }) {
        let needle = format!("{child}::");
        let mut rest = text;
        while let Some(i) = rest.find(&needle) {
            let before = rest[..i].chars().last();
            rest = &rest[i + needle.len()..];
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                paths.push(join(own, child));
                break;
            }
        }
    }
    let mut out = BTreeSet::new();
    for path in paths {
        let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        // The longest prefix that is a file; else a name re-exported at the crate root.
        let file = (1..=segments.len())
            .rev()
            .map(|n| segments[..n].join("::"))
            .find(|p| files.contains(p))
            .or_else(|| segments.first().and_then(|s| reexports.get(*s).cloned()));
        if let Some(f) = file {
            if f != name {
                out.insert(f);
            }
        }
    }
    out
}

fn join(base: &str, path: &str) -> String {
    if base.is_empty() {
        path.to_string()
    } else {
        format!("{base}::{path}")
    }
}

/// The path starting at `s` (identifiers joined by `::`).
fn path_at(s: &str) -> String {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(s.len());
    s[..end].trim_end_matches(':').to_string()
}

/// The circles of the graph, each as one strongly connected group of files.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let reach = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_string()];
        while let Some(n) = todo.pop() {
            for m in graph.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    todo.push(m.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|k| (k, reach(k))).collect();
    let mut groups = BTreeSet::new();
    for (k, r) in &reaches {
        if !r.contains(*k) {
            continue;
        }
        let group: Vec<String> = r
            .iter()
            .filter(|m| reaches[m].contains(*k))
            .cloned()
            .collect();
        groups.insert(group.join(" <-> "));
    }
    groups.into_iter().collect()
}
