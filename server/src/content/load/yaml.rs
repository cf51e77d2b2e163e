//! YAML and front matter: parsing with diagnostics that point at the file's own line
//! and column (the front matter's offset added), and finding where a key sits.

use crate::content::error::ContentError;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::path::Path;

/// Parse YAML into `T`; the error's line is moved by `first_line - 1` so it is the file's line.
pub(super) fn yaml<T: DeserializeOwned>(
    path: &Path,
    src: &str,
    first_line: usize,
) -> Result<T, ContentError> {
    serde_norway::from_str(src).map_err(|e| {
        let (line, column) = e.location().map_or((first_line, 0), |l| {
            (l.line() + first_line - 1, l.column())
        });
        let mut message = e.to_string();
        if let Some(at) = message.find(" at line ") {
            message.truncate(at);
        }
        let hint = if message.contains("unknown field") {
            "check the spelling; content/README.md lists every field"
        } else if message.contains("missing field") {
            "add the field; content/README.md shows a complete example"
        } else if message.contains("invalid type") {
            "check the value's type: lists start with `- `, text with a colon needs quotes"
        } else {
            "check the indentation and quote text that contains `: ` or starts with a special character"
        };
        ContentError::new(path, line, column, message).hint(hint)
    })
}

/// [`yaml`] for a whole file, with the error as the file's list of problems.
pub(super) fn yaml_file<T: DeserializeOwned>(
    path: &Path,
    src: &str,
) -> Result<T, Vec<ContentError>> {
    yaml(path, src, 1).map_err(|e| vec![e])
}

/// The 1-based line of `key:` at the start of a line of `src`, shifted to the file.
pub(super) fn key_line(src: &str, key: &str, first_line: usize) -> usize {
    src.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(first_line, |i| i + first_line)
}

/// The line of every top-level key of `yaml`, shifted to the file.
pub(super) fn key_lines(yaml: &str, first_line: usize) -> HashMap<String, usize> {
    yaml.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with(' ') && !l.starts_with('-') && !l.starts_with('#'))
        .filter_map(|(i, l)| {
            l.split_once(':')
                .map(|(k, _)| (k.trim().to_string(), i + first_line))
        })
        .collect()
}

/// The line of `slug` in the `see:` of glossary term `term` (after its `- term:` line).
pub(super) fn see_line(src: &str, term: &str, slug: &str) -> usize {
    let lines: Vec<&str> = src.lines().collect();
    let start = lines
        .iter()
        .position(|l| {
            l.trim_start()
                .trim_start_matches("- ")
                .trim_start()
                .strip_prefix("term:")
                .is_some_and(|t| t.trim().trim_matches(['"', '\'']) == term)
        })
        .unwrap_or(0);
    lines[start..]
        .iter()
        .position(|l| l.contains("see:") && l.contains(slug))
        .or_else(|| lines[start..].iter().position(|l| l.contains(slug)))
        .map_or(start + 1, |i| start + i + 1)
}

/// The 1-based line of the first occurrence of `needle` in `src`, shifted to the file.
pub(super) fn find_line(src: &str, needle: &str, first_line: usize) -> usize {
    src.lines()
        .position(|l| l.contains(needle))
        .map_or(first_line, |i| i + first_line)
}

/// The 1-based line and column of byte `offset` in `src`.
pub(super) fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A Markdown file split at its `---` front matter.
#[derive(Debug, PartialEq)]
pub(super) struct FrontMatter<'a> {
    pub yaml: &'a str,
    /// The file's line of the first line of `yaml`.
    pub yaml_line: usize,
    pub body: &'a str,
    /// The file's line of the first line of `body`.
    pub body_line: usize,
}

/// Split `---` front matter from the body.
pub(super) fn split_front_matter<'a>(
    path: &Path,
    src: &'a str,
) -> Result<FrontMatter<'a>, ContentError> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let Some(rest) = src
        .strip_prefix("---")
        .filter(|r| r.starts_with('\n') || r.starts_with("\r\n"))
    else {
        return Err(ContentError::new(path, 1, 1, "the file does not start with front matter")
            .hint("did you forget `---`? Start the file with a line `---`, the fields, then another `---`"));
    };
    let rest = rest
        .trim_start_matches('\r')
        .strip_prefix('\n')
        .unwrap_or(rest);
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            return Ok(FrontMatter {
                yaml: &rest[..offset],
                yaml_line: 2,
                body: &rest[offset + line.len()..],
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(
        ContentError::new(path, 1, 1, "the front matter is not closed")
            .hint("add a line `---` after the last front-matter field"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_lines_are_the_files() {
        let src = "---\ntitle: A\nsummary: B\n---\nbody\n";
        let fm = split_front_matter(Path::new("a.md"), src).unwrap();
        assert_eq!(fm.yaml, "title: A\nsummary: B\n");
        assert_eq!((fm.yaml_line, fm.body_line), (2, 5));
        assert_eq!(fm.body, "body\n");
    }
}
