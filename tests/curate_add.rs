//! `citegraph add` on copies of the built-in list in several styles (numbered and bulleted, CRLF,
//! tabs, nested summaries, headings of several levels) against the mock: only whole lines are
//! inserted, in the suggested sections and the list's style and order; a second add refuses;
//! `--dry-run` shows exactly what a real add inserts; the built-in list and stdin are refused.

mod common;

use std::path::Path;

use common::mock_s2::MockS2;
use common::universe::Universe;
use common::{citegraph_on, outputs};

/// The lines of `new` that are not in `old`, checking that `old` is `new` with lines taken out
/// (every other byte kept, line endings included).
fn inserted_lines(old: &str, new: &str) -> Vec<String> {
    let old: Vec<&str> = old.split_inclusive('\n').collect();
    let mut k = 0;
    let mut inserted = Vec::new();
    for line in new.split_inclusive('\n') {
        if k < old.len() && old[k] == line {
            k += 1;
        } else {
            inserted.push(line.to_owned());
        }
    }
    assert_eq!(k, old.len(), "every original line is kept, in order, byte for byte");
    inserted
}

struct Setup {
    mock: MockS2,
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        Setup { mock: MockS2::start(Universe::builtin_field()), dir: tempfile::tempdir().unwrap() }
    }

    fn run(&self, list: &Path, args: &[&str]) -> std::process::Output {
        citegraph_on(&self.mock, &self.dir.path().join("cache")).arg("--list").arg(list).args(args).output().unwrap()
    }

    fn ok(&self, list: &Path, args: &[&str]) -> String {
        let output = self.run(list, args);
        let (stdout, stderr) = outputs(&output);
        assert!(output.status.success(), "citegraph {args:?} failed:\n{stderr}");
        stdout
    }

    fn write_list(&self, name: &str, text: &str) -> std::path::PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// The top `n` candidates' (title, suggested section).
    fn top(&self, list: &Path, n: usize) -> Vec<(String, String)> {
        self.ok(list, &["fetch"]);
        let json: serde_json::Value =
            serde_json::from_str(&self.ok(list, &["missing", "--format", "json", "--top", &n.to_string()])).unwrap();
        json.as_array()
            .unwrap()
            .iter()
            .map(|c| (c["title"].as_str().unwrap().to_owned(), c["suggestedSection"].as_str().unwrap().to_owned()))
            .collect()
    }
}

fn sorted_builtin() -> String {
    citegraph::paper_list::BUILTIN_LIST.replacen("# awesome", "Sorted by upload date (oldest first).\n\n# awesome", 1)
}

#[test]
fn add_1_2_3_inserts_three_entries_in_their_sections_in_the_lists_style_and_nothing_else() {
    let s = Setup::new();
    let original = sorted_builtin();
    let list = s.write_list("README.md", &original);
    let top = s.top(&list, 3);
    let printed = s.ok(&list, &["add", "1", "2", "3"]);
    let new = std::fs::read_to_string(&list).unwrap();
    let inserted = inserted_lines(&original, &new);
    assert_eq!(inserted.len(), 6, "three entries and their author lines: {inserted:#?}");
    assert_eq!(printed.lines().count(), 3, "{printed}");

    let parsed = citegraph::paper_list::parse_markdown(citegraph::paper_list::ListSource::Stdin, &new);
    assert_eq!(parsed.papers.len(), 27);
    for (title, section) in &top {
        let entry = parsed.papers.iter().find(|p| &p.title == title).unwrap_or_else(|| panic!("{title} added"));
        assert_eq!(&entry.section, section, "{title} goes to its suggested section");
        assert!(entry.tag.is_some(), "a venue tag, like the list's");
        assert!(entry.url.as_deref().unwrap().starts_with("https://arxiv.org/abs/") || entry.id.is_some());
        // The synthetic names (`Field Author 12`) do not read as names to the parser: check the text.
        let author_line = new.lines().nth(entry.line).unwrap();
        assert!(author_line.starts_with("   * Field Author "), "an author line, like the list's: {author_line}");
        let line = &new.lines().nth(entry.line - 1).unwrap();
        assert!(line.chars().next().unwrap().is_ascii_digit() && line.contains(". ["), "numbered: {line}");
        assert!(printed.contains(title.as_str()));
    }
    // The order rule holds for the new entries: lint finds nothing out of order on their lines.
    let lint: serde_json::Value = serde_json::from_str(&s.ok(&list, &["lint", "--format", "json"])).unwrap();
    let new_lines: Vec<usize> =
        top.iter().map(|(t, _)| parsed.papers.iter().find(|p| &p.title == t).unwrap().line).collect();
    for finding in lint.as_array().unwrap() {
        let line = finding["line"].as_u64().unwrap() as usize;
        assert!(!(new_lines.contains(&line) && finding["rule"] == "order"), "{finding}");
        assert!(!(new_lines.contains(&line) && finding["rule"] == "duplicate"), "{finding}");
    }

    // Adding one of them again is refused, naming its line; the file stays as it is.
    let again_arxiv = {
        let entry = parsed.papers.iter().find(|p| p.title == top[0].0).unwrap();
        let id = entry.id.as_ref().unwrap().value().to_owned();
        let output = s.run(&list, &["add", &id]);
        assert!(!output.status.success());
        (outputs(&output).1, entry.line)
    };
    assert!(again_arxiv.0.contains(&format!("already on the list, line {}", again_arxiv.1)), "{}", again_arxiv.0);
    assert_eq!(std::fs::read_to_string(&list).unwrap(), new, "refusals change nothing");
}

