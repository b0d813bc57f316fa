//! The receiver V8 names a method call's frame by: `at Foo.bar` (the receiver's type before the
//! function's name), `at Object.m [as alias]` (the property it was called through, when its
//! name differs). The engine's call sites record no receiver; its frames hold it in two places,
//! read here while the error is made (the frames are the engine's live ones):
//! - a function called as `o.m(args)` from bytecode: the caller's operand stack holds
//!   `o, m, args...`, and when the callee was given as many arguments as it declares, its
//!   arguments are those very slots (the engine copies them otherwise: the receiver is then
//!   not known, and the frame keeps its plain name);
//! - a generator or async function: its state holds the `this` it was called with;
//! - a function called through a bound function of it (`f.bind(r)`) as a method, or through
//!   `Function.prototype.call` bound to it (`call.bind(f)`, as the `call-bind` package makes
//!   methods): the bound function, in the caller's operand stack, holds the `this` (or the
//!   `call` builtin's first argument is it), as V8's receiver.
//!
//! A frame entered any other way (`f()`, `f.call(o)`, a getter, a builtin's callback, a job)
//! keeps its plain name, as V8's is for the calls of the first kind.
//!
//! The fields read are the engine's (`JSStackFrame`, `JSAsyncFunctionState`, the opcode of a
//! method call) in QuickJS-ng of rquickjs-sys 0.14.0 (pinned), which the API does not expose:
//! [`probe`] checks them once per process on calls of known receivers, and until it has held
//! nothing is read. The type and the property are read as V8's `GetTypeName` and
//! `GetMethodName` read them, over own data properties only: no code runs (no getter, no
//! proxy trap), and every walk is bounded.

use std::ffi::c_int;
use std::sync::atomic::{AtomicU8, Ordering};

use rquickjs::{qjs, Ctx, Value};

use crate::descriptor::OwnProperty;

use crate::frames::{
    current_frame, frame_of, ARG_BUF, ARG_COUNT, CUR_FUNC, CUR_PC, PREV_FRAME, VAR_BUF, VAR_REFS,
};

/// In `JSBoundFunction`: the function bound, then the `this` bound.
const BOUND_FUNC: usize = 0;
const BOUND_THIS: usize = 16;
/// `offsetof(JSAsyncFunctionState, frame)`: the state's `this_val` comes first.
const STATE_FRAME: usize = 24;
// `OP_call_method` and `OP_tail_call_method` (3 bytes: the opcode, a 16-bit count), and
// `OP_apply` (the opcode, a 16-bit kind).
use crate::frames::bytecode::opcodes::{
    APPLY as OP_APPLY, CALL_METHOD as OP_CALL_METHOD, TAIL_CALL_METHOD as OP_TAIL_CALL_METHOD,
};
/// The engine's class ids (`JS_CLASS_*` of quickjs.c).
const CLASS_OBJECT: u32 = 1;
const CLASS_ARRAY: u32 = 2;
const CLASS_ERROR: u32 = 3;
const CLASS_C_FUNCTION: u32 = 12;
const CLASS_BYTECODE_FUNCTION: u32 = 13;
const CLASS_BOUND_FUNCTION: u32 = 14;
const CLASS_GENERATOR_FUNCTION: u32 = 17;
const CLASS_PROXY: u32 = 51;
const CLASS_ASYNC_FUNCTION: u32 = 55;
const CLASS_ASYNC_GENERATOR_FUNCTION: u32 = 59;
/// `JS_CLASS_INIT_COUNT`: the classes past it are the embedder's (the contextified global's
/// hooks among them), whose properties are not read.
const CLASS_INIT_COUNT: u32 = 67;
/// The function classes, and the names of the others V8 would give when nothing else names
/// the receiver (its `class_name`).
const FUNCTION_CLASSES: [u32; 8] = [12, 13, 14, 15, 16, 17, 55, 59];

/// The engine's mark of an atom that is an array index (`JS_ATOM_TAG_INT`).
const ATOM_TAG_INT: u32 = 1 << 31;
/// The most objects of a prototype chain looked into.
const MAX_CHAIN: usize = 32;
/// The most frames passed over, in all, to find the sites' frames.
const MAX_WALK: usize = 1 << 16;
/// The most frames a site's frame is looked for past the last one found.
const LOOKAHEAD: usize = 64;
/// The most property slots of an object whose keys are listed to find the property a function
/// was called through, and the most keys listed for one frame.
const MAX_LISTED: usize = 256;
const MAX_LISTED_PER_FRAME: usize = 1024;

/// 0: not probed; 1: the layout holds; 2: it does not.
static LAYOUT: AtomicU8 = AtomicU8::new(0);
/// The checks the probe passed (one bit each).
static PASSED: AtomicU8 = AtomicU8::new(0);
const ALL_PASSED: u8 = 0b11111;

/// Whether the frames' receivers are read (the layout held when probed).
pub(super) fn layout_holds() -> bool {
    LAYOUT.load(Ordering::Relaxed) == 1
}

/// Where the receiver of a live frame is held.
enum Held {
    /// The value (borrowed from the engine's frames).
    Receiver(qjs::JSValue),
    /// Maybe in the frame of the builtin that called the function (`call`, `apply`,
    /// `Reflect.apply`), given: see [`through`].
    Through(*const u8),
}

/// Where the receiver of the live frame `sf` is held, when the engine holds it where it can be
/// told: `None` when the frame was not entered as a method call from bytecode (or was given
/// fewer arguments than it declares), nor by a builtin, and is no generator's or async
/// function's.
unsafe fn receiver_of(ctx: &Ctx<'_>, sf: *const u8) -> Option<Held> {
    let func = std::ptr::read_unaligned(sf.add(CUR_FUNC) as *const qjs::JSValue);
    if qjs::JS_VALUE_GET_TAG(func) != qjs::JS_TAG_OBJECT {
        return None;
    }
    match qjs::JS_GetClassID(func) {
        CLASS_GENERATOR_FUNCTION | CLASS_ASYNC_FUNCTION | CLASS_ASYNC_GENERATOR_FUNCTION => {
            // Its frame is the one its state holds.
            Some(Held::Receiver(std::ptr::read_unaligned(
                sf.sub(STATE_FRAME) as *const qjs::JSValue,
            )))
        }
        CLASS_BYTECODE_FUNCTION => match method_call(sf)
            .or_else(|| copied_method_call(ctx, sf))
            .or_else(|| bound_method_call(ctx, sf))
            .or_else(|| bound_plain_call(ctx, sf))
            .or_else(|| iterator_next_call(ctx, sf))
            .or_else(|| property_call(ctx, sf))
        {
            Some((receiver, _)) => Some(Held::Receiver(receiver)),
            None => {
                let caller = std::ptr::read_unaligned(sf.add(PREV_FRAME) as *const *const u8);
                if caller.is_null() {
                    return None;
                }
                let by = std::ptr::read_unaligned(caller.add(CUR_FUNC) as *const qjs::JSValue);
                (qjs::JS_VALUE_GET_TAG(by) == qjs::JS_TAG_OBJECT
                    && qjs::JS_GetClassID(by) == CLASS_C_FUNCTION)
                    .then_some(Held::Through(caller))
            }
        },
        _ => None,
    }
}

