//! The read endpoints (the article ones are in `articles`): everything the site
//! shows, as JSON over the same library. Each answer names its content version
//! (`content_version` and `X-Content-Version`); the caching layer adds
//! `Cache-Control: public`, a strong ETag and 304s.

use super::bundle::Snapshot;
use super::dto::{ArticleListItem, Paradigm, QuizDetail, QuizListItem, SitePage, paradigms};
use super::dto_finder::{Comparison, Finder, GlossaryEntry, Reflection};
use super::problem::{ApiProblem, Problem};
use crate::AppState;
use app::content::SharedLibrary;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::sync::Arc;
use utoipa::ToSchema;

pub const CONTENT_VERSION: HeaderName = HeaderName::from_static("x-content-version");

/// The library for this request and its snapshot (version, bundle).
pub(super) fn current(state: &AppState) -> (SharedLibrary, Arc<Snapshot>) {
    let library = state.store.current();
    let snapshot = state.api.snapshot(&library);
    (library, snapshot)
}

/// A JSON answer naming the content version it was made from.
pub(super) fn versioned(version: &str, body: Vec<u8>) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(v) = HeaderValue::from_str(version) {
        headers.insert(CONTENT_VERSION, v);
    }
    response
}

pub(super) fn json(version: &str, value: &impl Serialize) -> Response {
    versioned(version, serde_json::to_vec(value).unwrap_or_default())
}

/// The single path parameter, or a 404 problem.
pub(super) fn segment(
    path: Result<Path<String>, PathRejection>,
    what: &'static str,
) -> Result<String, ApiProblem> {
    path.map(|Path(s)| s)
        .map_err(|_| ApiProblem::NotFound(what))
}

#[derive(Serialize, ToSchema)]
pub struct ParadigmsResponse {
    pub content_version: String,
    /// In reading order, each with the approaches of its family.
    pub paradigms: Vec<Paradigm>,
}

/// The paradigms of psychotherapy, each with the approaches of its family.
#[utoipa::path(get, path = "/api/v1/paradigms", tag = "read",
    responses((status = 200, description = "The paradigms and their approaches", body = ParadigmsResponse)))]
pub async fn paradigms_list(State(state): State<AppState>) -> Response {
    let (library, snap) = current(&state);
    json(
        &snap.version,
        &ParadigmsResponse {
            content_version: snap.version.clone(),
            paradigms: paradigms(&library),
        },
    )
}

#[derive(Serialize, ToSchema)]
pub struct TagResponse {
    pub content_version: String,
    pub tag: String,
    pub articles: Vec<ArticleListItem>,
}

/// The articles with a tag, in reading order.
#[utoipa::path(get, path = "/api/v1/tags/{tag}", tag = "read",
    params(("tag" = String, Path, description = "A tag")),
    responses(
        (status = 200, description = "The articles with this tag, in reading order", body = TagResponse),
        (status = 404, description = "No article has this tag", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn tag(
    State(state): State<AppState>,
    tag: Result<Path<String>, PathRejection>,
) -> Response {
    let tag = match segment(tag, "tag") {
        Ok(t) => t,
        Err(p) => return p.into_response(),
    };
    let (library, snap) = current(&state);
    if !library.tags.contains_key(&tag) {
        return ApiProblem::NotFound("tag").into_response();
    }
    let articles = library
        .articles_tagged(&tag)
        .into_iter()
        .map(ArticleListItem::from)
        .collect();
    json(
        &snap.version,
        &TagResponse {
            content_version: snap.version.clone(),
            tag,
            articles,
        },
    )
}

#[derive(Serialize, ToSchema)]
pub struct QuizList {
    pub content_version: String,
    pub quizzes: Vec<QuizListItem>,
}

/// The knowledge quizzes.
#[utoipa::path(get, path = "/api/v1/quizzes", tag = "read",
    responses((status = 200, description = "The knowledge quizzes", body = QuizList)))]
pub async fn quizzes(State(state): State<AppState>) -> Response {
    let (library, snap) = current(&state);
    let quizzes = library
        .quizzes_in_order()
        .into_iter()
        .map(QuizListItem::from)
        .collect();
    json(
        &snap.version,
        &QuizList {
            content_version: snap.version.clone(),
            quizzes,
        },
    )
}

#[derive(Serialize, ToSchema)]
pub struct QuizResponse {
    pub content_version: String,
    pub quiz: QuizDetail,
}

