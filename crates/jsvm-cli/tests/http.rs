//! Sockets and the `http` module of the `jsvm` command.
//!
//! 1. The cases of tests/http-cases/: each directory holds a program (main.js, run as
//!    `jsvm <abs path>` with the case directory as working directory) and what Node v20 did
//!    with it (expected.stdout, expected.stderr filtered, expected.code), recorded by
//!    tests/record-http.sh. stdout and the exit code must match exactly; stderr after the
//!    filter of tests/common/mod.rs (paths, pids, stack frames dropped). Every program talks to itself
//!    over 127.0.0.1 only, and bounds its work in count and time (a guard timer ends it).
//! 2. The test talking to a jsvm server directly over TCP: malformed requests get a 400 and the
//!    server goes on serving, keep-alive connections are reused, a port taken by this test gives
//!    EADDRINUSE, Ctrl-C (SIGINT) ends a serving process as it ends Node.

mod common;

use common::{exit_code, Output};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::Child;
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(60);

fn cases_dir() -> PathBuf {
    common::cases_dir("http-cases")
}

/// Waits for a child with the time limit, collecting its output.
fn finish(child: Child, what: &str) -> Output {
    common::finish(child, what, LIMIT)
}

fn check_case(name: &str) {
    let dir = cases_dir().join(name);
    let main = dir.join("main.js").to_string_lossy().into_owned();
    let child = common::spawn_jsvm(&[&main], Some(&dir));
    let out = finish(child, name);
    let expected = common::read_expected(&dir);
    let stderr = common::filter_stderr(&out.stderr, &dir.to_string_lossy());
    common::assert_case(name, &out, &stderr, &expected);
}

macro_rules! cases {
    ($($name:ident),* $(,)?) => {
        const CASES: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                check_case(stringify!($name));
            }
        )*
    };
}

cases!(
    many_requests,
    large_body,
    malformed,
    eaddrinuse,
    handler_throws,
    handler_throws_handled,
    keep_alive,
    messages,
    vm_context,
    unref_exit,
    pipe_echo,
    client_upgrade,
);

#[test]
fn every_case_has_a_test() {
    common::assert_all_cases_listed(
        &cases_dir(),
        CASES,
        "tests/http-cases and the list in http.rs disagree",
    );
}

// ---- talking to a jsvm server over TCP -------------------------------------------------------

/// A server program: answers `<method> <url> <body length>`, counts connections, closes on
/// /quit; prints its port first.
const SERVER: &str = r#"
const http = require('http');
let connections = 0;
const server = http.createServer((req, res) => {
  let n = 0;
  req.on('data', (c) => { n += c.length; });
  req.on('end', () => {
    if (req.url === '/quit') {
      res.end('bye');
      server.close();
      server.closeAllConnections();
      return;
    }
    res.setHeader('X-Connections', String(connections));
    res.end(`${req.method} ${req.url} ${n}`);
  });
});
server.on('connection', () => connections++);
setTimeout(() => { console.log('timed out'); process.exit(3); }, 50000).unref();
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
"#;

struct Server {
    child: common::Guarded,
    port: u16,
}

fn start_server(code: &str) -> Server {
    let mut child = common::Guarded::new(common::spawn_jsvm(&["-e", code], None));
    let mut line = String::new();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    reader.read_line(&mut line).expect("the server's port");
    let port: u16 = line
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("not a port: {line:?}"));
    child.stdout = None;
    // Keep reading (and dropping) the rest so the child never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut sink = Vec::new();
        let _ = reader.read_to_end(&mut sink);
    });
    Server { child, port }
}

fn connect(port: u16) -> TcpStream {
    let s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s
}

/// Reads one response with a Content-Length body: (status line, headers, body).
fn read_response(r: &mut BufReader<TcpStream>) -> (String, Vec<String>, String) {
    let mut status = String::new();
    r.read_line(&mut status).expect("status line");
    let mut headers = Vec::new();
    let mut len = 0usize;
    loop {
        let mut h = String::new();
        r.read_line(&mut h).expect("header line");
        let h = h.trim_end().to_string();
        if h.is_empty() {
            break;
        }
        if let Some(v) = h.to_ascii_lowercase().strip_prefix("content-length:") {
            len = v.trim().parse().unwrap();
        }
        headers.push(h);
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body).expect("body");
    (
        status.trim_end().to_string(),
        headers,
        String::from_utf8(body).unwrap(),
    )
}

