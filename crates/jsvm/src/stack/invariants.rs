//! V8's words for a proxy trap's result the invariants refuse (`'set' on proxy: trap returned
//! truish for property 'x' which exists in the proxy target as a non-configurable and
//! non-writable data property with a different value`): the engine says which trap
//! (`proxy: inconsistent set`), V8 also which rule, and names the key.
//!
//! The rule is told by the proxy's target as it is now (the engine reads it after the trap
//! too) and by what the operation asked (a descriptor given to `defineProperty`), never by the
//! trap's result, which the engine has freed: where the result alone tells the rule (`get`,
//! `getOwnPropertyDescriptor`) the engine's words stay. The target is read only when it is an
//! ordinary object, array or function (no proxy, no embedder class: no code runs).

use rquickjs::{qjs, Ctx, Object, Value};

/// V8's message for the engine's invariant refusal `message` of the proxy `proxy`, asked for
/// property `key` (`None` for `ownKeys`), with the descriptor `descriptor` for
/// `defineProperty`.
pub(super) fn reworded<'js>(
    ctx: &Ctx<'js>,
    message: &str,
    proxy: &Value<'js>,
    key: Option<&str>,
    descriptor: Option<&Value<'js>>,
) -> Option<String> {
    let target = plain_target(ctx, proxy)?;
    let extensible = unsafe { qjs::JS_IsExtensible(ctx.as_raw().as_ptr(), target.as_raw()) > 0 };
    match message {
        "proxy: inconsistent set" => {
            let key = key?;
            let p = crate::descriptor::own_named(ctx, target.as_value(), key)?;
            if p.is_configurable() {
                return None;
            }
            let kind = match (p.is_accessor(), p.is_writable()) {
                (false, false) => "data property with a different value",
                (true, _) if p.setter.is_undefined() => "accessor property without a setter",
                _ => return None,
            };
            Some(format!(
                "'set' on proxy: trap returned truish for property '{key}' which exists in the \
                 proxy target as a non-configurable and non-writable {kind}"
            ))
        }
        "proxy: inconsistent has" | "proxy: inconsistent deleteProperty" => {
            let key = key?;
            let p = crate::descriptor::own_named(ctx, target.as_value(), key)?;
            let has = message.ends_with("has");
            Some(match (has, p.is_configurable()) {
                (true, false) => format!(
                    "'has' on proxy: trap returned falsish for property '{key}' which exists in \
                     the proxy target as non-configurable"
                ),
                (true, true) if !extensible => format!(
                    "'has' on proxy: trap returned falsish for property '{key}' but the proxy \
                     target is not extensible"
                ),
                (false, false) => format!(
                    "'deleteProperty' on proxy: trap returned truish for property '{key}' which \
                     is non-configurable in the proxy target"
                ),
                (false, true) if !extensible => format!(
                    "'deleteProperty' on proxy: trap returned truish for property '{key}' but \
                     the proxy target is non-extensible"
                ),
                _ => return None,
            })
        }
        "proxy: inconsistent defineProperty" => {
            let key = key?;
            let asked = Asked::read(ctx, descriptor?.as_object()?)?;
            defined(ctx, &target, key, &asked, extensible)
        }
        "proxy: target property must be present in proxy ownKeys" => {
            // The trap's result is gone: only a target with one key the result had to hold
            // tells which it left out.
            let mut required = target_keys(ctx, &target)?.into_iter().filter(|k| {
                !extensible
                    || crate::descriptor::own_named(ctx, target.as_value(), k)
                        .is_some_and(|p| !p.is_configurable())
            });
            let key = required.next()?;
            required
                .next()
                .is_none()
                .then(|| format!("'ownKeys' on proxy: trap result did not include '{key}'"))
        }
        _ => None,
    }
}

/// The target of `proxy` when it is an ordinary object, an array or a function.
fn plain_target<'js>(ctx: &Ctx<'js>, proxy: &Value<'js>) -> Option<Object<'js>> {
    if !unsafe { qjs::JS_IsProxy(proxy.as_raw()) } {
        return None;
    }
    // SAFETY: a live proxy; the target returned is owned.
    let target = unsafe {
        Value::from_raw(
            ctx.clone(),
            qjs::JS_GetProxyTarget(ctx.as_raw().as_ptr(), proxy.as_raw()),
        )
    };
    if target.is_exception() {
        // A revoked proxy: nothing to read, and no exception left behind.
        drop(ctx.catch());
        return None;
    }
    let class = unsafe { qjs::JS_GetClassID(target.as_raw()) };
    let plain = target.is_object()
        && !unsafe { qjs::JS_IsProxy(target.as_raw()) }
        && matches!(class, 1 | 2 | 12 | 13);
    plain.then(|| target.into_object()).flatten()
}

/// The target's own string keys (none past 1024: not read), in its order.
fn target_keys<'js>(ctx: &Ctx<'js>, target: &Object<'js>) -> Option<Vec<String>> {
    let c = ctx.as_raw().as_ptr();
    let mut tab: *mut qjs::JSPropertyEnum = std::ptr::null_mut();
    let mut len = 0u32;
    unsafe {
        if qjs::JS_GetOwnPropertyNames(
            c,
            &mut tab,
            &mut len,
            target.as_raw(),
            (qjs::JS_GPN_STRING_MASK | qjs::JS_GPN_SYMBOL_MASK) as _,
        ) < 0
        {
            drop(ctx.catch());
            return None;
        }
        let mut keys = Some(Vec::with_capacity(len.min(1024) as usize));
        for i in 0..len as usize {
            let atom = (*tab.add(i)).atom;
            let text = (len <= 1024)
                .then(|| {
                    let v = Value::from_raw(ctx.clone(), qjs::JS_AtomToValue(c, atom));
                    // A symbol key is not named here.
                    if v.is_symbol() {
                        return None;
                    }
                    let s = Value::from_raw(ctx.clone(), qjs::JS_AtomToString(c, atom));
                    crate::bounded_text::bounded_name(ctx, &s)
                })
                .flatten();
            match (text, keys.as_mut()) {
                (Some(t), Some(k)) => k.push(t),
                _ => keys = None,
            }
        }
        qjs::JS_FreePropertyEnum(c, tab, len);
        keys
    }
}

