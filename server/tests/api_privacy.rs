//! What apps send to the API is never logged: capture every log line the server
//! writes (at the most verbose level) while it scores, refuses and searches, and
//! look for what was sent.

mod support;

use axum::body::Body;
use axum::http::{Request, header};
use support::{LogCapture, content, options, send};

#[tokio::test]
async fn scoring_bodies_and_api_searches_never_reach_the_log() {
    let log = LogCapture::start();

    let store = content();
    let finder = store.current().finder.clone().unwrap();
    let app = server::router(options(), store);
    let secret = "Zebra7SecretAnswer";
    let item = &finder.items[0].id;
    let bodies = [
        (
            "/api/v1/finder/score",
            format!(r#"{{"ratings":{{"{item}":3}}}}"#),
            200,
        ),
        (
            "/api/v1/finder/score",
            format!(r#"{{"ratings":{{"{secret}":3}}}}"#),
            422,
        ),
        ("/api/v1/finder/score", format!(r#"{{"{secret}""#), 400),
        (
            "/api/v1/quizzes/cbt-basics/score",
            format!(r#"{{"answers":[["{secret}"]]}}"#),
            422,
        ),
        (
            "/api/v1/quizzes/cbt-basics/score",
            r#"{"answers":[[1]]}"#.to_string(),
            200,
        ),
    ];
    for (path, body, status) in bodies {
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap();
        let (got, _, answer) = send(&app, req).await;
        assert_eq!(got.as_u16(), status, "{path}: {answer}");
        assert!(!answer.contains(secret), "{path}: {answer}");
    }
    let (got, _, _) = send(&app, support::get(&format!("/api/v1/search?q={secret}"))).await;
    assert!(got.is_success());

    let log = log.text();
    assert!(
        log.contains("method=POST path=/api/v1/finder/score}") && log.contains("status=422"),
        "the access log works: {log}"
    );
    assert!(
        log.contains("method=GET path=/api/v1/search}"),
        "paths are logged without queries: {log}"
    );
    assert!(
        !log.contains(secret),
        "what was sent reached the log: {log}"
    );
}
