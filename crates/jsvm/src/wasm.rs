//! `WebAssembly`: the JS API of V8's builtin, on the wasmi interpreter (store.rs).
//!
//! A realm gets the namespace as a lazy group (realm.rs): made on the first lookup of
//! `WebAssembly`. Everything the namespace makes belongs to its realm: one record
//! ([`WasmRealm`]) holds the realm's wasmi store, the JavaScript functions its instances
//! import, and the prototypes and error classes of the namespace. Its functions are the
//! engine's C functions with data (the record is their data, marked by the collector like any
//! reference), so the realm, its namespace and its instances are collected together.
//!
//! Limits: calls run on fuel in slices and poll the runtime's interrupt frames (a timeout or
//! a cancel stops wasm code); memories and tables grow only as far as the runtime's memory
//! limit admits (store.rs); a wasm stack overflow is V8's RangeError. A memory's `buffer` is
//! an ArrayBuffer over the wasm memory itself, detached when the memory grows (checked each
//! time wasm code hands control back to JavaScript, where the bytes may have moved).

mod bytes;
mod store;

use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::ffi::{c_int, c_void, CString};
use std::ptr::NonNull;
use std::rc::Rc;

use rquickjs::class::{JsClass, Readable, Trace, Tracer};
use rquickjs::{qjs, Class, Ctx, JsLifetime, Object, Value};
use wasmi::{
    Extern, ExternType, Func, FuncType, Memory, MemoryType, Nullable, Ref, RefType, Table,
    TableType, Val, ValType,
};

use crate::allocator::HeapLimit;
use crate::interrupt::Interrupts;
use crate::realm::lazy_group;
use store::{Buffers, Failure, Shared};

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

/// The operations of the namespace's functions (their `magic`).
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(i32)]
enum Op {
    Validate,
    Compile,
    Instantiate,
    Module,
    Instance,
    Memory,
    CompileError,
    LinkError,
    RuntimeError,
    ModuleExports,
    ModuleImports,
    ModuleCustomSections,
    InstanceExports,
    MemoryBuffer,
    MemoryGrow,
    CallExport,
    Table,
    TableLength,
    TableGet,
    TableSet,
    TableGrow,
}

const OPS: [Op; 21] = [
    Op::Validate,
    Op::Compile,
    Op::Instantiate,
    Op::Module,
    Op::Instance,
    Op::Memory,
    Op::CompileError,
    Op::LinkError,
    Op::RuntimeError,
    Op::ModuleExports,
    Op::ModuleImports,
    Op::ModuleCustomSections,
    Op::InstanceExports,
    Op::MemoryBuffer,
    Op::MemoryGrow,
    Op::CallExport,
    Op::Table,
    Op::TableLength,
    Op::TableGet,
    Op::TableSet,
    Op::TableGrow,
];

/// The error classes of the namespace.
#[derive(Clone, Copy)]
enum Kind {
    Compile = 0,
    Link = 1,
    Runtime = 2,
}

/// What the namespace made in the realm, set once when it is made.
struct Made<'js> {
    /// The realm's `Error` (its constructor, which the error classes extend), when it was
    /// found unchanged.
    error: Option<Value<'js>>,
    errors: [Value<'js>; 3],
    module_proto: Object<'js>,
    instance_proto: Object<'js>,
    memory_proto: Object<'js>,
    table_proto: Object<'js>,
}

/// A memory of the realm's store, with its `WebAssembly.Memory` object and the ArrayBuffer
/// handed out over its bytes (with the address and length it was made over).
struct MemorySlot<'js> {
    memory: Memory,
    object: Option<Value<'js>>,
    buffer: Option<(Value<'js>, usize, usize)>,
}

/// One realm's WebAssembly: see the module's comment.
pub(crate) struct WasmRealm<'js> {
    ctx: Ctx<'js>,
    shared: Rc<Shared>,
    /// The JavaScript functions the realm's instances import, by the index their host
    /// function holds.
    imports: RefCell<Vec<Value<'js>>>,
    /// The functions exported to JavaScript, by the index their JavaScript function holds.
    funcs: RefCell<Vec<Func>>,
    /// The JavaScript object of each exported function (by the function's handle), with its
    /// index in `funcs`: one object per function, as V8 has it.
    func_objects: RefCell<HashMap<String, (Value<'js>, usize)>>,
    memories: RefCell<Vec<MemorySlot<'js>>>,
    made: OnceCell<Made<'js>>,
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
        }
    }
}

unsafe impl<'js> JsLifetime<'js> for WasmRealm<'js> {
    type Changed<'to> = WasmRealm<'to>;
}

impl<'js> JsClass<'js> for WasmRealm<'js> {
    const NAME: &'static str = "WasmRealm";
    type Mutable = Readable;
    /// None: rquickjs keeps one prototype per runtime, which would be the first realm's.
    fn prototype(_ctx: &Ctx<'js>) -> rquickjs::Result<Option<Object<'js>>> {
        Ok(None)
    }
    fn constructor(
        _ctx: &Ctx<'js>,
    ) -> rquickjs::Result<Option<rquickjs::function::Constructor<'js>>> {
        Ok(None)
    }
}

/// A compiled module, compiled by the engine of the realm that made it; an `Instance` of
/// another realm compiles its bytes again with its own engine.
pub(crate) struct WasmModule {
    module: wasmi::Module,
    /// The store of the realm that compiled it, which holds its charge (and its engine) while
    /// the module lives.
    _store: Rc<Shared>,
    /// The bytes compiled (rewritten without their start section), for another realm.
    code: Rc<[u8]>,
    footprint: bytes::Footprint,
    /// Export names in the module's order.
    exports: Vec<String>,
    /// Whether the module was rewritten to export its start function (bytes.rs).
    has_start: bool,
}

/// An instance: its exports object.
pub(crate) struct WasmInstance<'js> {
    exports: Value<'js>,
}

/// A `WebAssembly.Table`: a table of its realm's store (see Tables below).
pub(crate) struct WasmTable<'js> {
    realm: Class<'js, WasmRealm<'js>>,
    table: Table,
}

/// A `WebAssembly.Memory`: a memory of its realm's store.
pub(crate) struct WasmMemory<'js> {
    realm: Class<'js, WasmRealm<'js>>,
    slot: usize,
}

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

plain_class!(WasmModule, "Module", 'js, |_s, _t| {});
unsafe impl<'js> JsLifetime<'js> for WasmModule {
    type Changed<'to> = WasmModule;
}
plain_class!(WasmInstance<'js>, "Instance", 'js, |s, t| { t.mark(&s.exports) });
unsafe impl<'js> JsLifetime<'js> for WasmInstance<'js> {
    type Changed<'to> = WasmInstance<'to>;
}
plain_class!(WasmMemory<'js>, "Memory", 'js, |s, t| { t.mark(s.realm.as_value()) });
plain_class!(WasmTable<'js>, "Table", 'js, |s, t| { t.mark(s.realm.as_value()) });
unsafe impl<'js> JsLifetime<'js> for WasmTable<'js> {
    type Changed<'to> = WasmTable<'to>;
}
unsafe impl<'js> JsLifetime<'js> for WasmMemory<'js> {
    type Changed<'to> = WasmMemory<'to>;
}

/// A host function's error: JavaScript threw (its exception is pending in the runtime).
#[derive(Debug)]
struct Threw;

impl std::fmt::Display for Threw {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JavaScript threw")
    }
}

impl wasmi::errors::HostError for Threw {}

type Res<'js, T> = rquickjs::Result<T>;

/// Adds `WebAssembly` to the global of `ctx` (the step of realm.rs). Returns -1 on an
/// exception.
pub(crate) unsafe extern "C" fn add_webassembly(ctx: *mut qjs::JSContext) -> c_int {
    let Some(raw) = NonNull::new(ctx) else {
        return -1;
    };
    let c = Ctx::from_raw(raw);
    match make_namespace(&c) {
        Ok(ns) => {
            let global = qjs::JS_GetGlobalObject(ctx);
            let r = qjs::JS_DefinePropertyValueStr(
                ctx,
                global,
                c"WebAssembly".as_ptr(),
                qjs::JS_DupValue(ctx, ns.as_raw()),
                (qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE) as c_int,
            );
            qjs::JS_FreeValue(ctx, global);
            if r < 0 {
                -1
            } else {
                0
            }
        }
        Err(_) => -1,
    }
}

