//! The benchmark suite: runs each workload of `bench/workloads/` under `node` and under `jsvm`
//! on this machine, in one run, and prints a table with the ratio node/jsvm (above 1 means jsvm
//! is faster or smaller). Without node, jsvm runs alone.
//!
//! Usage: `jsvm-bench [--jsvm PATH] [--node PATH] [--only NAME] [--no-npm]`
//! (README: `cargo build --release --workspace && target/release/jsvm-bench`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

struct Options {
    jsvm: PathBuf,
    node: Option<String>,
    only: Option<String>,
    npm: bool,
}

/// One `BENCH {...}` line: the numeric fields by name.
type Fields = BTreeMap<String, f64>;

/// Workloads bound by V8's JIT, also run under `node --jitless`.
const JITLESS_TOO: &[&str] = &[
    "cpu_bound",
    "template_render",
    "real_library",
    "http_hello",
    "inspect_deep",
];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root.canonicalize().expect("repository root");
    let opts = parse_args(&root);
    let workloads = root.join("bench/workloads");

    println!("machine: {}, {} cores", cpu_model(), num_cpus());
    let jsvm_version = version(&opts.jsvm.to_string_lossy());
    println!(
        "jsvm: {} ({})",
        jsvm_version.unwrap_or_else(|| "not found".into()),
        opts.jsvm.display()
    );
    let node_version = opts.node.as_deref().and_then(version);
    match &node_version {
        Some(v) => println!("node: {v}"),
        None => println!("node: not found; running jsvm alone"),
    }
    if opts.npm && node_version.is_some() {
        install_handlebars(&root);
    }
    println!();

    let mut names: Vec<PathBuf> = std::fs::read_dir(&workloads)
        .expect("bench/workloads")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.ends_with(".js") && !n.starts_with('_') && n != "startup_tiny.js"
        })
        .collect();
    names.sort();

    let mut rows: Vec<(String, Option<f64>, Option<f64>, &'static str)> = Vec::new();
    for file in &names {
        let stem = file.file_stem().unwrap().to_string_lossy().to_string();
        if opts
            .only
            .as_ref()
            .is_some_and(|o| !stem.contains(o.as_str()))
        {
            continue;
        }
        eprintln!("running {stem} ...");
        let j = run_workload(&opts.jsvm.to_string_lossy(), &[], file, &workloads);
        let n = opts
            .node
            .as_ref()
            .filter(|_| node_version.is_some())
            .map(|node| run_workload(node, &[], file, &workloads))
            .unwrap_or_default();
        for (name, jf) in &j {
            let nf = n.get(name);
            let (key, unit) = if jf.contains_key("bytes_per_op") {
                let per = if name.contains("worker") {
                    "KB/worker"
                } else {
                    "KB/context"
                };
                ("bytes_per_op", per)
            } else {
                ("us_per_op", "us/op")
            };
            let scale = if unit.starts_with("KB/") {
                1.0 / 1024.0
            } else {
                1.0
            };
            rows.push((
                name.clone(),
                nf.and_then(|f| f.get(key)).map(|v| v * scale),
                jf.get(key).map(|v| v * scale),
                unit,
            ));
        }
        // Where V8's JIT decides, also against V8's interpreter: what is left is the engine
        // interpreters' difference, not our layer's.
        if JITLESS_TOO.contains(&stem.as_str()) {
            if let Some(node) = opts.node.as_ref().filter(|_| node_version.is_some()) {
                let jitless = run_workload(node, &["--jitless"], file, &workloads);
                for (name, jf) in &j {
                    if let Some(nf) = jitless.get(name) {
                        rows.push((
                            format!("{name} (node --jitless)"),
                            nf.get("us_per_op").copied(),
                            jf.get("us_per_op").copied(),
                            "us/op",
                        ));
                    }
                }
            }
        }
    }

    if opts
        .only
        .as_ref()
        .is_none_or(|o| "startup".contains(o.as_str()))
    {
        eprintln!("running startup ...");
        let tiny =
            std::fs::read_to_string(workloads.join("startup_tiny.js")).expect("startup_tiny.js");
        let j = startup_ms(&opts.jsvm.to_string_lossy(), &tiny);
        let n = opts
            .node
            .as_ref()
            .filter(|_| node_version.is_some())
            .and_then(|node| startup_ms(node, &tiny));
        rows.push(("startup (-e, whole process)".into(), n, j, "ms"));
    }

    println!("| workload | node | jsvm | unit | node/jsvm |");
    println!("|---|---:|---:|---|---:|");
    for (name, n, j, unit) in rows {
        let show = |v: Option<f64>| v.map(fmt_num).unwrap_or_else(|| "-".into());
        let ratio = match (n, j) {
            (Some(n), Some(j)) if j > 0.0 => format!("{:.2}", n / j),
            _ => "-".into(),
        };
        println!("| {name} | {} | {} | {unit} | {ratio} |", show(n), show(j));
    }
}