/// The receiver of the bytecode frame `sf` called by the builtin of frame `caller`, when that
/// builtin is the realm's `Function.prototype.call` or `apply` (itself called as a method of
/// the function: `f.call(o, ...)`, `f.apply(o, args)`) or `Reflect.apply(f, o, args)`, whose
/// addresses are `call_apply`.
unsafe fn through(
    ctx: &Ctx<'_>,
    sf: *const u8,
    caller: *const u8,
    call_apply: [usize; 3],
) -> Option<qjs::JSValue> {
    let func = std::ptr::read_unaligned(sf.add(CUR_FUNC) as *const qjs::JSValue);
    let by = std::ptr::read_unaligned(caller.add(CUR_FUNC) as *const qjs::JSValue);
    let at = qjs::JS_VALUE_GET_PTR(by) as usize;
    if qjs::JS_VALUE_GET_TAG(by) != qjs::JS_TAG_OBJECT || at == 0 {
        return None;
    }
    let is_func = |v: qjs::JSValue| {
        qjs::JS_VALUE_GET_TAG(v) == qjs::JS_TAG_OBJECT
            && qjs::JS_VALUE_GET_PTR(v) == qjs::JS_VALUE_GET_PTR(func)
    };
    // Each declares an argument or more, which the engine pads its frames to.
    let args = std::ptr::read_unaligned(caller.add(ARG_BUF) as *const *const qjs::JSValue);
    let count = std::ptr::read_unaligned(caller.add(ARG_COUNT) as *const u16);
    if args.is_null() {
        return None;
    }
    if !call_apply.contains(&at) {
        // An array method given the function and a `this` for it (`a.forEach(f, this)`, as
        // ES5 code passes its object): that `this`.
        if count >= 2 && is_func(*args) && takes_this_arg(ctx, by) {
            return Some(*args.add(1));
        }
        // Another builtin (`forEach`, an emitter's `apply`...) called a bound function of it
        // given as an argument: the `this` bound (the first few arguments are looked at).
        return (0..usize::from(count).min(4)).find_map(|i| bound_this(*args.add(i), func));
    }
    if at == call_apply[2] {
        // `Reflect.apply(f, o, args)`: the function it called is its first argument (or a
        // bound function of it, whose `this` is the receiver).
        if count < 3 {
            return None;
        }
        return if is_func(*args) {
            Some(*args.add(1))
        } else {
            bound_this(*args, func)
        };
    }
    // `call` bound to the function (`Function.prototype.call.bind(f)`, as the `call-bind`
    // package makes methods: tape binds every method of its tests so) called as a method.
    if at == call_apply[0] && count >= 1 {
        let bound_to = caller_slots(caller)
            .and_then(|slots| pending_method_callee(ctx, &slots))
            .and_then(|callee| bound(callee));
        if let Some((target, this)) = bound_to {
            if qjs::JS_VALUE_GET_PTR(target) as usize == at && is_func(this) {
                return Some(*args);
            }
        }
    }
    // `f.apply(o)` gives `apply` fewer arguments than it declares: a copy.
    let (called, _) = method_call(caller).or_else(|| copied_method_call(ctx, caller))?;
    if !is_func(called) {
        // `b.call(o)` of a bound function `b` of it: the `this` bound.
        return bound_this(called, func);
    }
    (count >= 1).then(|| *args)
}

/// Whether the builtin `by` (borrowed) is one of the array methods that call their callback
/// (the first argument) with the second as its `this`, told by its own name.
fn takes_this_arg(ctx: &Ctx<'_>, by: qjs::JSValue) -> bool {
    let by = unsafe { Value::from_raw(ctx.clone(), qjs::JS_DupValue(ctx.as_raw().as_ptr(), by)) };
    own_string(ctx, &by, qjs::JS_ATOM_name as qjs::JSAtom).is_some_and(|n| {
        matches!(
            n.as_str(),
            "forEach"
                | "map"
                | "filter"
                | "some"
                | "every"
                | "find"
                | "findIndex"
                | "findLast"
                | "findLastIndex"
                | "flatMap"
        )
    })
}

/// The callee of the call `o.m(args)` (`OP_call_method`) the bytecode frame of `slots` is in,
/// from the depth of its operand stack there.
unsafe fn pending_method_callee(ctx: &Ctx<'_>, slots: &CallerSlots) -> Option<qjs::JSValue> {
    let pc = slots.pc;
    if pc.is_null() || !matches!(*pc.sub(3), OP_CALL_METHOD | OP_TAIL_CALL_METHOD) {
        return None;
    }
    let operand = std::ptr::read_unaligned(pc.sub(2) as *const u16) as usize;
    let caller_value = Value::from_raw(
        ctx.clone(),
        qjs::JS_DupValue(ctx.as_raw().as_ptr(), slots.caller_func),
    );
    let (depth, stack_size) = crate::frames::bytecode::depth_at_call(&caller_value, pc, 3)?;
    let size = std::mem::size_of::<qjs::JSValue>();
    let stack_buf = slots.high.checked_sub(stack_size * size)?;
    let at = stack_buf + depth.checked_sub(operand + 1)? * size;
    (at >= slots.low && at + size <= slots.high).then(|| *(at as *const qjs::JSValue))
}

/// The function and the `this` a bound function binds (borrowed).
unsafe fn bound(f: qjs::JSValue) -> Option<(qjs::JSValue, qjs::JSValue)> {
    if qjs::JS_VALUE_GET_TAG(f) != qjs::JS_TAG_OBJECT
        || qjs::JS_GetClassID(f) != CLASS_BOUND_FUNCTION
    {
        return None;
    }
    let b = qjs::JS_GetOpaque(f, CLASS_BOUND_FUNCTION) as *const u8;
    if b.is_null() {
        return None;
    }
    Some((
        std::ptr::read_unaligned(b.add(BOUND_FUNC) as *const qjs::JSValue),
        std::ptr::read_unaligned(b.add(BOUND_THIS) as *const qjs::JSValue),
    ))
}

/// The receiver of frame `sf` (and the function called) when its caller, a bytecode function,
/// called a bound function of it as a method (`o.m(args)`, `o.m` being `f.bind(r)`): V8's
/// receiver is the `this` bound (the innermost bind's, for a bind of a bind).
unsafe fn bound_method_call(ctx: &Ctx<'_>, sf: *const u8) -> Option<(qjs::JSValue, qjs::JSValue)> {
    let slots = caller_slots(sf)?;
    let callee = pending_method_callee(ctx, &slots)?;
    bound_this(callee, slots.func).map(|this| (this, slots.func))
}

/// The `this` the bound function `callee` (or a bind of a bind of it) binds `func` to: the
/// innermost bind's, which V8 gives as the receiver.
unsafe fn bound_this(mut callee: qjs::JSValue, func: qjs::JSValue) -> Option<qjs::JSValue> {
    for _ in 0..8 {
        let (target, this) = bound(callee)?;
        if qjs::JS_VALUE_GET_TAG(target) == qjs::JS_TAG_OBJECT
            && qjs::JS_VALUE_GET_PTR(target) == qjs::JS_VALUE_GET_PTR(func)
        {
            return Some(this);
        }
        callee = target;
    }
    None
}

