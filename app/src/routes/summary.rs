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
        // Static, so rendered here rather than in the island: no code in the browser.
        <p class="my-data-link"><a href="/my-data">"Export, import or delete my data"</a></p>
        <HelpNow/>
    }
}

/// The main helplines, printed with the summary so that the paper carries numbers,
/// not just a link (the crisis page has them all, with more countries).
#[component]
fn HelpNow() -> impl IntoView {
    view! {
        <section class="help-now" aria-labelledby="help-now-title" data-test="help-now">
            <h2 id="help-now-title">"If I need help now"</h2>
            <ul>
                <li><strong>"Emergency: "</strong>"112 (European Union), 911 (United States and Canada), 999 or 112 (United Kingdom and Ireland)"</li>
                <li><strong>"988 Suicide & Crisis Lifeline"</strong>" (United States): call or text 988"</li>
                <li><strong>"9-8-8 Suicide Crisis Helpline"</strong>" (Canada): call or text 9-8-8"</li>
                <li><strong>"Samaritans"</strong>" (United Kingdom and Ireland): call 116 123, free, day and night"</li>
            </ul>
            <p>"More numbers and other countries: "<a href="/crisis">"the crisis help page"</a>" (pathways /crisis)."</p>
        </section>
    }
}
