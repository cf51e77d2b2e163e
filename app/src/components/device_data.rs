//! "What is stored on this device" (`/my-data`): everything Pathways keeps in this
//! browser, in plain words and as JSON, with export (a file), import (checked, and
//! nothing replaced without asking) and delete everything.
//!
//! What this browser can hold:
//! - the reader's answers and notes, under [`STORAGE_KEY`], read and written only
//!   through [`crate::storage`];
//! - the country of the crisis page last opened, under [`COUNTRY_KEY`] (written by
//!   the site script, `server/src/site.js`);
//! - the offline copy of the site (the service worker's caches): the same pages and
//!   files every visitor gets. "Delete everything" asks the site script to remove it
//!   too, so nothing on the device shows that Pathways was read.

use crate::answers::{STORAGE_KEY, SavedAnswers};
use crate::storage;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::answers::COUNTRY_KEY;
/// The event the site script answers by deleting the offline copy.
pub const FORGET_OFFLINE_EVENT: &str = "pathways-forget-offline";
/// The largest file import reads: a real one is a few KB.
pub const IMPORT_MAX_BYTES: usize = 256 * 1024;
/// The name an export is saved under.
pub const EXPORT_NAME: &str = "pathways-data.json";

/// Everything Pathways keeps in this browser, as exported and imported.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceData {
    #[serde(rename = "pathways.v1", default)]
    pub answers: Option<SavedAnswers>,
    #[serde(rename = "pathways.crisis-country", default)]
    pub crisis_country: Option<String>,
}

impl DeviceData {
    pub fn is_empty(&self) -> bool {
        self.answers.as_ref().is_none_or(SavedAnswers::is_empty) && self.crisis_country.is_none()
    }

    /// Read a file someone chose to import: this page's export, or the answers file
    /// the summary page exports. Anything else, or anything out of range, is refused
    /// with a reason that never repeats the file's contents.
    pub fn from_file(text: &str) -> Result<Self, String> {
        if text.len() > IMPORT_MAX_BYTES {
            return Err("this file is too large to be one Pathways made".into());
        }
        let data = match serde_json::from_str::<DeviceData>(text) {
            Ok(data) => data,
            Err(_) => {
                // A parse error quotes the file; the checks' own reasons do not.
                let answers = SavedAnswers::from_json(text).map_err(|e| {
                    if e.starts_with("this is not") {
                        "this is not a file exported by Pathways".to_owned()
                    } else {
                        e
                    }
                })?;
                Self {
                    answers: Some(answers),
                    crisis_country: None,
                }
            }
        };
        if let Some(answers) = &data.answers {
            // The same checks as the summary's import: version, ranges, lengths.
            let text = serde_json::to_string(answers).map_err(|e| e.to_string())?;
            SavedAnswers::from_json(&text)?;
        }
        if data
            .crisis_country
            .as_deref()
            .is_some_and(|c| !is_country_code(c))
        {
            return Err("the crisis country in this file is not a country code".into());
        }
        Ok(data)
    }