/// The receiver of frame `sf` (and the function called) when its caller, a bytecode function,
/// called a bound function of it plainly (`b(args)`, `b(...args)`): V8's receiver is the
/// `this` bound (a method bound to its object and called as a callback: `at Foo.m`).
unsafe fn bound_plain_call(ctx: &Ctx<'_>, sf: *const u8) -> Option<(qjs::JSValue, qjs::JSValue)> {
    let slots = caller_slots(sf)?;
    // A direct call given as many arguments as the function declares runs on the caller's
    // slots: no bound function between (and no walk of the caller's code, which is linear).
    if slots.pc.is_null() || (slots.low..slots.high).contains(&(slots.args as usize)) {
        return None;
    }
    let caller_value = Value::from_raw(
        ctx.clone(),
        qjs::JS_DupValue(ctx.as_raw().as_ptr(), slots.caller_func),
    );
    let (slot, stack_size) = crate::frames::bytecode::plain_callee_slot(&caller_value, slots.pc)?;
    let size = std::mem::size_of::<qjs::JSValue>();
    let at = slots.high.checked_sub(stack_size * size)? + slot * size;
    if at < slots.low || at + size > slots.high {
        return None;
    }
    let callee = *(at as *const qjs::JSValue);
    bound_this(callee, slots.func).map(|this| (this, slots.func))
}

/// The receiver of frame `sf` (and the function called) when its caller, a bytecode function,
/// called it as the `next` method of an iterator it iterates (`for (x of it)`, `const [a] =
/// it`, `yield*`): the iterator, which the caller's operand stack holds below the method.
unsafe fn iterator_next_call(ctx: &Ctx<'_>, sf: *const u8) -> Option<(qjs::JSValue, qjs::JSValue)> {
    use crate::frames::bytecode::opcodes::{FOR_OF_NEXT, ITERATOR_NEXT};
    let slots = caller_slots(sf)?;
    if slots.pc.is_null() {
        return None;
    }
    let caller_value = Value::from_raw(
        ctx.clone(),
        qjs::JS_DupValue(ctx.as_raw().as_ptr(), slots.caller_func),
    );
    if !crate::frames::bytecode::caller_walkable(&caller_value) {
        return None;
    }
    let stopped = crate::frames::bytecode::stopped_in(
        &caller_value,
        slots.pc,
        &[FOR_OF_NEXT, ITERATOR_NEXT],
    )?;
    // `for_of_next` (two bytes) finds the iterator and its method an operand's count of slots
    // below its three; `iterator_next` (one byte) has them at the fourth and third from the top.
    let (iterator_below, method_below) = match stopped.pops {
        3 => {
            let o = usize::from(*slots.pc.sub(1));
            (3 + o, 2 + o)
        }
        4 => (4, 3),
        _ => return None,
    };
    let size = std::mem::size_of::<qjs::JSValue>();
    let base = slots.high.checked_sub(stopped.stack_size * size)?;
    let slot = |below: usize| -> Option<qjs::JSValue> {
        let at = base + stopped.depth.checked_sub(below)? * size;
        (at >= slots.low && at + size <= slots.high).then(|| *(at as *const qjs::JSValue))
    };
    let method = slot(method_below)?;
    (qjs::JS_VALUE_GET_TAG(method) == qjs::JS_TAG_OBJECT
        && qjs::JS_VALUE_GET_PTR(method) == qjs::JS_VALUE_GET_PTR(slots.func))
    .then(|| slot(iterator_below).map(|r| (r, slots.func)))
    .flatten()
}

/// The receiver of frame `sf` (and the function called) when its caller, a bytecode function,
/// runs it by reading or assigning a property (`o.x`, `o[k]`, `o.x = v`), while the caller's
/// operand stack holds the object: a getter of the object's chain for that name (`get_field`),
/// whose receiver is the object; a proxy's `get` or `set` trap, whose receiver is the proxy's
/// handler (V8's `at Object.get`).
unsafe fn property_call(ctx: &Ctx<'_>, sf: *const u8) -> Option<(qjs::JSValue, qjs::JSValue)> {
    use crate::frames::bytecode::opcodes::{
        GET_ARRAY_EL, GET_ARRAY_EL2, GET_FIELD, GET_FIELD2, PUT_ARRAY_EL, PUT_FIELD,
    };
    let slots = caller_slots(sf)?;
    if slots.pc.is_null() {
        return None;
    }
    let c = ctx.as_raw().as_ptr();
    let caller_value = Value::from_raw(ctx.clone(), qjs::JS_DupValue(c, slots.caller_func));
    if !crate::frames::bytecode::caller_walkable(&caller_value) {
        return None;
    }
    // The field instructions are the opcode and a 32-bit atom; the element ones one byte.
    let (stopped, op) = match crate::frames::bytecode::stopped_in(
        &caller_value,
        slots.pc,
        &[GET_FIELD, GET_FIELD2, PUT_FIELD],
    ) {
        Some(s) => (s, *slots.pc.sub(5)),
        None => (
            crate::frames::bytecode::stopped_in(
                &caller_value,
                slots.pc,
                &[GET_ARRAY_EL, GET_ARRAY_EL2, PUT_ARRAY_EL],
            )?,
            *slots.pc.sub(1),
        ),
    };
    let size = std::mem::size_of::<qjs::JSValue>();
    let at = slots.high.checked_sub(stopped.stack_size * size)?
        + stopped.depth.checked_sub(stopped.pops)? * size;
    if at < slots.low || at + size > slots.high {
        return None;
    }
    let object = *(at as *const qjs::JSValue);
    if qjs::JS_VALUE_GET_TAG(object) != qjs::JS_TAG_OBJECT {
        return None;
    }
    let func = Value::from_raw(ctx.clone(), qjs::JS_DupValue(c, slots.func));
    let trap = match op {
        PUT_FIELD | PUT_ARRAY_EL => qjs::JS_ATOM_set,
        _ => qjs::JS_ATOM_get,
    } as qjs::JSAtom;
    // A getter is looked for by the field's name; an element's key is not read.
    let atom = matches!(op, GET_FIELD | GET_FIELD2)
        .then(|| std::ptr::read_unaligned(slots.pc.sub(4) as *const u32));
    let mut current = Value::from_raw(ctx.clone(), qjs::JS_DupValue(c, object));
    for _ in 0..MAX_CHAIN {
        if is_proxy(&current) {
            // The first proxy of the chain runs the trap, on its handler (which the proxy
            // holds: the value read here is borrowed from it).
            let handler =
                Value::from_raw(ctx.clone(), qjs::JS_GetProxyHandler(c, current.as_raw()));
            if handler.is_exception() {
                drop(ctx.catch());
                return None;
            }
            let raw = handler.as_raw();
            return (handler.is_object() && held_along(ctx, handler, trap, &func, false))
                .then_some((raw, slots.func));
        }
        if let Some(atom) = atom {
            if own(ctx, &current, atom).is_some() {
                let start = Value::from_raw(ctx.clone(), qjs::JS_DupValue(c, object));
                return held_along(ctx, start, atom, &func, true).then_some((object, slots.func));
            }
        }
        current = prototype(ctx, &current)?;
    }
    None
}

