//! The content engine, server-side only: reading `content/` into the typed model of
//! [`app::content`] (`load`, with `markdown` rendering and `error` reporting), the
//! search index (`search_index`), and the library being served, swapped when content
//! changes (`store`).

pub mod error;
pub mod load;
pub mod markdown;
pub mod search_index;
pub mod store;

use leptos::prelude::provide_context;
use store::ContentStore;

/// Put this request's content in context: one library snapshot for the whole page
/// (and, in development builds, the problems of the load, shown on every page).
pub fn provide_content(store: &ContentStore) {
    provide_context(store.current());
    #[cfg(debug_assertions)]
    provide_context(app::content::ContentProblems(store.problems()));
}
