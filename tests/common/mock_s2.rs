//! A loopback Semantic Scholar (Academic Graph API, `/graph/v1`) for the tests and for trying
//! citegraph by hand (`cargo run --example mock_s2 -- 8089`). It serves a [`Universe`]: OUR
//! SYNTHETIC FIXTURE DATA, never Semantic Scholar's.
//!
//! It reproduces how the real service behaves: strict `fields` (only what is asked comes back, plus
//! `paperId`; unknown names are a 400; bare and `citedPaper.`/`citingPaper.` names on the edge
//! endpoints), null and empty shapes (venue `""`, year null, unlinked rows with `paperId: null`),
//! `next` paging, `limit` above 1000 and `offset + limit >= 10000` refused, batch answers with
//! `null` in position and more than 500 ids refused, the title match (the closest title, even a
//! wrong one, with a float `matchScore`, or 404), elided references (`data: null` with the
//! publisher's notice), ids with case-insensitive prefixes and raw `/` in DOIs. On demand: 429
//! with and without `Retry-After`, 500, 504, a 200 that is not JSON, 403 for a wrong key, an empty
//! page before `next` runs out. It records every request (with its headers) so tests can count.

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, Response, StatusCode, Uri};
use serde_json::{Map, Value, json};

use super::universe::Universe;

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
}

/// One request as the mock saw it.
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
    /// `batch`, `match`, `references`, `citations`, `paper`, `search` or `other`.
    pub endpoint: &'static str,
    /// The status served.
    pub status: u16,
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

/// Indexes over the universe, computed once.
struct Index {
    references: Vec<Vec<usize>>,
    citations: Vec<Vec<usize>>,
    influential: Vec<u64>,
    by_title: HashMap<String, usize>,
}

impl Index {
    fn new(u: &Universe) -> Self {
        let n = u.papers.len();
        let (mut references, mut influential) = (vec![Vec::new(); n], vec![0u64; n]);
        for (k, e) in u.edges.iter().enumerate() {
            references[e.citing].push(k);
            influential[e.cited] += u64::from(e.is_influential);
        }
        let mut citations = vec![Vec::new(); n];
        for (k, e) in u.edges.iter().enumerate() {
            citations[e.cited].push(k);
        }
        // Newest citing paper first, as S2 orders them (stable, like `Universe::citations_of`).
        for list in &mut citations {
            list.sort_by_key(|&k| std::cmp::Reverse(u.papers[u.edges[k].citing].year));
        }
        let mut by_title = HashMap::new();
        for (i, p) in u.papers.iter().enumerate() {
            by_title.entry(citegraph::model::normalize_title(&p.title)).or_insert(i);
        }
        Index { references, citations, influential, by_title }
    }
}

