//! Natives for `tls` and `https`: TLS sessions on `rustls` (ring crypto), without I/O of their
//! own. JavaScript (js/internal/tls/socket.js) feeds the ciphertext its socket received in,
//! writes out the ciphertext a session gives back, and reads and writes plaintext; so a TLS
//! socket runs over any net.Socket or stream the loop already has.
//!
//! Secure contexts (key, certificate chain, CAs, versions, ALPN of a server) and sessions are
//! kept here by number; JavaScript sees only those numbers, byte arrays and strings. Every
//! failure (bad PEM, a peer's garbage, an alert) comes back as an error with OpenSSL's code
//! and reason, as Node reports them; a panic of the TLS engine would be caught and reported
//! too, never unwound into the engine.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use jsvm::engine::rquickjs::{Array, Ctx, Exception, Object, Result, TypedArray, Value};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use rustls::{
    AlertDescription, ClientConfig, ClientConnection, Connection, RootCertStore, ServerConfig,
    ServerConnection, SignatureScheme, SupportedProtocolVersion,
};

use crate::fs_binding::bytes_arg;
use crate::set_fn::set_fn;
use crate::tls_cert;
use crate::tls_verify::{ChainCheck, Outcome};

/// An error as Node shows OpenSSL's: (code, message, library, reason).
type SslError = (String, String, &'static str, String);

fn openssl_error(hex: u32, library: &'static str, reason: &str) -> SslError {
    let code = format!(
        "ERR_{}_{}",
        match library {
            "SSL routines" => "SSL",
            "PEM routines" => "OSSL_PEM",
            "x509 certificate routines" => "OSSL_X509",
            _ => "OSSL",
        },
        reason.to_ascii_uppercase().replace([' ', '-'], "_")
    );
    (
        code,
        format!("error:{hex:08X}:{library}::{reason}"),
        library,
        reason.to_string(),
    )
}

fn ssl_error(reason_code: u32, reason: &str) -> SslError {
    openssl_error(0x0A00_0000 | reason_code, "SSL routines", reason)
}

/// OpenSSL's reason for an alert (its reason code is 1000 + the alert's number).
fn alert_reason(alert: AlertDescription) -> String {
    let n = u8::from(alert);
    let (kind, name) = match n {
        10 => ("sslv3", "unexpected message"),
        20 => ("sslv3", "bad record mac"),
        21 => ("tlsv1", "decryption failed"),
        22 => ("tlsv1", "record overflow"),
        30 => ("sslv3", "decompression failure"),
        40 => ("sslv3", "handshake failure"),
        41 => ("sslv3", "no certificate"),
        42 => ("sslv3", "bad certificate"),
        43 => ("sslv3", "unsupported certificate"),
        44 => ("sslv3", "certificate revoked"),
        45 => ("sslv3", "certificate expired"),
        46 => ("sslv3", "certificate unknown"),
        47 => ("sslv3", "illegal parameter"),
        48 => ("tlsv1", "unknown ca"),
        49 => ("tlsv1", "access denied"),
        50 => ("tlsv1", "decode error"),
        51 => ("tlsv1", "decrypt error"),
        70 => ("tlsv1", "protocol version"),
        71 => ("tlsv1", "insufficient security"),
        80 => ("tlsv1", "internal error"),
        86 => ("tlsv1", "inappropriate fallback"),
        90 => ("tlsv1", "user cancelled"),
        100 => ("tlsv1", "no renegotiation"),
        109 => ("tlsv13", "missing extension"),
        110 => ("tlsv1", "unsupported extension"),
        112 => ("tlsv1", "unrecognized name"),
        113 => ("tlsv1", "bad certificate status response"),
        115 => ("tlsv1", "unknown psk identity"),
        116 => ("tlsv13", "certificate required"),
        120 => ("tlsv1", "no application protocol"),
        _ => return format!("ssl alert {n}"),
    };
    format!("{kind} alert {name}")
}

/// A rustls error as OpenSSL names the same failure.
fn engine_error(e: &rustls::Error, first_record: bool) -> SslError {
    use rustls::{Error as E, InvalidMessage as M, PeerIncompatible as P};
    match e {
        E::AlertReceived(a) => ssl_error(1000 + u32::from(u8::from(*a)), &alert_reason(*a)),
        E::InvalidMessage(
            M::InvalidContentType | M::UnknownProtocolVersion | M::MessageTooLarge,
        ) if first_record => ssl_error(0x10B, "wrong version number"),
        E::InvalidMessage(_) | E::PeerSentOversizedRecord => {
            ssl_error(0x9F, "packet length too long")
        }
        E::DecryptError => ssl_error(0x119, "decryption failed or bad record mac"),
        E::InappropriateMessage { .. } | E::InappropriateHandshakeMessage { .. } => {
            ssl_error(0xF4, "unexpected message")
        }
        E::NoApplicationProtocol => ssl_error(0xEB, "no application protocol"),
        E::PeerIncompatible(P::NoCipherSuitesInCommon) => ssl_error(0xC1, "no shared cipher"),
        E::PeerIncompatible(
            P::ServerDoesNotSupportTls12Or13
            | P::ServerTlsVersionIsDisabledByOurConfig
            | P::SupportedVersionsExtensionRequired
            | P::Tls12NotOffered
            | P::Tls12NotOfferedOrEnabled,
        ) => ssl_error(0x102, "unsupported protocol"),
        E::PeerIncompatible(_) => ssl_error(0x410, "sslv3 alert handshake failure"),
        E::NoCertificatesPresented => ssl_error(0xC7, "peer did not return a certificate"),
        E::InvalidCertificate(_) => ssl_error(0x86, "certificate verify failed"),
        E::General(m) if m.contains("no server certificate") => ssl_error(0xC1, "no shared cipher"),
        other => {
            let mut err = ssl_error(0x44, "internal error");
            err.1 = format!("{} ({other})", err.1);
            err
        }
    }
}

/// A server's key, certificate chain and settings, or a client's CAs and own certificate.
struct SecureContext {
    /// The server side (without client certificates).
    server: Option<Arc<ServerConfig>>,
    /// What a server session that asks for client certificates is made of.
    certificates: Arc<Certificates>,
    alpn: Vec<Vec<u8>>,
    /// Trusted CAs (the `ca` option): None for Mozilla's, as Node bundles them.
    ca: Option<(Arc<RootCertStore>, Vec<Vec<u8>>)>,
    /// A client's own certificate chain and key (sent when a server asks).
    client_auth: Option<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)>,
    versions: Vec<&'static SupportedProtocolVersion>,
}

