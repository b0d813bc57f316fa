//! Which call the engine refused, read from the calling function's bytecode.
//!
//! A call's recorded position is the last one its arguments recorded, so in
//! `o.f(o.h(o.g(1), 'x'))` all three calls share the position of `1`, and the source alone
//! cannot tell which callee was no function. While the error is made the caller's frame is
//! the engine's current one and holds the position after the refused call instruction: the
//! instruction gives the argument count, and a walk of the function's bytecode finds which
//! instruction pushed the callee (`get_field2 f`: a method named `f`).
//!
//! The function object's bytecode and its fields are engine layout the API does not expose:
//! [`probe`] checks them once per process on a function of known shape, and every walk must
//! reach the very stack size the engine computed for the function, or nothing is answered.

use std::sync::atomic::{AtomicU8, Ordering};

use rquickjs::{qjs, Ctx, Value};

use crate::call_text::{Callee, FailedCall};

pub(crate) mod opcodes;
use opcodes::*;

/// In `JSObject` (64-bit): `u.func.function_bytecode`.
const FUNCTION_BYTECODE: usize = 48;
/// In `JSFunctionBytecode`: `byte_code_buf`, `byte_code_len`, `func_name`, `arg_count` and
/// `stack_size`.
const BYTE_CODE_BUF: usize = 24;
const BYTE_CODE_LEN: usize = 32;
const FUNC_NAME: usize = 36;
const ARG_COUNT: usize = 56;
const STACK_SIZE: usize = 62;
/// ... `realm` (the function's realm; the function holds a reference to it).
const REALM: usize = 72;
/// ... `filename`, `line_num`, `col_num`, `pc2line_len` and `pc2line_buf`.
const FILENAME: usize = 88;
const SOURCE_LEN: usize = 100;
const LINE_NUM: usize = 92;
const COL_NUM: usize = 96;
const PC2LINE_LEN: usize = 104;
const PC2LINE_BUF: usize = 112;
/// ... and `source` (the function's text, `source_len` bytes, kept for `toString`).
const SOURCE: usize = 120;
/// The engine's encoding of its position table (`PC2LINE_*` in quickjs.c).
const PC2LINE_BASE: i64 = -1;
const PC2LINE_RANGE: u32 = 5;
const PC2LINE_OP_FIRST: u32 = 1;

/// The engine's classes of bytecode functions (plain, generator, async, async generator).
const BYTECODE_CLASSES: [u32; 4] = [13, 17, 55, 59];

/// The largest function walked: the walk keeps about ten bytes per byte of code.
const MAX_CODE: usize = 1 << 20;

/// 0: not probed; 1: the layout holds; 2: it does not.
static LAYOUT: AtomicU8 = AtomicU8::new(0);

/// The refused call whose frame is `frame_func`'s, stopped at `resume_pc` (the position after
/// the call instruction), when the layout holds and the walk agrees with the engine.
///
/// # Safety
/// `frame_func` must be the function of a live frame whose resume position is `resume_pc`.
pub(crate) unsafe fn failed_call(
    ctx: &Ctx<'_>,
    frame_func: &Value<'_>,
    resume_pc: *const u8,
) -> Option<FailedCall> {
    let (code, stack_size, end) = resumed(frame_func, resume_pc)?;
    let walk = Walk::run(code)?;
    if walk.max_depth != stack_size {
        return None;
    }
    // The call instruction ends where the frame resumes.
    let at = [3usize, 1]
        .into_iter()
        .filter_map(|size| end.checked_sub(size))
        .find(|&p| walk.starts(p) && usize::from(OPS[code[p] as usize].0) == end - p)?;
    walk.failed_call(ctx, code, at)
}

/// Where the engine recorded the constructor of the construction `frame_func`'s frame is in
/// (it resumes at `resume_pc`, past a `call_constructor`), when a variable or a property read
/// pushed it (`new Name(...)`, `new a.Name(...)`): its line and column as the engine counts
/// them. The construction itself is recorded at the last position its arguments recorded (an
/// argument's own `new` or call), the variable at its name.
///
/// # Safety
/// `frame_func` must be the function of a live frame whose resume position is `resume_pc`.
pub(crate) unsafe fn constructed_at(
    frame_func: &Value<'_>,
    resume_pc: *const u8,
) -> Option<(i32, i32)> {
    callee_pushed_at(frame_func, resume_pc, CALL_CONSTRUCTOR, 2)
}

/// Where the engine recorded the `eval` of the direct eval `frame_func`'s frame is in (it
/// resumes at `resume_pc`, past an `eval` instruction): the line and column of the name, as the
/// engine counts them. The call itself is recorded elsewhere (after its arguments' positions).
///
/// # Safety
/// `frame_func` must be the function of a live frame whose resume position is `resume_pc`.
pub(crate) unsafe fn direct_eval_at(
    frame_func: &Value<'_>,
    resume_pc: *const u8,
) -> Option<(i32, i32)> {
    callee_pushed_at(frame_func, resume_pc, EVAL, 1)
}

/// Whether `op` pushes a value read by a name: a variable, an argument, a closure's variable
/// or a method's property (`GET_FIELD2`, which keeps the object for the call).
fn pushes_by_name(op: u8) -> bool {
    matches!(
        op,
        GET_FIELD2
            | GET_VAR
            | GET_VAR_UNDEF
            | GET_LOC
            | GET_ARG
            | GET_VAR_REF
            | GET_LOC_CHECK
            | GET_VAR_REF_CHECK
            | GET_LOC8
            | GET_LOC0..=GET_LOC3
            | GET_ARG0..=GET_ARG3
            | GET_VAR_REF0..=GET_VAR_REF3
    )
}

/// The position recorded for the instruction that pushed the callee of the call instruction
/// `op` (of `below` slots under its arguments) that `frame_func`'s frame resumes after, when a
/// variable or a property read pushed it.
unsafe fn callee_pushed_at(
    frame_func: &Value<'_>,
    resume_pc: *const u8,
    op: u8,
    below: usize,
) -> Option<(i32, i32)> {
    let (code, stack_size, end) = resumed(frame_func, resume_pc)?;
    let size = usize::from(OPS[op as usize].0);
    let at = end.checked_sub(size)?;
    if code[at] != op {
        return None;
    }
    let walk = Walk::run(code)?;
    if walk.max_depth != stack_size || !walk.starts(at) {
        return None;
    }
    let argc = u16_at(code, at + 1)?;
    let slot = (walk.depth[at] as usize).checked_sub(argc + below)?;
    let producer = walk.producer(code, at, slot)?;
    if code[producer] != GET_FIELD && !pushes_by_name(code[producer]) {
        return None;
    }
    position(bytecode_of(frame_func)?, producer as u32)
}

/// The depth of the operand stack of `frame_func`'s frame just before the call instruction
/// it is in (it resumes at `resume_pc`, past an instruction of `call_size` bytes), and the
/// function's stack size, when the layout holds and the walk agrees with the engine.
///
/// # Safety
/// `frame_func` must be the function of a live frame whose resume position is `resume_pc`.
pub(crate) unsafe fn depth_at_call(
    frame_func: &Value<'_>,
    resume_pc: *const u8,
    call_size: usize,
) -> Option<(usize, usize)> {
    let (code, stack_size, end) = resumed(frame_func, resume_pc)?;
    let walk = Walk::run(code)?;
    if walk.max_depth != stack_size {
        return None;
    }
    let at = end.checked_sub(call_size)?;
    (walk.starts(at) && usize::from(OPS[code[at] as usize].0) == call_size)
        .then(|| (walk.depth[at] as usize, stack_size))
}

