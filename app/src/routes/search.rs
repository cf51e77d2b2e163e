use super::PageMeta;
use crate::components::search_box::SearchBox;
use crate::content::SearchResponse;
use leptos::prelude::*;

/// Results per search.
pub const SEARCH_LIMIT: usize = 20;

/// `/search?q=`: results rendered on the server; the island then searches as you
/// type. The server runs the search before rendering (off its async workers) and
/// provides the [`SearchResponse`] in context.
#[component]
pub fn SearchPage() -> impl IntoView {
    let SearchResponse { query, hits, tools } = use_context::<SearchResponse>().expect(
        "the search page is rendered by the server's search handler, which provides the results",
    );
    view! {
        <PageMeta title="Search" description="Search every Pathways article by title, summary and text."/>
        <h1>"Search"</h1>
        <SearchBox query hits tools/>
    }
}
