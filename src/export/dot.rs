//! Stage 5, `graph.dot`: the shown papers as GraphViz DOT for slides — one labelled
//! cluster per list section, the candidates apart (dashed, grey), size from PageRank, tooltips and
//! links, influential citations heavier. A small writer of our own that escapes every string.

use std::io::Write;

use anyhow::Result;

use super::{ExportInput, Exporter};
use crate::picture::palette::{
    self, CANDIDATE_FILL, CANDIDATE_STROKE, CONTEXT_FILL, EDGE, EDGE_INFLUENTIAL, INK, MUTED,
};
use crate::picture::selection::{Role, Selection};
use crate::picture::text;

/// Writes `graph.dot`.
#[derive(Debug, Clone, Copy, Default)]
pub struct DotExporter;

impl Exporter for DotExporter {
    fn file_name(&self) -> &'static str {
        "graph.dot"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        let selection = Selection::new(&input.picture());
        out.write_all(render(input, &selection).as_bytes())?;
        Ok(())
    }
}

/// Graph attributes that make every engine draw a slide: 16:9 (`ratio` is height / width; the
/// engines stretch the layout to it, never squeeze it), no larger than 1920x1080 px at 96 dpi,
/// boxes pushed apart where a force-directed engine (`sfdp`, `neato`) lays them over each
/// other, and ranks computed across clusters in `dot`.
pub const SLIDE: &str = "ratio=\"0.5625\", size=\"20,11.25\", dpi=\"96\", newrank=\"true\", \
                         overlap=\"prism\", overlap_scaling=\"0\", sep=\"+4\", concentrate=\"true\"";

/// The invisible nodes that keep `dot`'s rows in time order.
const AXIS_NODE: &str =
    "label=\"\", style=\"invis\", shape=\"point\", width=\"0.01\", height=\"0.01\", fixedsize=\"true\"";

/// Papers neither listed nor candidates (`--full-graph`) are small dots: their title is in the
/// tooltip, and the labels stay for the papers that matter.
const CONTEXT_NODE: &str = ", shape=\"circle\", width=\"0.14\", fixedsize=\"true\", style=\"filled\"";

/// The content of a DOT double-quoted string, as GraphViz reads it back to `text`:
/// `"` and `\` are backslash-escaped, a newline becomes `\n` (a line break in labels), carriage
/// returns and other control characters go, and `&`, `<`, `>` and every non-ASCII character are
/// written as HTML entities (GraphViz decodes entities in strings, so a bare `&` would not survive
/// and the file stays ASCII whatever the reader's charset).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if c.is_control() => {}
            c if c.is_ascii() => out.push(c),
            c => {
                out.push_str("&#");
                out.push_str(&u32::from(c).to_string());
                out.push(';');
            }
        }
    }
    out
}

