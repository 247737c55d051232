//! Stage 5, `literature-map.html`: the literature map as one interactive page that needs nothing
//! else — the papers where the map's own layout put them (the same scene as
//! `literature-map.png`), with pan and zoom, fit, search, filters, hover cards and the top
//! candidates beside it. Plain JavaScript and CSS of our own (`assets/`), inline; a
//! Content-Security-Policy with their hashes forbids every request; the data is JSON in a
//! `<script type="application/json">` with `<`, `>` and `&` as `\u` escapes, so a title can never
//! close the script, and the page inserts every title as text. Opening it with
//! `#selftest=QUERY` makes the page check its own interactions and write the results into
//! `<pre id="selftest">` (the browser test reads them).

use std::fmt::Write as _;
use std::io::Write;

use anyhow::Result;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::reasons::words;
use super::records::round6;
use super::{ExportInput, Exporter};
use crate::picture::palette::{self, CANDIDATE_FILL, CANDIDATE_STROKE, CONTEXT_FILL};
use crate::picture::selection::Role;
use crate::picture::text::{clean_text, section_display_name, year_of};
use crate::wording::json_text;

/// The page's script.
const SCRIPT: &str = include_str!("assets/literature-map.js");
/// The page's style sheet.
const STYLE: &str = include_str!("assets/literature-map.css");

/// Writes `literature-map.html`.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlMapExporter;

impl Exporter for HtmlMapExporter {
    fn file_name(&self) -> &'static str {
        "literature-map.html"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        out.write_all(render(input).as_bytes())?;
        Ok(())
    }
}

/// `text` escaped for HTML text or a double-quoted attribute.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// JSON text safe inside a `<script>` element: `<`, `>`, `&` and the two JavaScript line
/// separators as `\u` escapes (they occur only inside JSON strings, where the escapes mean the
/// same characters).
pub fn script_safe_json(value: &Value) -> String {
    let text = json_text(value.to_string());
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The CSP source of an inline script or style: `'sha256-<base64>'`.
fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The map's data: the shown papers with their place, size, colour, metadata and reasons, the
/// citations among them, the labels the map places, and the top candidates.
pub fn data(input: &ExportInput<'_>) -> Value {
    let scene = input.map_scene();
    let selection = &scene.selection;
    let graph = input.graph;
    let r2 = |x: f64| (x * 100.0).round() / 100.0;
    let mut years = (i32::MAX, i32::MIN);
    let papers: Vec<Value> = selection
        .papers
        .iter()
        .enumerate()
        .map(|(i, shown)| {
            let paper = graph.node(shown.node);
            let metrics = input.rankings.metrics.get(shown.node.index()).copied().unwrap_or_default();
            let year = year_of(paper);
            if let Some(y) = year {
                years = (years.0.min(y), years.1.max(y));
            }
            let (role, section, rank, fill, stroke) = match shown.role {
                Role::Listed { section } => {
                    ("listed", Some(section), None, palette::section_colour(section), palette::section_colour(section))
                }
                Role::Candidate { rank } => ("candidate", None, Some(rank), CANDIDATE_FILL, CANDIDATE_STROKE),
                Role::Context => ("context", None, None, CONTEXT_FILL, CONTEXT_FILL),
            };
            let candidate = rank.and_then(|r| input.rankings.candidates.get(r));
            let mark = crate::picture::papers::mark(shown.role, scene.radii[i]);
            json!({
                "id": paper.paper_id,
                "title": clean_text(&paper.title),
                "authors": paper.authors.iter().map(|a| clean_text(a)).collect::<Vec<_>>(),
                "year": year,
                "venue": paper.venue.as_deref().map(clean_text),
                "x": r2(scene.centres[i][0]),
                "y": r2(scene.centres[i][1]),
                "r": r2(scene.radii[i]),
                "fill": fill.hex(),
                "mark": mark.as_ref().map(|m| m.text.clone()),
                "markSize": mark.as_ref().map(|m| r2(m.size)),
                "markInk": mark.as_ref().map(|m| m.ink.hex()),
                "stroke": stroke.shade(0.25).hex(),
                "role": role,
                "section": section,
                "rank": rank.map(|r| r + 1),
                "citations": paper.citation_count,
                "citedByListed": metrics.cited_by_listed,
                "citesListed": metrics.cites_listed,
                "pagerank": round6(metrics.pagerank),
                "score": candidate.map(|c| round6(c.score)),
                "reasons": candidate.map(|c| words(&c.reasons)).unwrap_or_default(),
                "url": paper.url(),
            })
        })
        .collect();
    let edges: Vec<Value> =
        selection.edges.iter().map(|e| json!([e.citing, e.cited, e.influential, e.strong])).collect();
    let labels: Vec<Value> = scene
        .labels
        .iter()
        .map(|l| {
            let size = l.size;
            let rect = l.placement.rect;
            json!({ "paper": l.paper, "text": l.text, "x0": r2(rect.x0), "y0": r2(rect.y0), "x1": r2(rect.x1),
                    "y1": r2(rect.y1), "size": size, "leader": l.placement.leader })
        })
        .collect();
    let mut top: Vec<(usize, usize)> = selection
        .papers
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match s.role {
            Role::Candidate { rank } => Some((rank, i)),
            _ => None,
        })
        .collect();
    top.sort_unstable();
    let sections: Vec<Value> = selection
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| json!({ "name": section_display_name(s), "colour": palette::section_colour(i).hex() }))
        .collect();
    let mut subtitle = format!(
        "{} listed papers in {} sections and the top {} papers not on the list",
        selection.listed_count(),
        selection.sections.len(),
        selection.candidate_count()
    );
    if let Some(date) = &input.options.data_date {
        let _ = write!(subtitle, "; data as of {date}");
    }
    let plot = scene.plot;
    json!({
        "title": input.picture().title(crate::picture::MAP_KIND),
        "subtitle": subtitle,
        "plot": [plot.x0, plot.y0, plot.x1, plot.y1],
        "years": if years.0 <= years.1 { json!([years.0, years.1]) } else { Value::Null },
        "sections": sections,
        "papers": papers,
        "edges": edges,
        "labels": labels,
        "top": top.into_iter().map(|(_, i)| i).collect::<Vec<_>>(),
    })
}