struct Session {
    conn: Connection,
    outcome: Outcome,
    /// A client's trusted certificates (the `ca` option), None for Mozilla's: where the
    /// issuer of the server's last certificate is looked up for getPeerCertificate(true).
    trusted: Option<Vec<Vec<u8>>>,
    /// No record has come from the peer yet (garbage then is "wrong version number").
    fresh: bool,
    failed: Option<SslError>,
    closed: bool,
}

thread_local! {
    static CONTEXTS: RefCell<HashMap<u32, Arc<SecureContext>>> = RefCell::new(HashMap::new());
    static SESSIONS: RefCell<HashMap<u32, Session>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    static PROVIDER: Arc<CryptoProvider> = Arc::new(rustls::crypto::ring::default_provider());
    static DEFAULT_ROOTS: RefCell<Option<DefaultTrust>> = const { RefCell::new(None) };
}

fn next_id() -> u32 {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1).max(1));
        id
    })
}

fn provider() -> Arc<CryptoProvider> {
    PROVIDER.with(Arc::clone)
}

/// What a connection without `ca` trusts: Mozilla's root certificates (webpki-root-certs) and
/// those of the file NODE_EXTRA_CA_CERTS names (kept as given too).
type DefaultTrust = (Arc<RootCertStore>, Arc<Vec<Vec<u8>>>);

/// The default trust, made once per thread. A NODE_EXTRA_CA_CERTS file that cannot be read
/// is ignored with Node's warning (Node gives it at startup, jsvm at the first use).
fn default_trust() -> DefaultTrust {
    DEFAULT_ROOTS.with(|r| {
        r.borrow_mut()
            .get_or_insert_with(|| {
                let mut store = RootCertStore::empty();
                store.add_parsable_certificates(
                    webpki_root_certs::TLS_SERVER_ROOT_CERTS.iter().cloned(),
                );
                let mut extra = Vec::new();
                if let Some(path) = std::env::var_os("NODE_EXTRA_CA_CERTS").filter(|p| !p.is_empty()) {
                    match std::fs::read(&path) {
                        Ok(pem) => {
                            for c in CertificateDer::pem_slice_iter(&pem).flatten() {
                                extra.push(c.to_vec());
                                let _ = store.add(c);
                            }
                        }
                        Err(e) => {
                            let errno = e.raw_os_error().unwrap_or(0);
                            let text = e.to_string();
                            let text = text.split(" (os error").next().unwrap_or_default();
                            eprintln!(
                                "Warning: Ignoring extra certs from `{}`, load failed: error:{:08X}:system library::{text}",
                                path.to_string_lossy(),
                                0x8000_0000u32 | errno as u32
                            );
                        }
                    }
                }
                (Arc::new(store), Arc::new(extra))
            })
            .clone()
    })
}

fn throw_ssl(
    ctx: &Ctx<'_>,
    (code, message, library, reason): SslError,
) -> jsvm::engine::rquickjs::Error {
    match Exception::from_message(ctx.clone(), &message) {
        Ok(err) => {
            let _ = err.set("library", library);
            let _ = err.set("reason", reason);
            let _ = err.set("code", code);
            ctx.throw(err.into_value())
        }
        Err(e) => e,
    }
}

fn throw_type(ctx: &Ctx<'_>, code: &str, message: &str) -> jsvm::engine::rquickjs::Error {
    match Exception::from_message(ctx.clone(), message) {
        Ok(err) => {
            let _ = err.set("code", code);
            ctx.throw(err.into_value())
        }
        Err(e) => e,
    }
}

