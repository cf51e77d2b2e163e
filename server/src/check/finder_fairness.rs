//! Is the finder fair? For the finder file an editor saved: can every approach come
//! first for some answers (a search that returns the answers as its proof), and what
//! share of first places does each take over a fixed sample of random answers.
//! Everything here is pure and deterministic: the same file gives the same report.

use app::finder::PreferenceFinder;
use app::finder_scoring::{FIT_TIE, FinderAnswers, FitModel, RATING_MAX, score};

/// Random answer sets in the sample.
pub const SAMPLES: usize = 20_000;
/// The most first places one approach may take (see [`max_share`]).
pub const MAX_SHARE: f64 = 0.20;

/// The share of first places one of `n` approaches may take: [`MAX_SHARE`], or twice
/// an even share when there are too few approaches for that (fewer than ten).
pub fn max_share(n: usize) -> f64 {
    MAX_SHARE.max(2.0 / n.max(1) as f64)
}
/// The sample's seed: fixed, so every run and every machine draws the same answers.
const SEED: u64 = 0x5041_5448_5741_5953; // "PATHWAYS"
/// Seeds for the reachability search, besides the two built from the weights.
const SEARCH_SEEDS: u64 = 12;
/// A lead smaller than this is a tie, not a first place.
const MIN_LEAD: f64 = 1e-6;

/// A small, fixed pseudo-random generator (SplitMix64): the sample must not depend
/// on the machine, the time or a crate's version.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `0..n` (n > 0), by rejection, so without bias.
    pub fn below(&mut self, n: u64) -> u64 {
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let v = self.next_u64();
            if v < zone {
                return v % n;
            }
        }
    }
}

/// Where answers can go: ratings per item, and the options of each choice.
#[derive(Clone, Debug)]
struct Space {
    items: usize,
    /// Per choice: (first option's place, option count, several may be picked).
    choices: Vec<(usize, usize, bool)>,
    places: usize,
}

impl Space {
    fn of(finder: &PreferenceFinder) -> Self {
        let mut at = finder.items.len();
        let choices = finder
            .choices
            .iter()
            .map(|c| {
                let start = at;
                at += c.options.len();
                (start, c.options.len(), c.multiple)
            })
            .collect();
        Space {
            items: finder.items.len(),
            choices,
            places: at,
        }
    }

    /// Random answers: every rating equally likely (−3 … +3); each option of a
    /// multiple choice picked with probability ½; a single choice answered with one
    /// of its options or left blank, each equally likely.
    fn random(&self, rng: &mut SplitMix64) -> Vec<f64> {
        let mut x = vec![0.0; self.places];
        let span = 2 * RATING_MAX as u64 + 1;
        for v in x.iter_mut().take(self.items) {
            *v = rng.below(span) as f64 - f64::from(RATING_MAX);
        }
        for &(start, n, multiple) in &self.choices {
            if multiple {
                for v in &mut x[start..start + n] {
                    if rng.below(2) == 1 {
                        *v = app::finder_scoring::CHOICE_SCALE;
                    }
                }
            } else {
                let pick = rng.below(n as u64 + 1) as usize;
                if pick < n {
                    x[start + pick] = app::finder_scoring::CHOICE_SCALE;
                }
            }
        }
        x
    }

    /// The answers a vector stands for, in the form the site scores.
    fn answers(&self, finder: &PreferenceFinder, x: &[f64]) -> FinderAnswers {
        let mut a = FinderAnswers::default();
        for (item, v) in finder.items.iter().zip(x) {
            if *v != 0.0 {
                a.ratings.insert(item.id.clone(), *v as i8);
            }
        }
        for (c, &(start, _, _)) in finder.choices.iter().zip(&self.choices) {
            let picked: Vec<String> = c
                .options
                .iter()
                .enumerate()
                .filter(|(k, _)| x[start + k] != 0.0)
                .map(|(_, o)| o.id.clone())
                .collect();
            if !picked.is_empty() {
                a.choices.insert(c.id.clone(), picked);
            }
        }
        a
    }
}

/// One approach in the report.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub article: String,
    /// Share of the sample in which it came first (a tie for first is shared).
    pub share: f64,
    /// The largest lead over the best other approach that the search found (in fit,
    /// 0 … 2); more than zero means it can come first.
    pub lead: f64,
    /// The answers with that lead: the proof that it can come first.
    pub witness: FinderAnswers,
}

impl Row {
    pub fn reachable(&self) -> bool {
        self.lead > MIN_LEAD
    }
}