    /// The record as JSON (what the page shows and the export holds). Compact, as
    /// `localStorage` holds it; the page wraps it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// What it holds, in plain words, one line per kind.
    pub fn describe(&self) -> Vec<String> {
        let answers = self.answers.clone().unwrap_or_default();
        let rated = answers.finder.ratings.values().filter(|r| **r != 0).count();
        let chosen: usize = answers.finder.choices.values().map(Vec::len).sum();
        let notes = answers
            .reflections
            .values()
            .filter(|n| !n.trim().is_empty())
            .count();
        vec![
            if rated + chosen == 0 {
                "Preference finder: no answers.".to_owned()
            } else {
                format!(
                    "Preference finder: {rated} statement{} leaned one way, {chosen} option{} chosen.",
                    plural(rated),
                    plural(chosen)
                )
            },
            match answers.snapshots.len() {
                0 => "Dated copies of the finder's answers: none.".to_owned(),
                n => format!("Dated copies of the finder's answers, to compare: {n}."),
            },
            if notes == 0 {
                "Notes for a first session: none.".to_owned()
            } else {
                format!("Notes for a first session: {notes} note{}.", plural(notes))
            },
            match &self.crisis_country {
                Some(code) => format!(
                    "Crisis help: this browser remembers the country “{}”, so “Need help now?” opens its numbers.",
                    code.to_ascii_uppercase()
                ),
                None => "Crisis help: no country remembered.".to_owned(),
            },
        ]
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Two or three lowercase letters, as the crisis pages use.
pub fn is_country_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// What this browser keeps now.
fn read() -> DeviceData {
    let answers = storage::load();
    let crisis_country = storage::crisis_country().filter(|c| is_country_code(c));
    DeviceData {
        answers: (!answers.is_empty()).then_some(answers),
        crisis_country,
    }
}

/// Replace what this browser keeps with `data`.
fn write(data: &DeviceData) -> Result<(), storage::SaveError> {
    match &data.answers {
        Some(answers) if !answers.is_empty() => storage::save(answers)?,
        _ => storage::clear(),
    }
    storage::set_crisis_country(data.crisis_country.as_deref())
}

#[island]
pub fn DeviceDataView() -> impl IntoView {
    let data = RwSignal::new(DeviceData::default());
    let message = RwSignal::new(String::new());
    let hydrated = super::hydrated(move || data.set(read()));

    let export = move |_| {
        #[cfg(feature = "browser")]
        {
            super::download(
                EXPORT_NAME,
                "application/json",
                &data.with_untracked(DeviceData::to_json),
            );
            message.set(format!(
                "Saved {EXPORT_NAME}. Import it here, in any browser, to bring it all back."
            ));
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
            input.set_value("");
            if file.size() > IMPORT_MAX_BYTES as f64 {
                message.set(
                    "Could not import: this file is too large to be one Pathways made. Nothing was changed."
                        .into(),
                );
                return;
            }
            leptos::task::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                let imported = match DeviceData::from_file(&text) {
                    Ok(imported) => imported,
                    Err(e) => {
                        message.set(format!("Could not import: {e}. Nothing was changed."));
                        return;
                    }
                };
                let current = read();
                if !current.is_empty()
                    && current != imported
                    && !storage::confirm(
                        "Replace what Pathways keeps in this browser with what this file holds? What is here now will be gone.",
                    )
                {
                    message.set("Not imported. Nothing was changed.".into());
                    return;
                }
                message.set(match write(&imported) {
                    Ok(()) => "Imported. This is what this browser keeps now.".into(),
                    Err(e) => format!("Could not import: {e}."),
                });
                data.set(read());
            });
        }
        #[cfg(not(feature = "browser"))]
        let _ = ev;
    };
    let delete = move |_| {
        if !storage::confirm(
            "Delete everything Pathways keeps in this browser: your answers, your notes, your crisis country and the offline copy of the site? This cannot be undone.",
        ) {
            return;
        }
        let result = write(&DeviceData::default());
        #[cfg(feature = "browser")]
        if let (Some(window), Ok(event)) =
            (web_sys::window(), web_sys::Event::new(FORGET_OFFLINE_EVENT))
        {
            let _ = window.dispatch_event(&event);
        }
        data.set(read());
        message.set(match result {
            Ok(()) => "Deleted. Pathways keeps nothing in this browser now.".into(),
            Err(e) => format!("Could not delete everything: {e}."),
        });
    };

