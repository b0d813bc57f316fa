//! `WebAssembly`: the JS API of V8's builtin, on the wasmi interpreter (wasm/store.rs).
//!
//! A realm gets the namespace as a lazy group (realm.rs): made on the first lookup of
//! `WebAssembly`. Everything the namespace makes belongs to its realm: one record
//! (`wasm/realm.rs`) holds the realm's wasmi store, the JavaScript functions its instances
//! import, and the prototypes and error classes of the namespace. Its functions are the
//! engine's C functions with data (the record is their data, marked by the collector like any
//! reference), so the realm, its namespace and its instances are collected together.
//!
//! Limits: calls run on fuel in slices and poll the runtime's interrupt frames (a timeout or
//! a cancel stops wasm code); memories and tables grow only as far as the runtime's memory
//! limit admits (wasm/store.rs); a wasm stack overflow is V8's RangeError. A memory's `buffer`
//! is an ArrayBuffer over the wasm memory itself, detached when the memory grows (checked each
//! time wasm code hands control back to JavaScript, where the bytes may have moved).
//!
//! This file makes the namespace and dispatches its functions; the parts, bottom first:
//! `bytes` and `store` (wasmi), `realm` (the record), `functions` (C functions, helpers),
//! `errors`, `values`, `module`, `buffer`, `memory`, `function` (imported and exported
//! functions), `table`, `global`, `instance`.

mod buffer;
mod bytes;
mod errors;
mod function;
mod functions;
mod global;
mod instance;
mod memory;
mod module;
mod realm;
mod store;
mod table;
mod values;

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::ffi::{c_int, c_void};
use std::ptr::NonNull;
use std::rc::Rc;

use rquickjs::{qjs, Class, Ctx, Object, Value};

use crate::allocator::HeapLimit;
use crate::interrupt::Interrupts;
use crate::realm::lazy_group;
use buffer::buffer;
pub(crate) use buffer::{add_typed_arrays, guard_transfer};
use errors::make_error;
use functions::{
    arg, define, define_accessor, define_flags, enter, is_new, native, proto_of, to_string_tag,
    type_error,
};
use global::{global_method, new_global};
use instance::{instantiate, WasmInstance};
use memory::{grow, new_memory, WasmMemory};
use module::{compile, custom_sections, module_exports, module_imports, WasmModule};
pub(crate) use realm::WasmHost;
use realm::{Externs, Kind, Made, Res, WasmRealm};
use store::{Buffers, Shared};
use table::{new_table, table_method};

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
    Table,
    TableLength,
    TableGet,
    TableSet,
    TableGrow,
    Global,
    GlobalValue,
    GlobalSetValue,
    GlobalValueOf,
}

const OPS: [Op; 24] = [
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
    Op::Table,
    Op::TableLength,
    Op::TableGet,
    Op::TableSet,
    Op::TableGrow,
    Op::Global,
    Op::GlobalValue,
    Op::GlobalSetValue,
    Op::GlobalValueOf,
];

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
    let f = native(ctx, realm, trampoline, op as i32, name, length, None)?;
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
            globals: RefCell::new(HashMap::new()),
            externs: RefCell::new(Externs::default()),
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
                native(ctx, &realm, trampoline, op as i32, &fname, len, None)?,
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
        define_flags(
            &ns,
            name,
            &f,
            qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE,
        )?;
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
    let memory_proto = class(
        Op::Memory,
        "Memory",
        &[
            ("grow", Op::MemoryGrow, 1, false),
            ("buffer", Op::MemoryBuffer, 0, true),
        ],
    )?
    .1;
    let global_proto = class(
        Op::Global,
        "Global",
        &[("valueOf", Op::GlobalValueOf, 0, false)],
    )?
    .1;
    define_accessor(
        &global_proto,
        "value",
        &native(
            ctx,
            &realm,
            trampoline,
            Op::GlobalValue as i32,
            "get value",
            0,
            None,
        )?,
        Some(&native(
            ctx,
            &realm,
            trampoline,
            Op::GlobalSetValue as i32,
            "set value",
            1,
            None,
        )?),
    )?;
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
        define_flags(
            &ns,
            name,
            &f,
            qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE,
        )?;
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
        global_proto,
    });
    Ok(ns)
}

/// The namespace's functions' entry: dispatches on `magic`.
unsafe extern "C" fn trampoline(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    enter(ctx, this, argc, argv, magic, data, |call| {
        let op = OPS
            .get(call.magic as usize)
            .copied()
            .ok_or(rquickjs::Error::Unknown)?;
        dispatch(call.ctx, call.realm, op, call.this, call.args)
    })
}

fn dispatch<'js>(
    ctx: &Ctx<'js>,
    realm: &Class<'js, WasmRealm<'js>>,
    op: Op,
    this: &Value<'js>,
    args: &[Value<'js>],
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
            require_new(ctx, this, "Module")?;
            let module = compile(&r, "WebAssembly.Module()", &arg(ctx, args, 0))?;
            let proto = proto_of(ctx, this, &r.made().module_proto)?;
            Ok(Class::instance_proto(module, proto)?.into_value())
        }
        Op::Instance => {
            require_new(ctx, this, "Instance")?;
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
            require_new(ctx, this, "Memory")?;
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
        Op::Table => {
            require_new(ctx, this, "Table")?;
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
        Op::Global => {
            require_new(ctx, this, "Global")?;
            let proto = proto_of(ctx, this, &r.made().global_proto)?;
            new_global(&r, realm, &arg(ctx, args, 0), &arg(ctx, args, 1), proto)
        }
        Op::GlobalValue | Op::GlobalSetValue | Op::GlobalValueOf => {
            drop(r);
            let which = match op {
                Op::GlobalValue => "get",
                Op::GlobalSetValue => "set",
                _ => "valueOf",
            };
            global_method(ctx, this, which, args)
        }
    }
}

/// Throws V8's TypeError unless the constructor `WebAssembly.{class}` was called with `new`.
fn require_new(ctx: &Ctx<'_>, this: &Value<'_>, class: &str) -> Res<'static, ()> {
    if is_new(ctx, this) {
        return Ok(());
    }
    type_error(
        ctx,
        &format!("WebAssembly.{class}(): WebAssembly.{class} must be invoked with 'new'"),
    )
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
