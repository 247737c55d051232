//! Results for stdout: tables for people, JSON for scripts.

use std::io::Write;

use anyhow::Result;
use comfy_table::{Cell, CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, Table, TableStyle};
use serde::Serialize;

use crate::paper_list::{ListSource, ListedPaper, PaperId, PaperList};
use crate::terminal::StripControls;
use crate::wording::{count, json_text};

/// A table in citegraph's plain style: a header underline, no borders, no wrapping.
pub fn plain_table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(TableStyle::new().header_separator(LineStyle::none().fill('-').junction(' ')))
        .set_content_arrangement(ContentArrangement::Disabled);
    table.set_header(header.iter().map(Cell::new));
    table
}

/// Right-aligns the given columns (numbers).
pub fn align_right(table: &mut Table, columns: &[usize]) {
    for &i in columns {
        if let Some(col) = table.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// Writes a table without the trailing spaces of its padding.
pub fn write_table(out: &mut dyn Write, table: &Table) -> Result<()> {
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The width tables for people are fitted to: `COLUMNS` when it is set to a number, else the
/// terminal's width when stdout is a terminal, else `None` (a pipe or a file: full width).
pub fn terminal_width() -> Option<usize> {
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()).filter(|&n| n > 0);
    columns.or_else(|| terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0)))
}

/// Fits `table` into `width` characters (`None`: leaves it as it is). While it would not fit even
/// with its `flexible` columns (titles) cut to [`FLEXIBLE_MIN`] characters, it hides the columns
/// of `drop`, least useful first; then it cuts the cells of the flexible columns to one line
/// ending in `…`. Other columns keep their full content.
pub fn fit(table: &mut Table, width: Option<usize>, drop: &[usize], flexible: &[usize]) {
    let Some(width) = width else { return };
    let widest = |t: &Table| t.lines().map(|l| l.trim_end().chars().count()).max().unwrap_or(0);
    // How much cutting the flexible columns can save.
    let content = table.column_max_content_widths();
    let saving: usize =
        flexible.iter().filter_map(|&i| content.get(i)).map(|&w| usize::from(w).saturating_sub(FLEXIBLE_MIN)).sum();
    for &column in drop {
        let needed = widest(table);
        if needed <= width || needed - saving <= width {
            break;
        }
        if let Some(c) = table.column_mut(column) {
            c.set_constraint(ColumnConstraint::Hidden);
        }
    }
    if widest(table) <= width {
        return;
    }
    for column in table.column_iter_mut() {
        if !flexible.contains(&column.index) && !column.is_hidden() {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    table.set_content_arrangement(ContentArrangement::Dynamic).set_width(u16::try_from(width).unwrap_or(u16::MAX));
    for row in table.row_iter_mut() {
        row.max_height(1);
    }
}

/// Characters a cut title column keeps at least, before other columns are dropped.
pub const FLEXIBLE_MIN: usize = 20;

/// `text` wrapped at spaces into lines of at most `width` characters (`None`: one line).
pub fn wrap_line(text: &str, width: Option<usize>) -> String {
    let Some(width) = width else { return text.to_owned() };
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(fit_line(word, Some(width))),
        }
    }
    lines.join("\n")
}

/// `text` cut to `width` characters, ending in `…` when cut (`None`: as it is).
pub fn fit_line(text: &str, width: Option<usize>) -> String {
    match width {
        Some(width) if text.chars().count() > width => {
            let cut: String = text.chars().take(width.saturating_sub(1)).collect();
            format!("{}…", cut.trim_end())
        }
        _ => text.to_owned(),
    }
}

/// `citegraph list` as a table: one block per section, then a summary line. Fitted to `width`
/// (see [`fit`]): the tag column goes first, then identifiers and titles are cut. Problems with
/// entries are not repeated here: they are warnings on stderr, and counted in the summary line.
pub fn write_list_table(list: &PaperList, width: Option<usize>, out: &mut dyn Write) -> Result<()> {
    let out = &mut StripControls::new(out);
    writeln!(out, "{}", fit_line(&format!("{} ({})", list.name, list.source), width))?;
    let mut number = 0;
    for (section, papers) in list.papers_by_section() {
        let name = if section.name.is_empty() { "(before any heading)" } else { &section.name };
        writeln!(out, "\n{}", fit_line(&format!("{name} ({})", papers.len()), width))?;
        let mut table = plain_table(&["#", "Tag", "Year", "Identifier", "Title"]);
        align_right(&mut table, &[0]);
        for paper in papers {
            number += 1;
            table.add_row(vec![
                number.to_string(),
                paper.tag.as_ref().map(ToString::to_string).unwrap_or_default(),
                paper.year().map(|y| y.to_string()).unwrap_or_default(),
                paper.id.as_ref().map_or_else(|| "-".to_owned(), ToString::to_string),
                paper.title.clone(),
            ]);
        }
        fit(&mut table, width, &[1], &[3, 4]);
        write_table(out, &table)?;
    }
    writeln!(out, "\n{}", summary_line(list))?;
    Ok(())
}

/// `24 papers in 6 sections: 19 arXiv, 5 OpenReview; 0 warnings`.
pub fn summary_line(list: &PaperList) -> String {
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for paper in &list.papers {
        let kind = paper.id.as_ref().map_or("no id", |id| id.kind());
        match kinds.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((kind, 1)),
        }
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let warnings = list.papers.iter().map(|p| p.problems.len()).sum::<usize>();
    format!(
        "{} in {}: {}; {}",
        count(list.papers.len() as u64, "paper"),
        count(list.sections.len() as u64, "section"),
        kinds.join(", "),
        count(warnings as u64, "warning")
    )
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListJson<'a> {
    name: &'a str,
    source: &'a ListSource,
    sections: Vec<SectionJson<'a>>,
    papers: Vec<PaperJson<'a>>,
    warnings: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SectionJson<'a> {
    name: &'a str,
    level: u8,
    line: usize,
    papers: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PaperJson<'a> {
    number: usize,
    #[serde(flatten)]
    paper: &'a ListedPaper,
    venue: Option<&'a str>,
    year: Option<i32>,
    s2_id: Option<String>,
    messages: Vec<String>,
}

/// `citegraph list --format json`.
pub fn write_list_json(list: &PaperList, out: &mut dyn Write) -> Result<()> {
    let json = ListJson {
        name: &list.name,
        source: &list.source,
        sections: list
            .papers_by_section()
            .into_iter()
            .map(|(s, papers)| SectionJson { name: &s.name, level: s.level, line: s.line, papers: papers.len() })
            .collect(),
        papers: list
            .papers
            .iter()
            .enumerate()
            .map(|(i, paper)| PaperJson {
                number: i + 1,
                paper,
                venue: paper.tag.as_ref().map(|t| t.venue.as_str()),
                year: paper.year(),
                s2_id: paper.id.as_ref().and_then(PaperId::s2_id),
                messages: paper.problems.iter().map(ToString::to_string).collect(),
            })
            .collect(),
        warnings: list.papers.iter().map(|p| p.problems.len()).sum(),
    };
    // Serialise first, so a closed pipe surfaces as the io::Error it is.
    let text = json_text(serde_json::to_string_pretty(&json)?);
    writeln!(out, "{text}")?;
    Ok(())
}
