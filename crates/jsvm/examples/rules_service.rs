//! A rules service: each tenant has a rule (a few lines of JavaScript), and each request runs
//! its tenant's rule in a fresh context whose globals are the request's JSON, on a
//! `RuntimePool`, awaited from async code (tokio + hyper) with a deadline per request.
//!
//! ```text
//! cargo run --release --example rules_service -- --port 8080 --workers 2
//! curl -d '{"user":{"id":"u1","age":30,"tier":"gold","country":"FR"},
//!           "cart":{"items":[{"price":10,"qty":2}],"coupon":"SAVE5"}}' localhost:8080/rules/shop
//! {"allowed":true,"country":"FR","discount":0.15,"total":17}
//! ```
//!
//! `POST /rules/<tenant>` answers the rule's result as JSON: 200; 404 for an unknown tenant;
//! 400 for a body that is not a JSON object; 422 when the rule threw; 504 past the deadline
//! (which covers the time a rule spends awaiting the host's futures); 503 when the pool's
//! queue is full. `GET /metrics` answers the pool's queue length and busy workers.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::{Method, Request, Response, StatusCode};
use jsvm::{Error, JobLimits, RunOptions, Runtime, RuntimePool, Script};
use tokio::net::TcpListener;

/// The `shop` tenant's rule: the one the service benchmark runs (bench/service/rule.js, given
/// with `--rule-file`, the same text under node).
pub const SHOP_RULE: &str = r#"
const total = cart.items.reduce((sum, item) => sum + item.price * item.qty, 0);
let discount = 0;
if (user.tier === 'gold') discount += 0.1;
if (cart.coupon === 'SAVE5') discount += 0.05;
const restricted = cart.items.some(item => item.adult) && user.age < 18;
const result = restricted
  ? { allowed: false, reason: 'age' }
  : { allowed: true, total: Math.round(total * (1 - discount) * 100) / 100,
      discount: Math.round(discount * 100) / 100, country: user.country };
result;
"#;

/// A rule that asks the host (an async lookup) before answering.
const QUOTA_RULE: &str = r#"
(async () => {
  const left = await remaining(user.id);
  return left > 0 ? { allowed: true, left: left - 1 } : { allowed: false, reason: 'quota' };
})()
"#;

/// Request bodies larger than this are refused.
const MAX_BODY: usize = 64 << 10;

/// One tenant's rule, compiled once and run in every worker's runtime.
struct Rule {
    script: Script,
    /// Whether the rule's context gets the async `remaining(userId)` host function.
    uses_quota: bool,
}

/// What the service shares between connections.
pub struct Service {
    pool: RuntimePool,
    rules: HashMap<String, Rule>,
    /// The deadline of one request's rule, host waits included.
    deadline: JobLimits,
    /// The tokio runtime that runs the host's own futures (the quota store's lookups).
    io: tokio::runtime::Handle,
}

impl Service {
    /// The demo tenants: `shop` (the benchmark's rule), `quota` (awaits a host lookup),
    /// `spin` (never ends: stopped by the deadline).
    pub fn new(
        workers: usize,
        shop_rule: &str,
        io: tokio::runtime::Handle,
    ) -> Result<Service, Error> {
        let pool =
            RuntimePool::with_capacity(workers, Runtime::builder().memory_limit(64 << 20), 1024)?;
        let rule = |source: &str, uses_quota| Rule {
            script: Script::lazy(source, Default::default()),
            uses_quota,
        };
        let rules = HashMap::from([
            ("shop".to_string(), rule(shop_rule, false)),
            ("quota".to_string(), rule(QUOTA_RULE, true)),
            ("spin".to_string(), rule("while (true) {}", false)),
        ]);
        Ok(Service {
            pool,
            rules,
            deadline: JobLimits {
                timeout_ms: Some(100),
                ..Default::default()
            },
            io,
        })
    }

