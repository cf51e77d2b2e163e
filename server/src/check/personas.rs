//! Editors' personas (`finder-personas.yaml`): answer sets a clinician would map to
//! an approach, each expecting that approach among the finder's first three
//! suggestions. `check` scores every persona with the site's own scoring.

use app::finder::PreferenceFinder;
use app::finder_scoring::{FinderAnswers, RATING_MAX, score};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The file, beside `quizzes/` in the content folder.
pub const FILE: &str = "finder-personas.yaml";
/// A persona's approach must be among this many suggestions.
pub const TOP: usize = 3;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonaFile {
    personas: Vec<Persona>,
}

/// One made-up reader.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    /// A short description, unique in the file.
    pub name: String,
    /// The approach (article slug) a clinician would expect among the first three.
    pub expect: String,
    /// Ratings per item id, −3 … +3; unlisted items are 0.
    #[serde(default)]
    pub ratings: BTreeMap<String, i8>,
    /// Picked option ids per choice id.
    #[serde(default)]
    pub choices: BTreeMap<String, Vec<String>>,
}

/// A problem: (text near which it sits in the file, message, hint).
pub type Problem = (String, String, String);

/// Parse the file's text; a YAML or shape error is one problem.
pub fn parse(src: &str) -> Result<Vec<Persona>, Problem> {
    serde_norway::from_str::<PersonaFile>(src)
        .map(|f| f.personas)
        .map_err(|e| {
            (
                String::new(),
                format!("cannot read the personas: {e}"),
                "each persona has `name`, `expect`, and optional `ratings` and `choices` \
                 (see content/README.md)"
                    .into(),
            )
        })
}

/// Check the personas against `finder`: their ids must exist, and each must find
/// its approach among the first [`TOP`] suggestions.
pub fn check(finder: &PreferenceFinder, personas: &[Persona]) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    for p in personas {
        let at = format!("name: {}", p.name);
        if !names.insert(p.name.as_str()) {
            out.push((
                at.clone(),
                format!("duplicate persona `{}`", p.name),
                "give each persona its own name".into(),
            ));
        }
        let before = out.len();
        if !finder.approaches.iter().any(|a| a.article == p.expect) {
            out.push((
                at.clone(),
                format!(
                    "persona `{}` expects `{}`, which is not an approach of the finder",
                    p.name, p.expect
                ),
                format!(
                    "use one of: {}",
                    finder
                        .approaches
                        .iter()
                        .map(|a| a.article.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        for (id, r) in &p.ratings {
            if !finder.items.iter().any(|i| &i.id == id) {
                out.push((
                    at.clone(),
                    format!("persona `{}` rates unknown item `{id}`", p.name),
                    "use the `id` of an item in quizzes/preferences.yaml".into(),
                ));
            } else if !(-RATING_MAX..=RATING_MAX).contains(r) {
                out.push((
                    at.clone(),
                    format!("persona `{}` rates `{id}` {r}", p.name),
                    format!("ratings run from -{RATING_MAX} to {RATING_MAX}"),
                ));
            }
        }
        for (id, picks) in &p.choices {
            let Some(c) = finder.choices.iter().find(|c| &c.id == id) else {
                out.push((
                    at.clone(),
                    format!("persona `{}` answers unknown choice `{id}`", p.name),
                    "use the `id` of a choice in quizzes/preferences.yaml".into(),
                ));
                continue;
            };
            for o in picks {
                if !c.options.iter().any(|x| &x.id == o) {
                    out.push((
                        at.clone(),
                        format!("persona `{}` picks unknown option `{o}` of `{id}`", p.name),
                        format!(
                            "use one of: {}",
                            c.options
                                .iter()
                                .map(|x| x.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                }
            }
        }
        if out.len() > before {
            continue;
        }
        let top = suggestions(finder, p);
        if !top.iter().take(TOP).any(|a| a == &p.expect) {
            let got = if top.is_empty() {
                "no approach at all".to_string()
            } else {
                top.iter()
                    .take(TOP)
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            out.push((
                at,
                format!(
                    "persona `{}` expects `{}` in the first {TOP} suggestions, but the finder suggests {got}",
                    p.name, p.expect
                ),
                format!(
                    "tune the weights in quizzes/preferences.yaml so these answers lead to `{}`, or \
                     change the persona if a clinician would expect something else",
                    p.expect
                ),
            ));
        }
    }
    out
}

/// The finder's suggestions for a persona, best first.
pub fn suggestions(finder: &PreferenceFinder, p: &Persona) -> Vec<String> {
    let answers = FinderAnswers {
        ratings: p.ratings.clone(),
        choices: p.choices.clone(),
    };
    score(finder, &answers)
        .approaches
        .into_iter()
        .map(|a| a.article)
        .collect()
}
