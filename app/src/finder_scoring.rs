//! Pure scoring of the preference finder, the same in the browser (the island, in
//! WASM) and on the server (no-JavaScript form posts); its model is in
//! [`crate::finder`].

use crate::finder::{Choice, ChoiceOption, PreferenceFinder};
use crate::form_fields::Field;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
const ASK_THRESHOLD: i8 = 2;
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
#[derive(Clone, Debug, PartialEq)]
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
        let mut order: Vec<usize> = (0..fits.len()).filter(|a| fits[*a] > FIT_TIE).collect();
        order.sort_by_key(|a| (std::cmp::Reverse(Self::tie_key(fits[*a])), *a));
        order
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

/// Score answers with the weights in the finder file. Pure and deterministic:
/// the same answers give the same profile, whatever order they were given in.
pub fn score(finder: &PreferenceFinder, answers: &FinderAnswers) -> Profile {
    let rating = |id: &str| clamped(answers, id);

    let dimensions = finder
        .dimensions
        .iter()
        .map(|d| {
            let items: Vec<i8> = finder
                .items
                .iter()
                .filter(|i| i.dimension == d.id)
                .map(|i| rating(&i.id))
                .collect();
            let said_here = finder
                .items
                .iter()
                .filter(|i| i.dimension == d.id)
                .filter_map(|i| {
                    let r = answers.ratings.get(&i.id)?.clamp(&-RATING_MAX, &RATING_MAX);
                    Some(said(&i.left, &i.right, *r))
                })
                .collect();
            let score = if items.is_empty() {
                0.0
            } else {
                items.iter().map(|r| f64::from(*r)).sum::<f64>() / items.len() as f64
            };
            let band = finder
                .bands
                .iter()
                .find(|b| score.abs() <= b.max + 1e-9)
                .or(finder.bands.last());
            let is_none = band.is_none_or(|b| std::ptr::eq(b, &finder.bands[0]));
            let (leaning, leaning_text) = if is_none {
                (None, None)
            } else if score < 0.0 {
                (Some(d.left.clone()), Some(d.left_text.clone()))
            } else {
                (Some(d.right.clone()), Some(d.right_text.clone()))
            };
            DimensionScore {
                id: d.id.clone(),
                title: d.title.clone(),
                score: (score * 100.0).round() / 100.0,
                strength: band.map(|b| b.strength.clone()).unwrap_or_default(),
                strongest: !is_none
                    && band
                        .is_some_and(|b| finder.bands.last().is_some_and(|l| std::ptr::eq(b, l))),
                band_text: band.map(|b| b.text.clone()).unwrap_or_default(),
                leaning,
                leaning_text,
                left: d.left.clone(),
                right: d.right.clone(),
                said: said_here,
            }
        })
        .collect();

    // The answers that moved each approach up: (contribution, reason).
    let mut reasons: BTreeMap<&str, Vec<(f64, String)>> = BTreeMap::new();
    for item in &finder.items {
        let r = rating(&item.id);
        if r == 0 {
            continue;
        }
        let statement = if r < 0 { &item.left } else { &item.right };
        let strength = strength_word(r).unwrap_or_default();
        for (approach, weight) in &item.approaches {
            let c = f64::from(r) * weight;
            if c > 0.0 {
                reasons
                    .entry(approach)
                    .or_default()
                    .push((c, format!("“{statement}” ({strength})")));
            }
        }
    }
    let mut practical = Vec::new();
    for choice in &finder.choices {
        let opts = picked(choice, answers);
        if !opts.is_empty() {
            practical.push((
                choice.prompt.clone(),
                opts.iter().map(|o| o.label.clone()).collect(),
            ));
        }
        for o in opts {
            for (approach, weight) in &o.approaches {
                if *weight > 0.0 {
                    reasons.entry(approach).or_default().push((
                        weight * CHOICE_SCALE,
                        format!("“{}” (your choice)", o.label),
                    ));
                }
            }
        }
    }
    let model = FitModel::new(finder);
    let fits = model.fits(&FitModel::answer_vector(finder, answers));
    let approaches: Vec<ApproachFit> = FitModel::ranking(&fits)
        .into_iter()
        .take(TOP_APPROACHES)
        .map(|i| {
            let a = &finder.approaches[i];
            let mut parts = reasons.remove(a.article.as_str()).unwrap_or_default();
            parts.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
            ApproachFit {
                article: a.article.clone(),
                name: if a.name.is_empty() {
                    a.article.clone()
                } else {
                    a.name.clone()
                },
                score: (fits[i] * 100.0).round() / 100.0,
                combine: a.combine.clone(),
                note: a.note.clone(),
                why: parts.into_iter().map(|(_, w)| w).collect(),
            }
        })
        .collect();

    // Questions: the ones always asked, then those the answers call for, in file order.
    let mut wanted: Vec<&str> = Vec::new();
    for item in &finder.items {
        if rating(&item.id).abs() >= ASK_THRESHOLD {
            wanted.extend(item.ask.iter().map(String::as_str));
        }
    }
    for choice in &finder.choices {
        for o in picked(choice, answers) {
            wanted.extend(o.ask.iter().map(String::as_str));
        }
    }
    let questions = finder
        .questions_to_ask
        .iter()
        .filter(|q| q.always || wanted.contains(&q.id.as_str()))
        .map(|q| q.text.clone())
        .collect();

    Profile {
        dimensions,
        approaches,
        questions,
        practical,
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

/// Why an answer does not fit the finder. Both readers of a reader's answers (the
/// no-JavaScript form and the JSON API) check with [`check_rating`] and
/// [`check_option`] and word these in their own way.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AnswerError<'a> {
    /// A rating names an item the finder does not have.
    UnknownItem,
    /// A rating outside −[`RATING_MAX`] … [`RATING_MAX`].
    RatingOutOfRange,
    /// An option for a question the finder does not have.
    UnknownChoice,
    /// An option that is not one of the question's options.
    UnknownOption(&'a Choice),
}

/// The rating `rating` for the item `item`, checked: no arithmetic on the reader's
/// number before it is known to be in range.
pub fn check_rating(
    finder: &PreferenceFinder,
    item: &str,
    rating: i64,
) -> Result<i8, AnswerError<'static>> {
    if !finder.items.iter().any(|i| i.id == item) {
        return Err(AnswerError::UnknownItem);
    }
    i8::try_from(rating)
        .ok()
        .filter(|r| (-RATING_MAX..=RATING_MAX).contains(r))
        .ok_or(AnswerError::RatingOutOfRange)
}

/// The question `choice`, checked to have the option `option`.
pub fn check_option<'a>(
    finder: &'a PreferenceFinder,
    choice: &str,
    option: &str,
) -> Result<&'a Choice, AnswerError<'a>> {
    let choice = finder
        .choices
        .iter()
        .find(|c| c.id == choice)
        .ok_or(AnswerError::UnknownChoice)?;
    if choice.options.iter().any(|o| o.id == option) {
        Ok(choice)
    } else {
        Err(AnswerError::UnknownOption(choice))
    }
}

