use super::PageMeta;
use super::home::article_cards;
use crate::content::use_library;
use leptos::prelude::*;

/// The ten paradigms, the approaches, and the guides to integration and practice.
#[component]
pub fn ParadigmsPage() -> impl IntoView {
    let lib = use_library();
    let paradigms = lib.articles_tagged("paradigm");
    let modalities = lib.articles_tagged("modality");
    let integration = lib.articles_tagged("integration");
    let practical = lib.articles_tagged("practical");
    let family = modalities
        .iter()
        .map(|m| {
            let parent = m.paradigm.as_ref().and_then(|p| lib.articles.get(p));
            view! {
                <li class="card">
                    <h3><a href=format!("/articles/{}", m.slug)>{m.title.clone()}</a></h3>
                    <p>{m.summary.clone()}</p>
                    {parent.map(|p| view! {
                        <p class="meta">"Family: "<a href=format!("/articles/{}", p.slug)>{p.title.clone()}</a></p>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <PageMeta
            title="Paradigms and approaches"
            description="The ten broad paradigms of psychotherapy and the named approaches that grew from them, explained in plain words."
        />
        <h1>"Paradigms and approaches"</h1>
        <p class="lead">
            "A paradigm is a broad way of understanding people and change. An approach (or modality) is a "
            "named way of working, with its own methods. Most therapists draw on one or more of these."
        </p>
        <section aria-labelledby="paradigms">
            <h2 id="paradigms">{format!("The {} paradigms", paradigms.len())}</h2>
            {article_cards(&paradigms)}
        </section>
        <section aria-labelledby="approaches">
            <h2 id="approaches">"Approaches"</h2>
            <ul class="cards">{family}</ul>
        </section>
        <section aria-labelledby="integration">
            <h2 id="integration">"Combining approaches"</h2>
            <p>"See also "<a href="/compare">"integrative and eclectic therapy side by side"</a>"."</p>
            {article_cards(&integration)}
        </section>
        <section aria-labelledby="practical">
            <h2 id="practical">"Practical guides"</h2>
            {article_cards(&practical)}
        </section>
    }
}
