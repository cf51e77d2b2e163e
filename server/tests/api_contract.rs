//! The API's contract: the OpenAPI document served at `/api/v1/openapi.json` is the
//! checked-in one (`server/tests/snapshots/openapi.json`), and every endpoint's real
//! answers, errors included, are valid against the schema the document gives them.

mod support;

use axum::body::Body;
use axum::http::{Request, header};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use support::{content, get, options, send};

const SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots/openapi.json");

#[tokio::test]
async fn the_served_document_is_the_checked_in_one() {
    let app = server::router(options(), content());
    let (status, h, served) = send(&app, get("/api/v1/openapi.json")).await;
    assert!(status.is_success());
    assert_eq!(h[header::CONTENT_TYPE], "application/json");
    assert!(h.contains_key(header::ETAG));
    let doc: Value = serde_json::from_str(&served).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(SNAPSHOT, &served).unwrap();
    }
    let checked_in = std::fs::read_to_string(SNAPSHOT).unwrap_or_default();
    assert!(
        checked_in == served,
        "the API's OpenAPI document changed. If the change is intended (within v1: additive \
         only), update the checked-in copy with\n\n    UPDATE_OPENAPI=1 cargo test -p server \
         --test api_contract\n\nand commit server/tests/snapshots/openapi.json."
    );
}

/// A real request for every operation, answered with success and with each error the
/// document lists that can be provoked with the bundled content.
fn samples() -> Vec<(&'static str, &'static str, Request<Body>)> {
    let post = |path: &str, content_type: &str, body: &str| {
        Request::post(path)
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let j = "application/json";
    vec![
        ("/api/v1/articles", "get", get("/api/v1/articles?limit=2")),
        ("/api/v1/articles", "get", get("/api/v1/articles?limit=0")),
        (
            "/api/v1/articles",
            "get",
            get("/api/v1/articles?cursor=0.0"),
        ),
        (
            "/api/v1/articles/{slug}",
            "get",
            get("/api/v1/articles/cbt"),
        ),
        (
            "/api/v1/articles/{slug}",
            "get",
            get("/api/v1/articles/no-such"),
        ),
        ("/api/v1/paradigms", "get", get("/api/v1/paradigms")),
        ("/api/v1/tags/{tag}", "get", get("/api/v1/tags/modality")),
        ("/api/v1/tags/{tag}", "get", get("/api/v1/tags/no-such")),
        ("/api/v1/quizzes", "get", get("/api/v1/quizzes")),
        (
            "/api/v1/quizzes/{id}",
            "get",
            get("/api/v1/quizzes/cbt-basics"),
        ),
        (
            "/api/v1/quizzes/{id}",
            "get",
            get("/api/v1/quizzes/no-such"),
        ),
        ("/api/v1/finder", "get", get("/api/v1/finder")),
        ("/api/v1/glossary", "get", get("/api/v1/glossary")),
        ("/api/v1/compare", "get", get("/api/v1/compare")),
        ("/api/v1/prepare", "get", get("/api/v1/prepare")),
        ("/api/v1/pages/{slug}", "get", get("/api/v1/pages/crisis")),
        ("/api/v1/pages/{slug}", "get", get("/api/v1/pages/no-such")),
        ("/api/v1/crisis", "get", get("/api/v1/crisis")),
        (
            "/api/v1/search",
            "get",
            get("/api/v1/search?q=family%20therapy"),
        ),
        ("/api/v1/search", "get", get("/api/v1/search")),
        ("/api/v1/bundle", "get", get("/api/v1/bundle")),
        ("/api/v1/openapi.json", "get", get("/api/v1/openapi.json")),
        (
            "/api/v1/quizzes/{id}/score",
            "post",
            post(
                "/api/v1/quizzes/cbt-basics/score",
                j,
                r#"{"answers":[[0],[1]]}"#,
            ),
        ),
        (
            "/api/v1/quizzes/{id}/score",
            "post",
            post("/api/v1/quizzes/no-such/score", j, r#"{"answers":[]}"#),
        ),
        (
            "/api/v1/quizzes/{id}/score",
            "post",
            post(
                "/api/v1/quizzes/cbt-basics/score",
                j,
                r#"{"answers":[[99]]}"#,
            ),
        ),
        (
            "/api/v1/quizzes/{id}/score",
            "post",
            post("/api/v1/quizzes/cbt-basics/score", j, "{"),
        ),
        (
            "/api/v1/quizzes/{id}/score",
            "post",
            post("/api/v1/quizzes/cbt-basics/score", "text/plain", "{}"),
        ),
        (
            "/api/v1/finder/score",
            "post",
            post("/api/v1/finder/score", j, "{}"),
        ),
        (
            "/api/v1/finder/score",
            "post",
            post("/api/v1/finder/score", j, r#"{"ratings":{"x":1}}"#),
        ),
        (
            "/api/v1/finder/score",
            "post",
            post("/api/v1/finder/score", j, "nope"),
        ),
        (
            "/api/v1/finder/score",
            "post",
            post("/api/v1/finder/score", j, &" ".repeat(70_000)),
        ),
    ]
}

/// Objects with listed properties may have no others: an answer carrying a field
/// the document does not describe fails validation too.
fn closed(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            map.values_mut().for_each(closed);
        }
        Value::Array(items) => items.iter_mut().for_each(closed),
        _ => {}
    }
}

/// A validator for `schema` (a `$ref` or an inline schema) with the document's
/// components beside it, so that `#/components/schemas/…` references resolve.
fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let mut components = doc["components"].clone();
    closed(&mut components);
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "components": components,
        "allOf": [schema],
    });
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&root)
        .unwrap_or_else(|e| panic!("schema {schema}: {e}"))
}

