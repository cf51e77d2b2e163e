//! The preference finder (the `kind: preference` file of `quizzes/`): ids unique
//! when parsed; its references to dimensions, approaches and questions checked
//! once the whole tree is known.

use super::Parsed;
use super::fields::{checked, unique};
use super::links::{did_you_mean, suggest};
use super::yaml::{find_line, key_line, yaml_file};
use crate::content::error::ContentError;
use app::content::Article;
use app::finder::PreferenceFinder;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

/// The parsed finder and its text, for whole-tree messages.
pub(super) type Finder = (Parsed<PreferenceFinder>, String);

pub(super) fn parse_finder(
    path: &Path,
    src: &str,
) -> Result<Parsed<PreferenceFinder>, Vec<ContentError>> {
    let f: PreferenceFinder = yaml_file(path, src)?;
    let mut errs = Vec::new();
    let dimensions = f.dimensions.iter().map(|d| d.id.as_str());
    unique(path, src, dimensions, "dimension id", &mut errs);
    unique(
        path,
        src,
        f.items.iter().map(|d| d.id.as_str()),
        "item id",
        &mut errs,
    );
    unique(
        path,
        src,
        f.choices.iter().map(|d| d.id.as_str()),
        "choice id",
        &mut errs,
    );
    let asks = f.questions_to_ask.iter().map(|d| d.id.as_str());
    unique(path, src, asks, "question id", &mut errs);
    let approaches = f.approaches.iter().map(|d| d.article.as_str());
    unique(path, src, approaches, "approach", &mut errs);
    for c in &f.choices {
        unique(
            path,
            src,
            c.options.iter().map(|o| o.id.as_str()),
            "option id",
            &mut errs,
        );
    }
    let bands_line = || key_line(src, "bands", 1);
    if f.bands.is_empty() || f.bands.windows(2).any(|w| w[0].max >= w[1].max) {
        errs.push(
            ContentError::new(
                path,
                bands_line(),
                1,
                "bands must be listed with increasing `max`",
            )
            .hint("for example max 1.0 (none), 2.0 (moderate), 3.0 (strong)"),
        );
    } else if f.bands.last().is_some_and(|b| b.max < 3.0) {
        errs.push(
            ContentError::new(path, bands_line(), 1, "the last band must reach 3.0")
                .hint("set the last band's `max: 3.0` so every score has a band"),
        );
    }
    let parsed = Parsed {
        path: path.to_path_buf(),
        value: f,
        links: vec![],
        key_lines: HashMap::new(),
    };
    checked(parsed, errs)
}

/// The finder as served: each approach named by its article's title.
pub(super) fn named(
    mut finder: PreferenceFinder,
    articles: &BTreeMap<String, Arc<Article>>,
) -> PreferenceFinder {
    for a in &mut finder.approaches {
        a.name = articles
            .get(&a.article)
            .map_or_else(|| a.article.clone(), |x| x.title.clone());
    }
    finder
}

/// A problem found by [`check_finder`]: (text to place it by, message, hint).
type Found = (String, String, String);

/// References inside the finder: dimensions, approaches and questions must exist.
pub(super) fn check_finder(
    f: &Parsed<PreferenceFinder>,
    src: &str,
    articles: &BTreeSet<String>,
) -> Vec<ContentError> {
    let finder = &f.value;
    let refs = Refs::of(finder);
    let mut found: Vec<Found> = Vec::new();
    for a in &finder.approaches {
        if !articles.contains(&a.article) {
            found.push((
                a.article.clone(),
                format!("approach `{}` has no article", a.article),
                "use the file name of an article without `.md`".into(),
            ));
        }
    }
    for item in &finder.items {
        if !refs.dims.contains(item.dimension.as_str()) {
            let known: BTreeSet<String> = refs.dims.iter().map(|d| d.to_string()).collect();
            let hint = match suggest(&item.dimension, &known) {
                Some(s) => format!(
                    "did you mean `{s}`? The dimensions are: {}",
                    list(&refs.dims)
                ),
                None => format!("use one of: {}", list(&refs.dims)),
            };
            let message = format!(
                "item `{}` uses unknown dimension `{}`",
                item.id, item.dimension
            );
            found.push((item.dimension.clone(), message, hint));
        }
        let owner = format!("item `{}`", item.id);
        refs.check(&owner, &item.approaches, &item.ask, &mut found);
    }
    for c in &finder.choices {
        for o in &c.options {
            let owner = format!("option `{}` of `{}`", o.id, c.id);
            refs.check(&owner, &o.approaches, &o.ask, &mut found);
        }
    }
    found
        .into_iter()
        .map(|(needle, message, hint)| {
            ContentError::new(&f.path, find_line(src, &needle, 1), 1, message).hint(hint)
        })
        .collect()
}

fn list(s: &BTreeSet<&str>) -> String {
    s.iter().copied().collect::<Vec<_>>().join(", ")
}

/// The ids the finder's items and options may refer to.
struct Refs<'a> {
    dims: BTreeSet<&'a str>,
    approaches: BTreeSet<&'a str>,
    asks: BTreeSet<&'a str>,
}

impl<'a> Refs<'a> {
    fn of(finder: &'a PreferenceFinder) -> Self {
        Refs {
            dims: finder.dimensions.iter().map(|d| d.id.as_str()).collect(),
            approaches: finder
                .approaches
                .iter()
                .map(|a| a.article.as_str())
                .collect(),
            asks: finder
                .questions_to_ask
                .iter()
                .map(|q| q.id.as_str())
                .collect(),
        }
    }

    /// The approaches `owner` weights and the questions it asks must exist.
    fn check(
        &self,
        owner: &str,
        weights: &BTreeMap<String, f64>,
        ask: &[String],
        found: &mut Vec<Found>,
    ) {
        for k in weights.keys() {
            if !self.approaches.contains(k.as_str()) {
                found.push((
                    k.clone(),
                    format!("{owner} weights unknown approach `{k}`"),
                    format!(
                        "{}add it under `approaches:` or use one of: {}",
                        did_you_mean(k, &self.approaches),
                        list(&self.approaches)
                    ),
                ));
            }
        }
        for q in ask {
            if !self.asks.contains(q.as_str()) {
                found.push((
                    q.clone(),
                    format!("{owner} asks unknown question `{q}`"),
                    format!(
                        "{}add it under `questions_to_ask:` or use one of: {}",
                        did_you_mean(q, &self.asks),
                        list(&self.asks)
                    ),
                ));
            }
        }
    }
}
