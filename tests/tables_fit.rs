//! Tables for people fit the terminal: at 80 columns no line is longer (titles cut, the least
//! useful columns dropped), and piped output keeps every column at full width.

mod common;

use citegraph::console::{ListFormat, TableFormat};
use citegraph::pipeline::{print_evaluation, print_missing, print_rank};
use common::universe::Universe;
use common::universe_corpus::corpus_for;
use common::{citegraph, fixture, outputs};

type Printer<'a> =
    &'a dyn Fn(&citegraph::paper_list::PaperList, &citegraph::model::Corpus, Option<usize>, &mut Vec<u8>);

fn printed(width: Option<usize>, print: Printer<'_>) -> String {
    let list = citegraph::paper_list::PaperList::builtin();
    let corpus = corpus_for(&Universe::builtin_field(), &list);
    let mut out = Vec::new();
    print(&list, &corpus, width, &mut out);
    String::from_utf8(out).unwrap()
}

fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn rank_missing_and_evaluate_fit_80_columns_and_keep_full_width_otherwise() {
    let printers: [(&str, Printer<'_>); 3] = [
        ("rank", &|l, c, w, o| print_rank(l, c, 20, TableFormat::Table, w, o).unwrap()),
        ("missing", &|l, c, w, o| print_missing(l, c, 20, TableFormat::Table, w, o).unwrap()),
        ("evaluate", &|l, c, w, o| print_evaluation(l, c, ListFormat::Table, w, o).unwrap()),
    ];
    for (name, print) in printers {
        let fitted = printed(Some(80), print);
        assert!(widest(&fitted) <= 80, "{name} at 80 columns:\n{fitted}");
        let full = printed(None, print);
        assert!(widest(&full) > 80, "{name} piped keeps every column:\n{full}");
        let rows = |text: &str| {
            text.lines().filter(|l| l.split_whitespace().next().is_some_and(|w| w.parse::<usize>().is_ok())).count()
        };
        assert_eq!(rows(&fitted), rows(&full), "{name}: one line per row either way:\n{fitted}");
    }
    // What is cut and dropped: titles end in `…`, and rank keeps PageRank but drops Hub.
    let rank = printed(Some(80), &|l, c, w, o| print_rank(l, c, 20, TableFormat::Table, w, o).unwrap());
    assert!(rank.contains('…') && rank.contains("PageRank") && !rank.contains("Hub"), "{rank}");
    let missing = printed(Some(80), &|l, c, w, o| print_missing(l, c, 20, TableFormat::Table, w, o).unwrap());
    assert!(missing.contains("Score") && missing.contains("Title"), "{missing}");
}

#[test]
fn list_honours_columns_and_is_full_width_when_piped() {
    let fitted = citegraph().env("COLUMNS", "80").arg("list").output().unwrap();
    let (stdout, _) = outputs(&fitted);
    assert!(fitted.status.success());
    assert!(widest(&stdout) <= 80, "{stdout}");
    let piped = citegraph().env_remove("COLUMNS").arg("list").output().unwrap();
    let (full, _) = outputs(&piped);
    assert!(widest(&full) > 80, "piped output is not cut:\n{full}");
    // Machine formats never change with the width.
    let json80 = citegraph().env("COLUMNS", "40").args(["list", "--format", "json"]).output().unwrap();
    let json = citegraph().env_remove("COLUMNS").args(["list", "--format", "json"]).output().unwrap();
    assert_eq!(json80.stdout, json.stdout);
}

#[test]
fn rank_edges_fits_40_columns() {
    let out =
        citegraph().env("COLUMNS", "40").args(["rank", "--edges"]).arg(fixture("edges-diamond.txt")).output().unwrap();
    let (stdout, stderr) = outputs(&out);
    assert!(out.status.success(), "{stderr}");
    let table: String = stdout.lines().take_while(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
    assert!(widest(&table) <= 40, "{stdout}");
    assert!(table.contains("PageRank"), "{stdout}");
}

#[test]
fn list_prints_each_warning_once_on_stderr() {
    let out = citegraph().arg("--list").arg(fixture("tricky.md")).arg("list").output().unwrap();
    let (stdout, stderr) = outputs(&out);
    assert!(!stdout.lines().any(|l| l.contains(" ! ")), "warnings are not repeated in the table:\n{stdout}");
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning")).collect();
    assert!(!warnings.is_empty(), "{stderr}");
    let mut unique = warnings.clone();
    unique.dedup();
    assert_eq!(unique.len(), warnings.len(), "{stderr}");
}
