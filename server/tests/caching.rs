//! Headers per route class, the in-memory page cache, and what readers see when a
//! request panics, hangs or is sent too slowly; graceful shutdown.

mod support;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use axum::routing::get;
use server::content::store::ContentStore;
use std::time::Duration;
use support::{content, copy_tree, options, post_form, send};

fn get_req(path: &str) -> Request<Body> {
    support::get(path)
}

fn assert_security_headers(path: &str, h: &HeaderMap) {
    let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval';"),
        "{path}: {csp}"
    );
    assert!(
        !csp.contains("nonce-") && !csp.contains("unsafe-inline"),
        "{path}: {csp}"
    );
    assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
    assert_eq!(h[header::REFERRER_POLICY], "no-referrer", "{path}");
    assert!(h.contains_key("permissions-policy"), "{path}");
    assert!(h.get(header::SET_COOKIE).is_none(), "{path}");
}

/// Pages that depend only on the content: public, strong ETag, 304, identical bytes
/// on every load (no nonce), no inline script.
#[tokio::test]
async fn content_pages_are_public_with_a_strong_etag() {
    let app = server::router(options(), content());
    for path in [
        "/",
        "/articles/cbt",
        "/paradigms",
        "/tags/modality",
        "/compare",
        "/glossary",
        "/quizzes",
        "/quizzes/cbt-basics",
        "/preferences",
        "/prepare",
        "/summary",
        "/summary/share",
        "/about",
        "/privacy",
        "/crisis",
        "/sitemap.xml",
        "/articles/cbt?utm_source=x",
    ] {
        let (status, h1, body1) = send(&app, get_req(path)).await;
        let (_, h2, body2) = send(&app, get_req(path)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_security_headers(path, &h1);
        let cc = h1[header::CACHE_CONTROL].to_str().unwrap();
        assert!(cc.starts_with("public, max-age=60"), "{path}: {cc}");
        assert_eq!(body1, body2, "{path}: the same bytes for every visitor");
        let etag = h1[header::ETAG].clone();
        assert!(!etag.to_str().unwrap().starts_with("W/"), "{path}: strong");
        assert_eq!(etag, h2[header::ETAG], "{path}");
        assert!(!body1.contains("nonce"), "{path}");
        assert!(
            !body1.contains("<script>") && !body1.contains("<script nonce"),
            "{path}: no inline script"
        );
        let req = Request::get(path)
            .header(header::IF_NONE_MATCH, etag)
            .body(Body::empty())
            .unwrap();
        let (status, h, body) = send(&app, req).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(body.is_empty(), "{path}");
        assert!(h.contains_key(header::ETAG), "{path}");
    }
    let (_, a, _) = send(&app, get_req("/articles/cbt")).await;
    let (_, b, _) = send(&app, get_req("/articles/exposure-therapy")).await;
    assert_ne!(a[header::ETAG], b[header::ETAG]);
}

/// What a reader typed or chose is never stored by any cache, and never in a header.
#[tokio::test]
async fn reader_input_is_never_cacheable() {
    let app = server::router(options(), content());
    let secret = "ZebraPrivateWords";
    for req in [
        get_req("/search"),
        get_req(&format!("/search?q={secret}")),
        get_req(&format!("/api/v1/search?q={secret}")),
        post_form("/quizzes/cbt-basics", "q0=0"),
        post_form("/preferences", "r.who-chooses-topics=3"),
        post_form("/prepare", &format!("p.you={secret}")),
        post_form("/summary", &format!("p.you={secret}")),
    ] {
        let what = format!("{} {}", req.method(), req.uri());
        let (status, h, _) = send(&app, req).await;
        assert!(status.is_success(), "{what}: {status}");
        assert_eq!(h[header::CACHE_CONTROL], "no-store", "{what}");
        assert!(h.get(header::ETAG).is_none(), "{what}");
        assert!(h.get(header::LOCATION).is_none(), "{what}");
        for (name, value) in &h {
            assert!(
                !value.to_str().unwrap_or("").contains(secret),
                "{what}: {name} echoes the input"
            );
        }
        assert_security_headers(&what, &h);
    }
}

#[tokio::test]
async fn islands_load_from_a_hashed_file_and_reading_pages_ship_only_the_site_script() {
    let app = server::router(options(), content());
    let (_, _, article) = send(&app, get_req("/articles/cbt")).await;
    // The one script of a reading page is the small site script (tests/offline.rs).
    assert_eq!(
        article.matches("<script").count(),
        1,
        "an article loads one file"
    );
    assert!(article.contains(r#"<script type="module" src="/pkg/site."#));
    assert!(!article.contains(".wasm") && !article.contains("/pkg/islands"));
    let (_, _, quiz) = send(&app, get_req("/quizzes/cbt-basics")).await;
    assert!(quiz.contains("<leptos-island"));
    let src = quiz
        .split(r#"<script type="module" src=""#)
        .filter_map(|s| s.split('"').next())
        .find(|s| s.starts_with("/pkg/islands."))
        .expect("the quiz loads its bootstrap file");
    assert!(
        src.starts_with("/pkg/islands.") && src.ends_with(".js"),
        "{src}"
    );
    assert!(quiz.contains(r#"rel="modulepreload" href="/pkg/pathways"#));
    let (status, h, js) = send(&app, get_req(src)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        h[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert_eq!(
        h[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert!(js.contains("leptos-island") && js.contains(".wasm"));
}

#[tokio::test]
async fn errors_are_not_cached() {
    let app = server::router(options(), content());
    let (status, h, body) = send(&app, get_req("/articles/no-such-article")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(h[header::CACHE_CONTROL], "no-store");
    assert!(body.contains(r#"href="/crisis""#));
    // A method a page does not take: a styled page, not axum's empty 405.
    let req = Request::delete("/articles/cbt")
        .body(Body::empty())
        .unwrap();
    let (status, h, body) = send(&app, req).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(h[header::CACHE_CONTROL], "no-store");
    assert!(body.contains(r#"href="/crisis""#), "{body}");
    assert_security_headers("DELETE", &h);
}

/// A page is rendered once per content version: the cache serves it until the
/// content changes, then renders the new version.
#[tokio::test]
async fn pages_are_rendered_once_per_content_version() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../content")),
        dir.path(),
    );
    let (store, errors) = ContentStore::open(dir.path());
    assert!(errors.is_empty(), "{errors:?}");
    let app = server::router(options(), store.clone());
    let (_, h1, before) = send(&app, get_req("/articles/cbt")).await;
    assert!(!before.contains("Freshly edited sentence"));
    let file = dir.path().join("articles/cbt.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\n\nFreshly edited sentence.\n")).unwrap();
    // Unchanged content: the very same answer.
    let (_, h2, again) = send(&app, get_req("/articles/cbt")).await;
    assert_eq!(before, again);
    assert_eq!(h1[header::ETAG], h2[header::ETAG]);
    assert!(store.reload().is_empty());
    let (_, h3, after) = send(&app, get_req("/articles/cbt")).await;
    assert!(
        after.contains("Freshly edited sentence"),
        "new version served"
    );
    assert_ne!(h1[header::ETAG], h3[header::ETAG]);
}

/// A panic while answering: a styled 500 with the security headers, and the server
/// keeps answering.
#[tokio::test]
async fn a_panic_becomes_a_styled_500_with_security_headers() {
    let extra = Router::new().route(
        "/boom",
        get(|| async {
            if std::hint::black_box(true) {
                panic!("a bug");
            }
            "unreachable"
        }),
    );
    let app = server::router_with(options(), content(), extra);
    let (status, h, body) = send(&app, get_req("/boom")).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_security_headers("/boom", &h);
    assert_eq!(h[header::CACHE_CONTROL], "no-store");
    assert!(body.contains("Something went wrong"), "{body}");
    assert!(body.contains(r#"href="/crisis""#));
    assert!(!body.contains("a bug"), "the panic's text is not shown");
    let (status, _, _) = send(&app, get_req("/articles/cbt")).await;
    assert_eq!(status, StatusCode::OK);
}

/// A request that hangs is answered 503 with a page when its time is up.
#[tokio::test(start_paused = true)]
async fn a_hung_request_times_out_with_a_page() {
    let extra = Router::new().route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            "late"
        }),
    );
    let app = server::router_with(options(), content(), extra);
    let (status, h, body) = send(&app, get_req("/slow")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(h[header::CACHE_CONTROL], "no-store");
    assert!(body.contains("took too long"), "{body}");
    assert_security_headers("/slow", &h);
}

/// A client that sends its headers too slowly (slowloris) is cut off, while a normal
/// client is served at the same time; on shutdown a request in flight finishes.
#[tokio::test]
async fn slow_headers_are_cut_off_and_shutdown_drains() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let extra = Router::new().route(
        "/wait",
        get(|| async {
            tokio::time::sleep(Duration::from_millis(400)).await;
            "finished"
        }),
    );
    let app = server::router_with(options(), content(), extra);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let limits = server::serve::Limits {
        header_read_timeout: Duration::from_millis(300),
        drain_timeout: Duration::from_secs(5),
    };
    let server = tokio::spawn(server::serve::run_with(
        listener,
        app,
        async {
            let _ = stopped.await;
        },
        limits,
    ));

    // Half-sent headers: the server closes the connection after the timeout.
    let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "the slow client was not cut off");
    assert!(started.elapsed() >= Duration::from_millis(250));

    // A normal request is served.
    let mut ok = tokio::net::TcpStream::connect(addr).await.unwrap();
    ok.write_all(b"GET /robots.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    ok.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    // A request in flight when shutdown starts still gets its answer.
    let mut inflight = tokio::net::TcpStream::connect(addr).await.unwrap();
    inflight
        .write_all(b"GET /wait HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.send(()).unwrap();
    let mut answer = String::new();
    inflight.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("finished"), "{answer}");
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("the server stops after draining")
        .unwrap();
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "no longer accepting"
    );
}
