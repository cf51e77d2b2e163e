//! Form posts for readers without JavaScript: scored, rendered, forgotten. The
//! answers live only in this request's memory; nothing is stored or logged.

use crate::AppState;
use app::routes::quiz::QuizSubmission;
use app::scoring::answers_from_form;
use app::shell;
use axum::body::Body;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;

/// `POST /quizzes/{id}`: score the posted answers and render the quiz with feedback.
pub async fn post_quiz(
    State(state): State<AppState>,
    Path(id): Path<String>,
    request_headers: axum::http::HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let library = state.store.current();
    let Some(quiz) = library.quizzes.get(&id) else {
        return (StatusCode::NOT_FOUND, "There is no quiz with this name.").into_response();
    };
    let answers = match answers_from_form(quiz, &fields) {
        Ok(a) => a,
        Err(e) => {
            return (
                StatusCode::BAD_REQUEST,
                format!("This form could not be read: {}.", e.0),
            )
                .into_response();
        }
    };
    let store = state.store.clone();
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_to_stream_with_context(
        move || {
            provide_context(store.clone());
            provide_context(app::routes::SiteUrl(crate::site_url()));
            provide_context(QuizSubmission(answers.clone()));
        },
        move || shell(options.clone()),
    );
    let mut request = Request::builder()
        .method(Method::GET)
        .uri(format!("/quizzes/{id}"));
    if let Some(h) = request.headers_mut() {
        for name in [header::ACCEPT, header::ACCEPT_LANGUAGE, header::HOST] {
            if let Some(v) = request_headers.get(&name) {
                h.insert(name, v.clone());
            }
        }
    }
    let Ok(request) = request.body(Body::empty()) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let mut response = render(request).await;
    // A page with someone's answers must never be cached anywhere.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
