//! The JSON API (`/api/v1`): read endpoints with the content version, ETags and 304s,
//! paging, the offline bundle, stateless scoring by the pages' own scoring code,
//! problem+json errors that echo nothing, and CORS.

mod support;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use serde_json::Value;
use server::content::store::ContentStore;
use support::{content, get, options, send};

const PAGE_CACHE: &str = "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400";

async fn get_json(app: &Router, path: &str) -> (StatusCode, HeaderMap, Value) {
    let (status, headers, body) = send(app, get(path)).await;
    let value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"));
    (status, headers, value)
}

fn post_json(path: &str, body: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// Every read endpoint of the bundled content, with a real id where one is needed.
const READS: [&str; 15] = [
    "/api/v1/articles",
    "/api/v1/articles?limit=3",
    "/api/v1/articles/cbt",
    "/api/v1/paradigms",
    "/api/v1/tags/modality",
    "/api/v1/quizzes",
    "/api/v1/quizzes/cbt-basics",
    "/api/v1/finder",
    "/api/v1/glossary",
    "/api/v1/compare",
    "/api/v1/prepare",
    "/api/v1/pages/crisis",
    "/api/v1/pages/about",
    "/api/v1/crisis",
    "/api/v1/bundle",
];

#[tokio::test]
async fn reads_carry_the_content_version_a_strong_etag_and_answer_304() {
    let app = server::router(options(), content());
    let (_, _, bundle) = get_json(&app, "/api/v1/bundle").await;
    let version = bundle["content_version"].as_str().unwrap().to_string();
    assert_eq!(version.len(), 32, "{version}");
    for path in READS {
        let (status, h, body) = get_json(&app, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(h[header::CONTENT_TYPE], "application/json", "{path}");
        assert_eq!(body["content_version"], version.as_str(), "{path}");
        assert_eq!(h["x-content-version"], version.as_str(), "{path}");
        assert_eq!(h[header::CACHE_CONTROL], PAGE_CACHE, "{path}");
        let etag = h[header::ETAG].to_str().unwrap().to_string();
        assert!(
            etag.starts_with('"') && !etag.starts_with("W/"),
            "{path}: {etag}"
        );
        let revalidate = Request::get(path)
            .header(header::IF_NONE_MATCH, &etag)
            .body(Body::empty())
            .unwrap();
        let (status, h304, body) = send(&app, revalidate).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(body.is_empty(), "{path}");
        assert_eq!(h304[header::ETAG], etag.as_str(), "{path}");
        let other = Request::get(path)
            .header(header::IF_NONE_MATCH, "\"something-else\"")
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(&app, other).await.0, StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn the_bundle_holds_everything_and_its_etag_is_the_content_version() {
    let store = content();
    let library = store.current();
    let app = server::router(options(), store);
    let (status, h, bundle) = get_json(&app, "/api/v1/bundle").await;
    assert_eq!(status, StatusCode::OK);
    let version = bundle["content_version"].as_str().unwrap();
    assert_eq!(h[header::ETAG], format!("\"{version}\"").as_str());
    let slugs: Vec<&str> = bundle["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        slugs,
        library.order.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert!(
        bundle["articles"][0]["html"]
            .as_str()
            .unwrap()
            .contains("<p>")
    );
    assert_eq!(
        bundle["quizzes"].as_array().unwrap().len(),
        library.quizzes.len()
    );
    assert_eq!(
        bundle["glossary"].as_array().unwrap().len(),
        library.glossary.len()
    );
    assert_eq!(
        bundle["pages"].as_array().unwrap().len(),
        library.pages.len()
    );
    assert_eq!(
        bundle["finder"]["items"].as_array().unwrap().len(),
        library.finder.as_ref().unwrap().items.len()
    );
    assert!(bundle["compare"]["aspects"].is_array() && bundle["prepare"]["questions"].is_array());
    assert_eq!(
        bundle["tags"].as_object().unwrap().len(),
        library.tags.len()
    );
}

#[tokio::test]
async fn the_content_version_is_deterministic_and_follows_edits() {
    let a = server::router(options(), content());
    let b = server::router(options(), content());
    let (_, _, va) = get_json(&a, "/api/v1/glossary").await;
    let (_, _, vb) = get_json(&b, "/api/v1/glossary").await;
    assert_eq!(va["content_version"], vb["content_version"]);

    let dir = tempfile::tempdir().unwrap();
    support::copy_tree(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../content")),
        dir.path(),
    );
    let (store, errors) = ContentStore::open(dir.path());
    assert!(errors.is_empty(), "{errors:?}");
    let app = server::router(options(), store.clone());
    let (_, h1, first) = get_json(&app, "/api/v1/articles?limit=2").await;
    assert_eq!(first["content_version"], va["content_version"]);
    let cursor = first["next_cursor"].as_str().unwrap().to_string();

    let glossary = dir.path().join("glossary.yaml");
    let text = std::fs::read_to_string(&glossary).unwrap();
    let edited = text.replacen("definition: ", "definition: Edited. ", 1);
    assert_ne!(edited, text);
    std::fs::write(&glossary, edited).unwrap();
    assert!(store.reload().is_empty());

    let (_, h2, second) = get_json(&app, "/api/v1/articles?limit=2").await;
    assert_ne!(second["content_version"], first["content_version"]);
    assert_ne!(h2[header::ETAG], h1[header::ETAG]);
    let (status, h, stale) =
        get_json(&app, &format!("/api/v1/articles?limit=2&cursor={cursor}")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(h[header::CONTENT_TYPE], "application/problem+json");
    assert_eq!(stale["type"], "/api#problem-stale-cursor");
}

#[tokio::test]
async fn articles_page_through_the_whole_library_in_reading_order() {
    let store = content();
    let order = store.current().order.clone();
    let app = server::router(options(), store);
    let mut seen = Vec::new();
    let mut path = "/api/v1/articles?limit=7".to_string();
    loop {
        let (status, _, page) = get_json(&app, &path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(page["total"], order.len());
        let items = page["articles"].as_array().unwrap();
        assert!(items.len() <= 7);
        for a in items {
            for field in [
                "slug",
                "title",
                "summary",
                "tags",
                "updated",
                "reading_minutes",
            ] {
                assert!(!a[field].is_null(), "{field}");
            }
            seen.push(a["slug"].as_str().unwrap().to_string());
        }
        match page["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/articles?limit=7&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen, order);
    let (_, _, all) = get_json(&app, "/api/v1/articles").await;
    assert_eq!(
        all["articles"].as_array().unwrap().len(),
        order.len().min(50)
    );
    for bad in [
        "limit=0",
        "limit=201",
        "limit=ten",
        "cursor=nonsense",
        "cursor=abc.zz",
    ] {
        let (status, h, problem) = get_json(&app, &format!("/api/v1/articles?{bad}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(h[header::CONTENT_TYPE], "application/problem+json", "{bad}");
        assert_eq!(problem["type"], "/api#problem-invalid-query", "{bad}");
        assert_eq!(h[header::CACHE_CONTROL], "no-store", "{bad}");
    }
}

#[tokio::test]
async fn an_article_comes_whole_with_toc_related_and_glossary_terms() {
    let store = content();
    let library = store.current();
    let app = server::router(options(), store);
    let (_, _, body) = get_json(&app, "/api/v1/articles/cbt").await;
    let a = &body["article"];
    let model = &library.articles["cbt"];
    assert_eq!(a["title"], model.title.as_str());
    assert_eq!(a["html"], model.html.as_str());
    assert_eq!(a["toc"].as_array().unwrap().len(), model.toc.len());
    assert_eq!(a["sources"].as_array().unwrap().len(), model.sources.len());
    let related: Vec<&str> = a["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        related,
        library.related["cbt"]
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    let terms = a["glossary_terms"].as_array().unwrap();
    assert!(!terms.is_empty(), "cbt links glossary terms");
    for t in terms {
        let id = t["id"].as_str().unwrap();
        assert!(model.html.contains(&format!("/glossary#{id}")), "{id}");
        assert!(
            library
                .glossary
                .iter()
                .any(|g| g.id == id && g.term == t["term"])
        );
    }
    assert_eq!(a["quiz"], "cbt-basics");
    let (_, _, paradigms) = get_json(&app, "/api/v1/paradigms").await;
    let families = paradigms["paradigms"].as_array().unwrap();
    assert_eq!(families.len(), library.articles_tagged("paradigm").len());
    let cbt_family = families
        .iter()
        .find(|p| p["article"]["slug"] == model.paradigm.as_deref().unwrap())
        .expect("cbt's paradigm is listed");
    assert!(
        cbt_family["approaches"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["slug"] == "cbt")
    );
}

#[tokio::test]
async fn unknown_addresses_are_problems_that_echo_nothing() {
    let app = server::router(options(), content());
    for (path, status) in [
        ("/api/v1/articles/zz-marker-zz", StatusCode::NOT_FOUND),
        ("/api/v1/tags/zz-marker-zz", StatusCode::NOT_FOUND),
        ("/api/v1/quizzes/zz-marker-zz", StatusCode::NOT_FOUND),
        ("/api/v1/pages/zz-marker-zz", StatusCode::NOT_FOUND),
        ("/api/v1/zz-marker-zz", StatusCode::NOT_FOUND),
        ("/api/v1/articles/cbt/zz-marker-zz", StatusCode::NOT_FOUND),
        ("/api/v1/zz-marker-zz/", StatusCode::NOT_FOUND),
        ("/api/v1", StatusCode::NOT_FOUND),
        ("/api/v1/", StatusCode::NOT_FOUND),
    ] {
        let (got, h, body) = send(&app, get(path)).await;
        assert_eq!(got, status, "{path}");
        assert_eq!(
            h[header::CONTENT_TYPE],
            "application/problem+json",
            "{path}"
        );
        assert_eq!(h[header::CACHE_CONTROL], "no-store", "{path}");
        assert!(!body.contains("zz-marker-zz"), "{path}: {body}");
        let p: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(p["type"], "/api#problem-not-found");
        assert_eq!(p["status"], 404);
    }
    let (status, h, body) = send(&app, get("/api/v1/finder/score")).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(h[header::CONTENT_TYPE], "application/problem+json");
    assert!(body.contains("/api#problem-method-not-allowed"));
    assert_eq!(h[header::ALLOW], "POST");
    let (status, _, _) = send(&app, post_json("/api/v1/articles", "{}")).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn search_is_in_the_api_and_never_stored() {
    let app = server::router(options(), content());
    let (status, h, body) = get_json(&app, "/api/v1/search?q=cognitive").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h[header::CACHE_CONTROL], "no-store");
    assert!(h.get(header::ETAG).is_none());
    assert!(
        body["hits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["slug"] == "cbt")
    );
    assert!(
        body["content_version"]
            .as_str()
            .is_some_and(|v| v.len() == 32)
    );
}

#[tokio::test]
async fn cors_lets_any_origin_read_and_score_without_credentials() {
    let app = server::router(options(), content());
    let read = Request::get("/api/v1/glossary")
        .header(header::ORIGIN, "https://partner.example")
        .body(Body::empty())
        .unwrap();
    let (_, h, _) = send(&app, read).await;
    assert_eq!(h[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert!(h.get(header::ACCESS_CONTROL_ALLOW_CREDENTIALS).is_none());
    assert!(h.get(header::SET_COOKIE).is_none());
    let exposed = h[header::ACCESS_CONTROL_EXPOSE_HEADERS]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(
        exposed.contains("etag") && exposed.contains("x-content-version"),
        "{exposed}"
    );

    let preflight = Request::options("/api/v1/finder/score")
        .header(header::ORIGIN, "https://partner.example")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
        .body(Body::empty())
        .unwrap();
    let (status, h, _) = send(&app, preflight).await;
    assert!(status.is_success(), "{status}");
    assert_eq!(h[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let methods = h[header::ACCESS_CONTROL_ALLOW_METHODS].to_str().unwrap();
    assert!(methods.contains("POST"), "{methods}");
    assert!(h.get(header::ACCESS_CONTROL_ALLOW_CREDENTIALS).is_none());

    // Pages are not opened to other origins.
    let page = Request::get("/articles/cbt")
        .header(header::ORIGIN, "https://partner.example")
        .body(Body::empty())
        .unwrap();
    let (_, h, _) = send(&app, page).await;
    assert!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
}

#[tokio::test]
async fn the_api_page_lists_every_endpoint_of_the_document() {
    let app = server::router(options(), content());
    let (status, h, html) = send(&app, get("/api")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        h[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let (_, _, doc) = get_json(&app, "/api/v1/openapi.json").await;
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 16, "{}", paths.len());
    for path in paths.keys() {
        assert!(html.contains(&format!("<code>{path}</code>")), "{path}");
    }
    assert!(html.contains("id=\"problem-not-found\""));
    assert!(html.contains("href=\"/crisis\""));
    assert!(!html.contains("<script"), "no script on the API page");
}

/// The raw body and headers of `path` fetched with `Accept-Encoding: encoding`.
async fn fetch_encoded(
    app: &Router,
    path: &str,
    encoding: &str,
) -> (StatusCode, HeaderMap, Vec<u8>) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let request = Request::get(path)
        .header(header::ACCEPT_ENCODING, encoding)
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes().to_vec();
    (parts.status, parts.headers, bytes)
}

#[tokio::test]
async fn the_bundle_is_served_compressed_once_per_version_with_the_same_etag() {
    use std::io::Read;
    let app = server::router(options(), content());
    let (_, plain_headers, plain) = fetch_encoded(&app, "/api/v1/bundle", "identity").await;
    assert!(plain_headers.get(header::CONTENT_ENCODING).is_none());
    let etag = plain_headers[header::ETAG].clone();
    for (encoding, expected) in [("br", "br"), ("gzip, deflate, br", "br"), ("gzip", "gzip")] {
        // Twice: the second answer comes from the bytes kept for this version.
        for _ in 0..2 {
            let (status, h, body) = fetch_encoded(&app, "/api/v1/bundle", encoding).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(h[header::CONTENT_ENCODING], expected, "{encoding}");
            assert_eq!(h[header::ETAG], etag);
            assert_eq!(h[header::CACHE_CONTROL], PAGE_CACHE);
            assert_eq!(h[header::CONTENT_TYPE], "application/json");
            assert!(
                h[header::VARY]
                    .to_str()
                    .unwrap()
                    .to_ascii_lowercase()
                    .contains("accept-encoding")
            );
            let mut back = Vec::new();
            if expected == "br" {
                brotli::Decompressor::new(&body[..], 4096)
                    .read_to_end(&mut back)
                    .unwrap();
            } else {
                flate2::read::GzDecoder::new(&body[..])
                    .read_to_end(&mut back)
                    .unwrap();
            }
            assert_eq!(back, plain, "{encoding}: the same bundle");
            assert!(body.len() * 3 < plain.len(), "{encoding}: compressed");
        }
    }
    // A matching validator still answers 304, whatever the encoding.
    let request = Request::get("/api/v1/bundle")
        .header(header::ACCEPT_ENCODING, "br")
        .header(header::IF_NONE_MATCH, etag)
        .body(Body::empty())
        .unwrap();
    let (status, _, body) = send(&app, request).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
}

#[tokio::test]
async fn search_offers_the_site_tools_a_query_asks_for() {
    let app = server::router(options(), content());
    let (_, h, body) = get_json(&app, "/api/v1/search?q=which+therapy+is+right+for+me").await;
    assert_eq!(h[header::CACHE_CONTROL], "no-store");
    assert_eq!(body["tools"][0]["path"], "/preferences");
    assert_eq!(body["tools"][0]["crisis"], false);
    assert!(
        body["tools"][0]["title"]
            .as_str()
            .unwrap()
            .contains("preferences")
    );
    assert!(
        !body["hits"].as_array().unwrap().is_empty(),
        "articles still follow"
    );
    for q in [
        "crisis",
        "suicide",
        "help+now",
        "I+want+to+end+my+life",
        "suicidal+family+therapy",
    ] {
        let (_, _, body) = get_json(&app, &format!("/api/v1/search?q={q}")).await;
        assert_eq!(body["tools"][0]["path"], "/crisis", "{q}");
        assert_eq!(body["tools"][0]["crisis"], true, "{q}");
    }
    for q in [
        "what+kind+of+therapy+should+I+choose",
        "find+a+therapist+type",
    ] {
        let (_, _, body) = get_json(&app, &format!("/api/v1/search?q={q}")).await;
        assert_eq!(body["tools"][0]["path"], "/preferences", "{q}");
    }
    let (_, _, body) = get_json(&app, "/api/v1/search?q=cognitive").await;
    assert_eq!(body["tools"], serde_json::json!([]));
}