/// Runs TLS engine code; a panic becomes an error instead of unwinding into the JS engine.
fn guarded<T>(
    f: impl FnOnce() -> std::result::Result<T, SslError>,
) -> std::result::Result<T, SslError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| Err(ssl_error(0x44, "internal error")))
}

fn pem_certs(pems: &[Vec<u8>]) -> std::result::Result<Vec<CertificateDer<'static>>, SslError> {
    let mut out = Vec::new();
    for pem in pems {
        let before = out.len();
        for c in CertificateDer::pem_slice_iter(pem) {
            match c {
                Ok(c) => out.push(c),
                Err(_) => break,
            }
        }
        if out.len() == before {
            return Err(openssl_error(0x0480_006C, "PEM routines", "no start line"));
        }
    }
    Ok(out)
}

fn pem_key(pem: &[u8]) -> std::result::Result<PrivateKeyDer<'static>, SslError> {
    PrivateKeyDer::from_pem_slice(pem)
        .map_err(|_| openssl_error(0x1E08_010C, "DECODER routines", "unsupported"))
}

/// A server's certificates (one per key type, as OpenSSL keeps an RSA and an EC one): the
/// first whose key can sign with a scheme the client offers. None: every handshake fails, as
/// OpenSSL's does without a certificate ("no shared cipher").
#[derive(Debug)]
struct Certificates {
    own: Vec<Arc<CertifiedKey>>,
    /// `server.addContext(hostname, context)`: host name patterns (`*` is one label's part)
    /// and their contexts' certificates; the last added that matches the client's SNI wins.
    by_name: Mutex<Vec<(String, Arc<Certificates>)>>,
}

impl Certificates {
    fn new(own: Vec<Arc<CertifiedKey>>) -> Certificates {
        Certificates {
            own,
            by_name: Mutex::new(Vec::new()),
        }
    }

    fn pick(&self, schemes: &[SignatureScheme]) -> Option<Arc<CertifiedKey>> {
        self.own
            .iter()
            .find(|ck| ck.key.choose_scheme(schemes).is_some())
            .cloned()
    }
}

/// Node's addContext pattern: `*` matches any characters but a dot (its regular expression,
/// case-sensitive as Node's).
fn name_matches(pattern: &[u8], name: &[u8]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some((b'*', rest)) => {
            let mut i = 0;
            loop {
                if name_matches(rest, &name[i..]) {
                    return true;
                }
                if i >= name.len() || name[i] == b'.' {
                    return false;
                }
                i += 1;
            }
        }
        Some((c, rest)) => name
            .split_first()
            .is_some_and(|(n, name)| n == c && name_matches(rest, name)),
    }
}

impl ResolvesServerCert for Certificates {
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        let schemes = hello.signature_schemes();
        if let Some(name) = hello.server_name() {
            let by_name = self.by_name.lock().ok()?;
            if let Some((_, c)) = by_name
                .iter()
                .rev()
                .find(|(p, _)| name_matches(p.as_bytes(), name.as_bytes()))
            {
                return c.pick(schemes);
            }
        }
        self.pick(schemes)
    }
}

/// The key type of a certificate's public key, as rustls names signing algorithms.
fn certificate_algorithm(der: &[u8]) -> Option<rustls::SignatureAlgorithm> {
    use x509_parser::prelude::FromDer;
    let (_, cert) = x509_parser::prelude::X509Certificate::from_der(der).ok()?;
    Some(
        match cert
            .public_key()
            .algorithm
            .algorithm
            .to_id_string()
            .as_str()
        {
            "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => rustls::SignatureAlgorithm::RSA,
            "1.2.840.10045.2.1" => rustls::SignatureAlgorithm::ECDSA,
            "1.3.101.112" => rustls::SignatureAlgorithm::ED25519,
            _ => return None,
        },
    )
}

/// A certificate chain, its key, and both as rustls serves them.
type Pair = (
    Vec<CertificateDer<'static>>,
    PrivateKeyDer<'static>,
    Arc<CertifiedKey>,
);

/// Each certificate chain with the key that matches it. A chain whose key type has a key, but
/// not its own, fails as OpenSSL's "key values mismatch"; one without a key of its type is
/// left out (OpenSSL keeps it, unusable).
fn certified_keys(
    chains: Vec<Vec<CertificateDer<'static>>>,
    keys: &[PrivateKeyDer<'static>],
) -> std::result::Result<Vec<Pair>, SslError> {
    let provider = provider();
    let mut out = Vec::new();
    for chain in chains {
        let Some(leaf) = chain.first() else { continue };
        let leaf_alg = certificate_algorithm(leaf);
        let mut same_type = false;
        let mut found = None;
        for key in keys {
            let Ok(signing) = provider.key_provider.load_private_key(key.clone_key()) else {
                continue;
            };
            if Some(signing.algorithm()) == leaf_alg {
                same_type = true;
            }
            if let Ok(ck) = CertifiedKey::from_der(chain.clone(), key.clone_key(), &provider) {
                found = Some((key.clone_key(), ck));
                break;
            }
        }
        match found {
            Some((key, ck)) => out.push((chain, key, Arc::new(ck))),
            None if same_type => {
                return Err(openssl_error(
                    0x0580_0074,
                    "x509 certificate routines",
                    "key values mismatch",
                ))
            }
            None => {}
        }
    }
    Ok(out)
}

fn versions(min: u32, max: u32) -> Vec<&'static SupportedProtocolVersion> {
    // 2: TLSv1.2, 3: TLSv1.3 (rustls has nothing older).
    let mut v = Vec::new();
    if min <= 3 && max >= 3 {
        v.push(&rustls::version::TLS13);
    }
    if min <= 2 && max >= 2 {
        v.push(&rustls::version::TLS12);
    }
    v
}

