use super::PageMeta;
use crate::answers::PostedAnswers;
use crate::components::prepare::PrepareForm;
use crate::content::use_library;
use crate::routes::not_found::NotFoundPage;
use leptos::prelude::*;

#[component]
pub fn PreparePage() -> impl IntoView {
    let lib = use_library();
    let Some(prepare) = lib.prepare.clone() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let carried = use_context::<PostedAnswers>()
        .map(|s| s.0)
        .unwrap_or_default();
    view! {
        <PageMeta title=prepare.title.clone() description="Questions to think through before a first therapy session, saved only on your device."/>
        <h1>{prepare.title.clone()}</h1>
        <p class="lead">{prepare.intro.clone()}</p>
        <p>"Answer as many or as few as you like; short notes are fine. "
           <a href="/articles/first-session">"What happens in a first session?"</a></p>
        <PrepareForm prepare carried/>
    }
    .into_any()
}
