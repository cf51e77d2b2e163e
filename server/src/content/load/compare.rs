//! `compare.yaml`: the integrative-vs-eclectic comparison.

use super::fields::check_updated;
use super::yaml::{key_line, yaml_file};
use crate::content::error::ContentError;
use app::compare::Compare;
use std::path::Path;

/// The file parsed, its `updated:` a date; with the line of its `quiz:` (checked
/// against the quizzes in the whole-tree pass).
pub(super) fn parse_compare(path: &Path, src: &str) -> Result<(Compare, usize), Vec<ContentError>> {
    let c: Compare = yaml_file(path, src)?;
    check_updated(path, src, 1, &c.updated)?;
    Ok((c, key_line(src, "quiz", 1)))
}
