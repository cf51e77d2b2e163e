use super::PageMeta;
use crate::content::Article;
use crate::content::use_library;
use leptos::prelude::*;

/// Article cards: title, summary, reading time.
pub(crate) fn article_cards(articles: &[&Article]) -> impl IntoView + use<> {
    let cards = articles
        .iter()
        .map(|a| {
            view! {
                <li class="card">
                    <h3><a href=format!("/articles/{}", a.slug)>{a.title.clone()}</a></h3>
                    <p>{a.summary.clone()}</p>
                    <p class="meta">{format!("{} min read", a.reading_minutes)}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="cards">{cards}</ul> }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let lib = use_library();
    let start = [
        "integrative-vs-eclectic",
        "why-preferences-matter",
        "first-session",
        "finding-a-therapist",
    ]
    .iter()
    .filter_map(|s| lib.articles.get(*s).map(AsRef::as_ref))
    .collect::<Vec<_>>();
    let finder_summary = lib
        .finder
        .as_ref()
        .map(|f| f.summary.clone())
        .unwrap_or_else(|| {
            "A few minutes of questions about what you want from therapy.".to_string()
        });
    view! {
        <PageMeta
            title="Pathways"
            description="Learn what the main kinds of therapy are, work out what you want from therapy, and take a summary to your first appointment."
        />
        <section class="hero">
            <h1>"Find your way into therapy"</h1>
            <p class="lead">
                "Pathways explains the main kinds of talking therapy in plain words, helps you work out "
                "what you want from therapy, and gives you a summary to take to a first appointment. "
                "No sign-up, no tracking: your answers stay on your device."
            </p>
            // The main call to action, on the first screen of a phone.
            <p class="hero-actions">
                <a class="button hero-cta" href="/preferences" data-test="home-cta">"Find your fit"</a>
                <span class="hero-cta-text">
                    {finder_summary}
                </span>
            </p>
        </section>
        <nav aria-label="Ways in">
            <ul class="ways">
                <li>
                    <a class="way" href="/paradigms">
                        <span class="way-title">"Learn"</span>
                        <span class="way-text">"The main schools of therapy and the approaches they gave rise to."</span>
                    </a>
                </li>
                <li>
                    <a class="way" href="/compare">
                        <span class="way-title">"Compare"</span>
                        <span class="way-text">"Integrative or eclectic? How therapists combine methods, side by side."</span>
                    </a>
                </li>
                <li>
                    <a class="way" href="/prepare">
                        <span class="way-title">"Prepare for a first session"</span>
                        <span class="way-text">"Questions to think through, and a summary to take with you."</span>
                    </a>
                </li>
            </ul>
        </nav>
        <section aria-labelledby="start">
            <h2 id="start">"Good places to start"</h2>
            {article_cards(&start)}
        </section>
        <section aria-labelledby="check">
            <h2 id="check">"Check your understanding"</h2>
            <p>
                <a href="/quizzes">"Short quizzes"</a>
                " with an explanation for every answer, or "<a href="/search">"search everything"</a>"."
            </p>
        </section>
    }
}
