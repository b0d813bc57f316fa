//! One realm's WebAssembly record ([`WasmRealm`]): the realm's wasmi store, the JavaScript
//! functions its instances import, the exported-function objects, the memories handed to
//! JavaScript, and what the namespace made (prototypes, error classes). The parts of the
//! namespace (`wasm/*.rs`) all work on it; it sits below them so that none uses `wasm.rs`.

use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use rquickjs::class::{Trace, Tracer};
use rquickjs::{qjs, Ctx, JsLifetime, Object, Value};
use wasmi::{ExternRef, Func, Memory};

use super::store::{self, Buffers, Shared};
use crate::allocator::HeapLimit;
use crate::interrupt::Interrupts;

/// What the runtime gives every realm's WebAssembly (stored as the runtime's userdata).
pub(crate) struct WasmHost {
    pub(crate) interrupts: Rc<Interrupts>,
    pub(crate) heap: Rc<HeapLimit>,
    /// The realms (by address) whose context forbids wasm code generation
    /// (`codeGeneration: { wasm: false }`).
    pub(crate) forbidden: Rc<RefCell<HashSet<usize>>>,
    /// The data addresses of the ArrayBuffers handed out over wasm memories, with how many
    /// (see [`guard_transfer`]).
    pub(crate) buffers: Buffers,
}

unsafe impl<'js> JsLifetime<'js> for WasmHost {
    type Changed<'to> = WasmHost;
}

/// The error classes of the namespace.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    Compile = 0,
    Link = 1,
    Runtime = 2,
}

/// What the namespace made in the realm, set once when it is made.
pub(super) struct Made<'js> {
    /// The realm's `Error` (its constructor, which the error classes extend), when it was
    /// found unchanged.
    pub(super) error: Option<Value<'js>>,
    pub(super) errors: [Value<'js>; 3],
    pub(super) module_proto: Object<'js>,
    pub(super) instance_proto: Object<'js>,
    pub(super) memory_proto: Object<'js>,
    pub(super) table_proto: Object<'js>,
    pub(super) global_proto: Object<'js>,
}

/// A memory of the realm's store, with its `WebAssembly.Memory` object and the ArrayBuffer
/// handed out over its bytes (with the address and length it was made over).
pub(super) struct MemorySlot<'js> {
    pub(super) memory: Memory,
    pub(super) object: Option<Value<'js>>,
    pub(super) buffer: Option<(Value<'js>, usize, usize)>,
}

/// The JavaScript values a realm's wasm holds as `externref`: each value once (by its
/// identity, [`Externs::key`]) with the store's `ExternRef` naming it; kept while the realm's
/// store lives, as the store keeps its `ExternRef`s.
#[derive(Default)]
pub(super) struct Externs<'js> {
    pub(super) values: Vec<(Value<'js>, ExternRef)>,
    pub(super) index: HashMap<(i32, u64), usize>,
}

impl Externs<'_> {
    /// The identity of a value: its object (or string, symbol, big integer) for a value the
    /// engine counts, its bits for a number, its tag and payload otherwise.
    pub(super) fn key(v: &Value<'_>) -> (i32, u64) {
        let raw = v.as_raw();
        unsafe {
            let tag = qjs::JS_VALUE_GET_TAG(raw);
            if tag == qjs::JS_TAG_FLOAT64 {
                (tag, qjs::JS_VALUE_GET_FLOAT64(raw).to_bits())
            } else if qjs::JS_VALUE_HAS_REF_COUNT(raw) {
                (tag, qjs::JS_VALUE_GET_PTR(raw) as usize as u64)
            } else {
                (tag, qjs::JS_VALUE_GET_INT(raw) as u32 as u64)
            }
        }
    }
}

/// One realm's WebAssembly: see the module's comment.
pub(crate) struct WasmRealm<'js> {
    pub(super) ctx: Ctx<'js>,
    pub(super) shared: Rc<Shared>,
    /// The JavaScript functions the realm's instances import, by the index their host
    /// function holds.
    pub(super) imports: RefCell<Vec<Value<'js>>>,
    /// The functions exported to JavaScript, by the index their JavaScript function holds.
    pub(super) funcs: RefCell<Vec<Func>>,
    /// The JavaScript object of each exported function (by the function's handle), with its
    /// index in `funcs`: one object per function, as V8 has it.
    pub(super) func_objects: RefCell<HashMap<String, (Value<'js>, usize)>>,
    pub(super) memories: RefCell<Vec<MemorySlot<'js>>>,
    /// The `WebAssembly.Global` object of each global handed to JavaScript (by the global's
    /// handle): one object per global, so an instance re-exports the object it imported.
    pub(super) globals: RefCell<HashMap<String, Value<'js>>>,
    /// The JavaScript values wasm holds as `externref`, by the index their `ExternRef` holds
    /// (values of this realm only: another realm's store has its own list).
    pub(super) externs: RefCell<Externs<'js>>,
    pub(super) made: OnceCell<Made<'js>>,
}

