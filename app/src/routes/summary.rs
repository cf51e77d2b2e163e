use super::PageMeta;
use crate::answers::PostedAnswers;
use crate::components::summary::SummaryView;
use crate::content::use_library;
use leptos::prelude::*;

/// `/summary`: built in the browser from what it keeps, or from a no-JavaScript post.
#[component]
pub fn SummaryPage() -> impl IntoView {
    let lib = use_library();
    let posted = use_context::<PostedAnswers>();
    let date = posted.as_ref().and_then(|p| p.1.clone());
    let posted = posted.map(|p| p.0);
    // Without JavaScript this browser keeps nothing, so a summary exists only in the
    // answer to a post (from the finder's result or the preparation questions).
    let no_script = posted.is_none().then(|| {
        view! {
            <noscript>
                <p class="callout" data-test="summary-no-script">
                    "JavaScript is off, so this site keeps nothing on this device between pages, "
                    "and there is no summary to show here. Answer "
                    <a href="/preferences">"the preference finder"</a>
                    " and choose “See my summary” on your result, or write notes on "
                    <a href="/prepare">"the questions to prepare"</a>
                    " and choose “See my summary” there. Your summary is made from what you send, "
                    "then forgotten."
                </p>
            </noscript>
        }
    });
    view! {
        <PageMeta title="My therapy preferences" description="A summary of my therapy preferences and notes, to print or keep for a first appointment."/>
        <h1>"My therapy preferences"</h1>
        <p class="lead">"What I would like from therapy and what I want to say, to take to a first appointment or share with a therapist I am considering. It is made on this device."</p>
        {no_script}
        <SummaryView finder=lib.finder.clone() prepare=lib.prepare.clone() posted date/>
    }
}
