//! Bounds on what the API can make citegraph do: an answer larger than the cap (32 MiB by
//! default, far above S2's 10 MB) is cut off while it streams in and fails its item without a
//! retry; a listing cut at the paging cap says so in words that read right even when S2's count
//! is stale.

mod common;

use citegraph::paper_list::PaperList;
use citegraph::s2::{self, FetchOptions, Progress, client::MAX_ANSWER_BYTES};
use common::loopback::Fault;
use common::mock_s2::MockS2;
use common::universe::Universe;
use common::{fast_options, fetch, fetch_config, list_from};

#[test]
fn the_default_cap_on_an_answer_is_32_mib() {
    assert_eq!(MAX_ANSWER_BYTES, 32 * 1024 * 1024);
    assert_eq!(FetchOptions::default().max_answer, MAX_ANSWER_BYTES);
}

#[test]
fn an_answer_over_the_cap_is_cut_off_and_fails_its_item_without_a_retry() {
    const CAP: u64 = 256 * 1024;
    let options = FetchOptions { max_answer: CAP, ..fast_options() };
    for (endpoint, size) in [("batch", CAP as usize + 1), ("citations", 4 * CAP as usize)] {
        let mock = MockS2::start(Universe::builtin_field());
        mock.queue_faults_on(endpoint, [Fault::Huge(size)]);
        let cache = tempfile::tempdir().unwrap();
        let config = fetch_config(&mock, cache.path());
        let (_, report) = s2::fetch_corpus_with(&PaperList::builtin(), &config, &options, &Progress::silent()).unwrap();
        let errors = report.errors();
        assert!(report.has_failures(), "{endpoint}");
        assert!(errors.iter().any(|e| e.contains("larger than 256 KiB")), "{endpoint}: {errors:?}");
        assert!(errors.iter().all(|e| !e.contains("gave up after")), "{endpoint}: retried: {errors:?}");
        assert_eq!(report.requests.retried, 0, "{endpoint}");
        let _ = std::fs::remove_dir_all(cache.path());
    }
    // Just under the cap is read.
    let mock = MockS2::start(Universe::builtin_field());
    mock.queue_faults_on("citations", [Fault::Huge(CAP as usize)]);
    let cache = tempfile::tempdir().unwrap();
    let config = fetch_config(&mock, cache.path());
    let (_, report) = s2::fetch_corpus_with(&PaperList::builtin(), &config, &options, &Progress::silent()).unwrap();
    assert!(report.errors().iter().all(|e| !e.contains("larger than")), "{:?}", report.errors());
}

#[test]
fn a_capped_listing_whose_count_is_stale_says_more_exist_in_plain_words() {
    let mut u = Universe::default();
    let paper = u.add_heavily_cited("Synthetic Heavily Cited Paper", 10_200);
    u.papers[paper].external_ids.doi = Some("10.5555/synth.heavy".to_owned());
    u.papers[paper].citation_count = 5_000; // S2's count lags behind its listing
    let mock = MockS2::start(u);
    let cache = tempfile::tempdir().unwrap();
    let list = list_from("## S\n1. [Synthetic Heavily Cited Paper](https://doi.org/10.5555/synth.heavy)\n");
    let (_, report) = fetch(&list, &fetch_config(&mock, cache.path())).unwrap();
    assert_eq!(report.capped.len(), 1);
    let line = &report.capped[0];
    assert!(!line.contains("of more"), "{line}");
    assert!(line.contains("the first 9,999 rows; more exist"), "{line}");
}

/// A server that answers every request with a chunked 200 (no `Content-Length`) that goes on and
/// on, up to `limit` bytes; it returns how many bytes it managed to send.
fn endless_server(limit: usize) -> (String, std::thread::JoinHandle<usize>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/graph/v1/", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap() > 0 && line != "\r\n" {
            line.clear();
        }
        let mut stream = stream;
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
        stream.write_all(head.as_bytes()).unwrap();
        let chunk = [b' '; 16 * 1024];
        let mut sent = 0;
        while sent < limit {
            let framed = [format!("{:x}\r\n", chunk.len()).as_bytes(), &chunk, b"\r\n"].concat();
            if stream.write_all(&framed).is_err() {
                break;
            }
            sent += chunk.len();
        }
        sent
    });
    (url, handle)
}

#[test]
fn an_endless_answer_is_cut_off_at_the_cap_while_it_streams_in() {
    const CAP: u64 = 256 * 1024;
    const SERVER_LIMIT: usize = 256 * 1024 * 1024;
    let (url, server) = endless_server(SERVER_LIMIT);
    let cache = tempfile::tempdir().unwrap();
    let mock = MockS2::start(Universe::default());
    let mut config = fetch_config(&mock, cache.path());
    config.api_url = url::Url::parse(&url).unwrap();
    let list = list_from("## S\n1. [Synthetic](https://arxiv.org/abs/2301.00001)\n");
    let options = FetchOptions { max_answer: CAP, ..fast_options() };
    let (_, report) = s2::fetch_corpus_with(&list, &config, &options, &Progress::silent()).unwrap();
    let errors = report.errors();
    assert!(errors.iter().any(|e| e.contains("larger than 256 KiB")), "{errors:?}");
    let sent = server.join().unwrap();
    assert!(sent < SERVER_LIMIT, "the client read the whole stream ({sent} bytes)");
}
