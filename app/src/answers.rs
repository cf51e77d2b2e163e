//! A reader's answers as one versioned record: the finder's answers and the
//! reflection notes. In the browser it lives only in `localStorage` (read and
//! written by [`crate::storage`]); without JavaScript it lives only in one request.

use crate::finder_scoring::FinderAnswers;
use crate::form_fields::Field;
use crate::prepare::Prepare;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The `localStorage` key. The version is in the record too.
pub const STORAGE_KEY: &str = "pathways.v1";
/// The `localStorage` key of the crisis country (written by `server/src/site.js`).
pub const COUNTRY_KEY: &str = "pathways.crisis-country";
pub const SCHEMA_VERSION: u32 = 1;
/// Longest reflection note kept, in characters.
pub const NOTE_MAX: usize = 5000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedAnswers {
    pub version: u32,
    #[serde(default)]
    pub finder: FinderAnswers,
    /// Reflection question id → the reader's note.
    #[serde(default)]
    pub reflections: BTreeMap<String, String>,
    /// Dated copies of the finder's answers the reader kept, oldest first (at most
    /// [`SNAPSHOTS_MAX`]), to take the finder again and compare.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snapshots: Vec<Snapshot>,
}

/// A dated copy of the finder's answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// When it was kept: ISO 8601, from this device's clock.
    pub taken: String,
    pub finder: FinderAnswers,
}

/// How many dated copies are kept; keeping one more drops the oldest.
pub const SNAPSHOTS_MAX: usize = 12;

impl Default for SavedAnswers {
    fn default() -> Self {
        Self {
            version: SCHEMA_VERSION,
            finder: FinderAnswers::default(),
            reflections: BTreeMap::new(),
            snapshots: Vec::new(),
        }
    }
}

impl SavedAnswers {
    /// Keep a dated copy of the finder's answers, dropping the oldest beyond
    /// [`SNAPSHOTS_MAX`].
    pub fn keep_snapshot(&mut self, taken: String) {
        self.snapshots.push(Snapshot {
            taken,
            finder: self.finder.clone(),
        });
        let over = self.snapshots.len().saturating_sub(SNAPSHOTS_MAX);
        self.snapshots.drain(..over);
    }

    pub fn is_empty(&self) -> bool {
        self.finder.is_empty()
            && self.reflections.values().all(|v| v.trim().is_empty())
            && self.snapshots.is_empty()
    }

    /// Parse an exported file, refusing other versions and out-of-range values.
    pub fn from_json(text: &str) -> Result<Self, String> {
        Self::from_json_as(text, "file")
    }

    /// The checks of [`Self::from_json`], with reasons that call the text what it
    /// came in: a `"file"`, a shared `"link"`.
    pub fn from_json_as(text: &str, what: &str) -> Result<Self, String> {
        let saved: SavedAnswers = serde_json::from_str(text)
            .map_err(|e| format!("this is not a Pathways answers {what} ({e})"))?;
        if saved.version != SCHEMA_VERSION {
            return Err(format!(
                "this {what} has version {}, this site reads version {SCHEMA_VERSION}",
                saved.version
            ));
        }
        if std::iter::once(&saved.finder)
            .chain(saved.snapshots.iter().map(|s| &s.finder))
            .any(|f| f.ratings.values().any(|r| !(-3..=3).contains(r)))
        {
            return Err(format!("a rating in this {what} is outside −3 … +3"));
        }
        if saved.snapshots.len() > SNAPSHOTS_MAX {
            return Err(format!(
                "this {what} has more than {SNAPSHOTS_MAX} dated copies of the finder's answers"
            ));
        }
        if saved.reflections.values().any(|v| note_too_long(v)) {
            return Err(format!(
                "a note in this {what} is longer than {NOTE_MAX} characters"
            ));
        }
        Ok(saved)
    }
}

/// Answers posted without JavaScript to `/prepare` or `/summary`, provided by the
/// server for that one render and then dropped; with the day it was posted, in words
/// (for the summary, which says when it was made).
#[derive(Clone, Debug, Default)]
pub struct PostedAnswers(pub SavedAnswers, pub Option<String>);

/// A no-JavaScript post to the finder (`/preferences`): its answers and the step to
/// show next (from 0), or `None` for the result. Provided for that one render, then
/// dropped.
#[derive(Clone, Debug, Default)]
pub struct PostedFinder {
    pub answers: FinderAnswers,
    pub step: Option<usize>,
}

