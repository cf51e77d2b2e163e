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
//! scores the answers in the browser with the finder's numbers (`FinderModel`);
//! nothing is sent. It renders nothing itself: the result, the steps already seen,
//! the messages and the comparison with kept copies (`finder/compare.rs`) are
//! server-rendered parts it switches on and off ([`finder_switches`], the same
//! function the server renders with).

use crate::answers::Snapshot;
use crate::finder_scoring::{FinderAnswers, FinderModel, keys};
use crate::form_fields::Field;
use crate::storage::{self, SaveError};

mod compare;
use leptos::prelude::*;

/// The `id` of the finder's form, for buttons outside it (the steps already seen).
pub const FORM_ID: &str = "finder-form";
/// The attribute of a button that leads to a step (from 0; the result is
/// `PreferenceFinder::steps`).
pub const GO: &str = "data-go";

/// Move focus (and the view) to the element `id`, just switched on, so a phone user
/// sees it and a screen reader announces it.
#[cfg(feature = "browser")]
fn focus_now(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        let _ = el.dyn_ref::<web_sys::HtmlElement>().map(|h| h.focus());
        el.scroll_into_view();
    }
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

/// What the island shows, besides the result.
#[derive(Clone, Copy, Default)]
pub struct View {
    /// The step shown, from 0; `steps` is the result.
    pub step: usize,
    pub hydrated: bool,
    /// `None` until the first write; then whether it reached this browser's storage.
    pub saved: Option<Result<(), SaveError>>,
    pub deleted: bool,
    /// How many dated copies of the answers this browser keeps.
    pub kept: usize,
}

/// The keys the page shows for `view` and `answers` (see `finder_scoring::keys`),
/// and the order of its ordered parts: the server renders with them, the island
/// switches with them.
pub fn finder_switches(
    model: &FinderModel,
    answers: &FinderAnswers,
    view: View,
) -> (Vec<String>, Vec<String>) {
    let total = model.steps();
    let mut on = keys::steps(view.step, total);
    let mut order = Vec::new();
    if view.step >= total {
        let outcome = model.outcome(answers);
        on.extend(outcome.keys());
        order = outcome.order();
        if view.hydrated {
            on.push(NEXT.into());
            if view.kept > 0 {
                on.push(COMPARE.into());
            }
        }
    }
    on.push(
        match (view.hydrated, view.saved, view.deleted) {
            (false, _, _) => keys::NO_SCRIPT,
            (true, Some(Err(_)), _) => STATUS_FAILED,
            (true, _, true) => STATUS_DELETED,
            (true, _, false) => keys::SCRIPT,
        }
        .into(),
    );
    if view.hydrated {
        on.push(DELETE.into());
    }
    (on, order)
}

/// Keys of the island's own parts (rendered by `routes/preferences.rs`).
pub const NEXT: &str = "next";
/// The comparison with a kept copy (at the result, with copies kept).
pub const COMPARE: &str = "compare";
/// The attribute of the "Keep a dated copy" button, of the two selects of the
/// comparison, and of the line that says a copy was kept.
pub const KEEP_BUTTON: &str = "data-keep";
pub const COMPARE_SELECT: &str = "data-compare";
pub const KEPT_STATUS: &str = "kept-status";
pub const DELETE: &str = "delete";
pub const STATUS_FAILED: &str = "failed";
pub const STATUS_DELETED: &str = "deleted";
/// The attribute of the "Delete my finder answers" button (`routes/preferences.rs`).
pub const DELETE_BUTTON: &str = "data-delete";

/// How many of step `j`'s questions are answered (the server's render of the steps
/// already seen says the same, `routes/preferences.rs`).
pub fn answered(model: &FinderModel, answers: &FinderAnswers, j: usize) -> usize {
    if j < model.dimensions {
        model
            .items
            .iter()
            .filter(|i| i.dimension == j && answers.ratings.contains_key(&i.id))
            .count()
    } else {
        model
            .choices
            .iter()
            .filter(|c| answers.choices.get(&c.id).is_some_and(|v| !v.is_empty()))
            .count()
    }
}

