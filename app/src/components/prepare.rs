//! Reflection questions for a first session. With JavaScript, notes are saved in
//! this browser as you type; without it, the form posts to `/summary`.

use crate::answers::{NOTE_MAX, SavedAnswers};
use crate::components::hidden_fields;
use crate::form_fields;
use crate::paths;
use crate::prepare::Prepare;
use crate::storage::{self, SaveError};
use leptos::prelude::*;

#[island]
pub fn PrepareForm(prepare: Prepare, carried: SavedAnswers) -> impl IntoView {
    let notes = RwSignal::new(carried.reflections.clone());
    // `None` until the first write; then whether it reached this browser's storage.
    let saved = RwSignal::new(None::<Result<(), SaveError>>);
    let writer = storage::debounced();
    let hydrated = super::hydrated(move || {
        let stored = storage::load();
        if !stored.reflections.is_empty() {
            notes.set(stored.reflections);
        }
    });
    let finder_only = SavedAnswers {
        reflections: Default::default(),
        ..carried
    };
    let questions = prepare
        .questions
        .iter()
        .map(|q| {
            let id = q.id.clone();
            let value = {
                let id = id.clone();
                move || notes.with(|n| n.get(&id).cloned().unwrap_or_default())
            };
            let on_input = {
                let id = id.clone();
                move |ev: leptos::ev::Event| {
                    let text = event_target_value(&ev);
                    notes.update(|n| {
                        if text.trim().is_empty() {
                            n.remove(&id);
                        } else {
                            n.insert(id.clone(), text);
                        }
                    });
                    // Written after a pause in typing, on leaving the field, or on
                    // leaving the page; the status says "Saved" only once it is.
                    writer.schedule(move || {
                        saved.set(Some(storage::update(|s| {
                            s.reflections = notes.get_untracked();
                        })));
                    });
                }
            };
            let field = format!("note-{id}");
            view! {
                <div class="reflection">
                    <label for=field.clone()>{q.prompt.clone()}</label>
                    <p class="hint" id=format!("{field}-hint")>{q.hint.clone()}</p>
                    <textarea
                        id=field.clone()
                        name=form_fields::note(&id)
                        rows="4"
                        maxlength=NOTE_MAX.to_string()
                        aria-describedby=format!("{field}-hint")
                        prop:value=value.clone()
                        on:input=on_input
                        on:change=move |_| writer.flush()
                    >{value()}</textarea>
                </div>
            }
        })
        .collect_view();
    view! {
        <form class="prepare" method="post" action=paths::SUMMARY data-hydrated=move || hydrated.get().then_some("true")>
            {hidden_fields(&finder_only)}
            {questions}
            <p class="meta" role="status">
                {move || match (hydrated.get(), saved.get()) {
                    (true, Some(Ok(()))) => "Saved in this browser only.".to_string(),
                    (true, Some(Err(e))) => format!("{e}."),
                    (true, None) => "Your notes are saved in this browser as you type, and never sent to us.".to_string(),
                    _ => "Without JavaScript, your notes are sent to our server once to make your summary, then forgotten.".to_string(),
                }}
            </p>
            <div class="quiz-actions">
                {move || if hydrated.get() {
                    view! { <a class="button" href="/summary">"See my summary"</a> }.into_any()
                } else {
                    view! { <button type="submit" class="button">"See my summary"</button> }.into_any()
                }}
            </div>
        </form>
    }
}
