//! What a newcomer meets in the first hour: `citegraph demo`, the help, flags that do nothing or
//! make no sense, exit statuses, completions and the man page, the error without network.

mod common;

use std::path::{Path, PathBuf};

use citegraph::paper_list::PaperList;
use common::mock_s2::MockS2;
use common::universe::Universe;
use common::{citegraph, fetch, fetch_config, outputs};

/// Every file `build` writes (`tests/cli_build.rs` pins the list by name): the demo writes them all.
fn outputs_of_build() -> Vec<&'static str> {
    citegraph::export::exporters().iter().map(|e| e.file_name()).collect()
}

/// Checks a demo's output directory: every file, each labelled synthetic, none claiming
/// Semantic Scholar's data.
fn assert_demo_outputs(dir: &Path) {
    for name in outputs_of_build() {
        assert!(dir.join(name).is_file(), "demo wrote {name} into {}", dir.display());
    }
    for name in ["literature-map.svg", "timeline.svg"] {
        let svg = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(svg.contains("SYNTHETIC DEMO DATA"), "{name} says in its title that the data is synthetic");
        assert!(svg.contains("citations from synthetic demo data, data as of"), "{name} subtitle names the source");
        assert!(svg.contains("Citations from synthetic demo data"), "{name} legend names the source");
        assert!(!svg.contains("from Semantic Scholar"), "{name} never credits Semantic Scholar with synthetic data");
    }
    let missing = std::fs::read_to_string(dir.join("missing.md")).unwrap();
    assert!(missing.contains("SYNTHETIC DEMO DATA") && missing.contains("from synthetic demo data of"), "{missing}");
    let rankings = std::fs::read_to_string(dir.join("rankings.md")).unwrap();
    assert!(rankings.contains("; synthetic demo data of"), "{rankings}");
}

#[test]
fn demo_builds_every_output_of_synthetic_data_into_out_dir() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("demo");
    let run = citegraph().arg("demo").arg("--out-dir").arg(&dir).output().unwrap();
    let (stdout, stderr) = outputs(&run);
    assert!(run.status.success(), "{stderr}");
    assert_demo_outputs(&dir);
    assert_eq!(stdout.lines().count(), outputs_of_build().len(), "one path per file on stdout:\n{stdout}");
    assert!(stderr.contains("SYNTHETIC"), "{stderr}");
    let map = dir.join("literature-map.svg");
    assert!(stderr.contains(&format!("The pictures: {}", map.display())), "says where the pictures are:\n{stderr}");
}

#[test]
fn demo_without_out_dir_writes_into_a_new_temporary_directory_it_keeps() {
    let run = citegraph().arg("demo").arg("-q").output().unwrap();
    let (stdout, stderr) = outputs(&run);
    assert!(run.status.success(), "{stderr}");
    let first = PathBuf::from(stdout.lines().next().expect("the demo prints the files it wrote"));
    let dir = first.parent().unwrap().to_path_buf();
    assert!(dir.file_name().unwrap().to_string_lossy().starts_with("citegraph-demo-"), "{}", dir.display());
    assert!(dir.starts_with(std::env::temp_dir()), "{}", dir.display());
    assert_demo_outputs(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn data_from_another_api_is_labelled_with_its_url() {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = common::citegraph_on(&mock, cache.path()).arg("build").arg("--out-dir").arg(out.path()).output().unwrap();
    assert!(run.status.success(), "{}", outputs(&run).1);
    let svg = std::fs::read_to_string(out.path().join("literature-map.svg")).unwrap();
    assert!(svg.contains(&format!("citations from {}, data as of", mock.api_url())), "subtitle names the mock's URL");
    assert!(!svg.contains("Semantic Scholar, data as of"), "the mock's data is not credited to Semantic Scholar");
    let missing = std::fs::read_to_string(out.path().join("missing.md")).unwrap();
    assert!(missing.contains(&format!("from {} data of", mock.api_url())), "{missing}");
    assert_eq!(
        citegraph::pipeline::data_source(&url::Url::parse(&format!("{}/", citegraph::defaults::API_URL)).unwrap()),
        "Semantic Scholar"
    );
}

#[test]
fn build_help_shows_its_own_options_before_the_global_ones() {
    let run = citegraph().args(["build", "--help"]).output().unwrap();
    let (help, _) = outputs(&run);
    assert!(run.status.success());
    let (own, global) = help.split_once("\nGlobal options:\n").unwrap_or_else(|| panic!("a global heading:\n{help}"));
    assert!(own.contains("\nOptions:\n"), "{help}");
    let option_line = |part: &str, flag: &str| part.lines().any(|l| l.trim_start().starts_with(flag));
    for flag in ["--map-top", "--full-graph"] {
        assert!(option_line(own, flag) && !option_line(global, flag), "{flag} is the command's own:\n{help}");
    }
    for flag in ["--list", "--cache-dir", "--out-dir", "--api-url", "--offline", "--refresh", "--rps", "-q, --quiet"] {
        assert!(option_line(global, flag) && !option_line(own, flag), "{flag} is under the global heading:\n{help}");
    }
}

#[test]
fn global_options_that_do_nothing_for_the_command_are_warned_about() {
    let run = citegraph().args(["list", "--refresh", "--rps", "5", "--out-dir", "zzz"]).output().unwrap();
    let (_, stderr) = outputs(&run);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("--refresh, --rps, --out-dir do nothing for `citegraph list`"), "{stderr}");
    assert!(!Path::new("zzz").exists());
    let run = citegraph()
        .args(["demo", "--list", "x.md", "--offline", "--out-dir"])
        .arg(tempfile::tempdir().unwrap().path())
        .output()
        .unwrap();
    let (_, stderr) = outputs(&run);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("--list, --offline do nothing for `citegraph demo`"), "{stderr}");
    let run = citegraph().args(["build", "--help"]).output().unwrap();
    assert!(outputs(&run).1.is_empty(), "a command that uses every option warns of none");
}

