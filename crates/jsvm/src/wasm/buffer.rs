//! `Memory.prototype.buffer`: an ArrayBuffer over a wasm memory's bytes themselves, detached
//! when the bytes move or grow ([`refresh_buffers`]), and the realm's `ArrayBuffer` transfer
//! methods guarded so that they never hand those bytes to a buffer the library does not know
//! of ([`guard_transfer`]).

use std::ffi::{c_int, c_void};
use std::ptr::NonNull;
use std::rc::Rc;

use rquickjs::{qjs, Ctx, Value};

use super::realm::{Res, WasmHost, WasmRealm};
use super::store::Shared;
use crate::realm::lazy_group;

/// Frees what an ArrayBuffer over wasm memory holds (the store) when it is detached or
/// collected.
unsafe extern "C" fn release_buffer(
    _rt: *mut qjs::JSRuntime,
    opaque: *mut c_void,
    ptr: *mut c_void,
    size: qjs::size_t,
) -> *mut c_void {
    if size == 0 && !opaque.is_null() {
        let shared = Box::from_raw(opaque.cast::<Rc<Shared>>());
        if let Ok(mut buffers) = shared.buffers.try_borrow_mut() {
            let at = ptr as usize;
            if let Some(n) = buffers.get_mut(&at) {
                *n -= 1;
                if *n == 0 {
                    buffers.remove(&at);
                }
            }
        };
    }
    std::ptr::null_mut()
}

/// `JS_AddIntrinsicTypedArrays`, then [`guard_transfer`] (the realm step of typed arrays).
pub(crate) unsafe extern "C" fn add_typed_arrays(ctx: *mut qjs::JSContext) -> c_int {
    if qjs::JS_AddIntrinsicTypedArrays(ctx) != 0 || !guard_transfer(ctx) {
        return -1;
    }
    0
}

/// The methods of `ArrayBuffer.prototype` that detach their receiver and hand its bytes to a
/// new buffer as they are (the engine's `transfer`, `transferToFixedLength` and
/// `transferToImmutable`), with the words of V8's refusal.
const TRANSFERS: [(&std::ffi::CStr, &std::ffi::CStr); 3] = [
    (
        c"transfer",
        c"Cannot perform ArrayBuffer.prototype.transfer on a non-detachable ArrayBuffer",
    ),
    (
        c"transferToFixedLength",
        c"Cannot perform ArrayBuffer.prototype.transferToFixedLength on a non-detachable ArrayBuffer",
    ),
    (
        c"transferToImmutable",
        c"Cannot perform ArrayBuffer.prototype.transferToImmutable on a non-detachable ArrayBuffer",
    ),
];

/// Wraps the realm's `ArrayBuffer.prototype.transfer`, `transferToFixedLength` and
/// `transferToImmutable` so that they refuse a buffer over wasm memory, as V8 refuses to
/// detach one (`transferToImmutable` was left out once: its new buffer kept the wasm bytes,
/// read after the memory grew and freed them). The engine's transfer of a
/// buffer to the same length hands its bytes to the new buffer as they are: over wasm memory,
/// a buffer the library does not know of, which would outlive the bytes when the memory
/// moves (a grow). False on an exception.
pub(crate) unsafe fn guard_transfer(ctx: *mut qjs::JSContext) -> bool {
    // `JS_CLASS_ARRAY_BUFFER` of the pinned engine.
    let proto = qjs::JS_GetClassProto(ctx, 20);
    let mut ok = qjs::JS_IsObject(proto);
    for (magic, (name, _)) in TRANSFERS.iter().enumerate() {
        let magic = magic as c_int;
        if !ok {
            break;
        }
        let mut original = qjs::JS_GetPropertyStr(ctx, proto, name.as_ptr());
        if qjs::JS_IsException(original) {
            ok = false;
            break;
        }
        if !qjs::JS_IsFunction(ctx, original) {
            qjs::JS_FreeValue(ctx, original);
            continue;
        }
        let f = qjs::JS_NewCFunctionData2(
            ctx,
            Some(transfer_guard),
            name.as_ptr(),
            0,
            magic,
            1,
            &mut original,
        );
        qjs::JS_FreeValue(ctx, original);
        ok = !qjs::JS_IsException(f)
            && qjs::JS_DefinePropertyValueStr(
                ctx,
                proto,
                name.as_ptr(),
                f,
                (qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE) as c_int,
            ) >= 0;
    }
    qjs::JS_FreeValue(ctx, proto);
    ok
}

