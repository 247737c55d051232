//! `citegraph lint` on the fixtures under tests/fixtures/lint/, one per rule, against a small
//! synthetic universe served by the mock: each finding's line, level and rule, the exit status,
//! and the three formats.

mod common;

use std::path::Path;

use common::mock_s2::MockS2;
use common::universe::{FixturePaper, Kind, Universe};
use common::{citegraph_on, fixture, outputs};

/// Five synthetic papers the fixtures name (index 4 has the S2 id the duplicate fixture links).
fn lint_universe() -> Universe {
    let mut u = Universe::default();
    let mut paper = |title: &str, arxiv: Option<&str>, year: i32, date: &str, venue: &str, doi: Option<&str>| {
        let mut p = FixturePaper::new(Kind::Listed, title, Some(year));
        p.external_ids.arxiv = arxiv.map(str::to_owned);
        p.external_ids.doi = doi.map(str::to_owned).or(arxiv.map(|a| format!("10.48550/arXiv.{a}")));
        p.publication_date = Some(date.to_owned());
        p.venue = venue.to_owned();
        p.authors = vec![(Some(format!("{}", 100 + year)), format!("Synthetic Author {year}"))];
        u.add(p)
    };
    let a = paper("Alpha Study of Recursive Training", Some("2301.00100"), 2023, "2023-01-10", "arXiv.org", None);
    let b = paper(
        "Beta Results on Model Collapse",
        Some("2302.00200"),
        2023,
        "2024-05-07",
        "International Conference on Learning Representations",
        Some("10.5555/beta"),
    );
    let g = paper("Gamma Theory of Synthetic Data", Some("2401.00300"), 2024, "2024-01-15", "arXiv.org", None);
    let d = paper("Delta Experiments with Feedback Loops", Some("2305.00400"), 2023, "2023-05-20", "arXiv.org", None);
    let e = paper("Epsilon Survey of Self Consuming Models", None, 2023, "2023-08-01", "Nature", Some("10.5555/eps"));
    // The preprint of e: its own record on Semantic Scholar, the same title.
    let e2 =
        paper("Epsilon Survey of Self Consuming Models", Some("2306.00600"), 2023, "2023-06-01", "arXiv.org", None);
    for (citing, cited) in [(b, a), (g, a), (g, b), (d, a), (e, d), (e2, d)] {
        u.cite(citing, cited, false, &[]);
    }
    u.settle_counts();
    u
}

/// `lint --format json` on a fixture: (line, level, rule) of every finding, and the exit code.
fn lint(mock: &MockS2, cache: &Path, name: &str) -> (Vec<(u64, String, String)>, serde_json::Value, i32) {
    let output = citegraph_on(mock, cache)
        .arg("--list")
        .arg(fixture(&format!("lint/{name}")))
        .args(["lint", "--format", "json"])
        .output()
        .unwrap();
    let (stdout, stderr) = outputs(&output);
    let json: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("lint {name}: {e}\n{stdout}\n{stderr}"));
    let found = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["level"].as_str().unwrap().to_owned(),
                f["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (found, json, output.status.code().unwrap())
}

fn expect(items: &[(u64, &str, &str)]) -> Vec<(u64, String, String)> {
    items.iter().map(|(l, level, rule)| (*l, level.to_string(), rule.to_string())).collect()
}

