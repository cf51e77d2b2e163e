//! The site script, the web app manifest and the service worker (issue #13): what
//! they are served as, and that the worker's version and precache list follow the
//! content being served.

mod support;

use axum::http::{StatusCode, header};
use std::time::Duration;
use support::{content, copy_tree, get, options, send};

/// The site script's address, as every page names it.
fn site_script(html: &str) -> String {
    html.split(r#"<script type="module" src=""#)
        .filter_map(|s| s.split('"').next())
        .find(|s| s.starts_with("/pkg/site."))
        .expect("the page loads the site script")
        .to_owned()
}

/// The start tag that begins with `start`.
fn tag<'a>(html: &'a str, start: &str) -> &'a str {
    let at = html
        .find(start)
        .unwrap_or_else(|| panic!("{start} is on the page"));
    let end = html[at..].find('>').map_or(html.len(), |e| at + e + 1);
    &html[at..end]
}

/// The `PRECACHE` list of a worker.
fn precache(worker: &str) -> Vec<String> {
    let list = worker
        .split("PRECACHE = ")
        .nth(1)
        .and_then(|s| s.split(";\n").next())
        .expect("a precache list");
    serde_json::from_str(list).expect("the list is JSON")
}

fn version(worker: &str) -> String {
    worker
        .split("const VERSION = \"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a version")
        .to_owned()
}

#[tokio::test]
async fn every_page_loads_the_site_script_the_manifest_and_a_leave_link() {
    let app = server::router(options(), content());
    let mut scripts = Vec::new();
    for path in [
        "/",
        "/articles/cbt",
        "/quizzes/cbt-basics",
        "/crisis",
        "/no-such-page",
    ] {
        let (_, _, html) = send(&app, get(path)).await;
        scripts.push(site_script(&html));
        assert!(
            html.contains(r#"<link rel="manifest" href="/manifest.webmanifest">"#),
            "{path}"
        );
        let leave = tag(&html, r#"<a href="https://www.bbc.co.uk/weather""#);
        assert!(
            leave.contains(r#"class="leave-link""#) && leave.contains("data-leave"),
            "{path}: {leave}"
        );
        let notice = tag(&html, r#"<div class="update-notice""#);
        assert!(
            notice.contains(r#"role="status""#) && notice.contains("data-update-notice"),
            "{path}: {notice}"
        );
    }
    scripts.dedup();
    assert_eq!(
        scripts.len(),
        1,
        "one site script for every page: {scripts:?}"
    );
    let (status, h, js) = send(&app, get(&scripts[0])).await;
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
    assert!(js.starts_with(r#"const LEAVE_URL = "https://www.bbc.co.uk/weather";"#));
    assert!(js.contains("location.replace(LEAVE_URL)") && js.contains("/sw.js"));
    assert!(js.len() < 8 * 1024, "a small script: {} B", js.len());
}

#[tokio::test]
async fn the_manifest_and_the_worker_have_their_types_and_caching() {
    let app = server::router(options(), content());
    let (status, h, manifest) = send(&app, get("/manifest.webmanifest")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h[header::CONTENT_TYPE], "application/manifest+json");
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let public = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public");
    for icon in manifest["icons"].as_array().unwrap() {
        let src = icon["src"].as_str().unwrap();
        assert!(
            public.join(src.trim_start_matches('/')).is_file(),
            "{src} exists"
        );
    }

    let (status, h, worker) = send(&app, get("/sw.js")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        h[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert_eq!(h[header::CACHE_CONTROL], "no-cache");
    let list = precache(&worker);
    assert_eq!(list[0], "/crisis", "the crisis page comes first");
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
        "/manifest.webmanifest",
        "/favicon.svg",
    ] {
        assert!(list.iter().any(|p| p == path), "{path} is kept offline");
    }
    assert!(list.iter().any(|p| p.starts_with("/pkg/site.")));
    assert!(list.iter().any(|p| p.starts_with("/pkg/islands.")));
    assert!(list.iter().any(|p| p.ends_with(".css")));
    assert!(list.iter().any(|p| p.ends_with(".wasm")));
    // What a reader types is never kept.
    assert!(
        !list
            .iter()
            .any(|p| p.contains('?') || p.starts_with("/api/") || p == "/search")
    );
    // Every page it lists is there (files come from the built site, which these
    // tests do not build).
    for path in list.iter().filter(|p| !p.contains('.')) {
        let (status, _, _) = send(&app, get(path)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn a_content_edit_makes_a_new_worker_with_the_new_page() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    copy_tree(&root, dir.path());
    let (store, _watcher) = server::open_content(dir.path().to_str().unwrap());
    let app = server::router(options(), store.clone());
    let (_, _, before) = send(&app, get("/sw.js")).await;
    let (_, _, again) = send(&app, get("/sw.js")).await;
    assert_eq!(before, again, "the same content, the same worker");

    let article = std::fs::read_to_string(dir.path().join("articles/cbt.md")).unwrap();
    let renamed = article.replacen("title:", "title: Renamed", 1);
    std::fs::write(dir.path().join("articles/cbt.md"), &renamed).unwrap();
    let first = store.current();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::sync::Arc::ptr_eq(&first, &store.current()) {
        assert!(
            std::time::Instant::now() < deadline,
            "the edit was not picked up"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (_, _, after) = send(&app, get("/sw.js")).await;
    assert_ne!(
        version(&before),
        version(&after),
        "a new content version, a new worker"
    );
    assert_eq!(
        precache(&before),
        precache(&after),
        "the same pages and files"
    );
}
