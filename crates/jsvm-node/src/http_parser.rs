//! HTTP/1.x message parsing for the `http` module: message heads by `httparse`, bodies framed
//! by Content-Length, chunked transfer coding or the end of the connection. It runs on a
//! socket's reads in Rust (as Node's llhttp consumes a socket's handle directly), and reports
//! what JavaScript needs: a head, body chunks, the end of a message, or an error with
//! llhttp's code.

/// What one `execute` found, in order.
#[derive(Debug, PartialEq)]
pub(crate) enum ParseEvent {
    Head(Head),
    Body(Vec<u8>),
    /// The end of a message, with its trailer fields (names and values alternating, as
    /// `Head::raw_headers`; empty unless a chunked body sent some).
    Complete(Vec<String>),
    Error {
        code: &'static str,
        reason: &'static str,
    },
}

/// A parsed message head.
#[derive(Debug, PartialEq)]
pub(crate) struct Head {
    /// Request method (empty for a response).
    pub method: String,
    /// Request target (empty for a response).
    pub url: String,
    /// Response status (0 for a request).
    pub status: u16,
    /// Response reason phrase.
    pub reason: String,
    pub version_minor: u8,
    /// Names and values as sent, alternating (values as latin1 text, as Node reads them).
    pub raw_headers: Vec<String>,
    pub keep_alive: bool,
    pub upgrade: bool,
}

#[derive(Debug)]
enum State {
    Head,
    Length(u64),
    ChunkSize,
    ChunkData(u64),
    ChunkDataEnd,
    Trailers,
    UntilClose,
    /// After an upgrade (or a CONNECT): the rest of the bytes are not HTTP.
    Upgraded,
    Failed,
}

/// Node's default `--max-http-header-size`.
pub(crate) const MAX_HEADER_SIZE: usize = 16 * 1024;

pub(crate) struct Parser {
    response: bool,
    buf: Vec<u8>,
    state: State,
    /// The request this response answers was a HEAD (no body whatever the headers say).
    pub expect_no_body: bool,
}

/// The trailer section `buf` (fields, then the empty line) as names and values alternating.
fn parse_trailers(buf: &[u8]) -> Result<Vec<String>, ParseEvent> {
    let mut count = 16;
    loop {
        let mut headers = vec![httparse::EMPTY_HEADER; count];
        match httparse::parse_headers(buf, &mut headers) {
            Ok(httparse::Status::Complete((_, fields))) => {
                let mut out = Vec::with_capacity(fields.len() * 2);
                for h in fields {
                    out.push(h.name.to_string());
                    out.push(latin1(h.value));
                }
                return Ok(out);
            }
            Err(httparse::Error::TooManyHeaders) if count < 4096 => count *= 8,
            Err(httparse::Error::HeaderValue) => {
                return Err(error(
                    "HPE_INVALID_HEADER_TOKEN",
                    "Invalid header value char",
                ))
            }
            Ok(httparse::Status::Partial) | Err(_) => {
                return Err(error("HPE_INVALID_HEADER_TOKEN", "Invalid header token"))
            }
        }
    }
}

fn latin1(b: &[u8]) -> String {
    if b.is_ascii() {
        // SAFETY: ASCII is UTF-8.
        return unsafe { String::from_utf8_unchecked(b.to_vec()) };
    }
    b.iter().map(|&c| c as char).collect()
}

fn has_token(value: &[u8], token: &str) -> bool {
    value
        .split(|&c| c == b',')
        .any(|t| t.trim_ascii().eq_ignore_ascii_case(token.as_bytes()))
}

fn error(code: &'static str, reason: &'static str) -> ParseEvent {
    ParseEvent::Error { code, reason }
}

impl Parser {
    pub(crate) fn new(response: bool) -> Parser {
        Parser {
            response,
            buf: Vec::new(),
            state: State::Head,
            expect_no_body: false,
        }
    }

    /// Whether the parser is between messages with nothing buffered.
    pub(crate) fn idle(&self) -> bool {
        matches!(self.state, State::Head) && self.buf.is_empty()
    }

