use super::PageMeta;
use crate::content::use_library;
use leptos::prelude::*;

#[component]
pub fn QuizzesPage() -> impl IntoView {
    let lib = use_library();
    let list = lib
        .quizzes_in_order()
        .into_iter()
        .map(|q| {
            view! {
                <li class="card">
                    <h2><a href=format!("/quizzes/{}", q.id)>{q.title.clone()}</a></h2>
                    <p>{q.summary.clone()}</p>
                    <p class="meta">{format!("{} questions", q.questions.len())}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <PageMeta title="Quizzes" description="Short quizzes to check what you have learned about therapy, with an explanation for every answer."/>
        <h1>"Quizzes"</h1>
        <p class="lead">"Short quizzes with an explanation for every answer. Nothing you answer is stored."</p>
        <ul class="cards">{list}</ul>
    }
}