/// The most code [`plain_callee_slot`] walks.
const MAX_PLAIN_WALK: usize = 16 << 10;

/// The most code of a caller's frame walked to name or place the frame it called (a getter's
/// read, an iterator's `next`, a chained call): asked of most frames of every error, so a
/// function of more code (a bundle's top level) is not walked for them.
const MAX_CALLER_WALK: usize = 4 * MAX_PLAIN_WALK;

/// Whether a caller's frame of `func` is small enough to be walked for the frame it called
/// (see [`MAX_CALLER_WALK`]).
///
/// # Safety
/// `func` must be a live function value.
pub(crate) unsafe fn caller_walkable(func: &Value<'_>) -> bool {
    code_of(func).is_some_and(|(code, _)| code.len() <= MAX_CALLER_WALK)
}

/// The slot (counted from the operand stack's base) of the function a frame of `frame_func`
/// calls plainly (`f(args)`, `f(...args)`: `call`, `tail_call`, `call0`..`call3`, `apply` of
/// no `new`), the frame resuming at `resume_pc` past that call, and the function's stack size,
/// when the walk agrees with the engine.
///
/// # Safety
/// `frame_func` must be the function of a live frame whose resume position is `resume_pc`.
pub(crate) unsafe fn plain_callee_slot(
    frame_func: &Value<'_>,
    resume_pc: *const u8,
) -> Option<(usize, usize)> {
    let (code, stack_size, end) = resumed(frame_func, resume_pc)?;
    // The walk is linear in the code, and this is asked of every frame called plainly with a
    // copy of its arguments: a function of more code (a bundle's or a module's top level) is
    // not walked for it.
    if code.len() > MAX_PLAIN_WALK {
        return None;
    }
    // Before the walk: a plain call may end there at all.
    let may_end = |size: usize, ops: &[u8]| {
        end.checked_sub(size)
            .is_some_and(|a| ops.contains(&code[a]))
    };
    if !may_end(1, &[CALL0, CALL0 + 1, CALL0 + 2, CALL3]) && !may_end(3, &[CALL, TAIL_CALL, APPLY])
    {
        return None;
    }
    let walk = Walk::run(code)?;
    if walk.max_depth != stack_size {
        return None;
    }
    // The call is the instruction that starts one or three bytes before the resume position.
    for at in [end.checked_sub(1), end.checked_sub(3)]
        .into_iter()
        .flatten()
    {
        if !walk.starts(at) {
            continue;
        }
        let below = match code[at] {
            CALL | TAIL_CALL if at + 3 == end => u16_at(code, at + 1)? + 1,
            c @ CALL0..=CALL3 if at + 1 == end => usize::from(c - CALL0) + 1,
            // `f(...args)`: the function, its `this`, the array.
            APPLY if at + 3 == end && u16_at(code, at + 1)? == 0 => 3,
            _ => continue,
        };
        return Some(((walk.depth[at] as usize).checked_sub(below)?, stack_size));
    }
    None
}

/// How many calls before it the call a frame of `frame_func` is in follows in a chain of calls
/// whose results are called in turn (`f(1)(2)(3)`: 2 for the last; 0 when its callee is no
/// call's result or when it is a method call), the frame resuming at `resume_pc`, when the walk
/// agrees with the engine; and the position recorded for the read of the chain's first callee
/// when a variable or a property read pushed it (the call's own position is the last one its
/// arguments recorded: `f(1)(g(2))(3)` is at `g`).
///
/// # Safety
/// `frame_func` must be the function of a live frame whose resume position is `resume_pc`.
pub(crate) unsafe fn calls_chained_before(
    frame_func: &Value<'_>,
    resume_pc: *const u8,
) -> Option<(usize, Option<(i32, i32)>)> {
    let (code, stack_size, end) = resumed(frame_func, resume_pc)?;
    // Asked of the frames whose line has a chained call: a function of much code (a bundle's
    // top level) is not walked for it.
    if code.len() > MAX_CALLER_WALK {
        return None;
    }
    let walk = Walk::run(code)?;
    if walk.max_depth != stack_size {
        return None;
    }
    let mut at = [end.checked_sub(1), end.checked_sub(3)]
        .into_iter()
        .flatten()
        .find(|&a| walk.starts(a) && a + usize::from(OPS[code[a] as usize].0) == end)?;
    let mut count = 0;
    // Where the first callee was read, when by name.
    let head = |at: usize, below: usize| -> Option<(i32, i32)> {
        let slot = (walk.depth[at] as usize).checked_sub(below)?;
        let producer = walk.producer(code, at, slot)?;
        pushes_by_name(code[producer])
            .then(|| position(bytecode_of(frame_func)?, producer as u32))
            .flatten()
    };
    for _ in 0..64 {
        let below = match code[at] {
            CALL | TAIL_CALL => u16_at(code, at + 1)? + 1,
            c @ CALL0..=CALL3 => usize::from(c - CALL0) + 1,
            CALL_METHOD | TAIL_CALL_METHOD if count == 0 => return Some((0, None)),
            CALL_METHOD => return Some((count, head(at, u16_at(code, at + 1)? + 1))),
            _ => return None,
        };
        let slot = (walk.depth[at] as usize).checked_sub(below)?;
        let producer = walk.producer(code, at, slot)?;
        match code[producer] {
            CALL | TAIL_CALL | CALL0..=CALL3 | CALL_METHOD => {
                count += 1;
                at = producer;
            }
            _ => return Some((count, head(at, below))),
        }
    }
    None
}

/// The position of the array pattern (its `[`) whose iterator a frame of `frame_func` is
/// getting (`for_of_start` of `const [a] = v`), the frame resuming at `resume_pc` just past
/// it, when the walk agrees with the engine. The engine records the pattern's position only for
/// the `iterator_close` that ends it (the first after it at the same depth; the value's own
/// read records none, and its code comes after the pattern's).
///
/// # Safety
/// `frame_func` must be the function of a live frame whose resume position is `resume_pc`.
pub(crate) unsafe fn iterated_pattern_at(
    frame_func: &Value<'_>,
    resume_pc: *const u8,
) -> Option<(i32, i32)> {
    let (code, _, at, walk) = instruction_before(frame_func, resume_pc, &[FOR_OF_START])?;
    // The iterator, its `next` and the catch offset it pushes, which the close pops.
    let depth = walk.depth[at] + 2;
    let close = (at + 1..code.len())
        .take(1 << 16)
        .find(|&p| walk.starts(p) && code[p] == ITERATOR_CLOSE && walk.depth[p] == depth)?;
    position(bytecode_of(frame_func)?, close as u32)
}

