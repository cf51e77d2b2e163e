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
    pub fn is_empty(&self) -> bool {
        self.ratings.values().all(|r| *r == 0) && self.choices.values().all(Vec::is_empty)
    }
}

/// Ratings run from −3 (the left statement) to +3 (the right statement).
pub const RATING_MAX: i8 = 3;

/// Where the reader stands on one dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DimensionScore {
    pub id: String,
    pub title: String,
    /// Mean rating of this dimension's items, −3 … +3.
    pub score: f64,
    /// The band's `strength` (e.g. none, moderate, strong).
    pub strength: String,
    pub band_text: String,
    /// The pole the reader leans to (its label), or `None` when there is no preference.
    pub leaning: Option<String>,
    /// The text of that pole.
    pub leaning_text: Option<String>,
    /// The labels of the two ends of the scale (−3 and +3).
    pub left: String,
    pub right: String,
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
    pub score: f64,
    pub combine: String,
    /// The answers that led here, strongest first.
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
/// How many reasons are given per approach.
const TOP_REASONS: usize = 3;
/// A rating at least this far from 0 adds the item's questions.
const ASK_THRESHOLD: i8 = 2;

/// Score answers with the weights in the finder file. Pure and deterministic:
/// the same answers give the same profile, whatever order they were given in.
pub fn score(finder: &PreferenceFinder, answers: &FinderAnswers) -> Profile {
    let rating = |id: &str| {
        answers
            .ratings
            .get(id)
            .copied()
            .unwrap_or(0)
            .clamp(-RATING_MAX, RATING_MAX)
    };

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
                band_text: band.map(|b| b.text.clone()).unwrap_or_default(),
                leaning,
                leaning_text,
                left: d.left.clone(),
                right: d.right.clone(),
            }
        })
        .collect();

    // Approach scores, with the contributions that explain them.
    let mut contributions: BTreeMap<&str, Vec<(f64, String)>> = BTreeMap::new();
    for item in &finder.items {
        let r = rating(&item.id);
        if r == 0 {
            continue;
        }
        let statement = if r < 0 { &item.left } else { &item.right };
        for (approach, weight) in &item.approaches {
            let c = f64::from(r) * weight;
            if c != 0.0 {
                contributions
                    .entry(approach)
                    .or_default()
                    .push((c, format!("You leaned towards “{statement}”")));
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
                if *weight != 0.0 {
                    contributions
                        .entry(approach)
                        .or_default()
                        .push((*weight, format!("You chose “{}”", o.label)));
                }
            }
        }
    }
    let mut approaches: Vec<ApproachFit> = finder
        .approaches
        .iter()
        .filter_map(|a| {
            let mut parts = contributions.remove(a.article.as_str())?;
            let score: f64 = parts.iter().map(|(c, _)| c).sum();
            if score <= 0.0 {
                return None;
            }
            parts.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
            let why = parts
                .into_iter()
                .filter(|(c, _)| *c > 0.0)
                .take(TOP_REASONS)
                .map(|(_, w)| w)
                .collect();
            Some(ApproachFit {
                article: a.article.clone(),
                name: if a.name.is_empty() {
                    a.article.clone()
                } else {
                    a.name.clone()
                },
                score: (score * 100.0).round() / 100.0,
                combine: a.combine.clone(),
                why,
            })
        })
        .collect();
    approaches.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| x.article.cmp(&y.article))
    });
    approaches.truncate(TOP_APPROACHES);

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
                if !finder.items.iter().any(|i| i.id == id) {
                    return Err(
                        "the form rates a statement this questionnaire does not have".into(),
                    );
                }
                // Parsed as `i8` (out-of-range numbers fail to parse), then range-checked;
                // no arithmetic on the reader's number.
                let r: i8 = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|r: &i8| (-RATING_MAX..=RATING_MAX).contains(r))
                    .ok_or_else(|| {
                        format!(
                            "a rating must be a whole number from -{RATING_MAX} to {RATING_MAX}"
                        )
                    })?;
                answers.ratings.insert(id.to_string(), r);
            }
            Some(Field::Choice(id)) => {
                let choice = finder
                    .choices
                    .iter()
                    .find(|c| c.id == id)
                    .ok_or("the form answers a question this questionnaire does not have")?;
                if !choice.options.iter().any(|o| o.id == *value) {
                    return Err(format!(
                        "“{}” was answered with something that is not one of its options",
                        choice.prompt
                    ));
                }
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
            vec!["You leaned towards “i1 right”".to_string()]
        );
        // pct: −3 from i1, +1 from the walk: not a fit.
        assert!(p.approaches.iter().all(|a| a.article != "pct"));
        let p = score(&finder(), &answers(&[("i1", -3)], &[("format", &["walk"])]));
        assert_eq!(p.approaches[0].article, "pct");
        assert_eq!(p.approaches[0].why[0], "You leaned towards “i1 left”");
        assert_eq!(p.approaches[0].why[1], "You chose “Walk”");
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
            // Bounded by the weights: 3 × Σ|item weights| + Σ option weights.
            for ap in &p.approaches {
                prop_assert!(ap.score > 0.0 && ap.score <= 3.0 * 1.5 + 1.0 + 1e-9);
                prop_assert!(!ap.why.is_empty());
            }
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
            // i3 is on `past` and weights only `psy`.
            prop_assert_eq!(&before.dimensions[0], &after.dimensions[0]);
            let others = |p: &Profile| p.approaches.iter().filter(|x| x.article != "psy").map(|x| (x.article.clone(), x.score)).collect::<Vec<_>>();
            prop_assert_eq!(others(&before), others(&after));
        }
    }
}
