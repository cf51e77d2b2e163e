//! Form posts for readers without JavaScript: scored, rendered, forgotten. The
//! answers live only in this request's memory; nothing is stored or logged.

use crate::AppState;
use app::answers::{SavedAnswers, check_field_names, reflections_from_form};
use app::finder::answers_from_form as finder_answers_from_form;
use app::routes::preferences::Submission;
use app::routes::quiz::QuizSubmission;
use app::scoring::answers_from_form;
use app::shell;
use axum::body::Body;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;

type Fields = Vec<(String, String)>;

/// Render the page at `path` as for a GET, with `extra` in context, never cached.
async fn render_page<C: Clone + Send + Sync + 'static>(
    state: &AppState,
    path: String,
    headers: &HeaderMap,
    extra: C,
) -> Response {
    let store = state.store.clone();
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_to_stream_with_context(
        move || {
            provide_context(store.clone());
            provide_context(app::routes::SiteUrl(crate::site_url()));
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
        return StatusCode::BAD_REQUEST.into_response();
    };
    let mut response = render(request).await;
    // A page with someone's answers must never be cached anywhere.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn bad_request(reason: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        format!("This form could not be read: {reason}."),
    )
        .into_response()
}

/// `POST /quizzes/{id}`: score the posted answers and render the quiz with feedback.
pub async fn post_quiz(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let library = state.store.current();
    let Some(quiz) = library.quizzes.get(&id) else {
        return (StatusCode::NOT_FOUND, "There is no quiz with this name.").into_response();
    };
    match answers_from_form(quiz, &fields) {
        Ok(answers) => {
            render_page(
                &state,
                format!("/quizzes/{id}"),
                &headers,
                QuizSubmission(answers),
            )
            .await
        }
        Err(e) => bad_request(&e.0),
    }
}

/// Read the finder's and the reflections' fields of a post.
fn submission(state: &AppState, fields: &Fields) -> Result<SavedAnswers, String> {
    check_field_names(fields)?;
    let library = state.store.current();
    let finder = match &library.finder {
        Some(f) => finder_answers_from_form(f, fields)?,
        None => Default::default(),
    };
    let reflections = reflections_from_form(library.prepare.as_ref(), fields)?;
    Ok(SavedAnswers {
        finder,
        reflections,
        ..SavedAnswers::default()
    })
}

/// `POST /preferences`, `/prepare` and `/summary`: the finder's and the reflections'
/// answers, rendered into the page that was posted to (the finder's result, the
/// reflection questions carrying the finder's answers, or the summary).
pub async fn post_answers(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    match submission(&state, &fields) {
        Ok(saved) => render_page(&state, uri.path().to_string(), &headers, Submission(saved)).await,
        Err(e) => bad_request(&e),
    }
}
