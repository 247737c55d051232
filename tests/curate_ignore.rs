//! The ignore file: a rejected candidate disappears from every output of `build` and from
//! `missing`; malformed lines and lines matching nothing are warnings with their line numbers.

mod common;

use std::path::Path;

use common::mock_s2::MockS2;
use common::universe::Universe;
use common::{citegraph_on, outputs};

fn run(mock: &MockS2, cache: &Path, args: &[&str]) -> (String, String) {
    let output = citegraph_on(mock, cache).args(args).output().unwrap();
    let (stdout, stderr) = outputs(&output);
    assert!(output.status.success(), "citegraph {args:?} failed:\n{stderr}");
    (stdout, stderr)
}

fn missing_json(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("missing.json")).unwrap()).unwrap()
}

#[test]
fn an_ignored_candidate_disappears_from_every_output_and_bad_lines_are_warned_about() {
    let mock = MockS2::start(Universe::builtin_field());
    let dir = tempfile::tempdir().unwrap();
    let (cache, out) = (dir.path().join("cache"), dir.path().join("output"));
    let out_s = out.to_str().unwrap();
    run(&mock, &cache, &["--out-dir", out_s, "build"]);
    let before = missing_json(&out);
    let (first_id, first_title) = (before[0]["paperId"].as_str().unwrap(), before[0]["title"].as_str().unwrap());
    let second_title = before[1]["title"].as_str().unwrap().to_owned();
    for name in ["missing.md", "graph.dot", "literature-map.svg"] {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        assert!(text.contains(first_id) || text.contains(first_title), "{name} shows the top candidate before");
    }

    let ignore = dir.path().join("rejected.txt");
    std::fs::write(
        &ignore,
        format!(
            "# rejected: off topic\n{first_id}  # the top one\n\n{second_title}\narXiv:12x\n\
             2101.00001\n"
        ),
    )
    .unwrap();
    let (_, stderr) = run(&mock, &cache, &["--out-dir", out_s, "--ignore", ignore.to_str().unwrap(), "build"]);
    assert!(stderr.contains("Ignored: 2 papers of"), "{stderr}");
    assert!(stderr.contains("rejected.txt:5: `arXiv:12x` is not an arXiv id"), "{stderr}");
    assert!(stderr.contains("rejected.txt:6: `2101.00001` matches no paper"), "{stderr}");
    let after = missing_json(&out);
    assert_eq!(after.as_array().unwrap().len(), before.as_array().unwrap().len() - 2);
    assert_eq!(after[0]["paperId"], before[2]["paperId"], "the third candidate comes first");
    for name in ["missing.json", "missing.md", "graph.dot", "literature-map.svg", "timeline.svg"] {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        assert!(!text.contains(first_id) && !text.contains(first_title), "{name} leaves the ignored paper out");
        assert!(!text.contains(&second_title), "{name} leaves the paper ignored by title out");
    }

    let (stdout, _) =
        run(&mock, &cache, &["--ignore", ignore.to_str().unwrap(), "missing", "--format", "json", "--top", "3"]);
    let top: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(top[0]["paperId"], before[2]["paperId"], "`missing` follows the ignore file too");
}

#[test]
fn the_ignore_file_beside_a_list_file_is_used_without_the_flag() {
    let mock = MockS2::start(Universe::builtin_field());
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let list = dir.path().join("README.md");
    std::fs::write(&list, citegraph::paper_list::BUILTIN_LIST).unwrap();
    let list_s = list.to_str().unwrap();
    run(&mock, &cache, &["--list", list_s, "fetch"]);
    let (stdout, _) = run(&mock, &cache, &["--list", list_s, "missing", "--format", "json", "--top", "2"]);
    let before: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    std::fs::write(dir.path().join("citegraph-ignore.txt"), format!("{}\n", before[0]["paperId"].as_str().unwrap()))
        .unwrap();
    let (stdout, stderr) = run(&mock, &cache, &["--list", list_s, "missing", "--format", "json", "--top", "2"]);
    let after: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(after[0]["paperId"], before[1]["paperId"]);
    assert!(stderr.contains("Ignored: 1 paper of"), "{stderr}");
}

