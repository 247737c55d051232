//! Telling a nested bullet that lists authors from one that summarises the paper.

/// Lower-case words that occur inside personal names.
const PARTICLES: &[&str] = &[
    "de", "del", "della", "der", "den", "van", "von", "da", "di", "du", "dos", "das", "le", "la", "al", "el", "bin",
    "ibn", "ten", "ter", "y", "zu", "e",
];

/// Splits `text` into author names when it reads as a list of names, else `None`.
///
/// A name is one to six words, each capitalised, an initial (`A.`, `J.-P.`) or a particle
/// (`del`, `van`); names are separated by commas, semicolons, `and` or `&`; `et al.` is allowed.
pub(crate) fn as_author_list(text: &str) -> Option<Vec<String>> {
    let mut text = text.trim();
    for prefix in ["Authors:", "Author:", "By ", "by "] {
        if let Some(rest) = text.strip_prefix(prefix) {
            text = rest.trim();
        }
    }
    for suffix in [" et al.", " et al", ", et al.", ", et al"] {
        if let Some(rest) = text.strip_suffix(suffix) {
            text = rest.trim();
        }
    }
    if text.is_empty() || text.len() > 2000 {
        return None;
    }
    let normalised = text.replace(" and ", ", ").replace(" & ", ", ").replace(';', ",");
    let mut names = Vec::new();
    for part in normalised.split(',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let part = part.strip_prefix("and ").unwrap_or(part);
        if !is_name(part) {
            return None;
        }
        names.push(part.to_owned());
    }
    (!names.is_empty()).then_some(names)
}

fn is_name(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    let mut capitalised = 0;
    for word in &words {
        let first = word.chars().next().unwrap_or(' ');
        if PARTICLES.contains(word) {
            continue;
        }
        if !first.is_uppercase() {
            return false;
        }
        // A word ending in '.' must be an initial such as `A.` or `J.-P.`, not the end of a sentence.
        if word.ends_with('.') && word.chars().filter(|c| c.is_alphabetic()).count() > 2 {
            return false;
        }
        if word.chars().any(|c| c.is_ascii_digit() || matches!(c, '(' | ')' | ':' | '!' | '?' | '"')) {
            return false;
        }
        capitalised += 1;
    }
    capitalised > 0
}

#[cfg(test)]
mod tests {
    use super::as_author_list;

    #[test]
    fn name_lists_are_authors() {
        assert_eq!(
            as_author_list("Elvis Dohmatob, Yunzhen Feng, Julia Kempe").unwrap(),
            ["Elvis Dohmatob", "Yunzhen Feng", "Julia Kempe"]
        );
        assert_eq!(as_author_list("Andrew J. Peterson").unwrap(), ["Andrew J. Peterson"]);
        assert_eq!(
            as_author_list("Maria del Rio-Chanona, Nadzeya Laurentsyeva and Johannes Wachs").unwrap(),
            ["Maria del Rio-Chanona", "Nadzeya Laurentsyeva", "Johannes Wachs"]
        );
        assert_eq!(as_author_list("J.-P. Sartre, A. Camus et al.").unwrap(), ["J.-P. Sartre", "A. Camus"]);
        assert_eq!(as_author_list("Chloé Clavel").unwrap(), ["Chloé Clavel"]);
    }

    #[test]
    fn sentences_are_not_authors() {
        assert_eq!(as_author_list("The authors propose a correction function."), None);
        assert_eq!(as_author_list("LLM training data is generated via \"self-talk\"."), None);
        assert_eq!(as_author_list("Self-consumption in LLMs can initially improve both quality and diversity."), None);
        assert_eq!(as_author_list("Validated with StyleGAN2 and FFHQ/CIFAR10."), None);
        assert_eq!(as_author_list(""), None);
    }
}
