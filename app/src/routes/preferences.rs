use super::PageMeta;
use crate::answers::PostedAnswers;
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
    let posted = use_context::<PostedAnswers>();
    let submitted = posted
        .as_ref()
        .map(|s| s.0.finder.clone())
        .unwrap_or_default();
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
        <FinderForm finder submitted posted=posted.is_some()/>
    }
    .into_any()
}
