//! Pure scoring of the preference finder, the same in the browser (the island, in
//! WASM) and on the server (no-JavaScript form posts); its model is in
//! [`crate::finder`], and reading a reader's answers is in `reading`.

use crate::finder::{Choice, ChoiceOption, PreferenceFinder};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod outcome;
mod reading;
pub use outcome::{
    DimensionOutcome, FinderModel, FitOutcome, ModelChoice, ModelItem, ModelOption, Outcome, Place,
    keys,
};
pub use reading::{AnswerError, answers_from_form, check_option, check_rating};

/// A reader's answers: a rating per item (−3 … +3) and the options picked per choice.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FinderAnswers {
    #[serde(default)]
    pub ratings: BTreeMap<String, i8>,
    #[serde(default)]
    pub choices: BTreeMap<String, Vec<String>>,
}

impl FinderAnswers {
    /// Nothing answered. "No preference" (a rating of 0) is an answer: the reader
    /// picked it.
    pub fn is_empty(&self) -> bool {
        self.ratings.is_empty() && self.choices.values().all(Vec::is_empty)
    }
}

/// Ratings run from −3 (the left statement) to +3 (the right statement). A statement
/// left unanswered counts as 0 in every score (the form, the API and the island).
pub const RATING_MAX: i8 = 3;

/// How strongly a rating leans, in words: `None` for 0.
pub fn strength_word(r: i8) -> Option<&'static str> {
    match r.unsigned_abs() {
        0 => None,
        1 => Some("slightly"),
        2 => Some("mostly"),
        _ => Some("strongly"),
    }
}

/// What a reader said about one statement pair, as a sentence in their own words:
/// “You said “…” (strongly)”, or that neither fits better.
pub fn said(left: &str, right: &str, r: i8) -> String {
    match strength_word(r) {
        None => format!("You said neither fits you better: “{left}” or “{right}”"),
        Some(w) => format!("You said “{}” ({w})", if r < 0 { left } else { right }),
    }
}

/// Where the reader stands on one dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DimensionScore {
    pub id: String,
    pub title: String,
    /// Mean rating of this dimension's items, −3 … +3.
    pub score: f64,
    /// The band's `strength` (e.g. none, moderate, strong).
    pub strength: String,
    /// Whether the score falls in the strongest band (the finder file's last).
    #[serde(default)]
    pub strongest: bool,
    pub band_text: String,
    /// The pole the reader leans to (its label), or `None` when there is no preference.
    pub leaning: Option<String>,
    /// The text of that pole.
    pub leaning_text: Option<String>,
    /// The labels of the two ends of the scale (−3 and +3).
    pub left: String,
    pub right: String,
    /// What the reader said on each answered statement of this dimension, in file
    /// order (see [`said`]); unanswered statements are left out.
    #[serde(default)]
    pub said: Vec<String>,
}

impl DimensionScore {
    /// The score as a step on a 13-point scale, 0 (−3) … 6 (0) … 12 (+3): the marker's
    /// position in the result, as a class name, because the CSP allows no inline styles.
    pub fn step(&self) -> u8 {
        let max = f64::from(RATING_MAX);
        (((self.score.clamp(-max, max) + max) * 2.0).round()) as u8
    }
}

/// An approach that fits, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApproachFit {
    pub article: String,
    pub name: String,
    /// How closely the answers point the way of this approach's weights: 0 (not at
    /// all) … 1 (exactly), rounded to two decimals. See [`FitModel`].
    pub score: f64,
    pub combine: String,
    /// The file's note on what the approach mainly suits, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Every answer that moved this suggestion up, strongest first, in the reader's
    /// words: the statement they leaned to and how strongly (“…” (mostly)), or the
    /// option they chose (“…” (your choice)).
    pub why: Vec<String>,
}

/// The result of the finder.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub dimensions: Vec<DimensionScore>,
    pub approaches: Vec<ApproachFit>,
    /// Questions to ask a prospective therapist, chosen from the answers.
    pub questions: Vec<String>,
    /// Practical wishes: (question, picked option labels).
    pub practical: Vec<(String, Vec<String>)>,
}

