//! Registering a native function on an object, as every binding does.

use jsvm::engine::rquickjs::function::IntoJsFunc;
use jsvm::engine::rquickjs::{Ctx, Object, Result};

/// Registers `f` as `obj[name]`.
pub(crate) fn set_fn<'js, P, F>(ctx: &Ctx<'js>, obj: &Object<'js>, name: &str, f: F) -> Result<()>
where
    F: IntoJsFunc<'js, P> + 'js,
{
    let func = jsvm::engine::rquickjs::Function::new(ctx.clone(), f)?.with_name(name)?;
    obj.set(name, func)
}
