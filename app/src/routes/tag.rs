use super::PageMeta;
use super::home::article_cards;
use crate::content::use_library;
use crate::routes::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/tags/{tag}`: the articles with a tag.
#[component]
pub fn TagPage() -> impl IntoView {
    let tag = use_params_map()
        .with_untracked(|p| p.get("tag"))
        .unwrap_or_default();
    let lib = use_library();
    let articles = lib.articles_tagged(&tag);
    if articles.is_empty() {
        return view! { <NotFoundPage/> }.into_any();
    }
    let label = tag.replace('-', " ");
    let others = lib
        .tags
        .iter()
        .filter(|(t, _)| **t != tag)
        .map(|(t, slugs)| {
            view! { <li><a class="tag" href=format!("/tags/{t}")>{t.replace('-', " ")}" ("{slugs.len()}")"</a></li> }
        })
        .collect_view();
    view! {
        <PageMeta
            title=format!("Articles tagged “{label}”")
            description=format!("{} Pathways articles about {label}.", articles.len())
        />
        <h1>"Tagged “"{label.clone()}"”"</h1>
        <p class="lead">{format!("{} articles", articles.len())}</p>
        {article_cards(&articles)}
        <h2>"Other tags"</h2>
        <ul class="tags">{others}</ul>
    }
    .into_any()
}
