//! Functions crossing the boundary: a JavaScript function a module imports (a host function
//! of the realm's store, [`import_function`]) and a wasm function exported to JavaScript (one
//! object per function, [`export_function`]), each call converting its values and running
//! on the store's fuel.

use std::ffi::c_int;

use rquickjs::{qjs, Class, Value};
use wasmi::{Func, FuncType, Val};

use super::buffer::refresh_buffers;
use super::errors::{wasm_failure, Threw};
use super::functions::{enter, native};
use super::realm::{Res, WasmRealm};
use super::store;
use super::values::{to_js, to_wasm};

/// A host function of the realm's store calling the JavaScript function `f`.
pub(super) fn import_function<'js>(
    r: &WasmRealm<'js>,
    f: Value<'js>,
    ty: FuncType,
) -> Res<'js, Func> {
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
pub(super) fn call_import(
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
        args.push(to_js(r, p).map_err(|_| threw())?);
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
        [one] => results[0] = to_wasm(r, &out, *one).map_err(|_| threw())?,
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
                results[i] = to_wasm(r, &v, *t).map_err(|_| threw())?;
            }
        }
    }
    Ok(())
}

/// The JavaScript function of an exported wasm function.
pub(super) fn export_function<'js>(
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
        call_entry,
        0,
        &index.to_string(),
        ty.params().len() as i32,
        Some(index as i32),
    )?;
    r.func_objects
        .borrow_mut()
        .insert(key, (object.clone(), index));
    Ok(object)
}

/// The engine's entry of an exported function: its `extra` is its index.
unsafe extern "C" fn call_entry(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    enter(ctx, this, argc, argv, magic, data, |call| {
        call_export(&call.realm.borrow(), call.extra as usize, call.args)
    })
}

/// Calls exported function `index` with JavaScript `args`.
pub(super) fn call_export<'js>(
    r: &WasmRealm<'js>,
    index: usize,
    args: &[Value<'js>],
) -> Res<'js, Value<'js>> {
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
        inputs.push(to_wasm(r, args.get(i).unwrap_or(&undefined), *t)?);
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
        [one] => to_js(r, one),
        many => {
            let list = rquickjs::Array::new(ctx.clone())?;
            for (i, v) in many.iter().enumerate() {
                list.set(i, to_js(r, v)?)?;
            }
            Ok(list.into_value())
        }
    }
}

/// The wasm function behind `value`, when it is one of this realm's exported-function objects
/// (another realm's are not: their functions live in another store).
pub(super) fn exported_func<'js>(r: &WasmRealm<'js>, value: &Value<'js>) -> Option<Func> {
    let objects = r.func_objects.borrow();
    let index = objects
        .values()
        .find(|(o, _)| o == value)
        .map(|(_, i)| *i)?;
    r.funcs.borrow().get(index).copied()
}