struct ContextOptions {
    keys: Vec<Vec<u8>>,
    certs: Vec<Vec<u8>>,
    cas: Option<Vec<Vec<u8>>>,
    min: u32,
    max: u32,
    alpn: Vec<Vec<u8>>,
}

fn new_context(o: ContextOptions) -> std::result::Result<SecureContext, SslError> {
    let versions = versions(o.min, o.max);
    if versions.is_empty() {
        return Err(ssl_error(0xBF, "no protocols available"));
    }
    let keys = o
        .keys
        .iter()
        .map(|k| pem_key(k))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let chains = o
        .certs
        .iter()
        .map(|c| pem_certs(std::slice::from_ref(c)))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let pairs = certified_keys(chains, &keys)?;
    let ca = match o.cas {
        None => None,
        Some(pems) => {
            // Node skips what is no certificate in `ca`.
            let mut store = RootCertStore::empty();
            let mut ders = Vec::new();
            for pem in &pems {
                for c in CertificateDer::pem_slice_iter(pem).flatten() {
                    ders.push(c.to_vec());
                    let _ = store.add(c);
                }
            }
            Some((Arc::new(store), ders))
        }
    };
    let builder = ServerConfig::builder_with_provider(provider())
        .with_protocol_versions(&versions)
        .map_err(|e| engine_error(&e, false))?
        .with_no_client_auth();
    let certificates = Arc::new(Certificates::new(
        pairs.iter().map(|(_, _, ck)| ck.clone()).collect(),
    ));
    let mut server = builder.with_cert_resolver(certificates.clone());
    server.alpn_protocols = o.alpn.clone();
    let client_auth = pairs.into_iter().next().map(|(chain, key, _)| (chain, key));
    Ok(SecureContext {
        server: Some(Arc::new(server)),
        certificates,
        alpn: o.alpn,
        ca,
        client_auth,
        versions,
    })
}

fn new_client(
    sc: &SecureContext,
    servername: &str,
    alpn: Vec<Vec<u8>>,
) -> std::result::Result<Session, SslError> {
    let provider = provider();
    let (roots, ca_ders) = match &sc.ca {
        Some((store, ders)) => (store.clone(), ders.clone()),
        None => {
            let (store, extra) = default_trust();
            (store, extra.to_vec())
        }
    };
    let trusted = sc.ca.as_ref().map(|(_, ders)| ders.clone());
    let outcome: Outcome = Arc::new(Mutex::new(None));
    let check = ChainCheck {
        roots,
        ca_ders,
        algorithms: provider.signature_verification_algorithms,
        outcome: outcome.clone(),
        clients: None,
    };
    let builder = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&sc.versions)
        .map_err(|e| engine_error(&e, false))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(check));
    let mut config = match &sc.client_auth {
        Some((chain, key)) => builder
            .with_client_auth_cert(chain.clone(), key.clone_key())
            .map_err(|e| engine_error(&e, false))?,
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = alpn;
    // No server name (or one that is no DNS name): no SNI; the name given to rustls then only
    // stands in (the host name is checked in JavaScript, as Node checks it).
    let name = match ServerName::try_from(servername.to_string()) {
        Ok(n) if !servername.is_empty() => n,
        _ => {
            config.enable_sni = false;
            ServerName::try_from("localhost").map_err(|_| ssl_error(0x44, "internal error"))?
        }
    };
    let mut conn =
        ClientConnection::new(Arc::new(config), name).map_err(|e| engine_error(&e, false))?;
    conn.set_buffer_limit(None);
    Ok(Session {
        conn: Connection::Client(conn),
        outcome,
        trusted,
        fresh: true,
        failed: None,
        closed: false,
    })
}

/// A server's session; `request_cert`: it asks for a client certificate (checked against the
/// context's CAs, or Mozilla's), and `reject`: a client without one fails the handshake.
fn new_server(
    sc: &SecureContext,
    request_cert: bool,
    reject: bool,
) -> std::result::Result<Session, SslError> {
    let outcome: Outcome = Arc::new(Mutex::new(None));
    let config = if request_cert {
        let provider = provider();
        let (roots, ca_ders) = match &sc.ca {
            Some((store, ders)) => (store.clone(), ders.clone()),
            None => {
                let (store, extra) = default_trust();
                (store, extra.to_vec())
            }
        };
        let webpki = rustls::server::WebPkiClientVerifier::builder_with_provider(
            roots.clone(),
            provider.clone(),
        )
        .build()
        .map_err(|_| ssl_error(0x44, "internal error"))?;
        let check = ChainCheck {
            roots,
            ca_ders,
            algorithms: provider.signature_verification_algorithms,
            outcome: outcome.clone(),
            clients: Some((webpki, reject)),
        };
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_protocol_versions(&sc.versions)
            .map_err(|e| engine_error(&e, false))?
            .with_client_cert_verifier(Arc::new(check))
            .with_cert_resolver(sc.certificates.clone());
        config.alpn_protocols = sc.alpn.clone();
        Arc::new(config)
    } else {
        sc.server
            .clone()
            .ok_or_else(|| ssl_error(0xC1, "no shared cipher"))?
    };
    let mut conn = ServerConnection::new(config).map_err(|e| engine_error(&e, false))?;
    conn.set_buffer_limit(None);
    Ok(Session {
        conn: Connection::Server(conn),
        outcome,
        trusted: None,
        fresh: true,
        failed: None,
        closed: false,
    })
}