/// A C function of the namespace, with the realm's record as its data.
fn native<'js>(
    ctx: &Ctx<'js>,
    realm: &Value<'js>,
    op: Op,
    name: &str,
    length: i32,
    extra: Option<i32>,
) -> Res<'js, Value<'js>> {
    let name = CString::new(name).map_err(|_| rquickjs::Error::Unknown)?;
    let c = ctx.as_raw().as_ptr();
    let mut data = [
        unsafe { qjs::JS_DupValue(c, realm.as_raw()) },
        qjs::JS_MKVAL(qjs::JS_TAG_INT, extra.unwrap_or(0)),
    ];
    let f = unsafe {
        let f = qjs::JS_NewCFunctionData2(
            c,
            Some(trampoline),
            name.as_ptr(),
            length,
            op as i32,
            2,
            data.as_mut_ptr(),
        );
        qjs::JS_FreeValue(c, data[0]);
        f
    };
    if unsafe { qjs::JS_IsException(f) } {
        return Err(rquickjs::Error::Exception);
    }
    Ok(unsafe { Value::from_raw(ctx.clone(), f) })
}

/// Defines a method (writable, configurable, not enumerable) or, with `getter`, an accessor.
fn define<'js>(obj: &Object<'js>, name: &str, value: Value<'js>, getter: bool) -> Res<'js, ()> {
    let ctx = obj.ctx();
    let c = ctx.as_raw().as_ptr();
    let name = CString::new(name).map_err(|_| rquickjs::Error::Unknown)?;
    let r = unsafe {
        let atom = qjs::JS_NewAtom(c, name.as_ptr());
        let r = if getter {
            qjs::JS_DefinePropertyGetSet(
                c,
                obj.as_raw(),
                atom,
                qjs::JS_DupValue(c, value.as_raw()),
                qjs::JS_UNDEFINED,
                qjs::JS_PROP_CONFIGURABLE as c_int,
            )
        } else {
            qjs::JS_DefinePropertyValue(
                c,
                obj.as_raw(),
                atom,
                qjs::JS_DupValue(c, value.as_raw()),
                (qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE) as c_int,
            )
        };
        qjs::JS_FreeAtom(c, atom);
        r
    };
    if r < 0 {
        return Err(rquickjs::Error::Exception);
    }
    Ok(())
}

/// Defines a value with the given flags.
fn define_flags<'js>(
    obj: &Object<'js>,
    name: &str,
    value: &Value<'js>,
    flags: u32,
) -> Res<'js, ()> {
    let c = obj.ctx().as_raw().as_ptr();
    let name = CString::new(name).map_err(|_| rquickjs::Error::Unknown)?;
    let r = unsafe {
        qjs::JS_DefinePropertyValueStr(
            c,
            obj.as_raw(),
            name.as_ptr(),
            qjs::JS_DupValue(c, value.as_raw()),
            flags as c_int,
        )
    };
    if r < 0 {
        return Err(rquickjs::Error::Exception);
    }
    Ok(())
}

/// `Symbol.toStringTag` of `obj`.
fn to_string_tag<'js>(obj: &Object<'js>, tag: &str) -> Res<'js, ()> {
    let ctx = obj.ctx();
    let c = ctx.as_raw().as_ptr();
    let value = rquickjs::String::from_str(ctx.clone(), tag)?;
    let r = unsafe {
        qjs::JS_DefinePropertyValue(
            c,
            obj.as_raw(),
            qjs::JS_ATOM_Symbol_toStringTag as qjs::JSAtom,
            qjs::JS_DupValue(c, value.as_raw()),
            qjs::JS_PROP_CONFIGURABLE as c_int,
        )
    };
    if r < 0 {
        return Err(rquickjs::Error::Exception);
    }
    Ok(())
}

/// A constructor `name` of the namespace with a fresh prototype (`proto_parent` its
/// prototype: the realm's `Object.prototype` or `Error.prototype`).
fn constructor<'js>(
    ctx: &Ctx<'js>,
    realm: &Value<'js>,
    op: Op,
    name: &str,
    length: i32,
    proto_parent: Option<&Value<'js>>,
) -> Res<'js, (Value<'js>, Object<'js>)> {
    let f = native(ctx, realm, op, name, length, None)?;
    let c = ctx.as_raw().as_ptr();
    unsafe { qjs::JS_SetConstructorBit(c, f.as_raw(), true) };
    let proto = match proto_parent {
        Some(p) => unsafe {
            let o = qjs::JS_NewObjectProto(c, p.as_raw());
            if qjs::JS_IsException(o) {
                return Err(rquickjs::Error::Exception);
            }
            Object::from_value(Value::from_raw(ctx.clone(), o))?
        },
        None => Object::new(ctx.clone())?,
    };
    let fo = f.as_object().ok_or(rquickjs::Error::Unknown)?;
    define_flags(fo, "prototype", proto.as_value(), 0)?;
    define_flags(
        &proto,
        "constructor",
        &f,
        qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE,
    )?;
    Ok((f, proto))
}

/// The own data property `name` of `obj` with its flags, without running anything (`None`:
/// absent, an accessor, or an exception).
fn own_data<'js>(obj: &Object<'js>, name: &std::ffi::CStr) -> Option<(Value<'js>, c_int)> {
    let ctx = obj.ctx();
    let c = ctx.as_raw().as_ptr();
    unsafe {
        let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
        let atom = qjs::JS_NewAtom(c, name.as_ptr());
        let r = qjs::JS_GetOwnProperty(c, &mut desc, obj.as_raw(), atom);
        qjs::JS_FreeAtom(c, atom);
        if r <= 0 {
            let e = qjs::JS_GetException(c);
            qjs::JS_FreeValue(c, e);
            return None;
        }
        qjs::JS_FreeValue(c, desc.getter);
        qjs::JS_FreeValue(c, desc.setter);
        let value = Value::from_raw(ctx.clone(), desc.value);
        (desc.flags & qjs::JS_PROP_GETSET as c_int == 0).then_some((value, desc.flags))
    }
}

/// The realm's `Error` constructor, found from its intrinsic prototype when code left it as
/// made.
fn realm_error<'js>(ctx: &Ctx<'js>) -> Option<(Value<'js>, Value<'js>)> {
    let c = ctx.as_raw().as_ptr();
    // `JS_CLASS_ERROR` of the pinned engine.
    let proto = unsafe { Value::from_raw(ctx.clone(), qjs::JS_GetClassProto(c, 3)) };
    let (ctor, _) = own_data(proto.as_object()?, c"constructor")?;
    // Its own `prototype` is not writable: a function claiming to be `Error` must be it.
    let (p, flags) = own_data(ctor.as_object()?, c"prototype")?;
    let fixed = flags & (qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE) as c_int == 0;
    let native = unsafe { qjs::JS_IsConstructor(c, ctor.as_raw()) };
    (fixed && native && p == proto).then_some((ctor, proto))
}

