use super::{PageMeta, library};
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let lib = library();
    let articles = lib
        .articles_in_order()
        .into_iter()
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
    let quizzes = lib
        .quizzes_in_order()
        .into_iter()
        .map(|q| {
            view! {
                <li class="card">
                    <h3><a href=format!("/quizzes/{}", q.id)>{q.title.clone()}</a></h3>
                    <p>{q.summary.clone()}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <PageMeta
            title="Pathways"
            description="Learn what the main kinds of therapy are, work out what you want from therapy, and take a summary to your first appointment."
        />
        <section class="hero">
            <h1>"Find your way into therapy"</h1>
            <p class="lead">
                "Pathways explains the main kinds of psychotherapy in plain words, helps you work out "
                "what you want from therapy, and stays private: nothing you answer leaves your device."
            </p>
        </section>
        <section aria-labelledby="learn">
            <h2 id="learn">"Learn"</h2>
            <ul class="cards">{articles}</ul>
        </section>
        <section aria-labelledby="check">
            <h2 id="check">"Check your understanding"</h2>
            <ul class="cards">{quizzes}</ul>
        </section>
    }
}
