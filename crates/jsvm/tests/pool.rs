//! The pool's async face and its queue: futures completed by the workers (any executor),
//! backpressure chosen by the caller, cancellation on drop, metrics.

use std::future::Future;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use futures::executor::block_on;
use jsvm::{Error, JobLimits, Runtime, RuntimePool};

fn spin_until_released(rt: &Runtime, release: mpsc::Receiver<()>) {
    // Holds the worker (in Rust) until the test lets it go.
    let _ = release.recv();
    let _ = rt;
}

#[test]
fn futures_complete_from_the_workers() {
    let pool = RuntimePool::new(2, Runtime::builder()).unwrap();
    let jobs: Vec<_> = (0..8)
        .map(|i| {
            pool.run_async(Default::default(), move |rt| {
                let ctx = rt
                    .new_context(&serde_json::json!({ "n": i }), Default::default())
                    .unwrap();
                ctx.eval::<i32>("n * n").unwrap()
            })
        })
        .collect();
    let answers: Vec<i32> = block_on(futures::future::join_all(jobs))
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(answers, (0..8).map(|i| i * i).collect::<Vec<_>>());
}

#[test]
fn a_full_queue_answers_or_waits_as_the_caller_chooses() {
    let pool = RuntimePool::with_capacity(1, Runtime::builder(), 1).unwrap();
    let (release, held) = mpsc::channel();
    // One job holds the worker, one fills the queue.
    let running = pool.spawn(move |rt| spin_until_released(rt, held));
    while pool.metrics().busy == 0 {
        std::thread::sleep(Duration::from_millis(1));
    }
    let queued = pool.spawn(|_| 1);
    assert_eq!(
        pool.metrics(),
        jsvm::PoolMetrics {
            threads: 1,
            busy: 1,
            queued: 1,
            capacity: 1
        }
    );
    // The caller that wants an answer now gets one.
    assert!(matches!(
        pool.try_spawn(Default::default(), |_| 2),
        Err(Error::QueueFull)
    ));
    assert!(matches!(
        pool.try_run_async(Default::default(), |_| 2),
        Err(Error::QueueFull)
    ));
    // The one that awaits gets its turn once there is room.
    let waiting = pool.run_async(Default::default(), |_| 3);
    release.send(()).unwrap();
    assert_eq!(block_on(waiting).unwrap(), 3);
    running.wait().unwrap();
    assert_eq!(queued.wait().unwrap(), 1);
    // (A worker counts itself free just after handing its result over.)
    let start = Instant::now();
    while pool.metrics().busy != 0 && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(1));
    }
    assert_eq!(pool.metrics().busy, 0);
}

#[test]
fn dropping_the_future_cancels_the_job() {
    let pool = RuntimePool::new(1, Runtime::builder()).unwrap();
    let (started_tx, started) = mpsc::channel();
    let job = pool.run_async(Default::default(), move |rt| {
        started_tx.send(()).unwrap();
        rt.main_context().eval::<()>("for (;;) {}")
    });
    // Polled once (so it is queued), then dropped while running.
    let mut job = Box::pin(job);
    let waker = futures::task::noop_waker();
    let mut cx = std::task::Context::from_waker(&waker);
    assert!(job.as_mut().poll(&mut cx).is_pending());
    started.recv().unwrap();
    let start = Instant::now();
    drop(job);
    // The worker is free again soon: the next job runs.
    assert_eq!(
        pool.run(|rt| rt.main_context().eval::<i32>("1 + 1").unwrap())
            .unwrap(),
        2
    );
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn a_job_future_carries_its_limits() {
    let pool = RuntimePool::new(1, Runtime::builder()).unwrap();
    let limits = JobLimits {
        timeout_ms: Some(30),
        ..Default::default()
    };
    let r = block_on(pool.run_async(limits, |rt| rt.main_context().eval::<()>("for (;;) {}")));
    assert_eq!(r, Err(Error::Timeout { ms: 30 }));
}