/// Makes the namespace of the realm `ctx`.
fn make_namespace<'js>(ctx: &Ctx<'js>) -> Res<'js, Object<'js>> {
    let host = ctx.userdata::<WasmHost>();
    let (heap, interrupts, buffers) = match &host {
        Some(h) => (h.heap.clone(), h.interrupts.clone(), h.buffers.clone()),
        // A runtime that is not the library's (never expected): no limit to charge.
        None => (
            HeapLimit::new(None, None),
            Rc::new(Interrupts::default()),
            Buffers::default(),
        ),
    };
    drop(host);
    let shared = Shared::new(heap, interrupts, buffers);
    let record = Class::instance(
        ctx.clone(),
        WasmRealm {
            ctx: ctx.clone(),
            shared,
            imports: RefCell::new(Vec::new()),
            funcs: RefCell::new(Vec::new()),
            func_objects: RefCell::new(HashMap::new()),
            memories: RefCell::new(Vec::new()),
            made: OnceCell::new(),
        },
    )?;
    {
        let r = record.borrow();
        let at = &*r as *const WasmRealm<'js> as *const c_void;
        if let Ok(mut s) = r.shared.store.try_borrow_mut() {
            s.data_mut().realm = at;
        };
    }
    let realm = record.clone().into_value();
    let ns = Object::new(ctx.clone())?;
    to_string_tag(&ns, "WebAssembly")?;
    // (name, operation, length, accessor): a method, or with `true` a getter named "get NAME".
    let members = |obj: &Object<'js>, list: &[(&str, Op, i32, bool)]| -> Res<'js, ()> {
        for &(name, op, len, getter) in list {
            let fname = if getter {
                format!("get {name}")
            } else {
                name.to_string()
            };
            define(
                obj,
                name,
                native(ctx, &realm, op, &fname, len, None)?,
                getter,
            )?;
        }
        Ok(())
    };
    members(
        &ns,
        &[
            ("compile", Op::Compile, 1, false),
            ("validate", Op::Validate, 1, false),
            ("instantiate", Op::Instantiate, 1, false),
        ],
    )?;
    // A class of the namespace: `WebAssembly.NAME`, its prototype tagged and given `methods`.
    let class = |op: Op, name: &str, methods: &[(&str, Op, i32, bool)]| {
        let (f, proto) = constructor(ctx, &realm, op, name, 1, None)?;
        to_string_tag(&proto, &format!("WebAssembly.{name}"))?;
        members(&proto, methods)?;
        define(&ns, name, f.clone(), false)?;
        Ok::<_, rquickjs::Error>((f, proto))
    };
    let (module, module_proto) = class(Op::Module, "Module", &[])?;
    members(
        module.as_object().ok_or(rquickjs::Error::Unknown)?,
        &[
            ("imports", Op::ModuleImports, 1, false),
            ("exports", Op::ModuleExports, 1, false),
            ("customSections", Op::ModuleCustomSections, 2, false),
        ],
    )?;
    let instance_proto = class(
        Op::Instance,
        "Instance",
        &[("exports", Op::InstanceExports, 0, true)],
    )?
    .1;
    let memory_proto = class(
        Op::Memory,
        "Memory",
        &[
            ("grow", Op::MemoryGrow, 1, false),
            ("buffer", Op::MemoryBuffer, 0, true),
        ],
    )?
    .1;
    let table_proto = class(
        Op::Table,
        "Table",
        &[
            ("length", Op::TableLength, 0, true),
            ("grow", Op::TableGrow, 1, false),
            ("set", Op::TableSet, 1, false),
            ("get", Op::TableGet, 1, false),
        ],
    )?
    .1;
    let error = realm_error(ctx);
    let error_proto = match &error {
        Some((_, p)) => p.clone(),
        None => unsafe {
            Value::from_raw(ctx.clone(), qjs::JS_GetClassProto(ctx.as_raw().as_ptr(), 3))
        },
    };
    let mut errors = Vec::new();
    for (op, name) in [
        (Op::CompileError, "CompileError"),
        (Op::LinkError, "LinkError"),
        (Op::RuntimeError, "RuntimeError"),
    ] {
        let (f, proto) = constructor(ctx, &realm, op, name, 1, Some(&error_proto))?;
        if let Some((e, _)) = &error {
            let c = ctx.as_raw().as_ptr();
            if unsafe { qjs::JS_SetPrototype(c, f.as_raw(), e.as_raw()) } < 0 {
                return Err(rquickjs::Error::Exception);
            }
        }
        let flags = qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE;
        define_flags(
            &proto,
            "name",
            &rquickjs::String::from_str(ctx.clone(), name)?.into_value(),
            flags,
        )?;
        define_flags(
            &proto,
            "message",
            &rquickjs::String::from_str(ctx.clone(), "")?.into_value(),
            flags,
        )?;
        define(&ns, name, f.clone(), false)?;
        errors.push(f);
    }
    let [compile_error, link_error, runtime_error]: [Value<'js>; 3] =
        errors.try_into().map_err(|_| rquickjs::Error::Unknown)?;
    let _ = record.borrow().made.set(Made {
        error: error.map(|(e, _)| e),
        errors: [compile_error, link_error, runtime_error],
        module_proto,
        instance_proto,
        memory_proto,
        table_proto,
    });
    Ok(ns)
}

/// The C functions' entry: dispatches on `magic`.
unsafe extern "C" fn trampoline(
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
    let c = Ctx::from_raw(raw);
    let args: Vec<Value> = (0..argc.max(0) as usize)
        .map(|i| Value::from_raw(c.clone(), qjs::JS_DupValue(ctx, *argv.add(i))))
        .collect();
    let this = Value::from_raw(c.clone(), qjs::JS_DupValue(ctx, this));
    let realm = Value::from_raw(c.clone(), qjs::JS_DupValue(ctx, *data));
    let mut extra = 0;
    qjs::JS_ToInt32(ctx, &mut extra, *data.add(1));
    let Some(op) = OPS.get(magic as usize).copied() else {
        return qjs::JS_EXCEPTION;
    };
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let realm = Class::<WasmRealm>::from_value(&realm)?;
        dispatch(&c, &realm, op, &this, &args, extra)
    }));
    match r {
        Ok(Ok(v)) => qjs::JS_DupValue(ctx, v.as_raw()),
        Ok(Err(rquickjs::Error::Exception)) => qjs::JS_EXCEPTION,
        Ok(Err(e)) => {
            let _ = rquickjs::Exception::throw_internal(&c, &e.to_string());
            qjs::JS_EXCEPTION
        }
        Err(_) => {
            let _ = rquickjs::Exception::throw_internal(&c, "jsvm: WebAssembly failed");
            qjs::JS_EXCEPTION
        }
    }
}

