//! The preference finder's model, read from `content/quizzes/preferences.yaml`.
//! Its scoring is in [`crate::finder_scoring`].

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreferenceFinder {
    pub kind: String,
    pub title: String,
    pub summary: String,
    pub dimensions: Vec<Dimension>,
    pub approaches: Vec<Approach>,
    pub questions_to_ask: Vec<AskQuestion>,
    pub items: Vec<Item>,
    #[serde(default)]
    pub choices: Vec<Choice>,
    pub bands: Vec<Band>,
    /// Searches that should offer the finder above the articles ("which therapy is
    /// right for me"); see content/README.md, "Search".
    #[serde(default)]
    pub search: Vec<String>,
}

impl PreferenceFinder {
    /// How many steps the finder's form has before its result: one per dimension,
    /// then one for the practical questions if there are any. Step `steps()` (from
    /// 0) is the result.
    pub fn steps(&self) -> usize {
        self.dimensions.len() + usize::from(!self.choices.is_empty())
    }
}

/// A dimension of client preference, scored from −3 (left) to +3 (right).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub id: String,
    pub title: String,
    pub left: String,
    pub right: String,
    pub left_text: String,
    pub right_text: String,
}

/// An approach the finder can suggest; `article` is the slug of its article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approach {
    pub article: String,
    pub combine: String,
    /// Shown with the suggestion when an approach mainly suits particular
    /// difficulties (exposure therapy, DBT), whatever the reader's preferences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Filled in at load from the article's title.
    #[serde(default)]
    pub name: String,
}

impl Approach {
    /// The name to show: its article's title, or its slug when there is none.
    pub fn display_name(&self) -> String {
        if self.name.is_empty() {
            self.article.clone()
        } else {
            self.name.clone()
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskQuestion {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub always: bool,
}

/// A two-ended statement rated −3 … +3.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub dimension: String,
    pub left: String,
    pub right: String,
    /// Weight per point of rating, per approach slug.
    #[serde(default)]
    pub approaches: BTreeMap<String, f64>,
    /// Questions to ask when the rating is 2 or more either way.
    #[serde(default)]
    pub ask: Vec<String>,
}

/// A practical question with options to pick.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub prompt: String,
    #[serde(default)]
    pub multiple: bool,
    pub options: Vec<ChoiceOption>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub approaches: BTreeMap<String, f64>,
    #[serde(default)]
    pub ask: Vec<String>,
}

/// Text for a dimension's strength: applies when |average rating| ≤ `max`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub max: f64,
    pub strength: String,
    pub text: String,
}