#[test]
fn dry_run_prints_the_unified_diff_of_exactly_what_add_inserts_and_writes_nothing() {
    let s = Setup::new();
    let original = sorted_builtin();
    let list = s.write_list("list.md", &original);
    let diff = s.ok(&list, &["add", "1", "4", "--dry-run"]);
    assert_eq!(std::fs::read_to_string(&list).unwrap(), original, "a dry run writes nothing");
    assert!(diff.starts_with(&format!("--- a/{0}\n+++ b/{0}\n@@ -", list.display())), "{diff}");
    let plus: Vec<&str> =
        diff.lines().filter(|l| l.starts_with('+') && !l.starts_with("+++")).map(|l| &l[1..]).collect();
    assert!(diff.lines().all(|l| !l.starts_with('-') || l.starts_with("---")), "insertions only:\n{diff}");
    s.ok(&list, &["add", "1", "4"]);
    let inserted = inserted_lines(&original, &std::fs::read_to_string(&list).unwrap());
    let inserted: Vec<&str> = inserted.iter().map(|l| l.trim_end_matches('\n')).collect();
    assert_eq!(plus, inserted);
    // The hunk headers count the lines that follow them.
    let headers: Vec<&str> = diff.lines().filter(|l| l.starts_with("@@")).collect();
    assert!(!headers.is_empty());
}

#[test]
fn bullets_tabs_crlf_nested_summaries_and_deeper_headings_are_kept_and_followed() {
    let s = Setup::new();
    let mut styled = String::new();
    for line in sorted_builtin().lines() {
        let line = line.replacen("### ", "#### ", 1);
        let trimmed = line.trim_start();
        if let Some(names) = trimmed.strip_prefix("* ") {
            // Author lines indented with a tab, each followed by a nested summary of two lines.
            styled.push_str(&format!(
                "\t- {names}  \r\n\t  - A summary line, with trailing spaces.  \r\n\t    More.\r\n"
            ));
        } else if let Some(rest) = line.split_once(". [").filter(|(n, _)| n.bytes().all(|b| b.is_ascii_digit())) {
            styled.push_str(&format!("* [{}\r\n", rest.1));
        } else {
            styled.push_str(&line);
            styled.push_str("\r\n");
        }
    }
    let list = s.write_list("styled.md", &styled);
    let top = s.top(&list, 2);
    s.ok(&list, &["add", "1", "2"]);
    let new = std::fs::read_to_string(&list).unwrap();
    let inserted = inserted_lines(&styled, &new);
    assert_eq!(inserted.len(), 4, "{inserted:#?}");
    for line in &inserted {
        assert!(line.ends_with("\r\n"), "CRLF like the file: {line:?}");
        assert!(line.starts_with("* [") || line.starts_with("\t- "), "the list's markers and indentation: {line:?}");
    }
    let parsed = citegraph::paper_list::parse_markdown(citegraph::paper_list::ListSource::Stdin, &new);
    for (title, section) in &top {
        let entry = parsed.papers.iter().find(|p| &p.title == title).unwrap();
        assert_eq!(&entry.section, section);
        let author_line = new.lines().nth(entry.line).unwrap();
        assert!(author_line.starts_with("\t- Field Author "), "the list's author-line style: {author_line:?}");
    }
}

#[test]
fn the_built_in_list_and_stdin_cannot_be_edited() {
    let s = Setup::new();
    let output = citegraph_on(&s.mock, &s.dir.path().join("cache")).args(["add", "1"]).output().unwrap();
    assert!(!output.status.success());
    assert!(outputs(&output).1.contains("the built-in list and stdin cannot be edited"));
    let output = s.run(Path::new("-"), &["add", "1"]);
    assert!(!output.status.success());
    assert!(outputs(&output).1.contains("--list PATH"));
}

#[test]
fn two_papers_for_one_section_are_numbered_one_after_the_other_and_keep_the_order() {
    let s = Setup::new();
    let original = sorted_builtin();
    let list = s.write_list("README.md", &original);
    s.ok(&list, &["fetch"]);
    let printed = s.ok(&list, &["add", "1", "2", "--section", "foundational"]);
    assert_eq!(printed.matches("(Foundational work)").count(), 2, "a unique prefix names the section: {printed}");
    let new = std::fs::read_to_string(&list).unwrap();
    let inserted = inserted_lines(&original, &new);
    let numbers: Vec<&str> =
        inserted.iter().filter(|l| !l.starts_with(' ')).map(|l| l.split('.').next().unwrap()).collect();
    assert_eq!(numbers.len(), 2, "{inserted:#?}");
    assert_ne!(numbers[0], numbers[1], "{inserted:#?}");
    let lint: serde_json::Value = serde_json::from_str(&s.ok(&list, &["lint", "--format", "json"])).unwrap();
    let parsed = citegraph::paper_list::parse_markdown(citegraph::paper_list::ListSource::Stdin, &new);
    assert_eq!(parsed.papers.iter().filter(|p| p.section == "Foundational work").count(), 4);
    // The new entries' lines (the synthetic data puts one original entry out of order already).
    let old_titles: Vec<String> =
        citegraph::paper_list::PaperList::builtin().papers.into_iter().map(|p| p.title).collect();
    let new_lines: Vec<usize> =
        parsed.papers.iter().filter(|p| !old_titles.contains(&p.title)).map(|p| p.line).collect();
    assert_eq!(new_lines.len(), 2);
    for finding in lint.as_array().unwrap() {
        let line = finding["line"].as_u64().unwrap() as usize;
        assert!(!(new_lines.contains(&line) && finding["rule"] == "order"), "{finding}");
    }
}