fn arg<'js>(ctx: &Ctx<'js>, args: &[Value<'js>], i: usize) -> Value<'js> {
    args.get(i)
        .cloned()
        .unwrap_or_else(|| Value::new_undefined(ctx.clone()))
}

/// Whether a function was called with `new` (its `this` is then `new.target`, a constructor).
fn is_new(ctx: &Ctx<'_>, this: &Value<'_>) -> bool {
    this.is_function() && unsafe { qjs::JS_IsConstructor(ctx.as_raw().as_ptr(), this.as_raw()) }
}

fn type_error<T>(ctx: &Ctx<'_>, msg: &str) -> rquickjs::Result<T> {
    Err(rquickjs::Exception::throw_type(ctx, msg))
}

fn range_error<T>(ctx: &Ctx<'_>, msg: &str) -> rquickjs::Result<T> {
    Err(rquickjs::Exception::throw_range(ctx, msg))
}

fn dispatch<'js>(
    ctx: &Ctx<'js>,
    realm: &Class<'js, WasmRealm<'js>>,
    op: Op,
    this: &Value<'js>,
    args: &[Value<'js>],
    extra: i32,
) -> Res<'js, Value<'js>> {
    let r = realm.borrow();
    match op {
        Op::Validate => {
            let bytes = match bytes::buffer_source(ctx, &arg(ctx, args, 0))? {
                Some(b) => b,
                None => {
                    return type_error(
                        ctx,
                        "WebAssembly.validate(): Argument 0 must be a buffer source",
                    )
                }
            };
            let engine = r.shared.engine().ok_or(rquickjs::Error::Unknown)?;
            let ok = wasmi::Module::validate(&engine, &bytes).is_ok();
            Ok(Value::new_bool(ctx.clone(), ok))
        }
        Op::Module => {
            if !is_new(ctx, this) {
                return type_error(
                    ctx,
                    "WebAssembly.Module(): WebAssembly.Module must be invoked with 'new'",
                );
            }
            let module = compile(&r, "WebAssembly.Module()", &arg(ctx, args, 0))?;
            let proto = proto_of(ctx, this, &r.made().module_proto)?;
            Ok(Class::instance_proto(module, proto)?.into_value())
        }
        Op::Instance => {
            if !is_new(ctx, this) {
                return type_error(
                    ctx,
                    "WebAssembly.Instance(): WebAssembly.Instance must be invoked with 'new'",
                );
            }
            let module = arg(ctx, args, 0);
            let Some(module) = module
                .as_object()
                .and_then(Class::<WasmModule>::from_object)
            else {
                return type_error(
                    ctx,
                    "WebAssembly.Instance(): Argument 0 must be a WebAssembly.Module",
                );
            };
            let proto = proto_of(ctx, this, &r.made().instance_proto)?;
            instantiate(
                &r,
                realm,
                "WebAssembly.Instance()",
                &module,
                &arg(ctx, args, 1),
                proto,
            )
        }
        Op::Compile | Op::Instantiate => {
            let name = if op == Op::Compile {
                "WebAssembly.compile()"
            } else {
                "WebAssembly.instantiate()"
            };
            settle_now(&r, |r| {
                let first = arg(ctx, args, 0);
                if op == Op::Instantiate {
                    if let Some(module) =
                        first.as_object().and_then(Class::<WasmModule>::from_object)
                    {
                        let proto = r.made().instance_proto.clone();
                        return instantiate(r, realm, name, &module, &arg(ctx, args, 1), proto);
                    }
                }
                let module = compile(r, name, &first)?;
                let module = Class::instance_proto(module, r.made().module_proto.clone())?;
                if op == Op::Compile {
                    return Ok(module.into_value());
                }
                let proto = r.made().instance_proto.clone();
                let instance = instantiate(r, realm, name, &module, &arg(ctx, args, 1), proto)?;
                let pair = Object::new(ctx.clone())?;
                pair.set("module", module)?;
                pair.set("instance", instance)?;
                Ok(pair.into_value())
            })
        }
        Op::CompileError | Op::LinkError | Op::RuntimeError => {
            let kind = match op {
                Op::CompileError => Kind::Compile,
                Op::LinkError => Kind::Link,
                _ => Kind::Runtime,
            };
            let target = if is_new(ctx, this) {
                this.clone()
            } else {
                r.made().errors[kind as usize].clone()
            };
            make_error(&r, &target, args)
        }
        Op::ModuleExports | Op::ModuleImports | Op::ModuleCustomSections => {
            let m = arg(ctx, args, 0);
            let Some(module) = m.as_object().and_then(Class::<WasmModule>::from_object) else {
                let which = match op {
                    Op::ModuleExports => "exports",
                    Op::ModuleImports => "imports",
                    _ => "customSections",
                };
                return type_error(
                    ctx,
                    &format!(
                        "WebAssembly.Module.{which}(): Argument 0 must be a WebAssembly.Module"
                    ),
                );
            };
            let module = module.borrow();
            match op {
                Op::ModuleExports => module_exports(ctx, &module),
                Op::ModuleImports => module_imports(ctx, &module),
                _ => custom_sections(&r, &module, &arg(ctx, args, 1)),
            }
        }
        Op::InstanceExports => {
            let Some(instance) = this
                .as_object()
                .and_then(Class::<WasmInstance>::from_object)
            else {
                return type_error(ctx, "Receiver is not a WebAssembly.Instance");
            };
            let exports = instance.borrow().exports.clone();
            Ok(exports)
        }
        Op::Memory => {
            if !is_new(ctx, this) {
                return type_error(
                    ctx,
                    "WebAssembly.Memory(): WebAssembly.Memory must be invoked with 'new'",
                );
            }
            let proto = proto_of(ctx, this, &r.made().memory_proto)?;
            new_memory(&r, realm, &arg(ctx, args, 0), proto)
        }
        Op::MemoryBuffer | Op::MemoryGrow => {
            let Some(memory) = this.as_object().and_then(Class::<WasmMemory>::from_object) else {
                return type_error(ctx, "Receiver is not a WebAssembly.Memory");
            };
            let m = memory.borrow();
            let owner = m.realm.borrow();
            if op == Op::MemoryBuffer {
                buffer(&owner, m.slot)
            } else {
                grow(&owner, m.slot, &arg(ctx, args, 0))
            }
        }
        Op::CallExport => call_export(&r, extra as usize, args),
        Op::Table => {
            if !is_new(ctx, this) {
                return type_error(
                    ctx,
                    "WebAssembly.Table(): WebAssembly.Table must be invoked with 'new'",
                );
            }
            let proto = proto_of(ctx, this, &r.made().table_proto)?;
            new_table(&r, realm, &arg(ctx, args, 0), &arg(ctx, args, 1), proto)
        }
        Op::TableLength | Op::TableGet | Op::TableSet | Op::TableGrow => {
            drop(r);
            let which = match op {
                Op::TableLength => "length",
                Op::TableGet => "get",
                Op::TableSet => "set",
                _ => "grow",
            };
            table_method(ctx, this, which, args)
        }
    }
}

impl<'js> WasmRealm<'js> {
    fn made(&self) -> &Made<'js> {
        self.made.get().expect("the namespace sets it when made")
    }

    fn forbidden(&self) -> bool {
        let realm = self.ctx.as_raw().as_ptr() as usize;
        self.ctx
            .userdata::<WasmHost>()
            .is_some_and(|h| h.forbidden.borrow().contains(&realm))
    }

    /// Runs `f` on the store; when it `failed` for the memory limit, collects the runtime's
    /// garbage (other realms' stores, whose memories are charged until collected) and runs it
    /// once more, as V8 collects before it gives up on an allocation.
    fn with_room<T>(
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

    /// Throws an error of class `kind` of the namespace with `message`.
    fn throw(&self, kind: Kind, message: &str) -> rquickjs::Error {
        let ctx = &self.ctx;
        let target = self.made().errors[kind as usize].clone();
        let msg = match rquickjs::String::from_str(ctx.clone(), message) {
            Ok(s) => s.into_value(),
            Err(e) => return e,
        };
        match make_error(self, &target, &[msg]) {
            Ok(e) => ctx.throw(e),
            Err(e) => e,
        }
    }
}

/// The prototype for an object made by `new` with `new_target` `this`: its `prototype` when
/// an object, else the namespace's.
fn proto_of<'js>(
    ctx: &Ctx<'js>,
    this: &Value<'js>,
    fallback: &Object<'js>,
) -> Res<'js, Object<'js>> {
    let _ = ctx;
    let target = this.as_object().ok_or(rquickjs::Error::Unknown)?;
    let p: Value = target.get("prototype")?;
    Ok(p.into_object().unwrap_or_else(|| fallback.clone()))
}

/// An error of the namespace's class `target` (or a subclass of it) with the arguments of
/// the Error constructor.
fn make_error<'js>(
    r: &WasmRealm<'js>,
    target: &Value<'js>,
    args: &[Value<'js>],
) -> Res<'js, Value<'js>> {
    let ctx = &r.ctx;
    let c = ctx.as_raw().as_ptr();
    if let Some(error) = &r.made().error {
        let mut raw: Vec<qjs::JSValue> = args.iter().map(|a| a.as_raw()).collect();
        let e = unsafe {
            qjs::JS_CallConstructor2(
                c,
                error.as_raw(),
                target.as_raw(),
                raw.len() as c_int,
                raw.as_mut_ptr(),
            )
        };
        if unsafe { qjs::JS_IsException(e) } {
            return Err(rquickjs::Error::Exception);
        }
        return Ok(unsafe { Value::from_raw(ctx.clone(), e) });
    }
    let e = unsafe { Value::from_raw(ctx.clone(), qjs::JS_NewError(c)) };
    let obj = e.as_object().ok_or(rquickjs::Error::Exception)?;
    let proto = proto_of(ctx, target, &Object::new(ctx.clone())?)?;
    obj.set_prototype(Some(&proto))?;
    if let Some(m) = args.first().filter(|m| !m.is_undefined()) {
        let text = m.get::<rquickjs::Coerced<String>>()?.0;
        define_flags(
            obj,
            "message",
            &rquickjs::String::from_str(ctx.clone(), &text)?.into_value(),
            qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE,
        )?;
    }
    Ok(e)
}

/// Runs `f` and gives a promise of the realm settled with its result: a thrown exception
/// rejects it, except the runtime's own stop (uncatchable), which goes on.
fn settle_now<'js>(
    r: &WasmRealm<'js>,
    f: impl FnOnce(&WasmRealm<'js>) -> Res<'js, Value<'js>>,
) -> Res<'js, Value<'js>> {
    let ctx = &r.ctx;
    if !lazy_group::ensure(ctx, lazy_group::PROMISE) {
        return Err(rquickjs::Error::Exception);
    }
    let c = ctx.as_raw().as_ptr();
    let outcome = f(r);
    let (value, fulfilled) = match outcome {
        Ok(v) => (v, true),
        Err(rquickjs::Error::Exception) => unsafe {
            let e = qjs::JS_GetException(c);
            if qjs::JS_IsUncatchableError(e) {
                qjs::JS_Throw(c, e);
                return Err(rquickjs::Error::Exception);
            }
            (Value::from_raw(ctx.clone(), e), false)
        },
        Err(e) => return Err(e),
    };
    let mut funcs = [qjs::JS_UNDEFINED; 2];
    let promise = unsafe { qjs::JS_NewPromiseCapability(c, funcs.as_mut_ptr()) };
    if unsafe { qjs::JS_IsException(promise) } {
        return Err(rquickjs::Error::Exception);
    }
    let promise = unsafe { Value::from_raw(ctx.clone(), promise) };
    let resolve = unsafe { Value::from_raw(ctx.clone(), funcs[0]) };
    let reject = unsafe { Value::from_raw(ctx.clone(), funcs[1]) };
    let settle = if fulfilled { resolve } else { reject };
    let mut v = [value.as_raw()];
    let done = unsafe { qjs::JS_Call(c, settle.as_raw(), qjs::JS_UNDEFINED, 1, v.as_mut_ptr()) };
    if unsafe { qjs::JS_IsException(done) } {
        return Err(rquickjs::Error::Exception);
    }
    unsafe { qjs::JS_FreeValue(c, done) };
    Ok(promise)
}