/// One knowledge quiz, with its answers and explanations.
#[utoipa::path(get, path = "/api/v1/quizzes/{id}", tag = "read",
    params(("id" = String, Path, description = "The quiz's id")),
    responses(
        (status = 200, description = "The quiz, with answers and explanations", body = QuizResponse),
        (status = 404, description = "No such quiz", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn quiz(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    let id = match segment(id, "quiz") {
        Ok(i) => i,
        Err(p) => return p.into_response(),
    };
    let (library, snap) = current(&state);
    let Some(quiz) = library.quizzes.get(&id) else {
        return ApiProblem::NotFound("quiz").into_response();
    };
    json(
        &snap.version,
        &QuizResponse {
            content_version: snap.version.clone(),
            quiz: quiz.into(),
        },
    )
}

#[derive(Serialize, ToSchema)]
pub struct FinderResponse {
    pub content_version: String,
    pub finder: Finder,
}

/// The preference finder: everything needed to show and score it on the device.
#[utoipa::path(get, path = "/api/v1/finder", tag = "read",
    responses(
        (status = 200, description = "The preference finder's model", body = FinderResponse),
        (status = 404, description = "The content has no finder", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn finder(State(state): State<AppState>) -> Response {
    let (library, snap) = current(&state);
    let Some(finder) = &library.finder else {
        return ApiProblem::NotFound("finder").into_response();
    };
    json(
        &snap.version,
        &FinderResponse {
            content_version: snap.version.clone(),
            finder: finder.into(),
        },
    )
}

#[derive(Serialize, ToSchema)]
pub struct GlossaryResponse {
    pub content_version: String,
    /// In alphabetical order.
    pub terms: Vec<GlossaryEntry>,
}

/// The glossary.
#[utoipa::path(get, path = "/api/v1/glossary", tag = "read",
    responses((status = 200, description = "The glossary", body = GlossaryResponse)))]
pub async fn glossary(State(state): State<AppState>) -> Response {
    let (library, snap) = current(&state);
    json(
        &snap.version,
        &GlossaryResponse {
            content_version: snap.version.clone(),
            terms: library.glossary.iter().map(GlossaryEntry::from).collect(),
        },
    )
}

#[derive(Serialize, ToSchema)]
pub struct CompareResponse {
    pub content_version: String,
    pub compare: Comparison,
}

/// Integrative versus eclectic practice, side by side and by example.
#[utoipa::path(get, path = "/api/v1/compare", tag = "read",
    responses(
        (status = 200, description = "Integrative versus eclectic", body = CompareResponse),
        (status = 404, description = "The content has no comparison", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn compare(State(state): State<AppState>) -> Response {
    let (library, snap) = current(&state);
    let Some(compare) = &library.compare else {
        return ApiProblem::NotFound("comparison").into_response();
    };
    json(
        &snap.version,
        &CompareResponse {
            content_version: snap.version.clone(),
            compare: compare.into(),
        },
    )
}

#[derive(Serialize, ToSchema)]
pub struct PrepareResponse {
    pub content_version: String,
    pub prepare: Reflection,
}

/// Reflection questions for a first session.
#[utoipa::path(get, path = "/api/v1/prepare", tag = "read",
    responses(
        (status = 200, description = "Reflection questions for a first session", body = PrepareResponse),
        (status = 404, description = "The content has no reflection questions", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn prepare(State(state): State<AppState>) -> Response {
    let (library, snap) = current(&state);
    let Some(prepare) = &library.prepare else {
        return ApiProblem::NotFound("set of reflection questions").into_response();
    };
    json(
        &snap.version,
        &PrepareResponse {
            content_version: snap.version.clone(),
            prepare: prepare.into(),
        },
    )
}

#[derive(Serialize, ToSchema)]
pub struct PageResponse {
    pub content_version: String,
    pub page: SitePage,
}

/// A site page: crisis, about, privacy.
#[utoipa::path(get, path = "/api/v1/pages/{slug}", tag = "read",
    params(("slug" = String, Path, description = "The page's name: crisis, about, privacy")),
    responses(
        (status = 200, description = "A site page", body = PageResponse),
        (status = 404, description = "No such page", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn page(
    State(state): State<AppState>,
    slug: Result<Path<String>, PathRejection>,
) -> Response {
    let slug = match segment(slug, "page") {
        Ok(s) => s,
        Err(p) => return p.into_response(),
    };
    let (library, snap) = current(&state);
    let Some(page) = library.pages.get(&slug) else {
        return ApiProblem::NotFound("page").into_response();
    };
    json(
        &snap.version,
        &PageResponse {
            content_version: snap.version.clone(),
            page: page.into(),
        },
    )
}
