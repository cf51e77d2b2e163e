//! The axum side of Pathways: routes, form posts, headers, caching, the watcher.

pub mod api;
pub mod forms;
pub mod headers;
pub mod watch;

use app::content::store::ContentStore;
use app::{App, shell};
use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::routing::{get, post};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::compression::CompressionLayer;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: ContentStore,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl FromRef<AppState> for ContentStore {
    fn from_ref(state: &AppState) -> Self {
        state.store.clone()
    }
}

/// Largest form body accepted (a quiz or the finder is a few KB).
const FORM_LIMIT: usize = 64 * 1024;

/// The whole site as an axum router.
pub fn router(leptos_options: LeptosOptions, store: ContentStore) -> Router {
    let routes = generate_route_list(App);
    let state = AppState {
        leptos_options: leptos_options.clone(),
        store: store.clone(),
    };
    let site = app::routes::SiteUrl(site_url());
    let context = move || {
        provide_context(store.clone());
        provide_context(site.clone());
    };
    Router::new()
        .route("/quizzes/{id}", post(forms::post_quiz))
        .route("/preferences", post(forms::post_answers))
        .route("/prepare", post(forms::post_answers))
        .route("/summary", post(forms::post_answers))
        .route("/api/v1/search", get(api::search))
        .route("/sitemap.xml", get(api::sitemap))
        .route("/robots.txt", get(api::robots))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
        .layer(axum::middleware::from_fn(headers::caching_and_security))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(headers::access_log))
        .with_state(state)
}

/// The public origin used in canonical URLs and the sitemap.
pub fn site_url() -> String {
    std::env::var("PATHWAYS_SITE_URL")
        .unwrap_or_else(|_| "http://127.0.0.1:3000".into())
        .trim_end_matches('/')
        .to_string()
}

/// Load the content tree, logging every problem.
pub fn open_content(dir: &str) -> ContentStore {
    let started = std::time::Instant::now();
    let (store, errors) = ContentStore::open(dir);
    for e in &errors {
        tracing::warn!("content problem: {e}");
    }
    let library = store.current();
    tracing::info!(
        "content loaded in {}ms: {} articles, {} quizzes, {} problem(s)",
        started.elapsed().as_millis(),
        library.articles.len(),
        library.quizzes.len(),
        errors.len()
    );
    store
}

/// Log lines hold time, method, path and status: never query strings or bodies.
pub fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .try_init();
}
