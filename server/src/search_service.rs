//! Search off the async workers: a ranked, fuzzy search is CPU work, so it runs on
//! tokio's blocking pool, at most one per core at a time, within a time budget. When
//! the budget is spent (queueing included) the reader is told to try again instead
//! of every other request waiting behind the searches.

use crate::content::search_index::Found;
use crate::content::store::ContentStore;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::time::{Instant, timeout_at};

/// How long a search may take, waiting for its turn included.
pub const SEARCH_BUDGET: Duration = Duration::from_secs(2);

/// The search was not run or did not finish within [`SEARCH_BUDGET`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchBusy;

#[derive(Clone)]
pub struct SearchService {
    store: ContentStore,
    permits: Arc<Semaphore>,
}

impl SearchService {
    pub fn new(store: ContentStore) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self {
            store,
            permits: Arc::new(Semaphore::new(cores)),
        }
    }

    /// The site tools `query` asks for and ranked article hits (`query` already cut
    /// to the longest query accepted).
    pub async fn search(&self, query: String, limit: usize) -> Result<Found, SearchBusy> {
        if query.trim().is_empty() {
            return Ok(Found::default());
        }
        let deadline = Instant::now() + SEARCH_BUDGET;
        let permit = timeout_at(deadline, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| SearchBusy)?
            .map_err(|_| SearchBusy)?;
        let store = self.store.clone();
        let task = tokio::task::spawn_blocking(move || {
            // Held until the search is done, even if its reader stopped waiting.
            let _permit = permit;
            store.find(&query, limit)
        });
        match timeout_at(deadline, task).await {
            Ok(Ok(hits)) => Ok(hits),
            _ => Err(SearchBusy),
        }
    }
}

/// The query a reader sent, as the search uses it: at most the longest query accepted.
pub fn clip_query(q: &str) -> String {
    q.chars()
        .take(crate::content::search_index::MAX_QUERY)
        .collect()
}
