//! The preference finder island, in steps: one step per dimension (its statement
//! pairs, each a 7-step radio group), then the practical wishes, then the result.
//!
//! With JavaScript the steps switch in the browser, the answers are scored there
//! and kept only in `localStorage`; nothing is sent. Without it, the same form posts
//! every step to `/preferences?step=N` (all answers ride along in the form: the
//! steps not shown are only hidden), and the last step to `/preferences`, which
//! scores, renders and forgets.

use crate::components::profile::ProfileView;
use crate::finder::PreferenceFinder;
use crate::finder_scoring::{FinderAnswers, RATING_MAX, score};
use crate::form_fields;
use crate::paths;
use crate::storage::{self, SaveError};
use leptos::prelude::*;

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

/// Move focus (and the view) to the element `id` once the next frame has rendered
/// it, so a phone user sees it and a screen reader announces it.
fn focus_later(id: String) {
    #[cfg(feature = "browser")]
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            let _ = el.dyn_ref::<web_sys::HtmlElement>().map(|h| h.focus());
            el.scroll_into_view();
        }
    });
    #[cfg(not(feature = "browser"))]
    let _ = id;
}

#[island]
pub fn FinderForm(
    finder: PreferenceFinder,
    submitted: FinderAnswers,
    // The step to show, from 0; `finder.steps()` is the result.
    step: usize,
    posted: bool,
    // Rendered on the server under the result, and no code in the browser: without
    // JavaScript, the forms that carry the answers to the next pages.
    children: Children,
) -> impl IntoView {
    let total = finder.steps();
    let answers = RwSignal::new(submitted);
    let current = RwSignal::new(step.min(total));
    let finder = StoredValue::new(finder);
    // `None` until the first write; then whether it reached this browser's storage.
    let saved = RwSignal::new(None::<Result<(), SaveError>>);
    let writer = storage::debounced();
    let hydrated = super::hydrated(move || {
        if !posted {
            let stored = storage::load();
            if !stored.finder.is_empty() {
                answers.set(stored.finder);
            }
        }
    });
    // Keep the answers in this browser only, written at once on each pick.
    let persist = move || {
        writer.schedule(move || {
            saved.set(Some(storage::update(|s| {
                s.finder = answers.get_untracked()
            })));
        });
        writer.flush();
    };
    let go = move |to: usize| {
        current.set(to);
        focus_later(if to >= total {
            "profile-title".to_string()
        } else {
            format!("step-{}", to + 1)
        });
    };
    let profile = Memo::new(move |_| answers.with(|a| finder.with_value(|f| score(f, a))));

    // The title of step `i` and how many of its questions are answered.
    let step_title = move |i: usize| {
        finder.with_value(|f| {
            f.dimensions
                .get(i)
                .map_or_else(|| "Practical wishes".to_string(), |d| d.title.clone())
        })
    };
    let answered = move |i: usize| {
        finder.with_value(|f| {
            answers.with(|a| match f.dimensions.get(i) {
                Some(d) => {
                    let items = f.items.iter().filter(|it| it.dimension == d.id);
                    let all = items.clone().count();
                    (
                        items.filter(|it| a.ratings.contains_key(&it.id)).count(),
                        all,
                    )
                }
                None => (
                    f.choices
                        .iter()
                        .filter(|c| a.choices.get(&c.id).is_some_and(|v| !v.is_empty()))
                        .count(),
                    f.choices.len(),
                ),
            })
        })
    };

    // Back / Next / See my results at the foot of step `i`. They are submit buttons:
    // without JavaScript each posts the whole form to the step it names.
    let nav = move |i: usize| {
        let back = (i > 0).then(|| {
            view! {
                <button type="submit" class="button secondary" formaction=paths::preferences_step(i)
                    on:click=move |ev| { ev.prevent_default(); go(i - 1); }>"Back"</button>
            }
        });
        let next = if i + 1 < total {
            view! {
                <button type="submit" class="button" formaction=paths::preferences_step(i + 2)
                    on:click=move |ev| { ev.prevent_default(); go(i + 1); }>"Next"</button>
            }
            .into_any()
        } else {
            view! { <button type="submit" class="button">"See my results"</button> }.into_any()
        };
        view! { <div class="quiz-actions step-nav">{next}{back}</div> }
    };

    let rating_steps = finder.with_value(|f| {
        f.dimensions
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let items = f
                    .items
                    .iter()
                    .filter(|it| it.dimension == d.id)
                    .map(|item| {
                        let id = item.id.clone();
                        let (left, right) = (item.left.clone(), item.right.clone());
                        let segments = (-RATING_MAX..=RATING_MAX)
                            .map(|v| {
                                let checked = {
                                    let id = id.clone();
                                    move || answers.with(|a| a.ratings.get(&id) == Some(&v))
                                };
                                let pick = {
                                    let id = id.clone();
                                    move |_| {
                                        answers.update(|a| {
                                            a.ratings.insert(id.clone(), v);
                                        });
                                        persist();
                                    }
                                };
                                view! {
                                    <label class=["seg seg-0", "seg seg-1", "seg seg-2", "seg seg-3"][v.unsigned_abs() as usize]>
                                        <input
                                            type="radio"
                                            name=form_fields::rating(&id)
                                            value=v.to_string()
                                            checked=checked.clone()
                                            prop:checked=checked
                                            on:change=pick
                                        />
                                        <span class="dot" aria-hidden="true"></span>
                                        <span class="visually-hidden">
                                            {SEGMENTS[(v + RATING_MAX) as usize].0}
                                            {match v {
                                                0 => None,
                                                v if v < 0 => Some(left.clone()),
                                                _ => Some(right.clone()),
                                            }}
                                        </span>
                                    </label>
                                }
                            })
                            .collect_view();
                        // The chosen segment in words, by the style sheet alone (so it
                        // is right with or without JavaScript): see `.rating-now`.
                        let readout = (-RATING_MAX..=RATING_MAX)
                            .map(|v| {
                                const CLASSES: [&str; 7] = ["r r0", "r r1", "r r2", "r r3", "r r4", "r r5", "r r6"];
                                let i = (v + RATING_MAX) as usize;
                                view! { <span class=CLASSES[i]>{SEGMENTS[i].1}</span> }
                            })
                            .collect_view();
                        view! {
                            <fieldset class="item" data-test="item">
                                <legend class="statements">
                                    <span class="left">{left.clone()}</span>
                                    <span class="visually-hidden">" or "</span>
                                    <span class="right">{right.clone()}</span>
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
                    <fieldset class="step dimension-group" hidden=move || current.get() != i>
                        <legend>
                            <h2 id=format!("step-{}", i + 1) tabindex="-1">
                                <span class="step-count">{format!("Step {} of {total}", i + 1)}</span>
                                <span class="step-title">{d.title.clone()}</span>
                            </h2>
                        </legend>
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
            .collect_view()
    });

    let choice_step = finder.with_value(|f| {
        (!f.choices.is_empty()).then(|| {
            let i = f.dimensions.len();
            let questions = f
                .choices
                .iter()
                .map(|c| {
                    let options = c
                        .options
                        .iter()
                        .map(|o| {
                            let (cid, oid, multiple) = (c.id.clone(), o.id.clone(), c.multiple);
                            let checked = {
                                let (cid, oid) = (cid.clone(), oid.clone());
                                move || {
                                    answers.with(|a| {
                                        a.choices.get(&cid).is_some_and(|v| v.contains(&oid))
                                    })
                                }
                            };
                            let toggle = {
                                let (cid, oid) = (cid.clone(), oid.clone());
                                move |ev: leptos::ev::Event| {
                                    let on = event_target_checked(&ev);
                                    answers.update(|a| {
                                        let list = a.choices.entry(cid.clone()).or_default();
                                        if !multiple {
                                            list.clear();
                                        }
                                        list.retain(|x| *x != oid);
                                        if on {
                                            list.push(oid.clone());
                                        }
                                    });
                                    persist();
                                }
                            };
                            view! {
                                <label class="option">
                                    <input
                                        type=if multiple { "checkbox" } else { "radio" }
                                        name=form_fields::choice(&cid)
                                        value=oid.clone()
                                        checked=checked.clone()
                                        prop:checked=checked
                                        on:change=toggle
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
                <fieldset class="step dimension-group" hidden=move || current.get() != i>
                    <legend>
                        <h2 id=format!("step-{}", i + 1) tabindex="-1">
                            <span class="step-count">{format!("Step {} of {total}", i + 1)}</span>
                            <span class="step-title">"Practical wishes"</span>
                        </h2>
                    </legend>
                    {questions}
                    {nav(i)}
                </fieldset>
            }
        })
    });

    // The steps already seen, each with a way back to it.
    let done = move || {
        let now = current.get();
        (now > 0).then(|| {
            let rows = (0..now.min(total))
                .map(|j| {
                    let (n, all) = answered(j);
                    let title = step_title(j);
                    view! {
                        <li>
                            <span class="done-title">{title.clone()}</span>
                            <span class="meta">" "{n}" of "{all}" answered "</span>
                            <button type="submit" class="link-button" formaction=paths::preferences_step(j + 1)
                                aria-label=format!("Change: {title}")
                                on:click=move |ev| { ev.prevent_default(); go(j); }>"Change"</button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="steps-done" aria-labelledby="steps-done-title" data-test="steps-done">
                    <h2 id="steps-done-title" class="small-heading">
                        {if now >= total { "Your answers" } else { "Your answers so far" }}
                    </h2>
                    <ol>{rows}</ol>
                </section>
            }
        })
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        writer.flush();
        go(total);
    };
    // Deleting asks first, says what goes and what stays, and keeps the notes
    // written on /prepare.
    let deleted = RwSignal::new(false);
    let delete = move |_| {
        if !storage::confirm(
            "Delete your finder answers from this browser? Your notes for a first session are kept. This cannot be undone.",
        ) {
            return;
        }
        writer.cancel();
        saved.set(Some(storage::forget_finder()));
        answers.set(FinderAnswers::default());
        deleted.set(true);
        go(0);
    };

    let result = move || {
        (current.get() >= total).then(|| {
            view! {
                <ProfileView profile=profile.get()/>
                // Without JavaScript the page renders the forms that carry the
                // answers on (nothing is kept); with it, the browser has them.
                {move || hydrated.get().then(|| view! {
                    <p class="next-steps quiz-actions">
                        <a class="button" href="/prepare">"Next: prepare for a first session"</a>
                        <a class="button secondary" href="/summary">"See my summary"</a>
                    </p>
                })}
            }
        })
    };

    view! {
        {result}
        {children()}
        <form class="finder" method="post" action=paths::PREFERENCES_RESULT on:submit=on_submit data-hydrated=move || hydrated.get().then_some("true")>
            {done}
            {rating_steps}
            {choice_step}
            <p class="meta" role="status">
                {move || match (hydrated.get(), saved.get(), deleted.get()) {
                    (true, Some(Err(e)), _) => format!("{e}."),
                    (true, _, true) => "Your finder answers are deleted from this browser. Your notes for a first session are kept.".to_string(),
                    (true, _, false) => "Your answers are saved only in this browser, never sent to us.".to_string(),
                    _ => "Without JavaScript, your answers are sent to our server at each step to show the next one, then forgotten.".to_string(),
                }}
            </p>
            // Away from the main action, and only where there is something to delete.
            {move || hydrated.get().then(|| view! {
                <p class="delete-row">
                    <button type="button" class="button secondary danger" on:click=delete data-test="delete">"Delete my finder answers"</button>
                </p>
            })}
        </form>
    }
}

#[cfg(feature = "browser")]
use wasm_bindgen::JsCast;