    /// Bytes received after an upgrade (they belong to the new protocol).
    pub(crate) fn take_rest(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.buf)
    }

    /// The connection ended: a body that runs to the end of the connection is complete.
    pub(crate) fn finish(&mut self, out: &mut Vec<ParseEvent>) {
        if let State::UntilClose = self.state {
            out.push(ParseEvent::Complete(Vec::new()));
            self.state = State::Head;
        }
    }

    /// Parses `data` (appended to what is buffered), pushing what it found onto `out`.
    pub(crate) fn execute(&mut self, data: &[u8], out: &mut Vec<ParseEvent>) {
        if matches!(self.state, State::Failed) {
            return;
        }
        if matches!(self.state, State::Upgraded) {
            self.buf.extend_from_slice(data);
            return;
        }
        // Body bytes with nothing buffered go straight out, without a copy into `buf`.
        let mut pos = 0;
        let owned;
        let input: &[u8] = if self.buf.is_empty() {
            data
        } else {
            self.buf.extend_from_slice(data);
            owned = std::mem::take(&mut self.buf);
            &owned
        };
        let mut body: Vec<u8> = Vec::new();
        let flush_body = |body: &mut Vec<u8>, out: &mut Vec<ParseEvent>| {
            if !body.is_empty() {
                out.push(ParseEvent::Body(std::mem::take(body)));
            }
        };
        loop {
            let rest = &input[pos..];
            match self.state {
                State::Head => {
                    // Empty lines before a request line are skipped, as llhttp does.
                    if !self.response {
                        let skip = rest
                            .iter()
                            .take_while(|&&c| c == b'\r' || c == b'\n')
                            .count();
                        if skip > 0 {
                            pos += skip;
                            continue;
                        }
                    }
                    if rest.is_empty() {
                        break;
                    }
                    match self.parse_head(rest) {
                        Ok(Some((n, head))) => {
                            pos += n;
                            let upgrade = head.upgrade;
                            out.push(ParseEvent::Head(head));
                            if upgrade {
                                self.state = State::Upgraded;
                                self.buf = input[pos..].to_vec();
                                return;
                            }
                            if let State::Head = self.state {
                                out.push(ParseEvent::Complete(Vec::new()));
                            }
                        }
                        Ok(None) => {
                            if rest.len() > MAX_HEADER_SIZE {
                                out.push(error("HPE_HEADER_OVERFLOW", "Header overflow"));
                                self.state = State::Failed;
                                return;
                            }
                            break;
                        }
                        Err(e) => {
                            out.push(e);
                            self.state = State::Failed;
                            return;
                        }
                    }
                }
                State::Length(left) => {
                    if rest.is_empty() {
                        break;
                    }
                    let n = (left.min(rest.len() as u64)) as usize;
                    body.extend_from_slice(&rest[..n]);
                    pos += n;
                    if left == n as u64 {
                        flush_body(&mut body, out);
                        out.push(ParseEvent::Complete(Vec::new()));
                        self.state = State::Head;
                    } else {
                        self.state = State::Length(left - n as u64);
                    }
                }
                State::UntilClose => {
                    body.extend_from_slice(rest);
                    pos = input.len();
                    break;
                }
                State::ChunkSize => match httparse::parse_chunk_size(rest) {
                    Ok(httparse::Status::Complete((n, size))) => {
                        pos += n;
                        self.state = if size == 0 {
                            State::Trailers
                        } else {
                            State::ChunkData(size)
                        };
                    }
                    Ok(httparse::Status::Partial) => {
                        if rest.len() > 1024 {
                            out.push(error(
                                "HPE_INVALID_CHUNK_SIZE",
                                "Invalid character in chunk size",
                            ));
                            self.state = State::Failed;
                            return;
                        }
                        break;
                    }
                    Err(_) => {
                        flush_body(&mut body, out);
                        out.push(error(
                            "HPE_INVALID_CHUNK_SIZE",
                            "Invalid character in chunk size",
                        ));
                        self.state = State::Failed;
                        return;
                    }
                },
                State::ChunkData(left) => {
                    if rest.is_empty() {
                        break;
                    }
                    let n = (left.min(rest.len() as u64)) as usize;
                    body.extend_from_slice(&rest[..n]);
                    pos += n;
                    self.state = if left == n as u64 {
                        State::ChunkDataEnd
                    } else {
                        State::ChunkData(left - n as u64)
                    };
                }
                State::ChunkDataEnd => {
                    if rest.is_empty() || rest == b"\r" {
                        break;
                    }
                    if !rest.starts_with(b"\r\n") {
                        flush_body(&mut body, out);
                        out.push(error("HPE_STRICT", "Expected LF after chunk data"));
                        self.state = State::Failed;
                        return;
                    }
                    pos += 2;
                    self.state = State::ChunkSize;
                }
                State::Trailers => {
                    // Trailer fields up to an empty line (req.trailers, res.trailers).
                    if rest.starts_with(b"\r\n") {
                        pos += 2;
                        flush_body(&mut body, out);
                        out.push(ParseEvent::Complete(Vec::new()));
                        self.state = State::Head;
                        continue;
                    }
                    match rest.windows(4).position(|w| w == b"\r\n\r\n") {
                        Some(i) => {
                            let trailers = match parse_trailers(&rest[..i + 4]) {
                                Ok(t) => t,
                                Err(e) => {
                                    out.push(e);
                                    self.state = State::Failed;
                                    return;
                                }
                            };
                            pos += i + 4;
                            flush_body(&mut body, out);
                            out.push(ParseEvent::Complete(trailers));
                            self.state = State::Head;
                        }
                        None => {
                            if rest.len() > MAX_HEADER_SIZE {
                                out.push(error("HPE_HEADER_OVERFLOW", "Header overflow"));
                                self.state = State::Failed;
                                return;
                            }
                            break;
                        }
                    }
                }
                State::Upgraded | State::Failed => break,
            }
        }
        flush_body(&mut body, out);
        if pos < input.len() {
            self.buf = input[pos..].to_vec();
        }
    }

    /// Parses a head at the start of `buf`: its length and the head, `None` if incomplete.
    /// Sets the body state that follows.
    fn parse_head(&mut self, buf: &[u8]) -> Result<Option<(usize, Head)>, ParseEvent> {
        let mut count = 64;
        loop {
            let mut headers = vec![httparse::EMPTY_HEADER; count];
            let parsed = if self.response {
                let mut res = httparse::Response::new(&mut headers);
                match res.parse(buf) {
                    Ok(httparse::Status::Complete(n)) => Ok(Some((
                        n,
                        String::new(),
                        String::new(),
                        res.code.unwrap_or(0),
                        res.reason.unwrap_or("").to_string(),
                        res.version.unwrap_or(1),
                        res.headers.len(),
                    ))),
                    Ok(httparse::Status::Partial) => Ok(None),
                    Err(e) => Err(e),
                }
            } else {
                let mut req = httparse::Request::new(&mut headers);
                match req.parse(buf) {
                    Ok(httparse::Status::Complete(n)) => Ok(Some((
                        n,
                        req.method.unwrap_or("").to_string(),
                        req.path.unwrap_or("").to_string(),
                        0,
                        String::new(),
                        req.version.unwrap_or(1),
                        req.headers.len(),
                    ))),
                    Ok(httparse::Status::Partial) => Ok(None),
                    Err(e) => Err(e),
                }
            };
            let (n, method, url, status, reason, minor, nh) = match parsed {
                Ok(Some(p)) => p,
                Ok(None) => return Ok(None),
                Err(httparse::Error::TooManyHeaders) if count < 4096 => {
                    count *= 8;
                    continue;
                }
                Err(e) => {
                    return Err(match e {
                        httparse::Error::HeaderName => {
                            error("HPE_INVALID_HEADER_TOKEN", "Invalid header token")
                        }
                        httparse::Error::HeaderValue => {
                            error("HPE_INVALID_HEADER_TOKEN", "Invalid header value char")
                        }
                        httparse::Error::NewLine => error("HPE_LF_EXPECTED", "Expected LF"),
                        httparse::Error::Status => {
                            error("HPE_INVALID_STATUS", "Invalid status code")
                        }
                        httparse::Error::Token if self.response => {
                            error("HPE_INVALID_CONSTANT", "Expected HTTP/")
                        }
                        httparse::Error::Token => {
                            error("HPE_INVALID_METHOD", "Invalid method encountered")
                        }
                        httparse::Error::TooManyHeaders => {
                            error("HPE_HEADER_OVERFLOW", "Header overflow")
                        }
                        httparse::Error::Version => {
                            error("HPE_INVALID_VERSION", "Invalid HTTP version")
                        }
                    })
                }
            };
            if !self.response && !crate::http_parser::known_method(&method) {
                return Err(error("HPE_INVALID_METHOD", "Invalid method encountered"));
            }
            if n > MAX_HEADER_SIZE {
                return Err(error("HPE_HEADER_OVERFLOW", "Header overflow"));
            }
            let headers = &headers[..nh];
            let mut raw_headers = Vec::with_capacity(nh * 2);
            let mut chunked = false;
            let mut has_te = false;
            let mut length: Option<u64> = None;
            let mut conn_close = false;
            let mut conn_keep_alive = false;
            let mut conn_upgrade = false;
            let mut has_upgrade = false;
            for h in headers {
                let name = h.name;
                let value = h.value;
                if name.eq_ignore_ascii_case("content-length") {
                    let v = value.trim_ascii();
                    let parsed = std::str::from_utf8(v)
                        .ok()
                        .filter(|s| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()))
                        .and_then(|s| s.parse::<u64>().ok());
                    match (parsed, length) {
                        (None, _) => {
                            return Err(error(
                                "HPE_INVALID_CONTENT_LENGTH",
                                "Invalid character in Content-Length",
                            ))
                        }
                        (Some(_), Some(_)) => {
                            return Err(error(
                                "HPE_UNEXPECTED_CONTENT_LENGTH",
                                "Duplicate Content-Length",
                            ))
                        }
                        (Some(l), None) => length = Some(l),
                    }
                } else if name.eq_ignore_ascii_case("transfer-encoding") {
                    has_te = true;
                    // Chunked must be the last coding.
                    chunked = value
                        .split(|&c| c == b',')
                        .next_back()
                        .is_some_and(|t| t.trim_ascii().eq_ignore_ascii_case(b"chunked"));
                } else if name.eq_ignore_ascii_case("connection") {
                    conn_close |= has_token(value, "close");
                    conn_keep_alive |= has_token(value, "keep-alive");
                    conn_upgrade |= has_token(value, "upgrade");
                } else if name.eq_ignore_ascii_case("upgrade") {
                    has_upgrade = true;
                }
                raw_headers.push(name.to_string());
                raw_headers.push(latin1(value));
            }
            if has_te && length.is_some() {
                return Err(error(
                    "HPE_UNEXPECTED_CONTENT_LENGTH",
                    "Content-Length can't be present with Transfer-Encoding",
                ));
            }
            let mut keep_alive = if minor >= 1 {
                !conn_close
            } else {
                conn_keep_alive && !conn_close
            };
            let upgrade;
            if self.response {
                upgrade = status == 101;
                let no_body = self.expect_no_body
                    || (100..200).contains(&status)
                    || status == 204
                    || status == 304;
                self.state = if no_body || upgrade {
                    State::Head
                } else if has_te && chunked {
                    State::ChunkSize
                } else if let Some(l) = length {
                    if l == 0 {
                        State::Head
                    } else {
                        State::Length(l)
                    }
                } else {
                    keep_alive = false;
                    State::UntilClose
                };
            } else {
                upgrade = method == "CONNECT" || (conn_upgrade && has_upgrade);
                self.state = if has_te {
                    if !chunked {
                        return Err(error(
                            "HPE_INVALID_TRANSFER_ENCODING",
                            "Request has invalid `Transfer-Encoding`",
                        ));
                    }
                    State::ChunkSize
                } else {
                    match length {
                        Some(l) if l > 0 => State::Length(l),
                        _ => State::Head,
                    }
                };
            }
            return Ok(Some((
                n,
                Head {
                    method,
                    url,
                    status,
                    reason,
                    version_minor: minor,
                    raw_headers,
                    keep_alive,
                    upgrade,
                },
            )));
        }
    }
}

