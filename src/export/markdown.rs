//! Stage 5 helpers shared by the Markdown outputs: escaping text for inline Markdown (link text,
//! table cells, headings) and link destinations, the list's own venue-tag style, and the score
//! columns of a ranking table (the terminal's too).

use crate::graph::PaperNode;
use crate::paper_list::VenueTag;
use crate::rank::NodeRow;
use crate::wording::NumberColumn;

/// Text safe inside inline Markdown that does not start a line: link text, a table cell, a
/// heading's text. Every character Markdown (CommonMark plus GitHub's tables, strikethrough and
/// math) could read as inline syntax is backslash-escaped (brackets are, so parentheses and `!`
/// need not be); runs of white space (line breaks too) become one space; control characters are
/// dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut last_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        if c.is_control() {
            continue;
        }
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '$' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out.trim().to_owned()
}

/// A URL safe as a Markdown link destination: spaces, parentheses, angle brackets and control
/// characters percent-encoded (DOIs contain parentheses).
pub fn link_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `[Title](url)` with both parts made safe; the title alone when there is no link (a paper
/// without a valid id: see [`crate::links::paper_url`]).
pub fn link(title: &str, url: Option<&str>) -> String {
    let text = escape(title);
    let text = if text.is_empty() { "(untitled)".to_owned() } else { text };
    match url {
        Some(url) => format!("[{text}]({})", link_destination(url)),
        None => text,
    }
}

/// Long venue names as Semantic Scholar spells them, and the tag a list would use.
const VENUE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("arxiv.org", "arXiv"),
    ("arxiv", "arXiv"),
    ("international conference on learning representations", "ICLR"),
    ("neural information processing systems", "NeurIPS"),
    ("international conference on machine learning", "ICML"),
    ("computer vision and pattern recognition", "CVPR"),
    ("ieee international conference on computer vision", "ICCV"),
    ("international conference on computer vision", "ICCV"),
    ("european conference on computer vision", "ECCV"),
    ("annual meeting of the association for computational linguistics", "ACL"),
    ("conference on empirical methods in natural language processing", "EMNLP"),
    ("north american chapter of the association for computational linguistics", "NAACL"),
    ("aaai conference on artificial intelligence", "AAAI"),
    ("international joint conference on artificial intelligence", "IJCAI"),
    ("international conference on artificial intelligence and statistics", "AISTATS"),
    ("conference on uncertainty in artificial intelligence", "UAI"),
    ("knowledge discovery and data mining", "KDD"),
    ("the web conference", "WWW"),
    ("journal of machine learning research", "JMLR"),
    ("transactions on machine learning research", "TMLR"),
];

/// The paper's tag in the list's own style, `arXiv 23` or `ICLR 24`, from its venue (known
/// conference names shortened; an arXiv id stands in for a missing venue) and year; `None`
/// when neither is known.
pub fn venue_tag(paper: &PaperNode) -> Option<String> {
    let venue = match paper.venue.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => VENUE_ABBREVIATIONS
            .iter()
            .find(|(long, _)| long.eq_ignore_ascii_case(v))
            .map_or_else(|| v.to_owned(), |(_, short)| (*short).to_owned()),
        None if paper.external_ids.arxiv.is_some() => "arXiv".to_owned(),
        None => String::new(),
    };
    let venue: String = venue.chars().map(|c| if matches!(c, '[' | ']') { ' ' } else { c }).collect();
    let tag = VenueTag::short(venue.split_whitespace().collect::<Vec<_>>().join(" ").as_str(), paper.year);
    (!tag.is_empty()).then(|| escape(&tag))
}

/// The four scores of each row of a ranking table (PageRank, betweenness, authority, hub) as
/// people read them: each column in one format ([`NumberColumn`]) fitted to the rows shown.
pub fn score_cells(rows: &[NodeRow<'_>]) -> Vec<[String; 4]> {
    let scores: Vec<[f64; 4]> =
        rows.iter().map(|r| [r.metrics.pagerank, r.metrics.betweenness, r.metrics.authority, r.metrics.hub]).collect();
    let columns: [NumberColumn; 4] = std::array::from_fn(|i| NumberColumn::fit(scores.iter().map(|s| s[i])));
    scores.iter().map(|s| std::array::from_fn(|i| columns[i].format(s[i]))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PaperMeta;

    #[test]
    fn markdown_syntax_is_escaped_and_plain_text_is_not() {
        assert_eq!(escape("Self-Consuming Models Go MAD"), "Self-Consuming Models Go MAD");
        assert_eq!(escape("a|b <i>x</i> [1](y) *z* `c` $m$"), r"a\|b \<i\>x\</i\> \[1\](y) \*z\* \`c\` \$m\$");
        assert_eq!(escape("line\nbreak\r\n  and\ttab "), "line break and tab");
        assert_eq!(escape(r"back\slash & co"), r"back\\slash \& co");
    }

    #[test]
    fn destinations_survive_parentheses_and_spaces() {
        assert_eq!(
            link_destination("https://doi.org/10.1016/S0140-6736(20)30183-5"),
            "https://doi.org/10.1016/S0140-6736%2820%2930183-5"
        );
        assert_eq!(link("A [b]", Some("https://x.org/a b")), r"[A \[b\]](https://x.org/a%20b)");
        assert_eq!(link("A [b]", None), r"A \[b\]");
    }

    #[test]
    fn venue_tags_follow_the_list_style() {
        let node = |venue: Option<&str>, year: Option<i32>, arxiv: Option<&str>| {
            let mut meta = PaperMeta { venue: venue.map(Into::into), year, ..PaperMeta::default() };
            meta.external_ids.arxiv = arxiv.map(Into::into);
            PaperNode::from_meta(&meta)
        };
        assert_eq!(venue_tag(&node(Some("arXiv.org"), Some(2023), None)).as_deref(), Some("arXiv 23"));
        assert_eq!(
            venue_tag(&node(Some("International Conference on Learning Representations"), Some(2024), None)).as_deref(),
            Some("ICLR 24")
        );
        assert_eq!(venue_tag(&node(None, Some(2022), Some("2201.00001"))).as_deref(), Some("arXiv 22"));
        assert_eq!(venue_tag(&node(Some("Nature [Letters]"), None, None)).as_deref(), Some("Nature Letters"));
        assert_eq!(venue_tag(&node(None, None, None)), None);
    }

    #[test]
    fn each_score_column_has_one_format() {
        use crate::rank::NodeMetrics;
        let row = |pagerank, betweenness, authority, hub| {
            NodeRow::bare("p", NodeMetrics { pagerank, betweenness, authority, hub, ..NodeMetrics::default() })
        };
        let rows =
            [row(0.0227, 5234.0, 0.0028, 0.035), row(0.0217, 5361.0, 0.00057, 0.0393), row(0.0144, 0.0, 0.0376, 0.0)];
        assert_eq!(
            score_cells(&rows),
            [
                ["0.0227", "5,234", "0.0028", "0.0350"],
                ["0.0217", "5,361", "0.0006", "0.0393"],
                ["0.0144", "0", "0.0376", "0.0000"],
            ]
        );
    }
}
