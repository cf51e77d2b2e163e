//! The preference finder island. With JavaScript the answers are scored in the
//! browser and kept only in `localStorage`; nothing is sent. Without it, the same
//! form posts to `/preferences`, which scores, renders and forgets.

use crate::answers::SavedAnswers;
use crate::components::hidden_fields;
use crate::components::profile::ProfileView;
use crate::finder::PreferenceFinder;
use crate::finder_scoring::{FinderAnswers, RATING_MAX, score};
use crate::form_fields;
use crate::paths;
use crate::storage::{self, SaveError};
use leptos::prelude::*;

fn rating_text(r: i8, left: &str, right: &str) -> String {
    let strength = match r.abs() {
        0 => return "No preference".to_string(),
        1 => "Slightly",
        2 => "Mostly",
        _ => "Strongly",
    };
    format!("{strength}: {}", if r < 0 { left } else { right })
}

#[island]
pub fn FinderForm(
    finder: PreferenceFinder,
    submitted: FinderAnswers,
    posted: bool,
) -> impl IntoView {
    let answers = RwSignal::new(submitted);
    let show = RwSignal::new(posted);
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
    // Keep the answers in this browser only. A slider sends many `input` events
    // while it moves: its write waits for a pause; a click on an option is written
    // at once.
    let persist = move |wait: bool| {
        writer.schedule(move || {
            saved.set(Some(storage::update(|s| {
                s.finder = answers.get_untracked()
            })));
        });
        if !wait {
            writer.flush();
        }
    };
    let profile = Memo::new(move |_| answers.with(|a| finder.with_value(|f| score(f, a))));

    let dimensions = finder.with_value(|f| {
        f.dimensions
            .iter()
            .map(|d| {
                let items = f
                    .items
                    .iter()
                    .filter(|i| i.dimension == d.id)
                    .map(|item| {
                        let id = item.id.clone();
                        let (left, right) = (item.left.clone(), item.right.clone());
                        let value = {
                            let id = id.clone();
                            move || answers.with(|a| a.ratings.get(&id).copied().unwrap_or(0))
                        };
                        let value_text = {
                            let (value, left, right) = (value.clone(), left.clone(), right.clone());
                            move || rating_text(value(), &left, &right)
                        };
                        let label = format!("From “{left}” (−3) to “{right}” (+3)");
                        let set = {
                            let id = id.clone();
                            move |ev: leptos::ev::Event| {
                                let r = event_target_value(&ev)
                                    .parse::<i8>()
                                    .unwrap_or(0)
                                    .clamp(-RATING_MAX, RATING_MAX);
                                answers.update(|a| {
                                    a.ratings.insert(id.clone(), r);
                                });
                                persist(true);
                            }
                        };
                        view! {
                            <div class="item" data-test="item">
                                <div class="statements" aria-hidden="true">
                                    <p class="left">{left.clone()}</p>
                                    <p class="right">{right.clone()}</p>
                                </div>
                                <input
                                    type="range"
                                    min="-3"
                                    max="3"
                                    step="1"
                                    name=form_fields::rating(&id)
                                    aria-label=label
                                    aria-valuetext=value_text.clone()
                                    value={let v = value.clone(); move || v().to_string()}
                                    prop:value={let v = value.clone(); move || v().to_string()}
                                    on:input=set
                                />
                                <div class="scale" aria-hidden="true">
                                    <span>"← agree"</span>
                                    <span>"no preference"</span>
                                    <span>"agree →"</span>
                                </div>
                                <p class="rating-now" aria-hidden="true">{value_text}</p>
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <fieldset class="dimension-group">
                        <legend>{d.title.clone()}</legend>
                        {items}
                    </fieldset>
                }
            })
            .collect_view()
    });

    let choices = finder.with_value(|f| {
        f.choices
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
                                answers
                                    .with(|a| a.choices.get(&cid).is_some_and(|v| v.contains(&oid)))
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
                                persist(false);
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
            .collect_view()
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        writer.flush();
        show.set(true);
        // The result renders on the next tick; then move focus (and the view) to it,
        // so a phone user sees it and a screen reader announces it.
        #[cfg(feature = "browser")]
        request_animation_frame(|| {
            if let Some(el) = document().get_element_by_id("profile-title") {
                let _ = el.dyn_ref::<web_sys::HtmlElement>().map(|h| h.focus());
                el.scroll_into_view();
            }
        });
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
        show.set(false);
        deleted.set(true);
    };

    view! {
        <form class="finder" method="post" action=paths::PREFERENCES_RESULT on:submit=on_submit data-hydrated=move || hydrated.get().then_some("true")>
            <h2>"How you would like therapy to feel"</h2>
            <p>"Move each slider towards the statement that fits you better. Leave it in the middle if neither does."</p>
            {dimensions}
            <h2>"Practical wishes"</h2>
            {choices}
            <div class="quiz-actions">
                <button type="submit" class="button">"See my results"</button>
            </div>
            <p class="meta" role="status">
                {move || match (hydrated.get(), saved.get(), deleted.get()) {
                    (true, Some(Err(e)), _) => format!("{e}."),
                    (true, _, true) => "Your finder answers are deleted from this browser. Your notes for a first session are kept.".to_string(),
                    (true, _, false) => "Your answers are saved only in this browser, never sent to us.".to_string(),
                    _ => "Without JavaScript, your answers are sent to our server once to show your result, then forgotten.".to_string(),
                }}
            </p>
            // Away from the main action, and only where there is something to delete.
            {move || hydrated.get().then(|| view! {
                <p class="delete-row">
                    <button type="button" class="button secondary danger" on:click=delete data-test="delete">"Delete my finder answers"</button>
                </p>
            })}
        </form>
        {move || show.get().then(|| view! {
            <ProfileView profile=profile.get()/>
            {move || if hydrated.get() {
                view! {
                    <p class="next-steps">
                        <a class="button" href="/prepare">"Next: prepare for a first session"</a>
                        " "
                        <a href="/summary">"See my summary"</a>
                    </p>
                }.into_any()
            } else {
                // Without JavaScript nothing is kept: carry the answers to the next step.
                let saved = SavedAnswers { finder: answers.get(), ..SavedAnswers::default() };
                view! {
                    <form method="post" action=paths::PREPARE class="next-steps">
                        {hidden_fields(&saved)}
                        <button type="submit" class="button">"Next: prepare for a first session"</button>
                    </form>
                }.into_any()
            }}
        })}
    }
}

#[cfg(feature = "browser")]
use wasm_bindgen::JsCast;
