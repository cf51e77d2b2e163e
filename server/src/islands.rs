//! How pages load their islands without any inline script: a small bootstrap file,
//! named by the hash of its text and served from `/pkg/` as immutable, and the tags
//! that load it. The tags go only into pages that contain a `<leptos-island>`, found
//! in the rendered HTML itself, so an island can never be left without its bundle
//! (and reading pages ship no script at all).
//!
//! A page loads the smallest bundle that holds every island it contains: one of the
//! per-island bundles that `.ci/islands` builds into `PATHWAYS_ISLANDS_DIR`
//! (default `target/islands`, listed in its `manifest.json`, served under
//! [`BUNDLES_PATH`]), or cargo-leptos's bundle with every island when none fits or
//! that folder was not built.

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use leptos::prelude::LeptosOptions;
use regex::bytes::Regex;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

const BOOTSTRAP: &str = include_str!("islands.js");
/// What Leptos writes around every island it renders.
const ISLAND_TAG: &[u8] = b"<leptos-island";
/// Where the per-island bundles are served.
pub const BUNDLES_PATH: &str = "/pkg/islands";
/// Where `.ci/islands` writes them, unless `PATHWAYS_ISLANDS_DIR` says otherwise.
const DEFAULT_BUNDLES_DIR: &str = "target/islands";

/// One WASM bundle, its bootstrap file and the tags that load it.
#[derive(Clone, Debug)]
struct Bundle {
    /// The islands (Leptos's `data-component` names) it holds; `None` for the
    /// bundle that holds them all.
    islands: Option<BTreeSet<String>>,
    /// `/pkg/islands.<hash>.js`.
    script_path: String,
    script: Bytes,
    /// The wasm-bindgen JS and the WASM it loads.
    js: String,
    wasm: String,
    /// Preloads for the JS and WASM files and the module script, for `<head>`.
    head_tags: String,
}

impl Bundle {
    fn new(islands: Option<BTreeSet<String>>, js: &str, wasm: &str) -> Self {
        let script = format!(
            "const JS = {}, WASM = {};\n{BOOTSTRAP}",
            js_string(js),
            js_string(wasm)
        );
        let mut hasher = DefaultHasher::new();
        hasher.write(script.as_bytes());
        let script_path = format!("/pkg/islands.{:016x}.js", hasher.finish());
        let head_tags = format!(
            r#"<link rel="modulepreload" href="{js}"><link rel="preload" href="{wasm}" as="fetch" type="application/wasm" crossorigin=""><script type="module" src="{script_path}"></script>"#
        );
        Self {
            islands,
            script_path,
            script: Bytes::from(script),
            js: js.to_owned(),
            wasm: wasm.to_owned(),
            head_tags,
        }
    }

    fn holds(&self, wanted: &BTreeSet<String>) -> bool {
        self.islands
            .as_ref()
            .is_none_or(|have| wanted.is_subset(have))
    }
}

/// `manifest.json`, as `.ci/islands` writes it.
#[derive(Deserialize)]
struct Manifest {
    bundles: Vec<ManifestBundle>,
}

#[derive(Deserialize)]
struct ManifestBundle {
    islands: BTreeSet<String>,
    js: String,
    wasm: String,
}

/// The bundles and their bootstrap files, fixed for one build of the site.
#[derive(Clone, Debug)]
pub struct IslandAssets {
    /// Per-island bundles first, smallest island set first; the bundle with every
    /// island last.
    bundles: Vec<Bundle>,
    /// The folder of the per-island bundles, when it was built.
    dir: Option<PathBuf>,
}

