//! Stage 5, `missing.md`: the candidates the literature map draws, under the numbers the map
//! gives them, as entries in the list's own style, grouped under their suggested sections with
//! the list's headings as written, each with a one-line "Why" (`missing.json` has the detail).

use std::io::Write;

use anyhow::Result;

use super::markdown::{escape, link, venue_tag};
use super::reasons::why;
use super::{ExportInput, Exporter};
use crate::paper_list::PaperList;
use crate::picture::selection::numbered_candidates;
use crate::rank::Candidate;
use crate::wording::{count, source_data, thousands};

/// Authors shown before `et al.`.
const MAX_AUTHORS: usize = 12;

/// Writes `missing.md`.
#[derive(Debug, Clone, Copy, Default)]
pub struct MissingMarkdown;

impl Exporter for MissingMarkdown {
    fn file_name(&self) -> &'static str {
        "missing.md"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        let ExportInput { list, graph, rankings, options, .. } = *input;
        // Exactly the candidates the map draws, numbered as there (with `--full-graph` too: the
        // map draws every paper then, but numbers only these).
        let top: Vec<(usize, &Candidate)> = numbered_candidates(&input.picture());
        writeln!(out, "# Missing related work: {}\n", escape(&list.name))?;
        let from = options
            .data_date
            .as_deref()
            .map(|d| format!(" from {} of {d}", escape(&source_data(&options.data_source))))
            .unwrap_or_default();
        let total = rankings.candidates.len();
        if top.is_empty() {
            let why_none = if total == 0 {
                "citegraph found no paper off the list that belongs with it".to_owned()
            } else {
                format!(
                    "the literature map draws none of the {} (`--map-top {}`); `missing.json` lists them all",
                    count(total as u64, "candidate"),
                    options.map_top
                )
            };
            writeln!(out, "No candidates here{from}: {why_none}.")?;
            return Ok(());
        }
        writeln!(
            out,
            "The {} candidates the literature map draws (`--map-top {}`): papers not on the list that belong with it most, \
             ranked by citegraph{from}. Each is numbered as on the map (**#1** is the strongest; drop the number \
             when you paste an entry) and stands under the section its listed neighbours mostly belong to, headed \
             as in the list. Each \"Why\" is the short version: `missing.json` has every reason in full{}. See \
             \"How candidates are ranked\" in citegraph's README.",
            top.len(),
            options.map_top,
            if total > top.len() { format!(", for all {} candidates", thousands(total as u64)) } else { String::new() },
        )?;
        let mut sections: Vec<Option<&str>> = list.sections.iter().map(|s| Some(s.name.as_str())).collect();
        for (_, c) in &top {
            let s = c.suggested_section.as_deref();
            if !sections.contains(&s) {
                sections.push(s);
            }
        }
        for section in sections {
            let entries: Vec<&(usize, &Candidate)> =
                top.iter().filter(|(_, c)| c.suggested_section.as_deref() == section).collect();
            if entries.is_empty() {
                continue;
            }
            writeln!(out, "\n{}\n", heading(list, section))?;
            for (rank, c) in entries {
                let paper = graph.node(c.node);
                let tag = venue_tag(paper).map(|t| format!("[{t}] ")).unwrap_or_default();
                let new = if input.new_candidates.contains(&c.node) { " **(new)**" } else { "" };
                writeln!(out, "* **#{}** {tag}{}{new}", rank + 1, link(&paper.title, paper.url().as_deref()))?;
                if !paper.authors.is_empty() {
                    let shown: Vec<String> = paper.authors.iter().take(MAX_AUTHORS).map(|a| escape(a)).collect();
                    let more = if paper.authors.len() > MAX_AUTHORS { " et al." } else { "" };
                    writeln!(out, "  * {}{more}", shown.join(", "))?;
                }
                writeln!(out, "  * Why: {}.", escape(&why(c)))?;
                if c.section_confidence.is_some_and(|x| x < crate::rank::signal::WEAK_SECTION) {
                    writeln!(out, "  * Section: a weak suggestion (no clear section; check where it belongs)")?;
                }
            }
        }
        Ok(())
    }
}