/// Compiles the buffer source `source` in the realm of `r` (`name` opens the messages).
fn compile<'js>(r: &WasmRealm<'js>, name: &str, source: &Value<'js>) -> Res<'js, WasmModule> {
    let ctx = &r.ctx;
    let Some(bytes) = bytes::buffer_source(ctx, source)? else {
        return type_error(ctx, &format!("{name}: Argument 0 must be a buffer source"));
    };
    if r.forbidden() {
        return Err(r.throw(
            Kind::Compile,
            &format!("{name}: Wasm code generation disallowed by embedder"),
        ));
    }
    let rewritten = bytes::without_start(&bytes);
    let has_start = rewritten.is_some();
    let code: Rc<[u8]> = match rewritten {
        Some(rewritten) => rewritten.into(),
        None => bytes.as_slice().into(),
    };
    let (module, footprint) = compile_code(r, name, &code, &bytes)?;
    Ok(WasmModule {
        module,
        _store: r.shared.clone(),
        exports: bytes::export_names(&bytes),
        code,
        footprint,
        has_start,
    })
}

/// Compiles `code` (the bytes `original` as the library rewrote them) with the engine of the
/// realm of `r`, charged to its store first: wasmi's engine keeps what it compiled until it
/// goes, so the charge stays with the store.
fn compile_code<'js>(
    r: &WasmRealm<'js>,
    name: &str,
    code: &[u8],
    original: &[u8],
) -> Res<'js, (wasmi::Module, bytes::Footprint)> {
    let footprint = bytes::footprint(code);
    let engine = r.shared.engine().ok_or(rquickjs::Error::Unknown)?;
    let held = r.with_room(
        |mut s| s.data_mut().limiter.hold(footprint.compiled),
        |held| !held,
    );
    if held != Some(true) {
        return range_error(
            &r.ctx,
            &format!("{name}: Out of memory: Cannot compile the module within the memory limit"),
        );
    }
    match wasmi::Module::new(&engine, code) {
        Ok(m) => Ok((m, footprint)),
        Err(e) => {
            // The message of the bytes as given (the rewritten ones have other offsets).
            let e = match wasmi::Module::validate(&engine, original) {
                Err(first) => first,
                Ok(()) => e,
            };
            Err(r.throw(
                Kind::Compile,
                &format!("{name}: {}", compile_message(original, &e)),
            ))
        }
    }
}

/// A compile error's message: V8's for a wrong header, the interpreter's otherwise.
fn compile_message(bytes: &[u8], e: &wasmi::Error) -> String {
    const MAGIC: [u8; 4] = [0x00, 0x61, 0x73, 0x6d];
    let hex = |b: &[u8]| {
        b.iter()
            .map(|x| format!("{x:02x}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    if bytes.len() < 4 {
        return "BufferSource argument is empty".to_string().replace(
            "empty",
            if bytes.is_empty() {
                "empty"
            } else {
                "too short"
            },
        );
    }
    if bytes[..4] != MAGIC {
        return format!(
            "expected magic word 00 61 73 6d, found {} @+0",
            hex(&bytes[..4])
        );
    }
    if bytes.len() >= 8 && bytes[4..8] != [1, 0, 0, 0] {
        return format!(
            "expected version 01 00 00 00, found {} @+4",
            hex(&bytes[4..8])
        );
    }
    e.to_string()
}

fn kind_name(ty: &ExternType) -> &'static str {
    match ty {
        ExternType::Func(_) => "function",
        ExternType::Table(_) => "table",
        ExternType::Memory(_) => "memory",
        ExternType::Global(_) => "global",
    }
}

fn module_exports<'js>(ctx: &Ctx<'js>, m: &WasmModule) -> Res<'js, Value<'js>> {
    let list = rquickjs::Array::new(ctx.clone())?;
    for (i, name) in m.exports.iter().enumerate() {
        let Some(ty) = m.module.get_export(name) else {
            continue;
        };
        let o = Object::new(ctx.clone())?;
        o.set("name", name.as_str())?;
        o.set("kind", kind_name(&ty))?;
        list.set(i, o)?;
    }
    Ok(list.into_value())
}

fn module_imports<'js>(ctx: &Ctx<'js>, m: &WasmModule) -> Res<'js, Value<'js>> {
    let list = rquickjs::Array::new(ctx.clone())?;
    for (i, import) in m.module.imports().enumerate() {
        let o = Object::new(ctx.clone())?;
        o.set("module", import.module())?;
        o.set("name", import.name())?;
        o.set("kind", kind_name(import.ty()))?;
        list.set(i, o)?;
    }
    Ok(list.into_value())
}

fn custom_sections<'js>(
    r: &WasmRealm<'js>,
    m: &WasmModule,
    name: &Value<'js>,
) -> Res<'js, Value<'js>> {
    let ctx = &r.ctx;
    if name.is_undefined() {
        return type_error(
            ctx,
            "WebAssembly.Module.customSections(): Argument 1 is required",
        );
    }
    let name = name.get::<rquickjs::Coerced<String>>()?.0;
    if !lazy_group::ensure(ctx, lazy_group::TYPED_ARRAYS) {
        return Err(rquickjs::Error::Exception);
    }
    let list = rquickjs::Array::new(ctx.clone())?;
    let mut n = 0;
    for s in m.module.custom_sections() {
        if s.name() != name {
            continue;
        }
        let c = ctx.as_raw().as_ptr();
        let b = unsafe { qjs::JS_NewArrayBufferCopy(c, s.data().as_ptr(), s.data().len() as _) };
        if unsafe { qjs::JS_IsException(b) } {
            return Err(rquickjs::Error::Exception);
        }
        list.set(n, unsafe { Value::from_raw(ctx.clone(), b) })?;
        n += 1;
    }
    Ok(list.into_value())
}

/// The JavaScript value of a wasm value.
fn to_js<'js>(ctx: &Ctx<'js>, v: &Val) -> Res<'js, Value<'js>> {
    let c = ctx.as_raw().as_ptr();
    Ok(match v {
        Val::I32(i) => Value::new_int(ctx.clone(), *i),
        Val::I64(i) => unsafe {
            let b = qjs::JS_NewBigInt64(c, *i);
            if qjs::JS_IsException(b) {
                return Err(rquickjs::Error::Exception);
            }
            Value::from_raw(ctx.clone(), b)
        },
        Val::F32(f) => Value::new_float(ctx.clone(), f64::from(f32::from(*f))),
        Val::F64(f) => Value::new_float(ctx.clone(), f64::from(*f)),
        _ => return type_error(ctx, "type incompatibility when transforming from/to JS"),
    })
}

/// The wasm value of type `ty` of a JavaScript value (the JS API's ToWebAssemblyValue).
fn to_wasm<'js>(ctx: &Ctx<'js>, v: &Value<'js>, ty: ValType) -> Res<'js, Val> {
    let c = ctx.as_raw().as_ptr();
    let failed = |r: c_int| {
        if r < 0 {
            Err(rquickjs::Error::Exception)
        } else {
            Ok(())
        }
    };
    Ok(match ty {
        ValType::I32 => {
            let mut i = 0;
            failed(unsafe { qjs::JS_ToInt32(c, &mut i, v.as_raw()) })?;
            Val::I32(i)
        }
        ValType::I64 => {
            if v.is_number() {
                // V8's words (the engine says "cannot convert to bigint").
                let n = v.get::<rquickjs::Coerced<String>>()?.0;
                return type_error(ctx, &format!("Cannot convert {n} to a BigInt"));
            }
            let mut i = 0;
            failed(unsafe { qjs::JS_ToBigInt64(c, &mut i, v.as_raw()) })?;
            Val::I64(i)
        }
        ValType::F32 => {
            let mut d = 0.0;
            failed(unsafe { qjs::JS_ToFloat64(c, &mut d, v.as_raw()) })?;
            Val::F32((d as f32).into())
        }
        ValType::F64 => {
            let mut d = 0.0;
            failed(unsafe { qjs::JS_ToFloat64(c, &mut d, v.as_raw()) })?;
            Val::F64(d.into())
        }
        _ => return type_error(ctx, "type incompatibility when transforming from/to JS"),
    })
}

