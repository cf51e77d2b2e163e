//! The axum side of Pathways: routes, form posts, headers, caching, the watcher.

pub mod api;
pub mod content;
pub mod forms;
pub mod headers;
pub mod islands;
pub mod offline;
pub mod problem;
pub mod render;
pub mod search_service;
pub mod serve;
pub mod watch;

use crate::content::store::ContentStore;
use app::routes::paths;
use app::{App, shell};
use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::http::StatusCode;
use axum::routing::{get, post};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;

/// What every handler can reach: one shared [`Site`], cheap to clone per request.
#[derive(Clone)]
pub struct AppState(std::sync::Arc<Site>);

impl std::ops::Deref for AppState {
    type Target = Site;
    fn deref(&self) -> &Site {
        &self.0
    }
}

/// The site's long-lived parts.
pub struct Site {
    pub leptos_options: LeptosOptions,
    pub store: ContentStore,
    pub site: app::routes::SiteUrl,
    pub islands: std::sync::Arc<islands::IslandAssets>,
    /// The site script, manifest and service worker.
    pub offline: offline::Offline,
    pub pages: headers::PageCache,
    pub searcher: search_service::SearchService,
    /// The API's content version and offline bundle, computed once per library.
    pub api: api::ApiCache,
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

/// The longest a request may take from its first byte to its answer. Generous for
/// a phone sending a long note on a slow connection; a stuck request is answered 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Routes rendered by a handler of ours first (it does the work, then renders).
const HANDLED_ROUTES: [&str; 1] = [paths::SEARCH];

/// The whole site as an axum router.
pub fn router(leptos_options: LeptosOptions, store: ContentStore) -> Router {
    router_with(leptos_options, store, Router::new())
}

/// The site with `extra` routes inside the same layers (tests add routes that panic
/// or hang, to prove what readers would see).
pub fn router_with(
    leptos_options: LeptosOptions,
    store: ContentStore,
    extra: Router<AppState>,
) -> Router {
    let routes: Vec<_> = generate_route_list(App)
        .into_iter()
        .filter(|r| !HANDLED_ROUTES.contains(&r.path()))
        .collect();
    let island_assets = islands::IslandAssets::new(&leptos_options);
    let state = AppState(std::sync::Arc::new(Site {
        leptos_options: leptos_options.clone(),
        store: store.clone(),
        site: app::routes::SiteUrl(site_url()),
        offline: offline::Offline::new(&leptos_options, &island_assets),
        islands: std::sync::Arc::new(island_assets),
        pages: headers::PageCache::default(),
        searcher: search_service::SearchService::new(store.clone()),
        api: api::ApiCache::default(),
    }));
    problem::init(&leptos_options);
    let site = state.site.clone();
    let site_script = app::components::layout::SiteScript(state.offline.script_path.clone());
    let context = move || {
        content::provide_content(&store);
        provide_context(site.clone());
        provide_context(site_script.clone());
    };
    let pages = extra
        .route(paths::QUIZ_ROUTE, post(forms::post_quiz))
        .route(paths::PREFERENCES, post(forms::post_answers))
        .route(paths::PREPARE, post(forms::post_answers))
        .route(paths::SUMMARY, post(forms::post_answers))
        .route(paths::SEARCH, get(api::search_page))
        .merge(api::routes())
        .route("/sitemap.xml", get(api::sitemap))
        .route("/robots.txt", get(api::robots))
        .merge(state.islands.routes())
        .merge(state.offline.routes())
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        // Form posts read their own bodies against `forms::body_limit` (per request, so
        // it follows content edits); this covers any other extractor.
        .layer(DefaultBodyLimit::max(forms::body_limit(
            &state.store.current(),
        )))
        .with_state(state.clone());
    // The layers wrap the whole router (not each route), so a page served from the
    // cache is answered before any route is matched or any handler cloned.
    let mut site = Router::new()
        .fallback_service(pages)
        .layer(axum::middleware::from_fn_with_state(
            state,
            headers::caching,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(CatchPanicLayer::custom(headers::panic_response))
        .layer(axum::middleware::map_response(headers::error_pages));
    for layer in headers::security_layers() {
        site = site.layer(layer);
    }
    site.layer(CompressionLayer::new())
        .layer(headers::trace_layer())
}

/// The public origin used in canonical URLs and the sitemap.
pub fn site_url() -> String {
    std::env::var("PATHWAYS_SITE_URL")
        .unwrap_or_else(|_| "http://127.0.0.1:3000".into())
        .trim_end_matches('/')
        .to_string()
}

/// Arm the content watcher, then load the content tree, logging every problem. Keep
/// the watcher alive for as long as changes should be picked up.
pub fn open_content(dir: &str) -> (ContentStore, Option<watch::Watcher>) {
    let store = ContentStore::unloaded(dir);
    let watcher = watch::arm_and_load(&store);
    (store, watcher)
}

/// Log lines hold time, method, path and status: never query strings or bodies.
/// Lines are written by a background thread, so a slow terminal or disk never holds
/// up a request; keep the returned guard alive until exit (it flushes what is left).
pub fn init_logging() -> tracing_appender::non_blocking::WorkerGuard {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let (writer, guard) = tracing_appender::non_blocking(std::io::stdout());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_target(false)
        .with_writer(writer)
        .try_init();
    guard
}
