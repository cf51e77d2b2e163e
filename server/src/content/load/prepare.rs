//! `prepare.yaml`: reflection questions for a first session.

use super::fields::{checked, unique};
use super::yaml::yaml_file;
use crate::content::error::ContentError;
use app::prepare::Prepare;
use std::path::Path;

/// The file parsed, its question ids unique.
pub(super) fn parse_prepare(path: &Path, src: &str) -> Result<Prepare, Vec<ContentError>> {
    let p: Prepare = yaml_file(path, src)?;
    let mut errs = Vec::new();
    let ids = p.questions.iter().map(|q| q.id.as_str());
    unique(path, src, ids, "question id", &mut errs);
    checked(p, errs)
}
