//! API errors as `application/problem+json` (RFC 9457). Each kind of error has a
//! stable `type` URI, documented on the `/api` page under the same anchor. A problem
//! never repeats what the client sent: no slug, field name, value or parser message
//! that quotes the body appears in it, only positions (line and column) and the
//! names of our own limits.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// An error, as RFC 9457 describes it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Stable per kind of error: `/api#problem-<kind>` (documented on `/api`).
    #[serde(rename = "type")]
    pub kind: String,
    /// A short, stable summary of the kind.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong here, in words that never quote the request.
    pub detail: String,
}

/// Every error the API can answer. The variants' data are our own words and numbers
/// (positions, limits), never the client's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiProblem {
    /// No such article, tag, quiz, page, route, or no finder in the content.
    NotFound(&'static str),
    /// A query parameter (`limit`, `cursor`) could not be used.
    InvalidQuery(&'static str),
    /// The cursor was made for another content version: start the listing again.
    StaleCursor,
    /// The body is not JSON (line, column).
    MalformedJson { line: usize, column: usize },
    /// The body is JSON but not the shape the schema describes (line, column).
    InvalidBody { line: usize, column: usize },
    /// An answer names an item, choice, question or option the content does not have.
    UnknownAnswer(String),
    /// A rating outside −3 … +3.
    RatingOutOfRange,
    /// More options than the question or choice allows.
    TooManyOptions(String),
    /// The body is larger than the limit (bytes).
    TooLarge(usize),
    /// Not sent as `application/json`.
    UnsupportedMediaType,
    /// The address exists but not with this method.
    MethodNotAllowed,
    /// Search is at capacity; try again.
    Busy,
}

/// The kinds, their status and title, in the order the `/api` page lists them.
pub const KINDS: [(&str, u16, &str); 12] = [
    ("not-found", 404, "Not found"),
    ("invalid-query", 400, "Invalid query parameter"),
    ("stale-cursor", 409, "The content changed while paging"),
    ("malformed-json", 400, "Malformed JSON"),
    ("invalid-body", 422, "Body does not match the schema"),
    (
        "unknown-answer",
        422,
        "Unknown item, choice, question or option",
    ),
    ("rating-out-of-range", 422, "Rating out of range"),
    ("too-many-options", 422, "Too many options picked"),
    ("too-large", 413, "Body too large"),
    ("unsupported-media-type", 415, "Unsupported media type"),
    ("method-not-allowed", 405, "Method not allowed"),
    ("busy", 503, "Busy"),
];

impl ApiProblem {
    fn kind(&self) -> &'static str {
        match self {
            Self::NotFound(_) => "not-found",
            Self::InvalidQuery(_) => "invalid-query",
            Self::StaleCursor => "stale-cursor",
            Self::MalformedJson { .. } => "malformed-json",
            Self::InvalidBody { .. } => "invalid-body",
            Self::UnknownAnswer(_) => "unknown-answer",
            Self::RatingOutOfRange => "rating-out-of-range",
            Self::TooManyOptions(_) => "too-many-options",
            Self::TooLarge(_) => "too-large",
            Self::UnsupportedMediaType => "unsupported-media-type",
            Self::MethodNotAllowed => "method-not-allowed",
            Self::Busy => "busy",
        }
    }

    fn detail(&self) -> String {
        match self {
            Self::NotFound(what) => format!("There is no {what} at this address."),
            Self::InvalidQuery(why) => format!("A query parameter could not be used: {why}."),
            Self::StaleCursor => "The content changed since this cursor was made; \
                 list again from the start (without `cursor`)."
                .into(),
            Self::MalformedJson { line, column } => {
                format!("The body is not valid JSON (line {line}, column {column}).")
            }
            Self::InvalidBody { line, column } => format!(
                "The body is JSON but not the shape the schema describes \
                 (line {line}, column {column}); see /api/v1/openapi.json."
            ),
            Self::UnknownAnswer(what) | Self::TooManyOptions(what) => format!("{what}."),
            Self::RatingOutOfRange => "Every rating must be a whole number from -3 to 3.".into(),
            Self::TooLarge(limit) => {
                format!("The body is larger than this endpoint accepts ({limit} bytes at most).")
            }
            Self::UnsupportedMediaType => {
                "Send the body as JSON, with `Content-Type: application/json`.".into()
            }
            Self::MethodNotAllowed => "This address does not accept this method.".into(),
            Self::Busy => "Many people are searching right now; try again in a moment.".into(),
        }
    }

    pub fn to_problem(&self) -> Problem {
        let kind = self.kind();
        let (status, title) = KINDS
            .iter()
            .find(|(k, _, _)| *k == kind)
            .map(|(_, s, t)| (*s, *t))
            .unwrap_or((500, "Error"));
        Problem {
            kind: format!("/api#problem-{kind}"),
            title: title.into(),
            status,
            detail: self.detail(),
        }
    }
}

impl IntoResponse for ApiProblem {
    fn into_response(self) -> Response {
        let problem = self.to_problem();
        let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::BAD_REQUEST);
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        // A 405's `Allow` header is added by axum's router, from the route's methods.
        response
    }
}

/// Unmatched paths under `/api/v1`.
pub async fn not_found() -> Response {
    ApiProblem::NotFound("API endpoint").into_response()
}

/// A known path with another method.
pub async fn method_not_allowed() -> Response {
    ApiProblem::MethodNotAllowed.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_distinct_type_and_its_listed_status() {
        let all = [
            ApiProblem::NotFound("article"),
            ApiProblem::InvalidQuery("x"),
            ApiProblem::StaleCursor,
            ApiProblem::MalformedJson { line: 1, column: 2 },
            ApiProblem::InvalidBody { line: 1, column: 2 },
            ApiProblem::UnknownAnswer("x".into()),
            ApiProblem::RatingOutOfRange,
            ApiProblem::TooManyOptions("x".into()),
            ApiProblem::TooLarge(10),
            ApiProblem::UnsupportedMediaType,
            ApiProblem::MethodNotAllowed,
            ApiProblem::Busy,
        ];
        let types: std::collections::BTreeSet<String> =
            all.iter().map(|p| p.to_problem().kind).collect();
        assert_eq!(types.len(), KINDS.len());
        for (p, (kind, status, _)) in all.iter().zip(KINDS) {
            let problem = p.to_problem();
            assert_eq!(problem.kind, format!("/api#problem-{kind}"));
            assert_eq!(problem.status, status);
            assert_eq!(p.clone().into_response().status().as_u16(), status);
        }
    }
}