fn read_to_close(mut s: TcpStream) -> String {
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn raw_tcp_malformed_requests_and_keep_alive() {
    let mut server = start_server(SERVER);
    let port = server.port;

    // Malformed requests: a 400 and the connection closes.
    for bad in [
        &b"NOT HTTP AT ALL\r\n\r\n"[..],
        b"GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n",
        b"\x00\x01\x02\x03\r\n\r\n",
    ] {
        let mut s = connect(port);
        s.write_all(bad).unwrap();
        let answer = read_to_close(s);
        assert_eq!(
            answer, "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n",
            "answer to {bad:?}"
        );
    }

    // Keep-alive: three requests on one connection, one after the other, then two pipelined.
    let s = connect(port);
    let mut w = s.try_clone().unwrap();
    let mut r = BufReader::new(s);
    let mut seen_connections = Vec::new();
    for i in 0..3 {
        let body = "x".repeat(i * 10);
        write!(
            w,
            "POST /k{i} HTTP/1.1\r\nHost: t\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let (status, headers, body) = read_response(&mut r);
        assert_eq!(status, "HTTP/1.1 200 OK");
        assert_eq!(body, format!("POST /k{i} {}", i * 10));
        assert!(
            headers.iter().any(|h| h == "Connection: keep-alive"),
            "{headers:?}"
        );
        seen_connections.push(
            headers
                .iter()
                .find_map(|h| h.strip_prefix("X-Connections: ").map(String::from))
                .unwrap(),
        );
    }
    // The same connection served all three.
    assert!(
        seen_connections.windows(2).all(|w| w[0] == w[1]),
        "{seen_connections:?}"
    );
    w.write_all(b"GET /p1 HTTP/1.1\r\nHost: t\r\n\r\nGET /p2 HTTP/1.1\r\nHost: t\r\n\r\n")
        .unwrap();
    assert_eq!(read_response(&mut r).2, "GET /p1 0");
    assert_eq!(read_response(&mut r).2, "GET /p2 0");
    // A chunked request body.
    w.write_all(b"PUT /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n3\r\nefg\r\n0\r\n\r\n")
        .unwrap();
    assert_eq!(read_response(&mut r).2, "PUT /c 7");

    // A request split into many small writes still parses.
    let mut s2 = connect(port);
    for b in b"GET /slow HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n" {
        s2.write_all(&[*b]).unwrap();
        s2.flush().unwrap();
    }
    let text = read_to_close(s2);
    assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
    assert!(text.contains("Connection: close\r\n"), "{text}");
    assert!(text.ends_with("GET /slow 0"), "{text}");

    // A client that goes away mid-request does not disturb the server.
    let mut s3 = connect(port);
    s3.write_all(b"POST /gone HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nabc")
        .unwrap();
    s3.shutdown(Shutdown::Both).unwrap();
    drop(s3);

    // /quit closes the server and its connections: the process ends by itself, exit 0.
    let mut q = connect(port);
    q.write_all(b"GET /quit HTTP/1.1\r\nHost: t\r\n\r\n")
        .unwrap();
    let text = read_to_close(q);
    assert!(text.ends_with("bye"), "{text}");
    drop(w);
    drop(r);
    let start = Instant::now();
    let status = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s;
        }
        assert!(
            start.elapsed() < LIMIT,
            "the server did not exit after close"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    let mut err = String::new();
    server
        .child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(exit_code(status), 0, "stderr: {err}");
}

#[test]
fn port_in_use_gives_eaddrinuse() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    // Handled: an 'error' event with Node's properties.
    let code = format!(
        "const s = require('http').createServer(); \
         s.on('error', (e) => console.log(e.code, e.errno, e.syscall, e.address, e.port, e.message)); \
         s.listen({port}, '127.0.0.1');"
    );
    let child = common::spawn_jsvm(&["-e", &code], None);
    let out = finish(child, "eaddrinuse (handled)");
    assert_eq!(
        out.stdout,
        format!(
            "EADDRINUSE -98 listen 127.0.0.1 {port} listen EADDRINUSE: address already in use 127.0.0.1:{port}\n"
        )
    );
    assert_eq!(out.code, 0);
    // Unhandled: an uncaught error, exit code 1.
    let code = format!("require('http').createServer().listen({port}, '127.0.0.1');");
    let child = common::spawn_jsvm(&["-e", &code], None);
    let out = finish(child, "eaddrinuse (unhandled)");
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains(&format!(
            "Error: listen EADDRINUSE: address already in use 127.0.0.1:{port}\n"
        )),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("code: 'EADDRINUSE'"), "{}", out.stderr);
    drop(taken);
}

#[test]
fn sigint_ends_a_serving_process() {
    let server = start_server(SERVER);
    // It serves...
    let mut s = connect(server.port);
    s.write_all(b"GET /x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        .unwrap();
    assert!(read_to_close(s).ends_with("GET /x 0"));
    // ...until Ctrl-C, which ends it as a signal ends Node (no listener: killed by SIGINT).
    unsafe { libc::kill(server.child.id() as i32, libc::SIGINT) };
    let out = finish(server.child.take(), "sigint");
    assert_eq!(out.code, 130, "stderr: {}", out.stderr);
}