    // One line of `describe()`, kept up to date.
    let line = move |n: usize| move || data.with(|d| d.describe().swap_remove(n));
    // The controls need JavaScript: hidden until the island is alive, and the
    // no-JavaScript note hidden from then on (plain attributes, no view swap).
    view! {
        <div class="device-data" data-hydrated=move || hydrated.get().then_some("true")>
            <p data-test="no-script" hidden=move || hydrated.get()>
                "With JavaScript off, Pathways keeps nothing in this browser: answers you send are used for one page and forgotten, and no offline copy is made. "
                "With JavaScript on, this page lists what is kept here and lets you export, import or delete it."
            </p>
            <div hidden=move || !hydrated.get()>
                <h2 id="kept-title">"What this browser keeps"</h2>
                <ul data-test="kept">
                    <li>{line(0)}</li>
                    <li>{line(1)}</li>
                    <li>{line(2)}</li>
                    <li>{line(3)}</li>
                    <li>"An offline copy of the site: the same pages, styles and code every visitor gets, so Pathways works without a connection. It holds nothing about you."</li>
                </ul>
                <h2 id="json-title">"As JSON"</h2>
                <p>"Exactly what is stored under the keys "<code>{STORAGE_KEY}</code>" and "<code>{COUNTRY_KEY}</code>" (null: nothing stored):"</p>
                <pre class="device-json" data-test="json">{move || data.with(DeviceData::to_json)}</pre>
                <h2 id="manage-title">"Keep, move or delete it"</h2>
                <div class="quiz-actions">
                    <button type="button" class="button secondary" on:click=export>"Export to a file"</button>
                </div>
                <label class="import">"Import a file exported by Pathways "
                    <input type="file" accept="application/json,.json" on:change=import/>
                </label>
                <p><button type="button" class="button secondary danger" on:click=delete data-test="delete-all">"Delete everything"</button></p>
            </div>
            <p class="meta" role="status" data-test="data-message">{move || message.get()}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_reads_back_as_it_was() {
        let mut answers = SavedAnswers::default();
        answers.finder.ratings.insert("who-leads".into(), 2);
        answers
            .reflections
            .insert("hopes".into(), "Sleep better".into());
        let data = DeviceData {
            answers: Some(answers),
            crisis_country: Some("gb".into()),
        };
        assert_eq!(DeviceData::from_file(&data.to_json()), Ok(data.clone()));
        let lines = data.describe();
        assert!(lines[0].contains("1 statement leaned"), "{lines:?}");
        assert!(
            lines[1].contains("copies of the finder's answers: none"),
            "{lines:?}"
        );
        assert!(lines[2].contains("1 note."), "{lines:?}");
        assert!(lines[3].contains("“GB”"), "{lines:?}");
    }

    #[test]
    fn the_summary_pages_answers_file_imports_too() {
        let mut answers = SavedAnswers::default();
        answers.reflections.insert("hopes".into(), "x".into());
        let text = serde_json::to_string(&answers).unwrap();
        assert_eq!(DeviceData::from_file(&text).unwrap().answers, Some(answers));
    }

    #[test]
    fn wrong_or_hostile_files_are_refused_without_echo() {
        for (text, reason) in [
            ("not json <script>", "not a file exported by Pathways"),
            ("[1, 2]", "not a file exported by Pathways"),
            (r#"{"evil": "<script>"}"#, "not a file exported by Pathways"),
            (
                r#"{"pathways.v1": {"version": 1, "finder": {"ratings": {"a": 99}}}}"#,
                "outside",
            ),
            (r#"{"pathways.v1": {"version": 7}}"#, "version 7"),
            (
                r#"{"pathways.crisis-country": "<img src=x>"}"#,
                "not a country code",
            ),
        ] {
            let err = DeviceData::from_file(text).unwrap_err();
            assert!(err.contains(reason), "{text}: {err}");
            assert!(!err.contains('<'), "{text}: {err}");
        }
        let huge = format!(
            r#"{{"pathways.crisis-country": "{}"}}"#,
            "a".repeat(IMPORT_MAX_BYTES)
        );
        assert!(
            DeviceData::from_file(&huge)
                .unwrap_err()
                .contains("too large")
        );
    }
}
