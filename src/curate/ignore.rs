//! The ignore file: papers the curator rejected, one per line by Semantic Scholar id, arXiv id,
//! DOI or exact title, `#` for comments. Resolved against the citation graph into an
//! [`IgnoreSet`], which takes them out of the candidates (and so out of `missing.*`, the map and
//! the DOT, which draw candidates only).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::graph::CitationGraph;
use crate::model::{normalize_title, strip_arxiv_version};
use crate::paper_list::{ListSource, PaperId};
use crate::rank::Rankings;

/// The ignore file's name, looked for beside a list file when `--ignore` is not given.
pub const DEFAULT_FILE_NAME: &str = "citegraph-ignore.txt";

/// How one line of the ignore file names a paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
pub enum IgnoreKey {
    /// A Semantic Scholar paper id (40 hex characters), lower case.
    S2(String),
    /// An arXiv id without version.
    Arxiv(String),
    /// A DOI, lower case.
    Doi(String),
    /// A title, normalised ([`normalize_title`]: case and punctuation do not matter).
    Title(String),
}

/// One paper line of the ignore file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IgnoreLine {
    /// 1-based line number.
    pub line: usize,
    /// The paper, as written (comment removed).
    pub text: String,
    /// How it names the paper.
    pub key: IgnoreKey,
}

/// A parsed ignore file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IgnoreFile {
    /// Where it was read from (for messages).
    pub path: PathBuf,
    /// Its paper lines, in order.
    pub lines: Vec<IgnoreLine>,
    /// Lines that name no paper in a form citegraph knows: `file:line: message` warnings.
    pub malformed: Vec<String>,
}

/// The papers an ignore file names, found in the citation graph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IgnoreSet {
    /// Graph nodes to leave out of the candidates.
    pub nodes: HashSet<NodeIndex>,
    /// Their Semantic Scholar ids (canonical and merged), sorted: what the recommendations API
    /// takes as `negativePaperIds`.
    pub paper_ids: Vec<String>,
    /// Warnings: malformed lines, lines matching no paper, lines naming a listed paper.
    pub warnings: Vec<String>,
}

impl IgnoreFile {
    /// Reads and parses an ignore file.
    pub fn read(path: &Path) -> Result<IgnoreFile> {
        let text = std::fs::read_to_string(path).with_context(|| {
            format!("cannot read the ignore file {}: check --ignore (one paper per line, UTF-8)", path.display())
        })?;
        Ok(IgnoreFile::parse(path, &text))
    }

    /// Parses the text of an ignore file; never fails (bad lines become warnings).
    pub fn parse(path: &Path, text: &str) -> IgnoreFile {
        let mut file = IgnoreFile { path: path.to_path_buf(), ..IgnoreFile::default() };
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let content = strip_comment(raw).trim();
            if content.is_empty() {
                continue;
            }
            match parse_key(content) {
                Ok(key) => file.lines.push(IgnoreLine { line, text: content.to_owned(), key }),
                Err(why) => file.malformed.push(format!("{}:{line}: `{content}` {why}", path.display())),
            }
        }
        file
    }

    /// The lines as ids the Semantic Scholar API takes (`<40 hex>`, `ARXIV:…`, `DOI:…`), sorted and
    /// without repeats, for the recommendations' `negativePaperIds`; titles cannot be sent.
    pub fn request_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .lines
            .iter()
            .filter_map(|line| match &line.key {
                IgnoreKey::S2(id) => Some(id.clone()),
                IgnoreKey::Arxiv(id) => Some(format!("ARXIV:{id}")),
                IgnoreKey::Doi(doi) => Some(format!("DOI:{doi}")),
                IgnoreKey::Title(_) => None,
            })
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// Finds each line's paper in the graph. Lines that match nothing become warnings with their
    /// line number; a line naming a listed paper is a warning too (remove it from one of the two).
    pub fn resolve(&self, graph: &CitationGraph) -> IgnoreSet {
        let mut set = IgnoreSet { warnings: self.malformed.clone(), ..IgnoreSet::default() };
        let mut ids: HashSet<String> = HashSet::new();
        for entry in &self.lines {
            let found = find_nodes(&entry.key, graph);
            if found.is_empty() {
                set.warnings.push(format!(
                    "{}:{}: `{}` matches no paper of the citation graph; check the id or title (or delete the line)",
                    self.path.display(),
                    entry.line,
                    entry.text
                ));
            }
            for node in found {
                let paper = graph.node(node);
                if paper.listed.is_some() {
                    set.warnings.push(format!(
                        "{}:{}: `{}` is on the list itself; ignoring it has no effect (remove it from the list or from the ignore file)",
                        self.path.display(),
                        entry.line,
                        entry.text
                    ));
                    continue;
                }
                set.nodes.insert(node);
                ids.insert(paper.paper_id.clone());
                ids.extend(paper.merged_ids.iter().cloned());
            }
        }
        set.paper_ids = ids.into_iter().collect();
        set.paper_ids.sort();
        set
    }
}