/// The report for one finder file.
#[derive(Clone, Debug, PartialEq)]
pub struct Fairness {
    pub rows: Vec<Row>,
    /// Share of the sample with no suggestion at all.
    pub no_suggestion: f64,
    pub samples: usize,
}

/// Analyse `finder` with the site's own scoring ([`FitModel`]).
pub fn analyse(finder: &PreferenceFinder) -> Fairness {
    let model = FitModel::new(finder);
    let space = Space::of(finder);
    let n = finder.approaches.len();
    let (firsts, none) = first_places(&model, &space, n, SAMPLES);
    let rows = finder
        .approaches
        .iter()
        .enumerate()
        .map(|(a, approach)| {
            let (lead, x) = best_lead(&model, &space, finder, a);
            Row {
                article: approach.article.clone(),
                share: firsts[a] / SAMPLES as f64,
                lead,
                witness: space.answers(finder, &x),
            }
        })
        .collect();
    Fairness {
        rows,
        no_suggestion: none as f64 / SAMPLES as f64,
        samples: SAMPLES,
    }
}

/// First places per approach over `samples` random answer sets (ties for first
/// shared equally), and how many sets suggested nothing.
fn first_places(model: &FitModel, space: &Space, n: usize, samples: usize) -> (Vec<f64>, usize) {
    let mut rng = SplitMix64::new(SEED);
    let mut firsts = vec![0.0; n];
    let mut none = 0;
    for _ in 0..samples {
        let fits = model.fits(&space.random(&mut rng));
        let ranking = FitModel::ranking(&fits);
        let Some(&top) = ranking.first() else {
            none += 1;
            continue;
        };
        let tied: Vec<usize> = ranking
            .iter()
            .copied()
            .filter(|a| FitModel::tie_key(fits[*a]) == FitModel::tie_key(fits[top]))
            .collect();
        for a in &tied {
            firsts[*a] += 1.0 / tied.len() as f64;
        }
    }
    (firsts, none)
}

/// Running sums for a vector of answers, updated one place at a time.
struct State<'a> {
    model: &'a Weights,
    x: Vec<f64>,
    dot: Vec<f64>,
    len2: f64,
}

/// The weights by place, with each approach's length, for fast updates.
struct Weights {
    rows: Vec<Vec<(usize, f64)>>,
    norms: Vec<f64>,
}

impl Weights {
    /// Read back from the model through unit answers, so the search scores exactly
    /// as the site does.
    fn of(model: &FitModel, n: usize) -> Self {
        let places = model.places();
        let mut rows = vec![Vec::new(); places];
        let mut norms = vec![0.0; n];
        // fits(e_p) = w_pa / |w_a|: the direction of each approach's weights.
        for (p, row) in rows.iter_mut().enumerate() {
            let mut e = vec![0.0; places];
            e[p] = 1.0;
            for (a, f) in model.fits(&e).into_iter().enumerate() {
                if f != 0.0 {
                    row.push((a, f));
                    norms[a] += f * f;
                }
            }
        }
        // The unit vectors already divide by each approach's length, so each norm
        // here is 1 (or 0 for an approach without weights).
        for v in &mut norms {
            *v = v.sqrt();
        }
        Weights { rows, norms }
    }
}

impl<'a> State<'a> {
    fn new(model: &'a Weights, x: Vec<f64>) -> Self {
        let mut s = State {
            model,
            x: vec![0.0; x.len()],
            dot: vec![0.0; model.norms.len()],
            len2: 0.0,
        };
        for (p, v) in x.into_iter().enumerate() {
            s.set(p, v);
        }
        s
    }

    fn set(&mut self, p: usize, v: f64) {
        let d = v - self.x[p];
        if d == 0.0 {
            return;
        }
        for (a, w) in &self.model.rows[p] {
            self.dot[*a] += d * w;
        }
        self.len2 += v * v - self.x[p] * self.x[p];
        self.x[p] = v;
    }

    /// `a`'s fit minus the best other fit (negative when another is ahead).
    fn lead(&self, a: usize) -> f64 {
        let len = self.len2.max(0.0).sqrt();
        if len == 0.0 || self.model.norms[a] == 0.0 {
            return -1.0;
        }
        let fit = |b: usize| {
            if self.model.norms[b] == 0.0 {
                0.0
            } else {
                self.dot[b] / len
            }
        };
        let own = fit(a);
        // Only a positive fit is suggested at all.
        let rival = (0..self.dot.len())
            .filter(|b| *b != a)
            .map(fit)
            .fold(FIT_TIE, f64::max);
        own - rival
    }
}

