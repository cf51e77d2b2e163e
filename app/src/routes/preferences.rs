use super::PageMeta;
use crate::answers::{PostedFinder, SavedAnswers};
use crate::components::finder::FinderForm;
use crate::components::hidden_fields;
use crate::content::use_library;
use crate::paths;
use crate::routes::not_found::NotFoundPage;
use leptos::prelude::*;

#[component]
pub fn PreferencesPage() -> impl IntoView {
    let lib = use_library();
    let Some(finder) = lib.finder.clone() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let posted = use_context::<PostedFinder>();
    let submitted = posted
        .as_ref()
        .map(|p| p.answers.clone())
        .unwrap_or_default();
    // A post names the step to show; without one it asks for the result.
    let step = posted
        .as_ref()
        .map_or(0, |p| p.step.unwrap_or_else(|| finder.steps()));
    // A posted result: without JavaScript nothing is kept, so the answers ride on to
    // the next pages in the forms' hidden fields.
    let carry = posted.as_ref().filter(|p| p.step.is_none()).map(|_| {
        let saved = SavedAnswers {
            finder: submitted.clone(),
            ..SavedAnswers::default()
        };
        view! {
            <div class="next-steps quiz-actions">
                <form method="post" action=paths::PREPARE>
                    {hidden_fields(&saved)}
                    <button type="submit" class="button">"Next: prepare for a first session"</button>
                </form>
                <form method="post" action=paths::SUMMARY>
                    {hidden_fields(&saved)}
                    <button type="submit" class="button secondary">"See my summary"</button>
                </form>
            </div>
        }
    });
    view! {
        <PageMeta title=finder.title.clone() description=finder.summary.clone()/>
        <h1>{finder.title.clone()}</h1>
        <p class="lead">{finder.summary.clone()}</p>
        <p>
            "People differ in what they want from therapy, and "
            <a href="/articles/why-preferences-matter">"research suggests that matters"</a>
            ". There are no right answers. Nothing you choose here leaves your device."
        </p>
        <p class="notice" role="note" data-test="intro-not-a-diagnosis">
            <strong>"This is not a diagnosis."</strong>
            " It asks how you would like therapy to feel, not what is wrong. It cannot tell "
            "whether you need help or which treatment suits a particular difficulty. If you are "
            "struggling now, "<a href="/crisis">"find crisis help"</a>"."
        </p>
        <FinderForm finder submitted=submitted.clone() step posted=posted.is_some()>
            {carry}
        </FinderForm>
    }
    .into_any()
}
