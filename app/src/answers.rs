//! A reader's answers as one versioned record: the finder's answers and the
//! reflection notes. In the browser it lives only in `localStorage` (read and
//! written by [`crate::storage`]); without JavaScript it lives only in one request. Also turns answers into the summary
//! text that readers copy or download.

use crate::finder::PreferenceFinder;
use crate::finder_scoring::{FinderAnswers, Profile, score};
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
}

impl Default for SavedAnswers {
    fn default() -> Self {
        Self {
            version: SCHEMA_VERSION,
            finder: FinderAnswers::default(),
            reflections: BTreeMap::new(),
        }
    }
}

impl SavedAnswers {
    pub fn is_empty(&self) -> bool {
        self.finder.is_empty() && self.reflections.values().all(|v| v.trim().is_empty())
    }

    /// Parse an exported file, refusing other versions and out-of-range values.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let saved: SavedAnswers = serde_json::from_str(text)
            .map_err(|e| format!("this is not a Pathways answers file ({e})"))?;
        if saved.version != SCHEMA_VERSION {
            return Err(format!(
                "this file has version {}, this site reads version {SCHEMA_VERSION}",
                saved.version
            ));
        }
        if saved.finder.ratings.values().any(|r| !(-3..=3).contains(r)) {
            return Err("a rating in this file is outside −3 … +3".into());
        }
        if saved.reflections.values().any(|v| note_too_long(v)) {
            return Err(format!(
                "a note in this file is longer than {NOTE_MAX} characters"
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

/// The "My therapy preferences" summary as Markdown.
pub fn summary_markdown(
    finder: Option<&PreferenceFinder>,
    prepare: Option<&Prepare>,
    saved: &SavedAnswers,
) -> String {
    let mut md = String::from("# My therapy preferences\n\n");
    md.push_str("_Made with Pathways. This describes my preferences at the time I wrote it. It is not a diagnosis, and it may change._\n\n");
    if let Some(f) = finder.filter(|_| !saved.finder.is_empty()) {
        let profile = score(f, &saved.finder);
        profile_markdown(&mut md, &profile);
    }
    if let Some(p) = prepare {
        let answered: Vec<_> = p
            .questions
            .iter()
            .filter_map(|q| saved.reflections.get(&q.id).map(|a| (q, a)))
            .collect();
        if !answered.is_empty() {
            md.push_str("## Before my first session\n\n");
            for (q, a) in answered {
                md.push_str(&format!("**{}**\n\n{}\n\n", q.prompt, a.trim()));
            }
        }
    }
    md.push_str(HELP_NOW_TEXT);
    md
}

/// The main helplines, at the end of the summary's text (the page shows the same).
const HELP_NOW_TEXT: &str = "## If I need help now\n\n\
- Emergency: 112 (European Union), 911 (United States and Canada), 999 or 112 (United Kingdom and Ireland)\n\
- 988 Suicide & Crisis Lifeline (United States): call or text 988\n\
- 9-8-8 Suicide Crisis Helpline (Canada): call or text 9-8-8\n\
- Samaritans (United Kingdom and Ireland): call 116 123\n";

fn profile_markdown(md: &mut String, profile: &Profile) {
    md.push_str("## How I would like therapy to feel\n\n");
    for d in &profile.dimensions {
        md.push_str(&format!("**{}**\n\n", d.title));
        for said in &d.said {
            let said = said
                .strip_prefix("You said")
                .map_or_else(|| said.clone(), |r| format!("I said{r}"));
            md.push_str(&format!("- {said}\n"));
        }
        match (&d.leaning, d.said.is_empty()) {
            (_, true) => md.push_str("- I did not answer these statements.\n"),
            (Some(_), false) => {
                md.push_str(&format!("- Taken together: a {} preference.\n", d.strength))
            }
            (None, false) => {
                md.push_str("- Taken together, these answers do not lean clearly either way.\n")
            }
        }
        md.push('\n');
    }
    if !profile.practical.is_empty() {
        md.push_str("## Practical wishes\n\n");
        for (q, picks) in &profile.practical {
            md.push_str(&format!("- {q} {}\n", picks.join(", ")));
        }
        md.push('\n');
    }
    if !profile.approaches.is_empty() {
        md.push_str("## Approaches that may fit\n\n");
        for a in &profile.approaches {
            md.push_str(&format!(
                "- **{}**: {} What I said that points to it: {}\n",
                a.name,
                a.combine,
                a.why.join("; ")
            ));
        }
        md.push('\n');
    }
    if !profile.questions.is_empty() {
        md.push_str("## Questions to ask a therapist\n\n");
        for (i, q) in profile.questions.iter().enumerate() {
            md.push_str(&format!("{}. {q}\n", i + 1));
        }
        md.push('\n');
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
