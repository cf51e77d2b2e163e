//! Stateless scoring (`POST /api/v1/quizzes/{id}/score`, `POST /api/v1/finder/score`):
//! the same results as the pages' scoring code, `no-store`, and a clear 4xx
//! problem for every kind of bad input, never repeating it (arbitrary JSON: in
//! `api_fuzz.rs`).

mod support;

use app::finder_scoring::{FinderAnswers, score};
use app::quiz_scoring::{Verdict, score_quiz};
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use serde_json::{Value, json};
use support::{content, options, send};

fn post(path: &str, content_type: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap()
}

async fn score_json(app: &Router, path: &str, body: &Value) -> (StatusCode, HeaderMap, Value) {
    let (status, h, text) = send(app, post(path, "application/json", body.to_string())).await;
    let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (status, h, value)
}

#[tokio::test]
async fn a_quiz_is_scored_by_the_pages_scoring_code() {
    let store = content();
    let library = store.current();
    let app = server::router(options(), store);
    for quiz in library.quizzes.values() {
        // All correct, then the first option everywhere, then half unanswered.
        let right: Vec<Vec<usize>> = quiz.questions.iter().map(|q| q.correct()).collect();
        let first: Vec<Vec<usize>> = quiz.questions.iter().map(|_| vec![0]).collect();
        let half: Vec<Vec<usize>> = quiz
            .questions
            .iter()
            .take(quiz.questions.len() / 2)
            .map(|q| q.correct())
            .collect();
        for answers in [right, first, half] {
            let path = format!("/api/v1/quizzes/{}/score", quiz.id);
            let (status, h, body) = score_json(&app, &path, &json!({ "answers": answers })).await;
            assert_eq!(status, StatusCode::OK, "{path}: {body}");
            assert_eq!(h[header::CACHE_CONTROL], "no-store");
            assert!(h.get(header::ETAG).is_none());
            let expected = score_quiz(quiz, &answers);
            assert_eq!(body["correct"], expected.correct, "{path}");
            assert_eq!(body["total"], expected.total, "{path}");
            for (i, v) in expected.verdicts.iter().enumerate() {
                let want = match v {
                    Verdict::Correct => "correct",
                    Verdict::Incorrect => "incorrect",
                    Verdict::Unanswered => "unanswered",
                };
                assert_eq!(body["questions"][i]["verdict"], want, "{path} q{i}");
                assert_eq!(
                    body["questions"][i]["explanation"],
                    quiz.questions[i].explanation.as_str()
                );
            }
        }
    }
}

#[tokio::test]
async fn the_finder_is_scored_by_the_pages_scoring_code() {
    let store = content();
    let library = store.current();
    let finder = library
        .finder
        .as_ref()
        .expect("the bundled content has a finder");
    let app = server::router(options(), store);
    for shift in 0..7usize {
        let mut answers = FinderAnswers::default();
        for (i, item) in finder.items.iter().enumerate() {
            answers
                .ratings
                .insert(item.id.clone(), ((i + shift) % 7) as i8 - 3);
        }
        for choice in &finder.choices {
            let option = &choice.options[shift % choice.options.len()];
            answers
                .choices
                .insert(choice.id.clone(), vec![option.id.clone()]);
        }
        let request = json!({ "ratings": answers.ratings, "choices": answers.choices });
        let (status, h, body) = score_json(&app, "/api/v1/finder/score", &request).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(h[header::CACHE_CONTROL], "no-store");
        let profile = score(finder, &answers);
        let approaches: Vec<(&str, f64, Vec<String>)> = body["approaches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["article"].as_str().unwrap(),
                    a["score"].as_f64().unwrap(),
                    serde_json::from_value(a["why"].clone()).unwrap(),
                )
            })
            .collect();
        let expected: Vec<(&str, f64, Vec<String>)> = profile
            .approaches
            .iter()
            .map(|a| (a.article.as_str(), a.score, a.why.clone()))
            .collect();
        assert_eq!(approaches, expected, "shift {shift}");
        assert!(
            !expected.is_empty() || shift == 3,
            "shift {shift} suggests something"
        );
        for (got, want) in body["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .zip(&profile.dimensions)
        {
            assert_eq!(got["id"], want.id.as_str());
            assert_eq!(got["score"].as_f64().unwrap(), want.score);
            assert_eq!(got["strength"], want.strength.as_str());
            assert_eq!(got["leaning"].as_str(), want.leaning.as_deref());
        }
        let questions: Vec<String> = serde_json::from_value(body["questions"].clone()).unwrap();
        assert_eq!(questions, profile.questions);
        assert_eq!(
            body["practical"].as_array().unwrap().len(),
            profile.practical.len()
        );
        assert!(body["notice"].as_str().unwrap().contains("not a diagnosis"));
    }
}

/// A marker that must never come back in a problem.
const MARK: &str = "zzmarkerzz";

