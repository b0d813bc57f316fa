//! The calls of async host functions still waiting for their futures, kept by the runtime
//! (see `async_host.rs`).

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::Wake;
use std::thread::Thread;

use rquickjs::{qjs, Ctx, Function, Persistent, Value};

/// What a completed future does in its realm: the value to fulfil the promise with (`true`) or
/// to reject it with (`false`).
pub(crate) type Settler =
    Box<dyn for<'js> FnOnce(&Ctx<'js>) -> rquickjs::Result<(bool, Value<'js>)>>;

/// Wakes the runtime's thread and marks its call for polling.
pub(crate) struct CallWaker {
    pub(crate) woken: AtomicBool,
    pub(crate) thread: Thread,
}

impl Wake for CallWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::SeqCst);
        self.thread.unpark();
    }
}

/// One pending call of an async host function.
pub(crate) struct Call {
    pub(crate) future: Pin<Box<dyn Future<Output = Settler>>>,
    pub(crate) waker: Arc<CallWaker>,
    /// The promise's resolving functions (`None` once taken).
    pub(crate) settle: Option<(Persistent<Function<'static>>, Persistent<Function<'static>>)>,
    /// The realm the call was made in (a counted reference), where its result is converted.
    pub(crate) realm: NonNull<qjs::JSContext>,
}

impl Drop for Call {
    fn drop(&mut self) {
        // The realm's values first, then the realm.
        self.settle = None;
        unsafe { qjs::JS_FreeContext(self.realm.as_ptr()) };
    }
}

/// The pending calls of one runtime.
#[derive(Default)]
pub(crate) struct PendingCalls {
    pub(crate) calls: RefCell<Vec<Call>>,
}

impl PendingCalls {
    /// Whether any call is still waiting for its future.
    pub(crate) fn any(&self) -> bool {
        !self.calls.borrow().is_empty()
    }
    /// Drops every pending call (their promises stay pending): a runtime's next job starts
    /// with none, and none outlives the engine.
    pub(crate) fn clear(&self) {
        let calls = std::mem::take(&mut *self.calls.borrow_mut());
        drop(calls);
    }
}
