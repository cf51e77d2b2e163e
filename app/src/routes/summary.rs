use super::PageMeta;
use crate::answers::PostedAnswers;
use crate::answers::SavedAnswers;
use crate::components::profile::{Switches, profile_template};
use crate::components::summary::{
    DATE_ID, EMPTY, KEEP, MESSAGE_ID, NOTES, SHARE, SHARED, SHARED_ERROR, SHARED_MESSAGE_ID,
    SHARED_REASON_ID, SummaryView, note_key, summary_switches,
};
use crate::content::{Library, use_library};
use crate::finder_scoring::{FinderModel, keys};
use crate::paths;
use leptos::prelude::*;

/// `/summary`: built in the browser from what it keeps, or from a no-JavaScript post.
#[component]
pub fn SummaryPage() -> impl IntoView {
    let lib = use_library();
    let model = lib.finder.as_ref().map(FinderModel::new);
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
    // Rendered before the island takes the model: one model per request.
    let parts = summary_parts(&lib, model.as_ref(), posted.as_ref(), date);
    view! {
        <PageMeta title="My therapy preferences" description="A summary of my therapy preferences and notes, to print or keep for a first appointment."/>
        <h1>"My therapy preferences"</h1>
        <p class="lead">"What I would like from therapy and what I want to say, to take to a first appointment or share with a therapist I am considering. It is made on this device."</p>
        {no_script}
        <SummaryView model posted=posted.clone()>
            {parts}
        </SummaryView>
        // Static, so rendered here rather than in the island: no code in the browser.
        <p class="my-data-link"><a href="/my-data">"Export, import or delete my data"</a></p>
        <HelpNow/>
    }
}

/// Every part of the summary, switched for `posted` (a no-JavaScript post, dated
/// `date`) or for nothing yet (the island fills it in from this browser).
fn summary_parts(
    lib: &Library,
    model: Option<&FinderModel>,
    posted: Option<&SavedAnswers>,
    date: Option<String>,
) -> impl IntoView + use<> {
    let empty = SavedAnswers::default();
    let saved = posted.unwrap_or(&empty);
    let questions = lib
        .prepare
        .as_ref()
        .map(|p| p.questions.clone())
        .unwrap_or_default();
    let ids: Vec<String> = questions.iter().map(|q| q.id.clone()).collect();
    let switches = Switches::new(summary_switches(model, saved, &ids, false));
    let hidden = |key: &str| switches.hidden(key);
    let profile = lib
        .finder
        .as_ref()
        .map(|f| profile_template(f, &switches, true));
    let notes = questions
        .into_iter()
        .map(|q| {
            let key = note_key(&q.id);
            let note = saved.reflections.get(&q.id).map(|n| n.trim().to_string());
            view! {
                <div data-k=key.clone() hidden=hidden(&key)>
                    <dt>{q.prompt}</dt>
                    <dd class="note-text" data-note=q.id>{note}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        // A summary read from a shared link (`share.rs`): switched on by the island.
        <div class="callout shared-notice" data-test="shared-notice" data-k=SHARED hidden>
            <p>"This summary came from a link. It is not saved in this browser."</p>
            <div class="quiz-actions">
                <button type="button" class="button secondary" data-action="keep" data-test="shared-keep">
                    "Keep it in this browser"
                </button>
            </div>
            <p class="meta" role="status" id=SHARED_MESSAGE_ID data-test="shared-message"></p>
        </div>
        <p class="callout" data-test="shared-error" data-k=SHARED_ERROR hidden>
            "This link cannot be opened: "<span id=SHARED_REASON_ID></span>"."
        </p>
        <p class="summary-date" id=DATE_ID data-test="summary-date">
            {date.filter(|d| !d.is_empty()).map(|d| format!("Made on {d}."))}
        </p>
        <p class="callout" data-test="summary-empty" data-k=EMPTY hidden=hidden(EMPTY)>
            "Nothing here yet. Start with "<a href="/preferences">"the preference finder"</a>
            " or "<a href="/prepare">"the questions to prepare"</a>"; my summary builds up here."
        </p>
        {profile}
        <section aria-labelledby="notes-title" data-k=NOTES hidden=hidden(NOTES)>
            <h2 id="notes-title">"Before my first session"</h2>
            <dl class="notes">{notes}</dl>
        </section>
        // Only what makes sense for what there is: nothing to keep, no buttons.
        <section class="summary-actions" aria-labelledby="keep-title" data-k=KEEP hidden=hidden(KEEP)>
            <h2 id="keep-title">"Keep it"</h2>
            <div class="quiz-actions" data-k=keys::SCRIPT hidden=hidden(keys::SCRIPT)>
                <button type="button" class="button" data-action="print">"Print"</button>
                <button type="button" class="button secondary" data-action="copy">"Copy as text"</button>
                <button type="button" class="button secondary" data-action="save">"Save as a file"</button>
                // Static: the page it leads to has its own island (issue #13).
                <a href=paths::SUMMARY_SHARE data-k=SHARE hidden data-test="share-page-link">
                    "Share as a link or QR code"
                </a>
            </div>
            <p data-k=keys::NO_SCRIPT hidden=hidden(keys::NO_SCRIPT)>"Use your browser's Print or Share menu to keep this page."</p>
            <p class="meta" role="status" id=MESSAGE_ID data-test="summary-message"></p>
        </section>
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
