//! Property tests of the scoring endpoints: arbitrary JSON, and near-valid finder
//! answers, never give a server error; every refusal is problem+json and nothing is
//! cached.

mod support;

use app::finder::PreferenceFinder;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::sync::LazyLock;
use support::{content, options, send};

fn post(path: &str, content_type: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap()
}

/// Arbitrary JSON values, nested a few levels, with keys and numbers near the ones
/// the endpoints accept.
fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-5i64..6).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[a-z0-9-]{0,12}".prop_map(Value::from),
        prop_oneof![Just("ratings"), Just("choices"), Just("answers")].prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("ratings".to_string()),
                    Just("choices".to_string()),
                    Just("answers".to_string()),
                    "[a-z-]{1,16}",
                ],
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Real ids of the bundled finder mixed into arbitrary answers.
fn arb_finder_body(
    items: Vec<String>,
    choices: Vec<(String, Vec<String>)>,
) -> impl Strategy<Value = Value> {
    let ratings = prop::collection::btree_map(
        prop::sample::select(items),
        prop_oneof![(-4i64..5).prop_map(Value::from), arb_json()],
        0..8,
    );
    let choices = prop::collection::btree_map(
        prop::sample::select(choices.clone()).prop_map(|(id, _)| id),
        prop::collection::vec(
            prop::sample::select(choices.into_iter().flat_map(|(_, o)| o).collect::<Vec<_>>())
                .prop_map(Value::from),
            0..4,
        )
        .prop_map(Value::Array),
        0..4,
    );
    (ratings, choices).prop_map(|(r, c)| {
        json!({ "ratings": Value::Object(r.into_iter().collect()), "choices": Value::Object(c.into_iter().collect()) })
    })
}

static RT: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
});

/// Built once: loading the content takes a while.
static APP: LazyLock<(Router, PreferenceFinder)> = LazyLock::new(|| {
    RT.block_on(async {
        let store = content();
        let finder = store.current().finder.clone().expect("finder");
        (server::router(options(), store), finder)
    })
});

fn finder_bodies() -> impl Strategy<Value = Value> {
    let f = &APP.1;
    arb_finder_body(
        f.items.iter().map(|i| i.id.clone()).collect(),
        f.choices
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    c.options.iter().map(|o| o.id.clone()).collect(),
                )
            })
            .collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_json_never_gives_a_server_error(body in arb_json(), raw in "\\PC{0,40}") {
        let app = &APP.0;
        RT.block_on(async {
            for path in ["/api/v1/finder/score", "/api/v1/quizzes/cbt-basics/score"] {
                for text in [body.to_string(), raw.clone()] {
                    let (status, h, _) = send(app, post(path, "application/json", text)).await;
                    prop_assert!(status.is_success() || status.is_client_error(), "{path}: {status}");
                    if status.is_client_error() {
                        prop_assert_eq!(&h[header::CONTENT_TYPE], "application/problem+json");
                    }
                    prop_assert_eq!(&h[header::CACHE_CONTROL], "no-store");
                }
            }
            Ok(())
        })?;
    }

    #[test]
    fn near_valid_finder_answers_score_or_are_refused_but_never_fail(body in finder_bodies()) {
        let app = &APP.0;
        RT.block_on(async {
            let (status, _, text) =
                send(app, post("/api/v1/finder/score", "application/json", body.to_string())).await;
            prop_assert!(
                status == StatusCode::OK || status == StatusCode::UNPROCESSABLE_ENTITY,
                "{status}: {text}"
            );
            let valid_ratings = body["ratings"]
                .as_object()
                .unwrap()
                .values()
                .all(|v| v.as_i64().is_some_and(|r| (-3..=3).contains(&r)));
            if status == StatusCode::OK {
                prop_assert!(valid_ratings, "scored invalid ratings: {text}");
            }
            Ok(())
        })?;
    }
}
