//! Linking: the link map the user's linker produced, and instantiation through a probe module.

use std::ffi::{c_int, CString};

use rquickjs::{qjs, Ctx, Function, Value};

use crate::error::{Error, Result};
use crate::exception::describe_value;

use super::compile::materialize;
use super::errors::{coded, mark_handled};
use super::raw_record::{module_value, raw_status, tag_of, S_UNLINKED};
use super::record::Module;
use super::system::{Entry, ModuleSystem, PROBE_PREFIX, STOPPER};

impl<'js> Module<'js> {
    /// Links each request (in the order of [`Module::requests`]) to a module. The modules
    /// must belong to this module's context (an error with code `ERR_VM_MODULE_DIFFERENT_CONTEXT` otherwise);
    /// they may be unlinked (link them before [`Module::instantiate`]).
    pub fn link(&self, modules: &[Module<'js>]) -> Result<()> {
        let s = self.shared();
        if s.links.borrow().is_some() && !s.requests().is_empty() {
            return Err(coded(
                "Error",
                "ERR_VM_MODULE_ALREADY_LINKED",
                "Module has already been linked",
            ));
        }
        if modules.len() != s.requests().len() {
            return Err(Error::InvalidArgument(format!(
                "{} modules given for {} requests",
                modules.len(),
                s.requests().len()
            )));
        }
        let context = self.context();
        let mut names = Vec::with_capacity(modules.len());
        for m in modules {
            if !m.context().same(&context) {
                return Err(coded(
                    "Error",
                    "ERR_VM_MODULE_DIFFERENT_CONTEXT",
                    "Linked modules must use the same context",
                ));
            }
            names.push(m.shared().name.clone());
        }
        *s.links.borrow_mut() = Some(names);
        *self.0.borrow().links.borrow_mut() = modules.to_vec();
        Ok(())
    }
    /// Whether [`Module::link`] was called (always true for synthetic modules).
    pub fn is_linked(&self) -> bool {
        self.shared().links.borrow().is_some()
    }
    /// Instantiates the module graph: every module reachable through the link maps must be
    /// linked. Imports are checked and bindings created (a missing export is a SyntaxError,
    /// and the modules go back to unlinked); nothing runs.
    pub fn instantiate(&self) -> Result<()> {
        let s = self.shared();
        if s.discarded.get() {
            s.def()?;
        }
        let def = s.def.get();
        if !def.is_null() && unsafe { raw_status(def) } != S_UNLINKED {
            return Ok(());
        }
        let ctx = self.ctx();
        let sys = ModuleSystem::of(&ctx);
        // Resolution must not fail inside the engine (it would then drop every unresolved
        // module of the context): check the link maps first.
        let graph = self.graph();
        for m in &graph {
            let ms = m.shared();
            if ms.discarded.get() {
                ms.def()?;
            }
            if ms.links.borrow().is_none() {
                return Err(coded(
                    "Error",
                    "ERR_VM_MODULE_LINK_FAILURE",
                    &format!("module '{}' is not linked", ms.identifier),
                ));
            }
        }
        // Compile what is not compiled yet: the root here, its dependencies through the
        // loader as the engine resolves the imports.
        sys.linking.set(sys.linking.get() + 1);
        let r = materialize(&ctx, &s).and_then(|def| {
            let raw = ctx.as_raw().as_ptr();
            if unsafe { qjs::JS_ResolveModule(raw, module_value(def)) } < 0 {
                Err(crate::exception::describe_caught(&ctx))
            } else {
                Ok(def)
            }
        });
        sys.linking.set(sys.linking.get() - 1);
        r?;
        for m in &graph {
            m.attach_slot(&ctx)?;
        }
        let probe_name = format!("{PROBE_PREFIX}{}", sys.next_id());
        let probe_src = format!(
            "import {}; import {};\0",
            js_string_literal(STOPPER),
            js_string_literal(&s.name)
        );
        let raw = ctx.as_raw().as_ptr();
        let cname = CString::new(probe_name).expect("no NUL");
        let mut opts = qjs::JSEvalOptions {
            version: 1,
            eval_flags: (qjs::JS_EVAL_TYPE_MODULE | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as c_int,
            filename: cname.as_ptr(),
            line_num: 1,
        };
        let pv = unsafe {
            qjs::JS_Eval2(
                raw,
                probe_src.as_ptr().cast(),
                (probe_src.len() - 1) as _,
                &mut opts,
            )
        };
        if tag_of(pv) != qjs::JS_TAG_MODULE {
            return Err(crate::exception::describe_caught(&ctx));
        }
        sys.linking.set(sys.linking.get() + 1);
        let resolved = unsafe { qjs::JS_ResolveModule(raw, pv) };
        let result = if resolved < 0 {
            Err(ctx.catch())
        } else {
            // The evaluation is a promise of the module's realm.
            let r = if crate::realm::ensure(&ctx, crate::realm::PROMISE) {
                unsafe { qjs::JS_EvalFunction(raw, qjs::JS_DupValue(raw, pv)) }
            } else {
                qjs::JS_EXCEPTION
            };
            let r = unsafe { Value::from_raw(ctx.clone(), r) };
            if r.is_exception() {
                Err(ctx.catch())
            } else {
                // The probe's promise is rejected by the stopper: handle it.
                if let Some(p) = r.as_promise() {
                    let noop = Function::new(ctx.clone(), || {})?;
                    mark_handled(&ctx, p, noop);
                }
                Ok(())
            }
        };
        sys.linking.set(sys.linking.get() - 1);
        match result {
            Ok(()) => Ok(()),
            Err(e) => Err(self.describe_link_error(&ctx, &e)),
        }
    }
    /// A link error in V8's words: `The requested module 'x' does not provide an export
    /// named 'y'`, `x` being the specifier the importing module used.
    pub(super) fn describe_link_error(&self, ctx: &Ctx<'js>, e: &Value<'js>) -> Error {
        let err = describe_value(ctx, e);
        let s = match &err {
            Error::Thrown(t) if t.name == "SyntaxError" => crate::Thrown {
                name: t.name.clone(),
                message: t.message.clone(),
                stack: None,
                code: None,
            },
            Error::Syntax(s) => crate::Thrown {
                name: "SyntaxError".into(),
                message: s.message.clone(),
                stack: None,
                code: None,
            },
            _ => return err,
        };
        let sys = ModuleSystem::of(ctx);
        let specifier_of = |target: &str| -> String {
            let names = sys.names.borrow();
            for ((c, _), entry) in names.iter() {
                if *c != self.shared().ctx {
                    continue;
                }
                if let Entry::Library(m) = entry {
                    if let Some(links) = m.links.borrow().as_ref() {
                        if let Some(i) = links.iter().position(|l| l == target) {
                            return m.requests()[i].specifier.clone();
                        }
                    }
                }
            }
            target.to_string()
        };
        let parse = |msg: &str, pre: &str, mid: &str| -> Option<(String, String)> {
            let rest = msg.strip_prefix(pre)?;
            let (a, b) = rest.split_once(mid)?;
            Some((a.to_string(), b.strip_suffix('\'')?.to_string()))
        };
        let message = if let Some((export, module)) =
            parse(&s.message, "Could not find export '", "' in module '")
        {
            format!(
                "The requested module '{}' does not provide an export named '{export}'",
                specifier_of(&module)
            )
        } else if let Some((export, module)) = parse(&s.message, "export '", "' in module '")
            .and_then(|(e, m)| m.strip_suffix("' is ambiguous").map(|m| (e, m.to_string())))
        {
            format!(
                "The requested module '{}' contains conflicting star exports for name '{export}'",
                specifier_of(&module)
            )
        } else {
            s.message.clone()
        };
        Error::Thrown(crate::Thrown {
            name: "SyntaxError".into(),
            message,
            stack: None,
            code: None,
        })
    }
}

/// A JavaScript string literal (double-quoted) whose value is `s`, for source text the host
/// writes: every control character is a `\u` escape, so no escape of Rust's `{:?}` (a `\0`
/// before a digit is an octal escape, a `SyntaxError` in strict code) reaches the engine.
///
/// ```
/// assert_eq!(jsvm::engine::js_string_literal("a\"\0" ), "\"a\\\"\\u0000\"");
/// ```
pub fn js_string_literal(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