async fn assert_problem(app: &Router, req: Request<Body>, status: StatusCode, kind: &str) {
    let (got, h, body) = send(app, req).await;
    assert_eq!(got, status, "{kind}: {body}");
    assert_eq!(
        h[header::CONTENT_TYPE],
        "application/problem+json",
        "{kind}"
    );
    assert_eq!(h[header::CACHE_CONTROL], "no-store", "{kind}");
    assert!(!body.contains(MARK), "{kind} echoes the request: {body}");
    let p: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(p["type"], format!("/api#problem-{kind}"), "{body}");
    assert_eq!(p["status"], status.as_u16());
    assert!(p["detail"].as_str().is_some_and(|d| !d.is_empty()));
}

#[tokio::test]
async fn bad_input_is_a_clear_problem_that_echoes_nothing() {
    let store = content();
    let library = store.current();
    let finder = library.finder.clone().unwrap();
    let quiz = library.quizzes.values().next().unwrap().clone();
    let app = server::router(options(), store);
    let quiz_path = format!("/api/v1/quizzes/{}/score", quiz.id);
    let f = "/api/v1/finder/score";
    let j = "application/json";
    let item = &finder.items[0].id;
    let choice = &finder.choices[0];
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;

    let cases: Vec<(Request<Body>, StatusCode, &str)> = vec![
        (
            post(
                &format!("/api/v1/quizzes/{MARK}/score"),
                j,
                r#"{"answers":[]}"#,
            ),
            StatusCode::NOT_FOUND,
            "not-found",
        ),
        (
            post(
                &quiz_path,
                j,
                format!(r#"{{"answers":[[{}]]}}"#, quiz.questions[0].options.len()),
            ),
            unprocessable,
            "unknown-answer",
        ),
        (
            post(
                &quiz_path,
                j,
                json!({"answers": vec![vec![0]; quiz.questions.len() + 1]}).to_string(),
            ),
            unprocessable,
            "unknown-answer",
        ),
        (
            post(&quiz_path, j, format!(r#"{{"answers":[], "{MARK}": 1}}"#)),
            unprocessable,
            "invalid-body",
        ),
        (
            post(&quiz_path, j, format!(r#"{{"answers":["{MARK}"]}}"#)),
            unprocessable,
            "invalid-body",
        ),
        (
            post(&quiz_path, j, format!("{{{MARK}")),
            StatusCode::BAD_REQUEST,
            "malformed-json",
        ),
        (
            post(&quiz_path, "text/plain", r#"{"answers":[]}"#),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
        ),
        (
            Request::post(&quiz_path)
                .body(Body::from(r#"{"answers":[]}"#))
                .unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
        ),
        (
            post(f, j, json!({"ratings": {MARK: 1}}).to_string()),
            unprocessable,
            "unknown-answer",
        ),
        (
            post(f, j, json!({"ratings": {item: 4}}).to_string()),
            unprocessable,
            "rating-out-of-range",
        ),
        (
            post(f, j, json!({"ratings": {item: -4}}).to_string()),
            unprocessable,
            "rating-out-of-range",
        ),
        (
            post(
                f,
                j,
                json!({"ratings": {item: 1_000_000_000_000_i64}}).to_string(),
            ),
            unprocessable,
            "rating-out-of-range",
        ),
        (
            post(f, j, json!({"ratings": {item: 2.5}}).to_string()),
            unprocessable,
            "invalid-body",
        ),
        (
            post(f, j, json!({"ratings": {item: MARK}}).to_string()),
            unprocessable,
            "invalid-body",
        ),
        (
            post(f, j, json!({"choices": {MARK: []}}).to_string()),
            unprocessable,
            "unknown-answer",
        ),
        (
            post(f, j, json!({"choices": {&choice.id: [MARK]}}).to_string()),
            unprocessable,
            "unknown-answer",
        ),
        (
            post(f, j, json!({MARK: {}}).to_string()),
            unprocessable,
            "invalid-body",
        ),
        (
            post(f, j, format!("[\"{MARK}\"")),
            StatusCode::BAD_REQUEST,
            "malformed-json",
        ),
        (post(f, j, ""), StatusCode::BAD_REQUEST, "malformed-json"),
        (
            post(
                f,
                "application/x-www-form-urlencoded",
                format!("r.{item}=1"),
            ),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
        ),
        (
            post(
                f,
                j,
                format!(r#"{{"ratings":{{"{MARK}":"{}"}}}}"#, "x".repeat(70_000)),
            ),
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
        ),
    ];
    for (req, status, kind) in cases {
        assert_problem(&app, req, status, kind).await;
    }
    // One option only, where the content says so.
    if let Some(single) = quiz
        .questions
        .iter()
        .position(|q| !q.is_multiple() && q.options.len() > 1)
    {
        let mut answers = vec![Vec::<usize>::new(); quiz.questions.len()];
        answers[single] = vec![0, 1];
        let req = post(&quiz_path, j, json!({ "answers": answers }).to_string());
        assert_problem(&app, req, unprocessable, "too-many-options").await;
    } else {
        panic!("the first quiz has a single-answer question with several options");
    }
    if let Some(single) = finder
        .choices
        .iter()
        .find(|c| !c.multiple && c.options.len() > 1)
    {
        let ids = [&single.options[0].id, &single.options[1].id];
        let req = post(f, j, json!({"choices": {&single.id: ids}}).to_string());
        assert_problem(&app, req, unprocessable, "too-many-options").await;
    }
}
