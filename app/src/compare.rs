//! The integrative-vs-eclectic comparison, read from `content/compare.yaml`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Compare {
    pub title: String,
    pub summary: String,
    pub intro: String,
    pub aspects: Vec<Aspect>,
    pub routes: Vec<IntegrationRoute>,
    pub examples: Vec<WorkedExample>,
    pub sources: Vec<String>,
    pub updated: String,
    /// The quiz that tests this comparison (its id): linked as "Test yourself" near
    /// the top of `/compare`, and its "Read first" points back here.
    #[serde(default)]
    pub quiz: Option<String>,
}

/// One row of the side-by-side comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aspect {
    pub id: String,
    pub label: String,
    pub integrative: String,
    pub eclectic: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntegrationRoute {
    pub id: String,
    pub name: String,
    pub text: String,
    pub example: String,
}

/// The same made-up client seen each way.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkedExample {
    pub id: String,
    pub title: String,
    pub client: String,
    pub integrative: String,
    pub eclectic: String,
}
