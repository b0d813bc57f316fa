//! Natives for `dns.lookup`: the system resolver (getaddrinfo, through std's `ToSocketAddrs`).

use std::net::ToSocketAddrs;

use jsvm::engine::rquickjs::{Array, Ctx, Object, Result, Value};

use crate::set_fn::set_fn;

pub(crate) fn install<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    // dnsLookup(hostname): [[address, family], ...] in the resolver's order, or the error code
    // (Node's names for getaddrinfo's failures). It blocks until the resolver answers.
    set_fn(
        ctx,
        binding,
        "dnsLookup",
        |ctx: Ctx<'js>, host: String| -> Result<Value<'js>> {
            match (host.as_str(), 0).to_socket_addrs() {
                Ok(addrs) => {
                    let out = Array::new(ctx.clone())?;
                    let mut seen = Vec::new();
                    for a in addrs {
                        let ip = a.ip();
                        if seen.contains(&ip) {
                            continue;
                        }
                        seen.push(ip);
                        let pair = Array::new(ctx.clone())?;
                        pair.set(0, ip.to_string())?;
                        pair.set(1, if ip.is_ipv4() { 4 } else { 6 })?;
                        out.set(out.len(), pair)?;
                    }
                    Ok(out.into_value())
                }
                // std keeps getaddrinfo's message, not its code: EAI_AGAIN says "Temporary
                // failure in name resolution"; the rest are reported as Node reports EAI_NONAME.
                Err(e) if e.to_string().contains("Temporary failure") => {
                    jsvm::engine::rquickjs::String::from_str(ctx, "EAI_AGAIN")
                        .map(|s| s.into_value())
                }
                Err(_) => jsvm::engine::rquickjs::String::from_str(ctx, "ENOTFOUND")
                    .map(|s| s.into_value()),
            }
        },
    )?;
    Ok(())
}
