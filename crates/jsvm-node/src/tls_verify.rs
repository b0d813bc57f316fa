//! The client's check of the server's certificate chain, as Node does it: the handshake never
//! fails on the chain (OpenSSL runs with SSL_VERIFY_NONE in Node's client); the outcome is kept
//! and `verifyError()` hands it to JavaScript after the handshake, which then checks the host
//! name (`tls.checkServerIdentity`) and destroys the socket when `rejectUnauthorized` says so.
//! Chain errors carry OpenSSL's code and message (`DEPTH_ZERO_SELF_SIGNED_CERT`,
//! `self-signed certificate`, ...). The handshake's own signatures are verified as always.
//! A server that asks for client certificates (`requestCert`) checks them the same way: the
//! handshake goes on, and JavaScript decides after it (`rejectUnauthorized`), as Node's does.

use std::sync::{Arc, Mutex};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{CertificateError, DigitallySignedStruct, Error, RootCertStore, SignatureScheme};

use crate::tls_cert;

/// An OpenSSL verification error: (code, message).
pub(crate) type VerifyError = (&'static str, &'static str);

/// The outcome of the chain check of one connection (None until the server's certificate came,
/// then `Some(None)` when the chain is trusted).
pub(crate) type Outcome = Arc<Mutex<Option<Option<VerifyError>>>>;

#[derive(Debug)]
pub(crate) struct ChainCheck {
    pub(crate) roots: Arc<RootCertStore>,
    /// The certificates of the `ca` option, as given: a self-signed certificate among them is
    /// trusted as the server's own, as OpenSSL trusts it (webpki wants a CA above the leaf).
    pub(crate) ca_ders: Vec<Vec<u8>>,
    pub(crate) algorithms: WebPkiSupportedAlgorithms,
    pub(crate) outcome: Outcome,
    /// A server's check of client certificates: webpki's (client usage), and whether a client
    /// without one fails the handshake.
    pub(crate) clients: Option<(Arc<dyn ClientCertVerifier>, bool)>,
}

const SELF_SIGNED: VerifyError = ("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate");
const SELF_SIGNED_IN_CHAIN: VerifyError = (
    "SELF_SIGNED_CERT_IN_CHAIN",
    "self-signed certificate in certificate chain",
);
const LEAF_UNVERIFIED: VerifyError = (
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "unable to verify the first certificate",
);
const NO_LOCAL_ISSUER: VerifyError = (
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "unable to get local issuer certificate",
);
const EXPIRED: VerifyError = ("CERT_HAS_EXPIRED", "certificate has expired");
const NOT_YET_VALID: VerifyError = ("CERT_NOT_YET_VALID", "certificate is not yet valid");

/// The time validity of one certificate as OpenSSL reports it.
fn check_time(der: &[u8], now: UnixTime) -> Option<VerifyError> {
    let (from, to) = tls_cert::validity(der)?;
    let now = now.as_secs() as i64;
    if now < from {
        Some(NOT_YET_VALID)
    } else if now > to {
        Some(EXPIRED)
    } else {
        None
    }
}

impl ChainCheck {
    fn check(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Option<VerifyError> {
        if self.ca_ders.iter().any(|c| c[..] == end_entity[..]) {
            return check_time(end_entity, now);
        }
        // OpenSSL meets an untrusted self-signed certificate before anything else about it.
        if tls_cert::is_self_issued(end_entity) {
            return Some(if intermediates.is_empty() {
                SELF_SIGNED
            } else {
                SELF_SIGNED_IN_CHAIN
            });
        }
        let parsed = match rustls::server::ParsedCertificate::try_from(end_entity) {
            Ok(p) => p,
            Err(_) => return Some(("CERT_REJECTED", "certificate rejected")),
        };
        let result = match &self.clients {
            Some((verifier, _)) => verifier
                .verify_client_cert(end_entity, intermediates, now)
                .map(|_| ()),
            None => rustls::client::verify_server_cert_signed_by_trust_anchor(
                &parsed,
                &self.roots,
                intermediates,
                now,
                self.algorithms.all,
            ),
        };
        let Err(err) = result else { return None };
        Some(match err {
            Error::InvalidCertificate(e) => match e {
                CertificateError::UnknownIssuer => {
                    let top_self_signed = intermediates
                        .last()
                        .is_some_and(|c| tls_cert::is_self_issued(c));
                    if top_self_signed {
                        SELF_SIGNED_IN_CHAIN
                    } else if intermediates.is_empty() {
                        LEAF_UNVERIFIED
                    } else {
                        NO_LOCAL_ISSUER
                    }
                }
                CertificateError::Expired | CertificateError::ExpiredContext { .. } => EXPIRED,
                CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                    NOT_YET_VALID
                }
                CertificateError::Revoked => ("CERT_REVOKED", "certificate revoked"),
                CertificateError::BadSignature => {
                    ("CERT_SIGNATURE_FAILURE", "certificate signature failure")
                }
                CertificateError::InvalidPurpose
                | CertificateError::InvalidPurposeContext { .. } => {
                    ("INVALID_PURPOSE", "unsupported certificate purpose")
                }
                _ => ("CERT_REJECTED", "certificate rejected"),
            },
            _ => ("CERT_REJECTED", "certificate rejected"),
        })
    }

    /// Checks the peer's chain and keeps the verdict for JavaScript to judge after the
    /// handshake (as Node's client does); the handshake itself goes on.
    fn record(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) {
        let verdict = self.check(end_entity, intermediates, now);
        if let Ok(mut o) = self.outcome.lock() {
            *o = Some(verdict);
        }
    }
}

impl ServerCertVerifier for ChainCheck {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        self.record(end_entity, intermediates, now);
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

impl ClientCertVerifier for ChainCheck {
    fn root_hint_subjects(&self) -> &[rustls::DistinguishedName] {
        &[]
    }

    fn client_auth_mandatory(&self) -> bool {
        self.clients
            .as_ref()
            .is_some_and(|(_, mandatory)| *mandatory)
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Result<ClientCertVerified, Error> {
        self.record(end_entity, intermediates, now);
        Ok(ClientCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}
