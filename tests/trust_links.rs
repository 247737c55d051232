//! Trust, paper links: an arXiv id or DOI from the API that carries markup
//! (`" onmouseover="alert(1)`) never becomes a link, in any output, nor an event handler once
//! GraphViz renders `graph.dot`; a valid DOI needing encoding is percent-encoded.

mod common;

use std::path::Path;

use common::mock_s2::MockS2;
use common::universe::{FixturePaper, Kind, Universe};
use common::{citegraph_on, outputs};

const HOSTILE: &str = "\" onmouseover=\"alert(1)";
/// A valid DOI whose suffix holds characters a URL path cannot carry raw.
const ODD_DOI: &str = "10.5555/a<b>#c?d%e";
const ODD_DOI_URL: &str = "https://doi.org/10.5555/a%3Cb%3E%23c%3Fd%25e";

/// The built-in field plus three top candidates: one with a hostile arXiv id, one with a hostile
/// DOI, one with a valid but odd DOI. Built into `out`.
fn build_with_hostile_ids(dir: &Path) -> std::path::PathBuf {
    let mut universe = Universe::builtin_field();
    let mut papers = Vec::new();
    for (title, arxiv, doi) in [
        ("Hostile arXiv Id Paper", Some(format!("2301.99999{HOSTILE}")), None),
        ("Hostile DOI Paper", None, Some(format!("10.5555/x{HOSTILE}"))),
        ("Odd DOI Paper", None, Some(ODD_DOI.to_owned())),
    ] {
        let mut p = FixturePaper::new(Kind::Field, title, Some(2024));
        p.citation_count = 90;
        p.external_ids.arxiv = arxiv;
        p.external_ids.doi = doi;
        papers.push(universe.add(p));
    }
    for listed in universe.of_kind(Kind::Listed) {
        for &p in &papers {
            universe.cite(listed, p, true, &["background"]);
        }
    }
    universe.settle_counts();
    let mock = MockS2::start(universe);
    let out = dir.join("output");
    let output = citegraph_on(&mock, &dir.join("cache")).arg("--out-dir").arg(&out).arg("build").output().unwrap();
    let (_, stderr) = outputs(&output);
    assert!(output.status.success(), "build failed:\n{stderr}");
    out
}

fn read(out: &Path, name: &str) -> String {
    std::fs::read_to_string(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn hostile_ids_become_no_link_in_any_written_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_with_hostile_ids(dir.path());
    for name in ["graph.dot", "literature-map.svg", "timeline.svg", "missing.md", "rankings.md", "rankings.csv"] {
        let text = read(&out, name);
        assert!(!text.contains("onmouseover"), "{name} carries the hostile id:\n{text}");
        assert!(!text.contains("alert(1)"), "{name} carries the hostile id");
    }
    let dot = read(&out, "graph.dot");
    for line in dot.lines().filter(|l| l.contains("URL=")) {
        let url = line.split("URL=\"").nth(1).unwrap().split('"').next().unwrap();
        assert!(!url.contains('\\') && !url.contains(' '), "a URL in graph.dot is clean: {url}");
    }
    assert!(dot.contains(&format!("URL=\"{ODD_DOI_URL}\"")), "the odd DOI is percent-encoded in graph.dot");
}

#[test]
fn markdown_links_hold_no_quote_space_or_markup() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_with_hostile_ids(dir.path());
    for name in ["missing.md", "rankings.md"] {
        let text = read(&out, name);
        for destination in text.split("](").skip(1).map(|rest| rest.split(')').next().unwrap()) {
            assert!(destination.starts_with("https://"), "{name}: {destination}");
            assert!(!destination.contains(['"', ' ', '<', '>', '\'']), "{name}: {destination}");
        }
    }
    assert!(read(&out, "missing.md").contains(ODD_DOI_URL.replace("(", "%28").as_str()), "odd DOI in missing.md");
}

#[test]
fn json_urls_come_only_from_valid_ids() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_with_hostile_ids(dir.path());
    let missing: serde_json::Value = serde_json::from_str(&read(&out, "missing.json")).unwrap();
    let entry = |title: &str| missing.as_array().unwrap().iter().find(|e| e["title"] == title).unwrap().clone();
    let arxiv = entry("Hostile arXiv Id Paper");
    assert_eq!(arxiv["externalIds"]["ArXiv"], format!("2301.99999{HOSTILE}"), "the data itself stays intact");
    let sha = arxiv["paperId"].as_str().unwrap();
    assert_eq!(arxiv["url"], format!("https://www.semanticscholar.org/paper/{sha}"), "falls back to S2");
    let doi = entry("Hostile DOI Paper");
    assert_eq!(doi["url"], format!("https://www.semanticscholar.org/paper/{}", doi["paperId"].as_str().unwrap()));
    assert_eq!(entry("Odd DOI Paper")["url"], ODD_DOI_URL);
}

#[test]
fn svg_rendered_by_graphviz_has_no_event_handler() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_with_hostile_ids(dir.path());
    let Ok(output) = std::process::Command::new("dot").arg("-Tsvg").arg(out.join("graph.dot")).output() else {
        eprintln!("GraphViz `dot` is not installed: skipping the rendered check");
        return;
    };
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let svg = String::from_utf8(output.stdout).unwrap();
    assert!(!svg.contains("onmouseover"), "an event handler in the rendered SVG");
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(&svg, options).expect("GraphViz's SVG is valid XML");
    for node in doc.descendants() {
        for attribute in node.attributes() {
            assert!(!attribute.name().starts_with("on"), "event handler {} in the rendered SVG", attribute.name());
        }
    }
    assert!(svg.contains(ODD_DOI_URL), "the odd DOI's link survives rendering");
}

#[test]
fn the_map_svg_links_only_valid_ids() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_with_hostile_ids(dir.path());
    for name in ["literature-map.svg", "timeline.svg"] {
        let text = read(&out, name);
        let doc = roxmltree::Document::parse(&text).unwrap();
        for link in doc.descendants().filter(|n| n.has_tag_name("a")) {
            let href = link.attributes().find(|a| a.name() == "href").map(|a| a.value()).unwrap_or_default();
            assert!(
                href.starts_with("https://arxiv.org/abs/")
                    || href.starts_with("https://doi.org/10.")
                    || href.starts_with("https://www.semanticscholar.org/paper/"),
                "{name}: {href}"
            );
            assert!(!href.contains(['"', ' ', '<', '>']), "{name}: {href}");
        }
    }
}
