//! The size of the offline bundle (`GET /api/v1/bundle`) as a client receives it,
//! raw and with `Accept-Encoding: br` / `gzip` (the site's own compression layer),
//! for the bundled content and for a generated library of 5,000 articles (the
//! generator of `benches/load.rs`), and how long the bundle takes to build.
//!
//!     cargo bench -p server --bench api_bundle
//!
//! `PATHWAYS_BENCH_ARTICLES` changes the number of generated articles.

#[path = "load.rs"]
#[allow(dead_code)]
mod load;

use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use server::content::store::ContentStore;
use std::time::Instant;
use tower::ServiceExt;

fn kib(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / 1024.0 / 1024.0)
    } else {
        format!("{:.0} KiB", bytes as f64 / 1024.0)
    }
}

async fn fetch(app: &axum::Router, encoding: Option<&str>) -> usize {
    let mut request = Request::get("/api/v1/bundle");
    if let Some(e) = encoding {
        request = request.header(header::ACCEPT_ENCODING, e);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    let got = response
        .headers()
        .get(header::CONTENT_ENCODING)
        .map(|v| v.to_str().unwrap().to_string());
    assert_eq!(got.as_deref(), encoding, "content-encoding");
    response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .len()
}

async fn measure(label: &str, store: ContentStore) {
    let articles = store.current().articles.len();
    let options = LeptosOptions::builder()
        .output_name("pathways")
        .site_root("target/site")
        .build();
    let app = server::router(options, store);
    let t = Instant::now();
    let raw = fetch(&app, None).await;
    let first = t.elapsed();
    let t = Instant::now();
    let br = fetch(&app, Some("br")).await;
    let br_time = t.elapsed();
    let gzip = fetch(&app, Some("gzip")).await;
    println!(
        "| {label} | {articles} | {} | {} | {} | {first:.0?} | {br_time:.0?} |",
        kib(raw),
        kib(br),
        kib(gzip)
    );
}

fn main() {
    let n: usize = std::env::var("PATHWAYS_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    println!("| content | articles | raw | br | gzip | first answer (builds it) | br answer |");
    println!("|---|---|---|---|---|---|---|");
    rt.block_on(async {
        let (bundled, errors) =
            ContentStore::open(concat!(env!("CARGO_MANIFEST_DIR"), "/../content"));
        assert!(errors.is_empty(), "{errors:?}");
        measure("bundled", bundled).await;

        let dir = tempfile::tempdir().unwrap();
        load::generate(dir.path(), n, 60);
        let (generated, errors) = ContentStore::open(dir.path());
        if !errors.is_empty() {
            eprintln!("{} problems in the generated tree, e.g.:", errors.len());
            for e in errors.iter().take(3) {
                eprintln!("  {e}");
            }
        }
        measure("generated", generated).await;
    });
}
