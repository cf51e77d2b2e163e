//! "My therapy preferences": the finder's profile and the reflection notes, to
//! print, copy, download (Markdown, JSON), import, or delete.

use crate::answers::{SavedAnswers, summary_markdown};
use crate::components::profile::ProfileView;
use crate::finder::PreferenceFinder;
use crate::finder_scoring::score;
use crate::prepare::Prepare;
use crate::storage;
use leptos::prelude::*;

#[island]
pub fn SummaryView(
    finder: Option<PreferenceFinder>,
    prepare: Option<Prepare>,
    posted: Option<SavedAnswers>,
) -> impl IntoView {
    let was_posted = posted.is_some();
    let saved = RwSignal::new(posted.unwrap_or_default());
    let message = RwSignal::new(String::new());
    let finder = StoredValue::new(finder);
    let prepare = StoredValue::new(prepare);
    let hydrated = super::hydrated(move || {
        if !was_posted {
            saved.set(storage::load());
        }
    });
    let markdown = Memo::new(move |_| {
        saved.with(|s| {
            finder
                .with_value(|f| prepare.with_value(|p| summary_markdown(f.as_ref(), p.as_ref(), s)))
        })
    });

    let profile = move || {
        saved.with(|s| {
            (!s.finder.is_empty())
                .then(|| finder.with_value(|f| f.as_ref().map(|f| score(f, &s.finder))))
                .flatten()
                .map(|profile| view! { <ProfileView profile/> })
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
    let empty = move || {
        saved.with(|s| s.is_empty()).then(|| {
            view! {
                <p class="callout" data-test="summary-empty">
                    "Nothing here yet. Start with "<a href="/preferences">"the preference finder"</a>
                    " or "<a href="/prepare">"the questions to prepare"</a>"; your summary builds up here."
                </p>
            }
        })
    };

    let print = move |_| {
        #[cfg(feature = "browser")]
        let _ = window().print();
    };
    let copy = move |_| {
        #[cfg(feature = "browser")]
        {
            let text = markdown.get_untracked();
            leptos::task::spawn_local(async move {
                let promise = window().navigator().clipboard().write_text(&text);
                let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                message.set(if ok {
                    "Copied. Paste it wherever you like.".into()
                } else {
                    "Copying was blocked; select the text below instead.".into()
                });
            });
        }
    };
    let download_md = move |_| {
        #[cfg(feature = "browser")]
        {
            download(
                "my-therapy-preferences.md",
                "text/markdown",
                &markdown.get_untracked(),
            );
            message.set("Downloaded my-therapy-preferences.md".into());
        }
    };
    let download_json = move |_| {
        #[cfg(feature = "browser")]
        {
            let json = serde_json::to_string_pretty(&saved.get_untracked()).unwrap_or_default();
            download("pathways-answers.json", "application/json", &json);
            message.set(
                "Downloaded pathways-answers.json. Import it here to bring your answers back."
                    .into(),
            );
        }
    };
    let import = move |ev: leptos::ev::Event| {
        #[cfg(feature = "browser")]
        {
            use wasm_bindgen::JsCast;
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            leptos::task::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                match SavedAnswers::from_json(&text) {
                    Ok(imported) => {
                        message.set(match storage::save(&imported) {
                            Ok(()) => "Imported. Your answers are back in this browser.".into(),
                            Err(e) => format!("Imported. {e}."),
                        });
                        saved.set(imported);
                    }
                    Err(e) => message.set(format!("Could not import: {e}.")),
                }
            });
        }
        #[cfg(not(feature = "browser"))]
        let _ = ev;
    };
    let delete = move |_| {
        if !storage::confirm(
            "Delete everything Pathways keeps in this browser: your finder answers and your notes? This cannot be undone.",
        ) {
            return;
        }
        storage::clear();
        saved.set(SavedAnswers::default());
        message.set("Deleted. Pathways keeps nothing else about you.".into());
    };

    view! {
        <div class="summary" data-hydrated=move || hydrated.get().then_some("true")>
            {empty}
            {profile}
            {notes}
            <section class="summary-actions" aria-labelledby="keep-title">
                <h2 id="keep-title">"Keep it"</h2>
                <label for="summary-text">"The summary as text"</label>
                <textarea id="summary-text" class="summary-text" readonly rows="10" prop:value=move || markdown.get()>{markdown.get_untracked()}</textarea>
                // The buttons need JavaScript; they come last so that nothing moves
                // under the reader's eyes when they appear.
                {move || if hydrated.get() {
                    view! {
                        <div class="quiz-actions">
                            <button type="button" class="button" on:click=print>"Print"</button>
                            <button type="button" class="button secondary" on:click=copy>"Copy as text"</button>
                            <button type="button" class="button secondary" on:click=download_md>"Download (Markdown)"</button>
                            <button type="button" class="button secondary" on:click=download_json>"Export answers (JSON)"</button>
                        </div>
                        <label class="import">"Import answers (JSON) "
                            <input type="file" accept="application/json,.json" on:change=import/>
                        </label>
                        <p><button type="button" class="button secondary danger" on:click=delete data-test="delete">"Delete everything"</button></p>
                    }.into_any()
                } else {
                    view! { <p>"Use your browser's Print or Share menu to keep this page, or copy the text above."</p> }.into_any()
                }}
                <p class="meta" role="status" data-test="summary-message">{move || message.get()}</p>
            </section>
        </div>
    }
}

/// Save `text` as a file through an object URL. The click only starts the
/// download, so the URL stays valid until the next download replaces it (dropping
/// an `ObjectUrl` revokes it) rather than being revoked at once.
#[cfg(feature = "browser")]
fn download(name: &str, mime: &str, text: &str) {
    use gloo::file::{Blob, ObjectUrl};
    use std::cell::RefCell;
    use wasm_bindgen::JsCast;
    thread_local! {
        static LAST: RefCell<Option<ObjectUrl>> = const { RefCell::new(None) };
    }
    let url = ObjectUrl::from(Blob::new_with_options(text, Some(mime)));
    if let Some(a) = document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    LAST.with(|last| last.replace(Some(url)));
}
