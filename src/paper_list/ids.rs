//! Identifiers in paper links: arXiv, OpenReview, DOI, Semantic Scholar and ACL Anthology URLs.

use std::fmt;

use serde::Serialize;
use url::Url;

use crate::model::strip_arxiv_version;

/// An identifier found in a paper's link.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
pub enum PaperId {
    /// arXiv id without version: `2305.17493` or old-style `math/0207249`.
    Arxiv(String),
    /// OpenReview forum id (Semantic Scholar has no id form for these: resolve by title).
    OpenReview(String),
    /// DOI as written (compare case-insensitively).
    Doi(String),
    /// Semantic Scholar paper id (40 hex characters).
    SemanticScholar(String),
    /// ACL Anthology id: `2023.acl-long.1` or `P19-1001`.
    Acl(String),
}

impl PaperId {
    /// Short name of the identifier kind, as shown to users.
    pub fn kind(&self) -> &'static str {
        match self {
            PaperId::Arxiv(_) => "arXiv",
            PaperId::OpenReview(_) => "OpenReview",
            PaperId::Doi(_) => "DOI",
            PaperId::SemanticScholar(_) => "S2",
            PaperId::Acl(_) => "ACL",
        }
    }

    /// The bare identifier.
    pub fn value(&self) -> &str {
        match self {
            PaperId::Arxiv(v)
            | PaperId::OpenReview(v)
            | PaperId::Doi(v)
            | PaperId::SemanticScholar(v)
            | PaperId::Acl(v) => v,
        }
    }

    /// The id in the form Semantic Scholar accepts (`ARXIV:2305.17493`, `DOI:10...`), or `None`
    /// for OpenReview ids, which S2 cannot look up.
    pub fn s2_id(&self) -> Option<String> {
        match self {
            PaperId::Arxiv(v) => Some(format!("ARXIV:{v}")),
            PaperId::Doi(v) => Some(format!("DOI:{v}")),
            PaperId::SemanticScholar(v) => Some(v.clone()),
            PaperId::Acl(v) => Some(format!("ACL:{v}")),
            PaperId::OpenReview(_) => None,
        }
    }

    /// A key under which two entries naming the same paper compare equal.
    pub(crate) fn dedup_key(&self) -> (&'static str, String) {
        let value = match self {
            PaperId::Doi(v) | PaperId::SemanticScholar(v) => v.to_ascii_lowercase(),
            other => other.value().to_owned(),
        };
        (self.kind(), value)
    }

    /// Recognises the identifier in a link, or `None` when the link is of another kind.
    pub fn from_url(link: &str) -> Option<PaperId> {
        let url = Url::parse(link.trim()).ok()?;
        let host = url.host_str()?.to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host);
        let path = percent_decode(url.path());
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match host {
            "arxiv.org" | "export.arxiv.org" => arxiv_from_path(&segments),
            "openreview.net" => {
                if !matches!(segments.as_slice(), ["forum"] | ["pdf"]) {
                    return None;
                }
                let id = url.query_pairs().find(|(k, _)| k == "id")?.1;
                let id = id.trim();
                let ok = !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                ok.then(|| PaperId::OpenReview(id.to_owned()))
            }
            "doi.org" | "dx.doi.org" => {
                let doi = path.trim_start_matches('/').trim_end_matches('/');
                (doi.starts_with("10.") && doi.contains('/')).then(|| PaperId::Doi(doi.to_owned()))
            }
            "semanticscholar.org" | "api.semanticscholar.org" => {
                if segments.first() != Some(&"paper") {
                    return None;
                }
                segments
                    .iter()
                    .rev()
                    .find(|s| s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit()))
                    .map(|s| PaperId::SemanticScholar(s.to_ascii_lowercase()))
            }
            "aclanthology.org" | "aclweb.org" => {
                let segments = match segments.as_slice() {
                    ["anthology", rest @ ..] => rest,
                    rest => rest,
                };
                let [id] = segments else { return None };
                let id = id.strip_suffix(".pdf").unwrap_or(id);
                let ok = !id.is_empty()
                    && id.contains('-')
                    && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
                ok.then(|| PaperId::Acl(id.to_owned()))
            }
            _ => None,
        }
    }
}

impl fmt::Display for PaperId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind(), self.value())
    }
}

/// `abs/ID`, `pdf/ID`, `pdf/ID.pdf`, with or without `vN`, new- and old-style ids.
fn arxiv_from_path(segments: &[&str]) -> Option<PaperId> {
    let (kind, rest) = segments.split_first()?;
    if !matches!(*kind, "abs" | "pdf" | "html") {
        return None;
    }
    let joined = rest.join("/");
    let joined = joined.strip_suffix(".pdf").unwrap_or(&joined);
    let id = strip_arxiv_version(joined);
    is_arxiv_id(id).then(|| PaperId::Arxiv(id.to_owned()))
}