/// Whether `func` is the property `atom` of `start` or of the first object of its chain that
/// has one: its getter (`getter`), else its value.
fn held_along<'js>(
    ctx: &Ctx<'js>,
    start: Value<'js>,
    atom: qjs::JSAtom,
    func: &Value<'js>,
    getter: bool,
) -> bool {
    let mut current = start;
    for _ in 0..MAX_CHAIN {
        if let Some(p) = own(ctx, &current, atom) {
            return match getter {
                true => p.is_accessor() && p.getter == *func,
                false => !p.is_accessor() && p.value == *func,
            };
        }
        match prototype(ctx, &current) {
            Some(p) => current = p,
            None => return false,
        }
    }
    false
}

/// What a bytecode frame's caller holds of the call: the frame's function, the caller's locals
/// and operand stack (`low..high`, the engine places `var_refs` right after the stack), the
/// frame's arguments and their count, and the caller's resume position.
struct CallerSlots {
    func: qjs::JSValue,
    caller_func: qjs::JSValue,
    low: usize,
    high: usize,
    args: *const qjs::JSValue,
    count: usize,
    pc: *const u8,
}

/// The slots of `sf`'s call, when its caller is a bytecode function's frame.
unsafe fn caller_slots(sf: *const u8) -> Option<CallerSlots> {
    let func = std::ptr::read_unaligned(sf.add(CUR_FUNC) as *const qjs::JSValue);
    let caller = std::ptr::read_unaligned(sf.add(PREV_FRAME) as *const *const u8);
    if caller.is_null() || qjs::JS_VALUE_GET_TAG(func) != qjs::JS_TAG_OBJECT {
        return None;
    }
    let caller_func = std::ptr::read_unaligned(caller.add(CUR_FUNC) as *const qjs::JSValue);
    if qjs::JS_VALUE_GET_TAG(caller_func) != qjs::JS_TAG_OBJECT
        || !matches!(
            qjs::JS_GetClassID(caller_func),
            CLASS_BYTECODE_FUNCTION
                | CLASS_GENERATOR_FUNCTION
                | CLASS_ASYNC_FUNCTION
                | CLASS_ASYNC_GENERATOR_FUNCTION
        )
    {
        return None;
    }
    let low = std::ptr::read_unaligned(caller.add(VAR_BUF) as *const *const qjs::JSValue);
    let high = std::ptr::read_unaligned(caller.add(VAR_REFS) as *const *const qjs::JSValue);
    let args = std::ptr::read_unaligned(sf.add(ARG_BUF) as *const *const qjs::JSValue);
    let count = std::ptr::read_unaligned(sf.add(ARG_COUNT) as *const u16) as usize;
    let pc = std::ptr::read_unaligned(caller.add(CUR_PC) as *const *const u8);
    // A call given no arguments may leave `args` null (a builtin's call of `next`): no reader
    // of the slots reads them then (they are not in the caller's range).
    if low.is_null() || high < low {
        return None;
    }
    Some(CallerSlots {
        func,
        caller_func,
        low: low as usize,
        high: high as usize,
        args,
        count,
        pc,
    })
}

/// The receiver of frame `sf` (and the function called), when its caller is a bytecode frame
/// that called it as `o.m(args)` with as many arguments as it declares: its arguments are then
/// the caller's own slots, above the receiver and the function.
unsafe fn method_call(sf: *const u8) -> Option<(qjs::JSValue, qjs::JSValue)> {
    let CallerSlots {
        func,
        low,
        high,
        args,
        count,
        pc,
        ..
    } = caller_slots(sf)?;
    let at = args as usize;
    let size = std::mem::size_of::<qjs::JSValue>();
    if at < low + 2 * size || at + count * size > high || !(at - low).is_multiple_of(size) {
        return None;
    }
    // Only then is the caller known to be in a call (it passes its slots to no other kind of
    // call), and its `cur_pc` to be past that call's instruction.
    if pc.is_null() {
        return None;
    }
    let op = *pc.sub(3);
    let argc = std::ptr::read_unaligned(pc.sub(2) as *const u16) as usize;
    let callee = *args.sub(1);
    let same = qjs::JS_VALUE_GET_TAG(callee) == qjs::JS_TAG_OBJECT
        && qjs::JS_VALUE_GET_PTR(callee) == qjs::JS_VALUE_GET_PTR(func);
    (matches!(op, OP_CALL_METHOD | OP_TAIL_CALL_METHOD) && argc == count && same)
        .then(|| (*args.sub(2), func))
}

/// The receiver of frame `sf` (and the function called) when its caller, a bytecode function,
/// called it as `o.m(args)` with fewer arguments than it declares, or as `o.m(...args)`: the
/// callee then runs on a copy of its arguments, and the caller's slots of the call are found
/// from the depth of its operand stack at the call instruction, which a walk of its bytecode
/// gives. The slots are `o, m, args...` on top for the first, `m, o, array` for the second.
unsafe fn copied_method_call(ctx: &Ctx<'_>, sf: *const u8) -> Option<(qjs::JSValue, qjs::JSValue)> {
    let CallerSlots {
        func,
        caller_func,
        low,
        high,
        args,
        count,
        pc,
    } = caller_slots(sf)?;
    if pc.is_null() {
        return None;
    }
    let size = std::mem::size_of::<qjs::JSValue>();
    if (low..high).contains(&(args as usize)) {
        return None; // not a copy: `method_call`'s case
    }
    // Both instructions are three bytes: the opcode and a 16-bit operand.
    let operand = std::ptr::read_unaligned(pc.sub(2) as *const u16) as usize;
    let (callee_below, receiver_below) = match *pc.sub(3) {
        OP_CALL_METHOD | OP_TAIL_CALL_METHOD if operand < count => (operand + 1, operand + 2),
        // A plain call (not `new`).
        OP_APPLY if operand == 0 => (3, 2),
        _ => return None,
    };
    let caller_value = Value::from_raw(
        ctx.clone(),
        qjs::JS_DupValue(ctx.as_raw().as_ptr(), caller_func),
    );
    let (depth, stack_size) = crate::frames::bytecode::depth_at_call(&caller_value, pc, 3)?;
    // The operand stack ends where the engine placed `var_refs`.
    let stack_buf = high.checked_sub(stack_size * size)?;
    let slot = |below: usize| -> Option<qjs::JSValue> {
        let at = stack_buf + depth.checked_sub(below)? * size;
        (at >= low && at + size <= high).then(|| *(at as *const qjs::JSValue))
    };
    let callee = slot(callee_below)?;
    (qjs::JS_VALUE_GET_TAG(callee) == qjs::JS_TAG_OBJECT
        && qjs::JS_VALUE_GET_PTR(callee) == qjs::JS_VALUE_GET_PTR(func))
    .then(|| slot(receiver_below).map(|r| (r, func)))
    .flatten()
}

