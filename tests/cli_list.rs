//! `citegraph list` through the binary.

mod common;

use common::{citegraph, fixture};

#[test]
fn list_prints_the_builtin_papers_as_a_table() {
    let out = citegraph().arg("list").assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with("awesome-self-consuming-ai-papers (<built-in list>)"));
    assert!(out.contains("Foundational work (2)"));
    assert!(out.contains("arXiv:2305.17493"));
    assert!(out.contains("OpenReview:wPW3k20lkW"));
    assert!(out.contains("ICLR 2024 AGI Workshop"));
    assert!(out.trim_end().ends_with("24 papers in 6 sections: 19 arXiv, 5 OpenReview; 0 warnings"));
    assert!(out.lines().all(|l| l == l.trim_end()), "no trailing spaces");
}

#[test]
fn list_prints_json_for_scripts() {
    let out = citegraph().args(["list", "--format", "json"]).assert().success().get_output().stdout.clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["papers"].as_array().unwrap().len(), 24);
    assert_eq!(json["sections"].as_array().unwrap().len(), 6);
    let first = &json["papers"][0];
    assert_eq!(first["id"]["kind"], "arxiv");
    assert_eq!(first["id"]["value"], "2305.17493");
    assert_eq!(first["s2Id"], "ARXIV:2305.17493");
    assert_eq!(first["year"], 2023);
    assert_eq!(first["venue"], "arXiv");
    assert_eq!(json["papers"][1]["id"]["kind"], "openReview");
    assert_eq!(json["papers"][1]["s2Id"], serde_json::Value::Null);
    assert_eq!(json["warnings"], 0);
}

#[test]
fn list_warns_on_stderr_and_still_succeeds_for_problem_entries() {
    let assert = citegraph().arg("--list").arg(fixture("tricky.md")).arg("list").assert().success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("tricky.md:13: no link"), "{stderr}");
    assert!(stderr.contains("duplicate of the entry on line 8"), "{stderr}");
    let quiet = citegraph().arg("--list").arg(fixture("tricky.md")).args(["list", "-q"]).assert().success();
    assert!(quiet.get_output().stderr.is_empty());
}

#[test]
fn list_fails_with_status_1_on_a_missing_empty_or_binary_file() {
    for (name, message) in [
        ("does-not-exist.md", "cannot read the paper list"),
        ("empty.md", "holds no papers"),
        ("latin1.md", "not valid UTF-8"),
    ] {
        let assert = citegraph().arg("--list").arg(fixture(name)).arg("list").assert().code(1);
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(stderr.contains(name) && stderr.contains(message), "{name}: {stderr}");
    }
}

#[test]
fn list_reads_stdin() {
    let out = citegraph()
        .args(["--list", "-", "list", "--format", "json"])
        .write_stdin("## S\n- [arXiv 23] [From Stdin](https://arxiv.org/abs/2301.00001)\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["papers"][0]["title"], "From Stdin");
    assert_eq!(json["source"]["kind"], "stdin");
}

#[test]
fn help_explains_every_command_with_an_example() {
    let top = citegraph().arg("--help").assert().success().get_output().stdout.clone();
    let top = String::from_utf8(top).unwrap();
    for command in ["list", "fetch", "build", "rank", "missing", "evaluate"] {
        assert!(top.contains(command), "top-level help lists {command}");
        let help = citegraph().args([command, "--help"]).assert().success().get_output().stdout.clone();
        let help = String::from_utf8(help).unwrap();
        assert!(help.contains("Example"), "{command} --help has an example:\n{help}");
        assert!(help.contains("--list <PATH>"), "{command} --help shows the global options");
    }
    citegraph().arg("--version").assert().success().stdout(predicates::str::contains(env!("CARGO_PKG_VERSION")));
}
