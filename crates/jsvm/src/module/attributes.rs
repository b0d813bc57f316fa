//! Import attributes (`with { type: "json" }`) between the engine and JavaScript.

use rquickjs::{qjs, Ctx, Object, Value};

pub(super) fn attributes_of<'js>(
    ctx: &Ctx<'js>,
    attributes: qjs::JSValue,
) -> Vec<(String, String)> {
    let v = unsafe {
        Value::from_raw(
            ctx.clone(),
            qjs::JS_DupValue(ctx.as_raw().as_ptr(), attributes),
        )
    };
    let Some(o) = v.as_object() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for k in o.keys::<String>().flatten() {
        if let Ok(val) = o.get::<_, String>(k.as_str()) {
            out.push((k, val));
        }
    }
    out
}

pub(super) fn attributes_object<'js>(
    ctx: &Ctx<'js>,
    attributes: &[(String, String)],
) -> rquickjs::Result<Object<'js>> {
    let o = unsafe {
        let raw = qjs::JS_NewObjectProto(ctx.as_raw().as_ptr(), qjs::JS_NULL);
        Value::from_raw(ctx.clone(), raw)
    };
    let o = o.into_object().ok_or(rquickjs::Error::Exception)?;
    for (k, v) in attributes {
        o.set(k.as_str(), v.as_str())?;
    }
    Ok(o)
}

pub(super) fn same_attributes(a: &[(String, String)], b: &[(String, String)]) -> bool {
    let mut x = a.to_vec();
    let mut y = b.to_vec();
    x.sort();
    y.sort();
    x == y
}
