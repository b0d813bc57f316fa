//! Errors with Node's codes, as modules report them.

use rquickjs::{Ctx, Function, Object, Promise, Value};

use crate::error::Error;

/// A thrown error of class `name` with Node's `code`.
pub(super) fn coded(name: &str, code: &str, message: &str) -> Error {
    Error::Thrown(crate::Thrown {
        name: name.into(),
        message: message.into(),
        stack: None,
        code: Some(code.into()),
    })
}

/// Throws an rquickjs error that is not a pending exception, as an Error.
/// Reports a failure to the engine as a pending exception, unless one is pending already.
pub(super) fn throw_rust_error(ctx: &Ctx<'_>, e: &rquickjs::Error) {
    if matches!(e, rquickjs::Error::Exception) || ctx.has_exception() {
        return;
    }
    let _ = rquickjs::Exception::throw_message(ctx, &e.to_string());
}

pub(super) fn throw_coded<'js>(
    ctx: &Ctx<'js>,
    ctor: &str,
    message: &str,
    code: Option<&str>,
) -> rquickjs::Error {
    let make = || -> rquickjs::Result<Value<'js>> {
        let c: rquickjs::Constructor = ctx.globals().get(ctor)?;
        let e: Object = c.construct((message,))?;
        if let Some(code) = code {
            e.set("code", code)?;
        }
        Ok(e.into_value())
    };
    match make() {
        Ok(v) => ctx.throw(v),
        Err(e) => e,
    }
}

/// Attaches a handler that ignores the rejection (the promise is the library's own).
pub(super) fn mark_handled<'js>(ctx: &Ctx<'js>, p: &Promise<'js>, handler: Function<'js>) {
    let r = (|| -> rquickjs::Result<()> {
        let catch: Function = p.get("catch")?;
        catch.call::<_, Value>((rquickjs::function::This(p.clone()), handler))?;
        Ok(())
    })();
    if r.is_err() {
        let _ = ctx.catch();
    }
}
