//! "My therapy preferences": the finder's profile and the reflection notes, in the
//! reader's own voice, dated, to print, copy or save as a file, with the main
//! helplines on the printout. Export, import and deleting are on `/my-data`.

use crate::answers::SavedAnswers;
use crate::finder_scoring::{FinderModel, keys};
#[cfg(feature = "browser")]
use crate::storage;
use leptos::prelude::*;

/// The keys of the summary's parts for `saved` (see `finder_scoring::keys`): the
/// finder's result, the notes (`n.<question id>`, among `note_ids`), what to do
/// with it, and which of those need the island (`js`) or are for readers without
/// it (`nojs`). The server and the island both switch the parts with it.
pub fn summary_switches(
    model: Option<&FinderModel>,
    saved: &SavedAnswers,
    note_ids: &[String],
    hydrated: bool,
) -> (Vec<String>, Vec<String>) {
    let (mut on, mut order) = (Vec::new(), Vec::new());
    if let Some(model) = model.filter(|_| !saved.finder.is_empty()) {
        let outcome = model.outcome(&saved.finder);
        on = outcome.keys();
        order = outcome.order();
    }
    for id in note_ids {
        if saved
            .reflections
            .get(id)
            .is_some_and(|n| !n.trim().is_empty())
        {
            on.push(note_key(id));
            on.push(NOTES.into());
        }
    }
    // Said only once this browser has been read: before that the page cannot know
    // (and without JavaScript the page explains itself, outside the island).
    if saved.is_empty() {
        if hydrated {
            on.push(EMPTY.into());
        }
    } else {
        on.push(KEEP.into());
    }
    on.push(
        if hydrated {
            keys::SCRIPT
        } else {
            keys::NO_SCRIPT
        }
        .into(),
    );
    (on, order)
}

/// Keys of the summary's own parts (rendered by `routes/summary.rs`).
pub const NOTES: &str = "notes";
pub const EMPTY: &str = "empty";
pub const KEEP: &str = "keep";
/// The link to `/summary/share` (inside the `js` part): on for this browser's own
/// answers, off for answers read from a shared link.
pub const SHARE: &str = "share";
/// The notice over a summary read from a shared link, and the error when the link
/// cannot be read.
pub const SHARED: &str = "shared";
pub const SHARED_ERROR: &str = "shared-error";
/// The `id` of the place for the reason in the error, and of the notice's status
/// line.
pub const SHARED_REASON_ID: &str = "shared-reason";
pub const SHARED_MESSAGE_ID: &str = "shared-message";
/// The key of the note for the reflection question `id`.
pub fn note_key(id: &str) -> String {
    format!("n.{id}")
}
/// The `id` of the island's root, and of the date line.
pub const ROOT_ID: &str = "summary";
pub const DATE_ID: &str = "summary-date";
/// The `id` of the status line under the buttons.
pub const MESSAGE_ID: &str = "summary-message";
/// The attribute naming a button's action: `print`, `copy`, `save` or `keep`.
pub const ACTION: &str = "data-action";