/// The name of the property a frame of `frame_func` is reading with `get_field` (`o.name`:
/// the getter it runs is called from there), the frame resuming at `resume_pc` just past it,
/// when the walk agrees with the engine.
///
/// # Safety
/// `frame_func` must be the function of a live frame whose resume position is `resume_pc`.
pub(crate) unsafe fn field_read(
    ctx: &Ctx<'_>,
    frame_func: &Value<'_>,
    resume_pc: *const u8,
) -> Option<String> {
    let (code, _, at, _) = instruction_before(frame_func, resume_pc, &[GET_FIELD, GET_FIELD2])?;
    atom_text(ctx, i32_at(code, at + 1)? as u32)
}

/// Whether a frame of `frame_func` is in an element read (`Some(false)`: `get_array_el`) or a
/// property assignment (`Some(true)`: `put_field`, `put_array_el`), the frame resuming at
/// `resume_pc` just past it, when the walk agrees with the engine.
///
/// # Safety
/// `frame_func` must be the function of a live frame whose resume position is `resume_pc`.
pub(crate) unsafe fn member_access(frame_func: &Value<'_>, resume_pc: *const u8) -> Option<bool> {
    let ops = [PUT_FIELD, GET_ARRAY_EL, GET_ARRAY_EL2, PUT_ARRAY_EL];
    let (_, op, _, _) = instruction_before(frame_func, resume_pc, &ops)?;
    Some(op == PUT_FIELD || op == PUT_ARRAY_EL)
}

/// The instruction a frame of `frame_func` is in (the engine left its resume position at
/// `resume_pc`, just past it), when it is one of `ops` and the walk agrees with the engine:
/// how many values it pops, the depth of the operand stack before it, and the function's
/// stack size.
///
/// # Safety
/// `frame_func` must be the function of a live frame whose resume position is `resume_pc`.
pub(crate) unsafe fn stopped_in(
    frame_func: &Value<'_>,
    resume_pc: *const u8,
    ops: &[u8],
) -> Option<Stopped> {
    let (_, op, at, walk) = instruction_before(frame_func, resume_pc, ops)?;
    Some(Stopped {
        pops: usize::from(OPS[op as usize].1),
        depth: walk.depth[at] as usize,
        stack_size: walk.max_depth,
    })
}

/// The instruction of `frame_func`'s code that ends at `resume_pc`, when it is one of `ops`
/// and the walk agrees with the engine: the code, the opcode, its position and the walk.
///
/// # Safety
/// `frame_func` must be the function of a live frame whose resume position is `resume_pc`.
unsafe fn instruction_before<'a>(
    frame_func: &Value<'_>,
    resume_pc: *const u8,
    ops: &[u8],
) -> Option<(&'a [u8], u8, usize, Walk)> {
    let (code, stack_size, end) = resumed(frame_func, resume_pc)?;
    let candidate = |&op: &u8| {
        let at = end.checked_sub(usize::from(OPS[op as usize].0))?;
        (code[at] == op).then_some((op, at))
    };
    // No walk unless a byte there could be one of them.
    ops.iter().find_map(candidate)?;
    let walk = Walk::run(code)?;
    if walk.max_depth != stack_size {
        return None;
    }
    // An operand byte of a longer instruction may look like a shorter one: the first that
    // the walk says starts there.
    let (op, at) = ops
        .iter()
        .filter_map(candidate)
        .find(|&(_, at)| walk.starts(at))?;
    Some((code, op, at, walk))
}

/// Where the object of the assignment to a property (`put_field`, `put_array_el`) a frame of
/// `frame_func` is stopped past (the engine left its resume position at `resume_pc`) was
/// read from, and its key (the name a `put_field` assigns; a `put_array_el`'s key, read as
/// its object is). The engine has freed both operands by then.
///
/// # Safety
/// `frame_func` must be the function of a live frame whose resume position is `resume_pc`.
pub(crate) unsafe fn assigned_operands<'js>(
    ctx: &Ctx<'js>,
    frame_func: &Value<'js>,
    resume_pc: *const u8,
) -> Option<(Operand<'js>, Option<Operand<'js>>)> {
    let (code, op, at, walk) =
        instruction_before(frame_func, resume_pc, &[PUT_FIELD, PUT_ARRAY_EL])?;
    let slot = (walk.depth[at] as usize).checked_sub(usize::from(OPS[op as usize].1))?;
    let object = operand(ctx, frame_func, code, &walk, at, slot)?;
    let key = match op {
        PUT_FIELD => {
            let name = atom_text(ctx, i32_at(code, at + 1)? as u32)?;
            Some(Operand::Value(
                rquickjs::String::from_str(ctx.clone(), &name)
                    .ok()?
                    .into_value(),
            ))
        }
        _ => operand(ctx, frame_func, code, &walk, at, slot + 1),
    };
    Some((object, key))
}

/// Where the value the instruction at `at` finds in `slot` of its operand stack came from,
/// when a local variable, an argument, a captured variable (its value, read here), a global
/// variable or a constant of the code pushed it.
unsafe fn operand<'js>(
    ctx: &Ctx<'js>,
    frame_func: &Value<'js>,
    code: &[u8],
    walk: &Walk,
    at: usize,
    slot: usize,
) -> Option<Operand<'js>> {
    let p = walk.producer(code, at, slot)?;
    let c = ctx.as_raw().as_ptr();
    let int = |i: i64| {
        Some(Operand::Value(Value::new_int(
            ctx.clone(),
            i32::try_from(i).ok()?,
        )))
    };
    let (is_arg, index) = match code[p] {
        // A captured variable: its value, read here.
        GET_VAR_REF | GET_VAR_REF_CHECK | GET_VAR_REF0..=GET_VAR_REF3 => {
            if VAR_REF_LAYOUT.load(Ordering::Relaxed) != 1 {
                return None;
            }
            let index = match code[p] {
                c @ GET_VAR_REF0..=GET_VAR_REF3 => usize::from(c - GET_VAR_REF0),
                _ => u16_at(code, p + 1)?,
            };
            let v = closure_variable(frame_func, index)?;
            return Some(Operand::Value(Value::from_raw(
                ctx.clone(),
                qjs::JS_DupValue(c, v),
            )));
        }
        // A global of the function's own realm only (the one read is `ctx`'s).
        GET_VAR | GET_VAR_UNDEF
            if function_realm(frame_func.as_raw()) == Some(ctx.as_raw().as_ptr()) =>
        {
            return Some(Operand::Global(atom_text(
                ctx,
                i32_at(code, p + 1)? as u32,
            )?))
        }
        PUSH_I32 => return int(i32_at(code, p + 1)?),
        PUSH_I16 => return int(i64::from(u16_at(code, p + 1)? as i16)),
        PUSH_I8 => return int(i64::from(*code.get(p + 1)? as i8)),
        o @ PUSH_MINUS1..=PUSH_7 => return int(i64::from(o) - i64::from(PUSH_MINUS1) - 1),
        o @ (PUSH_TRUE | PUSH_FALSE) => {
            return Some(Operand::Value(Value::new_bool(ctx.clone(), o == PUSH_TRUE)))
        }
        PUSH_EMPTY_STRING => {
            return Some(Operand::Value(
                rquickjs::String::from_str(ctx.clone(), "")
                    .ok()?
                    .into_value(),
            ))
        }
        PUSH_ATOM_VALUE => {
            let v = qjs::JS_AtomToString(c, i32_at(code, p + 1)? as u32);
            if qjs::JS_IsException(v) {
                drop(ctx.catch());
                return None;
            }
            return Some(Operand::Value(Value::from_raw(ctx.clone(), v)));
        }
        PUSH_BIGINT_I32 => {
            let v = qjs::JS_NewBigInt64(c, i32_at(code, p + 1)?);
            if qjs::JS_IsException(v) {
                drop(ctx.catch());
                return None;
            }
            return Some(Operand::Value(Value::from_raw(ctx.clone(), v)));
        }
        GET_LOC | GET_LOC_CHECK => (false, u16_at(code, p + 1)?),
        GET_LOC8 => (false, usize::from(*code.get(p + 1)?)),
        c @ GET_LOC0..=GET_LOC3 => (false, usize::from(c - GET_LOC0)),
        GET_ARG => (true, u16_at(code, p + 1)?),
        c @ GET_ARG0..=GET_ARG3 => (true, usize::from(c - GET_ARG0)),
        _ => return None,
    };
    Some(Operand::Slot(is_arg, index))
}

