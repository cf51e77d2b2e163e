//! The Pathways server: `server` serves the site, `server check [DIR]` validates a
//! content tree and exits non-zero when it has a problem.

use std::process::ExitCode;

mod check;

/// mimalloc instead of the system's allocator: a search page or an article rendered per
/// request allocates and frees thousands of small strings (`.ci/bench` measures it).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => check::run(&args[1..]),
        Some("serve") | None => serve().await,
        Some("--help" | "-h" | "help") => {
            println!(
                "usage: server [serve]        serve the site (PATHWAYS_CONTENT_DIR, LEPTOS_SITE_ADDR)"
            );
            println!(
                "       server check [--strict] [DIR]  validate a content tree (default: content)"
            );
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("unknown command `{other}`; try `server --help`");
            ExitCode::from(2)
        }
    }
}

async fn serve() -> ExitCode {
    let _log = server::init_logging();
    let conf = match leptos::prelude::get_configuration(None) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot read the Leptos configuration: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut options = conf.leptos_options;
    // cargo-leptos sets LEPTOS_HASH_FILES when it runs the server. A release binary
    // started on its own (a deployment) finds the hash file written beside it, so its
    // pages still link the hashed CSS, JS and WASM instead of names that do not exist.
    if std::env::var_os("LEPTOS_HASH_FILES").is_none()
        && let Ok(exe) = std::env::current_exe()
        && exe.with_file_name(options.hash_file.as_ref()).is_file()
    {
        options.hash_files = true;
    }
    let addr = options.site_addr;
    let content_dir = std::env::var("PATHWAYS_CONTENT_DIR").unwrap_or_else(|_| "content".into());
    // The watcher is armed before the first load, so no edit made meanwhile is lost.
    let (store, _watcher) = server::open_content(&content_dir);
    let app = server::router(options, store);
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    tracing::info!("Pathways on http://{addr} (content from {content_dir})");
    server::serve::run(listener, app, server::serve::shutdown_signal()).await;
    tracing::info!("stopped");
    ExitCode::SUCCESS
}
