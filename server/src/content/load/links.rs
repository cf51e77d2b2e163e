//! The whole-tree pass, once every file is parsed: duplicate slugs, links to articles
//! that do not exist, unknown paradigms, and references from quizzes, the finder and
//! the glossary. Each problem names the [`SourceKey`] that falls back.

use super::Site;
use super::article::Articles;
use super::finder::check_finder;
use super::yaml::see_line;
use crate::content::error::ContentError;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// What a whole-tree problem belongs to: the source that falls back to its previous
/// version. Typed, so an article named `finder.md` or `glossary.md` is never taken
/// for the finder or the glossary.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum SourceKey {
    Article(String),
    Quiz(String),
    Finder,
    Glossary,
    Compare,
}

/// Problems with the source each belongs to.
type TreeErrors = Vec<(SourceKey, ContentError)>;

/// Check the whole tree, adding its problems to `errors`: returns the sources with a
/// problem. Articles that share a slug are moved to `failed`.
pub(super) fn check(site: &mut Site, errors: &mut Vec<ContentError>) -> BTreeSet<SourceKey> {
    let slugs = duplicate_slugs(&mut site.articles, errors);
    // Every article that exists in some version (drafts and broken files count, so
    // a typo elsewhere does not cascade into dead-link errors).
    let known: BTreeSet<String> = slugs
        .into_iter()
        .chain(site.articles.drafts.iter().cloned())
        .chain(site.articles.failed.iter().cloned())
        .collect();
    let mut tree: TreeErrors = Vec::new();
    article_links(&site.articles, &known, &mut tree);
    for q in &site.quizzes.parsed {
        if let Some(slug) = &q.value.article
            && !known.contains(slug)
        {
            let line = q.key_lines.get("article").copied().unwrap_or(1);
            tree.push((
                SourceKey::Quiz(q.value.id.clone()),
                ContentError::new(
                    &q.path,
                    line,
                    1,
                    format!("`article: {slug}` does not exist"),
                )
                .hint("use the file name of an article without `.md`"),
            ));
        }
    }
    if let Some((c, line)) = &site.compare.value
        && let Some(id) = &c.quiz
        && !site.quizzes.parsed.iter().any(|q| &q.value.id == id)
        && !site.quizzes.failed.contains(id)
    {
        tree.push((
            SourceKey::Compare,
            ContentError::new(
                "compare.yaml",
                *line,
                1,
                format!("`quiz: {id}` is not a quiz"),
            )
            .hint("use the file name of a knowledge quiz in quizzes/ without `.yaml`"),
        ));
    }
    if let Some((f, src)) = &site.quizzes.finder.value {
        for e in check_finder(f, src, &known) {
            tree.push((SourceKey::Finder, e));
        }
    }
    if let Some(g) = &site.glossary.value {
        for t in &g.file.terms {
            for s in t.see.iter().filter(|s| !known.contains(*s)) {
                tree.push((
                    SourceKey::Glossary,
                    ContentError::new(
                        &g.path,
                        see_line(&g.src, &t.term, s),
                        1,
                        format!("term `{}` refers to a missing article `{s}`", t.term),
                    )
                    .hint("use the file name of an article without `.md`"),
                ));
            }
        }
    }
    let broken = tree.iter().map(|(k, _)| k.clone()).collect();
    errors.extend(tree.into_iter().map(|(_, e)| e));
    broken
}

/// Every published slug; a slug of two files is an error on each, and fails.
fn duplicate_slugs(articles: &mut Articles, errors: &mut Vec<ContentError>) -> Vec<String> {
    let mut by_slug: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for a in &articles.parsed {
        by_slug
            .entry(a.value.slug.clone())
            .or_default()
            .push(a.path.clone());
    }
    for (slug, paths) in by_slug.iter().filter(|(_, paths)| paths.len() > 1) {
        let list = paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        for p in paths {
            errors.push(
                ContentError::new(p, 1, 1, format!("duplicate article slug `{slug}`: {list}"))
                    .hint("rename one of the files; the slug is the file name"),
            );
        }
        articles.failed.insert(slug.clone());
    }
    by_slug.into_keys().collect()
}

/// Links between articles, and each article's `paradigm:`.
fn article_links(articles: &Articles, known: &BTreeSet<String>, tree: &mut TreeErrors) {
    let paradigms: BTreeSet<String> = articles
        .parsed
        .iter()
        .filter(|a| a.value.tags.iter().any(|t| t == "paradigm"))
        .map(|a| a.value.slug.clone())
        .collect();
    for a in &articles.parsed {
        let key = || SourceKey::Article(a.value.slug.clone());
        for (slug, line, column) in a.links.iter().filter(|(s, _, _)| !known.contains(s)) {
            let hint = suggest(slug, known).map_or_else(
                || "link to an existing article by its file name without `.md`".to_string(),
                |s| format!("did you mean `{s}`?"),
            );
            let message = format!("link to an article that does not exist: `{slug}`");
            tree.push((
                key(),
                ContentError::new(&a.path, *line, *column, message).hint(hint),
            ));
        }
        if let Some(p) = &a.value.paradigm
            && !paradigms.contains(p)
            && !articles.failed.contains(p)
        {
            let line = a.key_lines.get("paradigm").copied().unwrap_or(1);
            let message = format!("`paradigm: {p}` is not a paradigm article");
            let hint = format!(
                "use the slug of an article tagged `paradigm`: {}",
                paradigms.iter().cloned().collect::<Vec<_>>().join(", ")
            );
            tree.push((
                key(),
                ContentError::new(&a.path, line, 1, message).hint(hint),
            ));
        }
    }
}

/// "did you mean `x`? " when a known id is within two edits, else nothing.
pub(super) fn did_you_mean(id: &str, known: &BTreeSet<&str>) -> String {
    let known: BTreeSet<String> = known.iter().map(|k| k.to_string()).collect();
    suggest(id, &known).map_or_else(String::new, |s| format!("did you mean `{s}`? Or "))
}

/// The closest known slug within two edits, for "did you mean" hints.
pub(super) fn suggest<'a>(slug: &str, known: &'a BTreeSet<String>) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::levenshtein(slug, k), k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let known: BTreeSet<String> = ["cbt".to_string(), "exposure-therapy".to_string()].into();
        assert_eq!(suggest("cbtt", &known), Some("cbt"));
        assert_eq!(suggest("xyzxyz", &known), None);
    }
}