impl IslandAssets {
    /// cargo-leptos's bundle, and the per-island bundles in `PATHWAYS_ISLANDS_DIR`.
    pub fn new(options: &LeptosOptions) -> Self {
        let dir = std::env::var_os("PATHWAYS_ISLANDS_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_BUNDLES_DIR));
        Self::with_bundles_dir(options, &dir)
    }

    /// cargo-leptos's bundle, and the per-island bundles listed in
    /// `dir/manifest.json` if there is one. A manifest that cannot be read is
    /// logged and left out: every page then loads the bundle with every island.
    pub fn with_bundles_dir(options: &LeptosOptions, dir: &Path) -> Self {
        let pkg = format!("/{}", options.site_pkg_dir);
        let all = Bundle::new(
            None,
            &format!("{pkg}/{}.js", bundle_name(options, "js")),
            &format!("{pkg}/{}.wasm", bundle_name(options, "wasm")),
        );
        let manifest = dir.join("manifest.json");
        let parsed = match std::fs::read_to_string(&manifest) {
            Ok(text) => match serde_json::from_str::<Manifest>(&text) {
                Ok(parsed) => Some(parsed),
                Err(e) => {
                    tracing::error!(
                        "{}: {e}; pages load the bundle with every island",
                        manifest.display()
                    );
                    None
                }
            },
            Err(_) => None,
        };
        let mut bundles: Vec<Bundle> = parsed
            .iter()
            .flat_map(|m| &m.bundles)
            .filter(|b| is_file_name(&b.js) && is_file_name(&b.wasm) && !b.islands.is_empty())
            .map(|b| {
                Bundle::new(
                    Some(b.islands.clone()),
                    &format!("{BUNDLES_PATH}/{}", b.js),
                    &format!("{BUNDLES_PATH}/{}", b.wasm),
                )
            })
            .collect();
        bundles.sort_by_key(|b| b.islands.as_ref().map_or(usize::MAX, BTreeSet::len));
        bundles.push(all);
        Self {
            dir: parsed.is_some().then(|| dir.to_path_buf()),
            bundles,
        }
    }

    /// The bootstrap files, and the per-island bundles' folder, as routes.
    pub fn routes<S: Clone + Send + Sync + 'static>(self: &Arc<Self>) -> Router<S> {
        let mut router = Router::new();
        for (i, bundle) in self.bundles.iter().enumerate() {
            let assets = self.clone();
            router = router.route(
                &bundle.script_path,
                get(move || std::future::ready(assets.script_response(i))),
            );
        }
        if let Some(dir) = &self.dir {
            router = router.nest_service(
                BUNDLES_PATH,
                tower_http::services::ServeDir::new(dir)
                    .precompressed_br()
                    .precompressed_gzip(),
            );
        }
        router
    }

    /// Every file an island page may load (bootstrap, JS and WASM of each bundle),
    /// for the service worker to keep offline.
    pub fn offline_paths(&self) -> Vec<String> {
        self.bundles
            .iter()
            .flat_map(|b| [b.script_path.clone(), b.js.clone(), b.wasm.clone()])
            .collect()
    }

    /// `GET /pkg/islands.<hash>.js` of bundle `i`.
    fn script_response(&self, i: usize) -> Response {
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
            self.bundles[i].script.clone(),
        )
            .into_response()
    }

    /// A rendered page made ready to send: Leptos's empty hydration-data scripts
    /// taken out (see [`EMPTY_HYDRATION_DATA`]), and, if the page has an island, the
    /// tags that load the smallest bundle holding its islands added at the end of
    /// `<head>`.
    pub fn finish_page(&self, html: Bytes) -> Bytes {
        let html = match EMPTY_HYDRATION_DATA.replace_all(&html, &b""[..]) {
            std::borrow::Cow::Borrowed(_) => html,
            std::borrow::Cow::Owned(stripped) => Bytes::from(stripped),
        };
        let has_island = html.windows(ISLAND_TAG.len()).any(|w| w == ISLAND_TAG);
        let head_end = find(&html, b"</head>");
        match (has_island, head_end) {
            (true, Some(at)) => {
                let head_tags = &self.bundle_for(&html).head_tags;
                let mut out = Vec::with_capacity(html.len() + head_tags.len());
                out.extend_from_slice(&html[..at]);
                out.extend_from_slice(head_tags.as_bytes());
                out.extend_from_slice(&html[at..]);
                Bytes::from(out)
            }
            _ => html,
        }
    }

    /// The smallest bundle that holds every island of the page.
    fn bundle_for(&self, html: &[u8]) -> &Bundle {
        let wanted: BTreeSet<String> = ISLAND_NAME
            .captures_iter(html)
            .filter_map(|c| std::str::from_utf8(&c[1]).ok().map(str::to_owned))
            .collect();
        self.bundles
            .iter()
            .find(|b| b.holds(&wanted))
            .unwrap_or_else(|| self.bundles.last().expect("the bundle with every island"))
    }
}

/// The island's name on the element Leptos renders around it.
static ISLAND_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<leptos-island[^>]*? data-component="([A-Za-z0-9_]+)""#).expect("a valid pattern")
});

