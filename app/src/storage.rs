//! The reader's record in this browser: the one module that touches `localStorage`.
//! Every island reads and writes through it, under [`STORAGE_KEY`] in the format
//! of [`SavedAnswers`] (JSON), so writer and reader cannot drift apart.
//!
//! Storage can fail: full, disabled, or refused in a private window. Writes say so
//! ([`SaveError`]) and the island tells the reader instead of claiming "Saved".
//!
//! Compiles on both sides: on the server there is no browser storage, so `load`
//! gives an empty record and writes succeed without doing anything.

use crate::answers::SavedAnswers;
#[cfg(feature = "browser")]
use crate::answers::{COUNTRY_KEY, SCHEMA_VERSION, STORAGE_KEY};
use crate::debounce::Debounce;

/// How long typing must pause before a note is written, in milliseconds.
pub const SAVE_DELAY_MS: u32 = 400;

/// A write did not reach this browser's storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SaveError;

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Could not save on this device — your answers are still on this page")
    }
}

impl std::error::Error for SaveError {}

/// This browser's `localStorage`, if the page may use it. (Reading the property
/// throws when storage is disabled; `gloo` would panic there.)
#[cfg(feature = "browser")]
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The crisis country the site script remembered (under
/// [`crate::answers::COUNTRY_KEY`]), as stored.
pub fn crisis_country() -> Option<String> {
    #[cfg(feature = "browser")]
    return local_storage()?.get_item(COUNTRY_KEY).ok().flatten();
    #[cfg(not(feature = "browser"))]
    None
}

/// Remember `code` as the crisis country, or forget it (`None`).
pub fn set_crisis_country(code: Option<&str>) -> Result<(), SaveError> {
    #[cfg(feature = "browser")]
    {
        let store = local_storage().ok_or(SaveError)?;
        match code {
            Some(code) => store.set_item(COUNTRY_KEY, code),
            None => store.remove_item(COUNTRY_KEY),
        }
        .map_err(|_| SaveError)?;
    }
    #[cfg(not(feature = "browser"))]
    let _ = code;
    Ok(())
}

/// What this browser holds, or an empty record (nothing stored, unreadable, or
/// another version).
pub fn load() -> SavedAnswers {
    #[cfg(feature = "browser")]
    if let Some(saved) = local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str::<SavedAnswers>(&text).ok())
        .filter(|s| s.version == SCHEMA_VERSION)
    {
        return saved;
    }
    SavedAnswers::default()
}

/// Replace the stored record.
pub fn save(saved: &SavedAnswers) -> Result<(), SaveError> {
    #[cfg(feature = "browser")]
    {
        let text = serde_json::to_string(saved).map_err(|_| SaveError)?;
        local_storage()
            .ok_or(SaveError)?
            .set_item(STORAGE_KEY, &text)
            .map_err(|_| SaveError)
    }
    #[cfg(not(feature = "browser"))]
    {
        let _ = saved;
        Ok(())
    }
}

/// Change one part of the stored record and write it back (the other parts, written
/// by other pages, are kept).
pub fn update(change: impl FnOnce(&mut SavedAnswers)) -> Result<(), SaveError> {
    let mut saved = load();
    change(&mut saved);
    save(&saved)
}

/// "Delete my answers": remove everything Pathways keeps in this browser. Where
/// storage cannot be reached, nothing was kept.
pub fn clear() {
    #[cfg(feature = "browser")]
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

/// "Delete my finder answers": remove them and their dated copies, and keep the
/// rest (the notes written on `/prepare`); nothing at all is left under the key
/// once the record is empty.
pub fn forget_finder() -> Result<(), SaveError> {
    let mut saved = load();
    saved.finder = Default::default();
    saved.snapshots.clear();
    if saved.is_empty() {
        clear();
        Ok(())
    } else {
        save(&saved)
    }
}

/// Ask the reader to confirm a step that cannot be undone (the browser's own
/// dialog, which every assistive technology announces). On the server: no.
pub fn confirm(question: &str) -> bool {
    #[cfg(feature = "browser")]
    {
        web_sys::window()
            .and_then(|w| w.confirm_with_message(question).ok())
            .unwrap_or(false)
    }
    #[cfg(not(feature = "browser"))]
    {
        let _ = question;
        false
    }
}

/// A debounce for writes: waits [`SAVE_DELAY_MS`] of quiet and writes before the
/// reader leaves the page. Schedule `update` calls on it; `cancel` it before `clear`.
pub fn debounced() -> Debounce {
    Debounce::new(SAVE_DELAY_MS).flush_on_leave()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_save_says_the_answers_are_still_on_the_page() {
        assert_eq!(
            SaveError.to_string(),
            "Could not save on this device — your answers are still on this page"
        );
    }
}
