//! The content version and the offline bundle, computed once per library.
//!
//! The content version is a hash of everything the API serves from a library (the
//! bundle with an empty version, serialised deterministically: maps are ordered,
//! lists are in reading order), so replicas that read the same tree agree on it,
//! and it changes exactly when something a client can see changes.

use super::crisis::CrisisDirectory;
use super::dto::{ArticleDetail, GlossaryIndex, Paradigm, QuizDetail, SitePage, paradigms, tags};
use super::dto_finder::{Comparison, Finder, GlossaryEntry, Reflection};
use super::read::{current, versioned};
use crate::AppState;
use crate::content::store::PerLibrary;
use app::content::{Library, SharedLibrary};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::Arc;
use tokio::sync::OnceCell;
use utoipa::ToSchema;

/// The whole library in one response, for offline use.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Bundle {
    /// The content version; also the response's ETag (quoted).
    pub content_version: String,
    /// Every published article, whole, in reading order.
    pub articles: Vec<ArticleDetail>,
    pub paradigms: Vec<Paradigm>,
    /// Tag → article slugs in reading order.
    pub tags: BTreeMap<String, Vec<String>>,
    pub quizzes: Vec<QuizDetail>,
    pub finder: Option<Finder>,
    pub glossary: Vec<GlossaryEntry>,
    pub compare: Option<Comparison>,
    pub prepare: Option<Reflection>,
    /// Site pages (about, privacy, crisis), by name.
    pub pages: Vec<SitePage>,
    /// Crisis lines per country (as `/api/v1/crisis`).
    pub crisis: Option<CrisisDirectory>,
}

impl Bundle {
    /// Everything the read endpoints serve from `lib`, with an empty version.
    fn unversioned(lib: &Library) -> Self {
        let glossary = GlossaryIndex::new(lib);
        Self {
            content_version: String::new(),
            articles: lib
                .articles_in_order()
                .into_iter()
                .map(|a| ArticleDetail::new(lib, &glossary, a))
                .collect(),
            paradigms: paradigms(lib),
            tags: tags(lib),
            quizzes: lib
                .quizzes_in_order()
                .into_iter()
                .map(QuizDetail::from)
                .collect(),
            finder: lib.finder.as_ref().map(Finder::from),
            glossary: lib.glossary.iter().map(GlossaryEntry::from).collect(),
            compare: lib.compare.as_ref().map(Comparison::from),
            prepare: lib.prepare.as_ref().map(Reflection::from),
            pages: lib.pages.values().map(SitePage::from).collect(),
            crisis: lib.crisis.as_ref().map(CrisisDirectory::from),
        }
    }
}

/// What is computed once per library: its version and its bundle's bytes, and those
/// bytes compressed (each the first time a client asks for it).
#[derive(Debug)]
pub struct Snapshot {
    pub version: String,
    pub bundle: Bytes,
    br: OnceCell<Bytes>,
    gzip: OnceCell<Bytes>,
}

/// The encodings the bundle is kept in, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Br,
    Gzip,
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Self::Br => "br",
            Self::Gzip => "gzip",
        }
    }

    /// The best encoding `accept` (an `Accept-Encoding` value) takes: the highest
    /// `q`, brotli on a tie; none when it takes neither (or only with `q=0`).
    fn chosen(accept: &str) -> Option<Self> {
        let mut best: Option<(f32, Self)> = None;
        for item in accept.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let encoding = if name.eq_ignore_ascii_case("br") {
                Self::Br
            } else if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
                Self::Gzip
            } else {
                continue;
            };
            let better = match best {
                None => true,
                Some((bq, be)) => q > bq || (q == bq && encoding == Self::Br && be != Self::Br),
            };
            if q > 0.0 && better {
                best = Some((q, encoding));
            }
        }
        best.map(|(_, e)| e)
    }

    fn compress(self, raw: &[u8]) -> Bytes {
        use std::io::Write;
        let mut out = Vec::with_capacity(raw.len() / 4);
        match self {
            // Quality 9 of 11: within a few per cent of the smallest, in a fraction
            // of the time (a library of 5,000 articles is compressed in seconds).
            Self::Br => {
                let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, 9, 22);
                let _ = w.write_all(raw);
            }
            Self::Gzip => {
                let mut w = flate2::write::GzEncoder::new(&mut out, flate2::Compression::best());
                let _ = w.write_all(raw);
                let _ = w.finish();
            }
        }
        Bytes::from(out)
    }
}