/// The methods llhttp accepts (Node's `http.METHODS`).
pub(crate) const METHODS: &[&str] = &[
    "ACL",
    "BIND",
    "CHECKOUT",
    "CONNECT",
    "COPY",
    "DELETE",
    "GET",
    "HEAD",
    "LINK",
    "LOCK",
    "M-SEARCH",
    "MERGE",
    "MKACTIVITY",
    "MKCALENDAR",
    "MKCOL",
    "MOVE",
    "NOTIFY",
    "OPTIONS",
    "PATCH",
    "POST",
    "PROPFIND",
    "PROPPATCH",
    "PURGE",
    "PUT",
    "QUERY",
    "REBIND",
    "REPORT",
    "SEARCH",
    "SOURCE",
    "SUBSCRIBE",
    "TRACE",
    "UNBIND",
    "UNLINK",
    "UNLOCK",
    "UNSUBSCRIBE",
];

pub(crate) fn known_method(m: &str) -> bool {
    METHODS.contains(&m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(p: &mut Parser, chunks: &[&[u8]]) -> Vec<ParseEvent> {
        let mut out = Vec::new();
        for c in chunks {
            p.execute(c, &mut out);
        }
        out
    }

    #[test]
    fn request_with_length_in_pieces() {
        let mut p = Parser::new(false);
        let out = run(
            &mut p,
            &[
                b"POST /x HTTP/1.1\r\nHost: a\r\nContent-Le",
                b"ngth: 5\r\n\r\nhe",
                b"llo",
            ],
        );
        assert!(
            matches!(&out[0], ParseEvent::Head(h) if h.method == "POST" && h.url == "/x" && h.keep_alive)
        );
        assert_eq!(out[1], ParseEvent::Body(b"he".to_vec()));
        assert_eq!(out[2], ParseEvent::Body(b"llo".to_vec()));
        assert_eq!(out[3], ParseEvent::Complete(Vec::new()));
        assert!(p.idle());
    }

    #[test]
    fn chunked_and_pipelined() {
        let mut p = Parser::new(false);
        let out = run(
            &mut p,
            &[b"PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nT: 1\r\n\r\nGET /b HTTP/1.0\r\n\r\n"],
        );
        assert_eq!(out[1], ParseEvent::Body(b"abcde".to_vec()));
        // The trailer section's fields come with the end of the message.
        assert_eq!(
            out[2],
            ParseEvent::Complete(vec!["T".to_string(), "1".to_string()])
        );
        assert!(
            matches!(&out[3], ParseEvent::Head(h) if h.url == "/b" && !h.keep_alive && h.version_minor == 0)
        );
        assert_eq!(out[4], ParseEvent::Complete(Vec::new()));
    }

    #[test]
    fn bad_requests() {
        let mut p = Parser::new(false);
        let out = run(&mut p, &[b"GARBAGE\r\n\r\n"]);
        assert!(matches!(out[0], ParseEvent::Error { .. }));
        let mut p = Parser::new(false);
        let out = run(&mut p, &[b"GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n"]);
        assert!(matches!(
            out[0],
            ParseEvent::Error {
                code: "HPE_INVALID_CONTENT_LENGTH",
                ..
            }
        ));
    }

    #[test]
    fn response_until_close() {
        let mut p = Parser::new(true);
        let mut out = run(&mut p, &[b"HTTP/1.1 200 OK\r\nX: y\r\n\r\nabc"]);
        p.finish(&mut out);
        assert!(
            matches!(&out[0], ParseEvent::Head(h) if h.status == 200 && h.reason == "OK" && !h.keep_alive)
        );
        assert_eq!(out[1], ParseEvent::Body(b"abc".to_vec()));
        assert_eq!(out[2], ParseEvent::Complete(Vec::new()));
    }
}
