//! The preference finder island: a thin controller around a form the server renders.
//!
//! The form (one step per dimension, each statement pair a 7-step radio group, then
//! the practical wishes; see `routes/preferences.rs`) is the island's children, so it
//! ships no code. Without JavaScript it posts every step to `/preferences?step=N`
//! (all answers ride along: the steps not shown are only hidden) and the last step
//! to `/preferences`, which scores, renders and forgets.
//!
//! With JavaScript this island listens to the form (event delegation): it keeps the
//! answers in `localStorage` only, switches steps in the browser (buttons carry
//! `data-go`, the step they lead to, from 0), sums up the steps already seen, and
//! scores and shows the result in the browser; nothing is sent.

use crate::components::profile::ProfileView;
use crate::finder::PreferenceFinder;
use crate::finder_scoring::{FinderAnswers, score};
use crate::form_fields::Field;
use crate::storage::{self, SaveError};
use leptos::prelude::*;

/// The `id` of the finder's form, for buttons outside it (the steps already seen).
pub const FORM_ID: &str = "finder-form";
/// The attribute of a button that leads to a step (from 0; the result is
/// `PreferenceFinder::steps`).
pub const GO: &str = "data-go";

/// Move focus (and the view) to the element `id` once the next frame has rendered
/// it, so a phone user sees it and a screen reader announces it.
#[cfg(feature = "browser")]
fn focus_later(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            let _ = el.dyn_ref::<web_sys::HtmlElement>().map(|h| h.focus());
            el.scroll_into_view();
        }
    });
}