impl<'js> Trace<'js> for WasmRealm<'js> {
    fn trace<'a>(&self, tracer: Tracer<'a, 'js>) {
        tracer.mark_ctx(&self.ctx);
        // Skipping a mark is safe (the value just counts as referenced from outside).
        if let Ok(imports) = self.imports.try_borrow() {
            for v in imports.iter() {
                tracer.mark(v);
            }
        }
        if let Ok(objects) = self.func_objects.try_borrow() {
            for (v, _) in objects.values() {
                tracer.mark(v);
            }
        }
        if let Ok(globals) = self.globals.try_borrow() {
            for v in globals.values() {
                tracer.mark(v);
            }
        }
        if let Ok(externs) = self.externs.try_borrow() {
            for (v, _) in externs.values.iter() {
                tracer.mark(v);
            }
        }
        if let Ok(memories) = self.memories.try_borrow() {
            for m in memories.iter() {
                if let Some(o) = &m.object {
                    tracer.mark(o);
                }
                if let Some((b, _, _)) = &m.buffer {
                    tracer.mark(b);
                }
            }
        }
        if let Some(made) = self.made.get() {
            if let Some(e) = &made.error {
                tracer.mark(e);
            }
            for e in &made.errors {
                tracer.mark(e);
            }
            tracer.mark(made.module_proto.as_value());
            tracer.mark(made.instance_proto.as_value());
            tracer.mark(made.memory_proto.as_value());
            tracer.mark(made.table_proto.as_value());
            tracer.mark(made.global_proto.as_value());
        }
    }
}

crate::engine_class::realmless_class!(WasmRealm, "WasmRealm");

macro_rules! plain_class {
    ($t:ty, $name:literal, $lt:lifetime, |$s:ident, $tr:ident| $body:block) => {
        impl<$lt> Trace<$lt> for $t {
            fn trace<'a>(&self, $tr: Tracer<'a, $lt>) {
                let $s = self;
                $body
            }
        }
        impl<$lt> JsClass<$lt> for $t {
            const NAME: &'static str = $name;
            type Mutable = Readable;
            fn prototype(_ctx: &Ctx<$lt>) -> rquickjs::Result<Option<Object<$lt>>> {
                Ok(None)
            }
            fn constructor(
                _ctx: &Ctx<$lt>,
            ) -> rquickjs::Result<Option<rquickjs::function::Constructor<$lt>>> {
                Ok(None)
            }
        }
    };
}
pub(super) use plain_class;

pub(super) type Res<'js, T> = rquickjs::Result<T>;

impl<'js> WasmRealm<'js> {
    pub(super) fn made(&self) -> &Made<'js> {
        self.made.get().expect("the namespace sets it when made")
    }

    pub(super) fn forbidden(&self) -> bool {
        let realm = self.ctx.as_raw().as_ptr() as usize;
        self.ctx
            .userdata::<WasmHost>()
            .is_some_and(|h| h.forbidden.borrow().contains(&realm))
    }

    /// Runs `f` on the store; when it `failed` for the memory limit, collects the runtime's
    /// garbage (other realms' stores, whose memories are charged until collected) and runs it
    /// once more, as V8 collects before it gives up on an allocation.
    pub(super) fn with_room<T>(
        &self,
        f: impl Fn(wasmi::StoreContextMut<'_, store::Host>) -> T,
        failed: impl Fn(&T) -> bool,
    ) -> Option<T> {
        let first = self.shared.with(&f)?;
        let refused = self
            .shared
            .with(|s| s.data().limiter.refused)
            .unwrap_or(false);
        if !failed(&first) || !refused {
            return Some(first);
        }
        self.ctx.run_gc();
        self.shared.with(&f)
    }
}
