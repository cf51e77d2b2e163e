//! Throughput and latency of the API under load, against the article page: the
//! server runs in this process on a free port, and `wrk` (Debian's `wrk`, which
//! `.ci/bench` installs) drives 64 keep-alive connections at each target in turn.
//!
//!     cargo bench -p server --bench api_load
//!
//! `PATHWAYS_BENCH_SECONDS` (default 10) and `PATHWAYS_BENCH_CONNECTIONS` (default 64)
//! change the run. Prints one Markdown table.

use leptos::prelude::LeptosOptions;
use server::content::store::ContentStore;
use std::fmt::Write as _;
use std::process::Command;

/// A `wrk` run's requests per second, mean and 99th-percentile latency, and the
/// count of answers that were not 2xx or 3xx.
struct Run {
    rps: f64,
    mean: String,
    p99: String,
    failed: u64,
}

fn parse(out: &str) -> Run {
    let value = |prefix: &str| {
        out.lines()
            .map(str::trim)
            .find(|l| l.starts_with(prefix))
            .map(|l| {
                l[prefix.len()..]
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .unwrap_or_default()
    };
    Run {
        rps: value("Requests/sec:").parse().unwrap_or(0.0),
        mean: value("Latency"),
        p99: value("99%"),
        failed: value("Non-2xx or 3xx responses:").parse().unwrap_or(0),
    }
}

fn wrk(url: &str, script: Option<&std::path::Path>, secs: u64, conns: u64) -> Run {
    let mut cmd = Command::new("wrk");
    cmd.args([
        "-t2",
        &format!("-c{conns}"),
        &format!("-d{secs}s"),
        "--latency",
    ]);
    if let Some(s) = script {
        cmd.arg("-s").arg(s);
    }
    let out = cmd
        .arg(url)
        .output()
        .expect("wrk runs (apt-get install wrk)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    parse(&String::from_utf8_lossy(&out.stdout))
}

fn main() {
    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let secs = env("PATHWAYS_BENCH_SECONDS", 10);
    let conns = env("PATHWAYS_BENCH_CONNECTIONS", 64);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let (store, errors) = ContentStore::open(concat!(env!("CARGO_MANIFEST_DIR"), "/../content"));
    assert!(errors.is_empty(), "{errors:?}");
    let finder = store.current().finder.clone().expect("finder");
    let options = LeptosOptions::builder()
        .output_name("pathways")
        .site_root("target/site")
        .build();
    let app = server::router(options, store);
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = rt.spawn(server::serve::run(listener, app, async {
        let _ = stopped.await;
    }));

    // Every item rated, alternating across the scale, and the first option of each
    // choice: a full finder form.
    let mut body = String::from("{\"ratings\":{");
    for (i, item) in finder.items.iter().enumerate() {
        let _ = write!(
            body,
            "{}\"{}\":{}",
            if i > 0 { "," } else { "" },
            item.id,
            (i % 7) as i64 - 3
        );
    }
    body.push_str("},\"choices\":{");
    for (i, c) in finder.choices.iter().enumerate() {
        let _ = write!(
            body,
            "{}\"{}\":[\"{}\"]",
            if i > 0 { "," } else { "" },
            c.id,
            c.options[0].id
        );
    }
    body.push_str("}}");
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("finder.lua");
    std::fs::write(
        &script,
        format!(
            "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [[{body}]]\n"
        ),
    )
    .unwrap();

    let targets: [(&str, &str, Option<&std::path::Path>); 4] = [
        ("article page `/articles/cbt`", "/articles/cbt", None),
        ("`GET /api/v1/articles/cbt`", "/api/v1/articles/cbt", None),
        (
            "`GET /api/v1/articles?limit=50`",
            "/api/v1/articles?limit=50",
            None,
        ),
        (
            "`POST /api/v1/finder/score`",
            "/api/v1/finder/score",
            Some(&script),
        ),
    ];
    println!("{conns} connections, {secs} s each");
    println!("| target | req/s | vs page | mean | p99 | not 2xx |");
    println!("|---|---|---|---|---|---|");
    let mut page_rps = None;
    for (label, path, script) in targets {
        let run = wrk(&format!("{origin}{path}"), script, secs, conns);
        let base = *page_rps.get_or_insert(run.rps);
        println!(
            "| {label} | {:.0} | {:.2} | {} | {} | {} |",
            run.rps,
            run.rps / base,
            run.mean,
            run.p99,
            run.failed
        );
    }
    let _ = stop.send(());
    let _ = rt.block_on(serving);
}