/// The addresses of the realm's `Function.prototype.call` and `apply`, and `Reflect.apply`
/// (0 when not found).
fn call_and_apply<'js>(ctx: &Ctx<'js>) -> [usize; 3] {
    let c = ctx.as_raw().as_ptr();
    let address = |obj: &Value<'js>, name: &str| -> Option<Value<'js>> {
        readable(obj.as_raw())
            .then(|| crate::descriptor::own_named(ctx, obj, name))
            .flatten()
            .filter(|p| !p.is_accessor() && p.value.is_object())
            .map(|p| p.value)
    };
    let at = |v: Option<Value<'js>>| {
        v.map_or(0, |v| unsafe { qjs::JS_VALUE_GET_PTR(v.as_raw()) } as usize)
    };
    let proto = unsafe { Value::from_raw(ctx.clone(), qjs::JS_GetFunctionProto(c)) };
    let global = unsafe { Value::from_raw(ctx.clone(), qjs::JS_GetGlobalObject(c)) };
    let reflect_apply = address(&global, "Reflect").and_then(|r| address(&r, "apply"));
    [
        at(address(&proto, "call")),
        at(address(&proto, "apply")),
        at(reflect_apply),
    ]
}

/// The receivers of the live frames of `functions` (the functions of a fresh stack's sites,
/// innermost first; `None` for a site without one), each where it is known. A site is matched
/// to the next frame of its function, below the frame matched last.
pub(super) fn receivers<'js>(
    ctx: &Ctx<'js>,
    functions: &[Option<&Value<'js>>],
) -> Vec<Option<Value<'js>>> {
    let mut out = Vec::with_capacity(functions.len());
    if !layout_holds() {
        out.resize_with(functions.len(), || None);
        return out;
    }
    let c = ctx.as_raw().as_ptr();
    // Read when a frame was called by a builtin.
    let mut call_apply = None;
    let mut walked = 0usize;
    unsafe {
        let mut cursor = current_frame(c);
        for func in functions {
            let found = func.filter(|f| f.is_object()).and_then(|f| {
                let target = qjs::JS_VALUE_GET_PTR(f.as_raw()) as usize;
                let mut sf = cursor;
                for _ in 0..LOOKAHEAD {
                    if sf.is_null() || walked >= MAX_WALK {
                        return None;
                    }
                    walked += 1;
                    if frame_of(sf, target) {
                        return Some(sf);
                    }
                    sf = std::ptr::read_unaligned(sf.add(PREV_FRAME) as *const *const u8);
                }
                None
            });
            out.push(found.and_then(|sf| {
                cursor = std::ptr::read_unaligned(sf.add(PREV_FRAME) as *const *const u8);
                let receiver = match receiver_of(ctx, sf)? {
                    Held::Receiver(v) => v,
                    Held::Through(caller) => through(
                        ctx,
                        sf,
                        caller,
                        *call_apply.get_or_insert_with(|| call_and_apply(ctx)),
                    )?,
                };
                Some(Value::from_raw(ctx.clone(), qjs::JS_DupValue(c, receiver)))
            }));
        }
    }
    out
}

/// How V8 names a method call's frame besides the function's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Method {
    /// The receiver's type as the frame prints it (a class's name for a static method).
    pub(super) type_name: Option<String>,
    /// The receiver is a function (a class, for a static method): its call site's
    /// `getTypeName` is `Function`, as V8's.
    pub(super) function_receiver: bool,
    /// The property of the receiver (or its prototypes) that holds the function
    /// (`GetMethodName`).
    pub(super) method_name: Option<String>,
}

/// Names the method calls of one stack's frames: the realm's global read once, and each
/// receiver's type and property read once (receivers repeat: `this.m()` in `m`).
pub(super) struct Naming<'js> {
    ctx: Ctx<'js>,
    global: Value<'js>,
    /// By the receiver's address (the receivers are held while their stack is named).
    types: Vec<(usize, Option<String>)>,
    /// By the receiver's and the function's addresses.
    methods: Vec<((usize, usize), Option<String>)>,
    /// Bytes of source read for anonymous constructors' inferred names.
    inferred_bytes: usize,
}

/// The most receivers (and functions) whose names one stack keeps (a stack is searched
/// linearly: most have a few frames).
const MAX_KEPT: usize = 32;

/// The value kept for `key` in `kept`, else `make`'s (kept while there is room).
fn kept<K: PartialEq + Copy>(
    kept: &mut Vec<(K, Option<String>)>,
    key: K,
    make: impl FnOnce() -> Option<String>,
) -> Option<String> {
    if let Some((_, v)) = kept.iter().find(|(k, _)| *k == key) {
        return v.clone();
    }
    let v = make();
    if kept.len() < MAX_KEPT {
        kept.push((key, v.clone()));
    }
    v
}

impl<'js> Naming<'js> {
    pub(super) fn new(ctx: &Ctx<'js>) -> Self {
        let global =
            unsafe { Value::from_raw(ctx.clone(), qjs::JS_GetGlobalObject(ctx.as_raw().as_ptr())) };
        Naming {
            ctx: ctx.clone(),
            global,
            types: Vec::new(),
            methods: Vec::new(),
            inferred_bytes: 0,
        }
    }

    /// The method call naming of a frame of `func` (named `name`) called on `receiver`; `None`
    /// for no method call (V8's top-level calls: an undefined, null or global receiver), or
    /// when the receiver cannot be read without running code.
    pub(super) fn method_of(
        &mut self,
        receiver: &Value<'js>,
        func: &Value<'js>,
        name: &str,
    ) -> Option<Method> {
        if receiver.is_undefined() || receiver.is_null() {
            return None;
        }
        let primitive = match receiver.type_of() {
            rquickjs::Type::Int | rquickjs::Type::Float => Some("Number"),
            rquickjs::Type::String => Some("String"),
            rquickjs::Type::Bool => Some("Boolean"),
            rquickjs::Type::Symbol => Some("Symbol"),
            rquickjs::Type::BigInt => Some("BigInt"),
            _ => None,
        };
        if let Some(t) = primitive {
            return Some(Method {
                type_name: Some(t.into()),
                function_receiver: false,
                method_name: None,
            });
        }
        let raw = receiver.as_raw();
        if !receiver.is_object() {
            return None;
        }
        if unsafe { qjs::JS_GetClassID(raw) } == CLASS_PROXY {
            return Some(Method {
                type_name: Some("Proxy".into()),
                function_receiver: false,
                method_name: None,
            });
        }
        if !readable(raw) || self.global == *receiver {
            return None;
        }
        let ctx = &self.ctx;
        let at = unsafe { qjs::JS_VALUE_GET_PTR(raw) } as usize;
        let function_at = unsafe { qjs::JS_VALUE_GET_PTR(func.as_raw()) } as usize;
        let read = &mut self.inferred_bytes;
        let type_name = kept(&mut self.types, at, || type_name(ctx, receiver, read));
        let method_name = kept(&mut self.methods, (at, function_at), || {
            method_name(ctx, receiver, func, name)
        });
        Some(Method {
            type_name,
            function_receiver: unsafe { qjs::JS_IsFunction(ctx.as_raw().as_ptr(), raw) },
            method_name,
        })
    }
}