    /// Runs `tenant`'s rule on `input` (the request's JSON) in a fresh context.
    async fn run_rule(&self, tenant: &str, input: serde_json::Value) -> (StatusCode, String) {
        let Some(rule) = self.rules.get(tenant) else {
            return (StatusCode::NOT_FOUND, error_json("no such tenant"));
        };
        if !input.is_object() {
            return (
                StatusCode::BAD_REQUEST,
                error_json("the body must be a JSON object"),
            );
        }
        let script = rule.script.clone();
        let uses_quota = rule.uses_quota;
        let io = self.io.clone();
        let job = self.pool.try_run_async(self.deadline.clone(), move |rt| {
            let ctx = rt.new_context(&input, Default::default())?;
            if uses_quota {
                ctx.register_async("remaining", move |(user,): (String,)| {
                    // The lookup runs on tokio; the rule awaits its handle.
                    let lookup = io.spawn(quota_store_lookup(user));
                    async move { lookup.await.map_err(|e| e.to_string()) }
                })?;
            }
            ctx.run_settled::<serde_json::Value>(&script, &RunOptions::default())
        });
        // Dropping the future (the client went away) cancels the job.
        let outcome = match job {
            Ok(job) => job.await.and_then(|r| r),
            Err(e) => Err(e),
        };
        match outcome {
            Ok(value) => (StatusCode::OK, value.to_string()),
            Err(e @ (Error::Timeout { .. } | Error::Interrupted)) => {
                (StatusCode::GATEWAY_TIMEOUT, error_json(&e.to_string()))
            }
            Err(Error::QueueFull) => (StatusCode::SERVICE_UNAVAILABLE, error_json("busy")),
            Err(e @ (Error::Thrown(_) | Error::Unsettled)) => {
                (StatusCode::UNPROCESSABLE_ENTITY, error_json(&e.to_string()))
            }
            Err(e) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                error_json(&e.to_string()),
            ),
        }
    }

    async fn handle(&self, req: Request<Incoming>) -> (StatusCode, String) {
        let path = req.uri().path().to_string();
        match (req.method(), path.strip_prefix("/rules/")) {
            (&Method::POST, Some(tenant)) => {
                let body = match Limited::new(req.into_body(), MAX_BODY).collect().await {
                    Ok(body) => body.to_bytes(),
                    Err(_) => return (StatusCode::PAYLOAD_TOO_LARGE, error_json("body too large")),
                };
                match serde_json::from_slice(&body) {
                    Ok(input) => self.run_rule(tenant, input).await,
                    Err(e) => (StatusCode::BAD_REQUEST, error_json(&e.to_string())),
                }
            }
            (&Method::GET, None) if path == "/metrics" => {
                let m = self.pool.metrics();
                let body = serde_json::json!({
                    "threads": m.threads, "busy": m.busy, "queued": m.queued, "capacity": m.capacity
                });
                (StatusCode::OK, body.to_string())
            }
            _ => (StatusCode::NOT_FOUND, error_json("not found")),
        }
    }
}

/// The quota store, as a network lookup would be: a user named `slow` takes ten seconds.
async fn quota_store_lookup(user: String) -> i64 {
    let delay = if user == "slow" { 10_000 } else { 2 };
    tokio::time::sleep(Duration::from_millis(delay)).await;
    user.len() as i64
}

fn error_json(message: &str) -> String {
    serde_json::json!({ "error": message }).to_string()
}

/// Serves HTTP/1.1 on `listener` until the task is dropped.
pub async fn serve(listener: TcpListener, service: Arc<Service>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = service.clone();
        tokio::spawn(async move {
            let handler = hyper::service::service_fn(move |req| {
                let service = service.clone();
                async move {
                    let (status, body) = service.handle(req).await;
                    let response = Response::builder()
                        .status(status)
                        .header("content-type", "application/json")
                        .body(Full::new(Bytes::from(body)))
                        .expect("a valid response");
                    Ok::<_, Infallible>(response)
                }
            });
            let io = hyper_util::rt::TokioIo::new(stream);
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(io, handler)
                .await;
        });
    }
}

