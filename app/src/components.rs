//! Building blocks shared by pages: the layout, and the islands.
//!
//! The server compiles every module. A browser bundle compiles only the islands its
//! `island-*` features name (and what they use), so a page's bundle carries no
//! other island's code.

#[cfg(any(not(feature = "browser"), feature = "island-data"))]
pub mod device_data;
#[cfg(any(not(feature = "browser"), feature = "island-finder"))]
pub mod finder;
#[cfg(not(feature = "browser"))]
pub mod layout;
#[cfg(any(not(feature = "browser"), feature = "island-prepare"))]
pub mod prepare;
#[cfg(not(feature = "browser"))]
pub mod profile;
#[cfg(any(not(feature = "browser"), feature = "island-quiz"))]
pub mod quiz;
#[cfg(any(not(feature = "browser"), feature = "island-search"))]
pub mod search_box;
#[cfg(any(not(feature = "browser"), feature = "island-share"))]
pub mod share;
#[cfg(any(not(feature = "browser"), feature = "island-summary"))]
pub mod summary;

/// Dates from this device's clock, in words (the pages are the same for everyone,
/// so the server cannot write "today").
#[cfg(any(feature = "island-finder", feature = "island-summary"))]
pub(crate) mod clock {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        type Date;
        #[wasm_bindgen(constructor)]
        fn new() -> Date;
        #[wasm_bindgen(constructor)]
        fn parse(iso: &str) -> Date;
        #[wasm_bindgen(method, js_name = toISOString)]
        fn to_iso_string(this: &Date) -> String;
        #[wasm_bindgen(method, js_name = toLocaleString)]
        fn to_locale_string(this: &Date, locale: &str, options: &JsValue) -> String;
        #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
        fn json(text: &str) -> JsValue;
    }

    /// Now, as an ISO 8601 date and time (UTC), to store.
    #[cfg_attr(not(feature = "island-finder"), allow(dead_code))]
    pub fn now_iso() -> String {
        Date::new().to_iso_string()
    }

    /// The stored date `iso` (or now) in words: "26 November 2026", with the time
    /// of day ("… at 14:05") when asked.
    pub fn date_words(iso: Option<&str>, with_time: bool) -> String {
        let date = iso.map_or_else(Date::new, Date::parse);
        let options = if with_time {
            r#"{"day":"numeric","month":"long","year":"numeric","hour":"2-digit","minute":"2-digit"}"#
        } else {
            r#"{"day":"numeric","month":"long","year":"numeric"}"#
        };
        date.to_locale_string("en-GB", &json(options))
    }
}

use crate::answers::SavedAnswers;
use crate::form_fields;
use leptos::prelude::*;

/// A flag that turns true once, when an island comes alive in the browser; `on_start`
/// runs at that moment (to read what this browser keeps). Controls that need
/// JavaScript render only once the flag is set.
pub fn hydrated(on_start: impl Fn() + 'static) -> RwSignal<bool> {
    let flag = RwSignal::new(false);
    Effect::new(move |_| {
        if !flag.get_untracked() {
            flag.set(true);
            on_start();
        }
    });
    flag
}

/// Hidden inputs that carry answers from one no-JavaScript step to the next.
pub fn hidden_fields(saved: &SavedAnswers) -> impl IntoView + use<> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for (id, r) in &saved.finder.ratings {
        fields.push((form_fields::rating(id), r.to_string()));
    }
    for (id, picks) in &saved.finder.choices {
        for p in picks {
            fields.push((form_fields::choice(id), p.clone()));
        }
    }
    for (id, note) in &saved.reflections {
        fields.push((form_fields::note(id), note.clone()));
    }
    fields
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
        .collect_view()
}

/// Save `text` as a file through an object URL. The click only starts the
/// download, so the URL stays valid until the next download replaces it (dropping
/// an `ObjectUrl` revokes it) rather than being revoked at once.
#[cfg(any(feature = "island-summary", feature = "island-data"))]
pub(crate) fn download(name: &str, mime: &str, text: &str) {
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

/// Show exactly the parts of `root` whose key (`data-k`) is in `on`, hiding the
/// others, and move the parts with an order of their own (`data-o`) to the end of
/// their parent in the order of `order`. The server rendered every part and set
/// the same switches for its own render (`components/profile.rs`).
#[cfg(any(
    feature = "island-finder",
    feature = "island-summary",
    feature = "island-share"
))]
pub(crate) fn switch(root: &web_sys::Element, on: &[String], order: &[String]) {
    use wasm_bindgen::JsCast;
    let each = |selector: &str, f: &dyn Fn(web_sys::Element)| {
        if let Ok(list) = root.query_selector_all(selector) {
            for i in 0..list.length() {
                if let Some(el) = list.item(i).and_then(|n| n.dyn_into().ok()) {
                    f(el);
                }
            }
        }
    };
    each("[data-k]", &|el| {
        let shown = el.get_attribute("data-k").is_some_and(|k| on.contains(&k));
        let _ = el.toggle_attribute_with_force("hidden", !shown);
    });
    for key in order {
        each(&format!("[data-o=\"{key}\"]"), &|el| {
            if let Some(parent) = el.parent_node() {
                let _ = parent.append_child(&el);
            }
        });
    }
}
