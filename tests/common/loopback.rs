//! A loopback HTTP server for tests: it serves an [`App`] on a port of 127.0.0.1, injects faults
//! on demand (429 with and without `Retry-After`, 500, 504, a 200 that is not JSON, a 400, in the
//! shapes of the gateway in front of Semantic Scholar; and the attacks of a hostile server: a
//! redirect, a malformed or huge 200, the application's answer tampered with), and records every request (with its
//! headers) so tests can count. The application, the imitation of Semantic Scholar, is
//! `mock_s2.rs`.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, Response, StatusCode, Uri};
use serde_json::{Value, json};

/// An answer: status, extra headers, body (JSON unless it starts with `<`).
pub type Answer = (u16, Vec<(&'static str, String)>, String);

/// A JSON answer without extra headers.
pub fn json_answer(status: u16, body: Value) -> Answer {
    (status, Vec::new(), body.to_string())
}

/// What the server serves.
pub trait App: Send + 'static {
    /// The endpoint a (percent-decoded) path belongs to, for counts and per-endpoint faults.
    fn classify(&self, path: &str) -> &'static str;

    /// An answer served before any fault or application answer (as a gateway checks a key before
    /// it counts the rate); `None` lets the request through.
    fn gate(&self, _headers: &HeaderMap) -> Option<Answer> {
        None
    }

    /// The application's answer to a request.
    fn answer(&mut self, method: &Method, path: &str, params: &HashMap<String, String>, body: &[u8]) -> Answer;
}

/// A failure served instead of the real answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// 429 with the gateway body and no `Retry-After` (what S2 really sends).
    TooManyRequests,
    /// 429 with a `Retry-After` header (seconds or an HTTP date).
    TooManyRequestsRetryAfter(String),
    /// 500 `{"message":"Internal server error"}`.
    ServerError,
    /// 504 `{"message":"Endpoint request timed out"}`.
    GatewayTimeout,
    /// 200 with a CloudFront-style HTML page.
    NotJson,
    /// 400 with this application error text (never worth retrying).
    BadRequest(String),
    /// A redirect (301, 302, 307 or 308) to this `Location`.
    Redirect(u16, String),
    /// A 200 with this body, whatever it is (a malformed answer).
    Malformed(String),
    /// A 200 whose JSON body is this many bytes long.
    Huge(usize),
    /// The application's own answer, altered.
    Tamper(Tamper),
}

/// How [`Fault::Tamper`] alters the application's JSON answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tamper {
    /// Reverses a top-level array (a batch answer out of order).
    Reverse,
    /// Drops the last element of a top-level array (a batch answer one short).
    DropLast,
    /// Sets `paperId` of every paper in a top-level array (a batch answer), and of the hit in
    /// `data` (a title match), to this value.
    SetPaperIds(String),
}

impl Tamper {
    fn apply(&self, answer: Answer) -> Answer {
        let (status, headers, body) = answer;
        let Ok(mut value) = serde_json::from_str::<Value>(&body) else { return (status, headers, body) };
        match (self, &mut value) {
            (Tamper::Reverse, Value::Array(items)) => items.reverse(),
            (Tamper::DropLast, Value::Array(items)) => {
                items.pop();
            }
            (Tamper::SetPaperIds(id), value) => {
                let items = match value {
                    Value::Array(items) => Some(items),
                    Value::Object(map) => map.get_mut("data").and_then(Value::as_array_mut),
                    _ => None,
                };
                for paper in items.into_iter().flatten().filter_map(Value::as_object_mut) {
                    paper.insert("paperId".to_owned(), Value::String(id.clone()));
                }
            }
            _ => {}
        }
        (status, headers, value.to_string())
    }
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// `GET` or `POST`.
    pub method: String,
    /// Path, percent-decoded.
    pub path: String,
    /// The raw query string.
    pub query: String,
    /// Header names (lower case) and values.
    pub headers: Vec<(String, String)>,
    /// The endpoint, as the app classifies the path.
    pub endpoint: &'static str,
    /// The status served.
    pub status: u16,
    /// The request body (a POST's JSON).
    pub body: Vec<u8>,
}