/// The ciphertext a session has to send.
fn take_output(conn: &mut Connection) -> Vec<u8> {
    let mut out = Vec::new();
    while conn.wants_write() {
        match conn.write_tls(&mut out) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

/// What one `feed` found.
struct Fed {
    out: Vec<u8>,
    /// Plaintext, a chunk per record (as Node reads a record at a time).
    plain: Vec<Vec<u8>>,
    handshake_done: bool,
    peer_closed: bool,
    error: Option<SslError>,
}

/// A plain-text protocol's first bytes sent to a TLS server, as OpenSSL tells them.
fn plain_http(data: &[u8]) -> Option<SslError> {
    let starts = |p: &[u8]| data.starts_with(p);
    if starts(b"CONNECT") {
        Some(ssl_error(0x9B, "https proxy request"))
    } else if starts(b"GET ") || starts(b"POST ") || starts(b"HEAD ") || starts(b"PUT ") {
        Some(ssl_error(0x9C, "http request"))
    } else {
        None
    }
}

fn feed(s: &mut Session, mut data: &[u8]) -> Fed {
    let mut fed = Fed {
        out: Vec::new(),
        plain: Vec::new(),
        handshake_done: false,
        peer_closed: false,
        error: s.failed.clone(),
    };
    if fed.error.is_some() {
        return fed;
    }
    if s.fresh && matches!(s.conn, Connection::Server(_)) {
        if let Some(e) = plain_http(data) {
            s.failed = Some(e.clone());
            fed.error = Some(e);
            return fed;
        }
    }
    while !data.is_empty() {
        let n = s.conn.read_tls(&mut data).unwrap_or_default();
        let processed = s.conn.process_new_packets();
        if let Err(e) = processed {
            let err = engine_error(&e, s.fresh);
            s.failed = Some(err.clone());
            fed.error = Some(err);
            // The alert rustls queued for the peer still goes out.
            fed.out.extend(take_output(&mut s.conn));
            return fed;
        }
        s.fresh = false;
        loop {
            let mut reader = s.conn.reader();
            match reader.fill_buf() {
                Ok([]) => {
                    fed.peer_closed = true;
                    break;
                }
                Ok(chunk) => {
                    let n = chunk.len();
                    fed.plain.push(chunk.to_vec());
                    reader.consume(n);
                }
                Err(_) => break,
            }
        }
        if n == 0 {
            break;
        }
    }
    fed.out.extend(take_output(&mut s.conn));
    fed.handshake_done = !s.conn.is_handshaking();
    fed
}

/// `[name, standardName, version]` of the negotiated cipher, as OpenSSL names them.
fn cipher_names(suite: rustls::SupportedCipherSuite) -> (String, String) {
    let standard = format!("{:?}", suite.suite());
    let standard = standard.replace("TLS13_", "TLS_");
    if suite.version() == &rustls::version::TLS13 {
        return (standard.clone(), standard);
    }
    // TLS 1.2: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 -> ECDHE-RSA-AES128-GCM-SHA256.
    let openssl = standard
        .trim_start_matches("TLS_")
        .replace("_WITH_", "_")
        .replace("AES_128", "AES128")
        .replace("AES_256", "AES256")
        .replace("CHACHA20_POLY1305_SHA256", "CHACHA20_POLY1305")
        .replace('_', "-");
    (openssl, standard)
}

fn protocol_name(v: rustls::ProtocolVersion) -> &'static str {
    match v {
        rustls::ProtocolVersion::TLSv1_3 => "TLSv1.3",
        rustls::ProtocolVersion::TLSv1_2 => "TLSv1.2",
        _ => "unknown",
    }
}

fn byte_list(v: &Value<'_>) -> Vec<Vec<u8>> {
    match v.as_array() {
        Some(a) => a
            .iter::<Value>()
            .flatten()
            .filter_map(|x| bytes_arg(&x))
            .collect(),
        None => Vec::new(),
    }
}

fn with_session<T>(id: u32, f: impl FnOnce(&mut Session) -> T) -> Option<T> {
    SESSIONS.with(|s| s.borrow_mut().get_mut(&id).map(f))
}

fn u8_array<'js>(ctx: &Ctx<'js>, b: Vec<u8>) -> Result<Value<'js>> {
    Ok(TypedArray::<u8>::new(ctx.clone(), b)?.into_value())
}

