//! Answers posted without JavaScript are never logged: capture every log line the
//! server writes while it handles posts and searches, and look for the answers.

mod support;

use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use server::content::store::ContentStore;
use support::LogCapture;
use tower::ServiceExt;

#[tokio::test]
async fn answers_and_queries_never_reach_the_log() {
    let log = LogCapture::start();

    let options = LeptosOptions::builder()
        .output_name("pathways")
        .site_root("target/site")
        .build();
    let (store, _) = ContentStore::open(concat!(env!("CARGO_MANIFEST_DIR"), "/../content"));
    let app = server::router(options, store);
    let secret = "Zebra7SecretNote";
    let posts = [
        ("/summary", format!("p.you={secret}&r.who-chooses-topics=3")),
        (
            "/preferences",
            "r.who-chooses-topics=-3&c.format=video".to_string(),
        ),
        ("/quizzes/cbt-basics", "q0=1&q1=1".to_string()),
    ];
    for (path, body) in posts {
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        let res = app.clone().oneshot(req).await.unwrap();
        assert!(res.status().is_success(), "{path}");
        let _ = res.into_body().collect().await;
    }
    let req = Request::get(format!("/search?q={secret}"))
        .body(Body::empty())
        .unwrap();
    let _ = app
        .clone()
        .oneshot(req)
        .await
        .unwrap()
        .into_body()
        .collect()
        .await;

    let log = log.text();
    assert!(
        log.contains("method=POST path=/summary}") && log.contains("status=200"),
        "the access log works: {log}"
    );
    assert!(
        log.contains("method=GET path=/search}"),
        "paths are logged without queries: {log}"
    );
    for needle in [secret, "who-chooses-topics", "video", "q0=", "r.", "p.you"] {
        assert!(
            !log.contains(needle),
            "`{needle}` leaked into the log:\n{log}"
        );
    }
}
