//! Form posts for readers without JavaScript: scored, rendered, forgotten. The
//! answers live only in this request's memory; nothing is stored or logged.
//!
//! Bodies are read here, not by axum's `Form` extractor, so that every refusal is
//! our styled problem page (never axum's plain-text rejections) and so that a body
//! over the limit can still be read far enough to hand the reader's notes back.

use crate::AppState;
use crate::problem::{Back, Extra, problem_page_with};
use crate::render::render_page;
use app::answers::{
    NOTE_MAX, PostedAnswers, PostedFinder, SavedAnswers, check_field_names, note_too_long,
    reflections_from_form,
};
use app::content::Library;
use app::finder_scoring::answers_from_form as finder_answers_from_form;
use app::form_fields::Field;
use app::prepare::Prepare;
use app::quiz_scoring::answers_from_form;
use app::routes::paths;
use app::routes::quiz::PostedQuizAnswers;
use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::Response;
use http_body_util::{BodyExt, LengthLimitError, Limited};

type Fields = Vec<(String, String)>;

/// Bytes one character of a note can take in a form body: up to 4 bytes of UTF-8,
/// each sent percent-encoded as `%XX` (3 bytes), so 4 × 3 = 12.
pub const BYTES_PER_CHAR: usize = 12;
/// Bytes per byte of a field name or short value when every byte is percent-encoded.
const PERCENT: usize = 3;
/// Room for what the sum below does not count (a stray field, a charset marker).
const SLACK: usize = 4 * 1024;
/// The limit is never below the old fixed one.
const MIN_LIMIT: usize = 64 * 1024;
/// A body over the limit is still read up to this many times the limit, to hand the
/// reader's notes back; beyond that it is not read at all.
pub const HARD_CAP_FACTOR: usize = 4;
const FORM_TYPE: &str = "application/x-www-form-urlencoded";
const UNREADABLE: &str = "This form could not be read";
const TOO_LONG: &str = "Your text was too long";

/// The largest body a form of ours can legitimately send, derived from the content
/// the forms are built from (so it follows edits to `prepare.yaml` and the finder).
/// One field `name=value&` costs 3 × name + 1 + value + 1 bytes at worst:
///
/// - each reflection note `p.<id>`: 3 × (2 + id) + 2 + `NOTE_MAX` × 12 bytes
///   (5,000 four-byte characters, every byte sent as `%XX`);
/// - each finder rating `r.<id>`: 3 × (2 + id) + 2 + 3 × 2 (`-3`);
/// - each finder option `c.<id>=<option>` (every option once, as for a
///   multiple-choice question): 3 × (2 + id) + 2 + 3 × option;
/// - the largest quiz, every option of every question ticked: `q<i>=<j>&` each;
/// - plus 4 KiB of slack, and never below 64 KiB.
///
/// The summary form carries the finder's answers and the notes together, and a quiz
/// post is never larger than the sum, so one limit serves all four routes. With the
/// bundled content (9 reflection questions) that is about 550 KB: 9 × 60,026 for the
/// notes plus a few KB for the rest.
pub fn body_limit(library: &Library) -> usize {
    let field = |name: usize, value: usize| {
        PERCENT
            .saturating_mul(name)
            .saturating_add(value)
            .saturating_add(2)
    };
    let notes: usize = library
        .prepare
        .iter()
        .flat_map(|p| &p.questions)
        .map(|q| field(2 + q.id.len(), NOTE_MAX * BYTES_PER_CHAR))
        .sum();
    let finder: usize = library.finder.as_ref().map_or(0, |f| {
        let ratings: usize = f
            .items
            .iter()
            .map(|i| field(2 + i.id.len(), PERCENT * 2))
            .sum();
        let choices: usize = f
            .choices
            .iter()
            .flat_map(|c| {
                c.options
                    .iter()
                    .map(|o| field(2 + c.id.len(), PERCENT * o.id.len()))
            })
            .sum();
        ratings + choices
    });
    let digits = |n: usize| n.to_string().len();
    let quiz = library
        .quizzes
        .values()
        .map(|quiz| {
            quiz.questions
                .iter()
                .enumerate()
                .map(|(i, q)| q.options.len() * field(1 + digits(i), digits(q.options.len())))
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0);
    (notes + finder + quiz + SLACK).max(MIN_LIMIT)
}

/// Whether the request says it carries an HTML form (`application/x-www-form-urlencoded`,
/// parameters such as `charset` allowed), as axum's `Form` checks it.
fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case(FORM_TYPE))
}

fn unreadable(status: StatusCode, reason: &str, back: Back<'_>) -> Response {
    problem_page_with(
        status,
        UNREADABLE,
        &format!("{UNREADABLE}: {reason}."),
        back,
        &Extra::new().paragraph("Nothing you sent was kept. Please go back and try again."),
    )
}

