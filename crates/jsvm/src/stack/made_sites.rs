//! Call sites the library makes, for frames the engine gives none for (the async functions
//! awaiting the one a job resumed, which V8 hands to `Error.prepareStackTrace` as sites of
//! their own): objects of the engine's own call site class, so that its getters and every
//! reader of sites treat them as the engine's.
//!
//! The engine has no call to give an object of one of its own classes its data
//! (`JS_SetOpaque` refuses them), so the data's place in an object is found once by a probe: in
//! a site the engine made, the one word holding the data `JS_GetAnyOpaque` reads. A made
//! object starts with that word empty; the word is written and read back through
//! `JS_GetAnyOpaque`. Any step that does not hold leaves sites unmade (code's formatter is
//! then given the engine's sites only), never a word written where the probe did not find it.

use std::ffi::c_void;
use std::sync::atomic::{AtomicUsize, Ordering};

use rquickjs::{qjs, Ctx, Object, Value};

/// The byte offset of an object's data word, once probed (0: not probed; `FAILED`: the probe
/// did not find exactly one).
static DATA_WORD: AtomicUsize = AtomicUsize::new(0);
const FAILED: usize = usize::MAX;
/// How far into an object the probe looks: the engine's object header, shape, properties and
/// weak references come first, then the data (a few words, well within any object).
const SEARCHED_WORDS: usize = 8;

/// The offset of the data word of objects of `model`'s class, probed on `model` (one of the
/// engine's sites, with its data) the first time.
fn data_word(model: &Object<'_>) -> Option<usize> {
    match DATA_WORD.load(Ordering::Acquire) {
        FAILED => return None,
        0 => {}
        known => return Some(known),
    }
    let mut class = 0;
    // SAFETY: `model` is a live object; its data is what the engine's reader gives.
    let data = unsafe { qjs::JS_GetAnyOpaque(model.as_raw(), &mut class) } as usize;
    let object = unsafe { qjs::JS_VALUE_GET_PTR(model.as_raw()) } as *const usize;
    let found: Vec<usize> = (1..SEARCHED_WORDS)
        // SAFETY: an engine object is larger than the words searched (header, shape,
        // properties, weak references and a union of several words).
        .filter(|&i| data != 0 && unsafe { std::ptr::read(object.add(i)) } == data)
        .map(|i| i * std::mem::size_of::<usize>())
        .collect();
    let offset = match found.as_slice() {
        [one] => *one,
        _ => FAILED,
    };
    DATA_WORD.store(offset, Ordering::Release);
    (offset != FAILED).then_some(offset)
}

/// A new object of `model`'s class (the engine's call sites) and prototype, holding `data`
/// (allocated with the engine's `js_malloc`, which the class's finalizer frees with the
/// engine's allocator). On `None`, `data` is not taken: the caller frees it.
///
/// # Safety
/// `data` must be what the class's finalizer and mark function expect its objects to hold.
pub(super) unsafe fn made_site<'js>(
    ctx: &Ctx<'js>,
    model: &Object<'js>,
    data: *mut c_void,
) -> Option<Object<'js>> {
    let offset = data_word(model)?;
    let mut class = 0;
    if qjs::JS_GetAnyOpaque(model.as_raw(), &mut class).is_null() {
        return None;
    }
    let c = ctx.as_raw().as_ptr();
    let made = Value::from_raw(ctx.clone(), qjs::JS_NewObjectClass(c, class as _));
    let made = made.into_object()?;
    // Of the model's realm (the class's prototype is the realm's).
    if made.get_prototype() != model.get_prototype() {
        return None;
    }
    let mut made_class = 0;
    let word = (qjs::JS_VALUE_GET_PTR(made.as_raw()) as *mut u8).add(offset) as *mut usize;
    if !qjs::JS_GetAnyOpaque(made.as_raw(), &mut made_class).is_null()
        || made_class != class
        || std::ptr::read(word) != 0
    {
        return None;
    }
    std::ptr::write(word, data as usize);
    if qjs::JS_GetAnyOpaque(made.as_raw(), &mut made_class) != data {
        // Not the data word after all: put the word back, and make no more.
        std::ptr::write(word, 0);
        DATA_WORD.store(FAILED, Ordering::Release);
        return None;
    }
    Some(made)
}
