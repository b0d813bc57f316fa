//! URL natives for `url` (WHATWG `URL` and `URLSearchParams`), on the `url` crate: its parser
//! and its `quirks` module, which are the URL Standard's parser, getters and setters.

use jsvm::engine::rquickjs::function::Opt;
use jsvm::engine::rquickjs::{Array, Ctx, Object, Result, Value};
use url::{quirks, Url};

use crate::set_fn::set_fn;

/// The parts of a parsed URL, as `js/url.js` reads them: [href, origin, protocol, username,
/// password, host, hostname, port, pathname, search, hash].
fn parts<'js>(ctx: &Ctx<'js>, u: &Url) -> Result<Value<'js>> {
    let arr = Array::new(ctx.clone())?;
    let items = [
        quirks::href(u).to_string(),
        quirks::origin(u),
        quirks::protocol(u).to_string(),
        quirks::username(u).to_string(),
        quirks::password(u).to_string(),
        quirks::host(u).to_string(),
        quirks::hostname(u).to_string(),
        quirks::port(u).to_string(),
        quirks::pathname(u).to_string(),
        quirks::search(u).to_string(),
        quirks::hash(u).to_string(),
    ];
    for (i, s) in items.into_iter().enumerate() {
        arr.set(i, s)?;
    }
    Ok(arr.into_value())
}

fn parse(input: &str, base: Option<&str>) -> Option<Url> {
    match base {
        Some(b) => Url::parse(b).ok()?.join(input).ok(),
        None => Url::parse(input).ok(),
    }
}

pub(crate) fn install<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    // urlParse(input, base?): the parts, or undefined if input (against base) is no URL.
    set_fn(
        ctx,
        binding,
        "urlParse",
        |ctx: Ctx<'js>, input: String, base: Opt<Option<String>>| -> Result<Value<'js>> {
            match parse(&input, base.0.flatten().as_deref()) {
                Some(u) => parts(&ctx, &u),
                None => Ok(Value::new_undefined(ctx)),
            }
        },
    )?;
    // urlSet(href, part, value): the parts after the URL Standard's setter of `part` (which
    // leaves the URL as it was for a value it rejects).
    set_fn(
        ctx,
        binding,
        "urlSet",
        |ctx: Ctx<'js>, href: String, part: String, value: String| -> Result<Value<'js>> {
            let Ok(mut u) = Url::parse(&href) else {
                return Ok(Value::new_undefined(ctx));
            };
            let _ = match part.as_str() {
                "href" => match Url::parse(&value) {
                    Ok(n) => {
                        u = n;
                        Ok(())
                    }
                    Err(_) => return Ok(Value::new_undefined(ctx)),
                },
                "protocol" => quirks::set_protocol(&mut u, &value),
                "username" => quirks::set_username(&mut u, &value),
                "password" => quirks::set_password(&mut u, &value),
                "host" => quirks::set_host(&mut u, &value),
                "hostname" => quirks::set_hostname(&mut u, &value),
                "port" => quirks::set_port(&mut u, &value),
                "pathname" => {
                    quirks::set_pathname(&mut u, &value);
                    Ok(())
                }
                "search" => {
                    quirks::set_search(&mut u, &value);
                    Ok(())
                }
                "hash" => {
                    quirks::set_hash(&mut u, &value);
                    Ok(())
                }
                _ => Err(()),
            };
            parts(&ctx, &u)
        },
    )?;
    // urlencodedParse(s): application/x-www-form-urlencoded pairs, flat [k, v, k, v, ...].
    set_fn(
        ctx,
        binding,
        "urlencodedParse",
        |s: String| -> Vec<String> {
            url::form_urlencoded::parse(s.as_bytes())
                .flat_map(|(k, v)| [k.into_owned(), v.into_owned()])
                .collect()
        },
    )?;
    // urlencodedSerialize([k, v, ...]): the pairs serialized.
    set_fn(
        ctx,
        binding,
        "urlencodedSerialize",
        |flat: Vec<String>| -> String {
            let mut ser = url::form_urlencoded::Serializer::new(String::new());
            for kv in flat.chunks(2) {
                ser.append_pair(&kv[0], kv.get(1).map(String::as_str).unwrap_or(""));
            }
            ser.finish()
        },
    )?;
    // domainToASCII / domainToUnicode (url.domainToASCII): '' for an invalid domain.
    set_fn(ctx, binding, "domainToASCII", |d: String| -> String {
        url::Host::parse(&d)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })?;
    set_fn(ctx, binding, "domainToUnicode", |d: String| -> String {
        match url::Host::parse(&d) {
            Ok(url::Host::Domain(s)) => idna::domain_to_unicode(&s).0,
            Ok(h) => h.to_string(),
            Err(_) => String::new(),
        }
    })?;
    Ok(())
}