/// The instruction a frame of `frame_func` is stopped past (resuming at `resume_pc`), when it
/// is one of `ops`, and where each of its operands came from (deepest first; `None` where
/// [`operand`] does not tell): for instructions that free their operands when they fail.
///
/// # Safety
/// `frame_func` must be the function of a live frame whose resume position is `resume_pc`.
pub(crate) unsafe fn operand_sources<'js>(
    ctx: &Ctx<'js>,
    frame_func: &Value<'js>,
    resume_pc: *const u8,
    ops: &[u8],
) -> Option<(u8, Vec<Option<Operand<'js>>>)> {
    let (code, op, at, walk) = instruction_before(frame_func, resume_pc, ops)?;
    let pops = usize::from(OPS[op as usize].1);
    let first = (walk.depth[at] as usize).checked_sub(pops)?;
    let sources = (first..first + pops)
        .map(|slot| operand(ctx, frame_func, code, &walk, at, slot))
        .collect();
    Some((op, sources))
}

/// The first key of the object pattern nested in another object pattern (`{ a: { b } }`)
/// whose `to_object` a frame of `frame_func` is stopped past (resuming at `resume_pc`): the
/// value converted was read as the outer pattern's property (`get_field2`, `get_array_el2`;
/// a declaration's own value is read otherwise), and the pattern's first property is named
/// (`get_field2`, or `dup` and `get_field`, right after it).
///
/// # Safety
/// `frame_func` must be the function of a live frame whose resume position is `resume_pc`.
pub(crate) unsafe fn nested_pattern_key(
    ctx: &Ctx<'_>,
    frame_func: &Value<'_>,
    resume_pc: *const u8,
) -> Option<String> {
    let (code, _, at, walk) = instruction_before(frame_func, resume_pc, &[TO_OBJECT])?;
    let slot = (walk.depth[at] as usize).checked_sub(1)?;
    let p = walk.producer(code, at, slot)?;
    if !matches!(code[p], GET_FIELD2 | GET_ARRAY_EL2) {
        return None;
    }
    let read = match (code.get(at + 1)?, code.get(at + 2)) {
        (&GET_FIELD2, _) => at + 1,
        (&DUP, Some(&GET_FIELD)) => at + 2,
        _ => return None,
    };
    // An atom is read only from an instruction the walk confirms (an operand byte that looks
    // like one would hand the engine any number as an atom).
    if !walk.starts(read) {
        return None;
    }
    atom_text(ctx, i32_at(code, read + 1)? as u32)
}

/// Where an operand of an instruction came from (see [`assigned_operands`]).
pub(crate) enum Operand<'js> {
    /// An argument (`true`) or a local variable of the frame, by index.
    Slot(bool, usize),
    /// Its value: a captured variable's, or a constant of the code.
    Value(Value<'js>),
    /// A global variable, by name.
    Global(String),
}

/// How many instructions `op` the code of the bytecode function `func` holds, when the layout
/// holds and the walk agrees with the engine.
pub(crate) fn count_of(func: &Value<'_>, op: u8) -> Option<usize> {
    if LAYOUT.load(Ordering::Relaxed) != 1 {
        return None;
    }
    // SAFETY: a live function's bytecode stays as long as the function.
    let (code, stack_size) = unsafe { code_of(func)? };
    let walk = Walk::run(code)?;
    (walk.max_depth == stack_size).then(|| {
        (0..code.len())
            .filter(|&p| walk.starts(p) && code[p] == op)
            .count()
    })
}

/// See [`stopped_in`].
pub(crate) struct Stopped {
    pub(crate) pops: usize,
    pub(crate) depth: usize,
    pub(crate) stack_size: usize,
}

/// The code of `func`, its stack size, and where in it a frame resuming at `resume_pc` is,
/// when the layout holds and the position is inside the code.
unsafe fn resumed<'a>(func: &Value<'_>, resume_pc: *const u8) -> Option<(&'a [u8], usize, usize)> {
    if LAYOUT.load(Ordering::Relaxed) != 1 {
        return None;
    }
    let (code, stack_size) = code_of(func)?;
    let end = (resume_pc as usize).checked_sub(code.as_ptr() as usize)?;
    (end != 0 && end <= code.len()).then_some((code, stack_size, end))
}

/// The bytecode of a bytecode function and the stack size the engine computed for it.
unsafe fn code_of<'a>(func: &Value<'_>) -> Option<(&'a [u8], usize)> {
    let b = bytecode_of(func)?;
    let buf = std::ptr::read_unaligned(b.add(BYTE_CODE_BUF) as *const *const u8);
    let len = std::ptr::read_unaligned(b.add(BYTE_CODE_LEN) as *const i32);
    let stack_size = std::ptr::read_unaligned(b.add(STACK_SIZE) as *const u16);
    if buf.is_null() || len <= 0 || len as usize > MAX_CODE {
        return None;
    }
    // SAFETY: a live function's bytecode stays as long as the function.
    Some((
        std::slice::from_raw_parts(buf, len as usize),
        stack_size as usize,
    ))
}

/// What a bytecode function's frame says of the code it runs: the function's name, its
/// script's engine filename, and the position (line and column, as the engine counts them) of
/// the call the frame is in.
pub(crate) struct CodeAt {
    pub(crate) function: String,
    pub(crate) filename: String,
    pub(crate) line: i32,
    pub(crate) col: i32,
}

/// Whether the instruction before `resume_pc` in `func`'s code is the `throw` the compiler puts
/// after a `finally` (and after a `catch` block, to run the `finally` when the block throws):
/// the exception passed on, not thrown again by code. The instruction before it is then a
/// `gosub` (code's own `throw x` pushes `x` first), which a scan of the instructions from the
/// start confirms (no data is laid between them).
///
/// # Safety
/// `func` must be the function of a live frame whose resume position is `resume_pc`.
pub(crate) unsafe fn rethrows_after_finally(func: &Value<'_>, resume_pc: *const u8) -> bool {
    const GOSUB_SIZE: usize = 5;
    let Some((code, _, end)) = resumed(func, resume_pc) else {
        return false;
    };
    let Some(gosub) = end.checked_sub(1 + GOSUB_SIZE) else {
        return false;
    };
    if code[end - 1] != THROW || code[gosub] != GOSUB {
        return false;
    }
    let mut at = 0;
    while at < gosub {
        match OPS.get(code[at] as usize) {
            Some(&(size, _, _)) if size > 0 => at += size as usize,
            _ => return false,
        }
    }
    at == gosub
}

