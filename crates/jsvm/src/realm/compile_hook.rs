//! A hook on every compilation in a lazy context's realm: the library's scripts and modules,
//! `eval`, `new Function`, the engine's own. A lazy group that code reaches without its name
//! (a regex literal makes a RegExp through the realm's intrinsics) is made before such code is
//! compiled, since the source says whether it may.
//!
//! QuickJS compiles all of these through one function pointer of the realm
//! (`JSContext.eval_internal`, which `JS_AddIntrinsicEval` sets), not exposed by its API. The
//! field sits just before `user_opaque`, which the API sets: [`probe`] finds that one by value
//! in a fresh realm, then checks that adding `eval` changes the word before it, from null, and
//! nothing else up to there. Where that does not hold the groups reached without a name stay
//! eager (realm.rs `made_lazily`).
//!
//! Bytecode compiled in another realm and run in a context (a `Script` compiled once) passes no
//! compilation there: `Script::load_into` asks for the same groups from the script's source.

use std::ffi::{c_char, c_int};
use std::sync::atomic::{AtomicUsize, Ordering};

use rquickjs::qjs;

use super::lazy_group::{PROMISE, REGEXP};

type EvalInternal = unsafe extern "C" fn(
    *mut qjs::JSContext,
    qjs::JSValue,
    *const c_char,
    usize,
    *const c_char,
    c_int,
    c_int,
    c_int,
) -> qjs::JSValue;

/// Offset of `eval_internal` in a `JSContext`: 0 not probed yet, `usize::MAX` not found.
static SLOT: AtomicUsize = AtomicUsize::new(0);
/// The engine's compiler, as `JS_AddIntrinsicEval` sets it.
static ENGINE: AtomicUsize = AtomicUsize::new(0);

/// Whether the hook can be installed in realms (probed on the first lazy realm).
pub(crate) fn available() -> bool {
    !matches!(SLOT.load(Ordering::Relaxed), 0 | usize::MAX)
}

/// Finds the field on `c`, a realm fresh from `JS_NewContextRaw` (nothing added yet), the
/// first time; whether the hook is available.
///
/// # Safety
/// `c` is a live realm just made by `JS_NewContextRaw`.
pub(crate) unsafe fn probe(c: *mut qjs::JSContext) -> bool {
    if SLOT.load(Ordering::Relaxed) == 0 {
        let slot = find_slot(c).unwrap_or(usize::MAX);
        SLOT.store(slot, Ordering::Relaxed);
    }
    available()
}

unsafe fn find_slot(c: *mut qjs::JSContext) -> Option<usize> {
    const WORD: usize = std::mem::size_of::<usize>();
    if WORD != 8 {
        return None;
    }
    let size = (qjs::js_malloc_usable_size(c, c.cast()) as usize).min(4096);
    let base = c.cast::<u8>();
    let word = |o: usize| std::ptr::read_unaligned(base.add(o).cast::<usize>());
    // A value no field of a fresh realm holds: the address of a static of ours.
    static MARK: u8 = 0;
    let mark = &MARK as *const u8 as *mut std::ffi::c_void;
    let before = qjs::JS_GetContextOpaque(c);
    qjs::JS_SetContextOpaque(c, mark);
    let found: Vec<usize> = (0..size / WORD)
        .map(|i| i * WORD)
        .filter(|&o| word(o) == mark as usize)
        .collect();
    qjs::JS_SetContextOpaque(c, before);
    let [opaque] = found[..] else {
        return None;
    };
    let slot = opaque.checked_sub(WORD)?;
    let words_before: Vec<usize> = (0..opaque / WORD).map(|i| word(i * WORD)).collect();
    if words_before[slot / WORD] != 0 {
        return None;
    }
    qjs::JS_AddIntrinsicEval(c);
    let engine = word(slot);
    let only_it_changed =
        (0..opaque / WORD).all(|i| (i * WORD == slot) != (word(i * WORD) == words_before[i]));
    if engine == 0 || !only_it_changed {
        return None;
    }
    ENGINE.store(engine, Ordering::Relaxed);
    Some(slot)
}

/// Puts the hook in place of the engine's compiler in `c` (after its `eval` was added).
///
/// # Safety
/// `c` is a live realm, [`available`] holds, and `JS_AddIntrinsicEval` ran on it.
pub(crate) unsafe fn install(c: *mut qjs::JSContext) {
    put(c, hook);
}

