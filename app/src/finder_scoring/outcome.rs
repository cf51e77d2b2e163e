//! The finder's result as numbers, and the switches of the page that shows it.
//!
//! [`FinderModel`] is what scoring needs from the finder file, without its words:
//! ids, weights, bands, which answers call for which questions. The browser gets
//! only this (the finder and summary islands), so they ship no text and no view
//! code for the result. [`FinderModel::outcome`] scores answers into an
//! [`Outcome`]: indices and numbers. The words come from the page: the server
//! renders every sentence a result can hold (`components/profile.rs`), each marked
//! with a key (`data-k`), and [`Outcome::keys`] says which keys this result shows
//! and [`Outcome::order`] in which order. The server sets the same switches when it
//! renders a result itself (no JavaScript), and [`super::score`] turns an outcome
//! into the worded [`super::Profile`] of the API: one scoring, three readers.

use super::{CHOICE_SCALE, FinderAnswers, FitModel, RATING_MAX, TOP_APPROACHES};
use crate::finder::PreferenceFinder;
use serde::{Deserialize, Serialize};

/// The finder as numbers (see the module's documentation).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FinderModel {
    /// The statements, in file order.
    pub items: Vec<ModelItem>,
    /// The practical questions, in file order.
    pub choices: Vec<ModelChoice>,
    /// How many dimensions there are.
    pub dimensions: usize,
    /// The bands' `max`, in file order: the first is "no preference", the last the
    /// strongest.
    pub bands: Vec<f64>,
    /// How many questions to ask there are, and those asked always (indices).
    pub questions: usize,
    pub always: Vec<usize>,
    pub fit: FitModel,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelItem {
    pub id: String,
    /// Its dimension's index.
    pub dimension: usize,
    /// The questions (indices) a rating of 2 or more either way calls for.
    pub ask: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelChoice {
    pub id: String,
    pub multiple: bool,
    pub options: Vec<ModelOption>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelOption {
    pub id: String,
    /// The questions (indices) picking it calls for.
    pub ask: Vec<usize>,
}

/// One dimension of a result.
#[derive(Clone, Debug, PartialEq)]
pub struct DimensionOutcome {
    /// Mean rating of the dimension's statements (unanswered count as 0), −3 … +3.
    pub mean: f64,
    /// The band of the mean (index into the file's bands).
    pub band: usize,
    /// −1 (the left pole), 0 (no preference) or 1 (the right pole).
    pub lean: i8,
    /// In the strongest band (and not "no preference").
    pub strongest: bool,
    /// The answered statements (item index, rating), in file order.
    pub said: Vec<(usize, i8)>,
}

/// A suggested approach.
#[derive(Clone, Debug, PartialEq)]
pub struct FitOutcome {
    /// Index into the file's approaches.
    pub approach: usize,
    /// Cosine fit, −1 … 1 (see [`FitModel`]).
    pub fit: f64,
    /// The answer places that moved it up (items first, then every option of every
    /// choice, as in [`FitModel`]), strongest first; equal ones in file order.
    pub why: Vec<usize>,
}

/// A scored result, in numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub dimensions: Vec<DimensionOutcome>,
    /// At most [`TOP_APPROACHES`], best first.
    pub approaches: Vec<FitOutcome>,
    /// The questions to ask (indices), in file order.
    pub questions: Vec<usize>,
    /// Per question with picks: (choice index, option indices within it).
    pub practical: Vec<(usize, Vec<usize>)>,
    /// Per item: the rating given, clamped, if any.
    pub ratings: Vec<Option<i8>>,
    /// Per answer place: the value scored (a rating, or [`CHOICE_SCALE`] for a pick).
    places: Vec<f64>,
    /// The first option's place, per choice.
    option_start: Vec<usize>,
}

impl FinderModel {
    pub fn new(finder: &PreferenceFinder) -> Self {
        let question = |id: &String| finder.questions_to_ask.iter().position(|q| q.id == *id);
        let dimension = |id: &String| finder.dimensions.iter().position(|d| d.id == *id);
        FinderModel {
            items: finder
                .items
                .iter()
                .map(|i| ModelItem {
                    id: i.id.clone(),
                    // The loader checks every item names a dimension of the file.
                    dimension: dimension(&i.dimension).unwrap_or(usize::MAX),
                    ask: i.ask.iter().filter_map(question).collect(),
                })
                .collect(),
            choices: finder
                .choices
                .iter()
                .map(|c| ModelChoice {
                    id: c.id.clone(),
                    multiple: c.multiple,
                    options: c
                        .options
                        .iter()
                        .map(|o| ModelOption {
                            id: o.id.clone(),
                            ask: o.ask.iter().filter_map(question).collect(),
                        })
                        .collect(),
                })
                .collect(),
            dimensions: finder.dimensions.len(),
            bands: finder.bands.iter().map(|b| b.max).collect(),
            always: (0..finder.questions_to_ask.len())
                .filter(|q| finder.questions_to_ask[*q].always)
                .collect(),
            questions: finder.questions_to_ask.len(),
            fit: FitModel::new(finder),
        }
    }

    /// How many steps the form has before its result (as
    /// [`PreferenceFinder::steps`]).
    pub fn steps(&self) -> usize {
        self.dimensions + usize::from(!self.choices.is_empty())
    }

    /// Score `answers`. Pure and deterministic; unanswered statements count as 0.
    pub fn outcome(&self, answers: &FinderAnswers) -> Outcome {
        let ratings: Vec<Option<i8>> = self
            .items
            .iter()
            .map(|i| {
                answers
                    .ratings
                    .get(&i.id)
                    .map(|r| (*r).clamp(-RATING_MAX, RATING_MAX))
            })
            .collect();
        let picks: Vec<Vec<usize>> = self
            .choices
            .iter()
            .map(|c| {
                let ids = answers
                    .choices
                    .get(&c.id)
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                let mut picked: Vec<usize> = (0..c.options.len())
                    .filter(|o| ids.contains(&c.options[*o].id))
                    .collect();
                if !c.multiple {
                    picked.truncate(1);
                }
                picked
            })
            .collect();

        let mut places: Vec<f64> = ratings.iter().map(|r| f64::from(r.unwrap_or(0))).collect();
        let mut option_start = Vec::new();
        for (c, picked) in self.choices.iter().zip(&picks) {
            option_start.push(places.len());
            places.extend((0..c.options.len()).map(|o| {
                if picked.contains(&o) {
                    CHOICE_SCALE
                } else {
                    0.0
                }
            }));
        }

        let last_band = self.bands.len().saturating_sub(1);
        let dimensions = (0..self.dimensions)
            .map(|d| {
                let mine: Vec<usize> = (0..self.items.len())
                    .filter(|k| self.items[*k].dimension == d)
                    .collect();
                let mean = if mine.is_empty() {
                    0.0
                } else {
                    mine.iter().map(|k| places[*k]).sum::<f64>() / mine.len() as f64
                };
                let band = self
                    .bands
                    .iter()
                    .position(|max| mean.abs() <= max + 1e-9)
                    .unwrap_or(last_band);
                let lean = match band {
                    0 => 0,
                    _ if mean < 0.0 => -1,
                    _ => 1,
                };
                DimensionOutcome {
                    mean,
                    band,
                    lean,
                    strongest: band != 0 && band == last_band,
                    said: mine
                        .iter()
                        .filter_map(|k| Some((*k, ratings[*k]?)))
                        .collect(),
                }
            })
            .collect();

        let fits = self.fit.fits(&places);
        let approaches = FitModel::ranking(&fits)
            .into_iter()
            .take(TOP_APPROACHES)
            .map(|a| {
                // Every answer that moved this approach up, strongest first.
                // (−contribution in steps of FIT_TIE, place): ascending is strongest
                // first, equal ones in file order.
                let mut why: Vec<(i64, usize)> = self
                    .fit
                    .rows()
                    .enumerate()
                    .filter_map(|(p, row)| {
                        let w = row.iter().find(|(x, _)| *x == a)?.1;
                        Some((places[p] * w, p))
                    })
                    .filter(|(c, _)| *c > 0.0)
                    .map(|(c, p)| (-FitModel::tie_key(c), p))
                    .collect();
                why.sort_unstable();
                FitOutcome {
                    approach: a,
                    fit: fits[a],
                    why: why.into_iter().map(|(_, p)| p).collect(),
                }
            })
            .collect();

        // Questions: the ones always asked, then those the answers call for.
        let mut wanted = vec![false; self.questions];
        self.always.iter().for_each(|q| wanted[*q] = true);
        for (item, r) in self.items.iter().zip(&ratings) {
            if r.is_some_and(|r| r.abs() >= super::ASK_THRESHOLD) {
                item.ask.iter().for_each(|q| wanted[*q] = true);
            }
        }
        for (c, picked) in self.choices.iter().zip(&picks) {
            for o in picked {
                c.options[*o].ask.iter().for_each(|q| wanted[*q] = true);
            }
        }
        let questions = (0..self.questions).filter(|q| wanted[*q]).collect();

        Outcome {
            dimensions,
            approaches,
            questions,
            practical: picks
                .into_iter()
                .enumerate()
                .filter(|(_, p)| !p.is_empty())
                .collect(),
            ratings,
            places,
            option_start,
        }
    }
}

/// What an answer place is: a statement, or an option of a practical question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Item index and the rating given.
    Item(usize, i8),
    /// Choice index and option index within it.
    Option(usize, usize),
}