impl IgnoreSet {
    /// Takes the ignored papers out of the candidates; returns how many were there.
    pub fn apply(&self, rankings: &mut Rankings) -> usize {
        let before = rankings.candidates.len();
        rankings.candidates.retain(|c| !self.nodes.contains(&c.node));
        rankings.excluded.extend(self.nodes.iter().copied());
        before - rankings.candidates.len()
    }
}

/// The ignore file to use: the one given, else `citegraph-ignore.txt` beside a list file when it
/// exists. The built-in list and stdin have none unless `--ignore` names one.
pub fn locate(given: Option<&Path>, list: &ListSource) -> Option<PathBuf> {
    if let Some(path) = given {
        return Some(path.to_path_buf());
    }
    let ListSource::File(list_path) = list else { return None };
    let beside = list_path.parent().unwrap_or(Path::new("")).join(DEFAULT_FILE_NAME);
    beside.is_file().then_some(beside)
}

/// The line without its comment: a line starting with `#`, or ` #` and what follows.
fn strip_comment(line: &str) -> &str {
    let line = line.trim_start_matches('\u{feff}');
    if line.trim_start().starts_with('#') {
        return "";
    }
    match line.find(" #").or_else(|| line.find("\t#")) {
        Some(at) => &line[..at],
        None => line,
    }
}

/// How a line names a paper, or why it names none (also how `add` reads its ids).
pub fn parse_key(text: &str) -> Result<IgnoreKey, &'static str> {
    let lower = text.to_ascii_lowercase();
    if text.len() == 40 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(IgnoreKey::S2(lower));
    }
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return match PaperId::from_url(text) {
            Some(PaperId::Arxiv(id)) => Ok(IgnoreKey::Arxiv(id)),
            Some(PaperId::Doi(doi)) => Ok(IgnoreKey::Doi(doi.to_ascii_lowercase())),
            Some(PaperId::SemanticScholar(id)) => Ok(IgnoreKey::S2(id)),
            _ => Err("is a link citegraph cannot match: give an arXiv, DOI or Semantic Scholar link, or the title"),
        };
    }
    if let Some(rest) = strip_prefix_ci(text, "arxiv:") {
        let id = strip_arxiv_version(rest.trim());
        return if is_arxiv_id(id) {
            Ok(IgnoreKey::Arxiv(id.to_owned()))
        } else {
            Err("is not an arXiv id: write e.g. `arXiv:2305.17493`")
        };
    }
    if let Some(rest) = strip_prefix_ci(text, "doi:") {
        let doi = rest.trim();
        return if is_doi(doi) {
            Ok(IgnoreKey::Doi(doi.to_ascii_lowercase()))
        } else {
            Err("is not a DOI: write e.g. `doi:10.1038/s41586-024-07566-y`")
        };
    }
    if is_doi(text) {
        return Ok(IgnoreKey::Doi(lower));
    }
    let bare = strip_arxiv_version(text);
    if is_arxiv_id(bare) {
        return Ok(IgnoreKey::Arxiv(bare.to_owned()));
    }
    if text.starts_with("10.") {
        return Err("looks like a DOI but has no `/`: write e.g. `10.1038/s41586-024-07566-y`");
    }
    let title = normalize_title(text);
    if title.split(' ').count() < 2 {
        return Err(
            "is neither an id nor a title (a title has at least two words): give an S2 id, arXiv id, DOI or the exact title",
        );
    }
    Ok(IgnoreKey::Title(title))
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    (text.len() >= prefix.len()
        && text.is_char_boundary(prefix.len())
        && text[..prefix.len()].eq_ignore_ascii_case(prefix))
    .then(|| &text[prefix.len()..])
}

