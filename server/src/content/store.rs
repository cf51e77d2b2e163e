//! The library being served, swapped atomically when content changes.

use super::error::ContentError;
use super::load::{ArticleCache, LoadOutcome, load_cached};
use super::search_index::SearchIndex;
use app::content::{Library, SharedLibrary};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

/// A library, its search index and the problems of the load that built it: one value,
/// swapped with one write, so a reader never sees one load's library with another's
/// problems.
#[derive(Debug, Default)]
struct Served {
    library: SharedLibrary,
    search: Option<Arc<SearchIndex>>,
    problems: Vec<String>,
    /// False until the first load: then there is no last good library to keep.
    loaded: bool,
}

fn lines(errors: &[ContentError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

impl Served {
    fn new(library: Library, problems: Vec<String>) -> Self {
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
            problems,
            loaded: true,
        }
    }

    /// What to serve after this: `library` with this index updated for it (only the
    /// articles that changed are indexed again), or built anew if there is none.
    fn successor(&self, library: Library, problems: Vec<String>) -> Self {
        let Some(index) = &self.search else {
            return Self::new(library, problems);
        };
        match index.update(&self.library, &library) {
            Ok(search) => Self {
                library: Arc::new(library),
                search: Some(Arc::new(search)),
                problems,
                loaded: true,
            },
            Err(e) => {
                tracing::warn!("search index update failed ({e}); building it again");
                Self::new(library, problems)
            }
        }
    }
}

/// Run once by the next reload, between reading the tree and the swap (tests only).
type Hook = Box<dyn FnOnce() + Send>;

/// Cheap to clone; every clone sees the same current library.
#[derive(Clone)]
pub struct ContentStore {
    root: PathBuf,
    current: Arc<RwLock<Arc<Served>>>,
    /// Parsed articles kept between loads; the lock also makes reloads one at a time.
    cache: Arc<Mutex<ArticleCache>>,
    hook: Arc<Mutex<Option<Hook>>>,
}

impl std::fmt::Debug for ContentStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContentStore")
            .field("root", &self.root)
            .field("current", &self.current)
            .finish_non_exhaustive()
    }
}

impl ContentStore {
    /// A store for `root` that has not read it yet: it serves an empty library until
    /// the first [`reload`](Self::reload). Lets a watcher be armed before that load.
    pub fn unloaded(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            current: Arc::default(),
            cache: Arc::default(),
            hook: Arc::default(),
        }
    }

    /// Load `root` for the first time.
    pub fn open(root: impl Into<PathBuf>) -> (Self, Vec<ContentError>) {
        let store = Self::unloaded(root);
        let errors = store.reload();
        (store, errors)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn served(&self) -> Arc<Served> {
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The library to render this request from.
    pub fn current(&self) -> SharedLibrary {
        self.served().library.clone()
    }

    /// Search the current library.
    pub fn search(&self, query: &str, limit: usize) -> Vec<app::content::SearchHit> {
        self.find(query, limit).hits
    }

    /// Search the current library: the site tools the query asks for, and articles.
    pub fn find(&self, query: &str, limit: usize) -> super::search_index::Found {
        let s = self.served();
        s.search
            .as_ref()
            .map(|index| index.find(&s.library, query, limit))
            .unwrap_or_default()
    }

    /// The problems of the load that built the current library, as
    /// `path:line:column: message` lines.
    pub fn problems(&self) -> Vec<String> {
        self.served().problems.clone()
    }

    /// Rebuild from disk, keeping the previous version of any broken file (and the
    /// whole previous library when the tree cannot be read), and swap. Returns the
    /// problems found.
    pub fn reload(&self) -> Vec<ContentError> {
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        let previous = self.served();
        let last_good = previous.loaded.then_some(previous.library.as_ref());
        let LoadOutcome { library, errors } = load_cached(&self.root, last_good, &mut cache);
        if let Some(hook) = self
            .hook
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
        {
            hook();
        }
        let served = Arc::new(if previous.loaded {
            previous.successor(library, lines(&errors))
        } else {
            Served::new(library, lines(&errors))
        });
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = served;
        errors
    }

    /// Test seam: the next [`reload`](Self::reload) runs `f` after reading the tree and
    /// before the swap (to edit a file in that window, or to make the reload panic).
    #[doc(hidden)]
    pub fn before_next_swap(&self, f: impl FnOnce() + Send + 'static) {
        *self.hook.lock().unwrap_or_else(PoisonError::into_inner) = Some(Box::new(f));
    }
}

/// A value derived from the library being served, computed once per library (that
/// is, per content version) on first use, then shared until the library changes.
pub struct PerLibrary<T>(Arc<Mutex<Held<T>>>);

/// The library last asked about, and its value.
type Held<T> = Option<(SharedLibrary, Arc<T>)>;

impl<T> Clone for PerLibrary<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<T> Default for PerLibrary<T> {
    fn default() -> Self {
        Self(Arc::default())
    }
}

impl<T> PerLibrary<T> {
    /// The value for `library`, made by `make` if it is not held yet.
    pub fn get(&self, library: &SharedLibrary, make: impl FnOnce(&Library) -> T) -> Arc<T> {
        // Held while computing, so that a new version is computed once.
        let mut held = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((lib, value)) = held.as_ref()
            && Arc::ptr_eq(lib, library)
        {
            return value.clone();
        }
        let value = Arc::new(make(library));
        *held = Some((library.clone(), value.clone()));
        value
    }
}
