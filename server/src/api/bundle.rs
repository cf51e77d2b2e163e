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
use app::content::{Library, SharedLibrary};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};
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

/// What is computed once per library: its version and its bundle's bytes.
#[derive(Debug)]
pub struct Snapshot {
    pub version: String,
    pub bundle: Bytes,
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
        }
    }
}

/// The snapshot of the library being served, computed on first use after a change.
#[derive(Clone, Default)]
pub struct ApiCache(Arc<Mutex<Held>>);

/// The library last asked about, and its snapshot.
type Held = Option<(SharedLibrary, Arc<Snapshot>)>;

impl ApiCache {
    pub fn snapshot(&self, library: &SharedLibrary) -> Arc<Snapshot> {
        // Held while computing, so that a new version is computed once.
        let mut cached = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((lib, snap)) = cached.as_ref()
            && Arc::ptr_eq(lib, library)
        {
            return snap.clone();
        }
        let snap = Arc::new(Snapshot::of(library));
        *cached = Some((library.clone(), snap.clone()));
        snap
    }
}

/// The whole library in one response, for offline use; ETag = the content version.
#[utoipa::path(get, path = "/api/v1/bundle", tag = "sync",
    responses((status = 200, description = "The whole library; the ETag is the quoted content version", body = Bundle)))]
pub async fn bundle(State(state): State<AppState>) -> Response {
    let (_, snap) = current(&state);
    let mut response = versioned(&snap.version, Vec::new());
    *response.body_mut() = Body::from(snap.bundle.clone());
    if let Ok(etag) = HeaderValue::from_str(&format!("\"{}\"", snap.version)) {
        response.headers_mut().insert(header::ETAG, etag);
    }
    response
}
