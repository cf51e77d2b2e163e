//! Search as you type. Without JavaScript the same form is a plain GET to `/search`.
//!
//! The server renders the first results once, as the island's children: the island
//! is sent only the query and its status line, and renders results itself only for
//! the queries it asks the API about while the reader types.

use crate::content::{SearchResponse, SearchTool};
use crate::debounce::Debounce;
use crate::paths;
use leptos::either::Either;
use leptos::prelude::*;

/// The line read out to screen readers for `r`. `searched`: the page was opened
/// with a query, so an emptied box says what to do instead of saying nothing.
pub fn status_line(r: &SearchResponse, searched: bool) -> String {
    if r.query.trim().is_empty() {
        return if searched {
            "Type a word to search.".to_string()
        } else {
            String::new()
        };
    }
    let tools = match r.tools.as_slice() {
        [] => String::new(),
        [one] => format!("First, a page that may help: {}. ", one.title),
        more => format!("First, {} pages that may help. ", more.len()),
    };
    match r.hits.len() {
        0 => format!(
            "{tools}No articles match “{}”. Try another word, or browse the paradigms.",
            r.query
        ),
        n => format!(
            "{tools}{n} result{} for “{}”",
            if n == 1 { "" } else { "s" },
            r.query
        ),
    }
}

/// The site tools the query asks for (the finder, the crisis page), marked as such,
/// then the articles. The server renders it as the island's children; the island
/// renders it again for each answer of the API.
pub fn search_results(r: &SearchResponse) -> impl IntoView + use<> {
    let tools = (!r.tools.is_empty()).then(|| {
        let cards = r.tools.iter().map(tool_card).collect_view();
        view! {
            <ul class="cards search-tools" data-test="search-tools" aria-label="Pages that may help">{cards}</ul>
        }
    });
    let hits = r
        .hits
        .iter()
        .map(|h| {
            view! {
                <li class="card">
                    <h2><a href=format!("/articles/{}", h.slug)>{h.title.clone()}</a></h2>
                    <p class="snippet" inner_html=h.snippet_html.clone()></p>
                </li>
            }
        })
        .collect_view();
    view! {
        {tools}
        <ol class="cards results" data-test="results">{hits}</ol>
    }
}

fn tool_card(t: &SearchTool) -> impl IntoView + use<> {
    let (class, label) = if t.crisis {
        ("card search-tool crisis", "Help now")
    } else {
        ("card search-tool", "Tool")
    };
    view! {
        <li class=class>
            <p class="search-tool-label">{label}</p>
            <h2><a href=t.path.clone()>{t.title.clone()}</a></h2>
            <p>{t.summary.clone()}</p>
        </li>
    }
}

/// The search form and its status line; `children` are the server's results for
/// `query` ([`search_results`]), shown until the island has an answer of its own.
#[island]
pub fn SearchBox(query: String, status: String, children: Children) -> impl IntoView {
    let searched = !query.trim().is_empty();
    let q = RwSignal::new(query);
    let status = RwSignal::new(status);
    let shown = RwSignal::new(None::<SearchResponse>);
    let generation = RwSignal::new(0u32);
    // Ask the server once typing pauses; a newer keystroke replaces the waiting query.
    let debounce = Debounce::new(150);
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        q.set(value.clone());
        generation.update(|g| *g += 1);
        let mine = generation.get_untracked();
        debounce.schedule(move || {
            leptos::task::spawn_local(async move {
                // An answer that arrives after a newer query was sent is dropped.
                if let Some(found) = fetch_results(&value).await
                    && generation.get_untracked() == mine
                {
                    status.set(status_line(&found, searched));
                    shown.set(Some(found));
                }
            });
        });
    };
    // The server's results until the first answer; then the island's. The wrapper is
    // the island's own element, so switching removes the server's results with it.
    let mut first = Some(children);
    let results = move || match shown.with(|r| r.as_ref().map(search_results)) {
        Some(found) => Either::Right(view! { <div class="search-results">{found}</div> }),
        None => Either::Left(
            first
                .take()
                .map(|children| view! { <div class="search-results">{children()}</div> }),
        ),
    };
    view! {
        <form class="search-form" role="search" method="get" action=paths::SEARCH>
            <label for="q">"Search the articles"</label>
            <div class="search-row">
                <input id="q" name="q" type="search" autocomplete="off" maxlength="200" value=q prop:value=q on:input=on_input/>
                <button type="submit" class="button">"Search"</button>
            </div>
        </form>
        <p class="search-status" role="status" data-test="search-status">{status}</p>
        {results}
    }
}

/// Ask the JSON API; `None` when it cannot answer (the results shown stay).
/// Only the browser asks: on the server nothing is ever scheduled.
async fn fetch_results(query: &str) -> Option<SearchResponse> {
    #[cfg(feature = "browser")]
    {
        let response = gloo::net::http::Request::get("/api/v1/search")
            .query([("q", query)])
            .send()
            .await
            .ok()?;
        if !response.ok() {
            return None;
        }
        response.json::<SearchResponse>().await.ok()
    }
    #[cfg(not(feature = "browser"))]
    {
        let _ = query;
        None
    }
}