/// The heading of one group: a list section's heading as the list writes it (`### "Solving"
/// MADness:` stays that), at its level (at least 2: the title is the one level-1 heading); a
/// section the list does not hold, papers before any heading and papers with no suggested
/// section under a heading of ours, at the level of the list's top sections.
fn heading(list: &PaperList, section: Option<&str>) -> String {
    let top_level = list.sections.iter().map(|s| s.level).filter(|&l| l > 0).min().unwrap_or(2);
    let hashes = |level: u8| "#".repeat(usize::from(level.clamp(2, 6)));
    match section {
        Some("") => format!("{} Before any heading", hashes(top_level)),
        Some(name) => match list.sections.iter().find(|s| s.name == name) {
            Some(s) => {
                let written = one_line(&s.heading);
                let text = if written.is_empty() { escape(name) } else { written };
                format!("{} {text}", hashes(s.level))
            }
            None => format!("{} {}", hashes(top_level), escape(name)),
        },
        None => format!("{} No suggested section", hashes(top_level)),
    }
}

/// A heading's text kept as written but on one line: a line break or other control character
/// (none survives the parser; this guards hand-made sections) becomes a space, the ends trimmed.
/// Nothing else is escaped: on its own `## ` line, the text cannot leave the heading.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paper_list::{ListSource, parse_markdown};

    #[test]
    fn headings_are_copied_as_written_at_the_lists_level() {
        let list = parse_markdown(
            ListSource::Stdin,
            "# L\n\n### \"Solving\" MADness:\n1. [P](https://arxiv.org/abs/2301.00001)\n\
             # Top level\n1. [Q](https://arxiv.org/abs/2301.00002)\n",
        );
        assert_eq!(heading(&list, Some("Solving MADness")), "### \"Solving\" MADness:");
        assert_eq!(heading(&list, Some("Top level")), "## Top level", "level 1 is the title's");
        assert_eq!(heading(&list, Some("Not | in <the> list")), r"## Not \| in \<the\> list", "escaped: ours");
        assert_eq!(heading(&list, None), "## No suggested section");
        let deep = parse_markdown(
            ListSource::Stdin,
            "### A
1. [P](https://arxiv.org/abs/2301.00001)
",
        );
        assert_eq!(heading(&deep, None), "### No suggested section", "at the level of the list's sections");
    }

    #[test]
    fn a_copied_heading_reads_back_as_the_same_section_with_its_entries() {
        let entry = "1. [arXiv 23] [P](https://arxiv.org/abs/2301.00001)\n";
        for written in [
            "## <!-- unclosed `code [link](#x) *star ##",
            "### \"Solving\" MADness:",
            "Setext\nover two lines\n---",
            "## Tab\there \\ | pipe > quote",
        ] {
            let list = parse_markdown(ListSource::Stdin, &format!("{written}\n{entry}"));
            let name = list.sections[0].name.clone();
            let copy =
                format!("{}\n* **#1** [arXiv 23] [P](https://arxiv.org/abs/2301.00001)\n", heading(&list, Some(&name)));
            let back = parse_markdown(ListSource::Stdin, &copy);
            assert_eq!(back.sections.len(), 1, "{copy}");
            assert_eq!(back.sections[0].name, name, "{copy}");
            assert_eq!(back.papers.len(), 1, "{copy}");
            assert_eq!(back.papers[0].section, name, "{copy}");
        }
    }

    #[test]
    fn a_hand_made_heading_cannot_break_the_line() {
        let mut list = parse_markdown(ListSource::Stdin, "## S\n1. [P](https://arxiv.org/abs/2301.00001)\n");
        list.sections[0].heading = "S\n\n* not a bullet\r<!--\u{1b}".into();
        assert_eq!(heading(&list, Some("S")), "## S  * not a bullet <!--");
    }
}
