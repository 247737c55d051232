//! Words every stage writes the same way: numbers and counts (`1,234`, `1 paper`, `2 papers`),
//! short lists in messages, and display text (one clean line, a short title for a label).

/// `1234567` -> `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 citation`, `1,500 citations` (regular plurals only: see [`plural`]).
pub fn count(n: u64, noun: &str) -> String {
    format!("{} {}", thousands(n), plural(n, noun))
}

/// `noun` in the number `n` asks for, for messages that write the number themselves:
/// `paper`/`papers`, `entry`/`entries`. Regular plurals only: `-s`, or `-ies` after a consonant
/// and `y`.
pub fn plural(n: u64, noun: &str) -> String {
    if n == 1 {
        return noun.to_owned();
    }
    match noun.strip_suffix('y') {
        Some(stem) if stem.ends_with(|c: char| c.is_ascii_alphabetic() && !"aeiou".contains(c)) => {
            format!("{stem}ies")
        }
        _ => format!("{noun}s"),
    }
}

/// The first few items of a long list for a message, then how many more: `a; b; c; and 4 more`.
pub fn summarise(items: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut text = items.iter().take(SHOWN).cloned().collect::<Vec<_>>().join("; ");
    if items.len() > SHOWN {
        text.push_str(&format!("; and {} more", items.len() - SHOWN));
    }
    text
}

/// One line of display text: whitespace runs (newlines, tabs) become one space, control
/// characters go, the ends are trimmed.
pub fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else if !c.is_control() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Text for the terminal or any text output that keeps its lines: every control character goes
/// (ESC, BEL, NUL, CR, DEL, the C1 controls such as CSI), but line feeds and tabs stay. What
/// stops a title from retitling or erasing a terminal ([`crate::terminal`] applies it to
/// everything it prints).
pub fn strip_controls(text: &str) -> String {
    text.chars().filter(|&c| !c.is_control() || c == '\n' || c == '\t').collect()
}

/// A text cell for a CSV file, safe in a spreadsheet: one clean line ([`clean_text`]: control
/// characters dropped, white space runs one space, ends trimmed) and, as OWASP recommends against
/// CSV formula injection, a `'` before a cell that starts with `=`, `+`, `-` or `@` (or their
/// full-width forms), so no spreadsheet runs it as a formula. Tab and carriage return, which
/// OWASP also lists, cannot start a cleaned cell. Every CSV writer passes its text cells
/// through this; numbers written by the program itself need not.
pub fn csv_cell(text: &str) -> String {
    let text = clean_text(text);
    if text.starts_with(['=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}']) {
        format!("'{text}")
    } else {
        text
    }
}

/// JSON text with no raw control character: serde_json escapes U+0000 to U+001F itself but
/// writes DEL and the C1 controls (U+007F to U+009F, CSI among them) raw; they can only stand
/// inside strings, where this writes them as `\u009b` and so on. The parsed value is unchanged.
/// Every JSON writer passes its text through this.
pub fn json_text(json: String) -> String {
    if !json.contains(|c: char| c.is_control() && !c.is_ascii_whitespace()) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c.is_control() && !c.is_ascii_whitespace() {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Longest short title, in characters, before it is cut.
const SHORT_TITLE_CHARS: usize = 42;

/// A title short enough for a label: the part before a colon, a question mark or a dash when
/// that part says enough ("The Curse of Recursion: Training on …" -> "The Curse of Recursion",
/// "Is Model Collapse Inevitable? Breaking …" -> "Is Model Collapse Inevitable?"), else the title
/// cut at a word boundary with `…`.
pub fn short_title(title: &str) -> String {
    let title = clean_text(title);
    for (separator, keep) in [(": ", ""), ("? ", "?"), (" - ", ""), (" \u{2013} ", ""), (" \u{2014} ", "")] {
        if let Some((head, _)) = title.split_once(separator) {
            let head = format!("{head}{keep}");
            let n = head.chars().count();
            if (12..=SHORT_TITLE_CHARS).contains(&n) && head.contains(' ') {
                return head;
            }
        }
    }
    if title.chars().count() <= SHORT_TITLE_CHARS {
        return title;
    }
    let cut: String = title.chars().take(SHORT_TITLE_CHARS - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space >= cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '-', ' ']))
}

/// Words that say nothing about which paper a title names: function words, and the words half
/// the titles of a machine-learning list share.
const GENERIC_TITLE_WORDS: &[&str] = &[
    "a",
    "about",
    "ai",
    "an",
    "analysis",
    "and",
    "approach",
    "are",
    "artificial",
    "as",
    "at",
    "be",
    "by",
    "can",
    "data",
    "deep",
    "do",
    "does",
    "for",
    "from",
    "generated",
    "generation",
    "generative",
    "how",
    "in",
    "intelligence",
    "into",
    "is",
    "its",
    "language",
    "large",
    "learning",
    "llm",
    "llms",
    "machine",
    "model",
    "models",
    "network",
    "networks",
    "neural",
    "new",
    "of",
    "on",
    "or",
    "our",
    "study",
    "synthetic",
    "the",
    "their",
    "to",
    "towards",
    "training",
    "via",
    "we",
    "what",
    "when",
    "why",
    "with",
];