/// The code of the bytecode function `func` whose frame resumes at `resume_pc` (just after
/// the instruction it is in), when the layout holds.
///
/// # Safety
/// `func` must be the function of a live frame whose resume position is `resume_pc`.
pub(crate) unsafe fn code_at(
    ctx: &Ctx<'_>,
    func: &Value<'_>,
    resume_pc: *const u8,
) -> Option<CodeAt> {
    let (_, _, end) = resumed(func, resume_pc)?;
    let b = bytecode_of(func)?;
    let (line, col) = position(b, (end - 1) as u32)?;
    let name = std::ptr::read_unaligned(b.add(FUNC_NAME) as *const u32);
    let file = std::ptr::read_unaligned(b.add(FILENAME) as *const u32);
    Some(CodeAt {
        function: if name == 0 {
            String::new()
        } else {
            atom_text(ctx, name)?
        },
        filename: if file == 0 {
            String::new()
        } else {
            atom_text(ctx, file)?
        },
        line,
        col,
    })
}

/// Where the union of the engine object `obj` starts (`JSObject.u`: a C function's realm,
/// function pointer, length, kind and magic), when the layout holds.
///
/// # Safety
/// `obj` must be a live object.
pub(crate) unsafe fn object_union(obj: qjs::JSValue) -> Option<*mut u8> {
    if LAYOUT.load(Ordering::Relaxed) != 1 || qjs::JS_VALUE_GET_TAG(obj) != qjs::JS_TAG_OBJECT {
        return None;
    }
    Some((qjs::JS_VALUE_GET_PTR(obj) as *mut u8).add(FUNCTION_BYTECODE))
}

/// The pointer in the union of the engine object `obj` (`JSObject.u`, where a bytecode
/// function holds its bytecode and a function with data its record), when the layout holds.
///
/// # Safety
/// `obj` must be a live object.
pub(crate) unsafe fn object_union_pointer(obj: &Value<'_>) -> Option<*const u8> {
    if LAYOUT.load(Ordering::Relaxed) != 1 || !obj.is_object() {
        return None;
    }
    let p = qjs::JS_VALUE_GET_PTR(obj.as_raw()) as *const u8;
    let u = std::ptr::read_unaligned(p.add(FUNCTION_BYTECODE) as *const *const u8);
    (!u.is_null()).then_some(u)
}

/// Where the source of the bytecode function `func` starts (line and column as the engine
/// counts them) and how long it is (bytes), when the layout holds.
pub(crate) fn function_start(func: &Value<'_>) -> Option<(i32, i32, usize)> {
    if LAYOUT.load(Ordering::Relaxed) != 1 {
        return None;
    }
    // SAFETY: a live function's bytecode stays as long as the function.
    unsafe {
        let b = bytecode_of(func)?;
        Some((
            std::ptr::read_unaligned(b.add(LINE_NUM) as *const i32),
            std::ptr::read_unaligned(b.add(COL_NUM) as *const i32),
            usize::try_from(std::ptr::read_unaligned(b.add(SOURCE_LEN) as *const i32)).ok()?,
        ))
    }
}

/// The realm of `func` when it is a function of the engine's bytecode (borrowed), when the
/// layout holds.
///
/// # Safety
/// `func` must be a live value.
pub(crate) unsafe fn function_realm(func: qjs::JSValue) -> Option<*mut qjs::JSContext> {
    if LAYOUT.load(Ordering::Relaxed) != 1
        || qjs::JS_VALUE_GET_TAG(func) != qjs::JS_TAG_OBJECT
        || !BYTECODE_CLASSES.contains(&qjs::JS_GetClassID(func))
    {
        return None;
    }
    let obj = qjs::JS_VALUE_GET_PTR(func) as *const u8;
    let b = std::ptr::read_unaligned(obj.add(FUNCTION_BYTECODE) as *const *const u8);
    if b.is_null() {
        return None;
    }
    let realm = std::ptr::read_unaligned(b.add(REALM) as *const *mut qjs::JSContext);
    (!realm.is_null()).then_some(realm)
}

/// The engine filename of the script of the bytecode function `func`, when the layout holds.
pub(crate) fn function_filename(ctx: &Ctx<'_>, func: &Value<'_>) -> Option<String> {
    if LAYOUT.load(Ordering::Relaxed) != 1 {
        return None;
    }
    // SAFETY: a live function's bytecode stays as long as the function.
    unsafe {
        let b = bytecode_of(func)?;
        let file = std::ptr::read_unaligned(b.add(FILENAME) as *const u32);
        (file != 0).then(|| atom_text(ctx, file)).flatten()
    }
}

/// The text of the bytecode function `func` as the engine keeps it (what `toString` gives), in
/// place, when the layout holds and the engine kept it; borrowed with `func`, which keeps its
/// bytecode and text alive.
fn source_of<'a>(func: &'a Value<'_>) -> Option<&'a [u8]> {
    if LAYOUT.load(Ordering::Relaxed) != 1 {
        return None;
    }
    // SAFETY: a live function's bytecode, and its text, stay as long as the function.
    unsafe {
        let b = bytecode_of(func)?;
        let len =
            usize::try_from(std::ptr::read_unaligned(b.add(SOURCE_LEN) as *const i32)).ok()?;
        let text = std::ptr::read_unaligned(b.add(SOURCE) as *const *const u8);
        (!text.is_null()).then(|| std::slice::from_raw_parts(text, len))
    }
}

/// The text of the bytecode function `func`, when it is at most `max` bytes.
pub(crate) fn function_text(func: &Value<'_>, max: usize) -> Option<String> {
    let bytes = source_of(func).filter(|b| b.len() <= max)?;
    std::str::from_utf8(bytes).ok().map(str::to_owned)
}

/// The start of the text of the bytecode function `func`: at most `max` bytes of its first
/// line (cut at a character's boundary).
pub(crate) fn function_head(func: &Value<'_>, max: usize) -> Option<String> {
    let bytes = source_of(func)?;
    let line = bytes[..bytes.len().min(max)]
        .split(|&c| c == b'\n')
        .next()?;
    let valid = match std::str::from_utf8(line) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&line[..e.valid_up_to()]).ok()?,
    };
    (!valid.is_empty()).then(|| valid.to_string())
}

/// Where the text of the bytecode function `func` ends, from its start: how many lines below,
/// and the byte column (0-based) on that line just past it; read in place.
pub(crate) fn function_end(func: &Value<'_>) -> Option<(i32, usize)> {
    let bytes = source_of(func)?;
    let below = bytes.iter().filter(|&&c| c == b'\n').count();
    let last = bytes
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(bytes.len(), |i| bytes.len() - i - 1);
    Some((i32::try_from(below).ok()?, last))
}