#[test]
fn rps_out_of_range_or_negative_is_a_usage_error_naming_the_bounds() {
    for value in ["-1", "0", "1e-9", "101", "NaN"] {
        let run = citegraph().args(["--rps", value, "fetch"]).output().unwrap();
        let (_, stderr) = outputs(&run);
        assert_eq!(run.status.code(), Some(2), "--rps {value}: {stderr}");
        assert!(stderr.contains("--rps") && stderr.contains("from 0.01 to 100"), "--rps {value}: {stderr}");
        assert!(!stderr.contains("unexpected argument"), "{stderr}");
    }
}

#[test]
fn exit_statuses_are_2_for_usage_errors_and_1_for_failed_runs() {
    let code = |args: &[&str]| citegraph().args(args).output().unwrap().status.code();
    assert_eq!(code(&["--no-such-flag", "list"]), Some(2), "clap's own usage error");
    assert_eq!(code(&["missing", "--top", "0"]), Some(2), "a value citegraph refuses");
    assert_eq!(code(&["--api-url", "not a url", "fetch"]), Some(2));
    assert_eq!(code(&["--list", "/no/such/list.md", "list"]), Some(1), "a run that fails");
    assert_eq!(code(&["list"]), Some(0));
    let help = citegraph().arg("--help").output().unwrap();
    assert!(outputs(&help).0.contains("Exit status: 0 success; 1 the run failed"), "--help documents them");
}

#[test]
fn completions_and_the_man_page_cover_every_command() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = citegraph().args(["completions", shell]).output().unwrap();
        let (script, stderr) = outputs(&run);
        assert!(run.status.success(), "{shell}: {stderr}");
        for word in ["citegraph", "demo", "missing", "map-top"] {
            assert!(script.contains(word), "{shell} completion knows {word}");
        }
    }
    let run = citegraph().arg("man").output().unwrap();
    let (page, _) = outputs(&run);
    assert!(run.status.success());
    assert!(page.contains(".TH citegraph 1"), "{page}");
    for text in ["EXIT STATUS", "HTTPS_PROXY", "CITEGRAPH BUILD", "\\-\\-map\\-top", "CITEGRAPH DEMO"] {
        assert!(page.contains(text), "the man page has {text}");
    }
}

#[test]
fn without_network_the_error_is_one_short_line_pointing_at_offline_and_the_demo() {
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let cache = tempfile::tempdir().unwrap();
    let config = citegraph::s2::FetchConfig {
        api_url: url::Url::parse(&format!("http://127.0.0.1:{port}/graph/v1/")).unwrap(),
        ..fetch_config(&MockS2::start(Universe::default()), cache.path())
    };
    let message = format!("{:#}", fetch(&PaperList::builtin(), &config).unwrap_err());
    assert!(!message.contains('\n') && message.chars().count() <= 240, "{} chars: {message}", message.chars().count());
    assert!(message.contains("--offline") && message.contains("`citegraph demo`"), "{message}");
    assert!(!message.contains("error sending request"), "only the innermost cause: {message}");
}
