//! Rendering a page outside the route table: for form posts and the search page,
//! which first do their work (score, search) and then render the page with the
//! result in context.

use crate::AppState;
use app::shell;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use axum::response::Response;
use leptos::prelude::*;

/// Render the page at `path` as for a GET, with `extra` in context.
pub async fn render_page<C: Clone + Send + Sync + 'static>(
    state: &AppState,
    path: String,
    headers: &HeaderMap,
    extra: C,
) -> Response {
    let store = state.store.clone();
    let site = state.site.clone();
    let options = state.leptos_options.clone();
    let site_script = app::components::layout::SiteScript(state.offline.script_path.clone());
    let render = leptos_axum::render_app_to_stream_with_context(
        move || {
            crate::content::provide_content(&store);
            provide_context(site.clone());
            provide_context(site_script.clone());
            provide_context(extra.clone());
        },
        move || shell(options.clone()),
    );
    let mut request = Request::builder().method(Method::GET).uri(path);
    if let Some(h) = request.headers_mut() {
        for name in [header::ACCEPT, header::ACCEPT_LANGUAGE, header::HOST] {
            if let Some(v) = headers.get(&name) {
                h.insert(name, v.clone());
            }
        }
    }
    let Ok(request) = request.body(Body::empty()) else {
        return crate::problem::problem_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong",
            "This page could not be shown. Nothing you sent was kept. Please try again.",
        );
    };
    render(request).await
}
