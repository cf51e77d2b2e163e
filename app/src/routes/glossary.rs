use super::PageMeta;
use crate::content::use_library;
use leptos::prelude::*;

/// `/glossary`: every term with an anchor, linked from articles.
#[component]
pub fn GlossaryPage() -> impl IntoView {
    let lib = use_library();
    let mut letters: Vec<char> = lib
        .glossary
        .iter()
        .filter_map(|t| t.term.chars().next().map(|c| c.to_ascii_uppercase()))
        .collect();
    letters.dedup();
    let index = letters
        .iter()
        .map(|c| view! { <li><a href=format!("#letter-{c}")>{c.to_string()}</a></li> })
        .collect_view();
    let mut last = None;
    let terms = lib
        .glossary
        .iter()
        .map(|t| {
            let letter = t.term.chars().next().map(|c| c.to_ascii_uppercase());
            let heading = (letter != last).then(|| {
                last = letter;
                let c = letter.unwrap_or('#');
                view! { <h2 id=format!("letter-{c}")>{c.to_string()}</h2> }
            });
            let see = (!t.see.is_empty()).then(|| {
                let links = t
                    .see
                    .iter()
                    .filter_map(|s| lib.articles.get(s))
                    .map(|a| view! { <a href=format!("/articles/{}", a.slug)>{a.title.clone()}</a>" " })
                    .collect_view();
                view! { <p class="meta">"Read more: "{links}</p> }
            });
            view! {
                {heading}
                <div class="term" id=t.id.clone()>
                    <h3>{t.term.clone()}</h3>
                    <p>{t.definition.clone()}</p>
                    {see}
                </div>
            }
        })
        .collect_view();
    view! {
        <PageMeta title="Glossary" description="Plain-language meanings of the words used about therapy, from alliance to transference."/>
        <h1>"Glossary"</h1>
        <p class="lead">{format!("{} words used about therapy, in plain language.", lib.glossary.len())}</p>
        <nav aria-label="Letters"><ul class="letters">{index}</ul></nav>
        <div class="glossary">{terms}</div>
    }
}