#[test]
fn every_rule_reports_its_fixture_with_line_level_and_fix() {
    let mock = MockS2::start(lint_universe());
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");

    let (found, json, code) = lint(&mock, &cache, "duplicate.md");
    assert_eq!(
        found,
        expect(&[
            (6, "error", "duplicate"),
            (10, "error", "duplicate"),
            (10, "warning", "title"),
            (12, "error", "duplicate"),
            (12, "warning", "title")
        ]),
        "{json:#}"
    );
    assert_eq!(code, 1, "duplicates are errors");
    assert!(json[0]["message"].as_str().unwrap().contains("line 4"), "{json:#}");
    assert!(json[1]["message"].as_str().unwrap().contains("Semantic Scholar resolves"), "{json:#}");
    assert!(json[3]["message"].as_str().unwrap().contains("preprint and its published version"), "{json:#}");

    let (found, json, code) = lint(&mock, &cache, "unresolved.md");
    assert_eq!(
        found,
        expect(&[(5, "error", "unresolved"), (6, "error", "unresolved"), (6, "warning", "link")]),
        "{json:#}"
    );
    assert_eq!(code, 1);

    let (found, json, code) = lint(&mock, &cache, "published.md");
    assert_eq!(found, expect(&[(4, "warning", "published")]), "{json:#}");
    assert!(json[0]["fix"].as_str().unwrap().contains("`[ICLR 24]`"), "{json:#}");
    assert!(json[0]["fix"].as_str().unwrap().contains("https://doi.org/10.5555/beta"), "{json:#}");
    assert_eq!(code, 0, "warnings only: exit status 0");

    let (found, json, _) = lint(&mock, &cache, "tag-year.md");
    assert_eq!(found, expect(&[(4, "warning", "tag-year"), (5, "warning", "tag-year")]), "{json:#}");
    assert!(json[0]["fix"].as_str().unwrap().contains("`[arXiv 24]`"), "{json:#}");
    assert!(json[1]["fix"].as_str().unwrap().contains("`[Nature 23]`"), "{json:#}");

    let (found, json, _) = lint(&mock, &cache, "title.md");
    assert_eq!(found, expect(&[(4, "warning", "title"), (5, "error", "duplicate")]), "{json:#}");
    assert!(json[0]["fix"].as_str().unwrap().contains("Delta Experiments with Feedback Loops"));

    let (found, json, _) = lint(&mock, &cache, "order.md");
    assert_eq!(found, expect(&[(7, "warning", "order")]), "{json:#}");
    assert!(json[0]["fix"].as_str().unwrap().contains("above the entry on line 6"), "{json:#}");

    let (found, json, _) = lint(&mock, &cache, "authors.md");
    assert_eq!(found, expect(&[(6, "warning", "authors")]), "{json:#}");
    assert!(json[0]["fix"].as_str().unwrap().contains("Synthetic Author 2023"), "{json:#}");

    let (found, json, code) = lint(&mock, &cache, "clean.md");
    assert_eq!((found, code), (vec![], 0), "{json:#}");
}

#[test]
fn github_and_table_formats_name_file_and_line() {
    let mock = MockS2::start(lint_universe());
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let list = fixture("lint/duplicate.md");
    let run = |format: &str| {
        let output =
            citegraph_on(&mock, &cache).arg("--list").arg(&list).args(["lint", "--format", format]).output().unwrap();
        (outputs(&output).0, output.status.code())
    };
    let (github, code) = run("github");
    assert_eq!(code, Some(1));
    let first = github.lines().next().unwrap();
    assert!(
        first.starts_with(&format!("::error file={},line=6,title=citegraph lint%3A duplicate::", list.display())),
        "{github}"
    );
    assert!(github.lines().any(|l| l.starts_with("::warning ")), "{github}");
    let (table, _) = run("table");
    assert!(
        table.contains(&format!("{}:6: error[duplicate]: duplicate of the entry on line 4", list.display())),
        "{table}"
    );
    assert!(table.contains("    fix: remove this entry or the one on line 4"), "{table}");
    assert!(table.trim_end().ends_with("3 errors, 2 warnings"), "{table}");
}

#[test]
fn the_built_in_list_lints_without_errors_against_the_mock() {
    let mock = MockS2::start(Universe::builtin_field());
    let dir = tempfile::tempdir().unwrap();
    let output = citegraph_on(&mock, &dir.path().join("cache")).args(["lint"]).output().unwrap();
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stdout.lines().last().unwrap().starts_with("0 errors, "), "{stdout}");
    // The two foundational papers have no author line, unlike the other 22.
    assert_eq!(
        stdout.matches("warning[authors]: no author line, unlike 22 of the list's 24 entries").count(),
        2,
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .all(|l| l.starts_with("<built-in list>:") || l.starts_with("    fix: ") || l.starts_with("0 errors")),
        "{stdout}"
    );
}
