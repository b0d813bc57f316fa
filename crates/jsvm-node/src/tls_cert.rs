//! What `tlsSocket.getPeerCertificate()` shows of a certificate, read by `x509-parser`: the
//! fields Node takes from OpenSSL (subject, issuer, subjectaltname, validity, fingerprints,
//! key size...), formatted as Node formats them. js/internal/tls/common.js turns the summary
//! into Node's object.

use jsvm::engine::rquickjs::{Array, Ctx, Object, Result, TypedArray, Value};
use sha1::Digest;
use x509_parser::prelude::{FromDer, GeneralName, X509Certificate, X509Name};

/// `AB:CD:...`: a digest as Node prints fingerprints.
fn colon_hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            s.push(':');
        }
        s.push_str(&format!("{b:02X}"));
    }
    s
}

fn upper_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// OpenSSL's short names for the attributes of a name (Node's keys of `subject`/`issuer`).
fn attribute_name(oid: &str) -> String {
    match oid {
        "2.5.4.3" => "CN",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.5" => "serialNumber",
        "2.5.4.4" => "SN",
        "2.5.4.42" => "GN",
        "2.5.4.12" => "title",
        "2.5.4.9" => "street",
        "2.5.4.17" => "postalCode",
        "1.2.840.113549.1.9.1" => "emailAddress",
        "0.9.2342.19200300.100.1.25" => "DC",
        "0.9.2342.19200300.100.1.1" => "UID",
        other => return other.to_string(),
    }
    .to_string()
}

/// A name as a flat list `[key, value, key, value, ...]`, in the certificate's order.
fn name_pairs(name: &X509Name<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for rdn in name.iter_rdn() {
        for attr in rdn.iter() {
            let value = match attr.as_str() {
                Ok(s) => s.to_string(),
                Err(_) => String::from_utf8_lossy(attr.attr_value().data).into_owned(),
            };
            out.push(attribute_name(&attr.attr_type().to_id_string()));
            out.push(value);
        }
    }
    out
}

/// Node's `subjectaltname`: `DNS:a, IP Address:1.2.3.4, email:x, URI:y`.
fn alt_names(cert: &X509Certificate<'_>) -> Option<String> {
    let san = cert.subject_alternative_name().ok()??;
    let parts: Vec<String> = san
        .value
        .general_names
        .iter()
        .filter_map(|g| match g {
            GeneralName::DNSName(d) => Some(format!("DNS:{d}")),
            GeneralName::RFC822Name(e) => Some(format!("email:{e}")),
            GeneralName::URI(u) => Some(format!("URI:{u}")),
            GeneralName::IPAddress(ip) => match ip.len() {
                4 => Some(format!(
                    "IP Address:{}",
                    std::net::Ipv4Addr::new(ip[0], ip[1], ip[2], ip[3])
                )),
                16 => {
                    let mut a = [0u8; 16];
                    a.copy_from_slice(ip);
                    // OpenSSL writes every group, upper case, without `::` shortening.
                    let groups: Vec<String> = a
                        .chunks(2)
                        .map(|c| format!("{:X}", u16::from_be_bytes([c[0], c[1]])))
                        .collect();
                    Some(format!("IP Address:{}", groups.join(":")))
                }
                _ => Some("IP Address:<invalid>".to_string()),
            },
            _ => None,
        })
        .collect();
    Some(parts.join(", "))
}

/// `Jan  1 00:00:00 2000 GMT`, OpenSSL's ASN1_TIME_print, from seconds since 1970.
pub(crate) fn openssl_time(secs: i64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = secs.div_euclid(86400);
    let rem = secs.rem_euclid(86400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{} {:>2} {:02}:{:02}:{:02} {} GMT",
        MONTHS[(month - 1) as usize],
        day,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        year
    )
}

/// Whether a certificate names itself as its issuer (a self-signed one, as OpenSSL tells).
pub(crate) fn is_self_issued(der: &[u8]) -> bool {
    match X509Certificate::from_der(der) {
        Ok((_, c)) => c.subject().as_raw() == c.issuer().as_raw(),
        Err(_) => false,
    }
}

/// The certificate among `candidates` that issued `child` (its subject is the child's issuer),
/// unless the child is self-issued (it is its own issuer).
pub(crate) fn find_issuer<'a>(
    child: &[u8],
    candidates: impl Iterator<Item = &'a [u8]>,
) -> Option<Vec<u8>> {
    let (_, c) = X509Certificate::from_der(child).ok()?;
    if c.subject().as_raw() == c.issuer().as_raw() {
        return None;
    }
    let issuer = c.issuer().as_raw();
    candidates
        .filter(|d| *d != child)
        .find(|d| X509Certificate::from_der(d).is_ok_and(|(_, p)| p.subject().as_raw() == issuer))
        .map(<[u8]>::to_vec)
}

/// The validity period of a certificate, in seconds since 1970.
pub(crate) fn validity(der: &[u8]) -> Option<(i64, i64)> {
    let (_, c) = X509Certificate::from_der(der).ok()?;
    Some((
        c.validity().not_before.timestamp(),
        c.validity().not_after.timestamp(),
    ))
}