/// An object whose own properties are read without running code: no proxy, none of the
/// embedder's classes (whose hooks may run code).
fn readable(v: qjs::JSValue) -> bool {
    unsafe {
        qjs::JS_VALUE_GET_TAG(v) == qjs::JS_TAG_OBJECT && {
            let class = qjs::JS_GetClassID(v);
            class != 0 && class < CLASS_INIT_COUNT && class != CLASS_PROXY
        }
    }
}

fn is_proxy(v: &Value<'_>) -> bool {
    v.is_object() && unsafe { qjs::JS_GetClassID(v.as_raw()) } == CLASS_PROXY
}

/// `obj`'s own property `atom` (`obj` readable), without running code.
fn own<'js>(ctx: &Ctx<'js>, obj: &Value<'js>, atom: qjs::JSAtom) -> Option<OwnProperty<'js>> {
    readable(obj.as_raw())
        .then(|| crate::descriptor::own(ctx, obj, atom))
        .flatten()
}

/// The own data property `atom` of `obj` as a string.
fn own_string<'js>(ctx: &Ctx<'js>, obj: &Value<'js>, atom: qjs::JSAtom) -> Option<String> {
    let value = own(ctx, obj, atom).filter(|p| !p.is_accessor())?.value;
    crate::bounded_text::bounded_name(ctx, &value)
}

/// `obj`'s prototype, when `obj` is readable (a proxy's would run its trap).
fn prototype<'js>(ctx: &Ctx<'js>, obj: &Value<'js>) -> Option<Value<'js>> {
    if !readable(obj.as_raw()) {
        return None;
    }
    let proto = unsafe {
        Value::from_raw(
            ctx.clone(),
            qjs::JS_GetPrototype(ctx.as_raw().as_ptr(), obj.as_raw()),
        )
    };
    if proto.is_exception() {
        drop(ctx.catch());
        return None;
    }
    proto.is_object().then_some(proto)
}

/// V8's `GetTypeName` of an object receiver: a class constructor (a static method's receiver)
/// by its name (an anonymous one by its inferred name: `exports.C = class`); any other object
/// as `JSReceiver::GetConstructorName` names it. `read` counts the source read for inferred
/// names.
fn type_name<'js>(ctx: &Ctx<'js>, receiver: &Value<'js>, read: &mut usize) -> Option<String> {
    let class = unsafe { qjs::JS_GetClassID(receiver.as_raw()) };
    if class == CLASS_BYTECODE_FUNCTION && is_class_constructor(ctx, receiver) {
        match own_string(ctx, receiver, qjs::JS_ATOM_name as qjs::JSAtom) {
            Some(n) if !n.is_empty() => return Some(n),
            _ => {
                if let Some(n) = super::inferred::constructor_inferred_name(ctx, receiver, read) {
                    return Some(n);
                }
            }
        }
    }
    constructor_name(ctx, receiver, class, read)
}

/// A class's constructor: its own `prototype` is read-only (an ordinary function's is
/// writable; methods and arrows have none).
fn is_class_constructor<'js>(ctx: &Ctx<'js>, f: &Value<'js>) -> bool {
    own(ctx, f, qjs::JS_ATOM_prototype as qjs::JSAtom)
        .is_some_and(|p| !p.is_accessor() && !p.is_writable() && p.value.is_object())
}

/// `JSReceiver::GetConstructorName`, along the prototype chain from the receiver: the first
/// `Symbol.toStringTag` data property that is a string; else, from its prototype on, the first
/// `constructor` data property that is a function named otherwise than `Object`; else the
/// receiver's class. (V8 first asks the constructor that made the object, which the engine does
/// not record: an object made by `new F` is named by the chain, which says `F` too unless its
/// prototype's `constructor` was changed.) An anonymous constructor by its inferred name, as
/// V8's debug name. `None` when the chain cannot be read to its end.
fn constructor_name<'js>(
    ctx: &Ctx<'js>,
    receiver: &Value<'js>,
    class: u32,
    read: &mut usize,
) -> Option<String> {
    let mut current = receiver.clone();
    let mut first = true;
    for _ in 0..MAX_CHAIN {
        if !readable(current.as_raw()) {
            // V8's walk ends at a proxy (not looked into); an embedder's object is not read.
            return is_proxy(&current).then(|| class_name(class).into());
        }
        if let Some(tag) = own_string(
            ctx,
            &current,
            qjs::JS_ATOM_Symbol_toStringTag as qjs::JSAtom,
        ) {
            return Some(tag);
        }
        if !first {
            let ctor = own(ctx, &current, qjs::JS_ATOM_constructor as qjs::JSAtom)
                .filter(|p| !p.is_accessor())
                .map(|p| p.value)
                .filter(|v| v.is_function());
            if let Some(ctor) = ctor {
                match own_string(ctx, &ctor, qjs::JS_ATOM_name as qjs::JSAtom) {
                    Some(n) if n == "Object" => {}
                    Some(n) if !n.is_empty() => return Some(n),
                    _ => {
                        let inferred = super::inferred::constructor_inferred_name(ctx, &ctor, read);
                        if inferred.is_some() {
                            return inferred;
                        }
                    }
                }
            }
        }
        first = false;
        match prototype(ctx, &current) {
            Some(p) => current = p,
            None => return Some(class_name(class).into()),
        }
    }
    None
}

/// V8's class name of an object nothing else names.
fn class_name(class: u32) -> &'static str {
    match class {
        CLASS_ARRAY => "Array",
        CLASS_ERROR => "Error",
        c if FUNCTION_CLASSES.contains(&c) => "Function",
        _ => "Object",
    }
}

/// Whether `p` holds `func` (its value, or its getter or setter).
fn holds<'js>(p: &OwnProperty<'js>, func: &Value<'js>) -> bool {
    if p.is_accessor() {
        p.getter == *func || p.setter == *func
    } else {
        p.value == *func
    }
}

