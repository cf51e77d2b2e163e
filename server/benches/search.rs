//! Where a search page's time goes: the engine alone (per query kind), the search
//! page through the whole router, and for comparison the article page rendered
//! without the page cache (a query string bypasses it) and served from it.
//!
//!     cargo bench -p server --bench search
//!
//! `PATHWAYS_BENCH_ROUNDS` (default 300) changes how many times each is timed;
//! `PATHWAYS_BENCH_ONLY=page` times only the rows whose label holds "page" (for a
//! profiler: `perf record` on the bench binary).
//! Prints one Markdown table of mean and p99 per request on one thread.

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use server::content::store::ContentStore;
use std::time::{Duration, Instant};
use tower::ServiceExt;

fn stats(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let mean = times.iter().sum::<Duration>() / times.len().max(1) as u32;
    let p99 = times[(times.len() * 99 / 100).min(times.len() - 1)];
    (mean, p99)
}

fn row(label: &str, times: Vec<Duration>) {
    let (mean, p99) = stats(times);
    println!(
        "| {label} | {:.0} µs | {:.0} µs | {:.0} |",
        mean.as_secs_f64() * 1e6,
        p99.as_secs_f64() * 1e6,
        1.0 / mean.as_secs_f64()
    );
}

async fn get(app: &axum::Router, uri: &str) -> usize {
    let response = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "{uri}: {}",
        response.status()
    );
    response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .len()
}

fn main() {
    let rounds: usize = std::env::var("PATHWAYS_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let only = std::env::var("PATHWAYS_BENCH_ONLY").unwrap_or_default();
    let (store, errors) = ContentStore::open(concat!(env!("CARGO_MANIFEST_DIR"), "/../content"));
    assert!(errors.is_empty(), "{errors:?}");
    println!("| what (one thread) | mean | p99 | per second |");
    println!("|---|---|---|---|");
    for q in [
        "family therapy",
        "famly therapy",
        "cgnitive",
        "which therapy is right for me",
        "crisis",
    ] {
        if !format!("engine: “{q}”").contains(&only) {
            continue;
        }
        let mut times = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            let t = Instant::now();
            std::hint::black_box(store.search(q, app::routes::search::SEARCH_LIMIT));
            times.push(t.elapsed());
        }
        row(&format!("engine: “{q}”"), times);
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let options = LeptosOptions::builder()
        .output_name("pathways")
        .site_root("target/site")
        .build();
    let app = server::router(options, store);
    rt.block_on(async {
        for (label, uri) in [
            ("search page “family therapy”", "/search?q=family+therapy"),
            ("search page, empty", "/search"),
            (
                "`GET /api/v1/search?q=family+therapy`",
                "/api/v1/search?q=family+therapy",
            ),
            (
                "article page, rendered (no cache)",
                "/articles/cbt?uncached=1",
            ),
            ("article page, from the page cache", "/articles/cbt"),
            ("`GET /api/v1/bundle` (identity)", "/api/v1/bundle"),
        ] {
            if !label.contains(&only) {
                continue;
            }
            get(&app, uri).await;
            let mut times = Vec::with_capacity(rounds);
            for _ in 0..rounds {
                let t = Instant::now();
                std::hint::black_box(get(&app, uri).await);
                times.push(t.elapsed());
            }
            row(label, times);
        }
    });
}