fn fmt_num(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

fn parse_args(root: &Path) -> Options {
    let mut opts = Options {
        jsvm: root.join("target/release/jsvm"),
        node: Some("node".into()),
        only: None,
        npm: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--jsvm" => opts.jsvm = PathBuf::from(args.next().expect("--jsvm PATH")),
            "--node" => opts.node = args.next(),
            "--only" => opts.only = args.next(),
            "--no-npm" => opts.npm = false,
            "-h" | "--help" => {
                println!("usage: jsvm-bench [--jsvm PATH] [--node PATH] [--only NAME] [--no-npm]");
                std::process::exit(0);
            }
            other => {
                eprintln!("jsvm-bench: unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    opts
}

fn version(cmd: &str) -> Option<String> {
    let out = Command::new(cmd)
        .arg("--version")
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_string())
}

fn num_cpus() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// The real-library workload's package, installed at bench time (not committed).
fn install_handlebars(root: &Path) {
    let deps = root.join("bench/.deps");
    if deps
        .join("node_modules/handlebars/dist/handlebars.min.js")
        .exists()
    {
        return;
    }
    eprintln!("installing handlebars into bench/.deps (npm) ...");
    let _ = std::fs::create_dir_all(&deps);
    let ok = Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--silent", "--prefix"])
        .arg(&deps)
        .arg("handlebars@4")
        .stdout(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("npm install failed: the real-library workload will be skipped");
    }
}

/// Runs one workload file; returns its BENCH lines by name.
fn run_workload(cmd: &str, extra: &[&str], file: &Path, cwd: &Path) -> BTreeMap<String, Fields> {
    let out = Command::new(cmd)
        .args(extra)
        .arg("--expose-gc")
        .arg(file)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output();
    let mut results = BTreeMap::new();
    let Ok(out) = out else {
        eprintln!("  {cmd}: cannot run");
        return results;
    };
    if !out.status.success() {
        eprintln!(
            "  {cmd} {}: exit {:?}\n{}",
            file.display(),
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .take(8)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Some(json) = line.strip_prefix("BENCH ") else {
            continue;
        };
        if let Some((name, fields)) = parse_bench_line(json) {
            results.insert(name, fields);
        }
    }
    results
}

/// Reads `{"name":"x","a":1.5,...}`: a flat object of one string and numbers.
fn parse_bench_line(json: &str) -> Option<(String, Fields)> {
    let body = json.trim().strip_prefix('{')?.strip_suffix('}')?;
    let mut name = None;
    let mut fields = Fields::new();
    for part in body.split(',') {
        let (k, v) = part.split_once(':')?;
        let k = k.trim().trim_matches('"').to_string();
        let v = v.trim();
        if let Some(s) = v.strip_prefix('"') {
            if k == "name" {
                name = Some(s.trim_end_matches('"').to_string());
            }
        } else if let Ok(n) = v.parse::<f64>() {
            fields.insert(k, n);
        }
    }
    Some((name?, fields))
}

/// Median wall time of `cmd -e code` over 20 runs, after 2 warm-ups.
fn startup_ms(cmd: &str, code: &str) -> Option<f64> {
    let mut times = Vec::new();
    for i in 0..22 {
        let t = Instant::now();
        let status = Command::new(cmd)
            .arg("-e")
            .arg(code)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        if !status.success() {
            return None;
        }
        if i >= 2 {
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    Some(times[times.len() / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bench_lines() {
        let (name, f) = parse_bench_line(
            r#"{"name":"cpu_bound","us_per_op":822.07,"ops":1217,"rss":46133248}"#,
        )
        .unwrap();
        assert_eq!(name, "cpu_bound");
        assert_eq!(f["us_per_op"], 822.07);
        assert_eq!(f["ops"], 1217.0);
        assert!(parse_bench_line("not json").is_none());
    }
}
