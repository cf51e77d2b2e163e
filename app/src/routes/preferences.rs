use super::PageMeta;
use crate::answers::PostedFinder;
use crate::components::finder::FinderForm;
use crate::content::use_library;
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
        <FinderForm finder submitted step posted=posted.is_some()/>
    }
    .into_any()
}
