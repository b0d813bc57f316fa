//! V8-style stack traces: `Error: message` then `    at name (file:line:col)` frames.
//!
//! QuickJS's own `stack` lists frames only, in its own format; programs written for Node print
//! and parse V8's. QuickJS-ng calls `Error.prepareStackTrace` with V8-like call sites, so each
//! context gets a native formatter there (user code may replace it, as in V8).

use rquickjs::{Ctx, Function, Object, Result, Value};

/// Installs the formatter as `Error.prepareStackTrace` in the realm of `ctx`, whose global
/// (or builtins holder) is `holder`.
pub(crate) fn install<'js>(ctx: &Ctx<'js>, error_ctor: &Object<'js>) -> Result<()> {
    let f = Function::new(ctx.clone(), prepare)?;
    error_ctor.set("prepareStackTrace", f)
}

fn prepare<'js>(ctx: Ctx<'js>, error: Value<'js>, sites: Value<'js>) -> Result<String> {
    let mut out = header(&ctx, &error);
    if let Some(sites) = sites.as_array() {
        for site in sites.iter::<Object>() {
            let site = site?;
            out.push_str("\n    at ");
            frame(&site, &mut out)?;
        }
    }
    Ok(out)
}

/// `Name: message`, as V8's ErrorUtils::ToString (without running user getters twice).
fn header<'js>(_ctx: &Ctx<'js>, error: &Value<'js>) -> String {
    let Some(obj) = error.as_object() else {
        return String::new();
    };
    let text = |key: &str| -> Option<String> {
        let v: Value = obj.get(key).ok()?;
        if v.is_undefined() {
            return None;
        }
        rquickjs::Coerced::<String>::from_js(v.ctx(), v.clone())
            .ok()
            .map(|c| c.0)
    };
    let name = text("name").unwrap_or_else(|| "Error".into());
    let message = text("message").unwrap_or_default();
    match (name.is_empty(), message.is_empty()) {
        (_, true) => name,
        (true, false) => message,
        (false, false) => format!("{name}: {message}"),
    }
}

fn call<'js, T: rquickjs::FromJs<'js>>(site: &Object<'js>, method: &str) -> Result<T> {
    let f: Function = site.get(method)?;
    f.call((rquickjs::function::This(site.clone()),))
}

fn frame(site: &Object<'_>, out: &mut String) -> Result<()> {
    let native: bool = call(site, "isNative").unwrap_or(false);
    let ctor: bool = call(site, "isConstructor").unwrap_or(false);
    let name: Option<String> = call(site, "getFunctionName").unwrap_or(None);
    let name = name.filter(|n| !n.is_empty() && n != "<eval>" && n != "<anonymous>");
    let location = if native {
        "<anonymous>".to_string()
    } else {
        let file: Option<String> = call(site, "getFileName").unwrap_or(None);
        let line: Option<i32> = call(site, "getLineNumber").unwrap_or(None);
        let col: Option<i32> = call(site, "getColumnNumber").unwrap_or(None);
        match (file, line, col) {
            (Some(f), Some(l), Some(c)) if l >= 0 => format!("{f}:{l}:{c}"),
            (Some(f), _, _) => f,
            _ => "<anonymous>".to_string(),
        }
    };
    match name {
        Some(n) if ctor => out.push_str(&format!("new {n} ({location})")),
        Some(n) => out.push_str(&format!("{n} ({location})")),
        None => out.push_str(&location),
    }
    Ok(())
}

use rquickjs::FromJs as _;