impl Snapshot {
    pub fn of(library: &Library) -> Self {
        let mut bundle = Bundle::unversioned(library);
        // The hash of the bundle's canonical bytes with an empty version.
        let canonical = serde_json::to_vec(&bundle).unwrap_or_default();
        let digest = Sha256::digest(&canonical);
        bundle.content_version = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        Self {
            version: bundle.content_version.clone(),
            bundle: Bytes::from(serde_json::to_vec(&bundle).unwrap_or_default()),
            br: OnceCell::new(),
            gzip: OnceCell::new(),
        }
    }

    /// The bundle in `encoding`, compressed on first use off the async workers;
    /// whoever asks meanwhile waits for that one compression.
    async fn encoded(&self, encoding: Encoding) -> Bytes {
        let cell = match encoding {
            Encoding::Br => &self.br,
            Encoding::Gzip => &self.gzip,
        };
        let raw = self.bundle.clone();
        cell.get_or_init(|| async move {
            tokio::task::spawn_blocking(move || encoding.compress(&raw))
                .await
                .unwrap_or_default()
        })
        .await
        .clone()
    }
}

/// The snapshot of the library being served, computed on first use after a change.
#[derive(Clone, Default)]
pub struct ApiCache(PerLibrary<Snapshot>);

impl ApiCache {
    pub fn snapshot(&self, library: &SharedLibrary) -> Arc<Snapshot> {
        self.0.get(library, Snapshot::of)
    }
}

/// The whole library in one response, for offline use; ETag = the content version.
// Compressed once per content version (brotli or gzip, as the client accepts), not per
// request: the compression layer leaves an answer with a `Content-Encoding` as it is.
#[utoipa::path(get, path = "/api/v1/bundle", tag = "sync",
    responses((status = 200, description = "The whole library; the ETag is the quoted content version", body = Bundle)))]
pub async fn bundle(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let (_, snap) = current(&state);
    let mut response = versioned(&snap.version, Vec::new());
    let encoding = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .and_then(Encoding::chosen);
    let body = match encoding {
        Some(e) => {
            let bytes = snap.encoded(e).await;
            if bytes.is_empty() {
                snap.bundle.clone()
            } else {
                response
                    .headers_mut()
                    .insert(header::CONTENT_ENCODING, HeaderValue::from_static(e.name()));
                bytes
            }
        }
        None => snap.bundle.clone(),
    };
    let h = response.headers_mut();
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Ok(etag) = HeaderValue::from_str(&format!("\"{}\"", snap.version)) {
        h.insert(header::ETAG, etag);
    }
    *response.body_mut() = Body::from(body);
    response
}

#[cfg(test)]
mod tests {
    use super::Encoding;

    #[test]
    fn negotiates_like_the_compression_layer() {
        assert_eq!(
            Encoding::chosen("gzip, deflate, br, zstd"),
            Some(Encoding::Br)
        );
        assert_eq!(Encoding::chosen("gzip"), Some(Encoding::Gzip));
        assert_eq!(
            Encoding::chosen("br;q=0.5, gzip;q=0.8"),
            Some(Encoding::Gzip)
        );
        assert_eq!(Encoding::chosen("br;q=0, gzip"), Some(Encoding::Gzip));
        assert_eq!(Encoding::chosen("BR"), Some(Encoding::Br));
        assert_eq!(Encoding::chosen("identity"), None);
        assert_eq!(Encoding::chosen("gzip;q=0"), None);
        assert_eq!(Encoding::chosen(""), None);
        assert_eq!(Encoding::chosen("*;q=x, ;;,"), None);
    }

    #[test]
    fn compresses_what_decompresses_to_the_same_bytes() {
        use std::io::Read;
        let raw = br#"{"articles":[{"title":"Family therapy"}]}"#.repeat(200);
        let br = Encoding::Br.compress(&raw);
        let mut back = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, raw);
        let gz = Encoding::Gzip.compress(&raw);
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, raw);
        assert!(br.len() < raw.len() / 10 && gz.len() < raw.len() / 10);
    }
}