/// 413 for text far beyond the limit: not read, so nothing can be given back.
fn far_too_long(back: Back<'_>) -> Response {
    problem_page_with(
        StatusCode::PAYLOAD_TOO_LARGE,
        TOO_LONG,
        &format!(
            "What you sent is far longer than this site accepts (at most {NOTE_MAX} characters \
             per note), so it was not read and cannot be shown again. Nothing was kept."
        ),
        back,
        &Extra::new(),
    )
}

/// 413 with the reader's notes handed back, read-only, so the words are not lost.
fn notes_given_back(fields: &Fields, prepare: Option<&Prepare>, back: Back<'_>) -> Response {
    let mut extra = Extra::new();
    let mut any = false;
    for (name, note) in fields {
        let Some(Field::Note(id)) = Field::parse(name) else {
            continue;
        };
        if note.trim().is_empty() {
            continue;
        }
        // Labelled with the question's own prompt; an unknown id is not repeated.
        let label = prepare
            .and_then(|p| p.questions.iter().find(|q| q.id == id))
            .map_or("A note you wrote", |q| q.prompt.as_str());
        if !any {
            extra = extra.paragraph(
                "Here is what you wrote. Copy it somewhere safe now (select the text, then \
                 copy): it is not saved anywhere, and it will be gone when you leave this page.",
            );
            any = true;
        }
        extra = extra.read_only_text(label, note);
    }
    problem_page_with(
        StatusCode::PAYLOAD_TOO_LARGE,
        TOO_LONG,
        &format!(
            "What you sent is longer than this site accepts (at most {NOTE_MAX} characters per \
             note), so it was not used. Nothing was kept."
        ),
        back,
        &extra,
    )
}

enum Read {
    /// The fields of a body within the limit.
    Fields(Fields),
    /// The fields of a body over the limit but under the hard cap.
    TooLarge(Fields),
}

/// Read a form body: check its type, read at most `HARD_CAP_FACTOR` × the limit,
/// and decode it as axum's `Form` does (percent-decoding, invalid UTF-8 replaced).
async fn read_form(
    headers: &HeaderMap,
    body: Body,
    library: &Library,
    back: Back<'_>,
) -> Result<Read, Response> {
    if !is_form(headers) {
        return Err(unreadable(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "it was not sent as a web form (expected `application/x-www-form-urlencoded`)",
            back,
        ));
    }
    let limit = body_limit(library);
    let cap = limit.saturating_mul(HARD_CAP_FACTOR);
    let bytes = match Limited::new(body, cap).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => {
            return Err(far_too_long(back));
        }
        Err(_) => {
            return Err(unreadable(
                StatusCode::BAD_REQUEST,
                "it did not arrive completely",
                back,
            ));
        }
    };
    let fields: Fields = form_urlencoded::parse(&bytes).into_owned().collect();
    Ok(if bytes.len() > limit {
        Read::TooLarge(fields)
    } else {
        Read::Fields(fields)
    })
}

/// `POST /quizzes/{id}`: score the posted answers and render the quiz with feedback.
pub async fn post_quiz(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let library = state.store.current();
    let quizzes = Back {
        href: paths::QUIZZES,
        label: "See the quizzes",
    };
    let Ok(Path(id)) = id else {
        return unreadable(StatusCode::BAD_REQUEST, "its address is not valid", quizzes);
    };
    let Some(quiz) = library.quizzes.get(&id) else {
        return problem_page_with(
            StatusCode::NOT_FOUND,
            "Quiz not found",
            "There is no quiz with this name. It may have moved, or the link may have a typo.",
            quizzes,
            &Extra::new(),
        );
    };
    // `id` names a quiz of ours from here on.
    let href = paths::quiz(&id);
    let back = Back {
        href: &href,
        label: "Back to the quiz",
    };
    let fields = match read_form(&headers, body, &library, back).await {
        Ok(Read::Fields(fields)) => fields,
        Ok(Read::TooLarge(_)) => return far_too_long(back),
        Err(response) => return response,
    };
    match answers_from_form(quiz, &fields) {
        Ok(answers) => render_page(&state, href, &headers, PostedQuizAnswers(answers)).await,
        Err(e) => unreadable(StatusCode::BAD_REQUEST, &e.0, back),
    }
}

/// Read the finder's and the reflections' fields of a post.
fn posted_answers(library: &Library, fields: &Fields) -> Result<SavedAnswers, String> {
    check_field_names(fields)?;
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

/// Where a refused answers post sends the reader back to: the form it came from.
fn answers_back(path: &str) -> Back<'static> {
    match path {
        paths::PREFERENCES => Back {
            href: paths::PREFERENCES,
            label: "Back to the preference questions",
        },
        paths::PREPARE => Back {
            href: paths::PREPARE,
            label: "Go to the reflection questions",
        },
        paths::SUMMARY => Back {
            href: paths::PREPARE,
            label: "Back to the reflection questions",
        },
        _ => Back::HOME,
    }
}

