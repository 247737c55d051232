//! Test support for the exports read back by real readers: a ranked graph whose listed paper and
//! candidates carry every character a format could trip on, and the Python readers under
//! `tests/readers/` run with the interpreter of `CITEGRAPH_PY` (`.ci/run` sets it to the venv it
//! makes under `target/py-readers`), else that venv when present, else skipped with a note.

use std::path::{Path, PathBuf};
use std::process::Command;

use citegraph::graph::{CitationEdge, CitationGraph, ListedInfo};
use citegraph::paper_list::{ListSource, parse_markdown};
use citegraph::rank::{RankOptions, rank};

use super::pictures::{Fixture, options, paper};

/// A title that tries every escaping mistake of every format at once: quotes, backslashes,
/// markup, an ampersand, a newline, braces, per cent, TeX and Mermaid specials, `</script>`,
/// accents and CJK.
pub const HOSTILE: &str = "Evil \"quoted\" 'single' \\back\\slash\\ <b>bold</b> & co {braces} 100% $x_1$ #1 ~^ \
                           [x](y) `tick` </script><script>alert(1)</script>\nnext line — Chloé ∞ 模型崩溃";

/// An author name of the same kind.
pub const HOSTILE_AUTHOR: &str = "Zoë \"Z\" <Author> {Brace}";

/// A title with accents only, as a reference manager must keep them.
pub const ACCENTED: &str = "Über naïve Ähnlichkeit: café, señor, Øresund";

/// Two listed papers and two candidates; the best candidate (`cand-hostile`) has the hostile
/// title, a DOI and an arXiv id; the second (`cand-accents`) accents and a venue.
pub fn hostile_fixture() -> Fixture {
    let mut list = parse_markdown(
        ListSource::Stdin,
        "# placeholder\n## Quotes \"and\" <angles> & {more} </script>\n1. [arXiv 23] [A](https://arxiv.org/abs/2301.00001)\n\
         1. [arXiv 23] [B](https://arxiv.org/abs/2301.00002)\n",
    );
    list.name = format!("List {HOSTILE}");
    let section = list.sections[0].name.clone();
    let mut graph = CitationGraph::new();
    let a = graph.add_paper(paper("listed-hostile", HOSTILE, Some(2023), &[HOSTILE_AUTHOR, "B & C"]));
    let b = graph.add_paper(paper("listed-plain", "Plain Listed Paper", Some(2023), &["D. E."]));
    let mut hostile = paper("cand-hostile", HOSTILE, Some(2022), &[HOSTILE_AUTHOR, "José Núñez"]);
    hostile.external_ids.doi = Some("10.1234/ab(c)<d>".to_owned());
    hostile.external_ids.arxiv = Some("2201.01234".to_owned());
    hostile.venue = Some("Journal of \"Hard\" & {Cases}".to_owned());
    hostile.citation_count = Some(12);
    let c = graph.add_paper(hostile);
    let mut accents = paper("cand-accents", ACCENTED, Some(2021), &["Renée Ødegård", "Plato"]);
    accents.venue = Some("Revue française".to_owned());
    let d = graph.add_paper(accents);
    graph.mark_listed(a, ListedInfo { list_index: 0, section: section.clone(), tag: None });
    graph.mark_listed(b, ListedInfo { list_index: 1, section, tag: None });
    graph.add_citation(b, a, CitationEdge { is_influential: Some(true), intents: vec![] });
    graph.add_citation(a, c, CitationEdge { is_influential: Some(false), intents: vec![] });
    graph.add_citation(b, c, CitationEdge::default());
    graph.add_citation(d, a, CitationEdge::default());
    let rankings = rank(&graph, &RankOptions::default());
    assert_eq!(rankings.candidates.len(), 2, "both unlisted papers are candidates");
    Fixture { list, graph, rankings, options: options(40, false) }
}

/// The Python interpreter with the readers installed, or `None` (after a note) when there is none.
pub fn python() -> Option<PathBuf> {
    if let Some(py) = std::env::var_os("CITEGRAPH_PY") {
        return Some(PathBuf::from(py));
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/py-readers/bin/python");
    if venv.exists() {
        return Some(venv);
    }
    eprintln!(
        "note: skipped the Python readers: set CITEGRAPH_PY to a Python with networkx, igraph, \
         bibtexparser, rispy and jsonschema (.ci/run makes target/py-readers)"
    );
    None
}

/// Runs `tests/readers/<script>` with `args` and parses what it prints as JSON; panics with the
/// reader's error when it fails (a file the real reader rejects).
pub fn read_back(python: &Path, script: &str, args: &[&str]) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/readers").join(script);
    let output = Command::new(python).arg(&path).args(args).output().expect("runs the Python reader");
    assert!(output.status.success(), "{script} {args:?} failed:\n{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("the reader prints JSON")
}