/// Writes `f` in `c`'s compiler field, if it still holds the engine's.
unsafe fn put(c: *mut qjs::JSContext, f: EvalInternal) {
    let field = c
        .cast::<u8>()
        .add(SLOT.load(Ordering::Relaxed))
        .cast::<usize>();
    if std::ptr::read_unaligned(field) == ENGINE.load(Ordering::Relaxed) {
        std::ptr::write_unaligned(field, f as usize);
    }
}

unsafe extern "C" fn hook(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    input: *const c_char,
    input_len: usize,
    filename: *const c_char,
    line: c_int,
    flags: c_int,
    scope_idx: c_int,
) -> qjs::JSValue {
    let source = source_of(input, input_len);
    let module = flags & qjs::JS_EVAL_TYPE_MASK as c_int == qjs::JS_EVAL_TYPE_MODULE as c_int;
    if !super::lazy_group::ensure_all_raw(ctx, groups_for(source, module)) {
        return qjs::JS_EXCEPTION;
    }
    run_engine(ctx, this, source, filename, line, flags, scope_idx)
}

/// The hook of a realm made whole (the main one, or a context's when builtins are not lazy):
/// it makes no group, and only marks the `eval` code it runs.
unsafe extern "C" fn main_hook(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    input: *const c_char,
    input_len: usize,
    filename: *const c_char,
    line: c_int,
    flags: c_int,
    scope_idx: c_int,
) -> qjs::JSValue {
    let source = source_of(input, input_len);
    run_engine(ctx, this, source, filename, line, flags, scope_idx)
}

/// The text the engine was given (borrowed for the call).
unsafe fn source_of<'a>(input: *const c_char, len: usize) -> &'a [u8] {
    if input.is_null() {
        &[]
    } else {
        std::slice::from_raw_parts(input.cast::<u8>(), len)
    }
}

/// The engine's compiler on `source`; `eval` code (the engine names it `<input>`, and runs it
/// at once) is marked as running for the while, so errors made in it read its lines
/// (eval_source.rs).
unsafe fn run_engine(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    source: &[u8],
    filename: *const c_char,
    line: c_int,
    flags: c_int,
    scope_idx: c_int,
) -> qjs::JSValue {
    let engine = std::mem::transmute::<usize, EvalInternal>(ENGINE.load(Ordering::Relaxed));
    let input = source.as_ptr().cast::<c_char>();
    let run = |filename: *const c_char| {
        engine(
            ctx,
            this,
            input,
            source.len(),
            filename,
            line,
            flags,
            scope_idx,
        )
    };
    let input_code =
        !filename.is_null() && std::ffi::CStr::from_ptr(filename).to_bytes() == b"<input>";
    if !input_code {
        return run(filename);
    }
    // The code's `import()` resolves from the script or module of the code that called
    // `eval` or `new Function`, as V8's: the engine knows one filename for both, so the
    // caller's is appended to the code's (filename.rs).
    // The caller's frame, read once (its filename gives the referrer too), or, where the
    // frames cannot be read, its filename from the engine.
    let code_at = crate::frames::caller_code(ctx);
    let caller = match code_at {
        Some(_) => None,
        None => CallerName::of(ctx),
    };
    let caller_name = code_at
        .as_ref()
        .map(|at| at.filename.as_bytes())
        .or_else(|| caller.as_ref().map(|c| c.bytes()));
    let referrer = caller_name.and_then(|name| {
        let r = match EVAL_MARK_FINDER.find(name) {
            Some(at) => {
                let rest = &name[at + crate::filename::EVAL_MARK.len()..];
                match EVAL_AT_FINDER.find(rest) {
                    Some(end) => &rest[..end],
                    None => rest,
                }
            }
            None => name,
        };
        (r != b"<input>").then_some(r)
    });
    // `name`, the mark and the referrer, NUL-terminated; `None` without a referrer.
    let with_referrer = |name: &[u8]| {
        let r = referrer?;
        let mark = crate::filename::EVAL_MARK.as_bytes();
        let mut out = Vec::with_capacity(name.len() + mark.len() + r.len() + 1);
        out.extend_from_slice(name);
        out.extend_from_slice(mark);
        out.extend_from_slice(r);
        out.push(0);
        Some(out)
    };
    // Code of `eval` or `new Function` that names itself (`//# sourceURL=`) is compiled under
    // that name, as V8 names its frames; its text is kept for their lines.
    if let Some(name) = source_url(source) {
        crate::eval_source::remember_named(name, source, line);
        let named = with_referrer(name.as_bytes()).unwrap_or_else(|| {
            let mut n = name.as_bytes().to_vec();
            n.push(0);
            n
        });
        return run(named.as_ptr().cast());
    }
    let mut name = with_referrer(b"<input>");
    // Where the call that compiles it is, for V8's `eval at f (file:1:2)` (filename.rs).
    if let (Some(n), Some(at)) = (name.as_mut(), code_at.as_ref()) {
        const MAX_NESTED: usize = 2048;
        let sep = crate::filename::EVAL_AT_SEPARATOR;
        let function: std::borrow::Cow<'_, str> = match at.function.contains(sep) {
            true => at.function.replace(sep, "?").into(),
            false => at.function.as_str().into(),
        };
        let caller_file = match at.filename.len() > MAX_NESTED {
            // Evals nested deep: the outer origins are left out.
            true => crate::filename::display_filename(&at.filename),
            false => &at.filename,
        };
        // Built by hand: `format!` was a third of the cost of an eval's compile here.
        let mut numbers = [itoa::Buffer::new(), itoa::Buffer::new()];
        let [line, col] = &mut numbers;
        let mut sep_bytes = [0; 4];
        let sep: &str = sep.encode_utf8(&mut sep_bytes);
        let parts = [
            crate::filename::EVAL_AT_MARK,
            &function,
            sep,
            line.format(at.line),
            sep,
            col.format(at.col),
            sep,
            caller_file,
        ];
        if !parts.iter().any(|p| p.contains('\0')) {
            n.pop();
            for p in parts {
                n.extend_from_slice(p.as_bytes());
            }
            n.push(0);
        }
    }
    let filename = name.as_ref().map_or(filename, |n| n.as_ptr().cast());
    let runs_eval = flags & qjs::JS_EVAL_FLAG_COMPILE_ONLY as c_int == 0;
    let made = match runs_eval {
        true => crate::eval_source::running(source, || run(filename)),
        false => run(filename),
    };
    settle_dynamic_function(ctx, source, made)
}

