//! Stage 4 input for `citegraph rank --edges`: a two-column edge list (`citing cited`, any
//! whitespace between, `#` comments, blank lines) -> interned ids and a [`Csr`].

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::csr::{Csr, CsrReport};

/// An edge list read from a file: ids in order of first appearance, and the adjacency over them.
#[derive(Debug, Clone)]
pub struct EdgeList {
    /// Node ids as written, by node index.
    pub ids: Vec<String>,
    /// The adjacency (duplicates merged, self-citations dropped).
    pub csr: Csr,
    /// Edge lines read (before merging duplicates).
    pub lines: usize,
    /// What building the adjacency dropped.
    pub report: CsrReport,
}

impl EdgeList {
    /// Reads an edge list file; errors name the file, and the line for bad lines.
    pub fn read(path: &Path) -> Result<EdgeList> {
        let bytes = std::fs::read(path)
            .with_context(|| format!("cannot read the edge list {} (check --edges)", path.display()))?;
        EdgeList::parse(&path.display().to_string(), &bytes)
    }

    /// Parses edge-list text; `name` is the file name used in messages.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<EdgeList> {
        let mut ids: Vec<String> = Vec::new();
        let mut index = IdIndex::default();
        let mut edges: Vec<(u32, u32)> = Vec::new();
        for (number, line) in bytes.split(|&b| b == b'\n').enumerate() {
            let number = number + 1;
            let Ok(line) = std::str::from_utf8(line) else {
                bail!("{name}:{number}: not valid UTF-8; an edge list is text with two ids per line");
            };
            let line = line.split_once('#').map_or(line, |(before, _)| before);
            let mut columns = line.split_ascii_whitespace();
            let Some(citing) = columns.next() else { continue };
            let Some(cited) = columns.next() else {
                bail!("{name}:{number}: expected two columns `citing cited`, found one: `{}`", line.trim());
            };
            if columns.next().is_some() {
                let found = line.split_ascii_whitespace().count();
                bail!(
                    "{name}:{number}: expected two columns `citing cited`, found {found}: `{}` \
                     (ids cannot contain spaces; `#` starts a comment)",
                    line.trim()
                );
            }
            let (Some(s), Some(t)) = (intern(&mut index, &mut ids, citing), intern(&mut index, &mut ids, cited)) else {
                bail!("{name}:{number}: more than {} distinct ids; split the graph", u32::MAX);
            };
            edges.push((s, t));
            if edges.len() >= u32::MAX as usize {
                bail!("{name}:{number}: more than {} edges; split the graph", u32::MAX - 1);
            }
        }
        if edges.is_empty() {
            bail!("{name} holds no edges: expected lines of two whitespace-separated ids, `citing cited`");
        }
        let lines = edges.len();
        let (csr, report) = Csr::from_edges(ids.len(), edges);
        Ok(EdgeList { ids, csr, lines, report })
    }
}

type IdIndex<'a> = HashMap<&'a str, u32, BuildHasherDefault<FxHasher>>;

/// The index of `id`, added if new; `None` when the ids no longer fit a `u32`. The map borrows
/// the ids from the file's bytes, so looking up a known id copies nothing.
fn intern<'a>(index: &mut IdIndex<'a>, ids: &mut Vec<String>, id: &'a str) -> Option<u32> {
    if let Some(&i) = index.get(id) {
        return Some(i);
    }
    let i = u32::try_from(ids.len()).ok().filter(|&i| i < u32::MAX)?;
    ids.push(id.to_owned());
    index.insert(id, i);
    Some(i)
}

/// The Firefox hash: fast for short string keys, not DoS-resistant (edge lists are the user's
/// own files).
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_blank_lines_tabs_crlf_and_duplicates_are_fine() {
        let text = "# a comment\n\na\tb\r\nb c   # trailing comment\n  a b\nc a\nd d\n";
        let list = EdgeList::parse("e.txt", text.as_bytes()).unwrap();
        assert_eq!(list.ids, ["a", "b", "c", "d"]);
        assert_eq!(list.lines, 5);
        assert_eq!(list.report, CsrReport { duplicates: 1, self_loops: 1 });
        assert_eq!(list.csr.edges().collect::<Vec<_>>(), [(0, 1), (1, 2), (2, 0)]);
    }

    #[test]
    fn bad_lines_are_named_by_file_and_line() {
        for (text, message) in [
            ("a b\nlonely\n", "e.txt:2: expected two columns `citing cited`, found one: `lonely`"),
            ("a b\n\na b c\n", "e.txt:3: expected two columns `citing cited`, found 3: `a b c`"),
            ("# only comments\n\n", "e.txt holds no edges"),
        ] {
            let err = EdgeList::parse("e.txt", text.as_bytes()).unwrap_err();
            assert!(format!("{err:#}").contains(message), "{err:#}");
        }
        let err = EdgeList::parse("e.txt", b"a b\n\xff\xfe c\n").unwrap_err();
        assert!(format!("{err:#}").starts_with("e.txt:2: not valid UTF-8"), "{err:#}");
    }

    #[test]
    fn a_missing_file_names_the_flag() {
        let err = EdgeList::read(Path::new("/nonexistent/edges.txt")).unwrap_err();
        let text = format!("{err:#}");
        assert!(text.contains("/nonexistent/edges.txt") && text.contains("--edges"), "{text}");
    }
}