/// A plain file name (what `.ci/islands` writes), never a path.
fn is_file_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && !name.starts_with('.')
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
pub(crate) fn js_string(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> LeptosOptions {
        LeptosOptions::builder()
            .output_name("pathways")
            .site_root("target/site")
            .build()
    }

    fn page(islands: &[&str]) -> Bytes {
        let body: String = islands
            .iter()
            .map(|name| format!(r#"<leptos-island data-component="{name}" data-props="{{}}"><p>x</p></leptos-island>"#))
            .collect();
        Bytes::from(format!(
            "<html><head><title>t</title></head><body>{body}</body></html>"
        ))
    }

    /// The module script a finished page loads.
    fn script_of(assets: &IslandAssets, html: Bytes) -> Option<String> {
        let out = String::from_utf8(assets.finish_page(html).to_vec()).unwrap();
        let src = out.split(r#"<script type="module" src=""#).nth(1)?;
        Some(src.split('"').next()?.to_owned())
    }

    fn bundle_dir() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("manifest.json"),
            r#"{"bundles": [
                {"name": "quiz", "islands": ["QuizRunner_1"], "js": "quiz.a.js", "wasm": "quiz.b.wasm"},
                {"name": "finder", "islands": ["FinderForm_2"], "js": "finder.c.js", "wasm": "finder.d.wasm"}
            ]}"#,
        )
        .unwrap();
        std::fs::write(dir.path().join("quiz.b.wasm"), b"\0asm").unwrap();
        dir
    }

    #[test]
    fn a_page_loads_the_bundle_of_its_island() {
        let dir = bundle_dir();
        let assets = IslandAssets::with_bundles_dir(&options(), dir.path());
        let quiz = script_of(&assets, page(&["QuizRunner_1"])).unwrap();
        let finder = script_of(&assets, page(&["FinderForm_2"])).unwrap();
        assert_ne!(quiz, finder);
        let i = assets
            .bundles
            .iter()
            .position(|b| b.script_path == quiz)
            .unwrap();
        let script = String::from_utf8(assets.bundles[i].script.to_vec()).unwrap();
        assert!(
            script.starts_with(
                r#"const JS = "/pkg/islands/quiz.a.js", WASM = "/pkg/islands/quiz.b.wasm";"#
            ),
            "{script}"
        );
        let html = assets.finish_page(page(&["FinderForm_2"]));
        assert!(
            String::from_utf8_lossy(&html)
                .contains(r#"<link rel="modulepreload" href="/pkg/islands/finder.c.js">"#)
        );
    }

    #[test]
    fn a_page_with_islands_of_two_bundles_loads_the_one_with_every_island() {
        let dir = bundle_dir();
        let assets = IslandAssets::with_bundles_dir(&options(), dir.path());
        let all = assets.bundles.last().unwrap().script_path.clone();
        assert_eq!(
            script_of(&assets, page(&["QuizRunner_1", "FinderForm_2"])),
            Some(all.clone())
        );
        // An island no per-island bundle holds (a build older than the server's).
        assert_eq!(script_of(&assets, page(&["SearchBox_3"])), Some(all));
        // Reading pages load nothing.
        assert_eq!(script_of(&assets, page(&[])), None);
    }

    #[test]
    fn without_a_manifest_every_page_loads_the_bundle_with_every_island() {
        let dir = tempfile::tempdir().unwrap();
        let assets = IslandAssets::with_bundles_dir(&options(), dir.path());
        assert_eq!(assets.bundles.len(), 1);
        assert!(assets.dir.is_none());
        std::fs::write(dir.path().join("manifest.json"), "{not json").unwrap();
        let broken = IslandAssets::with_bundles_dir(&options(), dir.path());
        assert_eq!(broken.bundles.len(), 1);
        let script = script_of(&broken, page(&["QuizRunner_1"])).unwrap();
        assert_eq!(script, broken.bundles[0].script_path);
    }

    #[test]
    fn manifest_names_are_file_names_not_paths() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("manifest.json"),
            r#"{"bundles": [{"islands": ["QuizRunner_1"], "js": "../../etc/passwd", "wasm": "q.wasm"}]}"#,
        )
        .unwrap();
        let assets = IslandAssets::with_bundles_dir(&options(), dir.path());
        assert_eq!(
            assets.bundles.len(),
            1,
            "the bundle with a path is left out"
        );
    }

    #[tokio::test]
    async fn the_bundles_folder_is_served() {
        use tower::ServiceExt;
        let dir = bundle_dir();
        let assets = Arc::new(IslandAssets::with_bundles_dir(&options(), dir.path()));
        let app: Router = assets.routes();
        let req = axum::http::Request::get("/pkg/islands/quiz.b.wasm")
            .body(axum::body::Body::empty())
            .unwrap();
        let res = app.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), axum::http::StatusCode::OK);
        assert_eq!(res.headers()[header::CONTENT_TYPE], "application/wasm");
        let req = axum::http::Request::get(assets.bundles[0].script_path.as_str())
            .body(axum::body::Body::empty())
            .unwrap();
        let res = app.oneshot(req).await.unwrap();
        assert_eq!(res.status(), axum::http::StatusCode::OK);
    }
}
