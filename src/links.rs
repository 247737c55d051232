//! Links to a paper's pages, shared by every writer that makes one (Markdown, DOT, SVG, JSON, and
//! any later format): a URL is built only from an id that matches its documented syntax, and what
//! goes into its path is percent-encoded, so no id from the API can carry markup, quotes or
//! script into an output. A paper with no valid id gets no link.

use crate::model::ExternalIds;

/// `true` for an arXiv id in either documented form, with an optional version: new style
/// `YYMM.NNNN` (to 1412) or `YYMM.NNNNN` (from 1501) (`2305.17493`, `0704.0001v2`), old style `archive/YYMMNNN` or
/// `archive.SC/YYMMNNN` (`math/0207249`, `hep-th/9901001`, `math.GT/0309136`).
pub fn is_arxiv_id(id: &str) -> bool {
    let id = match id.rsplit_once('v') {
        Some((head, version)) if !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit()) => head,
        _ => id,
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if let Some((yymm, number)) = id.split_once('.')
        && yymm.len() == 4
        && digits(yymm)
        && (1..=12).contains(&yymm[2..].parse::<u32>().unwrap_or(0))
        && number.len() == if yymm < "1501" { 4 } else { 5 }
        && digits(number)
    {
        return true;
    }
    let Some((archive, number)) = id.split_once('/') else { return false };
    let (name, subject) = archive.split_once('.').unwrap_or((archive, "AA"));
    let name_ok = !name.is_empty()
        && name.split('-').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase()));
    let subject_ok = subject.len() == 2 && subject.bytes().all(|b| b.is_ascii_uppercase());
    name_ok && subject_ok && number.len() == 7 && digits(number)
}

/// `true` for a DOI as the DOI Handbook describes it: `10.`, a registrant code of digits
/// (`10.1038`, `10.1000.10`), `/`, and a non-empty suffix without white space, control
/// characters or quotes (`"`, `'`, `` ` ``).
pub fn is_doi(doi: &str) -> bool {
    let Some((prefix, suffix)) = doi.split_once('/') else { return false };
    let Some(registrant) = prefix.strip_prefix("10.") else { return false };
    let mut parts = registrant.split('.');
    let first_ok = parts.next().is_some_and(|p| (4..=9).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    let rest_ok = parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    first_ok
        && rest_ok
        && !suffix.is_empty()
        && !suffix.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '`'))
}

/// `true` for a Semantic Scholar paper id: 40 hexadecimal digits.
pub fn is_s2_paper_id(id: &str) -> bool {
    id.len() == 40 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Percent-encodes text for a URL path: every byte but the letters, digits, `-._~`, `/`, `:`,
/// `@` and the sub-delimiters `!$&()*+,;=` (RFC 3986 `pchar`; `'` is encoded too) becomes `%XX`,
/// so `%`, `?`, `#`, quotes, angle brackets, spaces and non-ASCII never reach a reader raw.
pub fn percent_encode_path(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:@!$&()*+,;=".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `https://arxiv.org/abs/ID` for a valid arXiv id ([`is_arxiv_id`]).
pub fn arxiv_url(id: &str) -> Option<String> {
    is_arxiv_id(id).then(|| format!("https://arxiv.org/abs/{id}"))
}

/// `https://doi.org/DOI` for a valid DOI ([`is_doi`]), its characters percent-encoded as a path
/// ([`percent_encode_path`]).
pub fn doi_url(doi: &str) -> Option<String> {
    is_doi(doi).then(|| format!("https://doi.org/{}", percent_encode_path(doi)))
}

/// The paper's page on Semantic Scholar, for a valid paper id ([`is_s2_paper_id`]).
pub fn s2_paper_url(paper_id: &str) -> Option<String> {
    is_s2_paper_id(paper_id).then(|| format!("https://www.semanticscholar.org/paper/{paper_id}"))
}

/// The best link for a reader: arXiv, else DOI, else Semantic Scholar, each only from a valid id
/// (an invalid one is skipped for the next); `None` when no id is valid. The one function every
/// writer builds a paper's link with.
pub fn paper_url(ids: &ExternalIds, paper_id: &str) -> Option<String> {
    ids.arxiv_key()
        .and_then(|id| arxiv_url(&id))
        .or_else(|| ids.doi.as_deref().and_then(doi_url))
        .or_else(|| s2_paper_url(paper_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "\" onmouseover=\"alert(1)";

    #[test]
    fn arxiv_ids_of_both_styles_are_accepted_and_anything_else_is_not() {
        for good in ["2305.17493", "2305.17493v2", "0704.0001", "math/0207249", "hep-th/9901001v3", "math.GT/0309136"] {
            assert!(is_arxiv_id(good), "{good}");
        }
        for bad in [
            "",
            "2305.1749",
            "0704.00001",
            "2313.17493",
            "2305.174930",
            "23050.17493",
            "2305.17493v",
            "math/020724",
            "Math/0207249",
            "math.gt/0309136",
            "../../x",
            &format!("2305.17493{HOSTILE}"),
        ] {
            assert!(!is_arxiv_id(bad), "{bad}");
        }
    }

    #[test]
    fn dois_need_the_prefix_and_a_clean_suffix() {
        for good in ["10.1038/s41586-024-07566-y", "10.1016/S0140-6736(20)30183-5", "10.1000.10/x<y>;z", "10.5555/%41"]
        {
            assert!(is_doi(good), "{good}");
        }
        for bad in [
            "",
            "10.1038",
            "10.1038/",
            "11.1038/x",
            "10.12/x",
            "10.1038/a b",
            "10.1038/a\nb",
            &format!("10.1/x{HOSTILE}"),
        ] {
            assert!(!is_doi(bad), "{bad}");
        }
        assert!(!is_doi(&format!("10.1038/x{HOSTILE}")));
        assert!(!is_doi("10.1038/it's"));
    }

    #[test]
    fn doi_urls_percent_encode_what_a_path_cannot_hold() {
        assert_eq!(doi_url("10.1038/s41586-024-07566-y").unwrap(), "https://doi.org/10.1038/s41586-024-07566-y");
        assert_eq!(doi_url("10.1016/S0140-6736(20)30183-5").unwrap(), "https://doi.org/10.1016/S0140-6736(20)30183-5");
        assert_eq!(
            doi_url("10.1002/(SICI)1097<3>;2-#?%é").unwrap(),
            "https://doi.org/10.1002/(SICI)1097%3C3%3E;2-%23%3F%25%C3%A9"
        );
    }

    #[test]
    fn the_link_falls_back_past_invalid_ids_and_may_be_none() {
        let sha = "5f5f000000000000000000000000000000000007";
        let mut ids = ExternalIds { arxiv: Some(format!("2301.00001{HOSTILE}")), ..ExternalIds::default() };
        ids.doi = Some("10.5555/ok".into());
        assert_eq!(paper_url(&ids, sha).unwrap(), "https://doi.org/10.5555/ok");
        ids.doi = Some(format!("10.5555/x{HOSTILE}"));
        assert_eq!(paper_url(&ids, sha).unwrap(), format!("https://www.semanticscholar.org/paper/{sha}"));
        assert_eq!(paper_url(&ids, "a\"b"), None);
        ids.arxiv = Some("2301.00001v3".into());
        assert_eq!(paper_url(&ids, "").unwrap(), "https://arxiv.org/abs/2301.00001");
    }
}
