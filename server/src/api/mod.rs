//! The versioned JSON API for native apps and other readers (`/api/v1`), over the same
//! library the pages render, plus search, the sitemap and robots.
//!
//! - `articles`, `read`: the read endpoints; `bundle`: the content version and the offline bundle;
//!   `score`: stateless quiz and finder scoring; `site`: search (page and API), sitemap,
//!   robots;
//! - `dto`, `dto_finder`: the public shapes, converted from the content model;
//! - `problem`: errors as `application/problem+json`; `openapi`: the OpenAPI document
//!   and the `/api` page.
//!
//! Caching is the caching layer's ([`crate::headers::caching`]): reads are public
//! with a strong ETag and 304s; search and scoring are `no-store`. CORS is open to any
//! origin, without credentials, on `/api/v1` only.

pub mod articles;
pub mod bundle;
pub mod crisis;
pub mod dto;
pub mod dto_finder;
pub mod openapi;
pub mod problem;
pub mod read;
pub mod score;
pub mod site;

pub use bundle::ApiCache;
pub use site::{robots, search_page, sitemap};

use crate::AppState;
use axum::Router;
use axum::http::{HeaderName, Method, header};
use axum::routing::{any, get, post};
use tower_http::cors::{Any, CorsLayer};

/// The API's prefix.
pub const V1: &str = "/api/v1";

/// Any origin may read and score; no credentials (no cookies exist anyway).
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::IF_NONE_MATCH])
        .expose_headers([
            header::ETAG,
            HeaderName::from_static("x-content-version"),
            header::RETRY_AFTER,
        ])
        .max_age(std::time::Duration::from_secs(86400))
}

/// `/api/v1/…` (with a problem+json 404 and 405 of its own) and the `/api` page.
pub fn routes() -> Router<AppState> {
    let v1 = Router::new()
        .route("/articles", get(articles::articles))
        .route("/articles/{slug}", get(articles::article))
        .route("/paradigms", get(read::paradigms_list))
        .route("/tags/{tag}", get(read::tag))
        .route("/quizzes", get(read::quizzes))
        .route("/quizzes/{id}", get(read::quiz))
        .route("/quizzes/{id}/score", post(score::score_quiz_answers))
        .route("/finder", get(read::finder))
        .route("/finder/score", post(score::score_finder))
        .route("/glossary", get(read::glossary))
        .route("/compare", get(read::compare))
        .route("/prepare", get(read::prepare))
        .route("/pages/{slug}", get(read::page))
        .route("/crisis", get(crisis::crisis))
        .route("/search", get(site::search))
        .route("/bundle", get(bundle::bundle))
        .route("/openapi.json", get(openapi::openapi_json))
        .fallback(problem::not_found)
        .method_not_allowed_fallback(problem::method_not_allowed)
        .layer(cors());
    Router::new()
        .nest(V1, v1)
        // The nested router's fallback does not see its own root with a slash.
        .route("/api/v1/", any(problem::not_found))
        .route("/api", get(openapi::api_page))
}
