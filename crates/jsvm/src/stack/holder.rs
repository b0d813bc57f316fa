//! The type V8 names a builtin's frame by: its receiver's (`at Array.map (<anonymous>)`,
//! `at Function.from`, `at JSON.parse`). The engine's call sites record no receiver; the
//! builtin's own holder tells it for the calls programs make: a method of a class's prototype
//! called on an instance of that class, a static called on its constructor (V8's type of a
//! builtin constructor is `Function`), a method of a namespace object called on it.
//! Everything is read without running code.

use rquickjs::{qjs, Ctx, Object, Value};

use super::own::{own_descriptor, own_property, Own};

/// The engine's class ids (`JS_CLASS_*` of quickjs.c) of the prototypes whose methods' frames
/// V8 names by their class, with that name; a prototype counts only when its `constructor` has
/// that name, so an id that changed with the engine names nothing.
const CLASSES: &[(u32, &str)] = &[
    (1, "Object"),
    (2, "Array"),
    (5, "String"),
    (36, "Map"),
    (37, "Set"),
    (38, "WeakMap"),
    (39, "WeakSet"),
    (52, "Promise"),
];

/// Namespace objects of the global whose methods V8 names by the namespace.
const NAMESPACES: &[&str] = &["JSON", "Math", "Reflect", "Atomics"];

/// The holders of a realm's builtins, read as a stack's builtin frames need them (each
/// prototype's constructor checked once, when it first holds a frame's function).
pub(super) struct Holders<'js> {
    ctx: Ctx<'js>,
    /// Each class's prototype, and once read its constructor when named as listed.
    classes: Vec<(Object<'js>, Option<Option<Object<'js>>>, &'static str)>,
    namespaces: Option<Vec<(Object<'js>, &'static str)>>,
}

impl<'js> Holders<'js> {
    pub(super) fn of(ctx: &Ctx<'js>) -> Self {
        let c = ctx.as_raw().as_ptr();
        let classes = CLASSES
            .iter()
            .filter_map(|&(id, name)| {
                // SAFETY: every id listed is below the engine's count of its own classes.
                let proto = unsafe { Value::from_raw(ctx.clone(), qjs::JS_GetClassProto(c, id)) };
                proto.into_object().map(|p| (p, None, name))
            })
            .collect();
        Holders {
            ctx: ctx.clone(),
            classes,
            namespaces: None,
        }
    }

    /// The constructor of class `i` when it is named as listed (read once).
    fn constructor(&mut self, i: usize) -> Option<Object<'js>> {
        let ctx = self.ctx.clone();
        let (proto, known, name) = &mut self.classes[i];
        known
            .get_or_insert_with(|| {
                let ctor = match own_descriptor(&ctx, proto, "constructor", false) {
                    Some(Own::Data(v)) => v.into_object()?,
                    _ => return None,
                };
                let named = super::own::own_text(&ctx, &ctor, "name", false);
                (named.as_deref() == Some(*name)).then_some(ctor)
            })
            .clone()
    }

    /// The type V8 names the frame of builtin `func` (named `name`) by, when `func` is one of
    /// the realm's that these holders hold under that name.
    pub(super) fn type_name(&mut self, func: &Value<'js>, name: &str) -> Option<&'static str> {
        let ctx = self.ctx.clone();
        let holds = |holder: &Object<'js>| {
            matches!(own_descriptor(&ctx, holder, name, false),
                Some(Own::Data(v)) if v == *func)
        };
        for i in 0..self.classes.len() {
            if holds(&self.classes[i].0) {
                return self.constructor(i).map(|_| self.classes[i].2);
            }
        }
        for i in 0..self.classes.len() {
            if self.constructor(i).is_some_and(|ctor| holds(&ctor)) {
                return Some("Function");
            }
        }
        let namespaces = self.namespaces.get_or_insert_with(|| {
            let global = ctx.globals();
            NAMESPACES
                .iter()
                .filter_map(|&name| match own_property(&ctx, &global, name) {
                    Some(Own::Data(v)) => v.into_object().map(|o| (o, name)),
                    _ => None,
                })
                .collect()
        });
        namespaces
            .iter()
            .find(|(o, _)| holds(o))
            .map(|(_, name)| *name)
    }
}

/// The most objects a runtime names frames by (see [`name_frames_by_holder`]).
const MAX_REGISTERED: usize = 64;
/// The longest type name given to them, in bytes.
const MAX_TYPE_NAME: usize = 128;

/// Names the frames of `holder`'s methods `Type.method`, as V8 names a method's frame by its
/// receiver's type: a host's own classes and modules written in JavaScript (the engine's call
/// sites record no receiver, so the holder of the function tells it, as for builtins). A
/// frame's function counts when `holder` has it as an own data property under the frame's
/// name; the type is the first registered holder's that has it. At most 64 holders, each type
/// name at most 128 bytes (more are refused). Read without running code.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let api: jsvm::engine::rquickjs::Object =
///         ctx.eval("({ run() { throw new Error('no'); } })").unwrap();
///     jsvm::engine::name_frames_by_holder(&ctx, &api, "Object").unwrap();
///     ctx.globals().set("api", api).unwrap();
///     let stack: String = ctx.eval("try { api.run() } catch (e) { e.stack }").unwrap();
///     assert!(stack.contains("at Object.run ("), "{stack}");
/// });
/// ```
pub fn name_frames_by_holder<'js>(
    ctx: &Ctx<'js>,
    holder: &Object<'js>,
    type_name: &str,
) -> rquickjs::Result<()> {
    // Read without running code when frames are named: plain objects and functions only (no
    // proxy, no class with hooks such as the contextified global).
    let class = unsafe { rquickjs::qjs::JS_GetClassID(holder.as_raw()) };
    if unsafe { rquickjs::qjs::JS_IsProxy(holder.as_raw()) } || !matches!(class, 1 | 12 | 13) {
        return Err(rquickjs::Exception::throw_type(
            ctx,
            "a frame holder must be a plain object or function",
        ));
    }
    let state = crate::runtime::state::RuntimeState::of(ctx);
    let mut registered = state.frame_holders.borrow_mut();
    if registered.len() >= MAX_REGISTERED || type_name.len() > MAX_TYPE_NAME {
        return Err(rquickjs::Exception::throw_range(
            ctx,
            "too many frame holders, or a type name too long",
        ));
    }
    registered.push((
        rquickjs::Persistent::save(ctx, holder.clone()),
        std::rc::Rc::from(type_name),
    ));
    Ok(())
}
