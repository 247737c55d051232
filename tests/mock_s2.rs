//! The mock Semantic Scholar behaves as the real one does (strict `fields`, paging limits, null
//! shapes: the list atop `tests/common/mock_s2.rs`), so tests against it mean something. Spoken to with raw HTTP/1.1, independent of citegraph's client.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;

use common::loopback::Fault;
use common::mock_s2::MockS2;
use common::universe::{Kind, Universe};
use serde_json::{Value, json};

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

fn call(mock: &MockS2, method: &str, target: &str, body: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", mock.port())).unwrap();
    write!(
        stream,
        "{method} /graph/v1/{target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Reply { status, head: head.to_ascii_lowercase(), body: body.to_owned() }
}

fn get(mock: &MockS2, target: &str) -> Reply {
    call(mock, "GET", target, "")
}

fn world() -> (MockS2, Universe) {
    let u = Universe::builtin_field();
    (MockS2::start(u.clone()), u)
}

#[test]
fn only_the_fields_asked_come_back_with_paper_id_always_and_unknown_names_are_a_400() {
    let (mock, u) = world();
    let id = &u.papers[0].paper_id;
    let paper = get(&mock, &format!("paper/{id}?fields=year,externalIds")).json();
    let keys: Vec<&str> = paper.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["externalIds", "paperId", "year"]);
    assert!(paper["externalIds"]["CorpusId"].is_u64(), "CorpusId is an integer");
    let default = get(&mock, &format!("paper/{id}")).json();
    assert_eq!(default.as_object().unwrap().len(), 2, "paperId and title by default: {default}");
    let bad = get(&mock, &format!("paper/{id}?fields=title,bogus,nonsense"));
    assert_eq!(
        (bad.status, bad.body.as_str()),
        (400, "{\"error\":\"Unrecognized or unsupported fields: [bogus, nonsense]\"}\n")
    );
}

#[test]
fn ids_take_any_prefix_case_and_dois_with_raw_slashes() {
    let (mock, u) = world();
    let hub = u.of_kind(Kind::Hub)[0];
    for target in
        ["paper/arxiv:2305.17493?fields=title", "paper/ArXiv:2305.17493v2?fields=title", "paper/CorpusID:900000"]
    {
        assert_eq!(get(&mock, target).json()["paperId"], json!(u.papers[0].paper_id), "{target}");
    }
    let doi = u.papers[hub].external_ids.doi.clone().unwrap();
    assert_eq!(get(&mock, &format!("paper/DOI:{}/citations?limit=1", doi.to_lowercase())).status, 200);
    assert_eq!(get(&mock, &format!("paper/{doi}")).json()["paperId"], json!(u.papers[hub].paper_id));
    let missing = get(&mock, "paper/ARXIV:1111.11111");
    assert_eq!((missing.status, missing.json()), (404, json!({"error": "Paper with id ARXIV:1111.11111 not found"})));
}