#[island]
pub fn SummaryView(
    model: Option<FinderModel>,
    posted: Option<SavedAnswers>,
    // Every part of the summary, rendered on the server (`routes/summary.rs`): the
    // island fills in the notes and the date and switches the parts.
    children: Children,
) -> impl IntoView {
    // Coming alive in the browser (the page is already there: islands hydrate the
    // server's HTML): read the answers a shared link carries in its #fragment, or
    // else what this browser keeps, and show them, dated today.
    #[cfg(feature = "browser")]
    let shared = crate::share::shared_from_location();
    #[cfg(feature = "browser")]
    if let Some(root) = document().get_element_by_id(ROOT_ID) {
        if shared.is_some() {
            // Read once: the answers leave the address bar (and the history), so
            // they do not linger on a shared device.
            let location = window().location();
            let here = format!(
                "{}{}",
                location.pathname().unwrap_or_default(),
                location.search().unwrap_or_default()
            );
            if let Ok(history) = window().history() {
                let _ =
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&here));
            }
        }
        match &shared {
            Some(Ok(saved)) => fill(&root, model.as_ref(), saved, SHARED),
            Some(Err(reason)) => {
                if let Some(el) = document().get_element_by_id(SHARED_REASON_ID) {
                    el.set_text_content(Some(reason));
                }
                super::switch(&root, &[SHARED_ERROR.into(), keys::SCRIPT.into()], &[]);
            }
            None => fill(
                &root,
                model.as_ref(),
                &posted.unwrap_or_else(storage::load),
                SHARE,
            ),
        }
        if let Some(line) = document().get_element_by_id(DATE_ID) {
            // A shared summary was made earlier, on another device: say when it
            // was opened instead.
            let made = if shared.is_some() {
                "Opened from a link on"
            } else {
                "Made on"
            };
            line.set_text_content(Some(&format!(
                "{made} {}.",
                super::clock::date_words(None, false)
            )));
        }
        let _ = root.set_attribute("data-hydrated", "true");
    }
    #[cfg(feature = "browser")]
    let shared = shared.and_then(Result::ok);
    #[cfg(not(feature = "browser"))]
    let _ = (model, posted);

    // Print, Copy as text, Save as a file: the text is the summary as shown.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "browser")]
        {
            use wasm_bindgen::JsCast;
            let Some(action) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest(&format!("[{ACTION}]")).ok().flatten())
                .and_then(|el| el.get_attribute(ACTION))
            else {
                return;
            };
            match action.as_str() {
                "print" => {
                    let _ = window().print();
                }
                "copy" => {
                    let text = as_text();
                    leptos::task::spawn_local(async move {
                        let promise = window().navigator().clipboard().write_text(&text);
                        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                        say(if ok {
                            "Copied. Paste it wherever you like."
                        } else {
                            "Copying was blocked. Use Print or Save as a file instead."
                        });
                    });
                }
                "keep" => {
                    let Some(saved) = &shared else { return };
                    if !storage::load().is_empty()
                        && !storage::confirm(
                            "This browser already keeps answers. Replace them with the ones from this link?",
                        )
                    {
                        return;
                    }
                    // The answers and notes; this browser's dated copies stay.
                    let text = match storage::update(|s| {
                        s.finder = saved.finder.clone();
                        s.reflections = saved.reflections.clone();
                    }) {
                        Ok(()) => "Kept in this browser. It is now your summary here.".to_string(),
                        Err(e) => format!("{e}."),
                    };
                    if let Some(el) = document().get_element_by_id(SHARED_MESSAGE_ID) {
                        el.set_text_content(Some(&text));
                    }
                }
                _ => {
                    super::download("my-therapy-preferences.txt", "text/plain", &as_text());
                    say("Saved as my-therapy-preferences.txt in your downloads.");
                }
            }
        }
        #[cfg(not(feature = "browser"))]
        let _ = ev;
    };

    view! {
        <div id=ROOT_ID class="summary" on:click=on_click>
            {children()}
        </div>
    }
}

/// Say `text` in the summary's status line.
#[cfg(feature = "browser")]
fn say(text: &str) {
    if let Some(el) = document().get_element_by_id(MESSAGE_ID) {
        el.set_text_content(Some(text));
    }
}

/// Fill in the notes and switch the parts for `saved`, and the part keyed `extra`.
#[cfg(feature = "browser")]
fn fill(root: &web_sys::Element, model: Option<&FinderModel>, saved: &SavedAnswers, extra: &str) {
    use wasm_bindgen::JsCast;
    let mut ids = Vec::new();
    if let Ok(list) = root.query_selector_all("[data-note]") {
        for el in
            (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        {
            let id = el.get_attribute("data-note").unwrap_or_default();
            el.set_text_content(saved.reflections.get(&id).map(|n| n.trim()));
            ids.push(id);
        }
    }
    let (mut on, order) = summary_switches(model, saved, &ids, true);
    on.push(extra.into());
    super::switch(root, &on, &order);
}

/// The summary as plain text, as the page shows it (the browser's own rendering of
/// its text), with the title and the helplines; without the controls.
#[cfg(feature = "browser")]
fn as_text() -> String {
    use wasm_bindgen::JsCast;
    let text = |selector: &str| {
        document()
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            .map(|el| el.inner_text())
            .unwrap_or_default()
    };
    let Some(root) = document().get_element_by_id(ROOT_ID) else {
        return String::new();
    };
    // The style sheet hides the controls while this attribute is set.
    let _ = root.set_attribute("data-as-text", "");
    let body = text(&format!("#{ROOT_ID}"));
    let _ = root.remove_attribute("data-as-text");
    format!(
        "My therapy preferences\n\n{}\n\n{}\n",
        body.trim(),
        text("[data-test=help-now]").trim()
    )
}
