//! Checks on single values that several kinds share: slugs, dates, unique ids.

use super::yaml::{find_line, key_line};
use crate::content::error::ContentError;
use crate::content::markdown;
use std::collections::BTreeSet;
use std::path::Path;

/// Lower-case letters, digits and inner hyphens.
pub(super) fn valid_slug(s: &str) -> bool {
    markdown::is_bare_slug(s) && !s.starts_with('-') && !s.ends_with('-')
}

/// A real calendar date written `YYYY-MM-DD`.
pub(super) fn valid_date(s: &str) -> bool {
    s.len() == 10 && parse_date(s).is_some()
}

/// A real calendar date written `YYYY-MM-DD`, as a date (for comparing).
pub(crate) fn parse_date(s: &str) -> Option<time::Date> {
    const FORMAT: &[time::format_description::BorrowedFormatItem<'_>] =
        time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, FORMAT).ok()
}

/// "`updated: …` is not a date" at `line`; the caller adds the hint.
pub(super) fn not_a_date(path: &Path, line: usize, updated: &str) -> ContentError {
    ContentError::new(path, line, 1, format!("`updated: {updated}` is not a date"))
}

/// The `updated:` date of a page or the comparison, placed at its key in `src`
/// (whose first line is the file's `first_line`).
pub(super) fn check_updated(
    path: &Path,
    src: &str,
    first_line: usize,
    updated: &str,
) -> Result<(), Vec<ContentError>> {
    if valid_date(updated.trim()) {
        return Ok(());
    }
    let line = key_line(src, "updated", first_line);
    Err(vec![
        not_a_date(path, line, updated).hint("write the date as YYYY-MM-DD"),
    ])
}

/// A "duplicate {what}" error for every id seen twice.
pub(super) fn unique<'a>(
    path: &Path,
    src: &str,
    ids: impl Iterator<Item = &'a str>,
    what: &str,
    errs: &mut Vec<ContentError>,
) {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            errs.push(
                ContentError::new(
                    path,
                    find_line(src, &format!(" {id}"), 1),
                    1,
                    format!("duplicate {what} `{id}`"),
                )
                .hint(format!("each {what} must be unique")),
            );
        }
    }
}

/// `value` when `errs` is empty, else the problems.
pub(super) fn checked<T>(value: T, errs: Vec<ContentError>) -> Result<T, Vec<ContentError>> {
    if errs.is_empty() {
        Ok(value)
    } else {
        Err(errs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(valid_date("2026-11-24"));
        assert!(valid_date("2024-02-29"));
        assert!(!valid_date("2023-02-29"));
        assert!(!valid_date("2026-13-01"));
        assert!(!valid_date("24-11-2026"));
    }
}
