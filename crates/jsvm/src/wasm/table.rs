//! `WebAssembly.Table` of function references or of `externref`s: made by the constructor, exported by an
//! instance (emscripten's `__indirect_function_table`) or imported by one. A table lives in its
//! realm's store; its elements reach JavaScript as the realm's exported-function objects (one
//! per function, so `table.get(i) === instance.exports.f`), and only those, or null, go in;
//! an `externref` table holds any JavaScript value of its realm (values.rs).

use rquickjs::class::{JsClass, Readable, Trace, Tracer};
use rquickjs::{Class, Ctx, JsLifetime, Object, Value};
use wasmi::{Nullable, Ref, RefType, Table, TableType};

use super::function::{export_function, exported_func};
use super::functions::{arg, range_error, type_error};
use super::realm::{plain_class, Res, WasmRealm};
use super::values::{descriptor_limit, extern_of, extern_to_js, index_of};

/// A `WebAssembly.Table`: a table of its realm's store (see Tables below).
pub(crate) struct WasmTable<'js> {
    pub(super) realm: Class<'js, WasmRealm<'js>>,
    pub(super) table: Table,
}

plain_class!(WasmTable<'js>, "Table", 'js, |s, t| { t.mark(s.realm.as_value()) });
unsafe impl<'js> JsLifetime<'js> for WasmTable<'js> {
    type Changed<'to> = WasmTable<'to>;
}

/// V8's bound on a table's size.
pub(super) const MAX_TABLE: f64 = super::store::MAX_TABLE_ELEMENTS as f64;

/// The JavaScript object of `table` (a fresh one: tables are compared by what they hold).
pub(super) fn table_object<'js>(
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

/// `new WebAssembly.Table(descriptor[, value])`.
pub(super) fn new_table<'js>(
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
    let element = match element.as_str() {
        "anyfunc" | "funcref" => RefType::Func,
        "externref" => RefType::Extern,
        _ => {
            return type_error(
                ctx,
                "WebAssembly.Table(): Descriptor property 'element' must be a WebAssembly reference type",
            )
        }
    };
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
    let init = element_of(r, element, value, "WebAssembly.Table()", 1)?;
    let made = r.with_room(
        |mut s| Table::new(&mut s, TableType::new(element, initial, maximum), init),
        Result::is_err,
    );
    match made {
        Some(Ok(table)) => table_object(r, realm, table, Some(proto)),
        _ => range_error(ctx, "WebAssembly.Table(): could not allocate table"),
    }
}

/// What JavaScript `value` puts in a table of `element`s: for functions null, or a function
/// this realm's instances export; for `externref` any value (a missing one is `undefined`),
/// held by the realm (values.rs).
pub(super) fn element_of<'js>(
    r: &WasmRealm<'js>,
    element: RefType,
    value: &Value<'js>,
    api: &str,
    arg: usize,
) -> Res<'js, Ref> {
    if element == RefType::Extern {
        return Ok(Ref::Extern(extern_of(r, value)?));
    }
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

/// `table.length`, `get`, `set` and `grow` (`which`), on the table of `this`.
pub(super) fn table_method<'js>(
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
    let (size, element) = r
        .shared
        .with(|s| (table.size(&s), table.ty(&s).element()))
        .ok_or(rquickjs::Error::Unknown)?;
    let arg = |i: usize| arg(ctx, args, i);
    let api = format!("WebAssembly.Table.{which}()");
    match which {
        "length" => Ok(Value::new_number(ctx.clone(), size as f64)),
        "get" => {
            let i = index_of(ctx, &arg(0), &api, "Argument 0")?;
            let got = r.shared.with(|s| table.get(&s, i)).flatten();
            match got {
                Some(Ref::Func(Nullable::Val(f))) => export_function(&r, &realm, f),
                Some(Ref::Extern(e)) => extern_to_js(&r, &e),
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
            let value = element_of(&r, element, &arg(1), &api, 1)?;
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
            let init = element_of(&r, element, &arg(1), &api, 1)?;
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
pub(super) fn table_import_check(
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
