use super::PageMeta;
use crate::components::quiz::QuizRunner;
use crate::content::use_library;
use crate::quiz_scoring::QuizAnswers;
use crate::routes::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Answers posted without JavaScript, provided by the server's POST handler for
/// this one render and then dropped.
#[derive(Clone, Debug, Default)]
pub struct PostedQuizAnswers(pub QuizAnswers);

#[component]
pub fn QuizPage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id"))
        .unwrap_or_default();
    let lib = use_library();
    let Some(quiz) = lib.quizzes.get(&id).cloned() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let submitted = use_context::<PostedQuizAnswers>()
        .map(|s| s.0)
        .unwrap_or_default();
    // "Read first": the comparison when it names this quiz as its test, else the
    // quiz's article.
    let compare = lib
        .compare
        .as_ref()
        .filter(|c| c.quiz.as_deref() == Some(quiz.id.as_str()))
        .map(|c| ("/compare".to_string(), c.title.clone()));
    let article = quiz
        .article
        .as_ref()
        .and_then(|slug| lib.articles.get(slug))
        .map(|a| (format!("/articles/{}", a.slug), a.title.clone()));
    let article = compare.or(article).map(|(href, title)| {
        view! { <p data-test="read-first">"Read first: "<a href=href>{title}</a></p> }
    });
    view! {
        <PageMeta title=quiz.title.clone() description=quiz.summary.clone()/>
        <h1>{quiz.title.clone()}</h1>
        <p class="lead">{quiz.summary.clone()}</p>
        {article}
        <QuizRunner quiz submitted/>
        <p class="note">"This quiz checks what you have read. It is not a test of you, and not a diagnosis."</p>
    }
    .into_any()
}