/// Whether a short title (as [`short_title`] gives it) names its paper: it was not cut, or what
/// is left holds at least one word that is not generic ("Generative Artificial Intelligence…"
/// does not).
pub fn short_title_says_enough(short: &str) -> bool {
    let Some(kept) = short.strip_suffix('…') else { return true };
    kept.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).any(|w| {
        let w = w.to_lowercase();
        !GENERIC_TITLE_WORDS.contains(&w.as_str())
    })
}

/// A title cut to about 60 characters at a word boundary, for table cells and reasons.
pub fn cut_title(title: &str) -> String {
    const MAX: usize = 60;
    let title = title.trim();
    if title.chars().count() <= MAX {
        return title.to_owned();
    }
    let cut: String = title.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head).trim_end_matches([',', ':', ';', ' ']);
    format!("{cut}…")
}

/// A share as a percentage with enough digits to tell small ones apart: `12%`, `1.7%`, `0.03%`.
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p >= 10.0 {
        format!("{p:.0}%")
    } else if p >= 1.0 {
        format!("{p:.1}%")
    } else if p > 0.0 && p < 0.01 {
        "under 0.01%".to_owned()
    } else {
        format!("{p:.2}%")
    }
}

/// How every number of one table column is written, so a column reads alike from top to bottom:
/// the same number of decimals throughout, enough for the column's largest value to show three
/// significant figures (`0.0447` and `0.0006`; `0.210` and `0.069`); a column of whole numbers, or
/// one whose largest value is 100 or more, as whole numbers with thousands separators (`5,234`).
/// A value above 0 too small for the decimals reads `<0.0001`, so it is not taken for a true
/// `0.0000`. For people (Markdown, the terminal); data files keep full precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberColumn {
    decimals: usize,
}

impl NumberColumn {
    /// The most decimals a column gets (its largest value below `1e-9` shows as `<0.0000000001`).
    const MAX_DECIMALS: usize = 10;

    /// The format of a column holding `values` (non-finite values are left out of the choice).
    pub fn fit(values: impl IntoIterator<Item = f64>) -> NumberColumn {
        let mut max = 0.0_f64;
        let mut whole = true;
        for x in values.into_iter().filter(|x| x.is_finite()) {
            max = max.max(x.abs());
            whole &= x.fract() == 0.0;
        }
        let decimals = if whole || max == 0.0 {
            0
        } else {
            // 2 - floor(log10(max)) decimals give the largest value three significant figures.
            let wanted = 2.0 - max.log10().floor();
            if wanted <= 0.0 { 0 } else { (wanted as usize).min(Self::MAX_DECIMALS) }
        };
        NumberColumn { decimals }
    }

    /// `x` in this column's format.
    pub fn format(self, x: f64) -> String {
        if !x.is_finite() {
            return x.to_string();
        }
        if self.decimals == 0 {
            let whole = x.round();
            let digits = thousands(whole.abs() as u64);
            return if whole < 0.0 { format!("-{digits}") } else { digits };
        }
        let text = format!("{x:.*}", self.decimals);
        if x > 0.0 && !text.contains(['1', '2', '3', '4', '5', '6', '7', '8', '9']) {
            format!("<0.{}1", "0".repeat(self.decimals - 1))
        } else {
            text
        }
    }
}