/// Read posted reflection fields `p.<id>`; ids must be the file's. Error texts name
/// only the file's own questions, never what the reader sent.
pub fn reflections_from_form(
    prepare: Option<&Prepare>,
    fields: &[(String, String)],
) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    for (name, value) in fields {
        let Some(Field::Note(id)) = Field::parse(name) else {
            continue;
        };
        let Some(question) = prepare.and_then(|p| p.questions.iter().find(|q| q.id == id)) else {
            return Err("the form has a note for a reflection question that does not exist".into());
        };
        if note_too_long(value) {
            return Err(format!(
                "your note for “{}” is longer than {NOTE_MAX} characters",
                question.prompt
            ));
        }
        if !value.trim().is_empty() {
            out.insert(id.to_string(), value.clone());
        }
    }
    Ok(out)
}

/// More than [`NOTE_MAX`] characters (counted without walking past the limit).
pub fn note_too_long(note: &str) -> bool {
    note.chars().nth(NOTE_MAX).is_some()
}

/// Refuse fields that belong to no form of ours.
pub fn check_field_names(fields: &[(String, String)]) -> Result<(), String> {
    if fields
        .iter()
        .any(|(n, _)| !Field::parse(n).is_some_and(|f| f.is_answers_field()))
    {
        Err("the form has a field that is not one of this site's questions".into())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_checks_version_and_ranges() {
        let ok =
            r#"{"version":1,"finder":{"ratings":{"a":2},"choices":{}},"reflections":{"you":"me"}}"#;
        assert_eq!(
            SavedAnswers::from_json(ok).unwrap().reflections["you"],
            "me"
        );
        assert!(
            SavedAnswers::from_json(r#"{"version":2}"#)
                .unwrap_err()
                .contains("version 2")
        );
        assert!(SavedAnswers::from_json(r#"{"version":1,"finder":{"ratings":{"a":9}}}"#).is_err());
        assert!(SavedAnswers::from_json("not json").is_err());
        let bad_copy = r#"{"version":1,"snapshots":[{"taken":"2026-11-26T10:00:00Z","finder":{"ratings":{"a":-4}}}]}"#;
        assert!(
            SavedAnswers::from_json(bad_copy)
                .unwrap_err()
                .contains("outside")
        );
    }

    #[test]
    fn dated_copies_keep_the_newest() {
        let mut saved = SavedAnswers::default();
        for i in 0..SNAPSHOTS_MAX + 3 {
            saved.finder.ratings.insert("a".into(), (i % 3) as i8);
            saved.keep_snapshot(format!("t{i}"));
        }
        assert_eq!(saved.snapshots.len(), SNAPSHOTS_MAX);
        assert_eq!(saved.snapshots[0].taken, "t3");
        assert_eq!(saved.snapshots.last().unwrap().finder, saved.finder);
        assert!(!saved.is_empty());
    }

    #[test]
    fn field_names_are_checked() {
        let f = |n: &str| vec![(n.to_string(), "1".to_string())];
        assert!(check_field_names(&f("r.x")).is_ok());
        assert!(check_field_names(&f("password")).is_err());
        let e = check_field_names(&f("q18446744073709551615")).unwrap_err();
        assert!(!e.contains("1844"), "{e}");
    }

    #[test]
    fn notes_are_checked_by_character_not_byte() {
        use crate::prepare::ReflectionQuestion;
        let prepare = Prepare {
            title: "t".into(),
            intro: "i".into(),
            questions: vec![ReflectionQuestion {
                id: "you".into(),
                prompt: "You?".into(),
                hint: String::new(),
            }],
        };
        let kv = |k: &str, v: String| vec![(k.to_string(), v)];
        let full = "😀".repeat(NOTE_MAX);
        assert!(!note_too_long(&full));
        assert_eq!(
            reflections_from_form(Some(&prepare), &kv("p.you", full.clone())).unwrap()["you"],
            full
        );
        let over = format!("{full}x");
        assert!(note_too_long(&over));
        let e = reflections_from_form(Some(&prepare), &kv("p.you", over)).unwrap_err();
        assert!(e.contains("You?") && e.contains("5000"), "{e}");
        let e = reflections_from_form(Some(&prepare), &kv("p.<b>", "x".into())).unwrap_err();
        assert!(!e.contains("<b>"), "{e}");
        assert!(reflections_from_form(None, &kv("p.you", "x".into())).is_err());
    }
}