/// How many approaches a result suggests.
pub const TOP_APPROACHES: usize = 4;
/// A rating at least this far from 0 adds the item's questions.
pub(crate) const ASK_THRESHOLD: i8 = 2;
/// A picked option counts like a rating of 2: as much as a typical answer to a
/// statement (the root mean square of ratings spread evenly over −3 … +3 is 2), so
/// choices matter as much as the statements without outweighing them
/// (content/README.md, "How the finder scores").
pub const CHOICE_SCALE: f64 = 2.0;
/// Fits are compared in steps of this size; equal ones are listed in file order.
pub const FIT_TIE: f64 = 1e-9;

/// The finder's weights as numbers, for the fit of every approach.
///
/// The answers are one vector: each item's rating (−3 … +3), then every option of
/// every choice, [`CHOICE_SCALE`] when picked and 0 otherwise. Each approach has a
/// vector of weights over the same places. An approach's fit is the cosine of the
/// angle between the two: the weighted sum of the answers, divided by the length of
/// the approach's weights and by the length of the answers. Dividing by the length
/// of the weights means an approach with many or large weights does not win just by
/// having more ways to score; dividing by the length of the answers (the same for
/// every approach) keeps the fit between −1 and 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FitModel {
    /// Per answer place: (approach index, weight), weights ≠ 0.
    places: Vec<Vec<(usize, f64)>>,
    /// Per approach: the length of its weights (0 when it has none).
    norms: Vec<f64>,
}

impl FitModel {
    pub fn new(finder: &PreferenceFinder) -> Self {
        let index: BTreeMap<&str, usize> = finder
            .approaches
            .iter()
            .enumerate()
            .map(|(i, a)| (a.article.as_str(), i))
            .collect();
        let row = |w: &BTreeMap<String, f64>| -> Vec<(usize, f64)> {
            w.iter()
                .filter(|(_, w)| **w != 0.0 && w.is_finite())
                .filter_map(|(a, w)| Some((*index.get(a.as_str())?, *w)))
                .collect()
        };
        let places: Vec<Vec<(usize, f64)>> = finder
            .items
            .iter()
            .map(|i| row(&i.approaches))
            .chain(
                finder
                    .choices
                    .iter()
                    .flat_map(|c| c.options.iter().map(|o| row(&o.approaches))),
            )
            .collect();
        let mut norms = vec![0.0; finder.approaches.len()];
        for (a, w) in places.iter().flatten() {
            norms[*a] += w * w;
        }
        for n in &mut norms {
            *n = n.sqrt();
        }
        FitModel { places, norms }
    }

    /// Per answer place (items, then options): (approach index, weight), weights ≠ 0.
    pub fn rows(&self) -> impl Iterator<Item = &[(usize, f64)]> {
        self.places.iter().map(Vec::as_slice)
    }

    /// How many answer places there are (items, then options).
    pub fn places(&self) -> usize {
        self.places.len()
    }

    /// The answer vector of `answers`, in [`FitModel`]'s order.
    pub fn answer_vector(finder: &PreferenceFinder, answers: &FinderAnswers) -> Vec<f64> {
        let mut x: Vec<f64> = finder
            .items
            .iter()
            .map(|i| f64::from(clamped(answers, &i.id)))
            .collect();
        for c in &finder.choices {
            let picked = picked(c, answers);
            x.extend(c.options.iter().map(|o| {
                if picked.iter().any(|p| std::ptr::eq(*p, o)) {
                    CHOICE_SCALE
                } else {
                    0.0
                }
            }));
        }
        x
    }

    /// Every approach's fit (−1 … 1) for the answer vector `x`, in file order; 0 for
    /// all when nothing is answered, and 0 for an approach without weights.
    pub fn fits(&self, x: &[f64]) -> Vec<f64> {
        let mut dot = vec![0.0; self.norms.len()];
        let mut len = 0.0;
        for (row, v) in self.places.iter().zip(x) {
            if *v == 0.0 {
                continue;
            }
            len += v * v;
            for (a, w) in row {
                dot[*a] += v * w;
            }
        }
        let len = f64::sqrt(len);
        dot.iter()
            .zip(&self.norms)
            .map(|(d, n)| {
                if len > 0.0 && *n > 0.0 {
                    d / (n * len)
                } else {
                    0.0
                }
            })
            .collect()
    }

    /// The approaches with a positive fit, best first; equal fits (equal
    /// [`FitModel::tie_key`]s) keep file order. `check` proves that this order of ties
    /// cannot make an approach unreachable: it counts an approach as able to come
    /// first only when it can be strictly ahead of every other.
    pub fn ranking(fits: &[f64]) -> Vec<usize> {
        // (−fit in steps, index): ascending is best first, ties in file order.
        let mut order: Vec<(i64, usize)> = (0..fits.len())
            .filter(|a| fits[*a] > FIT_TIE)
            .map(|a| (-Self::tie_key(fits[a]), a))
            .collect();
        order.sort_unstable();
        order.into_iter().map(|(_, a)| a).collect()
    }