/// V8's `GetMethodName`: the function's name (less a `get `/`set ` prefix) when the receiver
/// (or its chain) holds the function under it; else the one enumerable key of the chain's
/// objects that holds it (none when several do, or when listing would cost too much).
fn method_name<'js>(
    ctx: &Ctx<'js>,
    receiver: &Value<'js>,
    func: &Value<'js>,
    name: &str,
) -> Option<String> {
    let c = ctx.as_raw().as_ptr();
    let key = name
        .strip_prefix("get ")
        .or_else(|| name.strip_prefix("set "))
        .unwrap_or(name);
    // An inferred name (`Module._compile`): its last name is most likely the key (a shortcut
    // of the listing below, which V8 does).
    let key = key.rsplit('.').next().unwrap_or(key);
    if !key.is_empty() {
        let atom = unsafe { qjs::JS_NewAtomLen(c, key.as_ptr().cast(), key.len() as _) };
        if atom == qjs::JS_ATOM_NULL {
            drop(ctx.catch());
            return None;
        }
        let mut held = false;
        let mut current = receiver.clone();
        for _ in 0..MAX_CHAIN {
            if !readable(current.as_raw()) {
                break;
            }
            if let Some(p) = own(ctx, &current, atom) {
                held = holds(&p, func);
                break;
            }
            match prototype(ctx, &current) {
                Some(p) => current = p,
                None => break,
            }
        }
        unsafe { qjs::JS_FreeAtom(c, atom) };
        if held {
            return Some(key.to_string());
        }
    }
    // The chain's enumerable keys.
    let mut found: Option<String> = None;
    let mut listed = 0usize;
    let mut current = receiver.clone();
    for _ in 0..MAX_CHAIN {
        if !readable(current.as_raw()) {
            // V8's search ends at a proxy; an embedder's object is not read.
            if is_proxy(&current) {
                break;
            }
            return None;
        }
        let slots = unsafe { crate::natives::autoinit::slot_count(c, current.as_raw()) }
            .unwrap_or(usize::MAX);
        let class = unsafe { qjs::JS_GetClassID(current.as_raw()) };
        // Objects whose keys the engine computes (arrays' indices...) are not listed.
        if slots > MAX_LISTED || !(class == CLASS_OBJECT || FUNCTION_CLASSES.contains(&class)) {
            return None;
        }
        listed += slots;
        if listed > MAX_LISTED_PER_FRAME {
            return None;
        }
        unsafe {
            let mut tab: *mut qjs::JSPropertyEnum = std::ptr::null_mut();
            let mut len: u32 = 0;
            let flags = (qjs::JS_GPN_STRING_MASK | qjs::JS_GPN_ENUM_ONLY) as c_int;
            if qjs::JS_GetOwnPropertyNames(c, &mut tab, &mut len, current.as_raw(), flags) < 0 {
                drop(ctx.catch());
                return None;
            }
            let mut twice = false;
            for i in 0..len as usize {
                let atom = (*tab.add(i)).atom;
                // V8 lists names, not elements: an index (the engine's tagged atom) is none.
                if atom & ATOM_TAG_INT != 0 {
                    continue;
                }
                if let Some(p) = own(ctx, &current, atom) {
                    if holds(&p, func) {
                        if found.is_some() {
                            twice = true;
                            break;
                        }
                        let k = Value::from_raw(ctx.clone(), qjs::JS_AtomToString(c, atom));
                        found = crate::bounded_text::bounded_name(ctx, &k);
                        if found.is_none() {
                            drop(ctx.catch());
                            twice = true;
                            break;
                        }
                    }
                }
            }
            qjs::JS_FreePropertyEnum(c, tab, len);
            if twice {
                return None;
            }
        }
        match prototype(ctx, &current) {
            Some(p) => current = p,
            None => break,
        }
    }
    found
}

/// V8's identifier names (`String::IsIdentifier`): the only function names it puts the
/// receiver's type before.
pub(super) fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c == '$' || c == '_' || unicode_ident::is_xid_start(c))
        && chars.all(|c| {
            c == '$' || c == '\u{200c}' || c == '\u{200d}' || unicode_ident::is_xid_continue(c)
        })
}

/// `subject` is `pattern`, or ends with `.` and `pattern` (V8's `StringEndsWithMethodName`).
pub(super) fn ends_with_method_name(subject: &str, pattern: &str) -> bool {
    subject == pattern
        || subject
            .strip_suffix(pattern)
            .is_some_and(|rest| rest.ends_with('.'))
}

/// V8's `AppendMethodCall` for a function named `name` (not empty).
pub(super) fn method_call_text(name: &str, m: &Method) -> String {
    let mut out = String::new();
    if name.is_empty() {
        // An anonymous function: `Type.method`, or `Type.<anonymous>` (V8's
        // `AppendMethodCall` without a function name).
        if let Some(t) = m.type_name.as_deref().filter(|t| !t.is_empty()) {
            out.push_str(t);
            out.push('.');
        }
        match m.method_name.as_deref().filter(|m| !m.is_empty()) {
            Some(method) => out.push_str(method),
            None => out.push_str("<anonymous>"),
        }
        return out;
    }
    if let Some(t) = m.type_name.as_deref().filter(|t| !t.is_empty()) {
        if is_identifier(name) && name != t {
            out.push_str(t);
            out.push('.');
        }
    }
    out.push_str(name);
    if let Some(method) = m.method_name.as_deref().filter(|m| !m.is_empty()) {
        if !ends_with_method_name(name, method) {
            out.push_str(" [as ");
            out.push_str(method);
            out.push(']');
        }
    }
    out
}

// The probe: a C function called by known code, which reads its caller's frame.

/// Cases of the probe's calls (its third argument).
const CASE_DIRECT: i32 = 0;
const CASE_COPIED: i32 = 1;
const CASE_GENERATOR: i32 = 2;
const CASE_PLAIN: i32 = 3;
const CASE_BOUND: i32 = 4;

unsafe extern "C" fn probe_function(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    if argc != 3 {
        return qjs::JS_UNDEFINED;
    }
    let (expected, func, case) = (*argv, *argv.add(1), *argv.add(2));
    if qjs::JS_VALUE_GET_TAG(case) != qjs::JS_TAG_INT
        || qjs::JS_VALUE_GET_TAG(func) != qjs::JS_TAG_OBJECT
    {
        return qjs::JS_UNDEFINED;
    }
    // The probe's own frame, then its caller's (the function given).
    let sf = current_frame(ctx);
    if sf.is_null() {
        return qjs::JS_UNDEFINED;
    }
    let caller = std::ptr::read_unaligned(sf.add(PREV_FRAME) as *const *const u8);
    if !frame_of(caller, qjs::JS_VALUE_GET_PTR(func) as usize) {
        return qjs::JS_UNDEFINED;
    }
    let Some(ctx) = std::ptr::NonNull::new(ctx) else {
        return qjs::JS_UNDEFINED;
    };
    let ctx = Ctx::from_raw(ctx);
    let found = match receiver_of(&ctx, caller) {
        Some(Held::Receiver(v)) => Some(v),
        _ => None,
    };
    let is_expected = |v: qjs::JSValue| {
        qjs::JS_VALUE_GET_TAG(v) == qjs::JS_TAG_OBJECT
            && qjs::JS_VALUE_GET_PTR(v) == qjs::JS_VALUE_GET_PTR(expected)
    };
    let case = qjs::JS_VALUE_GET_INT(case);
    let passed = match case {
        CASE_DIRECT | CASE_GENERATOR | CASE_BOUND => found.is_some_and(is_expected),
        // Found through the caller's bytecode when its layout holds (frames/bytecode.rs).
        CASE_COPIED => found.is_none_or(is_expected),
        CASE_PLAIN => found.is_none(),
        _ => false,
    };
    if passed {
        PASSED.fetch_or(1 << case, Ordering::Relaxed);
    }
    qjs::JS_UNDEFINED
}

/// Calls the probe as a method with as many arguments as the function declares, with fewer,
/// from a generator given a `this`, as a plain function, and through a bind of a bind called
/// as another object's method.
const PROBE_SOURCE: &str = "(function (p) {
  const o = {};
  o.f = function (a, b) { return p(o, o.f, 0); };
  o.f(1, 2);
  o.g = function (a, b) { return p(o, o.g, 1); };
  o.g(1);
  function* gen() { p(o, gen, 2); }
  gen.call(o).next();
  const h = function (a) { return p(o, h, 3); };
  h(1);
  const k = function (a) { return p(o, k, 4); };
  const holder = { m: k.bind(o).bind({}) };
  holder.m(1);
})";

