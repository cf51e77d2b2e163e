use super::PageMeta;
use crate::answers::{PostedFinder, SavedAnswers};
use crate::components::finder::{
    COMPARE, DELETE, FORM_ID, FinderForm, KEPT_STATUS, NEXT, STATUS_DELETED, STATUS_FAILED, View,
    answered, finder_switches,
};
use crate::components::hidden_fields;
use crate::components::profile::{Switches, profile_template};
use crate::content::use_library;
use crate::finder::PreferenceFinder;
use crate::finder_scoring::{FinderAnswers, FinderModel, RATING_MAX, keys};
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
            <p class="meta" data-test="snapshots-no-script">
                "To compare with another time, print this result or save the page: without "
                "JavaScript this site keeps nothing on your device, so it cannot keep a copy for you."
            </p>
        }
    });
    let form = finder_form(&finder, &submitted, step);
    // The result and the steps already seen: all their parts, with the switches of
    // this render (a posted result, or the step asked for); the island sets the
    // same switches in the browser.
    let model = FinderModel::new(&finder);
    let on = Switches::new(finder_switches(
        &model,
        &submitted,
        View {
            step,
            ..View::default()
        },
    ));
    let result = profile_template(&finder, &on, false);
    let compare = compare_section(&finder, &on);
    let done = steps_done(&finder, &model, &submitted, &on);
    let own = island_parts(&on);
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
        <FinderForm model submitted step posted=posted.is_some()>
            {result}
            {own.0}
            {compare}
            {carry}
            {done}
            {form}
            {own.1}
        </FinderForm>
    }
    .into_any()
}

/// The island's own parts, switched like the result: the next steps after a result
/// (with JavaScript), then the status line and the delete button at the foot.
fn island_parts(on: &Switches) -> (impl IntoView + use<>, impl IntoView + use<>) {
    let k = |key: &str| (key.to_string(), on.hidden(key));
    let (next, next_hidden) = k(NEXT);
    let next = view! {
        <p class="next-steps quiz-actions" data-k=next hidden=next_hidden>
            <a class="button" href="/prepare">"Next: prepare for a first session"</a>
            <a class="button secondary" href="/summary">"See my summary"</a>
        </p>
    };
    let status = [
        (keys::NO_SCRIPT, "Without JavaScript, your answers are sent to our server at each step to show the next one, then forgotten."),
        (keys::SCRIPT, "Your answers are saved only in this browser, never sent to us."),
        (STATUS_DELETED, "Your finder answers are deleted from this browser. Your notes for a first session are kept."),
        (STATUS_FAILED, "Could not save on this device — your answers are still on this page."),
    ]
    .map(|(key, text)| {
        let (key, hidden) = k(key);
        view! { <span data-k=key hidden=hidden>{text}</span> }
    });
    let (delete, delete_hidden) = k(DELETE);
    let foot = view! {
        <p class="meta" role="status">{status.into_iter().collect_view()}</p>
        // Away from the main action, and only where there is something to delete.
        <p class="delete-row" data-k=delete hidden=delete_hidden>
            <button type="button" class="button secondary danger" data-delete="" data-test="delete">"Delete my finder answers"</button>
        </p>
    };
    (next, foot)
}

/// Retake and compare (with JavaScript, at the result): keep a dated copy of the
/// answers on this device, and compare two copies, or one with now, side by side.
/// The island fills the selects and the cells (`components/finder/compare.rs`).
fn compare_section(finder: &PreferenceFinder, on: &Switches) -> impl IntoView + use<> {
    let rows = finder
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| {
            view! {
                <tr data-row=d data-left=dim.left.clone() data-right=dim.right.clone()>
                    <th scope="row">{dim.title.clone()}</th>
                    <td data-cell=format!("a{d}")></td>
                    <td data-cell=format!("b{d}")></td>
                    <td data-cell=format!("m{d}")></td>
                </tr>
            }
        })
        .collect_view();
    let (next, compare) = (NEXT, COMPARE);
    view! {
        <section class="snapshots" aria-labelledby="snapshots-title" data-test="snapshots" data-k=next hidden=on.hidden(next)>
            <h2 id="snapshots-title">"Compare with another time"</h2>
            <p>
                "Preferences change, in therapy and out of it. Keep a dated copy of this result "
                "on this device, take the finder again another day, and see what moved."
            </p>
            <p><button type="button" class="button secondary" data-keep="">"Keep a dated copy of this result"</button></p>
            <p class="meta" role="status" id=KEPT_STATUS></p>
            <div data-k=compare hidden=on.hidden(compare)>
                <p class="compare-pick">
                    <label for="compare-a">"Compare"</label>" "
                    <select id="compare-a" data-compare=""></select>" "
                    <label for="compare-b">"with"</label>" "
                    <select id="compare-b" data-compare=""></select>
                </p>
                <div class="table-scroll">
                    <table class="compare-table" data-test="compare-table">
                        <caption class="visually-hidden">"How each preference moved, on the scale from −3 to +3"</caption>
                        <thead>
                            <tr><th scope="col">"Preference"</th><th scope="col">"Then"</th><th scope="col">"Now"</th><th scope="col">"What moved"</th></tr>
                        </thead>
                        <tbody>
                            {rows}
                            <tr>
                                <th scope="row">"Approaches that may fit"</th>
                                <td data-cell="fa"></td><td data-cell="fb"></td><td data-cell="fm"></td>
                            </tr>
                        </tbody>
                    </table>
                </div>
            </div>
        </section>
    }
}

/// The steps already seen, each with a way back to it; `data-count` holds how many
/// of its questions are answered (the island keeps it up to date).
fn steps_done(
    finder: &PreferenceFinder,
    model: &FinderModel,
    answers: &FinderAnswers,
    on: &Switches,
) -> impl IntoView + use<> {
    let total = finder.steps();
    let rows = (0..total)
        .map(|j| {
            let n = answered(model, answers, j);
            let (title, all) = match finder.dimensions.get(j) {
                Some(d) => (
                    d.title.clone(),
                    finder.items.iter().filter(|it| it.dimension == d.id).count(),
                ),
                None => ("Practical wishes".to_string(), finder.choices.len()),
            };
            let key = keys::done(j);
            let hidden = on.hidden(&key);
            view! {
                <li data-k=key hidden=hidden>
                    <span class="done-title">{title.clone()}</span>
                    <span class="meta">" "<span data-count=j>{n}</span>" of "{all}" answered "</span>
                    <button type="submit" class="link-button" form=FORM_ID
                        formaction=paths::preferences_step(j + 1) data-go=j
                        aria-label=format!("Change: {title}")>"Change"</button>
                </li>
            }
        })
        .collect_view();
    let k = |key: &str| (key.to_string(), on.hidden(key));
    let ((done, done_hidden), (some, some_hidden), (all, all_hidden)) =
        (k("done"), k("done-some"), k("done-all"));
    view! {
        <section class="steps-done" aria-labelledby="steps-done-title" data-test="steps-done" data-k=done hidden=done_hidden>
            <h2 id="steps-done-title" class="small-heading">
                <span data-k=some hidden=some_hidden>"Your answers so far"</span>
                <span data-k=all hidden=all_hidden>"Your answers"</span>
            </h2>
            <ol>{rows}</ol>
        </section>
    }
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
                <fieldset class="step dimension-group" data-k=keys::step(i) hidden=step != i>
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
            <fieldset class="step dimension-group" data-k=keys::step(i) hidden=step != i>
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
