//! Frames a host hides from the stacks the default format prints: its own event loop's, which
//! a host written in JavaScript has where Node's is native code (libuv's loop, V8's microtask
//! runner) and shows no frame.

use rquickjs::{Ctx, Function, Persistent, Value};

pub use crate::frames::HiddenFrames;

/// The most functions a runtime hides frames of.
const MAX_REGISTERED: usize = 64;

/// Leaves frames of `function` out of the stacks the default format prints (as `which` says),
/// as a host's own event loop would be native code in Node. Code's own `Error.prepareStackTrace`
/// is still given every frame. At most 64 functions (more are refused).
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let run: jsvm::engine::rquickjs::Function =
///         ctx.eval("(function run(f) { return f(); })").unwrap();
///     jsvm::engine::hide_frames(&ctx, &run, jsvm::engine::HiddenFrames::OwnAndBelow).unwrap();
///     ctx.globals().set("run", run).unwrap();
///     let stack: String = ctx
///         .eval("function inner() { return new Error('x').stack } run(inner)")
///         .unwrap();
///     assert!(stack.contains("at inner ("), "{stack}");
///     assert!(!stack.contains("at run ("), "{stack}");
/// });
/// ```
pub fn hide_frames<'js>(
    ctx: &Ctx<'js>,
    function: &Function<'js>,
    which: HiddenFrames,
) -> rquickjs::Result<()> {
    let state = crate::runtime::state::RuntimeState::of(ctx);
    let mut registered = state.hidden_frames.borrow_mut();
    if registered.len() >= MAX_REGISTERED {
        return Err(rquickjs::Exception::throw_range(
            ctx,
            "too many functions whose frames are hidden",
        ));
    }
    registered.push((Persistent::save(ctx, function.clone()), which));
    Ok(())
}

/// The functions a runtime hides frames of, by address, read once per stack.
pub(super) struct Marks(Vec<(usize, HiddenFrames)>);

impl Marks {
    pub(super) fn of(ctx: &Ctx<'_>) -> Marks {
        let state = crate::runtime::state::RuntimeState::of(ctx);
        let registered = state.hidden_frames.borrow();
        Marks(
            registered
                .iter()
                .filter_map(|(f, which)| {
                    let f = f.clone().restore(ctx).ok()?;
                    Some((
                        unsafe { rquickjs::qjs::JS_VALUE_GET_PTR(f.as_raw()) } as usize,
                        *which,
                    ))
                })
                .collect(),
        )
    }

    /// How the frames of `func` are hidden, if they are.
    pub(super) fn of_function(&self, func: Option<&Value<'_>>) -> Option<HiddenFrames> {
        let func = func.filter(|f| f.is_object())?;
        let at = unsafe { rquickjs::qjs::JS_VALUE_GET_PTR(func.as_raw()) } as usize;
        self.0
            .iter()
            .find(|(m, _)| *m == at)
            .map(|(_, which)| *which)
    }
}

/// Which frames of a stack are hidden, given each frame's function (`None` for a frame without
/// one), innermost first.
pub(super) fn hidden<'js>(ctx: &Ctx<'js>, functions: &[Option<&Value<'js>>]) -> Vec<bool> {
    let mut out = vec![false; functions.len()];
    let marks = Marks::of(ctx);
    if marks.0.is_empty() {
        return out;
    }
    for (i, func) in functions.iter().enumerate() {
        match marks.of_function(*func) {
            None => {}
            Some(HiddenFrames::Own) => out[i] = true,
            Some(HiddenFrames::Below) => {
                out[i + 1..].iter_mut().for_each(|h| *h = true);
                break;
            }
            Some(HiddenFrames::OwnAndBelow) => {
                out[i..].iter_mut().for_each(|h| *h = true);
                break;
            }
        }
    }
    out
}
