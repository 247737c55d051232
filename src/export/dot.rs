//! Stage 5, `graph.dot`: the shown papers as GraphViz DOT for slides — one labelled
//! cluster per list section, the candidates apart (dashed, grey), size from PageRank, tooltips and
//! links, influential citations heavier. A small writer of our own that escapes every string.

use std::io::Write;

use anyhow::Result;

use super::{ExportInput, Exporter};
use crate::picture::palette::{
    self, CANDIDATE_FILL, CANDIDATE_STROKE, CONTEXT_FILL, EDGE, EDGE_INFLUENTIAL, INK, MUTED,
};
use crate::picture::papers::relative_size;
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
    let mut title = vec![text::clean_text(&input.list.name)];
    title.push(format!(
        "Citation graph of {listed} listed papers (boxes, one frame per section) and the top {candidates} \
         papers not on the list (dashed, grey){}.",
        if selection.context_count() > 0 {
            format!(", with {} other papers", selection.context_count())
        } else {
            String::new()
        }
    ));
    title.push(format!(
        "Box size: PageRank. Arrows run from the citing paper to the cited one; thick arrows are influential \
         citations. Data of {}.",
        input.options.data_date.as_deref().unwrap_or("an unknown date")
    ));

    line("// graph.dot, written by citegraph: the listed papers and the top candidates.".to_owned());
    line("// Render for slides: dot -Tsvg graph.dot -o graph.svg (sfdp -Tsvg for large graphs).".to_owned());
    line("digraph citegraph {".to_owned());
    line(format!(
        "  graph [label={}, labelloc=\"t\", fontname=\"Helvetica\", fontsize=\"18\", rankdir=\"BT\", \
         nodesep=\"0.25\", ranksep=\"0.45\", outputorder=\"edgesfirst\", tooltip={}];",
        quote(&title.join("\n")),
        quote(&title[0])
    ));
    line(
        "  node [shape=\"box\", style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=\"11\", \
         penwidth=\"1.2\", margin=\"0.12,0.05\", target=\"_blank\"];"
            .to_owned(),
    );
    line(format!("  edge [color={}, penwidth=\"0.8\", arrowsize=\"0.6\"];", quote(&format!("{}B0", EDGE.hex()))));

    let node_line = |index: usize| -> String {
        let shown = selection.papers[index];
        let paper = graph.node(shown.node);
        let size = relative_size(shown.pagerank, selection.max_pagerank);
        let mut label = text::label(paper);
        let tooltip = selection.tooltip(graph, index);
        let (fill, stroke, font, extra) = match shown.role {
            Role::Listed { section } => {
                let colour = palette::section_colour(section);
                (colour.tint(0.55), colour.shade(0.15), INK, "")
            }
            Role::Candidate { rank } => {
                label = format!("#{} {label}", rank + 1);
                (CANDIDATE_FILL.tint(0.6), CANDIDATE_STROKE, MUTED, ", style=\"rounded,filled,dashed\"")
            }
            Role::Context => (CONTEXT_FILL.tint(0.5), CONTEXT_FILL.shade(0.2), MUTED, ""),
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
            10.0 + 10.0 * size,
        )
    };

    for (section_index, section) in selection.sections.iter().enumerate() {
        let colour = palette::section_colour(section_index);
        line(format!("  subgraph \"cluster_s{section_index}\" {{"));
        line(format!(
            "    graph [label={}, tooltip={}, style=\"rounded,filled\", fillcolor={}, color={}, fontcolor={}, \
             fontsize=\"14\", fontname=\"Helvetica-Bold\", labeljust=\"l\"];",
            quote(section),
            quote(&format!("Section of the list: {section}")),
            quote(&colour.tint(0.88).hex()),
            quote(&colour.hex()),
            quote(&colour.shade(0.35).hex()),
        ));
        for (i, shown) in selection.papers.iter().enumerate() {
            if shown.role == (Role::Listed { section: section_index }) {
                line(format!("    {}", node_line(i)));
            }
        }
        line("  }".to_owned());
    }
    if candidates > 0 {
        line("  subgraph \"cluster_candidates\" {".to_owned());
        line(format!(
            "    graph [label={}, tooltip={}, style=\"rounded,dashed\", color={}, fontcolor={}, fontsize=\"14\", \
             fontname=\"Helvetica-Bold\", labeljust=\"l\"];",
            quote(&format!("Not on the list: top {candidates} candidates")),
            quote("Papers not on the list that belong with it, best first (see missing.md)"),
            quote(&CANDIDATE_STROKE.hex()),
            quote(&MUTED.hex()),
        ));
        for (i, shown) in selection.papers.iter().enumerate() {
            if matches!(shown.role, Role::Candidate { .. }) {
                line(format!("    {}", node_line(i)));
            }
        }
        line("  }".to_owned());
    }
    for (i, shown) in selection.papers.iter().enumerate() {
        if shown.role == Role::Context {
            line(format!("  {}", node_line(i)));
        }
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
    line("}".to_owned());
    s
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
