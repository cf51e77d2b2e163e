//! The finder's result: rendered by the island in the browser and by the server
//! for readers without JavaScript.

use crate::finder_scoring::Profile;
use leptos::prelude::*;

/// Says what a result is and is not, on every result.
#[component]
pub fn NotADiagnosis(#[prop(optional)] mine: bool) -> impl IntoView {
    view! {
        <p class="notice" role="note" data-test="not-a-diagnosis">
            <strong>"This is not a diagnosis."</strong>
            {if mine {
                " It describes the preferences I gave, and they may change. It cannot tell \
                 whether I need help, or which help is right. If I need help now, the numbers \
                 are at the end, or "
            } else {
                " It describes the preferences you gave today, and they may change. It cannot \
                 tell whether you need help, or which help is right. If you are struggling now, "
            }}
            <a href="/crisis">"find crisis help"</a>"."
        </p>
    }
}

#[component]
pub fn ProfileView(
    profile: Profile,
    /// In the reader's own voice ("My preferences"), for the summary they keep.
    #[prop(optional)]
    mine: bool,
) -> impl IntoView {
    // The words that change with the voice: (yours, mine).
    let say = move |yours: &'static str, my: &'static str| if mine { my } else { yours };
    let dimensions = profile
        .dimensions
        .iter()
        .map(|d| {
            // One account of the answers: what the reader said on each statement,
            // then what they add up to.
            let overall = if d.said.is_empty() {
                say(
                    "You did not answer these statements.",
                    "I did not answer these statements.",
                )
                .to_string()
            } else {
                match &d.leaning_text {
                    // The content's texts speak to the reader; in the reader's voice,
                    // the statements above say which way, and this how strongly.
                    Some(_) if mine => format!("Taken together: a {} preference.", d.strength),
                    Some(t) => format!("Taken together: {t} {}", d.band_text),
                    None => {
                        "Taken together, these answers do not lean clearly either way.".to_string()
                    }
                }
            };
            let said = d
                .said
                .iter()
                .map(|s| {
                    let s = match s.strip_prefix("You said") {
                        Some(rest) if mine => format!("I said{rest}"),
                        _ => s.clone(),
                    };
                    view! { <li>{s}</li> }
                })
                .collect_view();
            view! {
                <li class=if d.strongest { "dimension is-strong" } else { "dimension" }>
                    <h4>{d.title.clone()}</h4>
                    <ul class="said">{said}</ul>
                    <p class="overall">{overall}</p>
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
                        <p>{a.combine.clone()}</p>
                        {note}
                        <ul class="why">{why}</ul>
                    </li>
                }
            })
            .collect_view();
        let names = profile
            .approaches
            .iter()
            .map(|a| a.name.clone())
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <h3>"Approaches that may fit"</h3>
            <p data-test="style-not-school">
                "These are approaches worth asking about, not a recommendation. Research on "
                "preferences (Cooper and Norcross) is about the "<em>"style"</em>" of therapy you "
                "would like. A style does not pick a "<em>"school"</em>": therapists from many "
                "schools can work the way you want, so ask how they work."
            </p>
            <p>{say("Under each approach: what you said that points to it.", "Under each approach: what I said that points to it.")}</p>
            <ol class="cards">{list}</ol>
            <p>"An "<a href="/articles/integrative-therapy">"integrative"</a>" therapist could bring several of these together in one plan: "{names}"."</p>
        }
    });
    let no_fit = profile.approaches.is_empty().then(|| {
        view! {
            <p>{say("Your answers", "My answers")}" do not point to particular approaches — that is common, and fine. "
               "Many people do well with a therapist they trust, whatever the approach. "
               <a href="/articles/common-factors">"Read why the relationship matters so much"</a>"."</p>
        }
    });
    let practical = (!profile.practical.is_empty()).then(|| {
        let rows = profile
            .practical
            .iter()
            .map(|(q, picks)| view! { <dt>{q.clone()}</dt><dd>{say("You chose: ", "I chose: ")}{picks.join(", ")}</dd> })
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
            <h2 id="profile-title" tabindex="-1">{say("Your preferences today", "My preferences")}</h2>
            <NotADiagnosis mine/>
            <h3>{say("How you would like therapy to feel", "How I would like therapy to feel")}</h3>
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
