//! Tests of the preference finder's scoring: worked examples and properties.

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
    let fit = |p: &Profile, a: &str| p.approaches.iter().find(|x| x.article == a).unwrap().score;
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
    /// The browser scores with the model it is sent (as JSON, in the islands'
    /// props): the same outcome, so the same result, as the server's scoring.
    #[test]
    fn the_browser_scores_as_the_server_does(fields in any_answers()) {
        let f = finder();
        let a = answers_from_form(&f, &fields).unwrap();
        let model = FinderModel::new(&f);
        let sent: FinderModel = serde_json::from_str(&serde_json::to_string(&model).unwrap()).unwrap();
        prop_assert_eq!(&sent, &model);
        let outcome = sent.outcome(&a);
        prop_assert_eq!(profile(&f, &outcome), score(&f, &a));
        // Each shown reason and each statement said has its part on the page.
        let keys = outcome.keys();
        for fit in &outcome.approaches {
            prop_assert!(keys.contains(&keys::approach(fit.approach)));
            for p in &fit.why {
                prop_assert!(outcome.order().contains(&keys::why(fit.approach, *p)));
                if let Place::Item(k, r) = outcome.place(*p) {
                    prop_assert!(keys.contains(&keys::rated(k, r)));
                }
            }
        }
    }

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
