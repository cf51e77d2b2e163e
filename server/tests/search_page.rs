//! The search page offers the site tools a search asks for (the preference finder,
//! the crisis page) above the articles, in the server-rendered page that works
//! without JavaScript; and it follows the editors' `search:` phrases.

mod support;

use axum::http::{StatusCode, header};
use support::{app, copy_tree, get, options, send};

/// The HTML of the search page for `q` (already URL-encoded).
async fn search_page(q: &str) -> String {
    let (status, headers, body) = send(&app(), get(&format!("/search?q={q}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    body
}

/// The `href`s of the tools offered, in order, and where the list and the articles begin.
fn tools(html: &str) -> (Vec<String>, Option<usize>, Option<usize>) {
    let list = html.find("data-test=\"search-tools\"");
    let results = html.find("data-test=\"results\"");
    let mut hrefs = Vec::new();
    if let (Some(from), Some(to)) = (list, results) {
        for card in html[from..to].split("<li").skip(1) {
            if let Some(rest) = card.split("href=\"").nth(1) {
                hrefs.push(rest.split('"').next().unwrap_or("").to_string());
            }
        }
    }
    (hrefs, list, results)
}

#[tokio::test]
async fn the_finder_is_offered_first_for_questions_about_choosing() {
    for q in [
        "which+therapy+is+right+for+me",
        "what+kind+of+therapy+should+I+choose",
        "find+a+therapist+type",
    ] {
        let html = search_page(q).await;
        let (hrefs, list, results) = tools(&html);
        assert_eq!(hrefs, ["/preferences"], "{q}");
        assert!(list < results, "{q}: the tool comes before the articles");
        assert!(html.contains(">Tool</p>"), "{q}");
        assert!(html.contains("Find your preferences"), "{q}");
    }
}

#[tokio::test]
async fn crisis_words_put_the_crisis_page_first() {
    for q in [
        "crisis",
        "suicide",
        "help+now",
        "I+want+to+kill+myself",
        "suicde",
    ] {
        let html = search_page(q).await;
        let (hrefs, ..) = tools(&html);
        assert_eq!(hrefs.first().map(String::as_str), Some("/crisis"), "{q}");
        assert!(html.contains("search-tool crisis"), "{q}");
        assert!(html.contains(">Help now</p>"), "{q}");
    }
}

#[tokio::test]
async fn other_searches_offer_no_tool() {
    for q in ["exposure", "family+therapy", "cgnitive", ""] {
        let html = search_page(q).await;
        assert!(!html.contains("data-test=\"search-tools\""), "{q}");
    }
}

#[tokio::test]
async fn editors_choose_the_phrases_in_the_content() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../content")),
        dir.path(),
    );
    let about = dir.path().join("pages/about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(
        &about,
        text.replacen("search:\n", "search:\n  - editorial independence\n", 1),
    )
    .unwrap();
    let (store, errors) = server::content::store::ContentStore::open(dir.path());
    assert!(errors.is_empty(), "{errors:?}");
    let app = server::router(options(), store);
    let (_, _, html) = send(&app, get("/search?q=editorial+independence")).await;
    assert_eq!(tools(&html).0, ["/about"]);
}

/// The results are in the page once, as HTML: the search island's props are only the
/// query and the status line (the island renders results itself only for what it
/// fetches while the reader types).
#[tokio::test]
async fn results_are_sent_once_and_the_island_gets_only_the_query_and_status() {
    let html = search_page("family+therapy").await;
    let island = html
        .split("<leptos-island")
        .find(|part| part.contains("data-component=\"SearchBox"))
        .expect("the search island");
    let props = island
        .split("data-props=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the island's props");
    let props: serde_json::Value =
        serde_json::from_str(&html_escape::decode_html_entities(props)).unwrap();
    let keys: Vec<&String> = props.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["query", "status"], "{props}");
    assert_eq!(props["query"], "family therapy");
    let status = props["status"].as_str().unwrap();
    assert!(status.ends_with("for “family therapy”"), "{status}");
    // The status the island starts with is the one the page shows.
    let shown = html
        .split("class=\"search-status\">")
        .nth(1)
        .unwrap_or_default();
    assert!(
        shown.starts_with(status),
        "{}",
        &shown[..shown.len().min(200)]
    );
    // Every result is in the page once.
    let results = &html[html.find("data-test=\"results\"").unwrap()..];
    let hrefs: Vec<&str> = results
        .split("<li class=\"card\"><h2><a href=\"")
        .skip(1)
        .filter_map(|card| card.split('"').next())
        .collect();
    assert!(hrefs.len() > 3, "{hrefs:?}");
    for href in hrefs {
        assert_eq!(html.matches(&format!("\"{href}\"")).count(), 1, "{href}");
    }
}
