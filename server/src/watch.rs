//! Live reload of content: a debounced watcher rebuilds the library and swaps it.

use app::content::store::ContentStore;
use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::time::Duration;

/// How long to wait for an editor's save to settle.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// Give the previous library's memory back to the system after a swap (glibc keeps
/// freed pages otherwise). Unchanged articles are shared between the two libraries;
/// what is freed is the old search index, the old derived indexes and edited articles.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory at the top of glibc's heaps.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Paths, sizes and modification times of everything under `root`.
fn fingerprint(root: &Path) -> u64 {
    let mut hasher = DefaultHasher::new();
    let mut stack = vec![root.to_path_buf()];
    let mut seen = Vec::new();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(entry.path());
            } else {
                seen.push((entry.path(), meta.len(), meta.modified().ok()));
            }
        }
    }
    seen.sort();
    seen.hash(&mut hasher);
    hasher.finish()
}

/// Keep the returned watcher alive for as long as changes should be picked up.
pub fn spawn(
    store: ContentStore,
) -> Option<Debouncer<notify_debouncer_mini::notify::RecommendedWatcher>> {
    let root = store.root().to_path_buf();
    let mut last = fingerprint(&root);
    let handler = move |result: DebounceEventResult| match result {
        // Reading the files raises access events too: reload only on a real change.
        Ok(events)
            if !events.is_empty()
                && std::mem::replace(&mut last, fingerprint(store.root())) != last =>
        {
            let started = std::time::Instant::now();
            let errors = store.reload();
            release_freed_memory();
            for e in &errors {
                tracing::warn!("content problem: {e}");
            }
            tracing::info!(
                "content reloaded in {}ms: {} articles, {} problem(s)",
                started.elapsed().as_millis(),
                store.current().articles.len(),
                errors.len()
            );
        }
        Ok(_) => {}
        Err(e) => tracing::warn!("content watcher: {e}"),
    };
    let mut debouncer = match new_debouncer(DEBOUNCE, handler) {
        Ok(d) => d,
        Err(e) => {
            tracing::warn!("content watcher not started: {e}");
            return None;
        }
    };
    if let Err(e) = debouncer.watcher().watch(&root, RecursiveMode::Recursive) {
        tracing::warn!("cannot watch {}: {e}", root.display());
        return None;
    }
    Some(debouncer)
}
