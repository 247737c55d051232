//! Stage 5, what the reading-list exports (`missing.bib`, `missing.ris`, `missing.csl.json`)
//! share: the candidates `missing.md` shows (those the map draws, best first) as references, with
//! author names split into family and given parts and stable citation keys.

use std::collections::BTreeMap;

use crate::picture::selection::numbered_candidates;
use crate::picture::text::year_of;

use super::ExportInput;
use super::reasons::words;
use super::records::round6;

/// An author's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    /// A name with a family part (the last word, with any lower-case particle before it).
    Split {
        /// Family name.
        family: String,
        /// Given names (may be empty).
        given: String,
    },
    /// A one-word name, kept whole.
    Literal(String),
}

/// One candidate as a reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// Citation key: family name of the first author, year, first long title word (`smith2021deep`),
    /// with a letter after it when two candidates would share it.
    pub key: String,
    /// Title.
    pub title: String,
    /// Authors, in order.
    pub authors: Vec<Name>,
    /// Publication year.
    pub year: Option<i32>,
    /// Venue (journal or conference).
    pub venue: Option<String>,
    /// DOI.
    pub doi: Option<String>,
    /// arXiv id without version.
    pub arxiv: Option<String>,
    /// The best link (arXiv, else DOI, else Semantic Scholar).
    pub url: Option<String>,
    /// Semantic Scholar id.
    pub paper_id: String,
    /// Why citegraph suggests it: rank, score and reasons, one line.
    pub note: String,
}

/// Splits a name as written (`Given Family`, or `Family, Given`) into its parts.
pub fn split_name(name: &str) -> Name {
    let name = one_line(name);
    if let Some((family, given)) = name.split_once(',') {
        return Name::Split { family: family.trim().to_owned(), given: given.trim().to_owned() };
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return Name::Literal(name.trim().to_owned());
    }
    let mut start = words.len() - 1;
    while start > 1 && words[start - 1].chars().next().is_some_and(char::is_lowercase) {
        start -= 1;
    }
    Name::Split { family: words[start..].join(" "), given: words[..start].join(" ") }
}

/// `text` on one line: line breaks and other control characters become spaces.
pub fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// The top candidates of the input as references, best first.
pub fn references(input: &ExportInput<'_>) -> Vec<Reference> {
    let graph = input.graph;
    let mut refs: Vec<Reference> = numbered_candidates(&input.picture())
        .into_iter()
        .map(|(rank, c)| {
            let paper = graph.node(c.node);
            let mut note = format!("citegraph candidate #{} (score {})", rank + 1, round6(c.score));
            if let Some(section) = &c.suggested_section {
                note.push_str(&format!(", for the section {section}"));
            }
            let reasons = words(&c.reasons);
            if !reasons.is_empty() {
                note.push_str(": ");
                note.push_str(&reasons.join("; "));
            }
            Reference {
                key: String::new(),
                title: paper.title.clone(),
                authors: paper.authors.iter().map(|a| split_name(a)).collect(),
                year: year_of(paper),
                venue: paper.venue.clone(),
                doi: paper.external_ids.doi.clone(),
                arxiv: paper.external_ids.arxiv_key(),
                url: paper.url(),
                paper_id: paper.paper_id.clone(),
                note: one_line(&note),
            }
        })
        .collect();
    assign_keys(&mut refs);
    refs
}

/// Gives every reference its key; references sharing a base key get `a`, `b`, ... in order of
/// their Semantic Scholar ids, so a key does not change when the ranking does.
fn assign_keys(refs: &mut [Reference]) {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in refs.iter().enumerate() {
        groups.entry(base_key(r)).or_default().push(i);
    }
    for (base, mut members) in groups {
        if members.len() == 1 {
            refs[members[0]].key = base;
            continue;
        }
        members.sort_by(|&a, &b| refs[a].paper_id.cmp(&refs[b].paper_id));
        for (n, i) in members.into_iter().enumerate() {
            refs[i].key = format!("{base}{}", suffix(n));
        }
    }
}

/// `a`..`z`, then `aa`, `ab`, ...
fn suffix(n: usize) -> String {
    if n < 26 { ((b'a' + n as u8) as char).to_string() } else { format!("{}{}", suffix(n / 26 - 1), suffix(n % 26)) }
}

const STOP_WORDS: [&str; 12] =
    ["the", "and", "for", "with", "from", "into", "that", "this", "over", "under", "upon", "about"];

/// `smith2021deep`: the first author's family name, the year (`nd` when unknown) and the first
/// title word of four letters or more that is not a stop word, folded to lower-case ASCII.
fn base_key(r: &Reference) -> String {
    let family = match r.authors.first() {
        Some(Name::Split { family, .. }) => family.clone(),
        Some(Name::Literal(name)) => name.clone(),
        None => "anon".to_owned(),
    };
    let family = ascii_word(&family);
    let word = r
        .title
        .split(|c: char| !c.is_alphanumeric())
        .map(ascii_word)
        .find(|w| w.len() >= 4 && !STOP_WORDS.contains(&w.as_str()))
        .unwrap_or_default();
    let year = r.year.map_or_else(|| "nd".to_owned(), |y| y.to_string());
    format!("{}{year}{word}", if family.is_empty() { "anon".to_owned() } else { family })
}

/// Lower-case ASCII letters and digits of `text`, accents folded (`Núñez` -> `nunez`).
pub fn ascii_word(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(f) = fold(c) {
            out.push_str(f);
        }
    }
    out
}

/// The ASCII letters of a Latin letter with a diacritic.
fn fold(c: char) -> Option<&'static str> {
    const TABLE: [(&str, &str); 24] = [
        ("àáâãäåāăą", "a"),
        ("æ", "ae"),
        ("çćĉċč", "c"),
        ("ďđð", "d"),
        ("èéêëēĕėęě", "e"),
        ("ĝğġģ", "g"),
        ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"),
        ("ĵ", "j"),
        ("ķ", "k"),
        ("ĺļľŀł", "l"),
        ("ñńņňŉ", "n"),
        ("òóôõöøōŏő", "o"),
        ("œ", "oe"),
        ("ŕŗř", "r"),
        ("śŝşš", "s"),
        ("ß", "ss"),
        ("ţťŧ", "t"),
        ("þ", "th"),
        ("ùúûüũūŭůűų", "u"),
        ("ŵ", "w"),
        ("ýÿŷ", "y"),
        ("źżž", "z"),
        ("ǆ", "dz"),
    ];
    TABLE.iter().find(|(from, _)| from.contains(c)).map(|(_, to)| *to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_family_and_given_parts() {
        let split = |f: &str, g: &str| Name::Split { family: f.to_owned(), given: g.to_owned() };
        assert_eq!(split_name("José Núñez"), split("Núñez", "José"));
        assert_eq!(split_name("Ludwig van Beethoven"), split("van Beethoven", "Ludwig"));
        assert_eq!(split_name("Curie, Marie"), split("Curie", "Marie"));
        assert_eq!(split_name("Plato"), Name::Literal("Plato".to_owned()));
    }

    #[test]
    fn keys_are_folded_ascii() {
        assert_eq!(ascii_word("Núñez-Ødegård"), "nunezodegard");
        assert_eq!(suffix(0), "a");
        assert_eq!(suffix(27), "ab");
    }
}