impl Outcome {
    /// The answer place `p` (see [`FitOutcome::why`]).
    pub fn place(&self, p: usize) -> Place {
        if p < self.ratings.len() {
            return Place::Item(p, self.places[p] as i8);
        }
        let c = self.option_start.iter().rposition(|s| *s <= p).unwrap_or(0);
        Place::Option(c, p - self.option_start[c])
    }

    /// Every key (`data-k`) this result shows; every other marked part of the
    /// result is hidden. See [`keys`] for what each means.
    pub fn keys(&self) -> Vec<String> {
        let mut on = vec![keys::RESULT.to_string()];
        for (k, r) in self.ratings.iter().enumerate() {
            if let Some(r) = r {
                on.push(keys::rated(k, *r));
            }
        }
        for (d, dim) in self.dimensions.iter().enumerate() {
            on.push(keys::overall(d, dim));
            if dim.strongest {
                on.push(keys::strongest(d));
            }
        }
        for a in &self.approaches {
            on.push(keys::approach(a.approach));
            on.extend(a.why.iter().map(|p| keys::why(a.approach, *p)));
        }
        on.push(
            if self.approaches.is_empty() {
                keys::NO_FIT
            } else {
                keys::FITS
            }
            .to_string(),
        );
        if !self.practical.is_empty() {
            on.push(keys::PRACTICAL.to_string());
        }
        on.extend(self.questions.iter().map(|q| keys::question(*q)));
        for (c, picks) in &self.practical {
            on.push(keys::choice(*c));
            on.extend(picks.iter().map(|o| keys::option(*c, *o)));
        }
        on
    }

    /// The keys of the parts shown in an order of their own (`data-o`), in that
    /// order: the approaches best first, and each approach's reasons.
    pub fn order(&self) -> Vec<String> {
        let mut order: Vec<String> = self
            .approaches
            .iter()
            .map(|a| keys::approach(a.approach))
            .collect();
        for a in &self.approaches {
            order.extend(a.why.iter().map(|p| keys::why(a.approach, *p)));
        }
        order
    }
}

pub mod keys;
