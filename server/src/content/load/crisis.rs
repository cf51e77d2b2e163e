//! `crisis-lines.yaml`: crisis lines per country for `/crisis/{code}` and the API.
//! A wrong number here is a safety problem, so every field is checked: the country
//! code, each number's characters, the kind of line, the dates and the sources.

use super::fields::valid_date;
use super::yaml::yaml_file;
use crate::content::error::ContentError;
use app::crisis::{CrisisCountry, CrisisLine, CrisisLines, Elsewhere, LineKind, SharedEmergency};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    shared_emergency: Vec<SharedFile>,
    elsewhere: ElsewhereFile,
    countries: Vec<CountryFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SharedFile {
    number: String,
    area: String,
    source: String,
    checked: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ElsewhereFile {
    name: String,
    url: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryFile {
    code: String,
    name: String,
    emergency: Vec<String>,
    checked: String,
    lines: Vec<LineFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LineFile {
    name: String,
    kind: String,
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    url: Option<String>,
    hours: String,
    who: String,
    source: String,
}

/// Where things are in the file, for messages: a cursor that finds the next line
/// with a key, in file order (the order the values were read in).
struct Lines<'a> {
    lines: Vec<&'a str>,
    /// Index of the line found last.
    cur: usize,
    /// Index to search from next.
    from: usize,
}

impl<'a> Lines<'a> {
    fn new(src: &'a str) -> Self {
        Self {
            lines: src.lines().collect(),
            cur: 0,
            from: 0,
        }
    }

    /// The 1-based line of the next `key:` (as a key, after an optional `- `), and
    /// move the cursor there; the cursor's line if there is none.
    fn next(&mut self, key: &str) -> usize {
        if let Some(i) = (self.from..self.lines.len()).find(|i| is_key(self.lines[*i], key)) {
            self.cur = i;
            self.from = i + 1;
        }
        self.cur + 1
    }

    /// The 1-based line of `key:` between the cursor and the next `end:` key (the
    /// start of the next item); the cursor's line if it is not there.
    fn within(&self, key: &str, end: &str) -> usize {
        let stop = (self.cur + 1..self.lines.len())
            .find(|i| is_key(self.lines[*i], end))
            .unwrap_or(self.lines.len());
        (self.cur..stop)
            .find(|i| is_key(self.lines[*i], key))
            .unwrap_or(self.cur)
            + 1
    }

    /// The 1-based line of `key:` in the list item around the cursor (from its
    /// `- ` line to the next one); the cursor's line if it is not there.
    fn in_item(&self, key: &str) -> usize {
        let item = |i: &usize| self.lines[*i].trim_start().starts_with("- ");
        let start = (0..=self.cur).rev().find(item).unwrap_or(self.cur);
        let stop = (self.cur + 1..self.lines.len())
            .find(item)
            .unwrap_or(self.lines.len());
        (start..stop)
            .find(|i| is_key(self.lines[*i], key))
            .unwrap_or(self.cur)
            + 1
    }
}

fn is_key(line: &str, key: &str) -> bool {
    line.trim_start()
        .trim_start_matches("- ")
        .trim_start()
        .strip_prefix(key)
        .is_some_and(|rest| rest.starts_with(':'))
}

/// A number as people write it: digits, with single spaces or hyphens between
/// groups (`116 123`, `1-800-668-6868`, `988`).
fn valid_number(n: &str) -> bool {
    let n = n.strip_prefix('+').unwrap_or(n);
    !n.is_empty()
        && n.split([' ', '-'])
            .all(|group| !group.is_empty() && group.chars().all(|c| c.is_ascii_digit()))
}

/// An `https://` address with a host.
fn valid_url(u: &str) -> bool {
    u.strip_prefix("https://")
        .is_some_and(|rest| rest.split('/').next().is_some_and(|h| h.contains('.')))
        && !u.contains(char::is_whitespace)
}

/// The file parsed and checked.
pub(super) fn parse_crisis(path: &Path, src: &str) -> Result<CrisisLines, Vec<ContentError>> {
    let file: File = yaml_file(path, src)?;
    let mut errs = Vec::new();
    let mut at = Lines::new(src);
    let err = |line: usize, message: String, hint: &str| {
        ContentError::new(path, line, 1, message).hint(hint.to_string())
    };

    let mut shared = Vec::new();
    for s in file.shared_emergency {
        at.next("number");
        if !valid_number(&s.number) {
            errs.push(err(
                at.within("number", "number"),
                format!("`{}` is not a phone number", s.number),
                "write the number as it is dialled, digits with spaces or hyphens between groups",
            ));
        }
        if !valid_url(&s.source) {
            errs.push(err(
                at.within("source", "number"),
                format!("`source: {}` is not an https:// address", s.source),
                "link the official page that lists this number",
            ));
        }
        if !valid_date(s.checked.trim()) {
            errs.push(err(
                at.within("checked", "number"),
                format!("`checked: {}` is not a date", s.checked),
                "write the day a person last checked the number as YYYY-MM-DD",
            ));
        }
        shared.push(SharedEmergency {
            number: s.number,
            area: s.area,
            source: s.source,
            checked: s.checked.trim().to_string(),
        });
    }
    let elsewhere_line = super::yaml::key_line(src, "elsewhere", 1);
    if !valid_url(&file.elsewhere.url) {
        errs.push(err(
            elsewhere_line,
            format!("`url: {}` is not an https:// address", file.elsewhere.url),
            "link a directory of helplines, such as https://findahelpline.com",
        ));
    }
    if file.countries.is_empty() {
        errs.push(err(
            super::yaml::key_line(src, "countries", 1),
            "no countries".into(),
            "list at least one country with its crisis lines",
        ));
    }

    let mut codes = BTreeSet::new();
    let mut countries = Vec::new();
    for c in file.countries {
        let country_line = at.next("code");
        let code_ok = c.code.len() == 2 && c.code.chars().all(|ch| ch.is_ascii_lowercase());
        if !code_ok {
            errs.push(err(
                country_line,
                format!("`code: {}` is not a country code", c.code),
                "use the two-letter ISO 3166-1 code in lower case, e.g. `gb` or `us`",
            ));
        } else if !codes.insert(c.code.clone()) {
            errs.push(err(
                country_line,
                format!("country `{}` is listed twice", c.code),
                "keep one entry per country and put all its lines there",
            ));
        }
        if c.emergency.is_empty() || !c.emergency.iter().all(|n| valid_number(n)) {
            errs.push(err(
                at.within("emergency", "code"),
                format!("{}: missing or invalid emergency number", c.name),
                "list the emergency numbers as dialled, e.g. `emergency: [\"999\", \"112\"]`",
            ));
        }
        if !valid_date(c.checked.trim()) {
            errs.push(err(
                at.within("checked", "code"),
                format!("`checked: {}` is not a date", c.checked),
                "write the day a person last checked these numbers as YYYY-MM-DD",
            ));
        }
        if c.lines.is_empty() {
            errs.push(err(
                at.within("lines", "code"),
                format!("{} has no crisis lines", c.name),
                "list at least one line, with its official source",
            ));
        }
        let mut lines = Vec::new();
        for l in c.lines {
            let line_at = at.next("kind");
            let key = |k: &str| at.in_item(k);
            let kind = match l.kind.as_str() {
                "call" => Some(LineKind::Call),
                "text" => Some(LineKind::Text),
                "chat" => Some(LineKind::Chat),
                other => {
                    errs.push(err(
                        line_at,
                        format!("unknown kind of line `{other}`"),
                        "use `kind: call`, `kind: text` or `kind: chat`",
                    ));
                    None
                }
            };
            match (kind, &l.number, &l.url) {
                (Some(LineKind::Call | LineKind::Text), None, _) => errs.push(err(
                    line_at,
                    format!("{}: a {} line without a number", l.name, l.kind),
                    "add `number:` as it is dialled, e.g. `number: 116 123`",
                )),
                (Some(LineKind::Call | LineKind::Text), Some(n), _) if !valid_number(n) => errs
                    .push(err(
                        key("number"),
                        format!("`{n}` is not a phone number"),
                        "write digits with spaces or hyphens between groups, e.g. `116 123`",
                    )),
                (Some(LineKind::Chat), _, u) if !u.as_deref().is_some_and(valid_url) => {
                    errs.push(err(
                        key("url"),
                        format!("{}: a chat without an https:// `url:`", l.name),
                        "add the chat's address on the service's own site",
                    ))
                }
                _ => {}
            }
            if l.message.is_some() && kind != Some(LineKind::Text) {
                errs.push(err(
                    key("message"),
                    format!("{}: `message:` is only for text lines", l.name),
                    "remove it, or make the line `kind: text`",
                ));
            }
            if !valid_url(&l.source) {
                errs.push(err(
                    key("source"),
                    format!("`source: {}` is not an https:// address", l.source),
                    "link the service's own page that lists this number",
                ));
            }
            for (field, value) in [("name", &l.name), ("hours", &l.hours), ("who", &l.who)] {
                if value.trim().is_empty() {
                    errs.push(err(
                        key(field),
                        format!("`{field}:` is empty"),
                        "say who runs the line, when it is open and who it is for",
                    ));
                }
            }
            if let Some(kind) = kind {
                lines.push(CrisisLine {
                    name: l.name,
                    kind,
                    number: l.number.unwrap_or_default(),
                    message: l.message,
                    url: l.url,
                    hours: l.hours,
                    who: l.who,
                    source: l.source,
                });
            }
        }
        countries.push(CrisisCountry {
            code: c.code,
            name: c.name,
            emergency: c.emergency,
            checked: c.checked.trim().to_string(),
            lines,
        });
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(CrisisLines {
        shared_emergency: shared,
        countries,
        elsewhere: Elsewhere {
            name: file.elsewhere.name,
            url: file.elsewhere.url,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_addresses() {
        for good in ["988", "116 123", "1-800-668-6868", "+44 20 7946 0000"] {
            assert!(valid_number(good), "{good}");
        }
        for bad in ["", "98a", "116  123", "call 988", "-988", "+"] {
            assert!(!valid_number(bad), "{bad}");
        }
        assert!(valid_url("https://988lifeline.org"));
        assert!(!valid_url("http://988lifeline.org"));
        assert!(!valid_url("https://localhost"));
    }
}
