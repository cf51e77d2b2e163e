//! The first-session reflection questions (`prepare.yaml`).

use serde::{Deserialize, Serialize};

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