fn strings<'js>(ctx: &Ctx<'js>, list: Vec<String>) -> Result<Array<'js>> {
    let a = Array::new(ctx.clone())?;
    for (i, s) in list.into_iter().enumerate() {
        a.set(i, s)?;
    }
    Ok(a)
}

fn bytes<'js>(ctx: &Ctx<'js>, b: &[u8]) -> Result<Value<'js>> {
    Ok(TypedArray::<u8>::new(ctx.clone(), b.to_vec())?.into_value())
}

/// The summary of one DER certificate as a plain object, or `undefined` for bytes that are no
/// certificate. Fields: subject and issuer (flat `[key, value, ...]` lists), subjectaltname,
/// ca, bits, modulus, exponent, pubkey, asn1Curve, nistCurve, valid_from, valid_to,
/// fingerprint(256|512), ext_key_usage, serialNumber, raw.
pub(crate) fn summary<'js>(ctx: &Ctx<'js>, der: &[u8]) -> Result<Value<'js>> {
    let Ok((_, cert)) = X509Certificate::from_der(der) else {
        return Ok(Value::new_undefined(ctx.clone()));
    };
    let o = Object::new(ctx.clone())?;
    o.set("subject", strings(ctx, name_pairs(cert.subject()))?)?;
    o.set("issuer", strings(ctx, name_pairs(cert.issuer()))?)?;
    if let Some(san) = alt_names(&cert) {
        o.set("subjectaltname", san)?;
    }
    let ca = matches!(cert.basic_constraints(), Ok(Some(bc)) if bc.value.ca);
    o.set("ca", ca)?;
    let spki = cert.public_key();
    match spki.parsed() {
        Ok(x509_parser::public_key::PublicKey::RSA(rsa)) => {
            let modulus = {
                let m = rsa.modulus;
                let start = m.iter().position(|&b| b != 0).unwrap_or(m.len());
                &m[start..]
            };
            o.set("bits", modulus.len() * 8)?;
            o.set("modulus", upper_hex(modulus))?;
            let exp = rsa
                .exponent
                .iter()
                .fold(0u64, |acc, &b| acc.wrapping_shl(8) | u64::from(b));
            o.set("exponent", format!("0x{exp:x}"))?;
        }
        Ok(x509_parser::public_key::PublicKey::EC(point)) => {
            o.set("bits", point.key_size())?;
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|oid| oid.to_id_string());
            let (asn1, nist) = match curve.as_deref() {
                Some("1.2.840.10045.3.1.7") => ("prime256v1", Some("P-256")),
                Some("1.3.132.0.34") => ("secp384r1", Some("P-384")),
                Some("1.3.132.0.35") => ("secp521r1", Some("P-521")),
                Some(other) => (other, None),
                None => ("", None),
            };
            if !asn1.is_empty() {
                o.set("asn1Curve", asn1)?;
            }
            if let Some(n) = nist {
                o.set("nistCurve", n)?;
            }
        }
        _ => {}
    }
    o.set("pubkey", bytes(ctx, spki.raw)?)?;
    o.set(
        "valid_from",
        openssl_time(cert.validity().not_before.timestamp()),
    )?;
    o.set(
        "valid_to",
        openssl_time(cert.validity().not_after.timestamp()),
    )?;
    o.set("fingerprint", colon_hex(&sha1::Sha1::digest(der)))?;
    o.set("fingerprint256", colon_hex(&sha2::Sha256::digest(der)))?;
    o.set("fingerprint512", colon_hex(&sha2::Sha512::digest(der)))?;
    if let Ok(Some(eku)) = cert.extended_key_usage() {
        let e = eku.value;
        let mut oids = Vec::new();
        let known = [
            (e.server_auth, "1.3.6.1.5.5.7.3.1"),
            (e.client_auth, "1.3.6.1.5.5.7.3.2"),
            (e.code_signing, "1.3.6.1.5.5.7.3.3"),
            (e.email_protection, "1.3.6.1.5.5.7.3.4"),
            (e.time_stamping, "1.3.6.1.5.5.7.3.8"),
            (e.ocsp_signing, "1.3.6.1.5.5.7.3.9"),
        ];
        for (on, oid) in known {
            if on {
                oids.push(oid.to_string());
            }
        }
        oids.extend(e.other.iter().map(|o| o.to_id_string()));
        o.set("ext_key_usage", strings(ctx, oids)?)?;
    }
    let serial = cert.raw_serial();
    let start = serial.iter().position(|&b| b != 0).unwrap_or(serial.len());
    let serial = upper_hex(&serial[start..]);
    o.set(
        "serialNumber",
        if serial.is_empty() {
            "00".into()
        } else {
            serial
        },
    )?;
    o.set("raw", bytes(ctx, der)?)?;
    Ok(o.into_value())
}

#[cfg(test)]
mod tests {
    use super::openssl_time;

    #[test]
    fn times_print_as_openssl_does() {
        assert_eq!(openssl_time(946_684_800), "Jan  1 00:00:00 2000 GMT");
        assert_eq!(openssl_time(0), "Jan  1 00:00:00 1970 GMT");
        assert_eq!(openssl_time(1_709_210_096), "Feb 29 12:34:56 2024 GMT");
    }
}
