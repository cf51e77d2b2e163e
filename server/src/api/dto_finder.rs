//! The API's public shapes for the preference finder, the glossary, the comparison
//! and the reflection questions, built from the content model by conversions (field
//! by field, so that fields added to the model do not change the contract).

use app::compare::Compare;
use app::finder::PreferenceFinder;
use app::finder_scoring::{RATING_MAX, TOP_APPROACHES};
use app::glossary::GlossaryTerm;
use app::prepare::Prepare;
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// Everything a client needs to show the finder and score it on the device. The
/// authoritative scoring is `POST /api/v1/finder/score` (the same code as the site):
/// a dimension's score is the mean rating of its items; its band is the first whose
/// `max` is at least the score's magnitude (the first band means no leaning); an
/// approach's score is the sum of rating × weight over items plus the weights of the
/// picked options, and only approaches scoring above 0 are suggested, best first, at
/// most `top_approaches`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Finder {
    pub title: String,
    pub summary: String,
    /// Ratings run from `-rating_max` (the item's `left` statement) to `rating_max`.
    pub rating_max: i8,
    /// How many approaches a result suggests at most.
    pub top_approaches: usize,
    pub dimensions: Vec<FinderDimension>,
    pub approaches: Vec<FinderApproach>,
    pub questions_to_ask: Vec<FinderAskQuestion>,
    pub items: Vec<FinderItem>,
    pub choices: Vec<FinderChoice>,
    pub bands: Vec<FinderBand>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FinderDimension {
    pub id: String,
    pub title: String,
    pub left: String,
    pub right: String,
    pub left_text: String,
    pub right_text: String,
}

/// An approach the finder can suggest; `article` is its article's slug.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FinderApproach {
    pub article: String,
    pub name: String,
    /// How it combines with others, in an integrative or eclectic practice.
    pub combine: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FinderAskQuestion {
    pub id: String,
    pub text: String,
    /// Asked whatever the answers.
    pub always: bool,
}

/// A two-ended statement rated from `-rating_max` (left) to `rating_max` (right).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FinderItem {
    pub id: String,
    /// The id of its dimension.
    pub dimension: String,
    pub left: String,
    pub right: String,
    /// Weight per point of rating, by approach (article slug).
    pub approaches: BTreeMap<String, f64>,
    /// Ids of `questions_to_ask` added by a strong rating either way.
    pub ask: Vec<String>,
}

/// A practical question with options to pick.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FinderChoice {
    pub id: String,
    pub prompt: String,
    /// Several options may be picked (otherwise one at most).
    pub multiple: bool,
    pub options: Vec<FinderChoiceOption>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FinderChoiceOption {
    pub id: String,
    pub label: String,
    /// Weight by approach when picked.
    pub approaches: BTreeMap<String, f64>,
    /// Ids of `questions_to_ask` added when picked.
    pub ask: Vec<String>,
}

/// Text for a dimension's strength, for |score| ≤ `max`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FinderBand {
    pub max: f64,
    pub strength: String,
    pub text: String,
}

impl From<&PreferenceFinder> for Finder {
    fn from(f: &PreferenceFinder) -> Self {
        Self {
            title: f.title.clone(),
            summary: f.summary.clone(),
            rating_max: RATING_MAX,
            top_approaches: TOP_APPROACHES,
            dimensions: f
                .dimensions
                .iter()
                .map(|d| FinderDimension {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    left: d.left.clone(),
                    right: d.right.clone(),
                    left_text: d.left_text.clone(),
                    right_text: d.right_text.clone(),
                })
                .collect(),
            approaches: f
                .approaches
                .iter()
                .map(|a| FinderApproach {
                    article: a.article.clone(),
                    name: if a.name.is_empty() {
                        a.article.clone()
                    } else {
                        a.name.clone()
                    },
                    combine: a.combine.clone(),
                })
                .collect(),
            questions_to_ask: f
                .questions_to_ask
                .iter()
                .map(|q| FinderAskQuestion {
                    id: q.id.clone(),
                    text: q.text.clone(),
                    always: q.always,
                })
                .collect(),
            items: f
                .items
                .iter()
                .map(|i| FinderItem {
                    id: i.id.clone(),
                    dimension: i.dimension.clone(),
                    left: i.left.clone(),
                    right: i.right.clone(),
                    approaches: i.approaches.clone(),
                    ask: i.ask.clone(),
                })
                .collect(),
            choices: f
                .choices
                .iter()
                .map(|c| FinderChoice {
                    id: c.id.clone(),
                    prompt: c.prompt.clone(),
                    multiple: c.multiple,
                    options: c
                        .options
                        .iter()
                        .map(|o| FinderChoiceOption {
                            id: o.id.clone(),
                            label: o.label.clone(),
                            approaches: o.approaches.clone(),
                            ask: o.ask.clone(),
                        })
                        .collect(),
                })
                .collect(),
            bands: f
                .bands
                .iter()
                .map(|b| FinderBand {
                    max: b.max,
                    strength: b.strength.clone(),
                    text: b.text.clone(),
                })
                .collect(),
        }
    }
}