/// Checks the layout once per process, in `ctx` (a realm no code of which has run), after the
/// frames' own layout was checked (frames.rs).
pub(crate) fn probe(ctx: &Ctx<'_>) {
    crate::frames::layout_probe::once(&LAYOUT, Some(&crate::frames::LAYOUT), || probe_holds(ctx));
}

fn probe_holds(ctx: &Ctx<'_>) -> bool {
    PASSED.store(0, Ordering::Relaxed);
    let ran = (|| -> rquickjs::Result<()> {
        let outer: rquickjs::Function = ctx.eval(PROBE_SOURCE)?;
        let p = unsafe {
            let c = ctx.as_raw().as_ptr();
            let f = qjs::JS_NewCFunction2(
                c,
                Some(probe_function),
                c"probe".as_ptr(),
                3,
                qjs::JSCFunctionEnum_JS_CFUNC_generic,
                0,
            );
            Value::from_raw(ctx.clone(), f)
        };
        outer.call::<_, ()>((p,))
    })();
    if ran.is_err() {
        drop(ctx.catch());
    }
    ran.is_ok() && PASSED.load(Ordering::Relaxed) == ALL_PASSED
}

/// The receiver of the builtin `func` (a C function) whose frame is among the engine's live
/// ones nearest the current, when a bytecode function called it as `o.m(args)` with as many
/// arguments as it declares (its arguments are then the caller's very slots): what a builtin's
/// refusal names (`Cannot delete property '1' of [object Array]`).
pub(super) fn builtin_receiver<'js>(ctx: &Ctx<'js>, func: &Value<'js>) -> Option<Value<'js>> {
    if !layout_holds() || !func.is_object() {
        return None;
    }
    let c = ctx.as_raw().as_ptr();
    unsafe {
        let target = qjs::JS_VALUE_GET_PTR(func.as_raw()) as usize;
        if qjs::JS_GetClassID(func.as_raw()) != CLASS_C_FUNCTION {
            return None;
        }
        let mut sf = current_frame(c);
        for _ in 0..LOOKAHEAD {
            if sf.is_null() {
                return None;
            }
            if frame_of(sf, target) {
                let (receiver, _) = method_call(sf).or_else(|| copied_method_call(ctx, sf))?;
                return Some(Value::from_raw(ctx.clone(), qjs::JS_DupValue(c, receiver)));
            }
            sf = std::ptr::read_unaligned(sf.add(PREV_FRAME) as *const *const u8);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plain engine realm (none of the library's installs) and `f` run in it.
    fn with_realm(f: impl FnOnce(&Ctx<'_>)) {
        let rt = rquickjs::Runtime::new().unwrap();
        let context = rquickjs::Context::full(&rt).unwrap();
        context.with(|ctx| f(&ctx));
    }

    #[test]
    fn the_layout_checks_out_on_calls_of_known_receivers() {
        with_realm(|ctx| {
            crate::frames::probe(ctx);
            crate::frames::bytecode::probe(ctx);
            probe(ctx);
            assert!(layout_holds(), "the probe's five calls");
            assert_eq!(PASSED.load(Ordering::Relaxed), ALL_PASSED);
        });
    }

    #[test]
    fn receivers_are_named_as_v8_names_them() {
        with_realm(|ctx| {
            let cases: rquickjs::Array = ctx
                .eval(
                    "class Foo { m() {} } class Sub extends Foo {}
                     const f = function named() {};
                     [[new Foo(), 'Foo'], [new Sub(), 'Sub'], [Foo, 'Foo'], [{}, 'Object'],
                      [Object.create(null), 'Object'], [{ [Symbol.toStringTag]: 'T' }, 'T'],
                      [new Map(), 'Map'], [[], 'Array'], [f, 'Function'],
                      [Foo.prototype, 'Object'], [Sub.prototype, 'Foo'],
                      [new Proxy({}, {}), 'Proxy'], [5, 'Number'], ['s', 'String'],
                      [{ get [Symbol.toStringTag]() { throw 1; } }, 'Object']]",
                )
                .unwrap();
            let func: Value = ctx.eval("(function m() {})").unwrap();
            for case in cases.iter::<rquickjs::Array>() {
                let case = case.unwrap();
                let (receiver, expected): (Value, String) =
                    (case.get(0).unwrap(), case.get(1).unwrap());
                let m = Naming::new(ctx)
                    .method_of(&receiver, &func, "m")
                    .expect("a method call");
                assert_eq!(m.type_name.as_deref(), Some(expected.as_str()));
            }
            // Top-level calls: no type.
            for v in ["undefined", "null", "globalThis"] {
                let receiver: Value = ctx.eval(v).unwrap();
                assert_eq!(
                    Naming::new(ctx).method_of(&receiver, &func, "m"),
                    None,
                    "{v}"
                );
            }
            // The property a function was called through.
            let (o, m): (Value, Value) = ctx
                .eval::<rquickjs::Array, _>(
                    "const o = { m() {} }; const p = { alias: o.m, other: 1 }; [p, o.m]",
                )
                .map(|a| (a.get(0).unwrap(), a.get(1).unwrap()))
                .unwrap();
            let named = Naming::new(ctx).method_of(&o, &m, "m").unwrap();
            assert_eq!(named.method_name.as_deref(), Some("alias"));
            assert_eq!(method_call_text("m", &named), "Object.m [as alias]");
        });
    }

    #[test]
    fn identifiers_and_method_names() {
        for name in ["bar", "$x", "_y", "é", "x1", "℮x", "if", "a\u{301}"] {
            assert!(is_identifier(name), "{name}");
        }
        for name in [
            "",
            "1x",
            "a-b",
            "x.y",
            "get g",
            "[Symbol.iterator]",
            "#priv",
        ] {
            assert!(!is_identifier(name), "{name}");
        }
        assert!(ends_with_method_name("m", "m"));
        assert!(ends_with_method_name("o2.m", "m"));
        assert!(!ends_with_method_name("get g", "g"));
        assert!(!ends_with_method_name("xm", "m"));
        let m = |t: &str, n: Option<&str>| Method {
            type_name: Some(t.into()),
            function_receiver: false,
            method_name: n.map(Into::into),
        };
        assert_eq!(method_call_text("bar", &m("Foo", Some("bar"))), "Foo.bar");
        assert_eq!(method_call_text("Foo", &m("Foo", Some("Foo"))), "Foo");
        assert_eq!(
            method_call_text("FooStart", &m("Foo", None)),
            "Foo.FooStart"
        );
        assert_eq!(
            method_call_text("m", &m("Object", Some("alias"))),
            "Object.m [as alias]"
        );
        assert_eq!(
            method_call_text("get g", &m("Foo", Some("g"))),
            "get g [as g]"
        );
        assert_eq!(method_call_text("x y", &m("Object", Some("x y"))), "x y");
    }
}