/// Reads `imports[module][name]` as the JS API's instantiation does, for import `index`.
fn import_value<'js>(
    r: &WasmRealm<'js>,
    name: &str,
    imports: &Value<'js>,
    index: usize,
    module: &str,
    field: &str,
) -> Res<'js, Value<'js>> {
    let ctx = &r.ctx;
    let obj = imports.as_object().ok_or(rquickjs::Error::Unknown)?;
    let m: Value = obj.get(module)?;
    let Some(m) = m.as_object() else {
        return type_error(
            ctx,
            &format!("{name}: Import #{index} module=\"{module}\" error: module is not an object or function"),
        );
    };
    m.get(field)
}

/// Instantiates `module` in the realm of `r` with `imports`, the instance's prototype
/// `proto`.
fn instantiate<'js>(
    r: &WasmRealm<'js>,
    realm: &Class<'js, WasmRealm<'js>>,
    name: &str,
    module: &Class<'js, WasmModule>,
    imports: &Value<'js>,
    proto: Object<'js>,
) -> Res<'js, Value<'js>> {
    let ctx = &r.ctx;
    let m = module.borrow();
    let wanted: Vec<_> = m
        .module
        .imports()
        .map(|i| (i.module().to_string(), i.name().to_string(), i.ty().clone()))
        .collect();
    if !imports.is_undefined() && !imports.is_object() {
        return type_error(ctx, &format!("{name}: Argument 1 must be an object"));
    }
    if !wanted.is_empty() && imports.is_undefined() {
        return type_error(
            ctx,
            &format!("{name}: Imports argument must be present and must be an object"),
        );
    }
    let mut externs = Vec::with_capacity(wanted.len());
    for (index, (module_name, field, ty)) in wanted.iter().enumerate() {
        let v = import_value(r, name, imports, index, module_name, field)?;
        let link = |what: &str| {
            Err(r.throw(
                Kind::Link,
                &format!("{name}: Import #{index} module=\"{module_name}\" function=\"{field}\" error: {what}"),
            ))
        };
        match ty {
            ExternType::Func(ft) => {
                if !v.is_function() {
                    return link("function import requires a callable");
                }
                externs.push(Extern::Func(import_function(r, v, ft.clone())?));
            }
            ExternType::Memory(mt) => {
                let Some(mem) = v.as_object().and_then(Class::<WasmMemory>::from_object) else {
                    return link("memory import must be a WebAssembly.Memory object");
                };
                let mem = mem.borrow();
                let owner = mem.realm.borrow();
                if !Rc::ptr_eq(&owner.shared, &r.shared) {
                    return link(
                        "memory import of another realm (jsvm links memories within a realm)",
                    );
                }
                let memory = owner.memories.borrow()[mem.slot].memory;
                let have = r
                    .shared
                    .with(|s| memory.ty(&s))
                    .ok_or(rquickjs::Error::Unknown)?;
                let cur = r.shared.with(|s| memory.size(&s)).unwrap_or(0);
                if cur < mt.minimum() {
                    return link("memory import has no maximum limit, expected at most");
                }
                if let Some(max) = mt.maximum() {
                    if have.maximum().is_none_or(|h| h > max) {
                        return link("memory import has a larger maximum size than the module's declared maximum");
                    }
                }
                externs.push(Extern::Memory(memory));
            }
            ExternType::Table(tt) => {
                let Some(t) = v.as_object().and_then(Class::<WasmTable>::from_object) else {
                    return link("table import requires a WebAssembly.Table");
                };
                let checked = table_import_check(r, &t.borrow(), tt);
                match checked {
                    Ok(table) => externs.push(Extern::Table(table)),
                    Err(what) => return link(what),
                }
            }
            ExternType::Global(_) => return link("global imports are not supported by jsvm"),
        }
    }
    // A module of another realm's engine is compiled again with this one's (wasmi resolves a
    // module's functions in the engine of the store it is instantiated in).
    let engine = r.shared.engine().ok_or(rquickjs::Error::Unknown)?;
    let recompiled = if wasmi::Engine::same(m.module.engine(), &engine) {
        None
    } else {
        Some(compile_code(r, name, &m.code, &m.code)?.0)
    };
    let module = recompiled.as_ref().unwrap_or(&m.module);
    // What the instance holds in the store (its functions, globals, segments) until the store
    // goes: wasmi frees no instance before.
    let held = r.with_room(
        |mut s| s.data_mut().limiter.hold(m.footprint.instance),
        |held| !held,
    );
    if held != Some(true) {
        return range_error(
            ctx,
            &format!("{name}: Out of memory: Cannot allocate Wasm memory for new instance"),
        );
    }
    let instance = r.with_room(
        |mut s| wasmi::Instance::new(&mut s, module, &externs),
        Result::is_err,
    );
    let instance = match instance {
        Some(Ok(i)) => i,
        Some(Err(e)) => return Err(wasm_failure(r, name, Failure::Wasm(e))),
        None => return Err(wasm_failure(r, name, Failure::Busy)),
    };
    if m.has_start {
        let start = r
            .shared
            .with(|s| instance.get_func(&s, bytes::START_EXPORT))
            .flatten();
        if let Some(start) = start {
            let result = store::call(&r.shared, &start, &[], &mut []);
            refresh_buffers(r);
            if let Err(f) = result {
                return Err(wasm_failure(r, name, f));
            }
        }
    }
    let exports = unsafe {
        let o = qjs::JS_NewObjectProto(ctx.as_raw().as_ptr(), qjs::JS_NULL);
        if qjs::JS_IsException(o) {
            return Err(rquickjs::Error::Exception);
        }
        Object::from_value(Value::from_raw(ctx.clone(), o))?
    };
    for export in &m.exports {
        let Some(ext) = r.shared.with(|s| instance.get_export(&s, export)).flatten() else {
            continue;
        };
        let value = match ext {
            Extern::Func(f) => export_function(r, realm, f)?,
            Extern::Memory(mem) => memory_object(r, realm, mem, None)?,
            Extern::Table(t) => table_object(r, realm, t, None)?,
            // Globals are not exported to JavaScript yet (docs/design.md).
            Extern::Global(_) => continue,
        };
        define_flags(&exports, export, &value, qjs::JS_PROP_ENUMERABLE)?;
    }
    // Frozen, as the JS API has it.
    if unsafe { qjs::JS_FreezeObject(ctx.as_raw().as_ptr(), exports.as_raw()) } < 0 {
        return Err(rquickjs::Error::Exception);
    }
    Ok(Class::instance_proto(
        WasmInstance {
            exports: exports.into_value(),
        },
        proto,
    )?
    .into_value())
}

