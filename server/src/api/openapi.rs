//! The contract: an OpenAPI 3.1 document generated from the Rust types and handler
//! annotations (`/api/v1/openapi.json`), and a plain server-rendered page listing
//! the endpoints and error types from that same document (`/api`).

use super::problem::KINDS;
use super::{articles, bundle, crisis, read, score, site};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::fmt::Write;
use std::sync::OnceLock;
use utoipa::OpenApi;
use utoipa::openapi::path::Operation;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Pathways API",
        version = "1",
        description = "Everything the Pathways site shows, as JSON for native apps and \
            other readers: read endpoints (public, with a strong ETag and the content \
            version), one offline bundle, and stateless scoring (nothing is stored or \
            logged). Errors are application/problem+json (RFC 9457) with a stable `type` \
            per kind, documented on /api. Within v1, changes are additive only.",
        license(name = "MIT OR Apache-2.0"),
    ),
    paths(
        articles::articles,
        articles::article,
        read::paradigms_list,
        read::tag,
        read::quizzes,
        read::quiz,
        read::finder,
        read::glossary,
        read::compare,
        read::prepare,
        read::page,
        crisis::crisis,
        site::search,
        bundle::bundle,
        score::score_quiz_answers,
        score::score_finder,
        openapi_json,
    ),
    tags(
        (name = "read", description = "The content, as the pages show it"),
        (name = "sync", description = "Everything at once, for offline use"),
        (name = "score", description = "Stateless scoring: answers in, result out, nothing kept"),
        (name = "meta", description = "This description"),
    )
)]
pub struct ApiDoc;

/// The document, generated once.
pub fn document() -> &'static str {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| {
        ApiDoc::openapi()
            .to_pretty_json()
            .unwrap_or_else(|_| "{}".into())
            + "\n"
    })
}

/// The OpenAPI 3.1 document describing this API.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "This document", content_type = "application/json")))]
pub async fn openapi_json() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        document(),
    )
        .into_response()
}

fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_text(text)
}

/// `GET /api`: the endpoints and error types, from the same document.
pub async fn api_page() -> Response {
    let doc = ApiDoc::openapi();
    let mut rows = String::new();
    for (path, item) in &doc.paths.paths {
        let ops: [(&str, &Option<Operation>); 2] = [("GET", &item.get), ("POST", &item.post)];
        for (method, op) in ops {
            let Some(op) = op else { continue };
            let what = op
                .summary
                .as_deref()
                .or(op.description.as_deref())
                .unwrap_or("");
            let _ = write!(
                rows,
                "<tr><td><code>{method}</code></td><td><code>{}</code></td><td>{}</td></tr>",
                escape(path),
                escape(what)
            );
        }
    }
    let mut problems = String::new();
    for (kind, status, title) in KINDS {
        let _ = write!(
            problems,
            "<li id=\"problem-{kind}\"><code>/api#problem-{kind}</code> ({status}): {}</li>",
            escape(title)
        );
    }
    let description = doc.info.description.as_deref().unwrap_or_default();
    let main = format!(
        "<h1>The Pathways API</h1>\
<p class=\"lead\">{description}</p>\
<p>The full description: <a href=\"/api/v1/openapi.json\"><code>/api/v1/openapi.json</code></a> (OpenAPI {version}).</p>\
<h2 id=\"endpoints\">Endpoints</h2>\
<table><thead><tr><th>Method</th><th>Path</th><th>What</th></tr></thead><tbody>{rows}</tbody></table>\
<h2 id=\"problems\">Error types</h2>\
<p>Errors are <code>application/problem+json</code>; <code>type</code> is one of these.</p>\
<ul>{problems}</ul>",
        description = escape(description),
        version = escape(
            &serde_json::to_value(&doc.openapi)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default()
        ),
    );
    let html = crate::problem::plain_page("API", true, "wrap", &main);
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        html,
    )
        .into_response()
}
