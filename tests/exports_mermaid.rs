//! `graph.mmd`: a Mermaid flowchart of at most 60 papers, one subgraph per section, whose labels
//! hold no character Mermaid or HTML could read as syntax, and decode back to the titles.

mod common;

use std::collections::HashSet;

use citegraph::export::mermaid::{MAX_NODES, MermaidExporter};
use citegraph::export::{ExportInput, Exporter, exporters};
use citegraph::wording::short_title;
use common::exports::{HOSTILE, hostile_fixture};

fn render(input: &ExportInput<'_>) -> String {
    let mut buf = Vec::new();
    MermaidExporter.write(input, &mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}

/// The labels of the flowchart's nodes, entity codes decoded, by node id; panics on any line
/// that is not a comment, the header, a subgraph, a node, an arrow or a class.
fn parse(text: &str) -> Vec<(String, String)> {
    let mut nodes = Vec::new();
    let mut ids = HashSet::new();
    let mut depth = 0;
    let decode = |label: &str| -> String {
        let mut out = String::new();
        let mut rest = label;
        while let Some(at) = rest.find('#') {
            out.push_str(&rest[..at]);
            let end = rest[at..].find(';').expect("an entity code ends with ;") + at;
            let code: u32 = rest[at + 1..end].parse().expect("a decimal entity code");
            out.push(char::from_u32(code).unwrap());
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out
    };
    let quoted = |s: &str| -> String {
        let inner = s.strip_prefix("[\"").and_then(|s| s.strip_suffix("\"]")).unwrap_or_else(|| panic!("quoted: {s}"));
        assert!(
            !inner.chars().any(|c| "\"<>[]{}`&%|\\".contains(c) || c.is_control()),
            "no syntax character in the label {inner}"
        );
        decode(inner)
    };
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("%%") || t == "flowchart LR" || t.starts_with("classDef ") {
            continue;
        }
        if let Some(rest) = t.strip_prefix("subgraph ") {
            let at = rest.find('[').unwrap();
            quoted(&rest[at..]);
            depth += 1;
        } else if t == "end" {
            depth -= 1;
        } else if let Some((a, b)) = t.split_once(" --> ").or_else(|| t.split_once(" ==> ")) {
            assert!(ids.contains(a) && ids.contains(b), "an arrow between declared nodes: {t}");
        } else {
            let (node, class) = t.rsplit_once(":::").unwrap_or_else(|| panic!("a node line: {t}"));
            let at = node.find('[').unwrap();
            let id = &node[..at];
            assert!(id.starts_with('p') && id[1..].chars().all(|c| c.is_ascii_digit()), "{t}");
            assert!(class == "candidate" || class.starts_with('s'), "{t}");
            ids.insert(id.to_owned());
            nodes.push((id.to_owned(), quoted(&node[at..])));
        }
        assert!((0..=1).contains(&depth), "subgraphs do not nest");
    }
    assert_eq!(depth, 0, "every subgraph ends");
    nodes
}

#[test]
fn build_writes_graph_mmd() {
    assert!(exporters().iter().any(|e| e.file_name() == "graph.mmd"));
}

#[test]
fn the_flowchart_shows_at_most_60_papers_grouped_by_section() {
    let fixture = common::pictures::universe_fixture(40, false);
    let text = render(&fixture.input());
    let nodes = parse(&text);
    assert!(nodes.len() <= MAX_NODES && nodes.len() >= 30, "{} nodes", nodes.len());
    assert_eq!(text.matches("  subgraph s").count(), 6, "one subgraph per section");
    assert!(text.contains("subgraph candidates[\"Not on the list: top "));
    assert!(text.contains(" --> "), "citations drawn");
}

#[test]
fn a_hostile_title_decodes_back_from_its_label() {
    let fixture = hostile_fixture();
    let text = render(&fixture.input());
    assert!(!text.contains("</script>") && !text.contains("<b>"));
    let labels: Vec<String> = parse(&text).into_iter().map(|(_, l)| l).collect();
    let want = format!("{} (2023)", short_title(HOSTILE));
    assert!(labels.contains(&want), "{want:?} in {labels:?}");
    assert!(labels.iter().any(|l| l.starts_with("No. 1 ")), "{labels:?}");
}

/// Mermaid's own bundle (`mermaid.min.js`, from `CITEGRAPH_MERMAID_JS` or
/// `target/mermaid/mermaid.min.js`, which `.ci/run` fetches with `npm pack`) and Chromium, or
/// `None` after a note.
fn mermaid_and_chromium() -> Option<(std::path::PathBuf, std::path::PathBuf)> {
    let js = std::env::var_os("CITEGRAPH_MERMAID_JS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/mermaid/mermaid.min.js"));
    let browser = std::env::var_os("CITEGRAPH_CHROMIUM").map(std::path::PathBuf::from).or_else(|| {
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .map(|d| d.join("chromium"))
            .find(|p| p.is_file())
    });
    match (js.is_file(), browser) {
        (true, Some(browser)) => Some((js, browser)),
        _ => {
            eprintln!("note: skipped rendering graph.mmd with Mermaid: needs {} and chromium", js.display());
            None
        }
    }
}

