//! The attack suite: hostile code against the boundary jsvm promises (issue 10, docs/security.md).
//!
//! Every case runs in a child process of its own (this test binary, started again on that one
//! case) under a watchdog: a hang, an abort or a crash of the child is a failure of the case,
//! never a stuck or dead test run. Each case states its expected outcome with assertions in
//! its body; timings are checked as "within 2x the limit", never as tight bounds.
//!
//! Add a case with [`attack!`]: `attack!(name, { body })` in one of the files below.

mod harness;

// Cases, a file per item of issue 10.
mod after_run;
mod cached_data;
mod compile_function;
mod conversions;
mod deep_sources;
mod expensive_steps;
mod hole_walks;
mod jobs;
mod lazy_stacks;
mod library_errors;
mod memory;
mod misuse;
mod pool;
mod realms;
mod shared;
mod stack_traces;
