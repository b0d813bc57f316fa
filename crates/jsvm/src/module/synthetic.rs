//! Synthetic modules: their exports and evaluation steps.

use std::ffi::{c_int, CString};

use rquickjs::{qjs, Class, Ctx, Value};

use crate::error::{Error, Result};

use super::errors::coded;
use super::raw_record::layout;
use super::record::{Kind, Module};
use super::system::ModuleSlot;

impl<'js> Module<'js> {
    /// Sets an export of a synthetic module (after instantiation); the new value is seen
    /// through every import of it (live binding).
    pub fn set_export(&self, name: &str, value: Value<'js>) -> Result<()> {
        let s = self.shared();
        let Kind::Synthetic { exports } = &s.kind else {
            return Err(Error::InvalidArgument("not a synthetic module".into()));
        };
        if !exports.iter().any(|e| e == name) {
            return Err(Error::Thrown(crate::Thrown {
                name: "ReferenceError".into(),
                message: format!("Export '{name}' is not defined in module"),
                stack: None,
                code: None,
            }));
        }
        let def = s.def()?;
        if unsafe { *(def as *const u8).add(layout::FUNC_CREATED) } == 0 {
            return Err(coded(
                "Error",
                "ERR_VM_MODULE_STATUS",
                "Module status must be linked",
            ));
        }
        let ctx = self.ctx();
        let c = CString::new(name.replace('\0', "")).expect("no NUL left");
        let raw = ctx.as_raw().as_ptr();
        let r = unsafe {
            qjs::JS_SetModuleExport(raw, def, c.as_ptr(), qjs::JS_DupValue(raw, value.as_raw()))
        };
        if r < 0 {
            return Err(crate::exception::describe_caught(&ctx));
        }
        Ok(())
    }
    /// The `this` value the evaluation steps of a synthetic module are called with.
    pub fn set_this(&self, value: Value<'js>) {
        if let Some(slot) = self.slot() {
            *slot.borrow().this_value.borrow_mut() = Some(value);
        }
    }
}

pub(super) unsafe extern "C" fn synthetic_init(
    ctx: *mut qjs::JSContext,
    m: *mut qjs::JSModuleDef,
) -> c_int {
    let ctx = Ctx::from_raw(std::ptr::NonNull::new_unchecked(ctx));
    let raw = ctx.as_raw().as_ptr();
    let v = Value::from_raw(ctx.clone(), qjs::JS_GetModulePrivateValue(raw, m));
    let Ok(slot) = Class::<ModuleSlot>::from_value(&v) else {
        return 0;
    };
    let (f, this) = {
        let s = slot.borrow();
        let this = s.this_value.borrow().clone();
        (s.callbacks.evaluate.clone(), this)
    };
    let Some(f) = f else { return 0 };
    let this = this.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
    match f.call::<_, Value>((rquickjs::function::This(this),)) {
        Ok(_) => 0,
        Err(_) => -1,
    }
}