/// The form's elements with the tag or class `name`, in document order.
#[cfg(feature = "browser")]
fn form_elements(class: bool, name: &str) -> Vec<web_sys::Element> {
    let Some(form) = document().get_element_by_id(FORM_ID) else {
        return Vec::new();
    };
    let list = if class {
        form.get_elements_by_class_name(name)
    } else {
        form.get_elements_by_tag_name(name)
    };
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// Check exactly the form's inputs that `answers` holds.
#[cfg(feature = "browser")]
fn show_answers(answers: &FinderAnswers) {
    for el in form_elements(false, "input") {
        let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() else {
            continue;
        };
        let (name, value) = (input.name(), input.value());
        let on = match Field::parse(&name) {
            Some(Field::Rating(id)) => answers
                .ratings
                .get(id)
                .is_some_and(|r| value.parse() == Ok(*r)),
            Some(Field::Choice(id)) => answers.choices.get(id).is_some_and(|v| v.contains(&value)),
            _ => continue,
        };
        input.set_checked(on);
    }
}

/// Take one changed input into `answers` (read in the browser only).
#[cfg_attr(not(feature = "browser"), allow(dead_code))]
fn take(answers: &mut FinderAnswers, name: &str, value: String, on: bool, single: bool) {
    match Field::parse(name) {
        Some(Field::Rating(id)) => {
            if let Ok(r) = value.parse() {
                answers.ratings.insert(id.to_string(), r);
            }
        }
        Some(Field::Choice(id)) => {
            let list = answers.choices.entry(id.to_string()).or_default();
            if single {
                list.clear();
            }
            list.retain(|x| *x != value);
            if on {
                list.push(value);
            }
        }
        _ => {}
    }
}

#[island]
pub fn FinderForm(
    finder: PreferenceFinder,
    submitted: FinderAnswers,
    // The step to show, from 0; `finder.steps()` is the result.
    step: usize,
    posted: bool,
    // The form, rendered on the server (and, for a posted result, the forms that
    // carry the answers on): no code in the browser.
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
        #[cfg(feature = "browser")]
        {
            answers.with_untracked(show_answers);
            if let Some(form) = document().get_element_by_id(FORM_ID) {
                let _ = form.set_attribute("data-hydrated", "true");
            }
        }
    });
    // Show the current step only (the server rendered the same).
    #[cfg(feature = "browser")]
    Effect::new(move |_| {
        let now = current.get();
        for (i, el) in form_elements(true, "step").into_iter().enumerate() {
            let _ = if i == now {
                el.remove_attribute("hidden")
            } else {
                el.set_attribute("hidden", "")
            };
        }
    });
    let go = move |to: usize| {
        current.set(to);
        #[cfg(feature = "browser")]
        focus_later(if to >= total {
            "profile-title".to_string()
        } else {
            format!("step-{}", to + 1)
        });
    };
    let profile = Memo::new(move |_| answers.with(|a| finder.with_value(|f| score(f, a))));

    // A pick, anywhere in the form: keep it, in this browser only, at once.
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "browser")]
        if let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .filter(|i| Field::parse(&i.name()).is_some())
        {
            let single = input.type_() == "radio";
            answers.update(|a| take(a, &input.name(), input.value(), input.checked(), single));
            writer.schedule(move || {
                saved.set(Some(storage::update(|s| {
                    s.finder = answers.get_untracked()
                })));
            });
            writer.flush();
        }
        #[cfg(not(feature = "browser"))]
        let _ = ev;
    };
    // Next, Back and Change: switch steps here instead of posting.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "browser")]
        if let Some(to) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(&format!("[{GO}]")).ok().flatten())
            .and_then(|el| el.get_attribute(GO))
            .and_then(|n| n.parse().ok())
        {
            ev.prevent_default();
            go(to);
        }
        #[cfg(not(feature = "browser"))]
        let _ = ev;
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        writer.flush();
        go(total);
    };

    // The steps already seen, each with a way back to it.
    let done = move || {
        let now = current.get();
        (now > 0).then(|| {
            let rows = (0..now.min(total))
                .map(|j| {
                    let (title, n, all) = finder.with_value(|f| {
                        answers.with(|a| match f.dimensions.get(j) {
                            Some(d) => {
                                let items = f.items.iter().filter(|it| it.dimension == d.id);
                                let n = items
                                    .clone()
                                    .filter(|it| a.ratings.contains_key(&it.id))
                                    .count();
                                (d.title.clone(), n, items.count())
                            }
                            None => (
                                "Practical wishes".to_string(),
                                f.choices
                                    .iter()
                                    .filter(|c| a.choices.get(&c.id).is_some_and(|v| !v.is_empty()))
                                    .count(),
                                f.choices.len(),
                            ),
                        })
                    });
                    view! {
                        <li>
                            <span class="done-title">{title.clone()}</span>
                            <span class="meta">" "{n}" of "{all}" answered "</span>
                            <button type="submit" class="link-button" form=FORM_ID
                                formaction=crate::paths::preferences_step(j + 1) data-go=j
                                aria-label=format!("Change: {title}")>"Change"</button>
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
        #[cfg(feature = "browser")]
        show_answers(&FinderAnswers::default());
        deleted.set(true);
        go(0);
    };

    let result = move || {
        (current.get() >= total).then(|| {
            view! {
                <ProfileView profile=profile.get()/>
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
        <div class="finder-island" on:change=on_change on:click=on_click on:submit=on_submit>
            {result}
            {done}
            {children()}
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
        </div>
    }
}

#[cfg(feature = "browser")]
use wasm_bindgen::JsCast;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_taken_as_the_form_would_post_it() {
        let mut a = FinderAnswers::default();
        take(&mut a, "r.x", "-2".into(), true, true);
        take(&mut a, "c.format", "video".into(), true, false);
        take(&mut a, "c.format", "phone".into(), true, false);
        take(&mut a, "c.format", "video".into(), false, false);
        take(&mut a, "c.one", "a".into(), true, true);
        take(&mut a, "c.one", "b".into(), true, true);
        take(&mut a, "r.y", "nope".into(), true, true);
        take(&mut a, "profile-view", "on".into(), true, true);
        assert_eq!(a.ratings, [("x".to_string(), -2)].into());
        assert_eq!(a.choices["format"], ["phone"]);
        assert_eq!(a.choices["one"], ["b"]);
    }
}
