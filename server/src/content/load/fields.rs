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
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let all_digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(y, 4) && all_digits(m, 2) && all_digits(d, 2)) {
        return false;
    }
    let (y, m, d): (u32, u32, u32) = (
        y.parse().unwrap_or(0),
        m.parse().unwrap_or(0),
        d.parse().unwrap_or(0),
    );
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
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
