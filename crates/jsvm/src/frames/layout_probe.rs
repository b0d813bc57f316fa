//! The guard every engine-layout probe runs under: once per process, one at a time (runtimes
//! start on several threads), on a 64-bit engine, after the layout it builds on.

use std::sync::atomic::{AtomicU8, Ordering};

use rquickjs::qjs;

/// Runs `check` once per process to decide `layout` (1: it holds, 2: it does not), given a
/// 64-bit engine and, when `after` is given, that layout holding (checked before).
pub(crate) fn once(layout: &AtomicU8, after: Option<&AtomicU8>, check: impl FnOnce() -> bool) {
    static PROBING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = PROBING.lock().unwrap_or_else(|e| e.into_inner());
    if layout.load(Ordering::Relaxed) != 0 {
        return;
    }
    let holds = std::mem::size_of::<usize>() == 8
        && std::mem::size_of::<qjs::JSValue>() == 16
        && after.is_none_or(|a| a.load(Ordering::Relaxed) == 1)
        && check();
    layout.store(if holds { 1 } else { 2 }, Ordering::Relaxed);
}
