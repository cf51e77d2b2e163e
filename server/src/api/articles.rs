//! The article endpoints: the list in reading order, a page at a time (`limit` and an
//! opaque `cursor` tied to the content version), and one article, whole.

use super::dto::{ArticleDetail, ArticleListItem, GlossaryIndex};
use super::problem::{ApiProblem, Problem};
use super::read::{current, json, segment};
use crate::AppState;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 200;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// How many articles per page: 1 … 200, default 50.
    limit: Option<String>,
    /// `next_cursor` of the previous page; opaque.
    cursor: Option<String>,
}

/// A page of articles in reading order.
#[derive(Serialize, ToSchema)]
pub struct ArticleList {
    pub content_version: String,
    /// How many articles there are in all.
    pub total: usize,
    pub articles: Vec<ArticleListItem>,
    /// Pass as `cursor` for the next page; null on the last page. A cursor is
    /// valid for the content version it was made in (409 `stale-cursor` after).
    pub next_cursor: Option<String>,
}

fn cursor_for(version: &str, offset: usize) -> String {
    format!("{}.{offset:x}", &version[..version.len().min(12)])
}

fn read_cursor(version: &str, cursor: &str) -> Result<usize, ApiProblem> {
    let (made_in, offset) = cursor.split_once('.').ok_or(ApiProblem::InvalidQuery(
        "`cursor` is not one this API made",
    ))?;
    let offset = usize::from_str_radix(offset, 16)
        .map_err(|_| ApiProblem::InvalidQuery("`cursor` is not one this API made"))?;
    if made_in != &version[..version.len().min(12)] {
        return Err(ApiProblem::StaleCursor);
    }
    Ok(offset)
}

/// List articles in reading order, a page at a time.
#[utoipa::path(get, path = "/api/v1/articles", tag = "read", params(ListParams),
    responses(
        (status = 200, description = "A page of articles", body = ArticleList),
        (status = 400, description = "Bad `limit` or `cursor`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The content changed while paging", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn articles(
    State(state): State<AppState>,
    query: Result<Query<ListParams>, QueryRejection>,
) -> Response {
    let (library, snap) = current(&state);
    let Ok(Query(params)) = query else {
        return ApiProblem::InvalidQuery("the query string could not be read").into_response();
    };
    let limit = match params.limit.as_deref() {
        None => DEFAULT_LIMIT,
        Some(l) => match l.parse::<usize>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
            _ => {
                return ApiProblem::InvalidQuery("`limit` must be a whole number from 1 to 200")
                    .into_response();
            }
        },
    };
    let total = library.order.len();
    let offset = match params
        .cursor
        .as_deref()
        .map(|c| read_cursor(&snap.version, c))
    {
        None => 0,
        Some(Ok(o)) if o <= total => o,
        Some(Ok(_)) => {
            return ApiProblem::InvalidQuery("`cursor` is not one this API made").into_response();
        }
        Some(Err(p)) => return p.into_response(),
    };
    let end = offset.saturating_add(limit).min(total);
    let articles = library.order[offset..end]
        .iter()
        .filter_map(|s| library.articles.get(s))
        .map(|a| ArticleListItem::from(a.as_ref()))
        .collect();
    json(
        &snap.version,
        &ArticleList {
            content_version: snap.version.clone(),
            total,
            articles,
            next_cursor: (end < total).then(|| cursor_for(&snap.version, end)),
        },
    )
}

#[derive(Serialize, ToSchema)]
pub struct ArticleResponse {
    pub content_version: String,
    pub article: ArticleDetail,
}

/// One article, whole: HTML, table of contents, sources, related, glossary terms.
#[utoipa::path(get, path = "/api/v1/articles/{slug}", tag = "read",
    params(("slug" = String, Path, description = "The article's slug")),
    responses(
        (status = 200, description = "The article", body = ArticleResponse),
        (status = 404, description = "No such article", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn article(
    State(state): State<AppState>,
    slug: Result<Path<String>, PathRejection>,
) -> Response {
    let slug = match segment(slug, "article") {
        Ok(s) => s,
        Err(p) => return p.into_response(),
    };
    let (library, snap) = current(&state);
    let Some(a) = library.articles.get(&slug) else {
        return ApiProblem::NotFound("article").into_response();
    };
    let article = ArticleDetail::new(&library, &GlossaryIndex::new(&library), a);
    json(
        &snap.version,
        &ArticleResponse {
            content_version: snap.version.clone(),
            article,
        },
    )
}
