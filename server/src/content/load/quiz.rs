//! Quizzes (`quizzes/*.yaml`): knowledge quizzes, and the one preference finder
//! (`kind: preference`, see [`super::finder`]).

use super::fields::valid_slug;
use super::finder::{Finder, parse_finder};
use super::walk::{read, relative, stem};
use super::yaml::{key_line, key_lines, yaml, yaml_file};
use super::{DEFAULT_ORDER, Optional, Parsed};
use crate::content::error::ContentError;
use app::content::{Question, Quiz, QuizOption};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
struct QuizKind {
    kind: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KnowledgeFile {
    #[allow(dead_code)]
    kind: String,
    title: String,
    summary: String,
    #[serde(default)]
    article: Option<String>,
    #[serde(default)]
    order: Option<i64>,
    questions: Vec<QuestionFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionFile {
    prompt: String,
    options: Vec<OptionFile>,
    explanation: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionFile {
    text: String,
    #[serde(default)]
    correct: bool,
}

/// This load's quizzes and finder.
#[derive(Debug, Default)]
pub(super) struct Quizzes {
    /// Knowledge quizzes, in file order.
    pub parsed: Vec<Parsed<Quiz>>,
    /// Ids of files with problems (they fall back to their previous version).
    pub failed: BTreeSet<String>,
    /// The first valid `kind: preference` file.
    pub finder: Optional<Finder>,
}

/// Every file of `quizzes/`, by its `kind:`.
pub(super) fn load_all(
    root: &Path,
    files: Vec<PathBuf>,
    errors: &mut Vec<ContentError>,
) -> Quizzes {
    let mut out = Quizzes::default();
    for path in files {
        let id = stem(&path);
        let r = relative(root, &path);
        let (kind, src) = match read(&path, root).and_then(|src| Ok((kind(&r, &src)?, src))) {
            Ok(read) => read,
            Err(mut e) => {
                errors.append(&mut e);
                out.failed.insert(id);
                continue;
            }
        };
        match kind.as_str() {
            "knowledge" => match parse_knowledge(&r, &id, &src) {
                Ok(q) => out.parsed.push(q),
                Err(mut e) => {
                    errors.append(&mut e);
                    out.failed.insert(id);
                }
            },
            "preference" => match parse_finder(&r, &src) {
                Ok(f) if out.finder.value.is_none() => out.finder.value = Some((f, src)),
                Ok(_) => errors.push(
                    ContentError::new(&r, 1, 1, "a second preference finder")
                        .hint("keep one file with `kind: preference`"),
                ),
                Err(e) => out.finder.fail(e, errors),
            },
            other => {
                errors.push(
                    ContentError::new(
                        &r,
                        key_line(&src, "kind", 1),
                        1,
                        format!("unknown quiz kind `{other}`"),
                    )
                    .hint("use `kind: knowledge` or `kind: preference`"),
                );
                out.failed.insert(id);
            }
        }
    }
    out
}

/// The file's `kind:`.
fn kind(path: &Path, src: &str) -> Result<String, Vec<ContentError>> {
    match yaml::<QuizKind>(path, src, 1) {
        Ok(k) => Ok(k.kind),
        Err(e) if e.message.contains("missing field `kind`") => {
            Err(vec![e.hint(
                "start the file with `kind: knowledge` or `kind: preference`",
            )])
        }
        Err(e) => Err(vec![e]),
    }
}

fn parse_knowledge(path: &Path, id: &str, src: &str) -> Result<Parsed<Quiz>, Vec<ContentError>> {
    let file: KnowledgeFile = yaml_file(path, src)?;
    let errs = check_knowledge(path, id, src, &file);
    if !errs.is_empty() {
        return Err(errs);
    }
    let quiz = Quiz {
        id: id.to_string(),
        title: file.title,
        summary: file.summary,
        article: file.article,
        order: file.order.unwrap_or(DEFAULT_ORDER),
        questions: file
            .questions
            .into_iter()
            .map(|q| Question {
                prompt: q.prompt,
                options: q
                    .options
                    .into_iter()
                    .map(|o| QuizOption {
                        text: o.text,
                        correct: o.correct,
                    })
                    .collect(),
                explanation: q.explanation,
            })
            .collect(),
    };
    Ok(Parsed {
        path: path.to_path_buf(),
        value: quiz,
        links: vec![],
        key_lines: key_lines(src, 1),
    })
}

/// The problems of the id and of each question.
fn check_knowledge(path: &Path, id: &str, src: &str, file: &KnowledgeFile) -> Vec<ContentError> {
    let mut errs = Vec::new();
    if !valid_slug(id) {
        errs.push(
            ContentError::new(path, 0, 0, format!("`{id}` is not a valid quiz id"))
                .hint("rename the file: lower-case letters, digits and hyphens"),
        );
    }
    if file.questions.is_empty() {
        errs.push(
            ContentError::new(
                path,
                key_line(src, "questions", 1),
                1,
                "the quiz has no questions",
            )
            .hint("add at least one question"),
        );
    }
    // Each question starts at a `- prompt:` line; use them to place messages.
    let question_lines: Vec<usize> = src
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("- prompt:"))
        .map(|(i, _)| i + 1)
        .collect();
    for (i, q) in file.questions.iter().enumerate() {
        let line = question_lines.get(i).copied().unwrap_or(1);
        let n = i + 1;
        let mut problem = |message: String, hint: &str| {
            errs.push(ContentError::new(path, line, 1, message).hint(hint));
        };
        if !(2..=6).contains(&q.options.len()) {
            problem(
                format!("question {n} has {} options", q.options.len()),
                "give each question between two and six options",
            );
        }
        if !q.options.iter().any(|o| o.correct) {
            problem(
                format!("question {n} has no correct option"),
                "mark the right answer with `correct: true`",
            );
        }
        if q.explanation.trim().is_empty() {
            problem(
                format!("question {n} has an empty explanation"),
                "say why the right answer is right and why the others are not",
            );
        }
    }
    option_order(path, file, &question_lines, &mut errs);
    errs
}

/// Options that come back in several questions keep their order, so a reader finds
/// "Integrative" before "Eclectic" (or "Myth" before "Fact") every time: for each
/// pair of options that two questions share, the later question must list them in
/// the order the first one did.
fn option_order(
    path: &Path,
    file: &KnowledgeFile,
    question_lines: &[usize],
    errs: &mut Vec<ContentError>,
) {
    // (earlier text, later text) → the question (1-based) that set this order.
    let mut seen: std::collections::HashMap<(String, String), usize> = Default::default();
    for (i, q) in file.questions.iter().enumerate() {
        let texts: Vec<String> = q
            .options
            .iter()
            .map(|o| o.text.trim().to_lowercase())
            .collect();
        let mut reported = false;
        for (a, first) in texts.iter().enumerate() {
            for second in &texts[a + 1..] {
                if reported || first == second {
                    continue;
                }
                if let Some(&n) = seen.get(&(second.clone(), first.clone())) {
                    let shown = |t: &str| {
                        q.options
                            .iter()
                            .find(|o| o.text.trim().to_lowercase() == t)
                            .map_or_else(String::new, |o| o.text.trim().to_string())
                    };
                    errs.push(
                        ContentError::new(
                            path,
                            question_lines.get(i).copied().unwrap_or(1),
                            1,
                            format!(
                                "question {} lists `{}` before `{}`, question {n} the other way round",
                                i + 1,
                                shown(first),
                                shown(second)
                            ),
                        )
                        .hint(format!(
                            "list `{}` before `{}` as question {n} does, so readers find each answer in the same place",
                            shown(second),
                            shown(first)
                        )),
                    );
                    reported = true;
                } else {
                    seen.entry((first.clone(), second.clone())).or_insert(i + 1);
                }
            }
        }
    }
}