#[test]
fn batch_answers_hold_nulls_in_position_and_refuse_over_500_ids() {
    let (mock, u) = world();
    let reply =
        call(&mock, "POST", "paper/batch?fields=title", r#"{"ids":["ARXIV:0000.00000","ARXIV:2305.17493",null]}"#);
    let slots = reply.json();
    assert_eq!(slots.as_array().unwrap().len(), 3);
    assert!(slots[0].is_null() && slots[2].is_null());
    assert_eq!(slots[1]["paperId"], json!(u.papers[0].paper_id));
    let many: Vec<String> = (0..501).map(|k| format!("CorpusId:{k}")).collect();
    let too_many = call(&mock, "POST", "paper/batch", &json!({ "ids": many }).to_string());
    assert_eq!(too_many.status, 400);
}

#[test]
fn edge_listings_page_with_next_and_refuse_past_the_caps() {
    let (mock, u) = world();
    let id = &u.papers[0].paper_id;
    let first =
        get(&mock, &format!("paper/{id}/citations?offset=0&limit=2&fields=citingPaper.title,year,isInfluential"))
            .json();
    assert_eq!(first["next"], 2);
    let row = &first["data"][0];
    assert!(row["isInfluential"].is_boolean());
    let keys: Vec<&str> = row["citingPaper"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["paperId", "title", "year"]);
    let total = u.citations_of(0).len();
    let last = get(&mock, &format!("paper/{id}/citations?offset={}&limit=1000", total - 1)).json();
    assert!(last.get("next").is_none() && last["data"].as_array().unwrap().len() == 1, "{last}");
    assert_eq!(get(&mock, &format!("paper/{id}/citations?limit=1001")).status, 400);
    let cap = get(&mock, &format!("paper/{id}/citations?offset=9000&limit=1000"));
    assert_eq!((cap.status, cap.body.as_str()), (400, "{\"error\":\"offset + limit must be < 10000\"}\n"));
    assert_eq!(get(&mock, &format!("paper/{id}/citations?offset=9000&limit=999")).status, 200);
}

#[test]
fn references_carry_unlinked_rows_and_one_list_is_elided() {
    let (mock, u) = world();
    let with_unlinked = (0..24).find(|&i| !u.papers[i].unlinked_references.is_empty()).unwrap();
    let page = get(
        &mock,
        &format!(
            "paper/{}/references?limit=1000&fields=title,venue,year,authors,externalIds,citationCount",
            u.papers[with_unlinked].paper_id
        ),
    )
    .json();
    let unlinked: Vec<&Value> =
        page["data"].as_array().unwrap().iter().map(|r| &r["citedPaper"]).filter(|p| p["paperId"].is_null()).collect();
    assert_eq!(unlinked.len(), u.papers[with_unlinked].unlinked_references.len());
    assert!(
        unlinked
            .iter()
            .all(|p| p["externalIds"].is_null() && p["citationCount"].is_null() && p["authors"] == json!([]))
    );
    assert!(unlinked[0]["venue"].as_str().unwrap().contains("Proc."));
    assert!(page["citingPaperInfo"].is_object());
    let elided = u.papers.iter().position(|p| p.references_elided).unwrap();
    let page = get(&mock, &format!("paper/{}/references?fields=title", u.papers[elided].paper_id)).json();
    assert!(page["data"].is_null());
    assert!(page["citingPaperInfo"]["openAccessPdf"]["disclaimer"].as_str().unwrap().contains("{'references'}"));
}

#[test]
fn title_match_returns_the_closest_title_with_a_float_score_or_404() {
    let (mock, _) = world();
    let exact = get(&mock, "paper/search/match?query=self-consuming+generative+models+go+mad.&fields=title").json();
    assert_eq!(exact["data"][0]["title"], "Self-Consuming Generative Models Go MAD");
    assert!(exact["data"][0]["matchScore"].is_f64());
    let close = get(&mock, "paper/search/match?query=Self-Consuming+Generative+Models+Go+Wild&fields=title").json();
    assert_eq!(close["data"][0]["title"], "Self-Consuming Generative Models Go MAD", "the closest, even when wrong");
    let none = get(&mock, "paper/search/match?query=zebra+quokka+platypus");
    assert_eq!((none.status, none.json()), (404, json!({"error": "Title match not found"})));
}

#[test]
fn faults_come_with_gateway_bodies_and_a_wrong_key_is_a_403() {
    let (mock, u) = world();
    let target = format!("paper/{}?fields=title", u.papers[0].paper_id);
    mock.queue_faults([
        Fault::TooManyRequests,
        Fault::TooManyRequestsRetryAfter("7".to_owned()),
        Fault::ServerError,
        Fault::GatewayTimeout,
        Fault::NotJson,
    ]);
    let plain = get(&mock, &target);
    assert_eq!(plain.status, 429);
    assert!(!plain.head.contains("retry-after"));
    assert_eq!(plain.json()["code"], "429");
    assert!(get(&mock, &target).head.contains("retry-after: 7"));
    assert_eq!(get(&mock, &target).json(), json!({"message": "Internal server error"}));
    assert_eq!(get(&mock, &target).json(), json!({"message": "Endpoint request timed out"}));
    let page = get(&mock, &target);
    assert!(page.status == 200 && page.body.starts_with("<html>"));
    assert_eq!(get(&mock, &target).status, 200);
    mock.require_key("right");
    let mut stream = TcpStream::connect(("127.0.0.1", mock.port())).unwrap();
    write!(stream, "GET /graph/v1/{target} HTTP/1.1\r\nHost: x\r\nx-api-key: wrong\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 403") && raw.ends_with("{\"message\":\"Forbidden\"}"), "{raw}");
    assert_eq!(mock.request_count(), 7);
}
