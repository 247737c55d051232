//! Stage 2 (fetch): what one HTTP answer from Semantic Scholar means, decided from its status and
//! body alone. What to do about it (store it, slow down, retry, stop) is the fetcher's job.

use std::time::Duration;

use super::api::ErrorBody;
use super::client::RawResponse;

/// What an HTTP answer means.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// A 200 with a JSON body.
    Found(serde_json::Value),
    /// A 404 with S2's `{"error": ...}`: definitive, the paper or title is not on Semantic Scholar.
    NotFound(String),
    /// A 403: the key was refused, or (without a key) the URL is not the API. The body's text.
    Forbidden(String),
    /// A 429: the caller should slow down and retry.
    TooManyRequests {
        /// `Retry-After`, when sent.
        retry_after: Option<Duration>,
    },
    /// Worth retrying: a 500, 502, 503 or 504, or a 200 whose body is not JSON (a CloudFront
    /// error page).
    Transient {
        /// What happened, for the log and the final error.
        why: String,
        /// `Retry-After`, when sent.
        retry_after: Option<Duration>,
    },
    /// A redirect (3xx). citegraph follows none: the real API does not redirect, and following
    /// would carry the key to another host.
    Redirected {
        /// HTTP status.
        status: u16,
        /// Where it points, when it says.
        location: Option<String>,
    },
    /// A status retrying will not change (400, 401, a 404 that is not S2's, ...).
    Rejected {
        /// HTTP status.
        status: u16,
        /// The error text of the body, or a description of it.
        message: String,
    },
}

/// What `response` means.
pub fn decode(response: RawResponse) -> Status {
    match response.status {
        200 => match serde_json::from_slice::<serde_json::Value>(&response.body) {
            Ok(body) => Status::Found(body),
            Err(_) => Status::Transient { why: "200 with a body that is not JSON".to_owned(), retry_after: None },
        },
        404 => match ErrorBody::parse(&response.body) {
            Some(ErrorBody { error: Some(error), .. }) => Status::NotFound(error),
            _ => Status::Rejected {
                status: 404,
                message: format!("{} (not a Semantic Scholar answer: check --api-url)", error_text(&response.body)),
            },
        },
        403 => Status::Forbidden(error_text(&response.body)),
        429 => Status::TooManyRequests { retry_after: response.retry_after },
        500 | 502 | 503 | 504 => Status::Transient {
            why: format!("{} {}", response.status, error_text(&response.body)),
            retry_after: response.retry_after,
        },
        300..=399 => Status::Redirected { status: response.status, location: response.location },
        status => Status::Rejected { status, message: error_text(&response.body) },
    }
}

/// The error text of a body (`error` or `message`), else its first 200 characters.
fn error_text(body: &[u8]) -> String {
    ErrorBody::parse(body).and_then(|b| b.text().map(str::to_owned)).unwrap_or_else(|| {
        let text = String::from_utf8_lossy(body);
        let text = text.trim();
        if text.is_empty() { "(empty body)".to_owned() } else { text.chars().take(200).collect() }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> Status {
        decode(RawResponse {
            status,
            retry_after: Some(Duration::from_secs(3)),
            location: None,
            body: body.as_bytes().to_vec(),
        })
    }

    #[test]
    fn a_200_is_found_only_with_json() {
        assert_eq!(answer(200, r#"{"data":[]}"#), Status::Found(serde_json::json!({"data": []})));
        assert_eq!(
            answer(200, "<html>502 ERROR</html>"),
            Status::Transient { why: "200 with a body that is not JSON".into(), retry_after: None }
        );
    }

    #[test]
    fn a_404_is_definitive_only_when_semantic_scholar_says_so() {
        assert_eq!(
            answer(404, "{\"error\":\"Title match not found\"}\n"),
            Status::NotFound("Title match not found".into())
        );
        assert_eq!(
            answer(404, "<html>nginx</html>"),
            Status::Rejected {
                status: 404,
                message: "<html>nginx</html> (not a Semantic Scholar answer: check --api-url)".into()
            }
        );
    }

    #[test]
    fn throttling_and_server_errors_are_worth_retrying() {
        let retry_after = Some(Duration::from_secs(3));
        assert_eq!(answer(429, r#"{"message":"Too Many Requests"}"#), Status::TooManyRequests { retry_after });
        assert_eq!(
            answer(504, r#"{"message":"Endpoint request timed out"}"#),
            Status::Transient { why: "504 Endpoint request timed out".into(), retry_after }
        );
        assert_eq!(answer(500, ""), Status::Transient { why: "500 (empty body)".into(), retry_after });
    }

    #[test]
    fn a_redirect_is_reported_with_its_location_never_followed() {
        let response = RawResponse {
            status: 308,
            retry_after: None,
            location: Some("http://elsewhere/".into()),
            body: Vec::new(),
        };
        assert_eq!(decode(response), Status::Redirected { status: 308, location: Some("http://elsewhere/".into()) });
    }

    #[test]
    fn other_statuses_are_refusals_with_the_body_text() {
        assert_eq!(answer(403, r#"{"message":"Forbidden"}"#), Status::Forbidden("Forbidden".into()));
        assert_eq!(
            answer(400, r#"{"error":"Unrecognized or unsupported fields: [x]"}"#),
            Status::Rejected { status: 400, message: "Unrecognized or unsupported fields: [x]".into() }
        );
    }
}