/// The whole page.
pub fn render(input: &ExportInput<'_>) -> String {
    let data = data(input);
    let title = data["title"].as_str().unwrap_or_default().to_owned();
    let csp = format!(
        "default-src 'none'; script-src {}; style-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        csp_hash(SCRIPT),
        csp_hash(STYLE)
    );
    let mut page = String::with_capacity(SCRIPT.len() + STYLE.len() + 4096);
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(page, "<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str("<meta name=\"generator\" content=\"citegraph\">\n");
    let _ = writeln!(page, "<title>{}</title>", html_escape(&title));
    let _ = writeln!(page, "<style>{STYLE}</style>\n</head>");
    page.push_str(BODY);
    let _ = writeln!(page, "<script type=\"application/json\" id=\"map-data\">{}</script>", script_safe_json(&data));
    let _ = writeln!(page, "<script>{SCRIPT}</script>\n</body>\n</html>");
    page
}

/// The page's fixed markup: the header, the side panel (search, filters, top candidates), the
/// map, its buttons and the hover card; the script fills them in.
const BODY: &str = r#"<body>
<header id="head"><h1 id="title"></h1><p id="subtitle"></p></header>
<aside id="panel" aria-label="Search and filters">
  <label class="field" for="search">Search titles and authors</label>
  <input id="search" type="search" autocomplete="off" spellcheck="false" placeholder="e.g. a title word or an author">
  <p id="search-count" aria-live="polite"></p>
  <fieldset id="sections"><legend>Sections on the list</legend></fieldset>
  <fieldset><legend>Not on the list</legend>
    <label class="check"><input type="checkbox" id="show-candidates" checked> <span class="swatch candidate"></span> Candidates</label>
  </fieldset>
  <fieldset id="years"><legend>Years</legend>
    <label>from <input type="number" id="year-min" step="1"></label>
    <label>to <input type="number" id="year-max" step="1"></label>
  </fieldset>
  <h2 id="top-heading">Top candidates</h2>
  <ol id="top" aria-labelledby="top-heading"></ol>
</aside>
<main id="stage">
  <svg id="map" tabindex="0" role="img" aria-label="Citation map: drag to pan, wheel or + and - to zoom, 0 to fit, arrow keys to pan">
    <g id="viewport"><g id="edges"></g><g id="nodes"></g><g id="labels"></g></g>
  </svg>
  <div id="controls" role="toolbar" aria-label="Zoom">
    <button id="zoom-in" type="button" title="Zoom in (+)">+</button>
    <button id="zoom-out" type="button" title="Zoom out (-)">&#8722;</button>
    <button id="fit" type="button" title="Fit to screen (0)">Fit</button>
  </div>
  <p id="legend"><span class="swatch listed"></span> on the list (colour: section) <span class="swatch candidate"></span> not on the list
    · circle size: links to listed papers, the same rule for every paper · <span class="line"></span> citation <span class="line strong"></span> strong tie</p>
  <p id="hint">Drag to pan · wheel to zoom · click a paper to open it</p>
  <div id="card" role="tooltip" hidden></div>
</main>
<pre id="selftest" hidden></pre>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_its_script() {
        let text = script_safe_json(&json!({ "t": "</script><b>&\u{2028}" }));
        assert_eq!(text, r#"{"t":"\u003c/script\u003e\u003cb\u003e\u0026\u2028"}"#);
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["t"], "</script><b>&\u{2028}");
    }

    #[test]
    fn base64_matches_the_standard_alphabet() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        assert_eq!(base64(b""), "");
    }
}
