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