/// `text` as a quoted DOT string.
pub fn quote(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

/// The DOT text for a selection.
pub fn render(input: &ExportInput<'_>, selection: &Selection) -> String {
    let graph = input.graph;
    let mut s = String::new();
    let mut line = |text: String| {
        s.push_str(&text);
        s.push('\n');
    };

    let listed = selection.listed_count();
    let candidates = selection.candidate_count();
    let mut title = vec![
        input.options.title.as_deref().map(text::clean_text).unwrap_or_else(|| text::clean_text(&input.list.name)),
    ];
    title.push(format!(
        "Citation graph of {listed} listed papers (boxes, coloured by section) and the top {candidates} \
         papers not on the list (#rank, dashed){}. Older papers lower.",
        match (selection.context_count(), selection.collapsed.iter().sum::<usize>()) {
            (0, 0) => String::new(),
            (other, 0) => format!(", with {other} other papers"),
            (other, lone) => format!(
                ", with {other} other papers ({lone} more, linked to one listed paper alone, are counted as +N on it)"
            ),
        }
    ));
    title.push(format!(
        "Text size: links to listed papers. Arrows run from the citing paper to the cited one; thick arrows are influential \
         citations. Data as of {}.",
        input.options.data_date.as_deref().unwrap_or("an unknown date")
    ));

    let (row_of, row_count) = rows(input, selection);
    line("// graph.dot, written by citegraph: the listed papers and the top candidates.".to_owned());
    line("// Slide-shaped (16:9, at most 20x11.25 in) as it is: dot -Tpng graph.dot -o graph.png, or sfdp.".to_owned());
    line("digraph citegraph {".to_owned());
    line(format!(
        "  graph [label={}, labelloc=\"t\", fontname=\"Helvetica\", fontsize=\"18\", rankdir=\"BT\", \
         nodesep=\"0.02\", ranksep=\"0.45\", outputorder=\"edgesfirst\", tooltip={}, {SLIDE}];",
        quote(&title.join("\n")),
        quote(&title[0])
    ));
    line(
        "  node [shape=\"box\", style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=\"11\", \
         penwidth=\"1.2\", margin=\"0.12,0.05\", target=\"_blank\"];"
            .to_owned(),
    );
    line(format!(
        "  edge [color={}, penwidth=\"0.8\", arrowsize=\"0.6\", constraint=\"false\"];",
        quote(&format!("{}B0", EDGE.hex()))
    ));

    let node_line = |index: usize| -> String {
        let shown = selection.papers[index];
        let paper = graph.node(shown.node);
        let mut label = wrap(&text::label(paper));
        let tooltip = selection.tooltip(graph, index);
        let (fill, stroke, font, extra) = match shown.role {
            Role::Listed { section } => {
                if selection.collapsed[index] > 0 {
                    label.push_str(&format!("\n+{} linked to it alone", selection.collapsed[index]));
                }
                let colour = palette::section_colour(section);
                (colour.tint(0.55), colour.shade(0.15), INK, "")
            }
            Role::Candidate { rank } => {
                label = format!("#{} {}", rank + 1, text::author_year(paper));
                (CANDIDATE_FILL, CANDIDATE_STROKE, palette::Rgb(255, 255, 255), ", style=\"rounded,filled,dashed\"")
            }
            Role::Context => {
                label = String::new();
                (CONTEXT_FILL, CONTEXT_FILL.shade(0.3), MUTED, CONTEXT_NODE)
            }
        };
        format!(
            "n{} [label={}, tooltip={}{}, fillcolor={}, color={}, fontcolor={}, fontsize=\"{:.1}\"{extra}];",
            shown.node.index(),
            quote(&label),
            quote(&tooltip),
            paper.url().map(|url| format!(", URL={}", quote(&url))).unwrap_or_default(),
            quote(&fill.hex()),
            quote(&stroke.hex()),
            quote(&font.hex()),
            font_size(selection, index),
        )
    };

    // Listed papers by section (their colour and `peripheries` say which), then the candidates,
    // then the others. No section clusters: `dot` would give each its own column and the drawing
    // would be many times wider than a slide.
    let mut section = None;
    for (i, shown) in selection.papers.iter().enumerate() {
        let heading = match shown.role {
            Role::Listed { section } => Some(format!("section: {}", selection.sections[section])),
            Role::Candidate { .. } => Some("not on the list: the top candidates, best first".to_owned()),
            Role::Context => Some("other papers".to_owned()),
        };
        if heading != section {
            line(format!("  // {}", heading.clone().unwrap_or_default().replace('\n', " ")));
            section = heading;
        }
        line(format!("  {}", node_line(i)));
    }
    for edge in &selection.edges {
        let citing = selection.papers[edge.citing].node.index();
        let cited = selection.papers[edge.cited].node.index();
        if edge.influential {
            line(format!(
                "  n{citing} -> n{cited} [color={}, penwidth=\"2.4\", arrowsize=\"0.9\"];",
                quote(&EDGE_INFLUENTIAL.hex())
            ));
        } else {
            line(format!("  n{citing} -> n{cited};"));
        }
    }
    // Time runs upward: each row's papers level with an invisible axis node `rK`, each axis
    // node above the one before (the citations do not decide the rows, or `dot` would draw every
    // chain of citations as a column many rows tall).
    for row in 0..row_count {
        let members: Vec<String> = (0..selection.papers.len())
            .filter(|&i| row_of[i] == row)
            .map(|i| format!("n{}", selection.papers[i].node.index()))
            .collect();
        line(format!("  r{row} [{AXIS_NODE}];"));
        line(format!("  subgraph {{ rank=\"same\"; r{row}; {}; }}", members.join("; ")));
        if row > 0 {
            line(format!("  r{} -> r{row} [style=\"invis\", constraint=\"true\"];", row - 1));
        } else {
            // One tie keeps the axis in the papers' component: GraphViz fits a drawing of
            // several components to `ratio` badly.
            line(format!("  r0 -> {} [style=\"invis\"];", members[0]));
        }
    }
    line("}".to_owned());
    s
}

/// Text size of a paper's box label, in points: 12 to 20 by [`Selection::size`].
fn font_size(selection: &Selection, index: usize) -> f64 {
    12.0 + 8.0 * selection.size(index)
}

/// A box label broken into lines of about 22 characters, so boxes stay narrow.
fn wrap(label: &str) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    for word in label.split(' ') {
        let last = lines.last_mut().expect("one line at least");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > 22 {
            lines.push(word.to_owned());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines.join("\n")
}

/// The rows `dot` draws, bottom (oldest) to top: the papers of each quarter in order of date,
/// a quarter holding more than fit one row spread over several, as many per row as make the
/// drawing about 16:9 (undated papers last). Returns each paper's row and the number of rows.
fn rows(input: &ExportInput<'_>, selection: &Selection) -> (Vec<usize>, usize) {
    let n = selection.papers.len();
    let when = |i: usize| {
        let paper = input.graph.node(selection.papers[i].node);
        let year = text::year_of(paper);
        let month: u32 =
            paper.publication_date.as_deref().and_then(|d| d.get(5..7)).and_then(|m| m.parse().ok()).unwrap_or(1);
        (year.is_none(), year.unwrap_or(0), (month.clamp(1, 12) - 1) / 3)
    };
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (when(i), i));
    let mut groups: Vec<((bool, i32, u32), Vec<usize>)> = Vec::new();
    for &i in &order {
        match groups.last_mut() {
            Some((key, members)) if *key == when(i) => members.push(i),
            _ => groups.push((when(i), vec![i])),
        }
    }
    // Box widths and row height as GraphViz will make them, in inches (Helvetica is about 0.55 em
    // per character; two lines a box).
    let width = |i: usize| match selection.papers[i].role {
        Role::Context => 0.4,
        _ => 22.0 * 0.55 * font_size(selection, i) / 72.0 + 0.5,
    };
    let mean = if n == 0 { 1.0 } else { (0..n).map(width).sum::<f64>() / n as f64 };
    let row_height = 1.0;
    let biggest = groups.iter().map(|(_, m)| m.len()).max().unwrap_or(1);
    let shape = |per_row: usize| {
        let count: usize = groups.iter().map(|(_, m)| m.len().div_ceil(per_row)).sum();
        let aspect = (per_row.min(biggest) as f64 * mean) / (count as f64 * row_height);
        (aspect / (16.0 / 9.0)).ln().abs()
    };
    let per_row = (1..=biggest.max(1)).min_by(|&a, &b| shape(a).total_cmp(&shape(b))).unwrap_or(1);
    let mut row_of = vec![0; n];
    let mut rows = 0;
    for (_, members) in &groups {
        for chunk in members.chunks(per_row) {
            for &i in chunk {
                row_of[i] = rows;
            }
            rows += 1;
        }
    }
    (row_of, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_special_character_is_escaped() {
        assert_eq!(escape(r#"a "b" \c"#), r#"a \"b\" \\c"#);
        assert_eq!(escape("x\r\ny\tz"), "x\\ny z");
        assert_eq!(escape("<a & b>"), "&lt;a &amp; b&gt;");
        assert_eq!(escape("Chloé → ∞"), "Chlo&#233; &#8594; &#8734;");
        assert_eq!(escape("bell\u{7}"), "bell");
        assert!(escape("\\N").starts_with("\\\\"), "no GraphViz escape like \\N survives unescaped");
    }
}