struct MockState {
    universe: Universe,
    index: Index,
    api_key: Option<String>,
    queued: VecDeque<Fault>,
    queued_on: HashMap<&'static str, VecDeque<Fault>>,
    every: Option<(u64, Vec<Fault>)>,
    empty_pages: HashSet<(usize, &'static str, u64)>,
    hyphen_blind: bool,
    served: u64,
    requests: Vec<Recorded>,
}

/// The running mock. Dropping it stops the server.
pub struct MockS2 {
    addr: SocketAddr,
    state: Arc<Mutex<MockState>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl MockS2 {
    /// Serves `universe` on a free loopback port.
    pub fn start(universe: Universe) -> MockS2 {
        Self::start_on(universe, 0)
    }

    /// Serves `universe` on loopback `port` (0: any free port).
    pub fn start_on(universe: Universe, port: u16) -> MockS2 {
        let listener = std::net::TcpListener::bind(("127.0.0.1", port)).expect("bind a loopback port for the mock");
        listener.set_nonblocking(true).expect("non-blocking listener");
        let addr = listener.local_addr().expect("the mock's address");
        let state = Arc::new(Mutex::new(MockState {
            index: Index::new(&universe),
            universe,
            api_key: None,
            queued: VecDeque::new(),
            queued_on: HashMap::new(),
            every: None,
            empty_pages: HashSet::new(),
            hyphen_blind: false,
            served: 0,
            requests: Vec::new(),
        }));
        let app = Router::new().fallback(handle).with_state(Arc::clone(&state));
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("mock runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async move {
                        let _ = rx.await;
                    })
                    .await;
            });
        });
        MockS2 { addr, state, shutdown: Some(tx) }
    }

    /// The API base URL, e.g. `http://127.0.0.1:PORT/graph/v1`.
    pub fn api_url(&self) -> String {
        format!("http://{}/graph/v1", self.addr)
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    fn with<T>(&self, f: impl FnOnce(&mut MockState) -> T) -> T {
        f(&mut self.state.lock().expect("mock state"))
    }

    /// Answers 403 to requests carrying another `x-api-key` (requests without one are anonymous
    /// and allowed, as on the real service).
    pub fn require_key(&self, key: &str) {
        self.with(|s| s.api_key = Some(key.to_owned()));
    }

    /// Serves these faults to the next requests, in order.
    pub fn queue_faults(&self, faults: impl IntoIterator<Item = Fault>) {
        self.with(|s| s.queued.extend(faults));
    }

    /// Serves these faults to the next requests to one endpoint (`batch`, `match`,
    /// `references`, `citations`), in order.
    pub fn queue_faults_on(&self, endpoint: &'static str, faults: impl IntoIterator<Item = Fault>) {
        self.with(|s| s.queued_on.entry(endpoint).or_default().extend(faults));
    }

    /// Serves a fault to every `n`th request (cycling through `faults`): a storm.
    pub fn fault_every(&self, n: u64, faults: Vec<Fault>) {
        self.with(|s| s.every = Some((n, faults)));
    }

    /// Serves an empty page (with `next` still set) for this listing at this offset, as S2 did
    /// for some papers (s2-folks #117). `endpoint` is `references` or `citations`.
    pub fn empty_page_at(&self, paper: usize, endpoint: &'static str, offset: u64) {
        self.with(|s| s.empty_pages.insert((paper, endpoint, offset)));
    }

    /// The title match finds nothing when the query has a hyphen (as relevance search does).
    pub fn hyphen_blind_title_match(&self) {
        self.with(|s| s.hyphen_blind = true);
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

impl Drop for MockS2 {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

async fn handle(
    State(state): State<Arc<Mutex<MockState>>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response<Body> {
    let mut s = state.lock().expect("mock state");
    let path = percent_decode(uri.path());
    let query = uri.query().unwrap_or_default().to_owned();
    let params: HashMap<String, String> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let endpoint = classify(&path);
    let (status, extra_headers, body) = s.answer(&method, &path, &params, &headers, &body);
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

fn classify(path: &str) -> &'static str {
    let Some(rest) = path.strip_prefix("/graph/v1/") else { return "other" };
    match rest {
        "paper/batch" => "batch",
        "paper/search/match" => "match",
        "paper/search" => "search",
        _ if rest.starts_with("paper/") && rest.ends_with("/references") => "references",
        _ if rest.starts_with("paper/") && rest.ends_with("/citations") => "citations",
        _ if rest.starts_with("paper/") => "paper",
        _ => "other",
    }
}

type Answer = (u16, Vec<(&'static str, String)>, String);

fn json_answer(status: u16, body: Value) -> Answer {
    (status, Vec::new(), body.to_string())
}

/// Application errors end with a newline, as S2's do.
fn app_error(status: u16, message: &str) -> Answer {
    (status, Vec::new(), format!("{}\n", json!({ "error": message })))
}

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
        Fault::NotJson => (
            200,
            Vec::new(),
            "<html><body><h1>502 ERROR</h1><p>The request could not be satisfied. Generated by cloudfront (CloudFront)</p></body></html>".to_owned(),
        ),
    }
}

/// Paper fields the mock knows (it serves `null` for the ones the universe does not model).
const PAPER_FIELDS: &[&str] = &[
    "paperId",
    "corpusId",
    "url",
    "title",
    "abstract",
    "venue",
    "publicationVenue",
    "year",
    "publicationDate",
    "authors",
    "citationCount",
    "referenceCount",
    "influentialCitationCount",
    "externalIds",
    "isOpenAccess",
    "openAccessPdf",
    "fieldsOfStudy",
    "s2FieldsOfStudy",
    "publicationTypes",
    "journal",
    "citationStyles",
    "tldr",
];
const AUTHOR_FIELDS: &[&str] = &["authorId", "name", "url", "affiliations", "homepage"];
const EDGE_FIELDS: &[&str] = &["contexts", "intents", "contextsWithIntent", "isInfluential"];

/// Parsed `fields`: paper fields and edge fields.
struct Fields {
    paper: Vec<String>,
    edge: Vec<String>,
}

/// Validates `fields` (`None`: the default, `title`). Edge endpoints also take edge fields and
/// `citedPaper.`/`citingPaper.` prefixes.
fn parse_fields(raw: Option<&String>, edges: bool) -> Result<Fields, Answer> {
    let mut fields = Fields { paper: Vec::new(), edge: Vec::new() };
    let Some(raw) = raw else {
        fields.paper.push("title".to_owned());
        return Ok(fields);
    };
    let mut unknown = Vec::new();
    for name in raw.split(',').filter(|n| !n.is_empty()) {
        if edges && EDGE_FIELDS.contains(&name) {
            fields.edge.push(name.to_owned());
            continue;
        }
        let bare = if edges {
            name.strip_prefix("citedPaper.").or_else(|| name.strip_prefix("citingPaper.")).unwrap_or(name)
        } else {
            name
        };
        let known = PAPER_FIELDS.contains(&bare)
            || bare.strip_prefix("authors.").is_some_and(|sub| AUTHOR_FIELDS.contains(&sub));
        if known {
            fields.paper.push(bare.split('.').next().unwrap_or(bare).to_owned());
        } else {
            unknown.push(name.to_owned());
        }
    }
    if unknown.is_empty() {
        Ok(fields)
    } else {
        Err(app_error(400, &format!("Unrecognized or unsupported fields: [{}]", unknown.join(", "))))
    }
}

impl MockState {
    fn next_fault(&mut self, endpoint: &'static str) -> Option<Fault> {
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

    fn answer(
        &mut self,
        method: &Method,
        path: &str,
        params: &HashMap<String, String>,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Answer {
        // The gateway checks the key, then the rate; then the application answers.
        if let (Some(required), Some(sent)) = (&self.api_key, headers.get("x-api-key"))
            && sent.as_bytes() != required.as_bytes()
        {
            return (
                403,
                vec![("x-amzn-ErrorType", "ForbiddenException".to_owned())],
                json!({"message": "Forbidden"}).to_string(),
            );
        }
        if let Some(fault) = self.next_fault(classify(path)) {
            return fault_answer(&fault);
        }
        let Some(rest) = path.strip_prefix("/graph/v1/") else {
            return json_answer(403, json!({"message": "Missing Authentication Token"}));
        };
        match (method.as_str(), rest) {
            ("POST", "paper/batch") => self.batch(params, body),
            ("GET", "paper/search/match") => self.title_match(params),
            ("GET", "paper/search") => json_answer(200, json!({"total": 0, "offset": 0})),
            ("GET", rest) if rest.starts_with("paper/") => {
                let id = &rest["paper/".len()..];
                if let Some(id) = id.strip_suffix("/references") {
                    self.listing(id, "references", params)
                } else if let Some(id) = id.strip_suffix("/citations") {
                    self.listing(id, "citations", params)
                } else {
                    self.single(id, params)
                }
            }
            _ => json_answer(403, json!({"message": "Missing Authentication Token"})),
        }
    }

    fn paper_json(&self, i: usize, fields: &[String]) -> Value {
        let u = &self.universe;
        let p = &u.papers[i];
        let mut m = Map::new();
        m.insert("paperId".into(), json!(p.paper_id));
        for f in fields {
            let value = match f.as_str() {
                "paperId" => continue,
                "corpusId" => json!(p.external_ids.corpus_id),
                "url" => json!(format!("https://www.semanticscholar.org/paper/{}", p.paper_id)),
                "title" => json!(p.title),
                "venue" => json!(p.venue),
                "year" => json!(p.year),
                "publicationDate" => json!(p.publication_date),
                "authors" => {
                    Value::Array(p.authors.iter().map(|(id, name)| json!({"authorId": id, "name": name})).collect())
                }
                "citationCount" => json!(p.citation_count),
                "referenceCount" => json!(self.index.references[i].len() + p.unlinked_references.len()),
                "influentialCitationCount" => json!(self.index.influential[i]),
                "externalIds" => serde_json::to_value(&p.external_ids).expect("external ids serialise"),
                "isOpenAccess" => json!(false),
                _ => Value::Null,
            };
            m.insert(f.clone(), value);
        }
        Value::Object(m)
    }

    /// A reference row S2 could not link, as the real service sends it: ids null, raw strings, no authors.
    fn unlinked_json(text: &str, k: usize, fields: &[String]) -> Value {
        let mut m = Map::new();
        m.insert("paperId".into(), Value::Null);
        for f in fields {
            let value = match f.as_str() {
                "paperId" => continue,
                "title" | "venue" => json!(text),
                "year" => {
                    if k.is_multiple_of(2) {
                        json!(1937 + k as i32)
                    } else {
                        Value::Null
                    }
                }
                "authors" => json!([]),
                _ => Value::Null,
            };
            m.insert(f.clone(), value);
        }
        Value::Object(m)
    }

    fn batch(&self, params: &HashMap<String, String>, body: &[u8]) -> Answer {
        let fields = match parse_fields(params.get("fields"), false) {
            Ok(f) => f,
            Err(answer) => return answer,
        };
        let ids: Vec<String> = match serde_json::from_slice::<Value>(body) {
            Ok(v) => match v.get("ids").and_then(Value::as_array) {
                Some(ids) => ids.iter().map(|id| id.as_str().unwrap_or_default().to_owned()).collect(),
                None => return app_error(400, "Unacceptable body: expected {\"ids\": [...]}"),
            },
            Err(_) => return app_error(400, "Unacceptable body: not JSON"),
        };
        if ids.len() > 500 {
            return app_error(400, &format!("Too many ids in request: {} > 500", ids.len()));
        }
        let slots: Vec<Value> = ids
            .iter()
            .map(|id| self.universe.lookup(id).map_or(Value::Null, |i| self.paper_json(i, &fields.paper)))
            .collect();
        json_answer(200, Value::Array(slots))
    }

    fn title_match(&self, params: &HashMap<String, String>) -> Answer {
        let fields = match parse_fields(params.get("fields"), false) {
            Ok(f) => f,
            Err(answer) => return answer,
        };
        let query = params.get("query").cloned().unwrap_or_default();
        if query.trim().is_empty() {
            return app_error(400, "Unacceptable query params: [query=]");
        }
        if self.hyphen_blind && query.contains('-') {
            return app_error(404, "Title match not found");
        }
        let normalized = citegraph::model::normalize_title(&query);
        let (best, score) = match self.index.by_title.get(&normalized) {
            Some(&i) => (i, 180.25),
            None => {
                // The closest title by shared words, even when it is the wrong paper.
                let words: HashSet<&str> = normalized.split(' ').collect();
                let mut best = None;
                for (i, p) in self.universe.papers.iter().enumerate() {
                    let title = citegraph::model::normalize_title(&p.title);
                    let other: HashSet<&str> = title.split(' ').collect();
                    let jaccard = words.intersection(&other).count() as f64 / words.union(&other).count() as f64;
                    if best.is_none_or(|(_, b)| jaccard > b) {
                        best = Some((i, jaccard));
                    }
                }
                match best {
                    Some((i, jaccard)) if jaccard >= 0.3 => (i, 40.0 + 100.0 * jaccard),
                    _ => return app_error(404, "Title match not found"),
                }
            }
        };
        let mut hit = self.paper_json(best, &fields.paper);
        hit["matchScore"] = json!(score);
        json_answer(200, json!({ "data": [hit] }))
    }

    fn single(&self, id: &str, params: &HashMap<String, String>) -> Answer {
        let fields = match parse_fields(params.get("fields"), false) {
            Ok(f) => f,
            Err(answer) => return answer,
        };
        match self.universe.lookup(id) {
            Some(i) => json_answer(200, self.paper_json(i, &fields.paper)),
            None => app_error(404, &format!("Paper with id {id} not found")),
        }
    }

    fn listing(&self, id: &str, endpoint: &'static str, params: &HashMap<String, String>) -> Answer {
        let Some(i) = self.universe.lookup(id) else {
            return app_error(404, &format!("Paper with id {id} not found"));
        };
        let fields = match parse_fields(params.get("fields"), true) {
            Ok(f) => f,
            Err(answer) => return answer,
        };
        let number = |name: &str, default: u64| -> Result<u64, Answer> {
            match params.get(name) {
                None => Ok(default),
                Some(v) => v.parse().map_err(|_| app_error(400, &format!("Unacceptable query params: [{name}={v}]"))),
            }
        };
        let (offset, limit) = match (number("offset", 0), number("limit", 100)) {
            (Ok(o), Ok(l)) => (o, l),
            (Err(answer), _) | (_, Err(answer)) => return answer,
        };
        if limit > 1000 {
            return app_error(400, &format!("Unacceptable query params: [limit={limit}] (limit must be <= 1000)"));
        }
        if offset + limit >= 10_000 {
            return app_error(400, "offset + limit must be < 10000");
        }
        let p = &self.universe.papers[i];
        let mut page = Map::new();
        page.insert("offset".into(), json!(offset));
        let key = if endpoint == "references" { "citedPaper" } else { "citingPaper" };
        if endpoint == "references" {
            let disclaimer = p.references_elided.then_some({
                "Notice: The following paper fields have been elided by the publisher: {'references'}. \
                 Paper or abstract available at https://example.org/synthetic"
            });
            page.insert(
                "citingPaperInfo".into(),
                json!({
                    "paperId": p.paper_id, "title": p.title,
                    "externalIds": serde_json::to_value(&p.external_ids).expect("external ids serialise"),
                    "openAccessPdf": {"url": "", "status": if p.references_elided { "CLOSED" } else { "GREEN" },
                                      "license": null, "disclaimer": disclaimer},
                }),
            );
            if p.references_elided {
                page.insert("data".into(), Value::Null);
                return json_answer(200, Value::Object(page));
            }
        }
        let edge_json = |k: usize, other: Value| {
            let e = &self.universe.edges[k];
            let mut row = Map::new();
            for f in &fields.edge {
                let value = match f.as_str() {
                    "isInfluential" => json!(e.is_influential),
                    "intents" => json!(e.intents),
                    _ => json!([]),
                };
                row.insert(f.clone(), value);
            }
            row.insert(key.into(), other);
            Value::Object(row)
        };
        let linked: &[usize] =
            if endpoint == "references" { &self.index.references[i] } else { &self.index.citations[i] };
        let unlinked: &[String] = if endpoint == "references" { &p.unlinked_references } else { &[] };
        let total = (linked.len() + unlinked.len()) as u64;
        let end = (offset + limit).min(total);
        let mut rows = Vec::new();
        if !self.empty_pages.contains(&(i, endpoint, offset)) {
            for pos in offset.min(total)..end {
                let pos = pos as usize;
                rows.push(if pos < linked.len() {
                    let k = linked[pos];
                    let e = &self.universe.edges[k];
                    let other = if endpoint == "references" { e.cited } else { e.citing };
                    edge_json(k, self.paper_json(other, &fields.paper))
                } else {
                    let u = pos - linked.len();
                    let mut row = Map::new();
                    for f in &fields.edge {
                        row.insert(f.clone(), if f == "isInfluential" { json!(false) } else { json!([]) });
                    }
                    row.insert(key.into(), Self::unlinked_json(&unlinked[u], u, &fields.paper));
                    Value::Object(row)
                });
            }
        }
        if offset + limit < total {
            page.insert("next".into(), json!(offset + limit));
        }
        page.insert("data".into(), Value::Array(rows));
        json_answer(200, Value::Object(page))
    }
}

/// Decodes `%XX` escapes of a path (the mock accepts ids raw or percent-encoded).
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