/// A host function of the realm's store calling the JavaScript function `f`.
fn import_function<'js>(r: &WasmRealm<'js>, f: Value<'js>, ty: FuncType) -> Res<'js, Func> {
    let index = {
        let mut imports = r.imports.borrow_mut();
        imports.push(f);
        imports.len() - 1
    };
    let func = r.shared.with(|mut s| {
        Func::new(&mut s, ty.clone(), move |mut caller, params, results| {
            let realm = caller.data().realm;
            if realm.is_null() {
                return Err(wasmi::Error::host(Threw));
            }
            // SAFETY: the record owns the store whose host function runs: it is alive (the
            // call came through one of its functions) and does not move (a class's cell).
            let r = unsafe { &*realm.cast::<WasmRealm<'static>>() };
            let shared = r.shared.clone();
            shared.enter_host(&mut caller, || call_import(r, index, &ty, params, results))
        })
    });
    func.ok_or(rquickjs::Error::Unknown)
}

/// Calls import `index` of the realm with wasm `params`, its results into `results`.
fn call_import(
    r: &WasmRealm<'_>,
    index: usize,
    ty: &FuncType,
    params: &[Val],
    results: &mut [Val],
) -> Result<(), wasmi::Error> {
    let threw = || wasmi::Error::host(Threw);
    // JavaScript may read the memories: the buffers handed out must be the live bytes.
    refresh_buffers(r);
    let ctx = &r.ctx;
    let f = r.imports.borrow().get(index).cloned().ok_or_else(threw)?;
    let mut args = Vec::with_capacity(params.len());
    for p in params {
        args.push(to_js(ctx, p).map_err(|_| threw())?);
    }
    let mut raw: Vec<qjs::JSValue> = args.iter().map(|a| a.as_raw()).collect();
    let c = ctx.as_raw().as_ptr();
    let out = unsafe {
        qjs::JS_Call(
            c,
            f.as_raw(),
            qjs::JS_UNDEFINED,
            raw.len() as c_int,
            raw.as_mut_ptr(),
        )
    };
    if unsafe { qjs::JS_IsException(out) } {
        return Err(threw());
    }
    let out = unsafe { Value::from_raw(ctx.clone(), out) };
    match ty.results() {
        [] => {}
        [one] => results[0] = to_wasm(ctx, &out, *one).map_err(|_| threw())?,
        many => {
            // Multiple results come as an iterable.
            let Some(list) = out.as_array() else {
                let _ = rquickjs::Exception::throw_type(ctx, "multi-return value must be iterable");
                return Err(threw());
            };
            if list.len() != many.len() {
                let _ = rquickjs::Exception::throw_type(ctx, "multi-return length mismatch");
                return Err(threw());
            }
            for (i, t) in many.iter().enumerate() {
                let v: Value = list.get(i).map_err(|_| threw())?;
                results[i] = to_wasm(ctx, &v, *t).map_err(|_| threw())?;
            }
        }
    }
    Ok(())
}

/// The JavaScript function of an exported wasm function.
fn export_function<'js>(
    r: &WasmRealm<'js>,
    realm: &Class<'js, WasmRealm<'js>>,
    f: Func,
) -> Res<'js, Value<'js>> {
    let key = format!("{f:?}");
    if let Some((object, _)) = r.func_objects.borrow().get(&key) {
        return Ok(object.clone());
    }
    let ty = r
        .shared
        .with(|s| f.ty(&s))
        .ok_or(rquickjs::Error::Unknown)?;
    let index = {
        let mut funcs = r.funcs.borrow_mut();
        funcs.push(f);
        funcs.len() - 1
    };
    let realm_value = realm.clone().into_value();
    let object = native(
        &r.ctx,
        &realm_value,
        Op::CallExport,
        &index.to_string(),
        ty.params().len() as i32,
        Some(index as i32),
    )?;
    r.func_objects
        .borrow_mut()
        .insert(key, (object.clone(), index));
    Ok(object)
}

/// Calls exported function `index` with JavaScript `args`.
fn call_export<'js>(r: &WasmRealm<'js>, index: usize, args: &[Value<'js>]) -> Res<'js, Value<'js>> {
    let ctx = &r.ctx;
    let func = r
        .funcs
        .borrow()
        .get(index)
        .copied()
        .ok_or(rquickjs::Error::Unknown)?;
    let ty = r
        .shared
        .with(|s| func.ty(&s))
        .ok_or(rquickjs::Error::Unknown)?;
    let undefined = Value::new_undefined(ctx.clone());
    let mut inputs = Vec::with_capacity(ty.params().len());
    for (i, t) in ty.params().iter().enumerate() {
        inputs.push(to_wasm(ctx, args.get(i).unwrap_or(&undefined), *t)?);
    }
    let mut outputs: Vec<Val> = ty
        .results()
        .iter()
        .map(|t| Val::default_for_ty(*t))
        .collect();
    let result = store::call(&r.shared, &func, &inputs, &mut outputs);
    refresh_buffers(r);
    if let Err(f) = result {
        return Err(wasm_failure(r, "", f));
    }
    match &outputs[..] {
        [] => Ok(undefined),
        [one] => to_js(ctx, one),
        many => {
            let list = rquickjs::Array::new(ctx.clone())?;
            for (i, v) in many.iter().enumerate() {
                list.set(i, to_js(ctx, v)?)?;
            }
            Ok(list.into_value())
        }
    }
}

/// The exception for a call or instantiation that failed (`name` opens instantiation
/// messages).
fn wasm_failure(r: &WasmRealm<'_>, name: &str, f: Failure) -> rquickjs::Error {
    let ctx = &r.ctx;
    let e = match f {
        Failure::Interrupted => return crate::interrupt::throw_interrupted(ctx),
        Failure::Busy => {
            return rquickjs::Exception::throw_internal(ctx, "jsvm: the WebAssembly store is busy")
        }
        Failure::Wasm(e) => e,
    };
    if e.downcast_ref::<Threw>().is_some() {
        return rquickjs::Error::Exception;
    }
    use wasmi::TrapCode as T;
    let message = match e.as_trap_code() {
        Some(T::StackOverflow) => {
            return rquickjs::Exception::throw_range(ctx, "Maximum call stack size exceeded")
        }
        Some(T::UnreachableCodeReached) => "unreachable",
        Some(T::MemoryOutOfBounds) => "memory access out of bounds",
        Some(T::TableOutOfBounds) => "table index is out of bounds",
        Some(T::IndirectCallToNull) => "null function or function signature mismatch",
        Some(T::BadSignature) => "null function or function signature mismatch",
        Some(T::IntegerDivisionByZero) => "divide by zero",
        Some(T::IntegerOverflow) => "divide result unrepresentable",
        Some(T::BadConversionToInteger) => "float unrepresentable in integer range",
        Some(T::GrowthOperationLimited) | Some(T::OutOfSystemMemory) => {
            let prefix = if name.is_empty() {
                "WebAssembly.Instance()"
            } else {
                name
            };
            return rquickjs::Exception::throw_range(
                ctx,
                &format!("{prefix}: Out of memory: Cannot allocate Wasm memory for new instance"),
            );
        }
        _ => {
            let refused = r.shared.with(|s| s.data().limiter.refused).unwrap_or(false);
            if refused {
                let prefix = if name.is_empty() {
                    "WebAssembly.Instance()"
                } else {
                    name
                };
                return rquickjs::Exception::throw_range(
                    ctx,
                    &format!(
                        "{prefix}: Out of memory: Cannot allocate Wasm memory for new instance"
                    ),
                );
            }
            if !name.is_empty() {
                return r.throw(Kind::Link, &format!("{name}: {e}"));
            }
            return r.throw(Kind::Runtime, &e.to_string());
        }
    };
    r.throw(Kind::Runtime, message)
}

/// The `WebAssembly.Memory` of `memory` (made once per memory), with prototype `proto` when
/// made by `new`.
fn memory_object<'js>(
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
fn descriptor_pages<'js>(ctx: &Ctx<'js>, d: &Object<'js>, name: &str) -> Res<'js, Option<u32>> {
    descriptor_limit(ctx, d, name, "WebAssembly.Memory()", 65536.0)
}

/// A descriptor's limit `name` (`None` when absent), read as V8 reads it for `api`: a number,
/// not negative, at most `upper`.
fn descriptor_limit<'js>(
    ctx: &Ctx<'js>,
    d: &Object<'js>,
    name: &str,
    api: &str,
    upper: f64,
) -> Res<'js, Option<u32>> {
    let v: Value = d.get(name)?;
    if v.is_undefined() {
        return Ok(None);
    }
    let what = format!("Property '{name}'");
    let n = index_of(ctx, &v, api, &what)? as f64;
    if n > upper {
        return range_error(
            ctx,
            &format!("{api}: {what}: value {n} is above the upper bound {upper}"),
        );
    }
    Ok(Some(n as u32))
}