/// The most text of a dynamic function's arguments checked (a template engine's are a few
/// KiB; larger ones are left as the engine compiled them).
const MAX_DYNAMIC_FUNCTION: usize = 1 << 20;

/// What the engine made (or refused) from the text of a dynamic function (`new Function`,
/// the async and generator kinds: the builtin's frame is the current one, and the text is
/// what it joins from its string arguments), refused with V8's words where the parameters or
/// the body close the wrapper early (dynamic_function.rs): the engine made another function
/// than the one asked for, or refused it in its own words.
unsafe fn settle_dynamic_function(
    ctx: *mut qjs::JSContext,
    source: &[u8],
    made: qjs::JSValue,
) -> qjs::JSValue {
    if source.len() > MAX_DYNAMIC_FUNCTION
        || !crate::dynamic_function::PREFIXES
            .iter()
            .any(|p| source.starts_with(p.as_bytes()))
    {
        return made;
    }
    let Ok(text) = std::str::from_utf8(source) else {
        return made;
    };
    let Some(args) = crate::frames::builtin_string_args(ctx, MAX_DYNAMIC_FUNCTION) else {
        return made;
    };
    let Some((prefix, params, body)) = crate::dynamic_function::split(text, &args) else {
        return made;
    };
    let Some(message) = crate::dynamic_function::refusal(prefix, params, body, text) else {
        return made;
    };
    if qjs::JS_IsException(made) {
        // The engine's own error is replaced by V8's.
        qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
    } else {
        qjs::JS_FreeValue(ctx, made);
    }
    let Some(c) = std::ptr::NonNull::new(ctx) else {
        return qjs::JS_EXCEPTION;
    };
    let rctx = rquickjs::Ctx::from_raw(c);
    let _ = rquickjs::Exception::throw_syntax(&rctx, message);
    qjs::JS_EXCEPTION
}

/// Finds the mark in a caller's filename (made once: a searcher costs more to make than to use).
static EVAL_MARK_FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(crate::filename::EVAL_MARK));

static EVAL_AT_FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(crate::filename::EVAL_AT_MARK));

/// Frames searched for the code that called `eval` or `new Function` (builtins that called
/// them, as `Reflect.apply` or `Array.prototype.map`, are skipped).
const CALLER_DEPTH: c_int = 32;

/// The engine filename of the innermost frame of JavaScript (not a builtin's) on the stack:
/// the code that called `eval` or `new Function`, whose compilation runs. The engine's copy,
/// freed on drop.
struct CallerName {
    ctx: *mut qjs::JSContext,
    text: *const c_char,
    len: usize,
}