#[tokio::test]
async fn every_endpoint_answers_as_the_document_says() {
    let app = server::router(options(), content());
    let (_, _, text) = send(&app, get("/api/v1/openapi.json")).await;
    let doc: Value = serde_json::from_str(&text).unwrap();
    let operations: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .filter(|m| ["get", "post", "put", "delete", "patch"].contains(&m.as_str()))
                .map(move |m| (path.clone(), m.clone()))
        })
        .collect();
    let mut covered = BTreeSet::new();
    let mut statuses = BTreeSet::new();
    for (path, method, request) in samples() {
        let uri = request.uri().to_string();
        let (status, h, body) = send(&app, request).await;
        let operation = &doc["paths"][path][method];
        assert!(
            operation.is_object(),
            "{method} {path} is not in the document"
        );
        let response = &operation["responses"][status.as_str()];
        assert!(
            response.is_object(),
            "{method} {uri}: {status} is not documented"
        );
        let content_type = h[header::CONTENT_TYPE].to_str().unwrap();
        let media = &response["content"][content_type];
        assert!(
            media.is_object(),
            "{method} {uri}: {status} {content_type} is not documented"
        );
        let instance: Value = serde_json::from_str(&body).unwrap();
        if let Some(schema) = media.get("schema") {
            let v = validator(&doc, schema);
            let errors: Vec<String> = v
                .iter_errors(&instance)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .take(5)
                .collect();
            assert!(errors.is_empty(), "{method} {uri} ({status}): {errors:#?}");
        } else {
            assert_eq!(path, "/api/v1/openapi.json", "{method} {uri}: no schema");
        }
        covered.insert((path.to_string(), method.to_string()));
        statuses.insert(status.as_u16());
    }
    let missing: Vec<_> = operations.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "operations without a sample request: {missing:?}"
    );
    for s in [200, 400, 404, 413, 415, 422] {
        assert!(statuses.contains(&s), "no sample answered {s}");
    }
}

#[test]
fn a_response_missing_a_required_field_fails_validation() {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(SNAPSHOT).unwrap()).unwrap();
    let v = validator(&doc, &json!({"$ref": "#/components/schemas/ArticleList"}));
    let good = json!({"content_version": "x", "total": 0, "articles": [], "next_cursor": null});
    assert!(v.is_valid(&good));
    assert!(!v.is_valid(&json!({"total": 0, "articles": []})));
    assert!(!v.is_valid(&json!({"content_version": "x", "total": "many", "articles": []})));
    let extra = json!({"content_version": "x", "total": 0, "articles": [], "undocumented": 1});
    assert!(!v.is_valid(&extra));
}
