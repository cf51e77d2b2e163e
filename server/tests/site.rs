//! The whole router in-process: pages, status codes, headers, caching, form posts.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use support::{get, post_form};
use tower::ServiceExt;

async fn send(req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    support::send(&support::app(), req).await
}

fn app() -> axum::Router {
    support::app()
}

#[tokio::test]
async fn home_lists_articles() {
    let (status, headers, body) = send(get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Find your preferences"));
    assert!(
        body.contains(r#"href="/crisis""#),
        "crisis link on every page"
    );
    assert!(headers.get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn article_has_head_and_body() {
    let (status, _, body) = send(get("/articles/cbt")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<title>Cognitive behavioural therapy (CBT) · Pathways</title>"));
    assert!(body.contains(r#"<meta name="description""#));
    assert!(body.contains("not a diagnosis") || body.contains("not treatment"));
    // Table of contents: a subsection is nested under its section, not numbered as one.
    let toc = &body[body.find(r#"class="toc""#).expect("toc")..];
    let toc = &toc[..toc.find("</nav>").unwrap()];
    assert!(
        toc.contains(
            r##"What a session looks like</a><ul><li><a href="#a-made-up-illustration">"##
        ),
        "{toc}"
    );
}

#[tokio::test]
async fn unknown_pages_are_404() {
    for path in ["/articles/nope", "/quizzes/nope", "/no/such/page"] {
        let (status, _, body) = send(get(path)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(body.contains("Page not found"), "{path}");
    }
}

#[tokio::test]
async fn pages_are_compressed() {
    for encoding in ["br", "gzip"] {
        let req = Request::get("/articles/cbt")
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap();
        let res = app().oneshot(req).await.unwrap();
        assert_eq!(res.headers()[header::CONTENT_ENCODING], encoding);
    }
}

#[tokio::test]
async fn quiz_post_is_scored_and_never_cached() {
    let (status, headers, body) = send(post_form("/quizzes/cbt-basics", "q0=0&q1=0")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert!(body.contains("You got "), "score shown");
    assert!(body.contains(r#"data-test="feedback""#));
}

#[tokio::test]
async fn bad_quiz_posts_get_4xx_with_a_reason() {
    let (status, _, body) = send(post_form("/quizzes/cbt-basics", "q0=banana")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("question 1 has no such option"), "{body}");
    let (status, _, _) = send(post_form("/quizzes/cbt-basics", "evil=1")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = send(post_form("/quizzes/nope", "q0=0")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let req = Request::post("/quizzes/cbt-basics")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("q0=0"))
        .unwrap();
    let (status, _, _) = send(req).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let big = format!("q0={}", "1".repeat(4 * 1024 * 1024));
    let (status, _, _) = send(post_form("/quizzes/cbt-basics", &big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn every_page_type_renders() {
    for path in [
        "/paradigms",
        "/tags/modality",
        "/glossary",
        "/search?q=anxiety",
        "/preferences",
        "/prepare",
        "/summary",
        "/about",
        "/privacy",
        "/crisis",
        "/quizzes",
    ] {
        let (status, _, body) = send(get(path)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(body.contains(r#"href="/crisis""#), "{path}: crisis link");
        assert!(body.contains(r#"rel="canonical""#), "{path}: canonical");
    }
    let (status, _, _) = send(get("/tags/no-such-tag")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn search_api_is_json_ranked_and_bounded() {
    let (status, headers, body) = send(get("/api/v1/search?q=exposure")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["hits"][0]["slug"], "exposure-therapy");
    let long = "a".repeat(5000);
    let (status, _, body) = send(get(&format!("/api/v1/search?q={long}"))).await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["query"].as_str().unwrap().len(), 200);
}

#[tokio::test]
async fn sitemap_and_robots() {
    let (status, _, xml) = send(get("/sitemap.xml")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        xml.contains("<loc>http://127.0.0.1:3000/articles/cbt</loc>"),
        "{xml}"
    );
    let (_, _, robots) = send(get("/robots.txt")).await;
    assert!(robots.contains("Sitemap: http://127.0.0.1:3000/sitemap.xml"));
}

#[tokio::test]
async fn finder_post_scores_and_forgets() {
    let (status, headers, body) = send(post_form(
        "/preferences",
        "r.who-chooses-topics=3&c.format=video",
    ))
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert!(body.contains(r#"data-test="profile""#));
    assert!(body.contains("This is not a diagnosis."));
    // The next step carries the answers in the form, not on the server.
    assert!(
        body.contains(r#"type="hidden" name="r.who-chooses-topics" value="3""#),
        "carried"
    );
    let (status, _, body) = send(post_form(
        "/summary",
        "r.who-chooses-topics=3&p.you=Walking%20my%20dog",
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Walking my dog"));
    for bad in [
        "r.who-chooses-topics=9",
        "r.nope=1",
        "c.format=fax",
        "p.nope=x",
        "name=x",
    ] {
        let (status, _, body) = send(post_form("/preferences", bad)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(
            body.contains("This form could not be read"),
            "{bad}: {body}"
        );
    }
}

/// Development builds (as tests are) show the problems of the load on every page,
/// from the same per-request content context the pages read; the bundled content has
/// none, so no panel there.
#[tokio::test]
async fn content_problems_show_on_every_page_in_development_builds() {
    let (_, _, clean) = send(get("/")).await;
    assert!(!clean.contains("dev-problems"), "no panel without problems");

    let broken = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/invalid/unknown-key"
    );
    let (store, errors) = server::content::store::ContentStore::open(broken);
    assert!(!errors.is_empty());
    let app = server::router(support::options(), store);
    for path in ["/", "/glossary", "/no-such-page"] {
        let (_, _, body) = support::send(&app, get(path)).await;
        assert!(body.contains(r#"class="dev-problems""#), "{path}: {body}");
        assert!(body.contains("unknown field `titel`"), "{path}: {body}");
    }
}
