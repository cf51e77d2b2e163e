//! The site script, the web app manifest and the service worker: leaving quickly,
//! installing Pathways and reading it offline.
//!
//! - **Site script** (`site.js`): one small module of our own that every page loads
//!   from `/pkg/site.<hash>.js` (immutable; no inline script, no nonce). It wires
//!   "Leave this site", remembers the crisis country, registers the worker and shows
//!   the "updated" notice.
//! - **Manifest** (`/manifest.webmanifest`, `application/manifest+json`).
//! - **Worker** (`/sw.js`, `Cache-Control: no-cache`): `sw.js` with its version and
//!   precache list put in front, generated per content version from the library being
//!   served and the site's asset names. A new content version, a new build or new
//!   bundles make new bytes, so browsers install the new worker, which fetches the
//!   whole version into a cache of its own before it takes over.

use crate::AppState;
use crate::content::store::PerLibrary;
use crate::islands::js_string;
use app::components::layout::LEAVE_URL;
use app::content::Library;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use leptos::prelude::LeptosOptions;
use sha2::{Digest, Sha256};

const SITE_JS: &str = include_str!("site.js");
const WORKER_JS: &str = include_str!("sw.js");
pub const WORKER_PATH: &str = "/sw.js";
pub const MANIFEST_PATH: &str = "/manifest.webmanifest";
const JAVASCRIPT: &str = "text/javascript; charset=utf-8";

/// The site's pages that read the same for everyone (no query string), in the order
/// the worker fetches them: the crisis page first. The per-country crisis pages are
/// found by the worker in the crisis page's links. The search page is left out: a
/// search needs the server.
pub fn page_paths(library: &Library) -> Vec<String> {
    let mut paths: Vec<String> = [
        "/crisis",
        "/",
        "/paradigms",
        "/compare",
        "/glossary",
        "/preferences",
        "/prepare",
        "/summary",
        "/summary/share",
        "/quizzes",
        "/about",
        "/privacy",
        "/my-data",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    paths.extend(library.articles.keys().map(|s| format!("/articles/{s}")));
    paths.extend(library.tags.keys().map(|t| format!("/tags/{t}")));
    paths.extend(library.quizzes.keys().map(|q| format!("/quizzes/{q}")));
    paths
}

/// What is fixed for one build of the site: the site script and the files every
/// version of the worker keeps besides the pages.
pub struct Offline {
    /// `/pkg/site.<hash>.js`.
    pub script_path: String,
    script: Bytes,
    /// Stylesheet, icons, manifest, site script, the islands' files.
    assets: Vec<String>,
    /// Changes with every build of the server (its size and time), so pages rendered
    /// by new code are fetched again even when the content did not change.
    build: String,
    /// The worker for the library being served, made once per content version.
    workers: PerLibrary<Bytes>,
}

impl Offline {
    pub fn new(options: &LeptosOptions, islands: &crate::islands::IslandAssets) -> Self {
        let script = format!("const LEAVE_URL = {};\n{SITE_JS}", js_string(LEAVE_URL));
        let script_path = format!("/pkg/site.{}.js", short_hash([script.as_bytes()]));
        let mut assets = vec![
            format!(
                "/{}/{}.css",
                options.site_pkg_dir.trim_matches('/'),
                crate::islands::bundle_name(options, "css")
            ),
            "/favicon.svg".to_owned(),
            "/icons/icon-192.png".to_owned(),
            MANIFEST_PATH.to_owned(),
            script_path.clone(),
        ];
        assets.extend(islands.offline_paths());
        let build = std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| format!("{}:{:?}", m.len(), m.modified().ok()))
            .unwrap_or_default();
        Self {
            script_path,
            script: Bytes::from(script),
            assets,
            build,
            workers: PerLibrary::default(),
        }
    }

    /// The worker for `library`, whose content version is `content_version`.
    pub fn worker(&self, library: &Library, content_version: &str) -> String {
        let mut precache = page_paths(library);
        precache.extend(self.assets.iter().cloned());
        let list = serde_json::to_string(&precache).unwrap_or_else(|_| "[]".into());
        let version = short_hash([
            content_version.as_bytes(),
            self.build.as_bytes(),
            list.as_bytes(),
            WORKER_JS.as_bytes(),
        ]);
        format!(
            "const VERSION = {}, PRECACHE = {list};\n{WORKER_JS}",
            js_string(&version)
        )
    }

    /// The site script, the worker and the manifest, as routes.
    pub fn routes(&self) -> Router<AppState> {
        let script = self.script.clone();
        Router::new()
            .route(
                &self.script_path,
                get(move || {
                    std::future::ready(
                        (
                            [
                                (header::CONTENT_TYPE, HeaderValue::from_static(JAVASCRIPT)),
                                (
                                    header::CACHE_CONTROL,
                                    HeaderValue::from_static(crate::headers::IMMUTABLE),
                                ),
                            ],
                            script.clone(),
                        )
                            .into_response(),
                    )
                }),
            )
            .route(WORKER_PATH, get(worker))
            .route(MANIFEST_PATH, get(manifest))
    }
}

/// `GET /sw.js`: checked by the browser on every visit (`no-cache`), so a new
/// version is found on the next page a reader opens; made once per content version.
async fn worker(State(state): State<AppState>) -> Response {
    let library = state.store.current();
    let worker = state.offline.workers.get(&library, |lib| {
        let version = state.api.snapshot(&library).version.clone();
        Bytes::from(state.offline.worker(lib, &version))
    });
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(JAVASCRIPT)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        Bytes::clone(&worker),
    )
        .into_response()
}

/// The web app manifest. One theme colour (the manifest has no dark variant); the
/// pages name a light and a dark one in `<meta name="theme-color">`.
const MANIFEST: &str = r##"{
  "name": "Pathways: understanding therapy",
  "short_name": "Pathways",
  "description": "What the main kinds of therapy are, what you want from therapy, and a summary to take to a first appointment. Works offline; your answers stay on this device.",
  "lang": "en",
  "start_url": "/",
  "scope": "/",
  "display": "standalone",
  "background_color": "#fbfaf7",
  "theme_color": "#2f5d50",
  "icons": [
    { "src": "/icons/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any" },
    { "src": "/icons/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any" },
    { "src": "/icons/icon-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable" },
    { "src": "/icons/icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any" }
  ]
}
"##;

async fn manifest() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/manifest+json"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        MANIFEST,
    )
        .into_response()
}

/// The first 16 hex digits of the SHA-256 of `parts`, each followed by a 0 byte.
fn short_hash<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
        hasher.update([0]);
    }
    hasher.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_is_valid_json_with_the_icons_a_phone_needs() {
        let m: serde_json::Value = serde_json::from_str(MANIFEST).unwrap();
        assert_eq!(m["display"], "standalone");
        assert_eq!(m["start_url"], "/");
        let icons = m["icons"].as_array().unwrap();
        for (size, purpose) in [
            ("192x192", "any"),
            ("512x512", "any"),
            ("512x512", "maskable"),
        ] {
            assert!(
                icons
                    .iter()
                    .any(|i| i["sizes"] == size && i["purpose"] == purpose),
                "{size} {purpose}"
            );
        }
    }

    #[test]
    fn the_hash_depends_on_every_part_and_where_it_ends() {
        assert_ne!(
            short_hash([&b"ab"[..], b"c"]),
            short_hash([&b"a"[..], b"bc"])
        );
        assert_eq!(short_hash([&b"x"[..]]).len(), 16);
    }
}