impl Recorded {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// A query parameter's (decoded) value.
    pub fn param(&self, name: &str) -> Option<String> {
        url::form_urlencoded::parse(self.query.as_bytes()).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
    }
}

/// The faults waiting to be served.
#[derive(Default)]
struct Faults {
    queued: VecDeque<Fault>,
    queued_on: HashMap<&'static str, VecDeque<Fault>>,
    every: Option<(u64, Vec<Fault>)>,
    served: u64,
}

impl Faults {
    fn next(&mut self, endpoint: &'static str) -> Option<Fault> {
        self.served += 1;
        if let Some(fault) = self.queued_on.get_mut(endpoint).and_then(VecDeque::pop_front) {
            return Some(fault);
        }
        if let Some(fault) = self.queued.pop_front() {
            return Some(fault);
        }
        let (n, faults) = self.every.as_ref()?;
        (self.served.is_multiple_of(*n) && !faults.is_empty())
            .then(|| faults[(self.served / n) as usize % faults.len()].clone())
    }
}

struct Shared<A> {
    app: A,
    faults: Faults,
    requests: Vec<Recorded>,
}

/// The running server. Dropping it stops it.
pub struct Loopback<A: App> {
    addr: SocketAddr,
    state: Arc<Mutex<Shared<A>>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl<A: App> Loopback<A> {
    /// Serves `app` on loopback `port` (0: any free port), on a thread of its own.
    pub fn start_on(app: A, port: u16) -> Loopback<A> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", port)).expect("bind a loopback port for the mock");
        listener.set_nonblocking(true).expect("non-blocking listener");
        let addr = listener.local_addr().expect("the mock's address");
        let state = Arc::new(Mutex::new(Shared { app, faults: Faults::default(), requests: Vec::new() }));
        let router = Router::new().fallback(handle::<A>).with_state(Arc::clone(&state));
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("mock runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
                let _ = axum::serve(listener, router)
                    .with_graceful_shutdown(async move {
                        let _ = rx.await;
                    })
                    .await;
            });
        });
        Loopback { addr, state, shutdown: Some(tx) }
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    fn with<T>(&self, f: impl FnOnce(&mut Shared<A>) -> T) -> T {
        f(&mut self.state.lock().expect("mock state"))
    }

    /// Runs `f` on the app (to change what it serves).
    pub fn with_app<T>(&self, f: impl FnOnce(&mut A) -> T) -> T {
        self.with(|s| f(&mut s.app))
    }

    /// Serves these faults to the next requests, in order.
    pub fn queue_faults(&self, faults: impl IntoIterator<Item = Fault>) {
        self.with(|s| s.faults.queued.extend(faults));
    }

    /// Serves these faults to the next requests to one endpoint (as the app classifies paths),
    /// in order.
    pub fn queue_faults_on(&self, endpoint: &'static str, faults: impl IntoIterator<Item = Fault>) {
        self.with(|s| s.faults.queued_on.entry(endpoint).or_default().extend(faults));
    }

    /// Serves a fault to every `n`th request (cycling through `faults`): a storm.
    pub fn fault_every(&self, n: u64, faults: Vec<Fault>) {
        self.with(|s| s.faults.every = Some((n, faults)));
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.with(|s| s.requests.clone())
    }

    /// How many requests so far.
    pub fn request_count(&self) -> usize {
        self.with(|s| s.requests.len())
    }

    /// How many requests to one endpoint so far.
    pub fn count(&self, endpoint: &str) -> usize {
        self.with(|s| s.requests.iter().filter(|r| r.endpoint == endpoint).count())
    }

    /// Requests per endpoint.
    pub fn counts(&self) -> HashMap<&'static str, usize> {
        self.with(|s| {
            let mut counts = HashMap::new();
            for r in &s.requests {
                *counts.entry(r.endpoint).or_insert(0) += 1;
            }
            counts
        })
    }

    /// Forgets the requests seen so far.
    pub fn reset_requests(&self) {
        self.with(|s| s.requests.clear());
    }
}

