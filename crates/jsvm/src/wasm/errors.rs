//! The namespace's errors: `CompileError`, `LinkError` and `RuntimeError` objects made as
//! the realm's `Error` makes them, thrown by the parts ([`WasmRealm::throw`]), and the
//! exception of a wasm call or instantiation that failed ([`wasm_failure`]): a trap in V8's
//! words, a JavaScript exception passed through, the run's stop, a refusal of the memory limit.

use std::ffi::c_int;

use rquickjs::{qjs, Object, Value};

use super::functions::{define_flags, proto_of};
use super::realm::{Kind, Res, WasmRealm};
use super::store::Failure;

/// A host function's error: JavaScript threw (its exception is pending in the runtime).
#[derive(Debug)]
pub(super) struct Threw;

impl std::fmt::Display for Threw {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JavaScript threw")
    }
}

impl wasmi::errors::HostError for Threw {}

impl<'js> WasmRealm<'js> {
    /// Throws an error of class `kind` of the namespace with `message`.
    pub(super) fn throw(&self, kind: Kind, message: &str) -> rquickjs::Error {
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

/// An error of the namespace's class `target` (or a subclass of it) with the arguments of
/// the Error constructor.
pub(super) fn make_error<'js>(
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

/// The exception for a call or instantiation that failed (`name` opens instantiation
/// messages).
pub(super) fn wasm_failure(r: &WasmRealm<'_>, name: &str, f: Failure) -> rquickjs::Error {
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
    let out_of_memory = || {
        let prefix = if name.is_empty() {
            "WebAssembly.Instance()"
        } else {
            name
        };
        rquickjs::Exception::throw_range(
            ctx,
            &format!("{prefix}: Out of memory: Cannot allocate Wasm memory for new instance"),
        )
    };
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
        Some(T::GrowthOperationLimited) | Some(T::OutOfSystemMemory) => return out_of_memory(),
        _ => {
            let refused = r.shared.with(|s| s.data().limiter.refused).unwrap_or(false);
            if refused {
                return out_of_memory();
            }
            if !name.is_empty() {
                return r.throw(Kind::Link, &format!("{name}: {e}"));
            }
            return r.throw(Kind::Runtime, &e.to_string());
        }
    };
    r.throw(Kind::Runtime, message)
}