#[test]
fn a_missing_ignore_file_named_by_the_flag_is_an_error_naming_it() {
    let mock = MockS2::start(Universe::builtin_field());
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    run(&mock, &cache, &["fetch"]);
    let output = citegraph_on(&mock, &cache).args(["--ignore", "/nonexistent/ignore.txt", "missing"]).output().unwrap();
    let (_, stderr) = outputs(&output);
    assert!(!output.status.success());
    assert!(stderr.contains("/nonexistent/ignore.txt") && stderr.contains("--ignore"), "{stderr}");
}

#[test]
fn ignored_papers_are_the_recommendations_negatives_and_rank_reads_the_same_cache_entry() {
    let mock = MockS2::start(Universe::builtin_field());
    let dir = tempfile::tempdir().unwrap();
    let (cache, out) = (dir.path().join("cache"), dir.path().join("output"));
    let out_s = out.to_str().unwrap();
    run(&mock, &cache, &["--out-dir", out_s, "build"]);
    let first_id = missing_json(&out)[0]["paperId"].as_str().unwrap().to_owned();
    let ignore = dir.path().join("rejected.txt");
    std::fs::write(&ignore, format!("{first_id}\narXiv:2101.00001v2 # by arXiv id\nSome Title Only\n")).unwrap();
    let ignore_s = ignore.to_str().unwrap();

    mock.reset_requests();
    run(&mock, &cache, &["--out-dir", out_s, "--ignore", ignore_s, "build"]);
    let posts: Vec<_> = mock.requests().into_iter().filter(|r| r.endpoint == "recommendations").collect();
    assert_eq!(posts.len(), 1, "the new negatives make one new recommendations request");
    let body: serde_json::Value = serde_json::from_slice(&posts[0].body).unwrap();
    let negatives: Vec<&str> =
        body["negativePaperIds"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    let mut expected = vec!["ARXIV:2101.00001", first_id.as_str()];
    expected.sort_unstable();
    assert_eq!(negatives, expected, "ids of documented forms; titles are not sent");
    assert!(!body["positivePaperIds"].as_array().unwrap().iter().any(|v| v == first_id.as_str()));

    // `missing` reads the cache with the same negatives: no request, no "not cached" error.
    mock.reset_requests();
    let (stdout, _) = run(&mock, &cache, &["--ignore", ignore_s, "missing", "--format", "json"]);
    assert_eq!(mock.request_count(), 0);
    assert!(!stdout.contains(&first_id));
}

#[test]
fn an_ignored_paper_is_not_drawn_even_with_the_full_graph() {
    let mock = MockS2::start(Universe::builtin_field());
    let dir = tempfile::tempdir().unwrap();
    let (cache, out) = (dir.path().join("cache"), dir.path().join("output"));
    let out_s = out.to_str().unwrap();
    run(&mock, &cache, &["--out-dir", out_s, "build", "--full-graph"]);
    let before = missing_json(&out);
    let (id, title) = (before[0]["paperId"].as_str().unwrap(), before[0]["title"].as_str().unwrap());
    let svg = std::fs::read_to_string(out.join("literature-map.svg")).unwrap();
    assert!(svg.contains(title), "the full map draws the top candidate before it is ignored");
    let ignore = dir.path().join("rejected.txt");
    std::fs::write(&ignore, format!("{id}\n")).unwrap();
    run(&mock, &cache, &["--out-dir", out_s, "--ignore", ignore.to_str().unwrap(), "build", "--full-graph"]);
    for name in [
        "literature-map.svg",
        "timeline.svg",
        "graph.dot",
        "literature-map.html",
        "graph.graphml",
        "graph.gexf",
        "graph.json",
        "nodes.csv",
        "edges.csv",
        "graph.mmd",
        "missing.bib",
    ] {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        assert!(!text.contains(id) && !text.contains(title), "{name} leaves the ignored paper out");
    }
}