/// `2305.17493` (four digits, a dot, four or five digits) or old-style `math/0207249`.
fn is_arxiv_id(id: &str) -> bool {
    let new_style = |s: &str| {
        let Some((a, b)) = s.split_once('.') else { return false };
        a.len() == 4 && (4..=5).contains(&b.len()) && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit())
    };
    let old_style = |s: &str| {
        let Some((archive, number)) = s.split_once('/') else { return false };
        !archive.is_empty()
            && archive.bytes().all(|c| c.is_ascii_lowercase() || c == b'-' || c == b'.')
            && number.len() == 7
            && number.bytes().all(|c| c.is_ascii_digit())
    };
    new_style(id) || old_style(id)
}

fn is_doi(text: &str) -> bool {
    text.starts_with("10.") && text.split_once('/').is_some_and(|(_, suffix)| !suffix.is_empty()) && !text.contains(' ')
}

/// Every node of the graph a key names.
pub fn find_nodes(key: &IgnoreKey, graph: &CitationGraph) -> Vec<NodeIndex> {
    graph.graph().node_indices().filter(|&n| matches_node(key, graph, n)).collect()
}

fn matches_node(key: &IgnoreKey, graph: &CitationGraph, node: NodeIndex) -> bool {
    let paper = graph.node(node);
    match key {
        IgnoreKey::S2(id) => {
            paper.paper_id.eq_ignore_ascii_case(id) || paper.merged_ids.iter().any(|m| m.eq_ignore_ascii_case(id))
        }
        IgnoreKey::Arxiv(id) => paper.external_ids.arxiv_key().as_deref() == Some(id.as_str()),
        IgnoreKey::Doi(doi) => paper.external_ids.doi_key().as_deref() == Some(doi.as_str()),
        IgnoreKey::Title(title) => normalize_title(&paper.title) == *title,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> IgnoreFile {
        IgnoreFile::parse(Path::new("ignore.txt"), text)
    }

    #[test]
    fn every_form_of_id_and_comments_are_understood() {
        let file = parse(
            "# rejected after review\n\
             0123456789ABCDEF0123456789abcdef01234567\n\
             arXiv:2305.17493v2   # a duplicate of the published one\n\
             2402.07087\n\
             doi:10.1038/S41586-024-07566-Y\n\
             10.1000/xyz\n\
             https://arxiv.org/pdf/2311.12202\n\
             \n\
             The Curse of Recursion: Training on Generated Data\n",
        );
        let keys: Vec<(usize, IgnoreKey)> = file.lines.iter().map(|l| (l.line, l.key.clone())).collect();
        assert_eq!(
            keys,
            vec![
                (2, IgnoreKey::S2("0123456789abcdef0123456789abcdef01234567".into())),
                (3, IgnoreKey::Arxiv("2305.17493".into())),
                (4, IgnoreKey::Arxiv("2402.07087".into())),
                (5, IgnoreKey::Doi("10.1038/s41586-024-07566-y".into())),
                (6, IgnoreKey::Doi("10.1000/xyz".into())),
                (7, IgnoreKey::Arxiv("2311.12202".into())),
                (9, IgnoreKey::Title("the curse of recursion training on generated data".into())),
            ]
        );
        assert!(file.malformed.is_empty(), "{:?}", file.malformed);
    }

    #[test]
    fn malformed_lines_are_warnings_with_their_line_number() {
        let file = parse("arXiv:23x\r\n10.1234\r\nfoo\r\nhttps://example.com/paper\r\ndoi:nope\r\n2402.07087\r\n");
        assert_eq!(file.lines.len(), 1);
        assert_eq!(file.lines[0].line, 6);
        let lines: Vec<&str> = file.malformed.iter().map(|w| w.split(": ").next().unwrap()).collect();
        assert_eq!(lines, ["ignore.txt:1", "ignore.txt:2", "ignore.txt:3", "ignore.txt:4", "ignore.txt:5"]);
        assert!(file.malformed[0].contains("not an arXiv id"), "{}", file.malformed[0]);
    }

    #[test]
    fn the_default_file_is_looked_for_beside_a_list_file_only() {
        let dir = tempfile::tempdir().unwrap();
        let list = ListSource::File(dir.path().join("README.md"));
        assert_eq!(locate(None, &list), None, "absent: none");
        std::fs::write(dir.path().join(DEFAULT_FILE_NAME), "").unwrap();
        assert_eq!(locate(None, &list), Some(dir.path().join(DEFAULT_FILE_NAME)));
        assert_eq!(locate(None, &ListSource::Builtin), None);
        assert_eq!(locate(None, &ListSource::Stdin), None);
        assert_eq!(locate(Some(Path::new("x.txt")), &ListSource::Builtin), Some(PathBuf::from("x.txt")));
    }
}