impl CallerName {
    /// # Safety
    /// `ctx` is a live realm.
    unsafe fn of(ctx: *mut qjs::JSContext) -> Option<CallerName> {
        (0..CALLER_DEPTH).find_map(|level| {
            let atom = qjs::JS_GetScriptOrModuleName(ctx, level);
            if atom == qjs::JS_ATOM_NULL {
                return None;
            }
            let mut len = 0;
            let text = qjs::JS_AtomToCStringLen(ctx, &mut len, atom);
            qjs::JS_FreeAtom(ctx, atom);
            if text.is_null() {
                // Out of memory: the exception is dropped, the name is not needed.
                let e = qjs::JS_GetException(ctx);
                qjs::JS_FreeValue(ctx, e);
                return None;
            }
            Some(CallerName {
                ctx,
                text,
                len: len as usize,
            })
        })
    }

    fn bytes(&self) -> &[u8] {
        // SAFETY: the engine's copy, of `len` bytes, held until drop.
        unsafe { std::slice::from_raw_parts(self.text.cast::<u8>(), self.len) }
    }
}

impl Drop for CallerName {
    fn drop(&mut self) {
        // SAFETY: the engine's copy, freed once, while its realm lives (within the hook).
        unsafe { qjs::JS_FreeCString(self.ctx, self.text) };
    }
}

/// The name code gives itself in its last `//# sourceURL=NAME` (or `//@`) comment, as V8 reads
/// it: up to the first white space. `None` for no such comment, or a name that is empty, holds
/// a NUL, or is not UTF-8.
fn source_url(source: &[u8]) -> Option<&str> {
    const KEY: &[u8] = b"sourceURL=";
    let mut end = source.len();
    while let Some(at) = memchr::memmem::rfind(&source[..end], KEY) {
        end = at;
        let head = &source[..at];
        let marked = head.ends_with(b"//# ") || head.ends_with(b"//@ ");
        if !marked {
            continue;
        }
        let value = &source[at + KEY.len()..];
        let len = value
            .iter()
            .position(|b| b.is_ascii_whitespace())
            .unwrap_or(value.len());
        let name = std::str::from_utf8(&value[..len]).ok()?;
        return (!name.is_empty() && !name.contains('\0')).then_some(name);
    }
    None
}

/// Puts the main realm's hook in place of the engine's compiler in `c`, probing the field on
/// a fresh realm of `rt` first if no realm did yet.
///
/// # Safety
/// `c` is the live main realm of `rt`, made whole.
pub(crate) unsafe fn install_main(rt: *mut qjs::JSRuntime, c: *mut qjs::JSContext) {
    if SLOT.load(Ordering::Relaxed) == 0 {
        let fresh = qjs::JS_NewContextRaw(rt);
        if fresh.is_null() {
            return;
        }
        probe(fresh);
        qjs::JS_FreeContext(fresh);
    }
    if available() {
        install_marking(c);
    }
}

/// Puts the hook that only marks `eval` code (no group to make: a realm made whole) in place of
/// the engine's compiler in `c`.
///
/// # Safety
/// `c` is a live realm, [`available`] holds, and `JS_AddIntrinsicEval` ran on it.
pub(crate) unsafe fn install_marking(c: *mut qjs::JSContext) {
    put(c, main_hook);
}

/// The lazy groups (a bit set) that code of `source` may reach without naming them: RegExp for a regex
/// literal (any `/`: a division or a comment too, which only makes the group early); Promise
/// for a module (its evaluation is a promise) and for `async`, `await` or `import` anywhere,
/// which async functions, `await` and `import()` need (keywords cannot be spelled with
/// escapes), and for `Async`: `Array.fromAsync` (an async function the engine makes on first
/// read) at the full language level (realm/level.rs). A scan of the whole source at each compilation: memchr's, far below the parse.
pub(crate) fn groups_for(source: &[u8], module: bool) -> u8 {
    let regexp = memchr::memchr(b'/', source).is_some();
    let promise = module
        || [&b"async"[..], b"await", b"import", b"Async"]
            .iter()
            .any(|word| memchr::memmem::find(source, word).is_some());
    (u8::from(regexp) << REGEXP) | (u8::from(promise) << PROMISE)
}

#[cfg(test)]
mod tests {
    use super::source_url;

    #[test]
    fn source_urls_as_v8_reads_them() {
        assert_eq!(source_url(b"x\n//# sourceURL=a.js"), Some("a.js"));
        assert_eq!(source_url(b"x\n//@ sourceURL=/t/b.tpl\n"), Some("/t/b.tpl"));
        // The last comment names it; a bare `sourceURL=` does not.
        assert_eq!(
            source_url(b"//# sourceURL=1.js\n//# sourceURL=2.js x"),
            Some("2.js")
        );
        assert_eq!(source_url(b"var sourceURL=c.js"), None);
        assert_eq!(source_url(b"//# sourceURL= "), None);
    }
}