/// The largest lead of approach `a` the search finds, and the answers giving it.
/// Starts: the answers that follow `a`'s weights (full strength, and in proportion),
/// then [`SEARCH_SEEDS`] random answer sets; from each, change one answer at a time
/// while the lead grows.
fn best_lead(
    model: &FitModel,
    space: &Space,
    finder: &PreferenceFinder,
    a: usize,
) -> (f64, Vec<f64>) {
    let weights = Weights::of(model, finder.approaches.len());
    let mut starts = vec![
        follow(&weights, space, a, true),
        follow(&weights, space, a, false),
    ];
    let mut rng = SplitMix64::new(SEED ^ (a as u64 + 1).wrapping_mul(0x9E37_79B9));
    starts.extend((0..SEARCH_SEEDS).map(|_| space.random(&mut rng)));
    let mut best: Option<(f64, Vec<f64>)> = None;
    for start in starts {
        let (lead, x) = climb(&weights, space, a, start);
        if best.as_ref().is_none_or(|(b, _)| lead > *b + 1e-12) {
            best = Some((lead, x));
        }
    }
    best.unwrap_or((-1.0, vec![0.0; space.places]))
}

/// Answers that follow approach `a`'s weights: each item rated in the direction of
/// its weight (at full strength, or in proportion to the largest), each option with
/// a positive weight picked (for a single choice, the heaviest).
fn follow(w: &Weights, space: &Space, a: usize, full: bool) -> Vec<f64> {
    let weight = |p: usize| {
        w.rows[p]
            .iter()
            .find(|(b, _)| *b == a)
            .map_or(0.0, |(_, v)| *v)
    };
    let largest = (0..space.items)
        .map(|p| weight(p).abs())
        .fold(0.0, f64::max);
    let mut x = vec![0.0; space.places];
    let max = f64::from(RATING_MAX);
    for (p, v) in x.iter_mut().enumerate().take(space.items) {
        let wt = weight(p);
        *v = if wt == 0.0 {
            0.0
        } else if full || largest == 0.0 {
            max * wt.signum()
        } else {
            (max * wt / largest).round()
        };
    }
    for &(start, n, multiple) in &space.choices {
        let positive = (start..start + n).filter(|p| weight(*p) > 0.0);
        if multiple {
            for p in positive {
                x[p] = app::finder_scoring::CHOICE_SCALE;
            }
        } else if let Some(p) = positive.max_by(|p, q| weight(*p).total_cmp(&weight(*q))) {
            x[p] = app::finder_scoring::CHOICE_SCALE;
        }
    }
    x
}

/// Hill-climb from `start`: try every other value of every answer, keep the change
/// that raises `a`'s lead most, and stop when none does.
fn climb(w: &Weights, space: &Space, a: usize, start: Vec<f64>) -> (f64, Vec<f64>) {
    let mut s = State::new(w, start);
    let mut lead = s.lead(a);
    let max = RATING_MAX as i32;
    // Each step raises the lead, so this ends; the bound only guards against a loop.
    for _ in 0..10 * space.places.max(1) {
        let mut best: Option<(f64, Vec<(usize, f64)>)> = None;
        let mut consider = |s: &mut State, change: Vec<(usize, f64)>| {
            let old: Vec<(usize, f64)> = change.iter().map(|(p, _)| (*p, s.x[*p])).collect();
            for (p, v) in &change {
                s.set(*p, *v);
            }
            let l = s.lead(a);
            for (p, v) in old.into_iter().rev() {
                s.set(p, v);
            }
            if best
                .as_ref()
                .map_or(l > lead + 1e-12, |(b, _)| l > *b + 1e-12)
            {
                best = Some((l, change));
            }
        };
        for p in 0..space.items {
            for r in -max..=max {
                if f64::from(r) != s.x[p] {
                    consider(&mut s, vec![(p, f64::from(r))]);
                }
            }
        }
        for &(start, n, multiple) in &space.choices {
            for p in start..start + n {
                if multiple {
                    let v = if s.x[p] == 0.0 {
                        app::finder_scoring::CHOICE_SCALE
                    } else {
                        0.0
                    };
                    consider(&mut s, vec![(p, v)]);
                } else {
                    // Pick this option instead of the others, or leave the choice blank.
                    let mut to: Vec<(usize, f64)> = (start..start + n).map(|q| (q, 0.0)).collect();
                    if s.x[p] == 0.0 {
                        to[p - start].1 = app::finder_scoring::CHOICE_SCALE;
                    }
                    consider(&mut s, to);
                }
            }
        }
        match best {
            Some((l, change)) => {
                for (p, v) in change {
                    s.set(p, v);
                }
                lead = l;
            }
            None => break,
        }
    }
    (lead, s.x)
}