/// A descriptor given to `defineProperty`, as its own data properties tell (only a plain
/// object's: another could run code to answer).
struct Asked<'js> {
    configurable: Option<bool>,
    enumerable: Option<bool>,
    writable: Option<bool>,
    value: Option<Value<'js>>,
    get: Option<Value<'js>>,
    set: Option<Value<'js>>,
}

impl<'js> Asked<'js> {
    fn read(ctx: &Ctx<'js>, desc: &Object<'js>) -> Option<Self> {
        let field = |name: &str| match super::own::own_property(ctx, desc, name) {
            Some(super::own::Own::Data(v)) => Some(Some(v)),
            Some(super::own::Own::Accessor(_)) => None,
            None => Some(None),
        };
        // An ordinary object only (a proxy's `getPrototypeOf` trap must not run below).
        if unsafe { qjs::JS_GetClassID(desc.as_raw()) } != 1 {
            return None;
        }
        // Inherited fields count too: only a descriptor whose prototype is the realm's plain
        // one (or none) with none of them is read.
        if let Some(proto) = desc.get_prototype() {
            const FIELDS: [&str; 6] = [
                "configurable",
                "enumerable",
                "writable",
                "value",
                "get",
                "set",
            ];
            if unsafe { qjs::JS_GetClassID(proto.as_raw()) } != 1
                || FIELDS
                    .iter()
                    .any(|f| crate::descriptor::own_named(ctx, proto.as_value(), f).is_some())
                || proto.get_prototype().is_some()
            {
                return None;
            }
        }
        let truth = |v: Option<Value<'js>>| {
            v.map(|v| unsafe { qjs::JS_ToBool(ctx.as_raw().as_ptr(), v.as_raw()) > 0 })
        };
        Some(Asked {
            configurable: truth(field("configurable")?),
            enumerable: truth(field("enumerable")?),
            writable: truth(field("writable")?),
            value: field("value")?,
            get: field("get")?,
            set: field("set")?,
        })
    }

    fn is_accessor(&self) -> bool {
        self.get.is_some() || self.set.is_some()
    }

    fn is_data(&self) -> bool {
        self.value.is_some() || self.writable.is_some()
    }
}

/// V8's message for a `defineProperty` trap that returned truish for `asked` on `key`, which
/// the target refuses (the rule V8 checks first that is broken), when one is.
fn defined<'js>(
    ctx: &Ctx<'js>,
    target: &Object<'js>,
    key: &str,
    asked: &Asked<'js>,
    extensible: bool,
) -> Option<String> {
    let setting_non_configurable = asked.configurable == Some(false);
    let non_configurable = format!(
        "'defineProperty' on proxy: trap returned truish for defining non-configurable property \
         '{key}' which is either non-existent or configurable in the proxy target"
    );
    let Some(existing) = crate::descriptor::own_named(ctx, target.as_value(), key) else {
        if !extensible {
            return Some(format!(
                "'defineProperty' on proxy: trap returned truish for adding property '{key}'  to \
                 the non-extensible proxy target"
            ));
        }
        return setting_non_configurable.then_some(non_configurable);
    };
    if !compatible(ctx, asked, &existing) {
        return Some(format!(
            "'defineProperty' on proxy: trap returned truish for adding property '{key}'  that \
             is incompatible with the existing property in the proxy target"
        ));
    }
    if setting_non_configurable && existing.is_configurable() {
        return Some(non_configurable);
    }
    if !existing.is_accessor()
        && !existing.is_configurable()
        && existing.is_writable()
        && asked.writable == Some(false)
    {
        return Some(format!(
            "'defineProperty' on proxy: trap returned truish for defining non-configurable \
             property '{key}' which cannot be non-writable, unless there exists a corresponding \
             non-configurable, non-writable own property of the target object."
        ));
    }
    None
}

/// Whether `asked` could be applied to the existing property (the specification's
/// IsCompatiblePropertyDescriptor).
fn compatible<'js>(
    ctx: &Ctx<'js>,
    asked: &Asked<'js>,
    existing: &crate::descriptor::OwnProperty<'js>,
) -> bool {
    let same = |a: &Value<'js>, b: &Value<'js>| unsafe {
        qjs::JS_IsSameValue(ctx.as_raw().as_ptr(), a.as_raw(), b.as_raw())
    };
    if existing.is_configurable() {
        return true;
    }
    let enumerable = existing.flags & qjs::JS_PROP_ENUMERABLE as std::ffi::c_int != 0;
    if asked.configurable == Some(true) || asked.enumerable.is_some_and(|e| e != enumerable) {
        return false;
    }
    if !asked.is_accessor() && !asked.is_data() {
        return true;
    }
    if asked.is_accessor() != existing.is_accessor() {
        return false;
    }
    if existing.is_accessor() {
        return asked.get.as_ref().is_none_or(|g| same(g, &existing.getter))
            && asked.set.as_ref().is_none_or(|s| same(s, &existing.setter));
    }
    existing.is_writable()
        || (asked.writable != Some(true)
            && asked
                .value
                .as_ref()
                .is_none_or(|v| same(v, &existing.value)))
}
