//! `WebAssembly.Memory`: a memory of the realm's store, made by the constructor or exported by
//! an instance (one object per memory), and `grow`, charged to the memory limit.

use rquickjs::class::{JsClass, Readable, Trace, Tracer};
use rquickjs::{qjs, Class, Ctx, JsLifetime, Object, Value};
use wasmi::{Memory, MemoryType};

use super::functions::{range_error, type_error};
use super::realm::{plain_class, MemorySlot, Res, WasmRealm};
use super::values::descriptor_limit;

/// A `WebAssembly.Memory`: a memory of its realm's store.
pub(crate) struct WasmMemory<'js> {
    pub(super) realm: Class<'js, WasmRealm<'js>>,
    pub(super) slot: usize,
}

plain_class!(WasmMemory<'js>, "Memory", 'js, |s, t| { t.mark(s.realm.as_value()) });

unsafe impl<'js> JsLifetime<'js> for WasmMemory<'js> {
    type Changed<'to> = WasmMemory<'to>;
}

/// The `WebAssembly.Memory` of `memory` (made once per memory), with prototype `proto` when
/// made by `new`.
pub(super) fn memory_object<'js>(
    r: &WasmRealm<'js>,
    realm: &Class<'js, WasmRealm<'js>>,
    memory: Memory,
    proto: Option<Object<'js>>,
) -> Res<'js, Value<'js>> {
    let key = format!("{memory:?}");
    let slot = {
        let mut memories = r.memories.borrow_mut();
        match memories
            .iter()
            .position(|m| format!("{:?}", m.memory) == key)
        {
            Some(i) => {
                if let Some(o) = &memories[i].object {
                    return Ok(o.clone());
                }
                i
            }
            None => {
                memories.push(MemorySlot {
                    memory,
                    object: None,
                    buffer: None,
                });
                memories.len() - 1
            }
        }
    };
    let proto = proto.unwrap_or_else(|| r.made().memory_proto.clone());
    let object = Class::instance_proto(
        WasmMemory {
            realm: realm.clone(),
            slot,
        },
        proto,
    )?
    .into_value();
    r.memories.borrow_mut()[slot].object = Some(object.clone());
    Ok(object)
}

/// Reads a memory descriptor's property `name` as an index in pages (`None` when absent).
pub(super) fn descriptor_pages<'js>(
    ctx: &Ctx<'js>,
    d: &Object<'js>,
    name: &str,
) -> Res<'js, Option<u32>> {
    descriptor_limit(ctx, d, name, "WebAssembly.Memory()", 65536.0)
}

/// `new WebAssembly.Memory(descriptor)`.
pub(super) fn new_memory<'js>(
    r: &WasmRealm<'js>,
    realm: &Class<'js, WasmRealm<'js>>,
    descriptor: &Value<'js>,
    proto: Object<'js>,
) -> Res<'js, Value<'js>> {
    let ctx = &r.ctx;
    let Some(d) = descriptor.as_object() else {
        return type_error(
            ctx,
            "WebAssembly.Memory(): Argument 0 must be a memory descriptor",
        );
    };
    let Some(initial) = descriptor_pages(ctx, d, "initial")? else {
        return type_error(ctx, "WebAssembly.Memory(): Property 'initial' is required");
    };
    let maximum = descriptor_pages(ctx, d, "maximum")?;
    if maximum.is_some_and(|m| m < initial) {
        return range_error(
            ctx,
            &format!(
                "WebAssembly.Memory(): Property 'maximum': value {} is below the lower bound {initial}",
                maximum.unwrap_or(0)
            ),
        );
    }
    let made = r.with_room(
        |mut s| Memory::new(&mut s, MemoryType::new(initial, maximum)),
        Result::is_err,
    );
    match made {
        Some(Ok(memory)) => memory_object(r, realm, memory, Some(proto)),
        _ => range_error(ctx, "WebAssembly.Memory(): could not allocate memory"),
    }
}

/// `Memory.prototype.grow(delta)`: the old size in pages.
pub(super) fn grow<'js>(
    r: &WasmRealm<'js>,
    slot: usize,
    delta: &Value<'js>,
) -> Res<'js, Value<'js>> {
    let ctx = &r.ctx;
    let n = super::values::index_of(ctx, delta, "WebAssembly.Memory.grow()", "Argument 0")?;
    let memory = r.memories.borrow()[slot].memory;
    let grown = r.with_room(
        |mut s| {
            let r = memory.grow(&mut s, n);
            let refused = s.data().limiter.refused;
            (r, refused)
        },
        |(r, _)| r.is_err(),
    );
    // The old buffer is detached even when the size did not change, as V8 does.
    if let Some((b, _, _)) = r.memories.borrow_mut()[slot].buffer.take() {
        unsafe { qjs::JS_DetachArrayBuffer(ctx.as_raw().as_ptr(), b.as_raw()) };
    }
    match grown {
        Some((Ok(old), _)) => Ok(Value::new_float(ctx.clone(), old as f64)),
        // Refused by the limit, or past the engine's bound where no maximum was declared.
        Some((Err(_), refused))
            if refused
                || r.shared
                    .with(|s| memory.ty(&s).maximum().is_none())
                    .unwrap_or(false) =>
        {
            range_error(
                ctx,
                "WebAssembly.Memory.grow(): Unable to grow instance memory",
            )
        }
        _ => range_error(
            ctx,
            "WebAssembly.Memory.grow(): Maximum memory size exceeded",
        ),
    }
}
