//! The reading-list exports (`missing.bib`, `missing.ris`, `missing.csl.json`) read back by real
//! parsers (bibtexparser with its LaTeX decoder, rispy, a CSL-JSON schema check with jsonschema;
//! `tests/readers/read_reading_list.py`): the same keys, titles, authors, years, venues, DOIs and
//! arXiv ids in all three, accents and braces intact, and a hostile title that survives each.

mod common;

use citegraph::export::{exporters, reading_list_exports, write_all};
use common::exports::{ACCENTED, HOSTILE, hostile_fixture, python, read_back};
use serde_json::Value;

const NAMES: [&str; 3] = ["missing.bib", "missing.ris", "missing.csl.json"];

#[test]
fn build_writes_the_three_reading_lists() {
    let names: Vec<&str> = reading_list_exports().iter().map(|e| e.file_name()).collect();
    assert_eq!(names, NAMES);
    let all: Vec<&str> = exporters().iter().map(|e| e.file_name()).collect();
    assert!(NAMES.iter().all(|n| all.contains(n)), "build writes them: {all:?}");
}

#[test]
fn the_bibtex_file_keeps_its_braces_balanced_and_names_arxiv_eprints() {
    let fixture = hostile_fixture();
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path(), &fixture.input(), &reading_list_exports()).unwrap();
    let bib = std::fs::read_to_string(dir.path().join("missing.bib")).unwrap();
    let mut depth = 0i32;
    let mut escaped = false;
    for c in bib.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '{' if !escaped => depth += 1,
            '}' if !escaped => depth -= 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
        assert!(depth >= 0, "a closing brace too many in:\n{bib}");
    }
    assert_eq!(depth, 0, "balanced braces");
    assert!(bib.contains("@article{brace2022evil,"), "{bib}");
    assert!(bib.contains("eprint = {2201.01234}") && bib.contains("archiveprefix = {arXiv}"), "{bib}");
    assert!(bib.contains("100\\%") && !bib.contains("</script>"), "{bib}");
    let ris = std::fs::read_to_string(dir.path().join("missing.ris")).unwrap();
    assert!(ris.lines().all(|l| l.is_empty() || l.get(2..6) == Some("  - ")), "every RIS line is a tag:\n{ris}");
}

#[test]
fn every_reading_list_reads_back_in_its_real_parser_with_the_hostile_title_intact() {
    let fixture = hostile_fixture();
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path(), &fixture.input(), &reading_list_exports()).unwrap();
    let Some(py) = python() else { return };
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let one_line = HOSTILE.replace('\n', " ");
    for (reader, file, title) in [
        ("bib", "missing.bib", one_line.as_str()),
        ("ris", "missing.ris", &one_line),
        ("csl", "missing.csl.json", HOSTILE),
    ] {
        let got = read_back(&py, "read_reading_list.py", &[reader, &path(file)]);
        let entries = got.as_array().unwrap();
        assert_eq!(entries.len(), 2, "{reader}: both candidates");
        let (first, second) = (&entries[0], &entries[1]);
        assert_eq!(first["key"], "brace2022evil", "{reader}: a stable key");
        assert_eq!(second["key"], "odegard2021uber", "{reader}: accents folded in the key");
        assert_eq!(first["title"], title, "{reader}: the hostile title survives");
        assert_eq!(second["title"], ACCENTED, "{reader}: accents survive");
        assert_eq!(
            first["authors"],
            serde_json::json!(["{Brace}, Zoë \"Z\" <Author>", "Núñez, José"]),
            "{reader}: authors split, braces and accents kept"
        );
        assert_eq!(second["authors"], serde_json::json!(["Ødegård, Renée", "Plato"]), "{reader}");
        assert_eq!(first["year"], "2022", "{reader}");
        assert_eq!(first["venue"], "Journal of \"Hard\" & {Cases}", "{reader}");
        assert_eq!(second["venue"], "Revue française", "{reader}");
        assert_eq!(first["doi"], "10.1234/ab(c)<d>", "{reader}");
        assert!(first["eprint"].as_str().unwrap().ends_with("2201.01234"), "{reader}: the arXiv id");
        assert_eq!(first["url"], "https://arxiv.org/abs/2201.01234", "{reader}");
        let note = first["note"].as_str().unwrap_or_else(|| panic!("{reader}: a note in {first}"));
        assert!(note.starts_with("citegraph candidate #1 (score "), "{reader}: {note}");
        let kind = first["type"].as_str().unwrap();
        assert!(["article", "JOUR", "article-journal"].contains(&kind), "{reader}: {kind}");
        if reader == "bib" {
            assert_eq!(second["archiveprefix"], Value::Null);
        }
    }
}
