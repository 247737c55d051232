//! Stage 5, `graph.mmd`: a Mermaid flowchart of the listed papers and the top candidates (at most
//! [`MAX_NODES`], one subgraph per list section, the candidates in their own), for a README on
//! GitHub, which renders Mermaid. Every label is quoted and every character that Mermaid or
//! the HTML it renders to could read as syntax is written as a Mermaid entity code (`#35;`).

use std::io::Write;

use anyhow::Result;

use super::{ExportInput, Exporter};
use crate::picture::palette::{self, CANDIDATE_FILL, CANDIDATE_STROKE};
use crate::picture::selection::{Role, Selection};
use crate::picture::text::year_of;
use crate::wording::{clean_text, short_title};

/// The most papers the flowchart shows: more would not read on a README page.
pub const MAX_NODES: usize = 60;
/// Candidates shown when the listed papers would leave fewer places.
const MIN_CANDIDATES: usize = 10;

/// Writes `graph.mmd`.
#[derive(Debug, Clone, Copy, Default)]
pub struct MermaidExporter;

impl Exporter for MermaidExporter {
    fn file_name(&self) -> &'static str {
        "graph.mmd"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        out.write_all(render(input).as_bytes())?;
        Ok(())
    }
}

/// `text` for a double-quoted Mermaid label: letters (any script), digits, spaces and
/// `.,:;!?()'/-` as they are; every other character (quotes, `#`, markup, backticks, brackets,
/// braces, `&`, `%`) as the decimal entity code `#NNN;`, which Mermaid turns into an HTML
/// character reference; line breaks and other control characters as spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.push(' ');
        } else if c.is_alphanumeric()
            || matches!(c, ' ' | '.' | ',' | ':' | ';' | '!' | '?' | '(' | ')' | '\'' | '/' | '-')
        {
            out.push(c);
        } else {
            out.push_str(&format!("#{};", u32::from(c)));
        }
    }
    out
}

/// The flowchart.
pub fn render(input: &ExportInput<'_>) -> String {
    let selection = Selection::new(&input.picture());
    let listed: Vec<usize> =
        (0..selection.papers.len()).filter(|&i| matches!(selection.papers[i].role, Role::Listed { .. })).collect();
    let candidates: Vec<usize> =
        (0..selection.papers.len()).filter(|&i| matches!(selection.papers[i].role, Role::Candidate { .. })).collect();
    let n_candidates = candidates.len().min(MIN_CANDIDATES.max(MAX_NODES.saturating_sub(listed.len())));
    let n_listed = listed.len().min(MAX_NODES - n_candidates);
    let mut shown = vec![false; selection.papers.len()];
    for &i in listed.iter().take(n_listed).chain(candidates.iter().take(n_candidates)) {
        shown[i] = true;
    }

    let graph = input.graph;
    let label = |i: usize| {
        let paper = graph.node(selection.papers[i].node);
        let mut text = short_title(&paper.title);
        if let Some(year) = year_of(paper) {
            text.push_str(&format!(" ({year})"));
        }
        if let Role::Candidate { rank } = selection.papers[i].role {
            text = format!("No. {} {text}", rank + 1);
        }
        format!("p{i}[\"{}\"]", escape(&text))
    };

    let mut s = String::new();
    s.push_str("%% graph.mmd, written by citegraph: the listed papers by section and the top candidates.\n");
    s.push_str("%% Arrows run from the citing paper to the cited one; thick arrows are influential citations.\n");
    s.push_str("flowchart LR\n");
    for (section_index, section) in selection.sections.iter().enumerate() {
        let members: Vec<usize> = listed
            .iter()
            .copied()
            .filter(|&i| shown[i] && selection.papers[i].role == (Role::Listed { section: section_index }))
            .collect();
        if members.is_empty() {
            continue;
        }
        s.push_str(&format!("  subgraph s{section_index}[\"{}\"]\n", escape(&clean_text(section))));
        for i in members {
            s.push_str(&format!("    {}:::s{section_index}\n", label(i)));
        }
        s.push_str("  end\n");
    }
    if n_candidates > 0 {
        s.push_str(&format!(
            "  subgraph candidates[\"{}\"]\n",
            escape(&format!("Not on the list: top {n_candidates}"))
        ));
        for &i in candidates.iter().take(n_candidates) {
            s.push_str(&format!("    {}:::candidate\n", label(i)));
        }
        s.push_str("  end\n");
    }
    for edge in &selection.edges {
        if shown[edge.citing] && shown[edge.cited] {
            let arrow = if edge.influential { "==>" } else { "-->" };
            s.push_str(&format!("  p{} {arrow} p{}\n", edge.citing, edge.cited));
        }
    }
    for section_index in 0..selection.sections.len() {
        let colour = palette::section_colour(section_index);
        s.push_str(&format!(
            "  classDef s{section_index} fill:{},stroke:{},color:#1e1e1e\n",
            colour.tint(0.55).hex(),
            colour.shade(0.15).hex()
        ));
    }
    s.push_str(&format!(
        "  classDef candidate fill:{},stroke:{},stroke-dasharray:4 3,color:#5a5a5a\n",
        CANDIDATE_FILL.tint(0.6).hex(),
        CANDIDATE_STROKE.hex()
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_characters_become_entity_codes() {
        assert_eq!(escape("a \"b\" <c> & #1"), "a #34;b#34; #60;c#62; #38; #35;1");
        assert_eq!(escape("[x]{y}`z`%\nÉté"), "#91;x#93;#123;y#125;#96;z#96;#37; Été");
    }
}
