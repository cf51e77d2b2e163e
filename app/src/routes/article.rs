use super::PageMeta;
use crate::content::{long_date, use_library};
use crate::routes::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let lib = use_library();
    let Some(article) = lib.articles.get(&slug).cloned() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let toc = (article.toc.len() > 2).then(|| {
        // Sections (h2) numbered, with their subsections (h3 and below) nested under
        // them, so that a subsection does not take a section's number.
        let mut sections: Vec<(&crate::content::TocEntry, Vec<&crate::content::TocEntry>)> =
            Vec::new();
        for t in &article.toc {
            match sections.last_mut() {
                Some((_, subs)) if t.level > 2 => subs.push(t),
                _ => sections.push((t, Vec::new())),
            }
        }
        let link = |t: &crate::content::TocEntry| {
            view! { <a href=format!("#{}", t.id)>{t.title.clone()}</a> }
        };
        let items = sections
            .into_iter()
            .map(|(t, subs)| {
                let subs = (!subs.is_empty()).then(|| {
                    let list = subs
                        .into_iter()
                        .map(|s| view! { <li>{link(s)}</li> })
                        .collect_view();
                    view! { <ul>{list}</ul> }
                });
                view! { <li>{link(t)}{subs}</li> }
            })
            .collect_view();
        view! {
            <nav class="toc" aria-label="On this page">
                <h2>"On this page"</h2>
                <ol>{items}</ol>
            </nav>
        }
    });
    let sources = article
        .sources
        .iter()
        .map(|s| view! { <li>{s.clone()}</li> })
        .collect_view();
    let quiz = lib.quiz_for_article(&article.slug).map(|q| {
        view! {
            <aside class="callout">
                <h2>"Check your understanding"</h2>
                <p><a href=format!("/quizzes/{}", q.id)>{q.title.clone()}</a>" — "{q.summary.clone()}</p>
            </aside>
        }
    });
    let related = lib.related_to(&article.slug);
    let related = (!related.is_empty()).then(|| {
        view! {
            <section class="related" aria-labelledby="related">
                <h2 id="related">"Related"</h2>
                {super::home::article_cards(&related)}
            </section>
        }
    });
    let tags = article
        .tags
        .iter()
        .map(|t| view! { <li><a class="tag" href=format!("/tags/{t}")>{t.replace('-', " ")}</a></li> })
        .collect_view();
    let family = article
        .paradigm
        .as_ref()
        .and_then(|p| lib.articles.get(p))
        .map(|p| {
            view! { " · Family: "<a href=format!("/articles/{}", p.slug)>{p.title.clone()}</a> }
        });
    let next = lib.next_article(&article.slug).map(|n| {
        view! {
            <nav class="next" aria-label="Next article">
                <a href=format!("/articles/{}", n.slug)>"Next: "{n.title.clone()}</a>
            </nav>
        }
    });
    view! {
        <PageMeta title=article.title.clone() description=article.summary.clone()/>
        <article class="article">
            <header>
                <h1>{article.title.clone()}</h1>
                <p class="lead">{article.summary.clone()}</p>
                <p class="meta">
                    {format!("{} min read · ", article.reading_minutes)}
                    "Updated "<time datetime=article.updated.clone()>{article.updated.clone()}</time>
                    {family}
                </p>
                <p class="meta review" data-test="review-dates">
                    "Reviewed "<time datetime=article.reviewed.clone()>{long_date(&article.reviewed)}</time>
                    " · next review "<time datetime=article.next_review.clone()>{long_date(&article.next_review)}</time>
                </p>
                <ul class="tags" aria-label="Tags">{tags}</ul>
            </header>
            {toc}
            <div class="prose" inner_html=article.html.clone()></div>
            <section class="sources" aria-labelledby="sources">
                <h2 id="sources">"Sources"</h2>
                <ol>{sources}</ol>
            </section>
            {quiz}
            {related}
            {next}
        </article>
    }
    .into_any()
}
