//! "My therapy preferences": the finder's profile and the reflection notes, in the
//! reader's own voice, dated, to print, copy or save as a file, with the main
//! helplines on the printout. Export, import and deleting are on `/my-data`.

use crate::answers::{SavedAnswers, summary_markdown};
use crate::components::profile::ProfileView;
use crate::finder::PreferenceFinder;
use crate::finder_scoring::score;
use crate::prepare::Prepare;
use crate::storage;
use leptos::prelude::*;

#[cfg(feature = "browser")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    type Date;
    #[wasm_bindgen(constructor)]
    fn new() -> Date;
    #[wasm_bindgen(method, js_name = toLocaleDateString)]
    fn to_locale_date_string(this: &Date, locale: &str, options: &wasm_bindgen::JsValue) -> String;
}

/// Today's date in words, from this device's clock (the page itself is the same for
/// everyone, so the server cannot write it).
fn today() -> String {
    #[cfg(feature = "browser")]
    {
        let options = js_sys_options(r#"{"day":"numeric","month":"long","year":"numeric"}"#);
        Date::new().to_locale_date_string("en-GB", &options)
    }
    #[cfg(not(feature = "browser"))]
    String::new()
}

#[cfg(feature = "browser")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
    fn js_sys_options(text: &str) -> wasm_bindgen::JsValue;
}

#[island]
pub fn SummaryView(
    finder: Option<PreferenceFinder>,
    prepare: Option<Prepare>,
    posted: Option<SavedAnswers>,
    // The date of a no-JavaScript post, written by the server for that one answer.
    date: Option<String>,
) -> impl IntoView {
    let was_posted = posted.is_some();
    let saved = RwSignal::new(posted.unwrap_or_default());
    let message = RwSignal::new(String::new());
    let finder = StoredValue::new(finder);
    let prepare = StoredValue::new(prepare);
    let date = RwSignal::new(date);
    let hydrated = super::hydrated(move || {
        if !was_posted {
            saved.set(storage::load());
        }
        date.set(Some(today()));
    });
    let text = move || {
        saved.with(|s| {
            finder
                .with_value(|f| prepare.with_value(|p| summary_markdown(f.as_ref(), p.as_ref(), s)))
        })
    };

    let profile = move || {
        saved.with(|s| {
            (!s.finder.is_empty())
                .then(|| finder.with_value(|f| f.as_ref().map(|f| score(f, &s.finder))))
                .flatten()
                .map(|profile| view! { <ProfileView profile mine=true/> })
        })
    };
    let notes = move || {
        saved.with(|s| {
            prepare.with_value(|p| {
                let p = p.as_ref()?;
                let items: Vec<_> = p
                    .questions
                    .iter()
                    .filter_map(|q| {
                        s.reflections
                            .get(&q.id)
                            .map(|a| (q.prompt.clone(), a.clone()))
                    })
                    .collect();
                (!items.is_empty()).then(|| {
                    let rows = items
                        .into_iter()
                        .map(|(q, a)| view! { <dt>{q}</dt><dd class="note-text">{a}</dd> })
                        .collect_view();
                    view! {
                        <section aria-labelledby="notes-title">
                            <h2 id="notes-title">"Before my first session"</h2>
                            <dl class="notes">{rows}</dl>
                        </section>
                    }
                })
            })
        })
    };
    let empty = move || saved.with(SavedAnswers::is_empty);
    #[cfg(not(feature = "browser"))]
    let _ = text;

    let print = move |_| {
        #[cfg(feature = "browser")]
        let _ = window().print();
    };
    let copy = move |_| {
        #[cfg(feature = "browser")]
        {
            let text = text();
            leptos::task::spawn_local(async move {
                let promise = window().navigator().clipboard().write_text(&text);
                let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                message.set(if ok {
                    "Copied. Paste it wherever you like.".into()
                } else {
                    "Copying was blocked. Use Print or Save as a file instead.".into()
                });
            });
        }
    };
    let save_file = move |_| {
        #[cfg(feature = "browser")]
        {
            super::download("my-therapy-preferences.txt", "text/plain", &text());
            message.set("Saved as my-therapy-preferences.txt in your downloads.".into());
        }
    };

    view! {
        <div class="summary" data-hydrated=move || hydrated.get().then_some("true")>
            <p class="summary-date" data-test="summary-date">
                {move || date.get().filter(|d| !d.is_empty()).map(|d| format!("Made on {d}."))}
            </p>
            // Said only once this browser has been read: before that the page cannot
            // know (and without JavaScript the page explains itself, outside).
            {move || (hydrated.get() && empty()).then(|| view! {
                <p class="callout" data-test="summary-empty">
                    "Nothing here yet. Start with "<a href="/preferences">"the preference finder"</a>
                    " or "<a href="/prepare">"the questions to prepare"</a>"; my summary builds up here."
                </p>
            })}
            {profile}
            {notes}
            // Only what makes sense for what there is: nothing to keep, no buttons.
            {move || (!empty()).then(|| view! {
                <section class="summary-actions" aria-labelledby="keep-title">
                    <h2 id="keep-title">"Keep it"</h2>
                    {move || if hydrated.get() {
                        view! {
                            <div class="quiz-actions">
                                <button type="button" class="button" on:click=print>"Print"</button>
                                <button type="button" class="button secondary" on:click=copy>"Copy as text"</button>
                                <button type="button" class="button secondary" on:click=save_file>"Save as a file"</button>
                            </div>
                        }.into_any()
                    } else {
                        view! { <p>"Use your browser's Print or Share menu to keep this page."</p> }.into_any()
                    }}
                    <p class="meta" role="status" data-test="summary-message">{move || message.get()}</p>
                </section>
            })}
        </div>
    }
}
