//! Articles (`articles/*.md`): front matter and body, checked and rendered once, in
//! parallel, reusing the [`ArticleCache`] for files whose text did not change.

use super::fields::{not_a_date, parse_date, valid_date, valid_slug};
use super::walk::{read, relative, stem};
use super::yaml::{FrontMatter, key_lines, line_col, split_front_matter, yaml};
use super::{ArticleCache, DEFAULT_ORDER, Parsed, hash_of};
use crate::content::error::ContentError;
use crate::content::markdown::{self, GlossaryMatcher, slugify};
use app::content::Article;
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Front matter of an article. Unknown keys are errors.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleFront {
    /// Page title, sentence case.
    title: String,
    /// One sentence for lists, search results and the meta description.
    summary: String,
    /// Slug of the paradigm article this approach belongs to.
    #[serde(default)]
    paradigm: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    /// `YYYY-MM-DD`.
    updated: String,
    /// `YYYY-MM-DD`: when the article was last reviewed against its sources.
    /// Required; an `Option` only so that a missing one gets its own message.
    #[serde(default)]
    reviewed: Option<String>,
    /// `YYYY-MM-DD`: when it is next due for review (after `reviewed`). Required.
    #[serde(default)]
    next_review: Option<String>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    order: Option<i64>,
    #[serde(default)]
    draft: bool,
}

const SUMMARY_MAX: usize = 200;

/// The tag that marks an article about a therapy.
pub const THERAPY_TAG: &str = "modality";

/// The `##` headings every therapy article has (content/README.md, "Therapy articles:
/// five questions, five headings"), in the README's order.
pub const THERAPY_SECTIONS: [&str; 5] = [
    "How it works",
    "What it can help with",
    "Risks and downsides",
    "Alternatives",
    "What is still uncertain",
];

/// One article file's outcome: the article and whether it is a draft, or its problems.
pub(super) type ArticleResult = Result<(Parsed<Arc<Article>>, bool), Vec<ContentError>>;

/// This load's articles.
#[derive(Debug, Default)]
pub(super) struct Articles {
    /// Published articles, in file order.
    pub parsed: Vec<Parsed<Arc<Article>>>,
    /// Slugs of drafts.
    pub drafts: BTreeSet<String>,
    /// Slugs of files with problems (they fall back to their previous version).
    pub failed: BTreeSet<String>,
}

/// Parse and render every article file, in parallel; results are taken in file
/// order. Articles rendered with the same glossary `terms` come from `cache` when
/// their text did not change, and the cache keeps exactly this load's files.
pub(super) fn load_all(
    root: &Path,
    files: Vec<PathBuf>,
    terms: &[(String, String)],
    cache: &mut ArticleCache,
    errors: &mut Vec<ContentError>,
) -> Articles {
    let matcher = GlossaryMatcher::new(terms);
    // Articles render glossary links, so other terms make every cached article stale.
    let terms_hash = hash_of(&terms);
    if cache.terms != terms_hash {
        cache.entries.clear();
        cache.terms = terms_hash;
    }
    // The second field is the hash of the file's text (None: unreadable).
    let cached = &cache.entries;
    let parsed: Vec<(PathBuf, Option<u64>, ArticleResult)> = files
        .into_par_iter()
        .map(|path| {
            let src = match read(&path, root) {
                Ok(src) => src,
                Err(e) => return (path, None, Err(e)),
            };
            let source = hash_of(&src);
            if let Some((h, result)) = cached.get(&path)
                && *h == source
            {
                return (path, Some(source), result.clone());
            }
            let result = parse_article(&relative(root, &path), &stem(&path), &src, &matcher)
                .map(|(p, draft)| (p.map(Arc::new), draft));
            (path, Some(source), result)
        })
        .collect();
    // The cache now holds exactly this load's files: deleted ones drop out.
    cache.entries = parsed
        .iter()
        .filter_map(|(path, source, result)| Some((path.clone(), ((*source)?, result.clone()))))
        .collect();
    let mut out = Articles::default();
    for (path, _, result) in parsed {
        let slug = stem(&path);
        match result {
            Ok((_, true)) => {
                out.drafts.insert(slug);
            }
            Ok((parsed, false)) => out.parsed.push(parsed),
            Err(mut e) => {
                out.failed.insert(slug);
                errors.append(&mut e);
            }
        }
    }
    out
}

