use super::PageMeta;
use crate::components::search::SearchBox;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Results per search.
pub const SEARCH_LIMIT: usize = 20;

/// `/search?q=`: server-rendered results; the island then searches as you type.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map()
        .with_untracked(|q| q.get("q"))
        .unwrap_or_default();
    let query: String = query.chars().take(200).collect();
    let hits = run_search(&query);
    view! {
        <PageMeta title="Search" description="Search every Pathways article by title, summary and text."/>
        <h1>"Search"</h1>
        <SearchBox query hits/>
    }
}

fn run_search(query: &str) -> Vec<crate::content::SearchHit> {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::content::store::ContentStore>()
            .map(|s| s.search(query, SEARCH_LIMIT))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = query;
        Vec::new()
    }
}