/// What is wrong with a report: (approach, message, hint), one per problem.
pub fn problems(f: &Fairness) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let limit = max_share(f.rows.len());
    for r in &f.rows {
        if !r.reachable() {
            out.push((
                r.article.clone(),
                format!(
                    "approach `{}` can never come first: no answers found put it ahead of every other approach",
                    r.article
                ),
                "give it weights on both ends of the statements where it differs from the approaches that \
                 beat it, or an option of its own; an approach with the same weights as another can only \
                 tie with it (see \"How the finder scores\" in content/README.md)"
                    .to_string(),
            ));
        }
        if r.share > limit {
            out.push((
                r.article.clone(),
                format!(
                    "approach `{}` comes first for {:.1} % of random answers (at most {:.0} % allowed)",
                    r.article,
                    100.0 * r.share,
                    100.0 * limit
                ),
                "lower or remove some of its weights, or give the approaches it beats more of their own \
                 (see \"How the finder scores\" in content/README.md)"
                    .to_string(),
            ));
        }
    }
    out
}

/// The report as a table, one approach a line.
pub fn table(f: &Fairness) -> String {
    let width = f
        .rows
        .iter()
        .map(|r| r.article.len())
        .max()
        .unwrap_or(8)
        .max(8);
    let mut s = format!(
        "{:width$}  {:>7}  {:>6}  can come first\n",
        "approach", "first %", "lead"
    );
    for r in &f.rows {
        s.push_str(&format!(
            "{:width$}  {:>7.1}  {:>6.2}  {}\n",
            r.article,
            100.0 * r.share,
            r.lead,
            if r.reachable() { "yes" } else { "NO" }
        ));
    }
    s.push_str(&format!(
        "{:width$}  {:>7.1}\n",
        "(none)",
        100.0 * f.no_suggestion
    ));
    s
}

/// The witness answers, short: `item=+3 … choice=[option …]`.
pub fn describe(a: &FinderAnswers) -> String {
    let mut parts: Vec<String> = a
        .ratings
        .iter()
        .map(|(k, v)| format!("{k}={v:+}"))
        .collect();
    parts.extend(
        a.choices
            .iter()
            .map(|(k, v)| format!("{k}=[{}]", v.join(" "))),
    );
    if parts.is_empty() {
        "(nothing answered)".into()
    } else {
        parts.join(" ")
    }
}

