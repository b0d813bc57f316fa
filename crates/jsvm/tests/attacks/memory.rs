//! Issue 10, item 6: running out of memory is reported as such and recovered from.

use jsvm::{Error, Runtime};

use crate::attack;

attack!(a_bomb_of_small_objects_is_out_of_memory, {
    let rt = Runtime::builder().memory_limit(32 << 20).build().unwrap();
    for shape in [
        "const a = []; for (;;) a.push({})",
        "const a = []; for (;;) a.push([1, 2])",
        "let o = {}; for (let i = 0;; i++) o = { o, i }",
        "const m = new Map(); for (let i = 0;; i++) m.set(i, {})",
        "const a = []; for (;;) a.push('x' + a.length)",
    ] {
        let ctx = rt.new_empty_context(Default::default()).unwrap();
        assert_eq!(
            ctx.eval::<()>(shape).unwrap_err(),
            Error::OutOfMemory,
            "{shape}"
        );
        drop(ctx);
        // The attacker's garbage is collected before a new context is refused.
        let next = rt.new_empty_context(Default::default()).unwrap();
        assert_eq!(
            next.eval::<i32>("[1, 2, 3].length").unwrap(),
            3,
            "after {shape}"
        );
    }
});

attack!(a_context_is_made_after_an_attacker_filled_the_heap, {
    let rt = Runtime::builder().memory_limit(32 << 20).build().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    // Kept live: fills most of the heap, but not all of it.
    ctx.eval::<()>("globalThis.keep = []; try { for (;;) keep.push({}) } catch (e) {} keep.length = keep.length / 4 | 0")
        .unwrap();
    drop(ctx);
    for _ in 0..20 {
        let next = rt.new_empty_context(Default::default()).unwrap();
        assert_eq!(next.eval::<i32>("7").unwrap(), 7);
    }
});
