//! How pages load their islands without any inline script: a small bootstrap file,
//! named by the hash of its text and served from `/pkg/` as immutable, and the tags
//! that load it. The tags go only into pages that contain a `<leptos-island>`, found
//! in the rendered HTML itself, so an island can never be left without its bundle
//! (and reading pages ship no script at all).

use axum::body::Bytes;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::LeptosOptions;
use regex::bytes::Regex;
use std::hash::{DefaultHasher, Hasher};
use std::sync::LazyLock;

const BOOTSTRAP: &str = include_str!("islands.js");
/// What Leptos writes around every island it renders.
const ISLAND_TAG: &[u8] = b"<leptos-island";

/// The bootstrap file and the tags that load it, fixed for one build of the site.
#[derive(Clone, Debug)]
pub struct IslandAssets {
    /// `/pkg/islands.<hash>.js`.
    pub script_path: String,
    script: Bytes,
    /// Preloads for the JS and WASM bundles and the module script, for `<head>`.
    head_tags: String,
}

impl IslandAssets {
    pub fn new(options: &LeptosOptions) -> Self {
        let pkg = format!("/{}", options.site_pkg_dir);
        let js = format!("{pkg}/{}.js", bundle_name(options, "js"));
        let wasm = format!("{pkg}/{}.wasm", bundle_name(options, "wasm"));
        let script = format!(
            "const JS = {}, WASM = {};\n{BOOTSTRAP}",
            js_string(&js),
            js_string(&wasm)
        );
        let mut hasher = DefaultHasher::new();
        hasher.write(script.as_bytes());
        let script_path = format!("{pkg}/islands.{:016x}.js", hasher.finish());
        let head_tags = format!(
            r#"<link rel="modulepreload" href="{js}"><link rel="preload" href="{wasm}" as="fetch" type="application/wasm" crossorigin=""><script type="module" src="{script_path}"></script>"#
        );
        Self {
            script_path,
            script: Bytes::from(script),
            head_tags,
        }
    }

    /// `GET /pkg/islands.<hash>.js`.
    pub fn script_response(&self) -> Response {
        (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/javascript; charset=utf-8"),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ),
            ],
            self.script.clone(),
        )
            .into_response()
    }

    /// A rendered page made ready to send: Leptos's empty hydration-data scripts
    /// taken out (see [`EMPTY_HYDRATION_DATA`]), and the loading tags added at the end
    /// of `<head>` if the page has an island.
    pub fn finish_page(&self, html: Bytes) -> Bytes {
        let html = match EMPTY_HYDRATION_DATA.replace_all(&html, &b""[..]) {
            std::borrow::Cow::Borrowed(_) => html,
            std::borrow::Cow::Owned(stripped) => Bytes::from(stripped),
        };
        let has_island = html.windows(ISLAND_TAG.len()).any(|w| w == ISLAND_TAG);
        let head_end = find(&html, b"</head>");
        match (has_island, head_end) {
            (true, Some(at)) => {
                let mut out = Vec::with_capacity(html.len() + self.head_tags.len());
                out.extend_from_slice(&html[..at]);
                out.extend_from_slice(self.head_tags.as_bytes());
                out.extend_from_slice(&html[at..]);
                Bytes::from(out)
            }
            _ => html,
        }
    }
}

/// leptos_axum always renders a nonce and ends every page with inline scripts that
/// set up hydration data for resources. Our pages resolve no resource in the browser
/// (islands take their data as props), so these scripts are always the empty form
/// below: they are removed, and the bootstrap file declares the same empty arrays.
/// A page that one day needs real hydration data keeps its script (it is not the
/// empty form), and the no-inline-script tests fail loudly instead of the CSP
/// blocking it silently.
static EMPTY_HYDRATION_DATA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"<script(?: nonce="[A-Za-z0-9+/=_-]*")?>(?:__RESOLVED_RESOURCES=\[\];__SERIALIZED_ERRORS=\[\];__PENDING_RESOURCES=\[\];__RESOURCE_RESOLVERS=\[\];|__INCOMPLETE_CHUNKS=\[\];)</script>"#,
    )
    .expect("a valid pattern")
});

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A JavaScript string literal (JSON's string syntax is valid JavaScript).
fn js_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// The file names (without extension) cargo-leptos wrote for this build, by kind
/// (`js`, `wasm`, `css`), read the way Leptos's own `HydrationScripts` and
/// `HashedStylesheet` read them: `<output>.<hash>` from the hash file beside the
/// running server when file hashing is on, the plain output name otherwise.
pub fn bundle_name(options: &LeptosOptions, kind: &str) -> String {
    let mut name = options.output_name.to_string();
    if options.hash_files {
        let hashes = std::env::current_exe()
            .ok()
            .and_then(|exe| {
                std::fs::read_to_string(exe.with_file_name(options.hash_file.as_ref())).ok()
            })
            .unwrap_or_default();
        if hashes.is_empty() {
            tracing::error!("file hashing is on but no hash file was found beside the server");
        }
        for (file, hash) in hashes.lines().filter_map(|l| l.trim().split_once(':')) {
            if file.trim() == kind {
                name = format!("{name}.{}", hash.trim());
            }
        }
    } else if kind == "wasm" && option_env!("LEPTOS_OUTPUT_NAME").is_none() {
        // wasm-bindgen's own name, when cargo-leptos did not build this binary.
        name.push_str("_bg");
    }
    name
}