fn error_value<'js>(ctx: &Ctx<'js>, e: Option<SslError>) -> Result<Value<'js>> {
    let Some((code, message, library, reason)) = e else {
        return Ok(Value::new_null(ctx.clone()));
    };
    let a = Array::new(ctx.clone())?;
    a.set(0, code)?;
    a.set(1, message)?;
    a.set(2, library)?;
    a.set(3, reason)?;
    Ok(a.into_value())
}

fn closed_session(ctx: &Ctx<'_>) -> jsvm::engine::rquickjs::Error {
    throw_type(ctx, "ERR_TLS_SESSION_CLOSED", "TLS session is closed")
}

pub(crate) fn install<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    // tlsContextNew(keys, certs, cas|null, minVersion, maxVersion, alpn) -> context id.
    // Versions: 2 = TLSv1.2, 3 = TLSv1.3.
    set_fn(
        ctx,
        binding,
        "tlsContextNew",
        |ctx: Ctx<'js>,
         keys: Value<'js>,
         certs: Value<'js>,
         cas: Value<'js>,
         min: u32,
         max: u32,
         alpn: Value<'js>|
         -> Result<u32> {
            let options = ContextOptions {
                keys: byte_list(&keys),
                certs: byte_list(&certs),
                cas: if cas.is_array() {
                    Some(byte_list(&cas))
                } else {
                    None
                },
                min,
                max,
                alpn: byte_list(&alpn),
            };
            let sc = guarded(|| new_context(options)).map_err(|e| throw_ssl(&ctx, e))?;
            let id = next_id();
            CONTEXTS.with(|c| c.borrow_mut().insert(id, Arc::new(sc)));
            Ok(id)
        },
    )?;
    // tlsContextAddName(serverContextId, hostname, contextId): the server's addContext.
    set_fn(
        ctx,
        binding,
        "tlsContextAddName",
        |server: u32, hostname: String, context: u32| -> bool {
            let (s, named) = CONTEXTS.with(|c| {
                let c = c.borrow();
                (c.get(&server).cloned(), c.get(&context).cloned())
            });
            let (Some(s), Some(named)) = (s, named) else {
                return false;
            };
            let added = match s.certificates.by_name.lock() {
                Ok(mut list) => {
                    list.push((hostname, named.certificates.clone()));
                    true
                }
                Err(_) => false,
            };
            added
        },
    )?;
    set_fn(ctx, binding, "tlsContextFree", |id: u32| {
        CONTEXTS.with(|c| c.borrow_mut().remove(&id));
    })?;
    // tlsSessionNew(contextId, isServer, servername, alpn, flags) -> session id; flags (a
    // server's): 1 ask for a client certificate, 2 a client without one fails the handshake.
    set_fn(
        ctx,
        binding,
        "tlsSessionNew",
        |ctx: Ctx<'js>,
         context: u32,
         server: bool,
         servername: String,
         alpn: Value<'js>,
         flags: i32|
         -> Result<u32> {
            let sc = CONTEXTS
                .with(|c| c.borrow().get(&context).cloned())
                .ok_or_else(|| {
                    throw_type(
                        &ctx,
                        "ERR_TLS_INVALID_CONTEXT",
                        "context must be a SecureContext",
                    )
                })?;
            let alpn = byte_list(&alpn);
            let session = guarded(|| {
                if server {
                    new_server(&sc, flags & 1 != 0, flags & 2 != 0)
                } else {
                    new_client(&sc, &servername, alpn)
                }
            })
            .map_err(|e| throw_ssl(&ctx, e))?;
            let id = next_id();
            SESSIONS.with(|s| s.borrow_mut().insert(id, session));
            Ok(id)
        },
    )?;
    // tlsStart(id): the ciphertext to send first (a client's hello).
    set_fn(
        ctx,
        binding,
        "tlsStart",
        |ctx: Ctx<'js>, id: u32| -> Result<Value<'js>> {
            let out = with_session(id, |s| {
                guarded(|| Ok(take_output(&mut s.conn))).unwrap_or_default()
            })
            .ok_or_else(|| closed_session(&ctx))?;
            u8_array(&ctx, out)
        },
    )?;
    // tlsFeed(id, ciphertext) -> [ciphertext to send, plaintext received, flags, error|null];
    // flags: 1 the handshake is done, 2 the peer closed (close_notify).
    set_fn(
        ctx,
        binding,
        "tlsFeed",
        |ctx: Ctx<'js>, id: u32, data: Value<'js>| -> Result<Array<'js>> {
            let data = bytes_arg(&data)
                .ok_or_else(|| throw_type(&ctx, "ERR_INVALID_ARG_TYPE", "data must be bytes"))?;
            let fed = with_session(id, |s| {
                guarded(|| Ok(feed(s, &data))).unwrap_or_else(|e| Fed {
                    out: Vec::new(),
                    plain: Vec::new(),
                    handshake_done: false,
                    peer_closed: false,
                    error: Some(e),
                })
            })
            .ok_or_else(|| closed_session(&ctx))?;
            let a = Array::new(ctx.clone())?;
            a.set(0, u8_array(&ctx, fed.out)?)?;
            let plain = Array::new(ctx.clone())?;
            for (i, chunk) in fed.plain.into_iter().enumerate() {
                plain.set(i, u8_array(&ctx, chunk)?)?;
            }
            a.set(1, plain)?;
            a.set(
                2,
                i32::from(fed.handshake_done) | (i32::from(fed.peer_closed) << 1),
            )?;
            a.set(3, error_value(&ctx, fed.error)?)?;
            Ok(a)
        },
    )?;
    // tlsWrite(id, plaintext) -> the ciphertext to send.
    set_fn(
        ctx,
        binding,
        "tlsWrite",
        |ctx: Ctx<'js>, id: u32, data: Value<'js>| -> Result<Value<'js>> {
            let data = bytes_arg(&data)
                .ok_or_else(|| throw_type(&ctx, "ERR_INVALID_ARG_TYPE", "data must be bytes"))?;
            let out = with_session(id, |s| {
                guarded(|| {
                    if let Some(e) = &s.failed {
                        return Err(e.clone());
                    }
                    s.conn
                        .writer()
                        .write_all(&data)
                        .map_err(|_| ssl_error(0x44, "internal error"))?;
                    Ok(take_output(&mut s.conn))
                })
            })
            .ok_or_else(|| closed_session(&ctx))?;
            out.map_err(|e| throw_ssl(&ctx, e))
                .and_then(|b| u8_array(&ctx, b))
        },
    )?;
    // tlsEnd(id) -> the close_notify alert to send.
    set_fn(
        ctx,
        binding,
        "tlsEnd",
        |ctx: Ctx<'js>, id: u32| -> Result<Value<'js>> {
            let out = with_session(id, |s| {
                guarded(|| {
                    if !s.closed && s.failed.is_none() {
                        s.closed = true;
                        s.conn.send_close_notify();
                    }
                    Ok(take_output(&mut s.conn))
                })
                .unwrap_or_default()
            })
            .unwrap_or_default();
            u8_array(&ctx, out)
        },
    )?;
    // tlsInfo(id) -> [protocol, cipher name, cipher standard name, alpn|false, servername|false].
    set_fn(
        ctx,
        binding,
        "tlsInfo",
        |ctx: Ctx<'js>, id: u32| -> Result<Value<'js>> {
            let info = with_session(id, |s| {
                let protocol = s.conn.protocol_version().map(protocol_name);
                let cipher = s.conn.negotiated_cipher_suite().map(cipher_names);
                let alpn = s
                    .conn
                    .alpn_protocol()
                    .map(|p| String::from_utf8_lossy(p).into_owned());
                let sni = match &s.conn {
                    Connection::Server(c) => c.server_name().map(str::to_string),
                    Connection::Client(_) => None,
                };
                (protocol, cipher, alpn, sni)
            });
            let Some((protocol, cipher, alpn, sni)) = info else {
                return Ok(Value::new_undefined(ctx));
            };
            let a = Array::new(ctx.clone())?;
            a.set(0, protocol)?;
            let (name, standard) = cipher.unzip();
            a.set(1, name)?;
            a.set(2, standard)?;
            match alpn {
                Some(p) => a.set(3, p)?,
                None => a.set(3, false)?,
            }
            match sni {
                Some(n) => a.set(4, n)?,
                None => a.set(4, false)?,
            }
            Ok(a.into_value())
        },
    )?;
    // tlsPeerCertificates(id, detailed) -> the peer's chain, leaf first, as summaries
    // (tls_cert.rs); `detailed` adds the trusted issuer of the last one, as OpenSSL's verified
    // chain has it.
    set_fn(
        ctx,
        binding,
        "tlsPeerCertificates",
        |ctx: Ctx<'js>, id: u32, detailed: bool| -> Result<Array<'js>> {
            let ders: Vec<Vec<u8>> = with_session(id, |s| {
                let mut chain: Vec<Vec<u8>> = s
                    .conn
                    .peer_certificates()
                    .map(|c| c.iter().map(|d| d.to_vec()).collect())
                    .unwrap_or_default();
                if detailed {
                    let issuer = catch_unwind(AssertUnwindSafe(|| {
                        let last = chain.last()?;
                        match &s.trusted {
                            Some(ders) => tls_cert::find_issuer(last, ders.iter().map(|d| &d[..])),
                            None => {
                                let extra = default_trust().1;
                                tls_cert::find_issuer(
                                    last,
                                    webpki_root_certs::TLS_SERVER_ROOT_CERTS
                                        .iter()
                                        .map(|d| &d[..])
                                        .chain(extra.iter().map(|d| &d[..])),
                                )
                            }
                        }
                    }))
                    .ok()
                    .flatten();
                    chain.extend(issuer);
                }
                chain
            })
            .unwrap_or_default();
            let a = Array::new(ctx.clone())?;
            for (i, der) in ders.iter().enumerate() {
                let v = catch_unwind(AssertUnwindSafe(|| tls_cert::summary(&ctx, der)))
                    .unwrap_or_else(|_| Ok(Value::new_undefined(ctx.clone())))?;
                a.set(i, v)?;
            }
            Ok(a)
        },
    )?;
    // tlsVerifyError(id) -> null or [code, message] of the server's chain (a client's).
    set_fn(
        ctx,
        binding,
        "tlsVerifyError",
        |ctx: Ctx<'js>, id: u32| -> Result<Value<'js>> {
            let verdict = with_session(id, |s| s.outcome.lock().ok().and_then(|o| *o)).flatten();
            match verdict {
                Some(Some((code, message))) => {
                    let a = Array::new(ctx.clone())?;
                    a.set(0, code)?;
                    a.set(1, message)?;
                    Ok(a.into_value())
                }
                _ => Ok(Value::new_null(ctx)),
            }
        },
    )?;
    set_fn(ctx, binding, "tlsSessionFree", |id: u32| {
        SESSIONS.with(|s| s.borrow_mut().remove(&id));
    })?;
    // tlsRootCertificates() -> Mozilla's root certificates, DER (tls.rootCertificates).
    set_fn(
        ctx,
        binding,
        "tlsRootCertificates",
        |ctx: Ctx<'js>| -> Result<Array<'js>> {
            let a = Array::new(ctx.clone())?;
            for (i, der) in webpki_root_certs::TLS_SERVER_ROOT_CERTS.iter().enumerate() {
                a.set(i, u8_array(&ctx, der.to_vec())?)?;
            }
            Ok(a)
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tls/");
        std::fs::read(format!("{dir}{name}")).expect("fixture")
    }

    fn server_context() -> SecureContext {
        new_context(ContextOptions {
            keys: vec![fixture("server-key.pem")],
            certs: vec![fixture("server-cert.pem")],
            cas: None,
            min: 2,
            max: 3,
            alpn: Vec::new(),
        })
        .expect("context")
    }

    fn client_context() -> SecureContext {
        new_context(ContextOptions {
            keys: Vec::new(),
            certs: Vec::new(),
            cas: Some(vec![fixture("ca-cert.pem")]),
            min: 2,
            max: 3,
            alpn: Vec::new(),
        })
        .expect("context")
    }

    /// Bytes from a fixed-seed generator (xorshift), so a failure can be replayed.
    fn noise(seed: u64, len: usize) -> Vec<u8> {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    #[test]
    fn bad_pem_is_an_openssl_error() {
        let e = pem_key(b"garbage").unwrap_err();
        assert_eq!(e.0, "ERR_OSSL_UNSUPPORTED");
        let e = pem_certs(&[b"-----BEGIN CERTIFICATE-----\nnot base64!\n".to_vec()]).unwrap_err();
        assert_eq!(e.0, "ERR_OSSL_PEM_NO_START_LINE");
        let mismatch = new_context(ContextOptions {
            keys: vec![fixture("server-key.pem")],
            certs: vec![fixture("ca-cert.pem")],
            cas: None,
            min: 2,
            max: 3,
            alpn: Vec::new(),
        });
        assert_eq!(
            mismatch.err().map(|e| e.0),
            Some("ERR_OSSL_X509_KEY_VALUES_MISMATCH".to_string())
        );
    }

    #[test]
    fn handshake_in_memory_then_garbage() {
        let (sc, cc) = (server_context(), client_context());
        let mut server = new_server(&sc, false, false).expect("server");
        let mut client = new_client(&cc, "localhost", Vec::new()).expect("client");
        let mut to_server = take_output(&mut client.conn);
        for _ in 0..4 {
            let fed = feed(&mut server, &to_server);
            assert!(fed.error.is_none(), "{:?}", fed.error);
            let back = feed(&mut client, &fed.out);
            assert!(back.error.is_none(), "{:?}", back.error);
            to_server = back.out;
        }
        assert!(!server.conn.is_handshaking() && !client.conn.is_handshaking());
        assert_eq!(*client.outcome.lock().unwrap(), Some(None));
        client.conn.writer().write_all(b"ping").unwrap();
        let fed = feed(&mut server, &take_output(&mut client.conn));
        assert_eq!(fed.plain.concat(), b"ping");
        // Garbage from the peer is an error, every time after too; never a panic.
        let fed = feed(&mut server, &noise(7, 300));
        assert!(fed.error.is_some());
        assert!(feed(&mut server, b"more").error.is_some());
    }

    #[test]
    fn garbage_before_a_handshake_never_panics() {
        let (sc, cc) = (server_context(), client_context());
        for seed in 1..200u64 {
            let data = noise(seed, (seed as usize * 37) % 2000);
            let mut server = new_server(&sc, false, false).expect("server");
            let _ = feed(&mut server, &data);
            let mut client = new_client(&cc, "localhost", Vec::new()).expect("client");
            let _ = take_output(&mut client.conn);
            // A record header first, so the noise reaches the handshake parser.
            let mut record = vec![22, 3, 3, (data.len() >> 8) as u8, data.len() as u8];
            record.extend_from_slice(&data);
            let fed = feed(&mut client, &record);
            assert!(fed.error.is_some() || data.is_empty());
        }
    }
}
