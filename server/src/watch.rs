//! Live reload of content: a debounced watcher rebuilds the library and swaps it.

use app::content::store::ContentStore;
use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};
use std::time::Duration;

/// How long to wait for an editor's save to settle.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// Keep the returned watcher alive for as long as changes should be picked up.
pub fn spawn(
    store: ContentStore,
) -> Option<Debouncer<notify_debouncer_mini::notify::RecommendedWatcher>> {
    let root = store.root().to_path_buf();
    let handler = move |result: DebounceEventResult| match result {
        Ok(events) if !events.is_empty() => {
            let started = std::time::Instant::now();
            let outcome = store.reload();
            for e in &outcome.errors {
                tracing::warn!("content problem: {e}");
            }
            tracing::info!(
                "content reloaded in {}ms: {} articles, {} problem(s)",
                started.elapsed().as_millis(),
                outcome.library.articles.len(),
                outcome.errors.len()
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