/// `new WebAssembly.Memory(descriptor)`.
fn new_memory<'js>(
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
fn buffer<'js>(r: &WasmRealm<'js>, slot: usize) -> Res<'js, Value<'js>> {
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
fn refresh_buffers(r: &WasmRealm<'_>) {
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

/// `Memory.prototype.grow(delta)`: the old size in pages.
fn grow<'js>(r: &WasmRealm<'js>, slot: usize, delta: &Value<'js>) -> Res<'js, Value<'js>> {
    let ctx = &r.ctx;
    let n = index_of(ctx, delta, "WebAssembly.Memory.grow()", "Argument 0")?;
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

// ---- Tables ------------------------------------------------------------------------------
//
// `WebAssembly.Table` of function references: made by the constructor, exported by an
// instance (emscripten's `__indirect_function_table`) or imported by one. A table lives in its
// realm's store; its elements reach JavaScript as the realm's exported-function objects (one
// per function, so `table.get(i) === instance.exports.f`), and only those, or null, go in.

/// V8's bound on a table's size.
const MAX_TABLE: f64 = store::MAX_TABLE_ELEMENTS as f64;

/// The JavaScript object of `table` (a fresh one: tables are compared by what they hold).
fn table_object<'js>(
    r: &WasmRealm<'js>,
    realm: &Class<'js, WasmRealm<'js>>,
    table: Table,
    proto: Option<Object<'js>>,
) -> Res<'js, Value<'js>> {
    let proto = proto.unwrap_or_else(|| r.made().table_proto.clone());
    Ok(Class::instance_proto(
        WasmTable {
            realm: realm.clone(),
            table,
        },
        proto,
    )?
    .into_value())
}

/// A number of a descriptor or an argument as V8 reads it: `what` names it in the message.
fn index_of<'js>(ctx: &Ctx<'js>, v: &Value<'js>, api: &str, what: &str) -> Res<'js, u64> {
    let mut n = 0.0;
    if unsafe { qjs::JS_ToFloat64(ctx.as_raw().as_ptr(), &mut n, v.as_raw()) } < 0 {
        return Err(rquickjs::Error::Exception);
    }
    if !n.is_finite() {
        return type_error(
            ctx,
            &format!("{api}: {what} must be convertible to a valid number"),
        );
    }
    if n < 0.0 {
        return type_error(ctx, &format!("{api}: {what} must be non-negative"));
    }
    // WebIDL's `[EnforceRange] unsigned long`, as V8 reads every index, size and delta.
    if n.trunc() > f64::from(u32::MAX) {
        return type_error(
            ctx,
            &format!("{api}: {what} must be in the unsigned long range"),
        );
    }
    Ok(n.trunc() as u64)
}

/// `new WebAssembly.Table(descriptor[, value])`.
fn new_table<'js>(
    r: &WasmRealm<'js>,
    realm: &Class<'js, WasmRealm<'js>>,
    descriptor: &Value<'js>,
    value: &Value<'js>,
    proto: Object<'js>,
) -> Res<'js, Value<'js>> {
    let ctx = &r.ctx;
    let Some(d) = descriptor.as_object() else {
        return type_error(
            ctx,
            "WebAssembly.Table(): Argument 0 must be a table descriptor",
        );
    };
    let element: Value = d.get("element")?;
    let element = match element.as_string().map(|s| s.to_string()) {
        Some(Ok(e)) => e,
        _ => String::new(),
    };
    match element.as_str() {
        "anyfunc" | "funcref" => {}
        "externref" => {
            return type_error(
                ctx,
                "WebAssembly.Table(): tables of 'externref' are not supported by jsvm",
            )
        }
        _ => {
            return type_error(
                ctx,
                "WebAssembly.Table(): Descriptor property 'element' must be a WebAssembly reference type",
            )
        }
    }
    let Some(initial) = descriptor_limit(ctx, d, "initial", "WebAssembly.Table()", MAX_TABLE)?
    else {
        return type_error(ctx, "WebAssembly.Table(): Property 'initial' is required");
    };
    let maximum = descriptor_limit(ctx, d, "maximum", "WebAssembly.Table()", MAX_TABLE)?;
    if let Some(max) = maximum.filter(|m| *m < initial) {
        return range_error(
            ctx,
            &format!(
                "WebAssembly.Table(): Property 'maximum': value {max} is below the lower bound {initial}"
            ),
        );
    }
    let init = element_of(r, value, "WebAssembly.Table()", 1)?;
    let made = r.with_room(
        |mut s| {
            Table::new(
                &mut s,
                TableType::new(RefType::Func, initial, maximum),
                init,
            )
        },
        Result::is_err,
    );
    match made {
        Some(Ok(table)) => table_object(r, realm, table, Some(proto)),
        _ => range_error(ctx, "WebAssembly.Table(): could not allocate table"),
    }
}

/// What JavaScript `value` puts in a table: null, or a function this realm's instances export.
fn element_of<'js>(r: &WasmRealm<'js>, value: &Value<'js>, api: &str, arg: usize) -> Res<'js, Ref> {
    if value.is_null() || value.is_undefined() {
        return Ok(Ref::Func(Nullable::Null));
    }
    match exported_func(r, value) {
        Some(f) => Ok(Ref::Func(Nullable::Val(f))),
        None => type_error(
            &r.ctx,
            &format!(
                "{api}: Argument {arg} is invalid for table: function-typed object must be null (if nullable) or a Wasm function object"
            ),
        ),
    }
}

/// The wasm function behind `value`, when it is one of this realm's exported-function objects
/// (another realm's are not: their functions live in another store).
fn exported_func<'js>(r: &WasmRealm<'js>, value: &Value<'js>) -> Option<Func> {
    let objects = r.func_objects.borrow();
    let index = objects
        .values()
        .find(|(o, _)| o == value)
        .map(|(_, i)| *i)?;
    r.funcs.borrow().get(index).copied()
}

/// `table.length`, `get`, `set` and `grow` (`which`), on the table of `this`.
fn table_method<'js>(
    ctx: &Ctx<'js>,
    this: &Value<'js>,
    which: &str,
    args: &[Value<'js>],
) -> Res<'js, Value<'js>> {
    let Some(t) = this.as_object().and_then(Class::<WasmTable>::from_object) else {
        return type_error(ctx, "Receiver is not a WebAssembly.Table");
    };
    let t = t.borrow();
    let realm = t.realm.clone();
    let r = realm.borrow();
    let table = t.table;
    let size = r.shared.with(|s| table.size(&s)).unwrap_or(0);
    let arg = |i: usize| arg(ctx, args, i);
    let api = format!("WebAssembly.Table.{which}()");
    match which {
        "length" => Ok(Value::new_number(ctx.clone(), size as f64)),
        "get" => {
            let i = index_of(ctx, &arg(0), &api, "Argument 0")?;
            let got = r.shared.with(|s| table.get(&s, i)).flatten();
            match got {
                Some(Ref::Func(Nullable::Val(f))) => export_function(&r, &realm, f),
                Some(_) => Ok(Value::new_null(ctx.clone())),
                None => range_error(
                    ctx,
                    &format!("{api}: invalid index {i} into function table"),
                ),
            }
        }
        "set" => {
            let i = index_of(ctx, &arg(0), &api, "Argument 0")?;
            if i >= size {
                return range_error(
                    ctx,
                    &format!("{api}: invalid index {i} into function table"),
                );
            }
            let value = element_of(&r, &arg(1), &api, 1)?;
            match r.shared.with(|mut s| table.set(&mut s, i, value)) {
                Some(Ok(())) => Ok(Value::new_undefined(ctx.clone())),
                _ => range_error(
                    ctx,
                    &format!("{api}: invalid index {i} into function table"),
                ),
            }
        }
        _ => {
            let delta = index_of(ctx, &arg(0), &api, "Argument 0")?;
            let init = element_of(&r, &arg(1), &api, 1)?;
            let grown = r.with_room(|mut s| table.grow(&mut s, delta, init), Result::is_err);
            match grown {
                Some(Ok(old)) => Ok(Value::new_number(ctx.clone(), old as f64)),
                _ => range_error(ctx, &format!("{api}: failed to grow table by {delta}")),
            }
        }
    }
}

/// Whether `table` can be imported where the module declares `want`: same store, enough
/// elements, a maximum no larger; an error message otherwise.
fn table_import_check(
    r: &WasmRealm<'_>,
    t: &WasmTable<'_>,
    want: &TableType,
) -> Result<Table, &'static str> {
    let owner = t.realm.borrow();
    if !std::rc::Rc::ptr_eq(&owner.shared, &r.shared) {
        return Err("table import of another realm (jsvm links tables within a realm)");
    }
    let have = r
        .shared
        .with(|s| (t.table.ty(&s), t.table.size(&s)))
        .ok_or("table import is busy")?;
    if have.0.element() != want.element() {
        return Err("imported table does not match the expected type");
    }
    if have.1 < want.minimum() {
        return Err("table import is smaller than initial size");
    }
    if let Some(max) = want.maximum() {
        if have.0.maximum().is_none_or(|h| h > max) {
            return Err(
                "table import has a larger maximum size than the module's declared maximum",
            );
        }
    }
    Ok(t.table)
}
