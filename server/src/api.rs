//! A small, versioned JSON API over the same library, plus sitemap and robots.

use crate::AppState;
use app::content::SearchResponse;
use app::routes::search::SEARCH_LIMIT;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    q: String,
}

/// `GET /api/v1/search?q=`: ranked hits with snippets.
pub async fn search(State(state): State<AppState>, Query(params): Query<SearchParams>) -> Response {
    let query: String = params
        .q
        .chars()
        .take(app::content::search::MAX_QUERY)
        .collect();
    let hits = state.store.search(&query, SEARCH_LIMIT);
    Json(SearchResponse { query, hits }).into_response()
}

/// `GET /sitemap.xml`: every page a search engine should know.
pub async fn sitemap(State(state): State<AppState>) -> Response {
    let lib = state.store.current();
    let origin = crate::site_url();
    let mut paths: Vec<String> = [
        "/",
        "/paradigms",
        "/compare",
        "/preferences",
        "/prepare",
        "/quizzes",
        "/glossary",
        "/search",
        "/about",
        "/privacy",
        "/crisis",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    paths.extend(lib.articles.keys().map(|s| format!("/articles/{s}")));
    paths.extend(lib.tags.keys().map(|t| format!("/tags/{t}")));
    paths.extend(lib.quizzes.keys().map(|q| format!("/quizzes/{q}")));
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in paths {
        let lastmod = p
            .strip_prefix("/articles/")
            .and_then(|s| lib.articles.get(s))
            .map(|a| format!("<lastmod>{}</lastmod>", a.updated))
            .unwrap_or_default();
        xml.push_str(&format!(
            "  <url><loc>{}</loc>{lastmod}</url>\n",
            quick_xml::escape::escape(format!("{origin}{p}"))
        ));
    }
    xml.push_str("</urlset>\n");
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/xml; charset=utf-8"),
        )],
        xml,
    )
        .into_response()
}

/// `GET /robots.txt`.
pub async fn robots() -> Response {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /api/\nSitemap: {}/sitemap.xml\n",
        crate::site_url()
    );
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}
