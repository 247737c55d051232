//! The date a list says it was last updated — `Updated as of 5/14/2024`, `Last updated:
//! 2024-05-14`, `updated on May 14, 2024` — read from the text before its first paper heading.

use jiff::civil::Date;

/// The date, when it exists on the calendar (years 1000 to 9999).
fn date(year: i32, month: u32, day: u32) -> Option<Date> {
    let year = i16::try_from(year).ok().filter(|y| (1000..=9999).contains(y))?;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// The first "updated" date in `text` (case-insensitive): the word `update` or `updated`, then
/// optionally `as of`, `on`, `at` or punctuation, then a date: `2024-05-14` (or with `/` or `.`),
/// `5/14/2024` (month first, as in US lists, unless the first number is over 12: `14/5/2024`),
/// `14.05.2024` (day first), `May 14, 2024`, `14 May 2024`. `None` when no such date is found.
pub fn updated_date(text: &str) -> Option<Date> {
    let lower = text.to_lowercase();
    lower.match_indices("update").find_map(|(at, word)| {
        let rest = lower[at + word.len()..].strip_prefix('d').unwrap_or(&lower[at + word.len()..]);
        date_after(rest)
    })
}

/// A date at the start of `rest`, after connecting words and punctuation.
fn date_after(rest: &str) -> Option<Date> {
    let mut rest =
        rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '(' | '*' | '_'));
    for connector in ["as of ", "as at ", "on ", "at ", "in "] {
        if let Some(after) = rest.strip_prefix(connector) {
            rest = after.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
        }
    }
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(3)
        .map(|w| w.trim_end_matches(['.', ')', '*', '_', ';', ':']))
        .collect();
    let first = *words.first()?;
    numeric_date(first).or_else(|| named_month_date(&words))
}

/// `2024-05-14`, `2024/05/14`, `5/14/2024`, `14/5/2024`, `14.05.2024`.
fn numeric_date(word: &str) -> Option<Date> {
    let separator = ['-', '/', '.'].into_iter().find(|&s| word.contains(s))?;
    let parts: Vec<&str> = word.split(separator).collect();
    let [a, b, c] = parts[..] else { return None };
    if !parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let (a_n, b_n, c_n): (u32, u32, u32) = (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
    if a.len() == 4 {
        return date(a_n as i32, b_n, c_n);
    }
    if c.len() != 4 {
        return None;
    }
    let year = c_n as i32;
    let day_first = separator == '.' || a_n > 12;
    if day_first { date(year, b_n, a_n) } else { date(year, a_n, b_n) }
}

/// `May 14, 2024`, `May 14th 2024`, `14 May 2024`.
fn named_month_date(words: &[&str]) -> Option<Date> {
    let month = |w: &str| MONTHS.iter().position(|m| w.starts_with(m) && w.len() <= 9).map(|i| i as u32 + 1);
    let day = |w: &str| w.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse::<u32>().ok();
    let year = |w: &str| (w.len() == 4).then(|| w.parse::<i32>().ok()).flatten();
    let [w0, w1, w2] = words[..] else { return None };
    match (month(w0), month(w1)) {
        (Some(m), _) => date(year(w2)?, m, day(w1)?),
        (None, Some(m)) => date(year(w2)?, m, day(w0)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_ways_of_saying_when_a_list_was_updated_are_read() {
        let may14 = date(2024, 5, 14);
        for text in [
            "Sorted by upload date (oldest first). Updated as of 5/14/2024.",
            "Last updated: 2024-05-14",
            "last updated on May 14, 2024",
            "*Updated on May 14th, 2024*",
            "UPDATED 14 May 2024",
            "(as updated 5/14/2024):",
            "Last update: 14.05.2024",
            "updated: 14/5/2024",
            "Updated as of September 2023 and then updated 2024/05/14",
        ] {
            assert_eq!(updated_date(text), may14, "{text}");
        }
        assert_eq!(updated_date("Updated on 2023-12-01 (weekly)."), date(2023, 12, 1));
        assert_eq!(updated_date("Updated as of 1/2/2024"), date(2024, 1, 2), "month first when in doubt");
        assert_eq!(updated_date("updated 2024-02-29"), date(2024, 2, 29));
    }

    #[test]
    fn text_without_an_updated_date_gives_none() {
        for text in [
            "",
            "Papers about self-consuming generative models.",
            "Updated regularly.",
            "Updated as of 13/13/2024",
            "updated on February 30, 2024",
            "updated 2023-02-29",
            "Published 2024-05-14",
            "update 5/14/24",
        ] {
            assert_eq!(updated_date(text), None, "{text}");
        }
    }
}