/// Renders `text` with the real Mermaid in headless Chromium; returns the label texts of the
/// drawing, or panics with Mermaid's error.
fn mermaid_labels(js: &std::path::Path, browser: &std::path::Path, text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let escaped = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><pre id=\"out\" data-done=\"no\"></pre>\n\
         <pre id=\"src\" class=\"mermaid\">{escaped}</pre>\n<script src=\"file://{}\"></script>\n<script>\n\
         function report(value) {{ var out = document.getElementById('out'); out.textContent = JSON.stringify(value)\
         .replace(/[<>&]/g, function (c) {{ return '\\\\u' + ('000' + c.charCodeAt(0).toString(16)).slice(-4); }}); \
         out.setAttribute('data-done', 'yes'); }}\n\
         mermaid.initialize({{ startOnLoad: false, securityLevel: 'strict' }});\n\
         mermaid.run({{ nodes: [document.getElementById('src')], suppressErrors: false }}).then(function () {{\n\
           var svg = document.querySelector('#src svg');\n\
           report({{ labels: Array.prototype.map.call(svg.querySelectorAll('.node .nodeLabel'), function (e) {{ return e.textContent; }}),\n\
                    markup: svg.querySelectorAll('b, script').length }});\n\
         }}).catch(function (e) {{ report({{ error: String(e && e.message || e) }}); }});\n</script></body></html>\n",
        js.display()
    );
    let path = dir.path().join("mermaid.html");
    std::fs::write(&path, page).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
        .arg("--virtual-time-budget=20000")
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", path.display()))
        .output()
        .expect("runs chromium");
    let dom = String::from_utf8_lossy(&output.stdout);
    let start = dom.find("<pre id=\"out\"").unwrap_or_else(|| panic!("no report: {dom}"));
    let body = &dom[start..];
    let open = body.find('>').unwrap() + 1;
    assert!(body[..open].contains("data-done=\"yes\""), "Mermaid finished");
    let report: serde_json::Value = serde_json::from_str(&body[open..body.find("</pre>").unwrap()]).unwrap();
    assert!(report.get("error").is_none(), "Mermaid rejects graph.mmd: {report}\n{text}");
    assert_eq!(report["markup"], 0, "no markup from a label");
    report["labels"].as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_owned()).collect()
}

#[test]
fn mermaid_itself_renders_the_flowcharts_with_the_titles_as_text() {
    let Some((js, browser)) = mermaid_and_chromium() else { return };
    let fixture = hostile_fixture();
    let text = render(&fixture.input());
    let labels = mermaid_labels(&js, &browser, &text);
    let want: Vec<String> = parse(&text).into_iter().map(|(_, l)| l).collect();
    assert_eq!(labels, want, "Mermaid shows every label exactly as written");
    assert!(labels.contains(&format!("{} (2023)", short_title(HOSTILE))));

    let universe = common::pictures::universe_fixture(40, false);
    let text = render(&universe.input());
    assert_eq!(mermaid_labels(&js, &browser, &text).len(), parse(&text).len());
}
