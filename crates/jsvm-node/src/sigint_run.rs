//! Runs that SIGINT interrupts (Node's `breakOnSigint`), shared by scripts (`vm_binding`),
//! modules (`vm_module_binding`) and the host's signal handler (`process_binding`).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use jsvm::CancelToken;

/// How many runs with `breakOnSigint` are under way, and the token they all hold: SIGINT
/// cancels it (an interruption passes through every nested run anyway). Atomics only, so the
/// host's signal handler may call [`interrupt_sigint_runs`].
static SIGINT_DEPTH: AtomicUsize = AtomicUsize::new(0);
static SIGINT_TOKEN: OnceLock<CancelToken> = OnceLock::new();

/// Called by the host's SIGINT handler (async-signal-safe): interrupts the runs that asked for
/// it. Returns whether there was one (then the signal is consumed).
pub fn interrupt_sigint_runs() -> bool {
    if SIGINT_DEPTH.load(Ordering::SeqCst) == 0 {
        return false;
    }
    if let Some(t) = SIGINT_TOKEN.get() {
        t.cancel();
    }
    true
}

/// A run that SIGINT interrupts while this guard lives (Node's `breakOnSigint`).
pub(crate) struct SigintRun(Option<CancelToken>);

impl SigintRun {
    /// Registers the run if `enabled`; its `token()` goes in the run's options.
    pub(crate) fn new(enabled: bool) -> Self {
        if !enabled {
            return SigintRun(None);
        }
        let token = SIGINT_TOKEN.get_or_init(CancelToken::new).clone();
        if SIGINT_DEPTH.fetch_add(1, Ordering::SeqCst) == 0 {
            token.reset();
        }
        SigintRun(Some(token))
    }
    pub(crate) fn token(&self) -> Option<CancelToken> {
        self.0.clone()
    }
}

impl Drop for SigintRun {
    fn drop(&mut self) {
        if let Some(t) = &self.0 {
            if SIGINT_DEPTH.fetch_sub(1, Ordering::SeqCst) == 1 {
                t.reset();
            }
        }
    }
}
