use super::PageMeta;
use crate::answers::{PostedFinder, SavedAnswers};
use crate::components::finder::{FORM_ID, FinderForm};
use crate::components::hidden_fields;
use crate::content::use_library;
use crate::finder::PreferenceFinder;
use crate::finder_scoring::{FinderAnswers, RATING_MAX};
use crate::form_fields;
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
    let form = finder_form(&finder, &submitted, step);
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
        <FinderForm finder submitted step posted=posted.is_some()>
            {carry}
            {form}
        </FinderForm>
    }
    .into_any()
}

/// Per rating −3 … +3: the start of each segment's accessible name (the statement
/// it leans to follows), and the short visible readout.
const SEGMENTS: [(&str, &str); 7] = [
    ("Strongly: ", "← strongly"),
    ("Mostly: ", "← mostly"),
    ("Slightly: ", "← slightly"),
    ("No preference", "No preference"),
    ("Slightly: ", "slightly →"),
    ("Mostly: ", "mostly →"),
    ("Strongly: ", "strongly →"),
];

/// The finder's form, in steps, with `answers` checked and step `step` (from 0)
/// shown; the others are hidden but still in the form, so every post carries every
/// answer. Rendered here, on the server, as the island's children.
fn finder_form(
    finder: &PreferenceFinder,
    answers: &FinderAnswers,
    step: usize,
) -> impl IntoView + use<> {
    let total = finder.steps();
    // Back / Next / See my results at the foot of step `i`. Submit buttons: without
    // JavaScript each posts the whole form to the step it names; with it, the island
    // switches to step `data-go`.
    let nav = move |i: usize| {
        let back = (i > 0).then(|| {
            view! {
                <button type="submit" class="button secondary" formaction=paths::preferences_step(i) data-go=i - 1>"Back"</button>
            }
        });
        let next = if i + 1 < total {
            view! {
                <button type="submit" class="button" formaction=paths::preferences_step(i + 2) data-go=i + 1>"Next"</button>
            }
            .into_any()
        } else {
            view! { <button type="submit" class="button">"See my results"</button> }.into_any()
        };
        view! { <div class="quiz-actions step-nav">{next}{back}</div> }
    };
    let heading = move |i: usize, title: String| {
        view! {
            <legend>
                <h2 id=format!("step-{}", i + 1) tabindex="-1">
                    <span class="step-count">{format!("Step {} of {total}", i + 1)}</span>
                    <span class="step-title">{title}</span>
                </h2>
            </legend>
        }
    };
    let rating_steps = finder
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let items = finder
                .items
                .iter()
                .filter(|it| it.dimension == d.id)
                .map(|item| {
                    let chosen = answers.ratings.get(&item.id).copied();
                    let segments = (-RATING_MAX..=RATING_MAX)
                        .map(|v| {
                            let leans_to = match v {
                                0 => None,
                                v if v < 0 => Some(item.left.clone()),
                                _ => Some(item.right.clone()),
                            };
                            view! {
                                <label class=format!("seg seg-{}", v.unsigned_abs())>
                                    <input type="radio" name=form_fields::rating(&item.id)
                                        value=v.to_string() checked=chosen == Some(v)/>
                                    <span class="dot" aria-hidden="true"></span>
                                    <span class="visually-hidden">
                                        {SEGMENTS[(v + RATING_MAX) as usize].0}{leans_to}
                                    </span>
                                </label>
                            }
                        })
                        .collect_view();
                    // The chosen segment in words, picked by the style sheet from the
                    // checked button (see `.rating-now`): right with or without script.
                    let readout = SEGMENTS
                        .iter()
                        .enumerate()
                        .map(|(i, (_, short))| view! { <span class=format!("r r{i}")>{*short}</span> })
                        .collect_view();
                    view! {
                        <fieldset class="item" data-test="item">
                            <legend class="statements">
                                <span class="left">{item.left.clone()}</span>
                                <span class="visually-hidden">" or "</span>
                                <span class="right">{item.right.clone()}</span>
                            </legend>
                            <div class="segments">{segments}</div>
                            <p class="rating-now" aria-hidden="true">
                                <span class="r-none">"Not answered"</span>
                                {readout}
                            </p>
                        </fieldset>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="step dimension-group" hidden=step != i>
                    {heading(i, d.title.clone())}
                    <p class="hint">
                        "For each pair, pick the box nearer the statement that fits you "
                        "better: the outer boxes mean strongly, the middle one no preference. "
                        "Skip any pair you are unsure about."
                    </p>
                    {items}
                    {nav(i)}
                </fieldset>
            }
        })
        .collect_view();
    let choice_step = (!finder.choices.is_empty()).then(|| {
        let i = finder.dimensions.len();
        let questions = finder
            .choices
            .iter()
            .map(|c| {
                let picked = answers.choices.get(&c.id);
                let options = c
                    .options
                    .iter()
                    .map(|o| {
                        view! {
                            <label class="option">
                                <input
                                    type=if c.multiple { "checkbox" } else { "radio" }
                                    name=form_fields::choice(&c.id)
                                    value=o.id.clone()
                                    checked=picked.is_some_and(|v| v.contains(&o.id))
                                />
                                <span>{o.label.clone()}</span>
                            </label>
                        }
                    })
                    .collect_view();
                view! {
                    <fieldset class="question">
                        <legend>{c.prompt.clone()}{c.multiple.then_some(" (choose any)")}</legend>
                        <div class="options">{options}</div>
                    </fieldset>
                }
            })
            .collect_view();
        view! {
            <fieldset class="step dimension-group" hidden=step != i>
                {heading(i, "Practical wishes".to_string())}
                {questions}
                {nav(i)}
            </fieldset>
        }
    });
    view! {
        <form id=FORM_ID class="finder" method="post" action=paths::PREFERENCES_RESULT>
            {rating_steps}
            {choice_step}
        </form>
    }
}