    /// A fit in steps of [`FIT_TIE`]: fits with the same key are equal.
    pub fn tie_key(fit: f64) -> i64 {
        (fit / FIT_TIE).round() as i64
    }
}

fn clamped(answers: &FinderAnswers, id: &str) -> i8 {
    answers
        .ratings
        .get(id)
        .copied()
        .unwrap_or(0)
        .clamp(-RATING_MAX, RATING_MAX)
}

/// Score answers with the weights in the finder file, in words. Pure and
/// deterministic: the same answers give the same profile, whatever order they were
/// given in. The numbers are [`FinderModel::outcome`]'s, the scoring the browser runs.
pub fn score(finder: &PreferenceFinder, answers: &FinderAnswers) -> Profile {
    profile(finder, &FinderModel::new(finder).outcome(answers))
}

/// An outcome in the finder file's words.
pub fn profile(finder: &PreferenceFinder, outcome: &Outcome) -> Profile {
    let round = |x: f64| (x * 100.0).round() / 100.0;
    let dimensions = finder
        .dimensions
        .iter()
        .zip(&outcome.dimensions)
        .map(|(d, o)| {
            let band = finder.bands.get(o.band);
            let (leaning, leaning_text) = match o.lean {
                0 => (None, None),
                l if l < 0 => (Some(d.left.clone()), Some(d.left_text.clone())),
                _ => (Some(d.right.clone()), Some(d.right_text.clone())),
            };
            DimensionScore {
                id: d.id.clone(),
                title: d.title.clone(),
                score: round(o.mean),
                strength: band.map(|b| b.strength.clone()).unwrap_or_default(),
                strongest: o.strongest,
                band_text: band.map(|b| b.text.clone()).unwrap_or_default(),
                leaning,
                leaning_text,
                left: d.left.clone(),
                right: d.right.clone(),
                said: o
                    .said
                    .iter()
                    .map(|(k, r)| said(&finder.items[*k].left, &finder.items[*k].right, *r))
                    .collect(),
            }
        })
        .collect();
    let approaches = outcome
        .approaches
        .iter()
        .map(|fit| {
            let a = &finder.approaches[fit.approach];
            ApproachFit {
                article: a.article.clone(),
                name: a.display_name(),
                score: round(fit.fit),
                combine: a.combine.clone(),
                note: a.note.clone(),
                why: fit
                    .why
                    .iter()
                    .map(|p| reason(finder, outcome.place(*p)))
                    .collect(),
            }
        })
        .collect();
    Profile {
        dimensions,
        approaches,
        questions: outcome
            .questions
            .iter()
            .map(|q| finder.questions_to_ask[*q].text.clone())
            .collect(),
        practical: outcome
            .practical
            .iter()
            .map(|(c, picks)| {
                let c = &finder.choices[*c];
                (
                    c.prompt.clone(),
                    picks.iter().map(|o| c.options[*o].label.clone()).collect(),
                )
            })
            .collect(),
    }
}

/// A reason for a suggestion, in the reader's words: the statement they leaned to
/// and how strongly (“…” (mostly)), or the option they chose (“…” (your choice)).
pub fn reason(finder: &PreferenceFinder, place: Place) -> String {
    match place {
        Place::Item(k, r) => {
            let item = &finder.items[k];
            let statement = if r < 0 { &item.left } else { &item.right };
            format!("“{statement}” ({})", strength_word(r).unwrap_or_default())
        }
        Place::Option(c, o) => {
            format!("“{}” (your choice)", finder.choices[c].options[o].label)
        }
    }
}

/// The options picked for a choice (one at most when it is not multiple).
fn picked<'a>(choice: &'a Choice, answers: &FinderAnswers) -> Vec<&'a ChoiceOption> {
    let ids = answers
        .choices
        .get(&choice.id)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut opts: Vec<&ChoiceOption> = choice
        .options
        .iter()
        .filter(|o| ids.contains(&o.id))
        .collect();
    if !choice.multiple {
        opts.truncate(1);
    }
    opts
}

#[cfg(test)]
mod tests;