fn main() {
    let mut port = 8080u16;
    let mut workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut io_threads = 1usize;
    let mut shop_rule = SHOP_RULE.to_string();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        let number = value.parse::<usize>().ok();
        match (flag.as_str(), number) {
            ("--port", Some(v)) if v <= u16::MAX as usize => port = v as u16,
            ("--workers", Some(v)) => workers = v,
            ("--io-threads", Some(v)) => io_threads = v,
            ("--rule-file", _) => {
                shop_rule = std::fs::read_to_string(&value).unwrap_or_else(|e| {
                    eprintln!("rules_service: cannot read {value}: {e}");
                    std::process::exit(2)
                })
            }
            _ => {
                eprintln!(
                    "usage: rules_service [--port N] [--workers N] [--io-threads N] [--rule-file PATH]"
                );
                std::process::exit(2);
            }
        }
    }
    let io = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(io_threads.max(1))
        .enable_all()
        .build()
        .expect("a tokio runtime");
    io.block_on(async {
        let handle = tokio::runtime::Handle::current();
        let service = Arc::new(Service::new(workers, &shop_rule, handle).unwrap());
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let listener = TcpListener::bind(addr).await.expect("the port is free");
        println!("rules service on http://{addr} ({workers} workers)");
        serve(listener, service).await;
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// Sends one request on its own connection; the status and body of the answer.
    async fn request(addr: SocketAddr, method: &str, path: &str, body: &str) -> (u16, String) {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\n\
             content-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(body.as_bytes()).await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        let status = answer[9..12].parse().unwrap();
        let body = answer.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
        (status, body)
    }

    async fn start() -> SocketAddr {
        let handle = tokio::runtime::Handle::current();
        let service = Arc::new(Service::new(2, SHOP_RULE, handle).unwrap());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener, service));
        addr
    }

    const ORDER: &str = r#"{"user":{"id":"u1","age":30,"tier":"gold","country":"FR"},
        "cart":{"items":[{"price":10,"qty":2},{"price":2.5,"qty":4}],"coupon":"SAVE5"}}"#;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn each_request_runs_its_tenants_rule_in_a_fresh_context() {
        let addr = start().await;
        let (status, body) = request(addr, "POST", "/rules/shop", ORDER).await;
        assert_eq!(status, 200, "{body}");
        let result: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            result,
            serde_json::json!({ "allowed": true, "total": 25.5, "discount": 0.15, "country": "FR" })
        );
        // Concurrent requests, each with its own data: none sees another's.
        let answers = futures::future::join_all((0..40).map(|age| {
            let body = format!(
                r#"{{"user":{{"id":"u","age":{age},"tier":"basic","country":"C{age}"}},
                    "cart":{{"items":[{{"price":1,"qty":{age},"adult":true}}]}}}}"#
            );
            async move { request(addr, "POST", "/rules/shop", &body).await }
        }))
        .await;
        for (age, (status, body)) in answers.into_iter().enumerate() {
            assert_eq!(status, 200, "{body}");
            let v: serde_json::Value = serde_json::from_str(&body).unwrap();
            if age < 18 {
                assert_eq!(v, serde_json::json!({ "allowed": false, "reason": "age" }));
            } else {
                assert_eq!(v["total"], serde_json::json!(age));
                assert_eq!(v["country"], serde_json::json!(format!("C{age}")));
            }
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_rule_awaits_the_host_within_its_deadline() {
        let addr = start().await;
        let (status, body) =
            request(addr, "POST", "/rules/quota", r#"{"user":{"id":"abc"}}"#).await;
        assert_eq!(
            (status, body.as_str()),
            (200, r#"{"allowed":true,"left":2}"#)
        );
        // The lookup for `slow` takes ten seconds: the 100 ms deadline answers first.
        let start = Instant::now();
        let (status, body) =
            request(addr, "POST", "/rules/quota", r#"{"user":{"id":"slow"}}"#).await;
        assert_eq!(status, 504, "{body}");
        assert!(body.contains("timed out after 100ms"), "{body}");
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
        // A rule that never ends is stopped, and the workers serve on.
        let (status, _) = request(addr, "POST", "/rules/spin", "{}").await;
        assert_eq!(status, 504);
        let (status, _) = request(addr, "POST", "/rules/shop", ORDER).await;
        assert_eq!(status, 200);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn bad_requests_get_clear_answers() {
        let addr = start().await;
        assert_eq!(request(addr, "POST", "/rules/nobody", "{}").await.0, 404);
        assert_eq!(request(addr, "POST", "/rules/shop", "[1, 2]").await.0, 400);
        assert_eq!(request(addr, "POST", "/rules/shop", "{oops").await.0, 400);
        // The rule throws on data it does not expect (no `cart`).
        let (status, body) = request(addr, "POST", "/rules/shop", r#"{"user":{}}"#).await;
        assert_eq!(status, 422, "{body}");
        assert!(body.contains("ReferenceError"), "{body}");
        let (status, body) = request(addr, "GET", "/metrics", "").await;
        assert_eq!(status, 200);
        let m: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(m["threads"], 2);
    }
}
