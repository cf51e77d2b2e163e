use super::PageMeta;
use crate::content::use_library;
use crate::routes::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// `/about`, `/privacy`: pages from `content/pages/<name>.md`.
#[component]
pub fn SitePage() -> impl IntoView {
    let name = use_location()
        .pathname
        .get_untracked()
        .trim_matches('/')
        .to_string();
    let lib = use_library();
    let Some(page) = lib.pages.get(&name).cloned() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    view! {
        <PageMeta title=page.title.clone() description=page.summary.clone()/>
        <article class="article">
            <h1>{page.title.clone()}</h1>
            <div class="prose" inner_html=page.html.clone()></div>
            <p class="meta">"Last checked "<time datetime=page.updated.clone()>{page.updated.clone()}</time></p>
        </article>
    }
    .into_any()
}
