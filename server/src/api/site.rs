//! Search (the page and `GET /api/v1/search`, one engine), the sitemap and robots.

use super::dto::SearchResult;
use super::problem::{ApiProblem, Problem};
use super::read::{current, json};
use crate::AppState;
use crate::problem::problem_page;
use crate::render::render_page;
use crate::search_service::{SearchBusy, clip_query};
use app::content::{SearchResponse, SearchTool};
use app::routes::search::SEARCH_LIMIT;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The query string of a search, read leniently: a missing or malformed `q` is an
/// empty search, never an error page.
fn search_query(query: Result<Query<SearchParams>, QueryRejection>) -> String {
    query.map(|Query(p)| clip_query(&p.q)).unwrap_or_default()
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// What to look for (clipped to a sensible length).
    #[serde(default)]
    q: String,
}

/// Ranked hits. Not cached anywhere (`no-store`): the answer carries the reader's words.
#[derive(Serialize, ToSchema)]
pub struct SearchResults {
    pub content_version: String,
    /// The query as searched (after clipping).
    pub query: String,
    pub hits: Vec<SearchResult>,
    /// Site tools the query asks for, to offer before the articles: the preference
    /// finder for "which therapy is right for me", the crisis page for "suicide"
    /// (always first). Empty when none is asked for. (Added within v1.)
    #[serde(default)]
    pub tools: Vec<SearchToolResult>,
}

/// A site tool or page offered for a search, before the articles.
#[derive(Serialize, ToSchema)]
pub struct SearchToolResult {
    /// Its path on the site, e.g. `/preferences` or `/crisis`.
    pub path: String,
    pub title: String,
    pub summary: String,
    /// True for the crisis page: show it first, as urgent help.
    pub crisis: bool,
}

impl From<&SearchTool> for SearchToolResult {
    fn from(t: &SearchTool) -> Self {
        Self {
            path: t.path.clone(),
            title: t.title.clone(),
            summary: t.summary.clone(),
            crisis: t.crisis,
        }
    }
}

/// Search the articles: ranked hits with snippets, and the site tools the query asks for. `no-store`: it carries the words searched.
#[utoipa::path(get, path = "/api/v1/search", tag = "read", params(SearchParams),
    responses(
        (status = 200, description = "Ranked hits with snippets", body = SearchResults),
        (status = 503, description = "Search is busy; retry after the `Retry-After` seconds", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn search(
    State(state): State<AppState>,
    query: Result<Query<SearchParams>, QueryRejection>,
) -> Response {
    let query = search_query(query);
    let (_, snap) = current(&state);
    match state.searcher.search(query.clone(), SEARCH_LIMIT).await {
        Ok(found) => json(
            &snap.version,
            &SearchResults {
                content_version: snap.version.clone(),
                query,
                hits: found.hits.iter().map(SearchResult::from).collect(),
                tools: found.tools.iter().map(SearchToolResult::from).collect(),
            },
        ),
        Err(SearchBusy) => {
            let mut problem = ApiProblem::Busy.into_response();
            problem
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            problem
        }
    }
}

/// `GET /search?q=`: the search page, with results rendered on the server (the
/// search runs first, off the async workers; the page then renders with the hits).
pub async fn search_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<SearchParams>, QueryRejection>,
) -> Response {
    let query = search_query(query);
    match state.searcher.search(query.clone(), SEARCH_LIMIT).await {
        Ok(found) => {
            render_page(
                &state,
                app::routes::paths::SEARCH.into(),
                &headers,
                SearchResponse {
                    query,
                    hits: found.hits,
                    tools: found.tools,
                },
            )
            .await
        }
        Err(SearchBusy) => {
            let mut page = problem_page(
                StatusCode::SERVICE_UNAVAILABLE,
                "Search is busy",
                "Many people are searching right now. Please try again in a moment.",
            );
            page.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
            page
        }
    }
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
    if let Some(crisis) = &lib.crisis {
        paths.extend(
            crisis
                .countries
                .iter()
                .map(|c| format!("/crisis/{}", c.code)),
        );
    }
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