/// Whether the site itself puts `article` first for `answers` (the witness check).
pub fn site_puts_first(finder: &PreferenceFinder, answers: &FinderAnswers, article: &str) -> bool {
    score(finder, answers)
        .approaches
        .first()
        .is_some_and(|a| a.article == article)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A finder from YAML: `approaches` are slugs; `items` are (id, weights);
    /// `options` of one multiple choice are (id, weights).
    fn finder(
        approaches: &[&str],
        items: &[(&str, &str)],
        options: &[(&str, &str)],
    ) -> PreferenceFinder {
        let mut y = String::from(
            "kind: preference\ntitle: t\nsummary: s\ndimensions:\n  - { id: d, title: d, left: l, right: r, left_text: l, right_text: r }\napproaches:\n",
        );
        for a in approaches {
            y.push_str(&format!("  - {{ article: {a}, combine: c }}\n"));
        }
        y.push_str("questions_to_ask: []\nitems:\n");
        for (id, w) in items {
            y.push_str(&format!(
                "  - {{ id: {id}, dimension: d, left: l, right: r, approaches: {w} }}\n"
            ));
        }
        y.push_str("choices:\n  - id: c\n    prompt: p\n    multiple: true\n    options:\n");
        for (id, w) in options {
            y.push_str(&format!(
                "      - {{ id: {id}, label: {id}, approaches: {w} }}\n"
            ));
        }
        y.push_str("bands:\n  - { max: 3.0, strength: s, text: t }\n");
        serde_norway::from_str(&y).unwrap()
    }

    #[test]
    fn the_generator_is_fixed_and_in_range() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        assert_eq!(xs, (0..5).map(|_| b.next_u64()).collect::<Vec<_>>());
        // The published first output of SplitMix64 seeded with 0.
        assert_eq!(SplitMix64::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
        let mut r = SplitMix64::new(1);
        let mut seen = [0usize; 7];
        for _ in 0..7000 {
            seen[r.below(7) as usize] += 1;
        }
        assert!(seen.iter().all(|n| (800..1200).contains(n)), "{seen:?}");
    }

    #[test]
    fn random_answers_cover_the_scale_and_single_choices_pick_one() {
        let space = Space {
            items: 2,
            choices: vec![(2, 3, false), (5, 2, true)],
            places: 7,
        };
        let mut r = SplitMix64::new(3);
        let mut ratings = std::collections::BTreeSet::new();
        for _ in 0..500 {
            let x = space.random(&mut r);
            ratings.extend(x[..2].iter().map(|v| *v as i64));
            assert!(x[2..5].iter().filter(|v| **v != 0.0).count() <= 1, "{x:?}");
        }
        assert_eq!(
            ratings.into_iter().collect::<Vec<_>>(),
            vec![-3, -2, -1, 0, 1, 2, 3]
        );
    }

    #[test]
    fn a_fair_finder_is_reachable_with_proof_and_shares_add_up() {
        let f = finder(
            &["a", "b", "c"],
            &[("i1", "{ a: 1, b: -1 }"), ("i2", "{ c: 1, a: -0.5 }")],
            &[("o1", "{ b: 1 }"), ("o2", "{ c: 0.5 }")],
        );
        let report = analyse(&f);
        let total: f64 = report.rows.iter().map(|r| r.share).sum::<f64>() + report.no_suggestion;
        assert!((total - 1.0).abs() < 1e-9, "{total}");
        for r in &report.rows {
            assert!(r.reachable(), "{r:?}");
            assert!(site_puts_first(&f, &r.witness, &r.article), "{r:?}");
        }
        assert!(problems(&report).is_empty(), "{:?}", problems(&report));
        assert_eq!(report, analyse(&f), "deterministic");
    }

    #[test]
    fn approaches_that_can_only_tie_are_unreachable() {
        // b and c have the same weights: c is listed after b, and neither can be
        // strictly ahead of the other, whatever the answers.
        let f = finder(
            &["a", "b", "c"],
            &[("i1", "{ a: 1, b: -1, c: -1 }"), ("i2", "{ a: 1 }")],
            &[("o1", "{ b: 1, c: 1 }")],
        );
        let report = analyse(&f);
        let reach: Vec<bool> = report.rows.iter().map(Row::reachable).collect();
        assert_eq!(reach, [true, false, false]);
        let p = problems(&report);
        assert!(
            p.iter()
                .any(|(a, m, _)| a == "c" && m.contains("can never come first")),
            "{p:?}"
        );
    }

    #[test]
    fn an_approach_on_options_only_takes_too_many_first_places() {
        // Options only ever add, so `a` leads most random answers.
        let apps = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
        let items: Vec<(String, String)> = apps[1..]
            .iter()
            .map(|x| (format!("i{x}"), format!("{{ {x}: 1 }}")))
            .collect();
        let items: Vec<(&str, &str)> = items
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let f = finder(
            &apps,
            &items,
            &[
                ("o1", "{ a: 1 }"),
                ("o2", "{ a: 1 }"),
                ("o3", "{ a: 1 }"),
                ("o4", "{ a: 1 }"),
            ],
        );
        let report = analyse(&f);
        assert!(report.rows[0].share > MAX_SHARE, "{}", table(&report));
        let p = problems(&report);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "a");
        assert!(
            p[0].1
                .contains("% of random answers (at most 20 % allowed)"),
            "{}",
            p[0].1
        );
    }

    #[test]
    fn the_share_limit_allows_small_finders() {
        assert_eq!(max_share(16), MAX_SHARE);
        assert_eq!(max_share(10), MAX_SHARE);
        assert_eq!(max_share(5), 0.4);
        assert_eq!(max_share(2), 1.0);
    }

    #[test]
    fn witnesses_read_as_answers() {
        let mut a = FinderAnswers::default();
        assert_eq!(describe(&a), "(nothing answered)");
        a.ratings.insert("x".into(), -3);
        a.choices.insert("c".into(), vec!["o1".into(), "o2".into()]);
        assert_eq!(describe(&a), "x=-3 c=[o1 o2]");
    }
}