/// A glossary term; `id` is its anchor on `/glossary`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct GlossaryEntry {
    pub id: String,
    pub term: String,
    pub definition: String,
    /// Related terms, by name.
    pub see: Vec<String>,
}

impl From<&GlossaryTerm> for GlossaryEntry {
    fn from(t: &GlossaryTerm) -> Self {
        Self {
            id: t.id.clone(),
            term: t.term.clone(),
            definition: t.definition.clone(),
            see: t.see.clone(),
        }
    }
}

/// Integrative versus eclectic practice, side by side and by example.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Comparison {
    pub title: String,
    pub summary: String,
    pub intro: String,
    pub aspects: Vec<ComparisonAspect>,
    pub routes: Vec<IntegrationRouteEntry>,
    pub examples: Vec<WorkedExampleEntry>,
    pub sources: Vec<String>,
    pub updated: String,
    /// The id of the quiz that tests this comparison, if there is one.
    pub quiz: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ComparisonAspect {
    pub id: String,
    pub label: String,
    pub integrative: String,
    pub eclectic: String,
}

/// A route to integration (technical eclecticism, theoretical integration…).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct IntegrationRouteEntry {
    pub id: String,
    pub name: String,
    pub text: String,
    pub example: String,
}

/// The same made-up client seen each way.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct WorkedExampleEntry {
    pub id: String,
    pub title: String,
    pub client: String,
    pub integrative: String,
    pub eclectic: String,
}

impl From<&Compare> for Comparison {
    fn from(c: &Compare) -> Self {
        Self {
            title: c.title.clone(),
            summary: c.summary.clone(),
            intro: c.intro.clone(),
            aspects: c
                .aspects
                .iter()
                .map(|a| ComparisonAspect {
                    id: a.id.clone(),
                    label: a.label.clone(),
                    integrative: a.integrative.clone(),
                    eclectic: a.eclectic.clone(),
                })
                .collect(),
            routes: c
                .routes
                .iter()
                .map(|r| IntegrationRouteEntry {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    text: r.text.clone(),
                    example: r.example.clone(),
                })
                .collect(),
            examples: c
                .examples
                .iter()
                .map(|e| WorkedExampleEntry {
                    id: e.id.clone(),
                    title: e.title.clone(),
                    client: e.client.clone(),
                    integrative: e.integrative.clone(),
                    eclectic: e.eclectic.clone(),
                })
                .collect(),
            sources: c.sources.clone(),
            updated: c.updated.clone(),
            quiz: c.quiz.clone(),
        }
    }
}

/// Reflection questions for a first session (answers stay on the device).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Reflection {
    pub title: String,
    pub intro: String,
    pub questions: Vec<ReflectionPrompt>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ReflectionPrompt {
    pub id: String,
    pub prompt: String,
    pub hint: String,
}

impl From<&Prepare> for Reflection {
    fn from(p: &Prepare) -> Self {
        Self {
            title: p.title.clone(),
            intro: p.intro.clone(),
            questions: p
                .questions
                .iter()
                .map(|q| ReflectionPrompt {
                    id: q.id.clone(),
                    prompt: q.prompt.clone(),
                    hint: q.hint.clone(),
                })
                .collect(),
        }
    }
}
