//! The library being served, swapped atomically when content changes.

use super::load::{LoadOutcome, load};
use super::{Library, SharedLibrary};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// Cheap to clone; every clone sees the same current library.
#[derive(Clone, Debug)]
pub struct ContentStore {
    root: PathBuf,
    current: Arc<RwLock<SharedLibrary>>,
    problems: Arc<RwLock<Vec<String>>>,
}

impl ContentStore {
    /// Load `root` for the first time.
    pub fn open(root: impl Into<PathBuf>) -> (Self, LoadOutcome) {
        let root = root.into();
        let outcome = load(&root, None);
        let store = Self {
            root,
            current: Arc::new(RwLock::new(Arc::new(outcome.library.clone()))),
            problems: Arc::new(RwLock::new(
                outcome.errors.iter().map(ToString::to_string).collect(),
            )),
        };
        (store, outcome)
    }

    /// A store over a library built elsewhere (tests).
    pub fn from_library(library: Library) -> Self {
        Self {
            root: PathBuf::new(),
            current: Arc::new(RwLock::new(Arc::new(library))),
            problems: Arc::default(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The library to render this request from.
    pub fn current(&self) -> SharedLibrary {
        self.current.read().map(|l| l.clone()).unwrap_or_default()
    }

    /// The problems of the last load, as `path:line:column: message` lines.
    pub fn problems(&self) -> Vec<String> {
        self.problems.read().map(|p| p.clone()).unwrap_or_default()
    }

    /// Rebuild from disk, keeping the previous version of any broken file, and swap.
    pub fn reload(&self) -> LoadOutcome {
        let previous = self.current();
        let outcome = load(&self.root, Some(&previous));
        if let Ok(mut cur) = self.current.write() {
            *cur = Arc::new(outcome.library.clone());
        }
        if let Ok(mut p) = self.problems.write() {
            *p = outcome.errors.iter().map(ToString::to_string).collect();
        }
        outcome
    }
}
