//! Glossary terms and the first-session reflection questions.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryFile {
    pub terms: Vec<GlossaryTerm>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryTerm {
    pub term: String,
    pub definition: String,
    #[serde(default)]
    pub see: Vec<String>,
    /// The anchor on `/glossary`, made from the term at load.
    #[serde(default)]
    pub id: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prepare {
    pub title: String,
    pub intro: String,
    pub questions: Vec<ReflectionQuestion>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReflectionQuestion {
    pub id: String,
    pub prompt: String,
    #[serde(default)]
    pub hint: String,
}
