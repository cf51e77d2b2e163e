use super::PageMeta;
use crate::components::search_box::{SearchBox, search_results, status_line};
use crate::content::SearchResponse;
use leptos::prelude::*;

/// Results per search.
pub const SEARCH_LIMIT: usize = 20;

/// `/search?q=`: results rendered on the server; the island then searches as you
/// type. The server runs the search before rendering (off its async workers) and
/// provides the [`SearchResponse`] in context. The results are rendered once, as
/// the island's children: its props are only the query and the status line.
#[component]
pub fn SearchPage() -> impl IntoView {
    let response = use_context::<SearchResponse>().expect(
        "the search page is rendered by the server's search handler, which provides the results",
    );
    let status = status_line(&response, !response.query.trim().is_empty());
    let query = response.query.clone();
    view! {
        <PageMeta title="Search" description="Search every Pathways article by title, summary and text."/>
        <h1>"Search"</h1>
        <SearchBox query status>{search_results(&response)}</SearchBox>
    }
}
