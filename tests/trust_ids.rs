//! Ids in requests: only ids of the forms Semantic Scholar documents are sent (40-hex paper ids,
//! `CorpusId:`, `ARXIV:`, `DOI:`, `MAG:`, `ACL:`, `PMID:`, `PMCID:`, `URL:`), a paper id in a
//! request path must be 40 hex digits, and path segments are percent-encoded: no id, listed or
//! answered, can change which request is made.

mod common;

use citegraph::model::Resolution;
use citegraph::paper_list::PaperList;
use common::loopback::{Fault, Tamper};
use common::mock_s2::MockS2;
use common::universe::Universe;
use common::{citegraph_on, fetch, fetch_config, outputs};

const HOSTILE: &str = "../../graph/v1/paper/batch?x=";

fn is_hex40(s: &str) -> bool {
    s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Every request is one of the four citegraph makes, with a 40-hex id in a listing's path.
fn assert_only_expected_requests(mock: &MockS2) {
    for r in mock.requests() {
        let ok = match (r.method.as_str(), r.path.as_str()) {
            ("POST", "/graph/v1/paper/batch") | ("GET", "/graph/v1/paper/search/match") => {
                r.query.starts_with(if r.method == "GET" { "query=" } else { "fields=" })
            }
            ("GET", path) => path
                .strip_prefix("/graph/v1/paper/")
                .and_then(|rest| rest.strip_suffix("/references").or_else(|| rest.strip_suffix("/citations")))
                .is_some_and(is_hex40),
            _ => false,
        };
        assert!(ok, "unexpected request: {} {}?{}", r.method, r.path, r.query);
    }
}

#[test]
fn an_answered_paper_id_that_is_not_40_hex_never_reaches_a_request_path() {
    for endpoint in ["batch", "match"] {
        let mock = MockS2::start(Universe::builtin_field());
        mock.queue_faults_on(endpoint, [Fault::Tamper(Tamper::SetPaperIds(HOSTILE.to_owned()))]);
        let cache = tempfile::tempdir().unwrap();
        let (corpus, report) = fetch(&PaperList::builtin(), &fetch_config(&mock, cache.path())).unwrap();
        assert_only_expected_requests(&mock);
        assert!(!report.has_failures(), "{endpoint}: {:?}", report.errors());
        for entry in &corpus.listed {
            let Resolution::Resolved { paper_id, .. } = &entry.resolution else { panic!("{entry:?}") };
            assert!(is_hex40(paper_id), "{endpoint}: {paper_id}");
        }
        assert!(corpus.papers.keys().all(|id| is_hex40(id)), "{endpoint}");
    }
}

#[test]
fn a_listed_id_of_an_undocumented_form_is_not_sent_and_the_paper_is_looked_up_by_title() {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    let list = "## S\n1. [Self-Consuming Generative Models Go MAD](https://doi.org/10.1234/abc%22%20onmouseover%3D%22alert(1))\n";
    let output =
        // --depth 1: only the resolution batch, which must not carry the id (discovery's batches
        // ask for the resolved 40-hex ids).
        citegraph_on(&mock, cache.path())
            .args(["--depth", "1", "--list", "-", "fetch"])
            .write_stdin(list)
            .output()
            .unwrap();
    let (_, stderr) = outputs(&output);
    assert_eq!(mock.count("batch"), 0, "{stderr}");
    assert_only_expected_requests(&mock);
    assert!(stderr.contains("not of a form Semantic Scholar documents"), "{stderr}");
    assert!(mock.count("match") >= 1);
}