impl<A: App> Drop for Loopback<A> {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

async fn handle<A: App>(
    State(state): State<Arc<Mutex<Shared<A>>>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response<Body> {
    let mut s = state.lock().expect("mock state");
    let path = percent_decode(uri.path());
    let query = uri.query().unwrap_or_default().to_owned();
    let params: HashMap<String, String> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let endpoint = s.app.classify(&path);
    let request_body = body.to_vec();
    let (status, extra_headers, body) = match s.app.gate(&headers) {
        Some(answer) => answer,
        None => match s.faults.next(endpoint) {
            Some(Fault::Tamper(tamper)) => tamper.apply(s.app.answer(&method, &path, &params, &body)),
            Some(fault) => fault_answer(&fault),
            None => s.app.answer(&method, &path, &params, &body),
        },
    };
    s.requests.push(Recorded {
        method: method.to_string(),
        path,
        query,
        headers: headers
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect(),
        endpoint,
        status,
        body: request_body,
    });
    let is_json = !body.starts_with('<');
    let mut response = Response::builder()
        .status(StatusCode::from_u16(status).expect("a valid status"))
        .header("content-type", if is_json { "application/json" } else { "text/html" });
    for (name, value) in extra_headers {
        response = response.header(name, value);
    }
    response.body(Body::from(body)).expect("a valid response")
}

/// Application errors end with a newline, as S2's do.
pub fn app_error(status: u16, message: &str) -> Answer {
    (status, Vec::new(), format!("{}\n", json!({ "error": message })))
}

/// What a fault serves: the bodies and headers of the AWS gateway in front of Semantic Scholar.
fn fault_answer(fault: &Fault) -> Answer {
    const TOO_MANY: &str = "Too Many Requests. Please wait and try again or apply for a key for higher rate limits. \
                            https://www.semanticscholar.org/product/api#api-key-form";
    let throttled = ("x-amzn-ErrorType", "TooManyRequestsException".to_owned());
    match fault {
        Fault::TooManyRequests => (429, vec![throttled], json!({"message": TOO_MANY, "code": "429"}).to_string()),
        Fault::TooManyRequestsRetryAfter(after) => (
            429,
            vec![throttled, ("retry-after", after.clone())],
            json!({"message": TOO_MANY, "code": "429"}).to_string(),
        ),
        Fault::ServerError => json_answer(500, json!({"message": "Internal server error"})),
        Fault::GatewayTimeout => json_answer(504, json!({"message": "Endpoint request timed out"})),
        Fault::BadRequest(message) => app_error(400, message),
        Fault::Redirect(status, location) => (*status, vec![("location", location.clone())], String::new()),
        Fault::Malformed(body) => (200, Vec::new(), body.clone()),
        Fault::Huge(bytes) => {
            let padding = "x".repeat(bytes.saturating_sub(r#"{"pad":""}"#.len()));
            (200, Vec::new(), json!({ "pad": padding }).to_string())
        }
        Fault::Tamper(_) => unreachable!("a tampered answer is the application's, altered in `handle`"),
        Fault::NotJson => (
            200,
            Vec::new(),
            "<html><body><h1>502 ERROR</h1><p>The request could not be satisfied. Generated by cloudfront (CloudFront)</p></body></html>".to_owned(),
        ),
    }
}

/// Decodes `%XX` escapes of a path (the server accepts paths raw or percent-encoded).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%' && i + 2 < bytes.len())
            .then(|| std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()))
            .flatten();
        match hex {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A server that is not Semantic Scholar: it answers every request with `{}` and only records it
/// (a redirect target on another port, to see what a client sends it).
pub struct Elsewhere;

impl App for Elsewhere {
    fn classify(&self, _path: &str) -> &'static str {
        "elsewhere"
    }

    fn answer(&mut self, _method: &Method, _path: &str, _params: &HashMap<String, String>, _body: &[u8]) -> Answer {
        json_answer(200, json!({}))
    }
}