/// Read a posted finder form: `r.<item>` = rating, `c.<choice>` = option id. Other
/// fields (such as reflections, `p.<id>`) are left to their own reader.
pub fn answers_from_form(
    finder: &PreferenceFinder,
    fields: &[(String, String)],
) -> Result<FinderAnswers, String> {
    // Error texts name only the file's own questions, never what the reader sent.
    let mut answers = FinderAnswers::default();
    for (name, value) in fields {
        match Field::parse(name) {
            Some(Field::Rating(id)) => {
                let rating_error = || {
                    format!("a rating must be a whole number from -{RATING_MAX} to {RATING_MAX}")
                };
                // Not a number, or one beyond `i64`: out of range (checked after the item).
                let number: i64 = value.trim().parse().unwrap_or(i64::MAX);
                let r = check_rating(finder, id, number).map_err(|e| match e {
                    AnswerError::UnknownItem => {
                        "the form rates a statement this questionnaire does not have".to_string()
                    }
                    _ => rating_error(),
                })?;
                answers.ratings.insert(id.to_string(), r);
            }
            Some(Field::Choice(id)) => {
                let choice = check_option(finder, id, value).map_err(|e| match e {
                    AnswerError::UnknownOption(choice) => format!(
                        "“{}” was answered with something that is not one of its options",
                        choice.prompt
                    ),
                    _ => "the form answers a question this questionnaire does not have".to_string(),
                })?;
                let list = answers.choices.entry(id.to_string()).or_default();
                if !choice.multiple && !list.is_empty() {
                    return Err(format!("“{}” takes one answer", choice.prompt));
                }
                if !list.contains(value) {
                    list.push(value.clone());
                }
            }
            _ => {}
        }
    }
    Ok(answers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finder::*;
    use proptest::prelude::*;

    fn finder() -> PreferenceFinder {
        let dim = |id: &str| Dimension {
            id: id.into(),
            title: id.into(),
            left: format!("{id}-left"),
            right: format!("{id}-right"),
            left_text: "l".into(),
            right_text: "r".into(),
        };
        let item = |id: &str, d: &str, w: &[(&str, f64)], ask: &[&str]| Item {
            id: id.into(),
            dimension: d.into(),
            left: format!("{id} left"),
            right: format!("{id} right"),
            approaches: w.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            ask: ask.iter().map(|s| s.to_string()).collect(),
        };
        let approach = |a: &str| Approach {
            article: a.into(),
            combine: format!("{a} combine"),
            note: (a == "psy").then(|| "Mainly for some difficulties.".to_string()),
            name: a.to_uppercase(),
        };
        PreferenceFinder {
            kind: "preference".into(),
            title: "t".into(),
            summary: "s".into(),
            dimensions: vec![dim("lead"), dim("past")],
            approaches: vec![approach("cbt"), approach("pct"), approach("psy")],
            questions_to_ask: vec![
                AskQuestion {
                    id: "always".into(),
                    text: "Always?".into(),
                    always: true,
                },
                AskQuestion {
                    id: "homework".into(),
                    text: "Homework?".into(),
                    always: false,
                },
                AskQuestion {
                    id: "video".into(),
                    text: "Video?".into(),
                    always: false,
                },
            ],
            items: vec![
                item("i1", "lead", &[("cbt", 1.0), ("pct", -1.0)], &["homework"]),
                item("i2", "lead", &[("cbt", 0.5)], &[]),
                item("i3", "past", &[("psy", 1.0)], &[]),
            ],
            choices: vec![Choice {
                id: "format".into(),
                prompt: "Format?".into(),
                multiple: true,
                options: vec![
                    ChoiceOption {
                        id: "video".into(),
                        label: "Video".into(),
                        approaches: BTreeMap::new(),
                        ask: vec!["video".into()],
                    },
                    ChoiceOption {
                        id: "walk".into(),
                        label: "Walk".into(),
                        approaches: [("pct".to_string(), 1.0)].into(),
                        ask: vec![],
                    },
                ],
            }],
            bands: vec![
                Band {
                    max: 1.0,
                    strength: "none".into(),
                    text: "No clear preference.".into(),
                },
                Band {
                    max: 2.0,
                    strength: "moderate".into(),
                    text: "Moderate.".into(),
                },
                Band {
                    max: 3.0,
                    strength: "strong".into(),
                    text: "Strong.".into(),
                },
            ],
            search: vec![],
        }
    }

    fn answers(r: &[(&str, i8)], c: &[(&str, &[&str])]) -> FinderAnswers {
        FinderAnswers {
            ratings: r.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            choices: c
                .iter()
                .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
                .collect(),
        }
    }

    #[test]
    fn only_the_strongest_band_is_a_strong_preference() {
        let f = finder();
        let with = |r: i8| FinderAnswers {
            ratings: [("i1".to_string(), r), ("i2".to_string(), r)].into(),
            ..Default::default()
        };
        let lead = |r: i8| score(&f, &with(r)).dimensions[0].strongest;
        assert!(lead(3) && lead(-3), "a mean of ±3 is in the last band");
        assert!(!lead(2) && !lead(1) && !lead(0));
        assert!(!score(&f, &with(3)).dimensions[1].strongest, "unanswered");
    }

    #[test]
    fn what_was_said_is_in_the_readers_words_and_unanswered_is_left_out() {
        let p = score(
            &finder(),
            &answers(&[("i1", -3), ("i2", 0), ("i3", 1)], &[]),
        );
        assert_eq!(
            p.dimensions[0].said,
            [
                "You said “i1 left” (strongly)",
                "You said neither fits you better: “i2 left” or “i2 right”"
            ]
        );
        assert_eq!(p.dimensions[1].said, ["You said “i3 right” (slightly)"]);
        let p = score(&finder(), &answers(&[("i3", 2)], &[]));
        assert!(p.dimensions[0].said.is_empty(), "nothing answered there");
        // Unanswered and "no preference" score the same (as the API documents).
        assert_eq!(
            score(&finder(), &answers(&[("i2", 0)], &[])).approaches,
            score(&finder(), &FinderAnswers::default()).approaches
        );
        assert!(
            !answers(&[("i2", 0)], &[]).is_empty(),
            "no preference is an answer"
        );
    }

    #[test]
    fn dimensions_bands_and_leaning() {
        let p = score(
            &finder(),
            &answers(&[("i1", 3), ("i2", 3), ("i3", -1)], &[]),
        );
        assert_eq!(p.dimensions[0].score, 3.0);
        assert_eq!(p.dimensions[0].strength, "strong");
        assert_eq!(p.dimensions[0].leaning.as_deref(), Some("lead-right"));
        assert_eq!(p.dimensions[1].strength, "none");
        assert_eq!(p.dimensions[1].leaning, None);
    }

    #[test]
    fn approaches_come_with_reasons() {
        let p = score(&finder(), &answers(&[("i1", 3)], &[("format", &["walk"])]));
        assert_eq!(p.approaches[0].article, "cbt");
        assert_eq!(
            p.approaches[0].why,
            vec!["“i1 right” (strongly)".to_string()]
        );
        // pct: −3 from i1, +2 from the walk (a pick counts like a rating of 2): no fit.
        assert!(p.approaches.iter().all(|a| a.article != "pct"));
        let p = score(&finder(), &answers(&[("i1", -3)], &[("format", &["walk"])]));
        assert_eq!(p.approaches[0].article, "pct");
        // Nearly the way of pct's weights (−1 on i1, +1 on walk): 5 / (√2 · √13).
        assert_eq!(p.approaches[0].score, 0.98);
        let mut why = p.approaches[0].why.clone();
        why.sort();
        assert_eq!(why, ["“Walk” (your choice)", "“i1 left” (strongly)"]);
    }

    #[test]
    fn a_picked_option_counts_like_a_rating_of_two() {
        // psy: +1 per point of i3; pct (here): +1 when Walk is picked.
        let mut f = finder();
        f.items[0].approaches.remove("pct");
        let p = score(&f, &answers(&[("i3", 2)], &[("format", &["walk"])]));
        let fit =
            |p: &Profile, a: &str| p.approaches.iter().find(|x| x.article == a).unwrap().score;
        assert_eq!(fit(&p, "psy"), fit(&p, "pct"), "{p:?}");
        let p = score(&f, &answers(&[("i3", 3)], &[("format", &["walk"])]));
        assert_eq!(p.approaches[0].article, "psy");
        assert!(fit(&p, "psy") > fit(&p, "pct"));
        let p = score(&f, &answers(&[("i3", 1)], &[("format", &["walk"])]));
        assert_eq!(p.approaches[0].article, "pct");
    }

    #[test]
    fn the_why_lists_every_answer_that_moved_it_and_the_note_comes_along() {
        let p = score(
            &finder(),
            &answers(&[("i1", 1), ("i2", 3), ("i3", 2)], &[("format", &["walk"])]),
        );
        let cbt = p.approaches.iter().find(|a| a.article == "cbt").unwrap();
        // i2 (3 × 0.5 = 1.5) before i1 (1 × 1).
        assert_eq!(cbt.why, ["“i2 right” (strongly)", "“i1 right” (slightly)"]);
        assert_eq!(cbt.note, None);
        let psy = p.approaches.iter().find(|a| a.article == "psy").unwrap();
        assert_eq!(psy.note.as_deref(), Some("Mainly for some difficulties."));
    }

    #[test]
    fn larger_weights_do_not_win_by_size() {
        // Ten times psy's weight changes nothing: a fit depends on the direction of
        // an approach's weights, not on how large or how many they are.
        let a = answers(
            &[("i1", 2), ("i2", -1), ("i3", 3)],
            &[("format", &["walk"])],
        );
        let mut big = finder();
        big.items[2].approaches.insert("psy".into(), 10.0);
        assert_eq!(score(&finder(), &a).approaches, score(&big, &a).approaches);
        // cbt (weights on i1 and i2) against psy (i3 only).
        let p = score(&finder(), &answers(&[("i1", 3), ("i2", 3), ("i3", 3)], &[]));
        assert_eq!(
            p.approaches[0].article, "cbt",
            "it agrees with both of cbt's statements"
        );
        let p = score(
            &finder(),
            &answers(&[("i1", 2), ("i2", -3), ("i3", 3)], &[]),
        );
        assert_eq!(p.approaches[0].article, "psy", "{p:?}");
    }

    #[test]
    fn ties_keep_file_order_not_alphabetical_order() {
        let mut f = finder();
        // Two approaches with the same weights: the one listed first in the file
        // comes first, whatever its name.
        f.approaches.swap(0, 2); // psy, pct, cbt
        f.items[2].approaches.insert("cbt".into(), 1.0);
        f.items[0].approaches.clear();
        f.items[1].approaches.clear();
        let p = score(&f, &answers(&[("i3", 3)], &[]));
        let order: Vec<&str> = p.approaches.iter().map(|a| a.article.as_str()).collect();
        assert_eq!(order, ["psy", "cbt"]);
        assert_eq!(
            FitModel::ranking(&[0.5, 0.2, 0.5, 0.0, -0.1]),
            vec![0, 2, 1]
        );
        // Within a step of FIT_TIE the later one is not ahead: file order decides.
        assert_eq!(
            FitModel::ranking(&[0.2, 0.5, 0.5 + FIT_TIE / 10.0]),
            vec![1, 2, 0]
        );
        assert_eq!(FitModel::ranking(&[0.2, 0.5, 0.5 + 1e-6]), vec![2, 1, 0]);
    }

    #[test]
    fn nothing_answered_suggests_nothing() {
        let f = finder();
        let m = FitModel::new(&f);
        assert_eq!(m.places(), 5);
        let x = FitModel::answer_vector(&f, &FinderAnswers::default());
        assert_eq!(m.fits(&x), vec![0.0, 0.0, 0.0]);
        assert!(score(&f, &FinderAnswers::default()).approaches.is_empty());
    }

    #[test]
    fn questions_follow_answers() {
        assert_eq!(
            score(&finder(), &FinderAnswers::default()).questions,
            vec!["Always?"]
        );
        let p = score(
            &finder(),
            &answers(&[("i1", -2)], &[("format", &["video"])]),
        );
        assert_eq!(p.questions, vec!["Always?", "Homework?", "Video?"]);
        let p = score(&finder(), &answers(&[("i1", 1)], &[]));
        assert_eq!(p.questions, vec!["Always?"]);
    }

    #[test]
    fn form_is_validated() {
        let f = finder();
        let kv = |k: &str, v: &str| (k.to_string(), v.to_string());
        let a = answers_from_form(
            &f,
            &[
                kv("r.i1", "-2"),
                kv("c.format", "video"),
                kv("c.format", "walk"),
                kv("p.you", "x"),
            ],
        )
        .unwrap();
        assert_eq!(a.ratings["i1"], -2);
        assert_eq!(a.choices["format"], vec!["video", "walk"]);
        assert!(answers_from_form(&f, &[kv("r.i1", "4")]).is_err());
        assert!(answers_from_form(&f, &[kv("r.nope", "1")]).is_err());
        assert!(answers_from_form(&f, &[kv("r.i1", "x")]).is_err());
        assert!(answers_from_form(&f, &[kv("c.format", "fax")]).is_err());
        assert!(answers_from_form(&f, &[kv("c.nope", "video")]).is_err());
        for huge in [
            "18446744073709551615",
            "-18446744073709551616",
            "128",
            "-129",
        ] {
            let e = answers_from_form(&f, &[kv("r.i1", huge)]).unwrap_err();
            assert!(!e.contains(huge), "{e}");
        }
        let e = answers_from_form(&f, &[kv("c.format", "<b>")]).unwrap_err();
        assert!(!e.contains("<b>"), "{e}");
    }

    fn any_answers() -> impl Strategy<Value = Vec<(String, String)>> {
        let rating = (prop::sample::select(vec!["i1", "i2", "i3"]), -3i8..=3)
            .prop_map(|(k, v)| (format!("r.{k}"), v.to_string()));
        let choice = prop::sample::select(vec!["video", "walk"])
            .prop_map(|v| ("c.format".to_string(), v.to_string()));
        prop::collection::vec(prop_oneof![rating, choice], 0..12)
    }

    #[test]
    fn marker_step_spans_the_scale_with_the_middle_at_six() {
        let f = finder();
        let at = |v: i8| score(&f, &answers(&[("i1", v), ("i2", v)], &[])).dimensions[0].step();
        assert_eq!(at(-3), 0);
        assert_eq!(at(0), 6);
        assert_eq!(at(3), 12);
        assert_eq!(at(1), 8);
        let d = &score(&f, &FinderAnswers::default()).dimensions[0];
        assert_eq!(
            (d.left.as_str(), d.right.as_str()),
            ("lead-left", "lead-right")
        );
    }

    proptest! {
        #[test]
        fn bounded_and_deterministic(fields in any_answers()) {
            let f = finder();
            let a = answers_from_form(&f, &fields).unwrap();
            let p = score(&f, &a);
            prop_assert_eq!(&p, &score(&f, &a));
            for d in &p.dimensions {
                prop_assert!((-3.0..=3.0).contains(&d.score));
                prop_assert!(d.step() <= 12);
            }
            // A fit is a cosine: above 0 when suggested, at most 1.
            for ap in &p.approaches {
                prop_assert!(ap.score >= 0.0 && ap.score <= 1.0);
                prop_assert!(!ap.why.is_empty());
                // One account: every statement a card cites is listed as said
                // under its dimension.
                for why in ap.why.iter().filter(|w| !w.ends_with("(your choice)")) {
                    let said = format!("You said {why}");
                    prop_assert!(p.dimensions.iter().any(|d| d.said.contains(&said)), "{}", why);
                }
            }
            // Every answered statement is said, and only those.
            let said: usize = p.dimensions.iter().map(|d| d.said.len()).sum();
            prop_assert_eq!(said, a.ratings.len());
            let fits = FitModel::new(&f).fits(&FitModel::answer_vector(&f, &a));
            prop_assert!(fits.iter().all(|v| (-1.0 - 1e-9..=1.0 + 1e-9).contains(v)));
            prop_assert!(p.approaches.len() <= TOP_APPROACHES);
        }

        #[test]
        fn independent_of_answer_order(fields in any_answers()) {
            let f = finder();
            // Later ratings of the same item win, so keep one per item before shuffling.
            let mut seen = std::collections::BTreeSet::new();
            let mut unique: Vec<_> = fields.into_iter().rev().filter(|(k, v)| seen.insert(if k.starts_with("r.") { k.clone() } else { format!("{k}={v}") })).collect();
            let a = score(&f, &answers_from_form(&f, &unique).unwrap());
            unique.reverse();
            let b = score(&f, &answers_from_form(&f, &unique).unwrap());
            // Option lists may differ in order; the scores and reasons must not.
            prop_assert_eq!(a.dimensions, b.dimensions);
            prop_assert_eq!(a.approaches.iter().map(|x| (&x.article, x.score)).collect::<Vec<_>>(), b.approaches.iter().map(|x| (&x.article, x.score)).collect::<Vec<_>>());
            prop_assert_eq!(a.questions, b.questions);
        }

        #[test]
        fn an_item_moves_only_what_the_file_says(base in any_answers(), r in -3i8..=3) {
            let f = finder();
            let mut a = answers_from_form(&f, &base).unwrap();
            let before = score(&f, &a);
            a.ratings.insert("i3".into(), r);
            let after = score(&f, &a);
            // i3 is on `past` and weights only `psy`. Every fit is divided by the
            // length of all the answers, so the others' fits may all shrink or grow
            // together, but by one factor: their signs and order stay.
            prop_assert_eq!(&before.dimensions[0], &after.dimensions[0]);
            let m = FitModel::new(&f);
            let fits = |a: &FinderAnswers| m.fits(&FitModel::answer_vector(&f, a));
            a.ratings.insert("i3".into(), 0);
            let (without, with) = (fits(&a), {
                let mut b = a.clone();
                b.ratings.insert("i3".into(), r);
                fits(&b)
            });
            // cbt (0) and pct (1): same signs, same order, same ratio.
            let sign = |v: f64| if v > 1e-9 { 1 } else if v < -1e-9 { -1 } else { 0 };
            let (x, y) = (0, 1);
            prop_assert_eq!(sign(without[x]), sign(with[x]));
            prop_assert_eq!(sign(without[y]), sign(with[y]));
            prop_assert_eq!(sign(without[x] - without[y]), sign(with[x] - with[y]));
            if without[y].abs() > 1e-9 {
                prop_assert!((without[x] / without[y] - with[x] / with[y]).abs() < 1e-9);
            }
        }
    }
}
