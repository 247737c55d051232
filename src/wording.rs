//! Numbers and counts in words, the same way in every message and file: `1,234`, `1 paper`,
//! `2 papers`.

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

/// `1 citation`, `1,500 citations` (regular plurals only).
pub fn count(n: u64, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{} {noun}s", thousands(n)) }
}

/// A title cut to about 60 characters at a word boundary, for table cells and reasons.
pub fn short_title(title: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_numbers_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(412), "412");
        assert_eq!(thousands(9999), "9,999");
        assert_eq!(thousands(65_000), "65,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count(0, "paper"), "0 papers");
        assert_eq!(count(1, "citation"), "1 citation");
        assert_eq!(count(1500, "citation"), "1,500 citations");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        assert_eq!(short_title("Short"), "Short");
        let long =
            "Large Language Models Suffer From Their Own Output: An Analysis of the Self-Consuming Training Loop";
        assert_eq!(short_title(long), "Large Language Models Suffer From Their Own Output: An…");
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