/// New style `YYMM.NNNN(N)`, or old style `archive(.SUBJ)/YYMMNNN`.
fn is_arxiv_id(id: &str) -> bool {
    if let Some((yymm, num)) = id.split_once('.')
        && yymm.len() == 4
        && yymm.bytes().all(|b| b.is_ascii_digit())
        && (4..=5).contains(&num.len())
        && num.bytes().all(|b| b.is_ascii_digit())
    {
        return true;
    }
    if let Some((archive, num)) = id.split_once('/') {
        let archive_ok =
            !archive.is_empty() && archive.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-' || b == b'.');
        return archive_ok && num.len() == 7 && num.bytes().all(|b| b.is_ascii_digit());
    }
    false
}

/// Decodes `%XX` escapes (DOIs in links are often percent-encoded); invalid escapes stay as they are.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(url: &str) -> Option<PaperId> {
        PaperId::from_url(url)
    }

    #[test]
    fn arxiv_links_in_every_form() {
        let want = Some(PaperId::Arxiv("2305.17493".into()));
        assert_eq!(id("https://arxiv.org/abs/2305.17493"), want);
        assert_eq!(id("https://arxiv.org/abs/2305.17493v2"), want);
        assert_eq!(id("https://arxiv.org/pdf/2305.17493"), want);
        assert_eq!(id("https://arxiv.org/pdf/2305.17493v3.pdf"), want);
        assert_eq!(id("http://www.arxiv.org/pdf/2305.17493.pdf"), want);
        assert_eq!(id("https://export.arxiv.org/abs/2305.17493/"), want);
        assert_eq!(id("https://arxiv.org/abs/math/0207249"), Some(PaperId::Arxiv("math/0207249".into())));
        assert_eq!(id("https://arxiv.org/pdf/hep-th/9901001v1.pdf"), Some(PaperId::Arxiv("hep-th/9901001".into())));
        assert_eq!(id("https://arxiv.org/abs/0704.0001"), Some(PaperId::Arxiv("0704.0001".into())));
        assert_eq!(id("https://arxiv.org/list/cs.LG/recent"), None);
        assert_eq!(id("https://arxiv.org/abs/not-an-id"), None);
    }

    #[test]
    fn openreview_forum_and_pdf_links() {
        let want = Some(PaperId::OpenReview("ShjMHfmPs0".into()));
        assert_eq!(id("https://openreview.net/forum?id=ShjMHfmPs0"), want);
        assert_eq!(id("https://openreview.net/pdf?id=ShjMHfmPs0"), want);
        assert_eq!(id("https://openreview.net/forum?id=ShjMHfmPs0&noteId=abc"), want);
        assert_eq!(id("https://openreview.net/group?id=ICLR.cc"), None);
        assert_eq!(id("https://openreview.net/forum"), None);
    }

    #[test]
    fn doi_links_plain_and_percent_encoded() {
        let want = Some(PaperId::Doi("10.1038/s41586-024-07566-y".into()));
        assert_eq!(id("https://doi.org/10.1038/s41586-024-07566-y"), want);
        assert_eq!(id("http://dx.doi.org/10.1038/s41586-024-07566-y"), want);
        assert_eq!(id("https://doi.org/10.1038%2Fs41586-024-07566-y"), want);
        assert_eq!(id("https://doi.org/"), None);
    }

    #[test]
    fn semantic_scholar_and_acl_links() {
        let sha = "0123456789abcdef0123456789abcdef01234567";
        assert_eq!(
            id(&format!("https://www.semanticscholar.org/paper/Some-Title-Slug/{sha}")),
            Some(PaperId::SemanticScholar(sha.into()))
        );
        assert_eq!(id("https://www.semanticscholar.org/author/123"), None);
        assert_eq!(id("https://aclanthology.org/2023.acl-long.123/"), Some(PaperId::Acl("2023.acl-long.123".into())));
        assert_eq!(id("https://aclanthology.org/P19-1001.pdf"), Some(PaperId::Acl("P19-1001".into())));
        assert_eq!(id("https://www.aclweb.org/anthology/P19-1001"), Some(PaperId::Acl("P19-1001".into())));
    }

    #[test]
    fn other_links_are_not_identifiers() {
        assert_eq!(id("https://example.com/paper.pdf"), None);
        assert_eq!(id("not a url"), None);
        assert_eq!(id("#foundational-work"), None);
    }

    #[test]
    fn s2_forms() {
        assert_eq!(PaperId::Arxiv("2305.17493".into()).s2_id().unwrap(), "ARXIV:2305.17493");
        assert_eq!(PaperId::Doi("10.1/x".into()).s2_id().unwrap(), "DOI:10.1/x");
        assert_eq!(PaperId::Acl("P19-1001".into()).s2_id().unwrap(), "ACL:P19-1001");
        assert_eq!(PaperId::OpenReview("abc".into()).s2_id(), None);
    }
}
