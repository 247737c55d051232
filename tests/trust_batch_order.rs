//! Batch answers out of order: each returned paper is checked against the id asked for in its
//! slot (its external id, or its paperId, or failing those its title). A slot holding another
//! paper is reported and treated as unknown, so the paper is looked up by title instead of being
//! put in another paper's place.

mod common;

use citegraph::model::{Corpus, Resolution};
use citegraph::paper_list::PaperList;
use common::loopback::{Fault, Tamper};
use common::mock_s2::MockS2;
use common::universe::Universe;
use common::{citegraph_on, fetch, fetch_config, outputs};

fn resolved_ids(corpus: &Corpus) -> Vec<Option<String>> {
    corpus
        .listed
        .iter()
        .map(|e| match &e.resolution {
            Resolution::Resolved { paper_id, .. } => Some(paper_id.clone()),
            Resolution::Unresolved { .. } => None,
        })
        .collect()
}

#[test]
fn a_reversed_batch_answer_puts_no_paper_in_another_papers_place() {
    let clean_mock = MockS2::start(Universe::builtin_field());
    let clean_cache = tempfile::tempdir().unwrap();
    let (clean, _) = fetch(&PaperList::builtin(), &fetch_config(&clean_mock, clean_cache.path())).unwrap();

    let mock = MockS2::start(Universe::builtin_field());
    mock.queue_faults_on("batch", [Fault::Tamper(Tamper::Reverse)]);
    let cache = tempfile::tempdir().unwrap();
    let (corpus, report) = fetch(&PaperList::builtin(), &fetch_config(&mock, cache.path())).unwrap();
    assert_eq!(resolved_ids(&corpus), resolved_ids(&clean), "every listed paper is the same paper as in a clean run");
    assert_eq!(corpus.listed.iter().filter(|e| e.references.is_some()).count(), 24);
    // 19 ids reversed: all but the middle one are in another paper's slot and go to the title.
    assert_eq!((report.resolved_by_id, report.resolved_by_title), (1, 23));
    assert_eq!(mock.count("match"), 5 + 18);
}

#[test]
fn a_slot_holding_another_paper_is_reported() {
    let mock = MockS2::start(Universe::builtin_field());
    mock.queue_faults_on("batch", [Fault::Tamper(Tamper::Reverse)]);
    let cache = tempfile::tempdir().unwrap();
    let output = citegraph_on(&mock, cache.path()).arg("fetch").output().unwrap();
    let (_, stderr) = outputs(&output);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr.matches("is another paper").count(), 18, "{stderr}");
    assert!(stderr.contains("looking it up by title"), "{stderr}");
}