unsafe fn bytecode_of(func: &Value<'_>) -> Option<*const u8> {
    if !func.is_object() || !BYTECODE_CLASSES.contains(&qjs::JS_GetClassID(func.as_raw())) {
        return None;
    }
    let obj = qjs::JS_VALUE_GET_PTR(func.as_raw()) as *const u8;
    let b = std::ptr::read_unaligned(obj.add(FUNCTION_BYTECODE) as *const *const u8);
    (!b.is_null()).then_some(b)
}

/// The position of the instruction at `pc` from the function's position table, read as the
/// engine reads it (`find_line_num`).
unsafe fn position(b: *const u8, pc: u32) -> Option<(i32, i32)> {
    let buf = std::ptr::read_unaligned(b.add(PC2LINE_BUF) as *const *const u8);
    let len = std::ptr::read_unaligned(b.add(PC2LINE_LEN) as *const i32);
    let mut line = std::ptr::read_unaligned(b.add(LINE_NUM) as *const i32) as i64;
    let mut col = std::ptr::read_unaligned(b.add(COL_NUM) as *const i32) as i64;
    if len < 0 || len as usize > MAX_CODE {
        return None;
    }
    if buf.is_null() || len == 0 {
        // Code that recorded no position (`eval(...)` alone): the engine says its first line.
        return Some((i32::try_from(line).ok()?, 1));
    }
    let table = std::slice::from_raw_parts(buf, len as usize);
    let mut p = 0usize;
    let mut at: u64 = 0;
    while p < table.len() {
        let op = table[p] as u32;
        p += 1;
        let new_line = if op == 0 {
            let (delta, n) = leb128(&table[p..])?;
            p += n;
            at += delta as u64;
            let (v, n) = sleb128(&table[p..])?;
            p += n;
            line + v
        } else {
            let op = op - PC2LINE_OP_FIRST;
            at += (op / PC2LINE_RANGE) as u64;
            line + (op % PC2LINE_RANGE) as i64 + PC2LINE_BASE
        };
        let (v, n) = sleb128(&table[p..])?;
        p += n;
        let new_col = col + v;
        if (pc as u64) < at {
            break;
        }
        line = new_line;
        col = new_col;
    }
    Some((i32::try_from(line).ok()?, i32::try_from(col).ok()?))
}

