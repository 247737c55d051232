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
}
