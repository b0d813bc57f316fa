//! The library's records held by engine class objects (a context's, a module's, a realm's
//! WebAssembly intrinsics): objects any realm may make, which no code constructs.

/// Implements rquickjs's `JsLifetime` and `JsClass` for `$record<'js>`, a record whose
/// objects have no prototype and no constructor: the library's class objects are made in any
/// realm, and rquickjs keeps one prototype per runtime, which would be the first realm's
/// object. The record's `Trace` is its own.
macro_rules! realmless_class {
    ($record:ident, $name:literal) => {
        unsafe impl<'js> rquickjs::JsLifetime<'js> for $record<'js> {
            type Changed<'to> = $record<'to>;
        }

        impl<'js> rquickjs::class::JsClass<'js> for $record<'js> {
            const NAME: &'static str = $name;
            type Mutable = rquickjs::class::Readable;
            fn prototype(
                _ctx: &rquickjs::Ctx<'js>,
            ) -> rquickjs::Result<Option<rquickjs::Object<'js>>> {
                Ok(None)
            }
            fn constructor(
                _ctx: &rquickjs::Ctx<'js>,
            ) -> rquickjs::Result<Option<rquickjs::function::Constructor<'js>>> {
                Ok(None)
            }
        }
    };
}

pub(crate) use realmless_class;
