//! Search as you type. Without JavaScript the same form is a plain GET to `/search`.

use crate::content::{SearchHit, SearchResponse, SearchTool};
use crate::debounce::Debounce;
use crate::paths;
use leptos::prelude::*;

/// Results shown for a query, with a status line for screen readers; the site tools
/// the query asks for (the finder, the crisis page) come first, marked as such.
#[island]
pub fn SearchBox(query: String, hits: Vec<SearchHit>, tools: Vec<SearchTool>) -> impl IntoView {
    let searched = !query.trim().is_empty();
    let q = RwSignal::new(query.clone());
    let shown = RwSignal::new(SearchResponse { query, hits, tools });
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
                    shown.set(found);
                }
            });
        });
    };
    let status = move || {
        shown.with(|r| {
            if r.query.trim().is_empty() {
                if searched {
                    "Type a word to search.".to_string()
                } else {
                    String::new()
                }
            } else {
                let tools = match r.tools.as_slice() {
                    [] => String::new(),
                    [one] => format!("First, a page that may help: {}. ", one.title),
                    more => format!("First, {} pages that may help. ", more.len()),
                };
                if r.hits.is_empty() {
                    format!(
                        "{tools}No articles match “{}”. Try another word, or browse the paradigms.",
                        r.query
                    )
                } else {
                    format!(
                        "{tools}{} result{} for “{}”",
                        r.hits.len(),
                        if r.hits.len() == 1 { "" } else { "s" },
                        r.query
                    )
                }
            }
        })
    };
    let results = move || {
        shown.with(|r| {
            r.hits
                .iter()
                .map(|h| {
                    view! {
                        <li class="card">
                            <h2><a href=format!("/articles/{}", h.slug)>{h.title.clone()}</a></h2>
                            <p class="snippet" inner_html=h.snippet_html.clone()></p>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let tools = move || {
        shown.with(|r| {
            let cards = r
                .tools
                .iter()
                .map(|t| {
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
                })
                .collect_view();
            (!r.tools.is_empty()).then(|| {
                view! {
                    <ul class="cards search-tools" data-test="search-tools" aria-label="Pages that may help">{cards}</ul>
                }
            })
        })
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
        {tools}
        <ol class="cards results" data-test="results">{results}</ol>
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