/// One article: its front matter checked field by field, its body rendered.
fn parse_article(
    path: &Path,
    slug: &str,
    src: &str,
    glossary: &GlossaryMatcher,
) -> Result<(Parsed<Article>, bool), Vec<ContentError>> {
    let fm = split_front_matter(path, src).map_err(|e| vec![e])?;
    let front: ArticleFront = yaml(path, fm.yaml, fm.yaml_line).map_err(|e| vec![e])?;
    let lines = key_lines(fm.yaml, fm.yaml_line);
    let at = |k: &str| lines.get(k).copied().unwrap_or(fm.yaml_line);
    let mut errs = check_front(path, slug, &front, at);
    if fm.body.trim().is_empty() {
        errs.push(
            ContentError::new(path, fm.body_line, 1, "the article has no body")
                .hint("write the article below the closing `---`"),
        );
    }
    let rendered = markdown::render_with_glossary(fm.body, glossary);
    if let Some(offset) = rendered.h1_offsets.first() {
        errs.push(
            ContentError::new(
                path,
                body_pos(&fm, *offset).0,
                1,
                "a `#` heading in the body",
            )
            .hint("the title is the page's only top heading: start sections with `##`"),
        );
    }
    if front.tags.iter().any(|t| t == THERAPY_TAG) {
        let headings: Vec<&str> = rendered
            .toc
            .iter()
            .filter(|h| h.level == 2)
            .map(|h| h.title.as_str())
            .collect();
        errs.extend(missing_therapy_sections(path, &headings, at("tags")));
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let links = rendered
        .article_links
        .iter()
        .map(|(s, off)| {
            let (l, c) = body_pos(&fm, *off);
            (s.clone(), l, c)
        })
        .collect();
    let article = Article {
        slug: slug.to_string(),
        title: front.title.trim().to_string(),
        summary: front.summary.trim().to_string(),
        paradigm: front.paradigm,
        tags: front.tags,
        updated: front.updated.trim().to_string(),
        reviewed: front
            .reviewed
            .as_deref()
            .unwrap_or_default()
            .trim()
            .to_string(),
        next_review: front
            .next_review
            .as_deref()
            .unwrap_or_default()
            .trim()
            .to_string(),
        sources: front.sources,
        order: front.order.unwrap_or(DEFAULT_ORDER),
        reading_minutes: markdown::reading_minutes(rendered.words),
        words: rendered.words,
        html: rendered.html,
        toc: rendered.toc,
        text: rendered.text,
    };
    let parsed = Parsed {
        path: path.to_path_buf(),
        value: article,
        links,
        key_lines: lines,
    };
    Ok((parsed, front.draft))
}

/// One error naming every [`THERAPY_SECTIONS`] heading missing from a therapy
/// article's `##` `headings`, at `line` (the `tags` key); `None` when none is missing.
fn missing_therapy_sections(path: &Path, headings: &[&str], line: usize) -> Option<ContentError> {
    let missing: Vec<String> = THERAPY_SECTIONS
        .iter()
        .filter(|s| !headings.contains(s))
        .map(|s| format!("`{s}`"))
        .collect();
    let (noun, list) = match missing.as_slice() {
        [] => return None,
        [one] => ("section", one.clone()),
        many => ("sections", many.join(", ")),
    };
    Some(
        ContentError::new(
            path,
            line,
            1,
            format!("a therapy article (tagged `{THERAPY_TAG}`) is missing the {noun} {list}"),
        )
        .hint(format!(
            "every therapy article answers five questions under these `##` headings: {} \
             (see content/README.md)",
            THERAPY_SECTIONS.join(", ")
        )),
    )
}

/// The `reviewed` and `next_review` dates: both present, real dates, the next review
/// after the last. A missing one is reported at the line of `updated`.
fn review_dates(
    path: &Path,
    front: &ArticleFront,
    at: &impl Fn(&str) -> usize,
) -> Vec<ContentError> {
    let example = "for example `reviewed: 2026-11-25` and `next_review: 2027-11-25` \
                   (usually a year later)";
    let mut errs = Vec::new();
    let mut date = |key: &str, value: &Option<String>| match value.as_deref().map(str::trim) {
        None | Some("") => {
            errs.push(
                ContentError::new(path, at("updated"), 1, format!("`{key}` is missing"))
                    .hint(format!(
                        "every article says when it was last reviewed against its sources and when \
                         it is next due: add `reviewed:` and `next_review:` below `updated:`, {example}"
                    )),
            );
            None
        }
        Some(v) => match parse_date(v) {
            Some(d) => Some(d),
            None => {
                errs.push(
                    ContentError::new(path, at(key), 1, format!("`{key}: {v}` is not a date"))
                        .hint(format!("write the date as YYYY-MM-DD, {example}")),
                );
                None
            }
        },
    };
    let reviewed = date("reviewed", &front.reviewed);
    let next = date("next_review", &front.next_review);
    if let (Some(r), Some(n)) = (reviewed, next)
        && n <= r
    {
        errs.push(
            ContentError::new(
                path,
                at("next_review"),
                1,
                format!("`next_review: {n}` is not after `reviewed: {r}`"),
            )
            .hint("set the next review after the last one, usually a year later"),
        );
    }
    errs
}

/// The file's line and column of byte `offset` of the body.
fn body_pos(fm: &FrontMatter, offset: usize) -> (usize, usize) {
    let (line, column) = line_col(fm.body, offset);
    (line + fm.body_line - 1, column)
}

/// The problems of the file name and the front matter's fields; `at` gives a key's line.
fn check_front(
    path: &Path,
    slug: &str,
    front: &ArticleFront,
    at: impl Fn(&str) -> usize,
) -> Vec<ContentError> {
    let mut errs = Vec::new();
    if !valid_slug(slug) {
        errs.push(
            ContentError::new(path, 0, 0, format!("`{slug}` is not a valid slug")).hint(format!(
                "rename the file to `{}.md`: lower-case letters, digits and hyphens",
                slugify(slug)
            )),
        );
    }
    if front.title.trim().is_empty() {
        errs.push(
            ContentError::new(path, at("title"), 1, "`title` is empty")
                .hint("give the article a title"),
        );
    }
    let summary = front.summary.trim();
    if summary.is_empty() {
        errs.push(
            ContentError::new(path, at("summary"), 1, "`summary` is empty")
                .hint("write one sentence about the article"),
        );
    } else if summary.chars().count() > SUMMARY_MAX {
        errs.push(
            ContentError::new(
                path,
                at("summary"),
                1,
                format!("`summary` is {} characters long", summary.chars().count()),
            )
            .hint(format!(
                "keep it to one sentence of at most {SUMMARY_MAX} characters"
            )),
        );
    }
    if !valid_date(front.updated.trim()) {
        errs.push(
            not_a_date(path, at("updated"), &front.updated)
                .hint("write the date as YYYY-MM-DD, for example 2026-11-24"),
        );
    }
    errs.extend(review_dates(path, front, &at));
    if front
        .sources
        .iter()
        .filter(|s| !s.trim().is_empty())
        .count()
        < 2
    {
        errs.push(
            ContentError::new(
                path,
                at("sources"),
                1,
                "an article needs at least two sources",
            )
            .hint("add `sources:` with one reference per `- ` line"),
        );
    }
    for t in &front.tags {
        if !valid_slug(t) {
            errs.push(
                ContentError::new(path, at("tags"), 1, format!("tag `{t}` is not valid")).hint(
                    format!(
                        "use lower-case letters, digits and hyphens: `{}`",
                        slugify(t)
                    ),
                ),
            );
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_reports_file_line() {
        let src = "---\ntitle: A\ntitel: B\nsummary: C\nupdated: 2026-01-01\nreviewed: 2026-01-01\nnext_review: 2027-01-01\n---\nx\n";
        let e = parse_article(
            Path::new("articles/a.md"),
            "a",
            src,
            &GlossaryMatcher::empty(),
        )
        .err()
        .unwrap();
        assert_eq!(e[0].line, 3, "{}", e[0]);
        assert!(e[0].message.contains("unknown field `titel`"), "{}", e[0]);
    }

    fn therapy(body: &str) -> Result<(Parsed<Article>, bool), Vec<ContentError>> {
        let src = format!(
            "---\ntitle: A\nsummary: B\ntags: [skills, modality]\nupdated: 2026-01-01\n\
             reviewed: 2026-01-01\nnext_review: 2027-01-01\nsources: [x, y]\n---\n{body}"
        );
        parse_article(
            Path::new("articles/a.md"),
            "a",
            &src,
            &GlossaryMatcher::empty(),
        )
    }

    #[test]
    fn therapy_article_with_all_sections_loads() {
        let body: String = THERAPY_SECTIONS
            .iter()
            .rev()
            .map(|s| format!("## {s}\n\nText.\n\n"))
            .collect();
        assert!(therapy(&body).is_ok(), "any order is fine");
    }

    #[test]
    fn therapy_article_names_each_missing_section_once() {
        let body = "## How it works\n\nx\n\n## What it can help with\n\nx\n\n\
                    ### Risks and downsides\n\nx\n\n## Alternatives\n\nx\n\n\
                    ## What is still uncertain\n\nx\n";
        let e = therapy(body).err().unwrap();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].line, 4, "the line of `tags`");
        assert!(
            e[0].message
                .ends_with("is missing the section `Risks and downsides`"),
            "a `###` heading does not count: {}",
            e[0]
        );
    }
}
