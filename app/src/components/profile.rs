//! The finder's result: rendered by the island in the browser and by the server
//! for readers without JavaScript.

use crate::finder_scoring::Profile;
use leptos::prelude::*;

/// Says what a result is and is not, on every result.
#[component]
pub fn NotADiagnosis() -> impl IntoView {
    view! {
        <p class="notice" role="note" data-test="not-a-diagnosis">
            <strong>"This is not a diagnosis."</strong>
            " It describes the preferences you gave today, and they may change. "
            "It cannot tell whether you need help, or which help is right. If you are struggling now, "
            <a href="/crisis">"find crisis help"</a>"."
        </p>
    }
}

#[component]
pub fn ProfileView(profile: Profile) -> impl IntoView {
    let dimensions = profile
        .dimensions
        .iter()
        .map(|d| {
            let leaning = d.leaning.clone().map_or_else(
                || "No clear preference".to_string(),
                |l| format!("{l} ({} preference)", d.strength),
            );
            // The marker in words, as sighted readers see it: where it sits between
            // the two ends (no number that the page never shows).
            let label = format!(
                "{}: {leaning}, on a line from “{}” to “{}”",
                d.title, d.left, d.right
            );
            view! {
                <li class=if d.strongest { "dimension is-strong" } else { "dimension" }>
                    <h4>{d.title.clone()}</h4>
                    <div class="lean" role="img" aria-label=label>
                        <span class=format!("lean-marker at-{}", d.step())></span>
                    </div>
                    <p class="lean-ends" aria-hidden="true">
                        <span>{d.left.clone()}</span>
                        <span>{d.right.clone()}</span>
                    </p>
                    <p><strong>{leaning}</strong>". "{d.leaning_text.clone().unwrap_or_else(|| d.band_text.clone())}</p>
                </li>
            }
        })
        .collect_view();
    let approaches = (!profile.approaches.is_empty()).then(|| {
        let list = profile
            .approaches
            .iter()
            .map(|a| {
                let why = a.why.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view();
                let note = a.note.clone().map(|n| view! { <p class="approach-note">{n}</p> });
                view! {
                    <li class="card">
                        <h4><a href=format!("/articles/{}", a.article)>{a.name.clone()}</a></h4>
                        {note}
                        <p class="meta">"Why: the answers that moved it up"</p>
                        <ul class="why">{why}</ul>
                    </li>
                }
            })
            .collect_view();
        let combine = profile
            .approaches
            .iter()
            .map(|a| view! { <li><strong>{a.name.clone()}": "</strong>{a.combine.clone()}</li> })
            .collect_view();
        view! {
            <h3>"Approaches that may fit"</h3>
            <p data-test="style-not-school">
                "These are approaches worth asking about, not a recommendation. Research on "
                "preferences (Cooper and Norcross) is about the "<em>"style"</em>" of therapy you "
                "would like. A style does not pick a "<em>"school"</em>": therapists from many "
                "schools can work the way you want, so ask how they work."
            </p>
            <ol class="cards">{list}</ol>
            <h3>"What an integrative therapist might combine for you"</h3>
            <p>"An "<a href="/articles/integrative-therapy">"integrative"</a>" therapist could bring these together in one plan:"</p>
            <ul>{combine}</ul>
        }
    });
    let no_fit = profile.approaches.is_empty().then(|| {
        view! {
            <p>"Your answers do not point to particular approaches — that is common, and fine. "
               "Many people do well with a therapist they trust, whatever the approach. "
               <a href="/articles/common-factors">"Read why the relationship matters so much"</a>"."</p>
        }
    });
    let practical = (!profile.practical.is_empty()).then(|| {
        let rows = profile
            .practical
            .iter()
            .map(|(q, picks)| view! { <dt>{q.clone()}</dt><dd>{picks.join(", ")}</dd> })
            .collect_view();
        view! { <h3>"Practical wishes"</h3><dl class="practical">{rows}</dl> }
    });
    let questions = profile
        .questions
        .iter()
        .map(|q| view! { <li>{q.clone()}</li> })
        .collect_view();
    view! {
        <section class="profile" aria-labelledby="profile-title" data-test="profile">
            <h2 id="profile-title" tabindex="-1">"Your preferences today"</h2>
            <NotADiagnosis/>
            <h3>"How you would like therapy to feel"</h3>
            // Works without JavaScript: the style sheet hides what the choice leaves out.
            <fieldset class="view-switch">
                <legend>"Show"</legend>
                <input type="radio" name="profile-view" id="profile-all" checked/>
                <label for="profile-all">"Every answer"</label>
                <input type="radio" name="profile-view" id="profile-strong"/>
                <label for="profile-strong">"Strong preferences only"</label>
            </fieldset>
            <p class="no-strong" data-test="no-strong">
                "None of your answers is a strong preference today. That is common: "
                "it leaves you open to many ways of working."
            </p>
            <ul class="dimensions">{dimensions}</ul>
            {practical}
            {approaches}
            {no_fit}
            <h3>"Questions to ask a therapist"</h3>
            <ol class="questions" data-test="questions">{questions}</ol>
        </section>
    }
}