/// The data of a source, for "… from {} of 2024-05-14": `Semantic Scholar` -> `Semantic Scholar
/// data`; a source already named as data (`synthetic demo data`) stays as it is.
pub fn source_data(source: &str) -> String {
    if source.ends_with(" data") { source.to_owned() } else { format!("{source} data") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_stripped_but_lines_kept() {
        assert_eq!(strip_controls("a\u{1b}]0;t\u{7}b\u{1b}[2K\r\n\tc\u{9b}1m\u{0}\u{7f}"), "a]0;tb[2K\n\tc1m");
        assert_eq!(strip_controls("Chloé ∞ 模型"), "Chloé ∞ 模型");
    }

    #[test]
    fn json_text_escapes_what_serde_leaves_raw_and_keeps_the_value() {
        let value = serde_json::json!({"t": "a\u{1b}b\u{9b}c\u{7f}d\n"});
        let text = json_text(serde_json::to_string_pretty(&value).unwrap());
        assert!(!text.contains(|c: char| c.is_control() && c != '\n'), "{text:?}");
        assert!(text.contains(r"\u009b") && text.contains(r"\u007f"), "{text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("\t=1+1"), "'=1+1");
        assert_eq!(csv_cell(" \r@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("-2"), "'-2");
        assert_eq!(csv_cell("+x"), "'+x");
        assert_eq!(csv_cell("＝1"), "'＝1");
        assert_eq!(csv_cell("a \u{1b}[2K\u{7}b"), "a [2Kb");
        assert_eq!(csv_cell("Plain, \"quoted\" title"), "Plain, \"quoted\" title");
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn big_numbers_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(412), "412");
        assert_eq!(thousands(9999), "9,999");
        assert_eq!(thousands(65_000), "65,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn a_column_of_numbers_has_one_format() {
        let column = |values: &[f64]| {
            let format = NumberColumn::fit(values.iter().copied());
            values.iter().map(|&x| format.format(x)).collect::<Vec<_>>()
        };
        // The mix rankings.md used to show (`0.0028`, `5.7e-4`, `0.035`) in one notation.
        assert_eq!(column(&[0.0028, 0.00057, 0.035, 0.0447]), ["0.0028", "0.0006", "0.0350", "0.0447"]);
        assert_eq!(column(&[0.2101, 0.0692, 0.0]), ["0.210", "0.069", "0.000"]);
        assert_eq!(column(&[0.2725, 4.0e-18]), ["0.273", "<0.001"]);
        assert_eq!(column(&[5234.4, 0.5, 0.0]), ["5,234", "1", "0"], "100 or more: whole numbers");
        assert_eq!(column(&[2.0, 5.0, 0.0]), ["2", "5", "0"], "whole numbers stay whole");
        assert_eq!(column(&[12.5, 0.26]), ["12.5", "0.3"]);
        assert_eq!(column(&[0.0, 0.0]), ["0", "0"]);
        assert_eq!(column(&[1.5e-5, 3.0e-6]), ["0.0000150", "0.0000030"], "a graph of 50,000 nodes");
        assert_eq!(column(&[1e-30]), ["<0.0000000001"]);
        assert_eq!(column(&[f64::NAN, 0.5]), ["NaN", "0.500"]);
    }

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count(0, "paper"), "0 papers");
        assert_eq!(count(1, "citation"), "1 citation");
        assert_eq!(count(1500, "citation"), "1,500 citations");
    }

    #[test]
    fn plurals_follow_the_count() {
        assert_eq!(plural(1, "answer"), "answer");
        assert_eq!(plural(0, "answer"), "answers");
        assert_eq!(plural(2, "self-citation"), "self-citations");
        assert_eq!(plural(1, "entry"), "entry");
        assert_eq!(plural(3, "entry"), "entries");
        assert_eq!(plural(3, "try"), "tries");
        assert_eq!(plural(2, "day"), "days");
        assert_eq!(count(2, "entry"), "2 entries");
    }

    #[test]
    fn long_lists_are_summarised_after_three_items() {
        let items: Vec<String> = ["a", "b", "c", "d", "e"].map(str::to_owned).to_vec();
        assert_eq!(summarise(&items[..2]), "a; b");
        assert_eq!(summarise(&items[..3]), "a; b; c");
        assert_eq!(summarise(&items), "a; b; c; and 2 more");
        assert_eq!(summarise(&[]), "");
    }

    #[test]
    fn clean_text_makes_one_trimmed_line() {
        assert_eq!(clean_text("  two\nlines\t and\u{7}  tabs "), "two lines and tabs");
        assert_eq!(clean_text("\n\t"), "");
    }

    #[test]
    fn short_titles_keep_the_part_before_a_colon_or_cut_at_a_word() {
        assert_eq!(
            short_title("The Curse of Recursion: Training on Generated Data Makes Models Forget"),
            "The Curse of Recursion"
        );
        assert_eq!(short_title("Self-Consuming Generative Models Go MAD"), "Self-Consuming Generative Models Go MAD");
        let long =
            short_title("Is Model Collapse Inevitable? Breaking the Curse of Recursion by Accumulating Real Data");
        assert_eq!(long, "Is Model Collapse Inevitable?", "a question is a head too");
        assert_eq!(short_title("Model Dementia - Generated Data Makes Models Forget"), "Model Dementia");
        assert_eq!(short_title("AI: models"), "AI: models", "a one-word head is not enough");
        assert_eq!(short_title("  two\nlines\t"), "two lines");
    }

    #[test]
    fn a_cut_title_made_of_generic_words_does_not_say_enough() {
        let generic = short_title("Generative Artificial Intelligence Enhances Creativity but Reduces the Diversity");
        assert_eq!(generic, "Generative Artificial Intelligence…");
        assert!(!short_title_says_enough(&generic));
        let telling = short_title("Nepotistically Trained Generative-AI Models Collapse in Closed Loops");
        assert!(telling.ends_with('…'), "{telling}");
        assert!(short_title_says_enough(&telling));
        assert!(short_title_says_enough("Large Language Models"), "a whole title names its paper");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        assert_eq!(cut_title("Short"), "Short");
        let long =
            "Large Language Models Suffer From Their Own Output: An Analysis of the Self-Consuming Training Loop";
        assert_eq!(cut_title(long), "Large Language Models Suffer From Their Own Output: An…");
    }

    #[test]
    fn shares_keep_enough_digits_to_tell_small_ones_apart() {
        assert_eq!(percent(0.5), "50%");
        assert_eq!(percent(0.05), "5.0%");
        assert_eq!(percent(0.0003), "0.03%");
        assert_eq!(percent(0.000_04), "under 0.01%");
        assert_eq!(percent(0.0), "0.00%");
    }
}