fn leb128(bytes: &[u8]) -> Option<(u32, usize)> {
    let mut v: u32 = 0;
    for (i, b) in bytes.iter().take(5).enumerate() {
        v |= ((b & 0x7f) as u32) << (i * 7);
        if b & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

fn sleb128(bytes: &[u8]) -> Option<(i64, usize)> {
    let (v, n) = leb128(bytes)?;
    Some((((v >> 1) as i64) ^ -((v & 1) as i64), n))
}

/// Checks the layout once per process, in `ctx` (any realm of a runtime, no code running):
/// a function of known name, parameters and calls must read and walk as written.
pub(crate) fn probe(ctx: &Ctx<'_>) {
    super::layout_probe::once(&LAYOUT, None, || probe_holds(ctx));
    super::layout_probe::once(&VAR_REF_LAYOUT, Some(&LAYOUT), || var_refs_hold(ctx));
}

/// In `JSObject` (64-bit): `u.func.var_refs`, after the bytecode; in `JSVarRef`: `pvalue`,
/// after the GC list link and four flags.
const FUNCTION_VAR_REFS: usize = 56;
const VAR_REF_PVALUE: usize = 24;
/// 0: not probed; 1: the closure's variables are read as laid out above; 2: they are not.
static VAR_REF_LAYOUT: AtomicU8 = AtomicU8::new(0);

/// Whether a closure's first captured variable, read through the layout above, is the value
/// the closure returns for it.
fn var_refs_hold(ctx: &Ctx<'_>) -> bool {
    let probe = "(function () { const jsvmCaptured = [1]; \
                 return function jsvmProbeClosure() { return jsvmCaptured; }; })()";
    let Ok(f) = ctx.eval::<rquickjs::Function, _>(probe) else {
        drop(ctx.catch());
        return false;
    };
    let Ok(captured) = f.call::<_, Value>(()) else {
        drop(ctx.catch());
        return false;
    };
    unsafe {
        let Some(v) = closure_variable(f.as_value(), 0) else {
            return false;
        };
        qjs::JS_VALUE_GET_TAG(v) == qjs::JS_TAG_OBJECT
            && qjs::JS_VALUE_GET_PTR(v) == qjs::JS_VALUE_GET_PTR(captured.as_raw())
    }
}

/// The value of the captured variable `index` of the bytecode function `func` (borrowed).
///
/// # Safety
/// `func` must be a live bytecode function capturing at least `index + 1` variables.
unsafe fn closure_variable(func: &Value<'_>, index: usize) -> Option<qjs::JSValue> {
    bytecode_of(func)?;
    let obj = qjs::JS_VALUE_GET_PTR(func.as_raw()) as *const u8;
    let refs = std::ptr::read_unaligned(obj.add(FUNCTION_VAR_REFS) as *const *const *const u8);
    if refs.is_null() {
        return None;
    }
    let var_ref = *refs.add(index);
    if var_ref.is_null() {
        return None;
    }
    let pvalue =
        std::ptr::read_unaligned(var_ref.add(VAR_REF_PVALUE) as *const *const qjs::JSValue);
    (!pvalue.is_null()).then(|| *pvalue)
}

/// The probe function, and where the engine puts its three calls (line, column).
const PROBE: &str = "(function jsvmProbe(o, p) { if (p) { try { o.b(p ? 2 : 3); } catch { } }\n  \
                     return o.a(o.b(1), 'x', ...p); })";
const PROBE_CALL_POSITIONS: [(i32, i32); 3] = [(1, 48), (2, 16), (2, 30)];

fn probe_holds(ctx: &Ctx<'_>) -> bool {
    let Ok(f) = ctx.eval::<Value, _>(PROBE) else {
        drop(ctx.catch());
        return false;
    };
    unsafe {
        let Some((code, stack_size)) = code_of(&f) else {
            return false;
        };
        let obj = qjs::JS_VALUE_GET_PTR(f.as_raw()) as *const u8;
        let b = std::ptr::read_unaligned(obj.add(FUNCTION_BYTECODE) as *const *const u8);
        let args = std::ptr::read_unaligned(b.add(ARG_COUNT) as *const u16);
        let name = std::ptr::read_unaligned(b.add(FUNC_NAME) as *const u32);
        if args != 2 || atom_text(ctx, name).as_deref() != Some("jsvmProbe") {
            return false;
        }
        // Its realm: the one it was compiled in.
        if std::ptr::read_unaligned(b.add(REALM) as *const *mut qjs::JSContext)
            != ctx.as_raw().as_ptr()
        {
            return false;
        }
        let Some(walk) = Walk::run(code) else {
            return false;
        };
        if walk.max_depth != stack_size {
            return false;
        }
        // Its calls, in order: `o.b(2 or 3)`, `o.b(1)` and the spread call of `o.a`.
        let calls: Vec<FailedCall> = (0..code.len())
            .filter(|&p| walk.starts(p) && is_call(code[p]))
            .filter_map(|p| walk.failed_call(ctx, code, p))
            .collect();
        let field = |n: &str, argc| FailedCall {
            argc,
            construct: false,
            callee: Callee::Field(n.into()),
        };
        if calls != [field("b", Some(1)), field("b", Some(1)), field("a", None)] {
            return false;
        }
        // The position table: each call is at the last position its arguments recorded.
        let b = std::ptr::read_unaligned(obj.add(FUNCTION_BYTECODE) as *const *const u8);
        let columns: Vec<Option<(i32, i32)>> = (0..code.len())
            .filter(|&p| walk.starts(p) && is_call(code[p]))
            .map(|p| position(b, p as u32))
            .collect();
        if columns != PROBE_CALL_POSITIONS.map(Some) {
            return false;
        }
        // Its text, and its line.
        let len = std::ptr::read_unaligned(b.add(SOURCE_LEN) as *const i32);
        let text = std::ptr::read_unaligned(b.add(SOURCE) as *const *const u8);
        let expected = &PROBE[1..PROBE.len() - 1];
        !text.is_null()
            && usize::try_from(len).ok() == Some(expected.len())
            && std::slice::from_raw_parts(text, expected.len()) == expected.as_bytes()
            && std::ptr::read_unaligned(b.add(LINE_NUM) as *const i32) == 1
    }
}

/// For an instruction that only reorders values: which of the values it took is its output
/// `index` (both counted from the lowest).
fn shuffled(op: u8, index: usize) -> Option<usize> {
    let from: &[usize] = match op {
        NIP => &[1],
        NIP1 => &[1, 2],
        DUP => &[0, 0],
        DUP1 => &[0, 0, 1],
        DUP2 => &[0, 1, 0, 1],
        INSERT2 => &[1, 0, 1],
        INSERT3 => &[2, 0, 1, 2],
        PERM3 => &[1, 0, 2],
        PERM4 => &[2, 0, 1, 3],
        SWAP => &[1, 0],
        ROT3L => &[1, 2, 0],
        ROT3R => &[2, 0, 1],
        // A key made a property key: the same key for the strings and numbers messages show
        // (a caller shows no other kind).
        TO_PROPKEY => &[0],
        TO_PROPKEY2 => &[0, 1],
        _ => return None,
    };
    from.get(index).copied()
}

fn is_call(op: u8) -> bool {
    matches!(
        op,
        CALL_CONSTRUCTOR | CALL | TAIL_CALL | CALL_METHOD | TAIL_CALL_METHOD | APPLY
    ) || (CALL0..=CALL3).contains(&op)
}

unsafe fn atom_text(ctx: &Ctx<'_>, atom: u32) -> Option<String> {
    let c = ctx.as_raw().as_ptr();
    let mut len = 0;
    let s = qjs::JS_AtomToCStringLen(c, &mut len, atom);
    if s.is_null() {
        drop(ctx.catch());
        return None;
    }
    // A name or filename of more than 64 KiB is not copied out of the heap.
    let text = std::str::from_utf8(std::slice::from_raw_parts(s.cast::<u8>(), len as usize))
        .ok()
        .filter(|t| t.len() <= 64 << 10)
        .map(str::to_owned);
    qjs::JS_FreeCString(c, s);
    text
}

fn u16_at(code: &[u8], p: usize) -> Option<usize> {
    Some(u16::from_le_bytes([*code.get(p)?, *code.get(p + 1)?]) as usize)
}

fn i32_at(code: &[u8], p: usize) -> Option<i64> {
    let b = code.get(p..p + 4)?;
    Some(i32::from_le_bytes([b[0], b[1], b[2], b[3]]) as i64)
}

/// The stack depth before each instruction, as the engine's own stack-size pass explores the
/// code (every path, each instruction once).
struct Walk {
    /// Depth before the instruction starting at each position; `u16::MAX` where none starts.
    depth: Vec<u16>,
    max_depth: usize,
}

const UNSEEN: u16 = u16::MAX;

impl Walk {
    fn run(code: &[u8]) -> Option<Walk> {
        let len = code.len();
        let mut w = Walk {
            depth: vec![UNSEEN; len],
            max_depth: 0,
        };
        let mut catch_at: Vec<i32> = vec![-1; len];
        let mut todo: Vec<usize> = Vec::new();
        w.visit(&mut catch_at, &mut todo, 0, 0, -1)?;
        while let Some(pos) = todo.pop() {
            let mut depth = w.depth[pos] as i64;
            let mut catch_pos = catch_at[pos];
            let op = code[pos];
            let (size, pop, push) = *OPS.get(op as usize)?;
            if op == 0 {
                return None;
            }
            let mut next = pos + size as usize;
            if next > len {
                return None;
            }
            let pops = pop as i64 + Self::extra_pops(code, pos)? as i64;
            if depth < pops {
                return None;
            }
            depth += push as i64 - pops;
            w.max_depth = w.max_depth.max(depth as usize);
            let target =
                |offset: i64| -> Option<usize> { usize::try_from(pos as i64 + offset).ok() };
            match op {
                TAIL_CALL | TAIL_CALL_METHOD | RETURN | RETURN_UNDEF | RETURN_ASYNC | THROW
                | THROW_ERROR | RET => continue,
                GOTO => next = target(1 + i32_at(code, pos + 1)?)?,
                GOTO16 => next = target(1 + u16_at(code, pos + 1)? as i16 as i64)?,
                GOTO8 => next = target(1 + *code.get(pos + 1)? as i8 as i64)?,
                IF_TRUE8 | IF_FALSE8 => {
                    let t = target(1 + *code.get(pos + 1)? as i8 as i64)?;
                    w.visit(&mut catch_at, &mut todo, t, depth, catch_pos)?;
                }
                IF_TRUE | IF_FALSE | CATCH => {
                    let t = target(1 + i32_at(code, pos + 1)?)?;
                    w.visit(&mut catch_at, &mut todo, t, depth, catch_pos)?;
                    if op == CATCH {
                        catch_pos = pos as i32;
                    }
                }
                GOSUB => {
                    let t = target(1 + i32_at(code, pos + 1)?)?;
                    w.visit(&mut catch_at, &mut todo, t, depth + 1, catch_pos)?;
                }
                WITH_GET_VAR | WITH_DELETE_VAR | WITH_MAKE_REF | WITH_GET_REF
                | WITH_GET_REF_UNDEF | WITH_PUT_VAR => {
                    let t = target(5 + i32_at(code, pos + 5)?)?;
                    let at = match op {
                        WITH_GET_VAR | WITH_DELETE_VAR => depth + 1,
                        WITH_PUT_VAR => depth - 1,
                        _ => depth + 2,
                    };
                    w.visit(&mut catch_at, &mut todo, t, at, catch_pos)?;
                }
                FOR_OF_START | FOR_AWAIT_OF_START => catch_pos = pos as i32,
                DROP | NIP | NIP1 | ITERATOR_CLOSE => {
                    // Leaving a catch's level pops its catch position.
                    let level = match op {
                        DROP => depth,
                        ITERATOR_CLOSE => depth + 2,
                        _ => depth - 1,
                    };
                    if catch_pos >= 0 {
                        let c = catch_pos as usize;
                        let mut at = w.depth[c] as i64;
                        if code[c] != CATCH {
                            at += 1;
                        }
                        if level == at {
                            catch_pos = catch_at[c];
                        }
                    }
                }
                NIP_CATCH => {
                    if catch_pos < 0 {
                        return None;
                    }
                    let c = catch_pos as usize;
                    depth = w.depth[c] as i64 + 1;
                    if code[c] != CATCH {
                        depth += 1;
                    }
                    catch_pos = catch_at[c];
                }
                _ => {}
            }
            w.visit(&mut catch_at, &mut todo, next, depth, catch_pos)?;
        }
        Some(w)
    }

    /// Pops an instruction makes besides its table's: a call's arguments.
    fn extra_pops(code: &[u8], pos: usize) -> Option<usize> {
        let op = code[pos];
        Some(match op {
            CALL_CONSTRUCTOR..=ARRAY_FROM | EVAL => u16_at(code, pos + 1)?,
            CALL0..=CALL3 => (op - CALL0) as usize,
            _ => 0,
        })
    }

    fn visit(
        &mut self,
        catch_at: &mut [i32],
        todo: &mut Vec<usize>,
        pos: usize,
        depth: i64,
        catch_pos: i32,
    ) -> Option<()> {
        if pos >= self.depth.len() || !(0..UNSEEN as i64).contains(&depth) {
            return None;
        }
        self.max_depth = self.max_depth.max(depth as usize);
        if self.depth[pos] != UNSEEN {
            // Paths that meet agree, or this is not the engine's code.
            return (self.depth[pos] as i64 == depth && catch_at[pos] == catch_pos).then_some(());
        }
        self.depth[pos] = depth as u16;
        catch_at[pos] = catch_pos;
        todo.push(pos);
        Some(())
    }

    fn starts(&self, pos: usize) -> bool {
        self.depth.get(pos).is_some_and(|d| *d != UNSEEN)
    }

    /// The call instruction at `at` and what pushed its callee: the nearest instruction
    /// before it that leaves a value in the callee's slot (instructions between work above
    /// it: the arguments).
    fn failed_call(&self, ctx: &Ctx<'_>, code: &[u8], at: usize) -> Option<FailedCall> {
        let op = code[at];
        let depth = self.depth[at] as usize;
        let (argc, below) = match op {
            CALL | TAIL_CALL | CALL_METHOD | TAIL_CALL_METHOD => (Some(u16_at(code, at + 1)?), 1),
            CALL0..=CALL3 => (Some((op - CALL0) as usize), 1),
            CALL_CONSTRUCTOR => (Some(u16_at(code, at + 1)?), 2),
            // `f(...args)`: the function, the receiver and the array of arguments.
            APPLY => return self.callee_of(ctx, code, at, depth.checked_sub(3)?, None, false),
            _ => return None,
        };
        let slot = depth.checked_sub(argc? + below)?;
        self.callee_of(ctx, code, at, slot, argc, op == CALL_CONSTRUCTOR)
    }

    fn callee_of(
        &self,
        ctx: &Ctx<'_>,
        code: &[u8],
        at: usize,
        slot: usize,
        argc: Option<usize>,
        construct: bool,
    ) -> Option<FailedCall> {
        let producer = self.producer(code, at, slot)?;
        let op = code[producer];
        let atom = || i32_at(code, producer + 1).map(|a| a as u32);
        let callee = match op {
            GET_FIELD | GET_FIELD2 => {
                Callee::Field(unsafe { atom_text(ctx, atom()?) }.unwrap_or_default())
            }
            GET_LENGTH => Callee::Field("length".into()),
            GET_ARRAY_EL | GET_ARRAY_EL2 => Callee::Computed,
            GET_VAR | GET_VAR_UNDEF => Callee::Variable(unsafe { atom_text(ctx, atom()?) }),
            GET_LOC | GET_ARG | GET_VAR_REF | GET_LOC_CHECK | GET_VAR_REF_CHECK | GET_LOC8
            | GET_LOC0_LOC1 => Callee::Variable(None),
            GET_LOC0..=GET_LOC3 | GET_ARG0..=GET_ARG3 | GET_VAR_REF0..=GET_VAR_REF3 => {
                Callee::Variable(None)
            }
            _ if is_call(op) || op == EVAL => Callee::CallResult,
            _ => Callee::Other,
        };
        Some(FailedCall {
            argc,
            construct,
            callee,
        })
    }

    /// The instruction that left the value in `slot` (counted from the lowest) that the
    /// instruction at `at` finds there: the nearest instruction before it that leaves a value
    /// in that slot, followed through those that only reorder values.
    fn producer(&self, code: &[u8], at: usize, slot: usize) -> Option<usize> {
        // Instructions that only reorder values pass the search on to the slot they took
        // the value from.
        let mut slot = slot;
        let mut from = at;
        let producer = loop {
            let p = (0..from).rev().find(|&p| {
                self.starts(p) && {
                    let (_, pop, push) = OPS[code[p] as usize];
                    let pops = pop as usize + Self::extra_pops(code, p).unwrap_or(0);
                    let low = (self.depth[p] as usize).saturating_sub(pops);
                    low <= slot && slot < low + push as usize
                }
            })?;
            let (_, pop, _) = OPS[code[p] as usize];
            let pops = pop as usize + Self::extra_pops(code, p).unwrap_or(0);
            let low = (self.depth[p] as usize).saturating_sub(pops);
            match shuffled(code[p], slot.checked_sub(low)?) {
                Some(source) => {
                    slot = low + source;
                    from = p;
                }
                None => break p,
            }
        };
        Some(producer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_the_engines_and_the_walk_reads_calls() {
        let rt = rquickjs::Runtime::new().unwrap();
        let ctx = rquickjs::Context::full(&rt).unwrap();
        ctx.with(|ctx| {
            assert!(probe_holds(&ctx));
            // Every opcode's size is at least one byte, and calls pop what they say.
            assert!(OPS.iter().all(|(size, _, _)| *size >= 1));
            let f: Value = ctx
                .eval(
                    "(function (o) { for (const k of [1]) { o.m(k); } return new o.C(o.n(), 1); })",
                )
                .unwrap();
            let (code, stack_size) = unsafe { code_of(&f) }.unwrap();
            let walk = Walk::run(code).unwrap();
            assert_eq!(walk.max_depth, stack_size);
            let calls: Vec<FailedCall> = (0..code.len())
                .filter(|&p| walk.starts(p) && is_call(code[p]))
                .filter_map(|p| walk.failed_call(&ctx, code, p))
                .collect();
            // The iterator's own `next` is not a call instruction.
            let names: Vec<_> = calls
                .iter()
                .map(|c| (format!("{:?}", c.callee), c.argc, c.construct))
                .collect();
            assert_eq!(
                names,
                [
                    ("Field(\"m\")".to_string(), Some(1), false),
                    ("Field(\"n\")".to_string(), Some(0), false),
                    ("Field(\"C\")".to_string(), Some(2), true),
                ]
            );
        });
    }
}
