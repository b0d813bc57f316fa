//! Item 8: the pool. A panicking job is reported as such and its worker lives on; a job's own
//! timeout bounds all the JavaScript it runs, so a runaway job cannot hold a worker forever.

use std::time::{Duration, Instant};

use crate::attack;
use crate::harness::assert_within_twice;
use jsvm::{Error, JobLimits, RunOptions, Runtime, RuntimePool, Script};

fn pool() -> RuntimePool {
    RuntimePool::new(1, Runtime::builder()).unwrap()
}

fn limits(ms: u64) -> JobLimits {
    JobLimits {
        timeout_ms: Some(ms),
        ..Default::default()
    }
}

/// The one worker still serves: a job that counts past many interrupt checks (a frame left
/// due would stop it) completes.
fn assert_serves(pool: &RuntimePool) {
    let n = pool
        .run(|rt| {
            rt.main_context()
                .eval::<u32>("let i = 0; while (i < 1e6) i++; i")
        })
        .unwrap();
    assert_eq!(n, Ok(1_000_000));
}

attack!(
    a_panicking_job_is_reported_as_such_and_its_worker_serves_the_next,
    {
        let pool = pool();
        let err = pool.run(|_| -> () { panic!("boom") }).unwrap_err();
        assert_eq!(err, Error::JobPanicked(Some("boom".into())));
        assert_eq!(err.to_string(), "the job panicked: boom");
        assert_eq!(err.code(), None);
        let err = pool
            .run(|_| -> () { std::panic::panic_any(42) })
            .unwrap_err();
        assert_eq!(err, Error::JobPanicked(None));
        // A panic in the middle of JavaScript (in a host function) leaves the engine usable.
        let err = pool
            .run(|rt| {
                let ctx = rt.new_empty_context(Default::default()).unwrap();
                ctx.register("boom", |(): ()| -> Result<(), String> {
                    panic!("in a host function")
                })
                .unwrap();
                ctx.eval::<()>("boom()")
            })
            .unwrap_err();
        assert_eq!(err, Error::JobPanicked(Some("in a host function".into())));
        assert_serves(&pool);
    }
);

attack!(
    a_runaway_job_stops_at_its_timeout_and_its_worker_serves_the_next,
    {
        let pool = pool();
        let start = Instant::now();
        let r = pool
            .spawn_with_limits(limits(200), |rt| {
                // No run timeout of its own: only the job's bounds it.
                rt.main_context().eval::<()>("while (true) {}")
            })
            .wait();
        assert_within_twice(start.elapsed(), Duration::from_millis(200));
        assert_eq!(r, Err(Error::Timeout { ms: 200 }));
        assert_serves(&pool);
    }
);

attack!(
    a_run_inside_a_job_reports_its_own_timeout_when_it_is_the_first_reached,
    {
        let pool = pool();
        fn run_with(rt: &Runtime, ms: u64) -> jsvm::Result<()> {
            let options = RunOptions {
                timeout_ms: Some(ms),
                ..Default::default()
            };
            let spin = Script::lazy("while (true) {}", Default::default());
            rt.main_context().run::<()>(&spin, &options)
        }
        // The run's own limit is reached: the job sees it and goes on.
        let r = pool
            .spawn_with_limits(limits(5_000), |rt| (run_with(rt, 50), 7))
            .wait();
        assert_eq!(r, Ok((Err(Error::Timeout { ms: 50 }), 7)));
        // Then the job's, in a run whose own limit is further off.
        let (tx, rx) = std::sync::mpsc::channel();
        let start = Instant::now();
        let r = pool
            .spawn_with_limits(limits(300), move |rt| {
                tx.send(run_with(rt, 50)).unwrap();
                run_with(rt, 60_000)
            })
            .wait();
        assert_within_twice(start.elapsed(), Duration::from_millis(300));
        assert_eq!(rx.recv().unwrap(), Err(Error::Timeout { ms: 50 }));
        assert_eq!(r, Err(Error::Timeout { ms: 300 }));
        assert_serves(&pool);
    }
);

attack!(a_runaway_job_leaves_nothing_to_the_next, {
    let pool = pool();
    let start = Instant::now();
    let r = pool
        .spawn_with_limits(limits(100), |rt| {
            // Endless chains of promise jobs, then a loop: past the deadline none may go on.
            rt.main_context().eval::<()>(
                "globalThis.ticks = 0;
                 function tick() { ticks++; Promise.resolve().then(tick) }
                 for (let i = 0; i < 1000; i++) tick();
                 while (true) {}",
            )
        })
        .wait();
    assert_within_twice(start.elapsed(), Duration::from_millis(100));
    assert_eq!(r, Err(Error::Timeout { ms: 100 }));
    // The worker's runtime was replaced: no promise job, no global of the stopped job.
    let (pending, ticks) = pool
        .run(|rt| {
            let ticks = rt.main_context().eval::<String>("typeof ticks").unwrap();
            (rt.is_job_pending(), ticks)
        })
        .unwrap();
    assert!(!pending, "promise jobs outlived the job's deadline");
    assert_eq!(ticks, "undefined");
    assert_serves(&pool);
});