/// The finder step a post to `/preferences?step=N` asks for (N from 1, as the
/// buttons write it), from 0; `None` for the result (no query). Any other query, or
/// a query on another path, is refused.
fn finder_step(
    library: &Library,
    path: &str,
    query: Option<&str>,
) -> Result<Option<usize>, &'static str> {
    let Some(query) = query else {
        return Ok(None);
    };
    let steps = match (&library.finder, path) {
        (Some(f), paths::PREFERENCES) => f.steps(),
        _ => return Err("its address has a query this form does not send"),
    };
    let mut pairs = form_urlencoded::parse(query.as_bytes());
    match (pairs.next(), pairs.next()) {
        (Some((k, v)), None) if k == paths::STEP_PARAM => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=steps).contains(n))
            .map(|n| Some(n - 1))
            .ok_or("it asks for a step this questionnaire does not have"),
        _ => Err("its address has a query this form does not send"),
    }
}

/// `POST /preferences`, `/prepare` and `/summary`: the finder's and the reflections'
/// answers, rendered into the page that was posted to (the finder's result, the
/// reflection questions carrying the finder's answers, or the summary).
pub async fn post_answers(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let library = state.store.current();
    let back = answers_back(uri.path());
    let prepare = library.prepare.as_ref();
    let fields = match read_form(&headers, body, &library, back).await {
        Ok(Read::Fields(fields)) => fields,
        Ok(Read::TooLarge(fields)) => return notes_given_back(&fields, prepare, back),
        Err(response) => return response,
    };
    // A note over the limit is the same problem as a body over it: give it back.
    if fields.iter().any(|(name, value)| {
        matches!(Field::parse(name), Some(Field::Note(_))) && note_too_long(value)
    }) {
        return notes_given_back(&fields, prepare, back);
    }
    let step = match finder_step(&library, uri.path(), uri.query()) {
        Ok(step) => step,
        Err(e) => return unreadable(StatusCode::BAD_REQUEST, e, back),
    };
    match posted_answers(&library, &fields) {
        Ok(saved) if uri.path() == paths::PREFERENCES => {
            let posted = PostedFinder {
                answers: saved.finder,
                step,
            };
            render_page(&state, uri.path().to_string(), &headers, posted).await
        }
        Ok(saved) => {
            // The summary says when it was made; this answer is not cached.
            let today = time::OffsetDateTime::now_utc().date();
            let date = format!("{} {} {}", today.day(), today.month(), today.year());
            render_page(
                &state,
                uri.path().to_string(),
                &headers,
                PostedAnswers(saved, Some(date)),
            )
            .await
        }
        Err(e) => unreadable(StatusCode::BAD_REQUEST, &e, back),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finder_steps_are_read_from_the_query() {
        let content = concat!(env!("CARGO_MANIFEST_DIR"), "/../content");
        let (store, _) = crate::content::store::ContentStore::open(content);
        let library = store.current();
        let at = |path: &str, q: Option<&str>| finder_step(&library, path, q);
        assert_eq!(at(paths::PREFERENCES, None), Ok(None));
        assert_eq!(at(paths::PREFERENCES, Some("step=1")), Ok(Some(0)));
        assert_eq!(at(paths::PREFERENCES, Some("step=5")), Ok(Some(4)));
        for bad in [
            "step=0",
            "step=6",
            "step=-1",
            "step=x",
            "step=1&step=2",
            "other=1",
            "step=99999999999999999999999",
        ] {
            assert!(at(paths::PREFERENCES, Some(bad)).is_err(), "{bad}");
        }
        assert!(at(paths::SUMMARY, Some("step=1")).is_err());
        assert_eq!(at(paths::SUMMARY, None), Ok(None));
    }

    #[test]
    fn form_type_is_checked_like_axum() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(
                header::CONTENT_TYPE,
                axum::http::HeaderValue::from_str(v).unwrap(),
            );
            h
        };
        assert!(is_form(&with("application/x-www-form-urlencoded")));
        assert!(is_form(&with(
            "application/x-www-form-urlencoded; charset=UTF-8"
        )));
        assert!(!is_form(&with("text/plain")));
        assert!(!is_form(&with("multipart/form-data; boundary=x")));
        assert!(!is_form(&HeaderMap::new()));
    }

    #[test]
    fn limit_covers_nine_notes_of_four_byte_characters() {
        let content = concat!(env!("CARGO_MANIFEST_DIR"), "/../content");
        let (store, _) = crate::content::store::ContentStore::open(content);
        let library = store.current();
        let prepare = library.prepare.as_ref().expect("prepare.yaml");
        let notes: usize = prepare
            .questions
            .iter()
            .map(|q| "&p.".len() + q.id.len() + 1 + NOTE_MAX * BYTES_PER_CHAR)
            .sum();
        let limit = body_limit(&library);
        assert!(notes < limit, "{notes} ≥ {limit}");
        assert!(
            limit < 2 * notes + MIN_LIMIT,
            "not far beyond what is needed"
        );
        assert!(body_limit(&Library::default()) == MIN_LIMIT);
    }
}
