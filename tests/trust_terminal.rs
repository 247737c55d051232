//! Trust, the terminal: a title holding terminal escapes (`ESC]0;…BEL`
//! retitles the terminal, `ESC[2K` erases a line, C1 `CSI`) reaches neither stdout tables nor
//! stderr chatter raw; JSON on stdout stays valid and carries the title unchanged.

mod common;

use common::mock_s2::MockS2;
use common::universe::{FixturePaper, Kind, Universe};
use common::{citegraph, citegraph_on, outputs};

const HOSTILE_TITLE: &str = "Retitle \u{1b}]0;pwned\u{7} Erase \u{1b}[2K Csi \u{9b}31m Nul\u{0}";

/// The control characters a terminal acts on (a newline and a tab are layout, not commands).
fn controls(text: &str) -> Vec<char> {
    text.chars().filter(|&c| c.is_control() && c != '\n' && c != '\t').collect()
}

fn hostile_list() -> String {
    format!(
        "# List \u{1b}]0;named\u{7}\n## Section \u{1b}[2K one\n1. [arXiv 23] [{}](https://arxiv.org/abs/2301.00001)\n\
         1. [arXiv 23] [Bad \u{1b}\\[31m link](https://example.org/nothing)\n",
        HOSTILE_TITLE.replace('[', "\\[").replace(']', "\\]")
    )
}

#[test]
fn list_tables_and_warnings_carry_no_escape() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.md");
    std::fs::write(&path, hostile_list()).unwrap();
    let output = citegraph().args(["list", "--list"]).arg(&path).output().unwrap();
    let (stdout, stderr) = outputs(&output);
    assert!(stdout.contains("Retitle ]0;pwned Erase [2K"), "the title is shown, cleaned: {stdout}");
    assert!(controls(&stdout).is_empty(), "stdout: {stdout:?}");
    assert!(controls(&stderr).is_empty(), "stderr: {stderr:?}");
}

#[test]
fn list_json_keeps_the_title_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.md");
    std::fs::write(&path, hostile_list()).unwrap();
    let output = citegraph().args(["list", "--format", "json", "--list"]).arg(&path).output().unwrap();
    assert!(output.status.success());
    let (stdout, _) = outputs(&output);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(json["name"], "List \u{1b}]0;named\u{7}", "the name is unchanged");
    assert_eq!(json["papers"][0]["title"], HOSTILE_TITLE, "the title is unchanged");
}

/// The built-in field plus a top candidate with the hostile title.
fn mock() -> MockS2 {
    let mut universe = Universe::builtin_field();
    let hostile = universe.add({
        let mut p = FixturePaper::new(Kind::Field, HOSTILE_TITLE, Some(2024));
        p.citation_count = 90;
        p
    });
    for listed in universe.of_kind(Kind::Listed) {
        universe.cite(listed, hostile, true, &["background"]);
    }
    universe.settle_counts();
    MockS2::start(universe)
}

#[test]
fn build_summary_and_result_tables_carry_no_escape() {
    let mock = mock();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let output =
        citegraph_on(&mock, &cache).arg("--out-dir").arg(dir.path().join("out")).arg("build").output().unwrap();
    let (stdout, stderr) = outputs(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("Retitle ]0;pwned Erase [2K Csi 31m"), "the summary names it, cleaned: {stderr}");
    assert!(controls(&stderr).is_empty(), "build stderr: {stderr:?}");
    assert!(controls(&stdout).is_empty(), "build stdout: {stdout:?}");
    for task in [["missing", "--top", "5"], ["rank", "--top", "40"]] {
        let output = citegraph_on(&mock, &cache).args(task).output().unwrap();
        let (stdout, stderr) = outputs(&output);
        assert!(output.status.success(), "{stderr}");
        assert!(stdout.contains("Retitle ]0;pwned Erase"), "{task:?} shows the title, cleaned: {stdout}");
        assert!(controls(&stdout).is_empty(), "{task:?} stdout: {stdout:?}");
        assert!(controls(&stderr).is_empty(), "{task:?} stderr: {stderr:?}");
    }
}

#[test]
fn missing_json_on_stdout_is_valid_and_unchanged() {
    let mock = mock();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    assert!(citegraph_on(&mock, &cache).arg("fetch").output().unwrap().status.success());
    let output = citegraph_on(&mock, &cache).args(["missing", "--format", "json"]).output().unwrap();
    let (stdout, stderr) = outputs(&output);
    assert!(output.status.success(), "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert!(json.as_array().unwrap().iter().any(|e| e["title"] == HOSTILE_TITLE), "the title is exact in JSON");
}
