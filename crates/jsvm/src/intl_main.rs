//! `Intl` in a runtime's main realm, which the engine makes whole (not through realm.rs): an
//! accessor on the global that makes it on first read and becomes the data property V8 has,
//! and the engine's `toLocaleString`/`localeCompare` methods replaced by ones formatting through
//! it (made on their first call too).

use rquickjs::function::{Rest, This};
use rquickjs::{qjs, Ctx, Function, Object, Persistent, Value};

use crate::runtime::state::RuntimeState;

/// The main realm's `[Intl, locale methods]`, made on first use.
fn pair<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<rquickjs::Array<'js>> {
    let state = RuntimeState::of(ctx);
    if let Some(p) = state.main_intl.borrow().as_ref() {
        return p.clone().restore(ctx);
    }
    let made = unsafe {
        let c = ctx.as_raw().as_ptr();
        let global = qjs::JS_GetGlobalObject(c);
        let p =
            crate::intl::primordials(c, |name| qjs::JS_GetPropertyStr(c, global, name.as_ptr()));
        qjs::JS_FreeValue(c, global);
        if qjs::JS_IsException(p) {
            return Err(rquickjs::Error::Exception);
        }
        let pair = crate::intl::make(c, p);
        qjs::JS_FreeValue(c, p);
        if qjs::JS_IsException(pair) {
            return Err(rquickjs::Error::Exception);
        }
        Value::from_raw(ctx.clone(), pair)
    };
    let array = rquickjs::Array::from_value(made)?;
    *state.main_intl.borrow_mut() = Some(Persistent::save(ctx, array.clone()));
    Ok(array)
}

fn define_intl<'js>(ctx: &Ctx<'js>, value: Value<'js>) -> rquickjs::Result<()> {
    ctx.globals().prop(
        "Intl",
        rquickjs::object::Property::from(value)
            .writable()
            .configurable(),
    )
}

fn get_intl<'js>(ctx: Ctx<'js>) -> rquickjs::Result<Value<'js>> {
    let intl: Value = pair(&ctx)?.get(0)?;
    define_intl(&ctx, intl.clone())?;
    Ok(intl)
}

fn set_intl<'js>(ctx: Ctx<'js>, v: Value<'js>) -> rquickjs::Result<()> {
    define_intl(&ctx, v)
}

/// Calls the script's locale method `key` with this call's receiver and arguments.
fn call_method<'js>(
    ctx: &Ctx<'js>,
    key: &str,
    this: This<Value<'js>>,
    args: Rest<Value<'js>>,
) -> rquickjs::Result<Value<'js>> {
    let methods: Object = pair(ctx)?.get(1)?;
    let f: Function = methods.get(key)?;
    f.call((This(this.0), Rest(args.0)))
}

macro_rules! locale_method {
    ($name:ident, $key:literal) => {
        fn $name<'js>(
            ctx: Ctx<'js>,
            this: This<Value<'js>>,
            args: Rest<Value<'js>>,
        ) -> rquickjs::Result<Value<'js>> {
            call_method(&ctx, $key, this, args)
        }
    };
}
locale_method!(number_to_locale_string, "numberToLocaleString");
locale_method!(bigint_to_locale_string, "bigintToLocaleString");
locale_method!(date_to_locale_string, "dateToLocaleString");
locale_method!(date_to_locale_date_string, "dateToLocaleDateString");
locale_method!(date_to_locale_time_string, "dateToLocaleTimeString");
locale_method!(locale_compare, "localeCompare");

/// Puts the accessor and the methods in the main realm `ctx`.
pub(crate) fn install(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    let get = Function::new(ctx.clone(), get_intl)?.with_name("get Intl")?;
    let set = Function::new(ctx.clone(), set_intl)?.with_name("set Intl")?;
    let global = ctx.globals();
    let defined = unsafe {
        let c = ctx.as_raw().as_ptr();
        let atom = qjs::JS_NewAtom(c, c"Intl".as_ptr());
        let r = qjs::JS_DefineProperty(
            c,
            global.as_raw(),
            atom,
            qjs::JS_UNDEFINED,
            get.as_raw(),
            set.as_raw(),
            (qjs::JS_PROP_HAS_GET
                | qjs::JS_PROP_HAS_SET
                | qjs::JS_PROP_HAS_CONFIGURABLE
                | qjs::JS_PROP_CONFIGURABLE
                | qjs::JS_PROP_HAS_ENUMERABLE) as _,
        );
        qjs::JS_FreeAtom(c, atom);
        r
    };
    if defined < 0 {
        return Err(rquickjs::Error::Exception);
    }
    for (ctor, name, f) in [
        (
            "Number",
            "toLocaleString",
            Function::new(ctx.clone(), number_to_locale_string)?,
        ),
        (
            "BigInt",
            "toLocaleString",
            Function::new(ctx.clone(), bigint_to_locale_string)?,
        ),
        (
            "Date",
            "toLocaleString",
            Function::new(ctx.clone(), date_to_locale_string)?,
        ),
        (
            "Date",
            "toLocaleDateString",
            Function::new(ctx.clone(), date_to_locale_date_string)?,
        ),
        (
            "Date",
            "toLocaleTimeString",
            Function::new(ctx.clone(), date_to_locale_time_string)?,
        ),
        (
            "String",
            "localeCompare",
            Function::new(ctx.clone(), locale_compare)?,
        ),
    ] {
        let f = f.with_name(name)?;
        let c: Object = ctx.globals().get(ctor)?;
        let proto: Object = c.get("prototype")?;
        proto.prop(
            name,
            rquickjs::object::Property::from(f)
                .writable()
                .configurable(),
        )?;
    }
    Ok(())
}