#[island]
pub fn FinderForm(
    model: FinderModel,
    submitted: FinderAnswers,
    // The step to show, from 0; `model.steps()` is the result.
    step: usize,
    posted: bool,
    // The form, its result and the steps already seen, rendered on the server:
    // the island only switches their parts on and off.
    children: Children,
) -> impl IntoView {
    let total = model.steps();
    let state = StoredValue::new((
        model,
        submitted,
        View {
            step: step.min(total),
            ..View::default()
        },
    ));
    let kept = StoredValue::new(Vec::<Snapshot>::new());
    let writer = storage::debounced();
    // Show what the state says: the step, the result, the counts, the messages.
    let render = move || {
        #[cfg(feature = "browser")]
        state.with_value(|(model, answers, view)| {
            let Some(root) = document().get_element_by_id(ROOT_ID) else {
                return;
            };
            let view = View {
                kept: kept.with_value(Vec::len),
                ..*view
            };
            let (on, order) = finder_switches(model, answers, view);
            super::switch(&root, &on, &order);
            if view.step >= model.steps() && view.kept > 0 {
                kept.with_value(|k| compare::fill(&root, model, answers, k));
            }
            for j in 0..model.steps() {
                if let Ok(Some(el)) = root.query_selector(&format!("[data-count=\"{j}\"]")) {
                    el.set_text_content(Some(&answered(model, answers, j).to_string()));
                }
            }
        });
    };
    let go = move |to: usize| {
        state.update_value(|(_, _, v)| v.step = to);
        render();
        #[cfg(feature = "browser")]
        focus_now(&if to >= total {
            "profile-title".to_string()
        } else {
            format!("step-{}", to + 1)
        });
    };
    // Coming alive in the browser (the page is already there: islands hydrate the
    // server's HTML): read what this browser keeps and show it.
    #[cfg(feature = "browser")]
    {
        let stored = storage::load();
        kept.set_value(stored.snapshots.clone());
        let stored = (!posted).then_some(stored);
        state.update_value(|(_, answers, view)| {
            view.hydrated = true;
            if let Some(stored) = stored.filter(|s| !s.finder.is_empty()) {
                *answers = stored.finder;
            }
            show_answers(answers);
        });
        if let Some(form) = document().get_element_by_id(FORM_ID) {
            let _ = form.set_attribute("data-hydrated", "true");
        }
        render();
    }
    #[cfg(not(feature = "browser"))]
    let _ = posted;

    // A pick, anywhere in the form: keep it, in this browser only, at once.
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "browser")]
        if let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .filter(|i| Field::parse(&i.name()).is_some())
        {
            let single = input.type_() == "radio";
            state.update_value(|(_, a, _)| {
                take(a, &input.name(), input.value(), input.checked(), single)
            });
            writer.schedule(move || {
                let answers = state.with_value(|(_, a, _)| a.clone());
                let result = storage::update(|s| s.finder = answers);
                state.update_value(|(_, _, v)| v.saved = Some(result));
                render();
            });
            writer.flush();
        } else if ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.has_attribute(COMPARE_SELECT))
        {
            render();
        }
        #[cfg(not(feature = "browser"))]
        let _ = ev;
    };
    // Deleting asks first, says what goes and what stays, and keeps the notes
    // written on /prepare.
    let delete = move || {
        if !storage::confirm(
            "Delete your finder answers and their dated copies from this browser? Your notes for a first session are kept. This cannot be undone.",
        ) {
            return;
        }
        writer.cancel();
        kept.set_value(Vec::new());
        let result = storage::forget_finder();
        state.update_value(|(_, answers, view)| {
            *answers = FinderAnswers::default();
            view.saved = Some(result);
            view.deleted = true;
        });
        #[cfg(feature = "browser")]
        show_answers(&FinderAnswers::default());
        go(0);
    };
    // Keep a dated copy of these answers, to compare with when the reader comes back.
    let keep = move || {
        #[cfg(feature = "browser")]
        {
            writer.flush();
            let taken = super::clock::now_iso();
            let mut copies = Vec::new();
            let result = storage::update(|s| {
                s.finder = state.with_value(|(_, a, _)| a.clone());
                s.keep_snapshot(taken.clone());
                copies = s.snapshots.clone();
            });
            let said = match result {
                Ok(()) => format!(
                    "Kept: {}. This device keeps {} dated {} (the newest {}).",
                    super::clock::date_words(Some(&taken), true),
                    copies.len(),
                    if copies.len() == 1 { "copy" } else { "copies" },
                    crate::answers::SNAPSHOTS_MAX
                ),
                Err(e) => format!("{e}."),
            };
            if result.is_ok() {
                kept.set_value(copies);
            }
            if let Some(el) = document().get_element_by_id(KEPT_STATUS) {
                el.set_text_content(Some(&said));
            }
            render();
        }
    };
    // Next, Back and Change switch steps here instead of posting, and the last step's
    // submit shows the result; Delete asks first.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "browser")]
        {
            let target = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let closest = |sel: &str| {
                target
                    .as_ref()
                    .and_then(|el| el.closest(sel).ok().flatten())
            };
            if let Some(to) = closest(&format!("[{GO}]"))
                .and_then(|el| el.get_attribute(GO))
                .and_then(|n| n.parse().ok())
            {
                ev.prevent_default();
                go(to);
            } else if closest(&format!("[{DELETE_BUTTON}]")).is_some() {
                delete();
            } else if closest(&format!("[{KEEP_BUTTON}]")).is_some() {
                keep();
            } else if closest(&format!("#{FORM_ID} [type=submit]")).is_some() {
                // "See my results" (a click, or Enter in the form, which clicks it):
                // scored here, nothing is sent.
                ev.prevent_default();
                writer.flush();
                go(total);
            }
        }
        #[cfg(not(feature = "browser"))]
        let _ = (ev, delete, keep);
    };
    view! {
        <div id=ROOT_ID class="finder-island" on:change=on_change on:click=on_click>
            {children()}
        </div>
    }
}

/// The `id` of the island's root.
pub const ROOT_ID: &str = "finder-island";

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
