use super::PageMeta;
use crate::answers::PostedAnswers;
use crate::components::summary::SummaryView;
use crate::content::use_library;
use leptos::prelude::*;

/// `/summary`: built in the browser from what it keeps, or from a no-JavaScript post.
#[component]
pub fn SummaryPage() -> impl IntoView {
    let lib = use_library();
    let posted = use_context::<PostedAnswers>().map(|s| s.0);
    view! {
        <PageMeta title="My therapy preferences" description="A summary of your therapy preferences and notes, to print or keep for a first appointment."/>
        <h1>"My therapy preferences"</h1>
        <p class="lead">"A summary to take to a first appointment, or to share with a therapist you are considering. It is built on this device."</p>
        <SummaryView finder=lib.finder.clone() prepare=lib.prepare.clone() posted/>
    }
}