/// A guarded method of [`TRANSFERS`] (`magic` its index); its data: the original.
unsafe extern "C" fn transfer_guard(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    let Some(raw) = NonNull::new(ctx) else {
        return qjs::JS_EXCEPTION;
    };
    if qjs::JS_IsArrayBuffer(this) {
        let mut len = 0;
        let at = qjs::JS_GetArrayBuffer(ctx, &mut len, this) as usize;
        if at == 0 {
            // Detached: the original says so.
            let e = qjs::JS_GetException(ctx);
            qjs::JS_FreeValue(ctx, e);
        } else if len > 0 {
            let c = Ctx::from_raw(raw);
            let wasm = c
                .userdata::<WasmHost>()
                .is_some_and(|h| h.buffers.borrow().contains_key(&at));
            if wasm {
                let Some((_, name)) = TRANSFERS.get(magic as usize) else {
                    return qjs::JS_EXCEPTION;
                };
                return qjs::JS_ThrowTypeError(ctx, c"%s".as_ptr(), name.as_ptr());
            }
        }
    }
    qjs::JS_Call(ctx, *data, this, argc, argv)
}

/// `Memory.prototype.buffer`: an ArrayBuffer over the memory's bytes, the same one until the
/// memory grows.
pub(super) fn buffer<'js>(r: &WasmRealm<'js>, slot: usize) -> Res<'js, Value<'js>> {
    let ctx = &r.ctx;
    refresh_buffers(r);
    let memory = r.memories.borrow()[slot].memory;
    if let Some((b, _, _)) = &r.memories.borrow()[slot].buffer {
        return Ok(b.clone());
    }
    if !lazy_group::ensure(ctx, lazy_group::TYPED_ARRAYS) {
        return Err(rquickjs::Error::Exception);
    }
    let (ptr, len) = r
        .shared
        .with(|s| (memory.data_ptr(&s), memory.data_size(&s)))
        .ok_or(rquickjs::Error::Unknown)?;
    let c = ctx.as_raw().as_ptr();
    let keep = Box::into_raw(Box::new(r.shared.clone()));
    let b = unsafe {
        qjs::JS_NewArrayBuffer(
            c,
            ptr,
            len as _,
            0,
            Some(release_buffer),
            keep.cast(),
            false,
        )
    };
    if unsafe { qjs::JS_IsException(b) } {
        drop(unsafe { Box::from_raw(keep) });
        return Err(rquickjs::Error::Exception);
    }
    let b = unsafe { Value::from_raw(ctx.clone(), b) };
    if len > 0 {
        *r.shared
            .buffers
            .borrow_mut()
            .entry(ptr as usize)
            .or_insert(0) += 1;
    }
    r.memories.borrow_mut()[slot].buffer = Some((b.clone(), ptr as usize, len));
    Ok(b)
}

/// Detaches the buffers handed out over memories whose bytes moved or grew (wasm code ran, or
/// a memory grew), before JavaScript can read them again.
pub(super) fn refresh_buffers(r: &WasmRealm<'_>) {
    let c = r.ctx.as_raw().as_ptr();
    let stale: Vec<Value> = {
        let Ok(mut memories) = r.memories.try_borrow_mut() else {
            return;
        };
        let mut stale = Vec::new();
        for m in memories.iter_mut() {
            let Some((_, ptr, len)) = &m.buffer else {
                continue;
            };
            let now = r
                .shared
                .with(|s| (m.memory.data_ptr(&s) as usize, m.memory.data_size(&s)));
            if now != Some((*ptr, *len)) {
                if let Some((b, _, _)) = m.buffer.take() {
                    stale.push(b);
                }
            }
        }
        stale
    };
    for b in stale {
        unsafe { qjs::JS_DetachArrayBuffer(c, b.as_raw()) };
    }
}
