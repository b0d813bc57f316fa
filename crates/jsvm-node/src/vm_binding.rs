//! Natives behind `require('vm')`: contexts, scripts, compileFunction, measureMemory.
//! (Being written; `install` adds them to the `binding` object given to builtin modules.)

use jsvm::rquickjs::{Ctx, Object};

/// Adds the vm natives to `binding`.
pub fn install<'js>(_ctx: &Ctx<'js>, _binding: &Object<'js>) -> jsvm::rquickjs::Result<()> {
    Ok(())
}
