//! The library being served, swapped atomically when content changes.

use super::error::ContentError;
use super::load::{ArticleCache, LoadOutcome, load_cached};
use super::search::SearchIndex;
use super::{Library, SharedLibrary};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

/// A library and its search index, always swapped together.
#[derive(Debug)]
struct Served {
    library: SharedLibrary,
    search: Option<Arc<SearchIndex>>,
}

impl Served {
    fn new(library: Library) -> Self {
        let search = match SearchIndex::build(&library) {
            Ok(index) => Some(Arc::new(index)),
            Err(e) => {
                tracing::error!("search index not built: {e}");
                None
            }
        };
        Self {
            library: Arc::new(library),
            search,
        }
    }

    /// What to serve after this: `library` with this index updated for it (only the
    /// articles that changed are indexed again), or built anew if there is none.
    fn successor(&self, library: Library) -> Self {
        let Some(index) = &self.search else {
            return Self::new(library);
        };
        match index.update(&self.library, &library) {
            Ok(search) => Self {
                library: Arc::new(library),
                search: Some(Arc::new(search)),
            },
            Err(e) => {
                tracing::warn!("search index update failed ({e}); building it again");
                Self::new(library)
            }
        }
    }
}

/// Cheap to clone; every clone sees the same current library.
#[derive(Clone, Debug)]
pub struct ContentStore {
    root: PathBuf,
    current: Arc<RwLock<Arc<Served>>>,
    problems: Arc<RwLock<Vec<String>>>,
    /// Parsed articles kept between loads; the lock also makes reloads one at a time.
    cache: Arc<Mutex<ArticleCache>>,
}

impl ContentStore {
    /// Load `root` for the first time.
    pub fn open(root: impl Into<PathBuf>) -> (Self, Vec<ContentError>) {
        let root = root.into();
        let mut cache = ArticleCache::default();
        let LoadOutcome { library, errors } = load_cached(&root, None, &mut cache);
        let store = Self {
            root,
            current: Arc::new(RwLock::new(Arc::new(Served::new(library)))),
            problems: Arc::new(RwLock::new(
                errors.iter().map(ToString::to_string).collect(),
            )),
            cache: Arc::new(Mutex::new(cache)),
        };
        (store, errors)
    }

    /// A store over a library built elsewhere (tests).
    pub fn from_library(library: Library) -> Self {
        Self {
            root: PathBuf::new(),
            current: Arc::new(RwLock::new(Arc::new(Served::new(library)))),
            problems: Arc::default(),
            cache: Arc::default(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn served(&self) -> Option<Arc<Served>> {
        self.current.read().ok().map(|s| s.clone())
    }

    /// The library to render this request from.
    pub fn current(&self) -> SharedLibrary {
        self.served().map(|s| s.library.clone()).unwrap_or_default()
    }

    /// Search the current library.
    pub fn search(&self, query: &str, limit: usize) -> Vec<super::SearchHit> {
        self.served()
            .and_then(|s| {
                s.search
                    .as_ref()
                    .map(|index| index.search(&s.library, query, limit))
            })
            .unwrap_or_default()
    }

    /// The problems of the last load, as `path:line:column: message` lines.
    pub fn problems(&self) -> Vec<String> {
        self.problems.read().map(|p| p.clone()).unwrap_or_default()
    }

    /// Rebuild from disk, keeping the previous version of any broken file, and swap.
    /// Returns the problems found.
    pub fn reload(&self) -> Vec<ContentError> {
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let previous = self.served();
        let LoadOutcome { library, errors } = load_cached(
            &self.root,
            previous.as_ref().map(|p| p.library.as_ref()),
            &mut cache,
        );
        let served = Arc::new(match previous {
            Some(p) => p.successor(library),
            None => Served::new(library),
        });
        if let Ok(mut cur) = self.current.write() {
            *cur = served;
        }
        if let Ok(mut p) = self.problems.write() {
            *p = errors.iter().map(ToString::to_string).collect();
        }
        errors
    }
}
