//! Reading `content/` into a [`Library`], in two phases: each file alone, then the
//! whole tree (dead links, unknown references, duplicates). Every problem is
//! collected; a file with a problem falls back to its previous good version.

use super::error::ContentError;
use super::markdown::{self, slugify};
use app::compare::Compare;
use app::content::{Article, Library, Page, Question, Quiz, QuizOption};
use app::finder::PreferenceFinder;
use app::glossary::{GlossaryFile, Prepare};
use rayon::prelude::*;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A library and the problems found while building it.
#[derive(Debug, Default)]
pub struct LoadOutcome {
    pub library: Library,
    pub errors: Vec<ContentError>,
}

/// Articles from earlier loads, reused while neither the file's text nor the glossary
/// changed: a reload re-parses and re-renders only what an editor touched.
/// Keyed by the file's full text (a 64-bit hash of it), not its modification time,
/// so two saves within one clock tick still count as a change.
#[derive(Debug, Default)]
pub struct ArticleCache {
    /// Hash of the glossary terms the cached articles were rendered with.
    terms: u64,
    entries: HashMap<PathBuf, (u64, ArticleResult)>,
}

impl ArticleCache {
    /// How many article files the cache holds (parsed or failed).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

type ArticleResult = Result<(Parsed<Arc<Article>>, bool), Vec<ContentError>>;

fn hash_of(value: &impl Hash) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

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
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    order: Option<i64>,
    #[serde(default)]
    draft: bool,
}

/// Front matter of a site page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PageFront {
    title: String,
    summary: String,
    updated: String,
}

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

const SUMMARY_MAX: usize = 200;
const DEFAULT_ORDER: i64 = 100;

/// What a whole-tree problem belongs to: the source that falls back to its previous
/// version. Typed, so an article named `finder.md` or `glossary.md` is never taken
/// for the finder or the glossary.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum SourceKey {
    Article(String),
    Quiz(String),
    Finder,
    Glossary,
}

/// A parsed file, remembered with where it came from and where its links point.
#[derive(Clone, Debug)]
struct Parsed<T> {
    path: PathBuf,
    value: T,
    /// (slug, line, column) of links to other articles.
    links: Vec<(String, usize, usize)>,
    /// Line of each front-matter key, for whole-tree messages.
    key_lines: HashMap<String, usize>,
}

/// Build a library from `root`. Files with problems keep their version from
/// `previous` (if there was one), so readers never lose a page to a typo.
pub fn load(root: &Path, previous: Option<&Library>) -> LoadOutcome {
    load_cached(root, previous, &mut ArticleCache::default())
}

/// [`load`], reusing the articles in `cache` whose files did not change, and leaving
/// in it this load's articles for the next one.
pub fn load_cached(
    root: &Path,
    previous: Option<&Library>,
    cache: &mut ArticleCache,
) -> LoadOutcome {
    let mut errors = Vec::new();
    if !root.is_dir() {
        errors.push(
            ContentError::new(root, 0, 0, "content folder not found")
                .hint("set PATHWAYS_CONTENT_DIR or pass the folder to `server check`"),
        );
        return LoadOutcome {
            library: previous.cloned().unwrap_or_default(),
            errors,
        };
    }
    let rel = |p: &Path| {
        p.strip_prefix(root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| p.to_path_buf())
    };

    // The folders first: when one cannot be read, the whole previous library is kept
    // (an absent `articles/` must not publish zero articles). On a first load there is
    // nothing to keep: what loaded is served, with the error.
    let mut unreadable = false;
    let article_files = files(root, "articles", "md", true, &mut errors, &mut unreadable);
    let quiz_files = files(root, "quizzes", "yaml", false, &mut errors, &mut unreadable);
    let page_files = files(root, "pages", "md", false, &mut errors, &mut unreadable);
    if unreadable && let Some(previous) = previous {
        errors.sort();
        errors.dedup();
        return LoadOutcome {
            library: previous.clone(),
            errors,
        };
    }

    // Phase 1: each file alone.
    let glossary_path = root.join("glossary.yaml");
    let mut glossary = None;
    let mut glossary_failed = false;
    if glossary_path.is_file() {
        match read(&glossary_path, root).and_then(|src| parse_glossary(&rel(&glossary_path), &src))
        {
            Ok(g) => glossary = Some(g),
            Err(mut e) => {
                glossary_failed = true;
                errors.append(&mut e);
            }
        }
    }
    // Glossary terms are linked from articles where they first appear.
    // (The matcher is built below, once, from these terms.)
    let terms: Vec<(String, String)> = glossary
        .as_ref()
        .map(|(_, _, g)| {
            g.terms
                .iter()
                .map(|t| (t.term.clone(), t.id.clone()))
                .collect()
        })
        .or_else(|| {
            previous.map(|p| {
                p.glossary
                    .iter()
                    .map(|t| (t.term.clone(), t.id.clone()))
                    .collect()
            })
        })
        .unwrap_or_default();
    let matcher = markdown::GlossaryMatcher::new(&terms);
    // Articles render glossary links, so other terms make every cached article stale.
    let terms_hash = hash_of(&terms);
    if cache.terms != terms_hash {
        cache.entries.clear();
        cache.terms = terms_hash;
    }
    let mut articles: Vec<Parsed<Arc<Article>>> = Vec::new();
    let mut drafts: BTreeSet<String> = BTreeSet::new();
    let mut failed: BTreeSet<String> = BTreeSet::new();
    // Articles are parsed and rendered in parallel (unless cached); results are taken
    // in file order. The third field is the hash of the file's text (None: unreadable).
    let cached = &cache.entries;
    let parsed: Vec<(PathBuf, Option<u64>, ArticleResult)> = article_files
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
            let result = parse_article(&rel(&path), &stem(&path), &src, &matcher)
                .map(|(p, draft)| (p.map(Arc::new), draft));
            (path, Some(source), result)
        })
        .collect();
    // The cache now holds exactly this load's files: deleted ones drop out.
    cache.entries = parsed
        .iter()
        .filter_map(|(path, source, result)| Some((path.clone(), ((*source)?, result.clone()))))
        .collect();
    for (path, _, result) in parsed {
        let slug = stem(&path);
        match result {
            Ok((parsed, draft)) => {
                if draft {
                    drafts.insert(slug);
                } else {
                    articles.push(parsed);
                }
            }
            Err(mut e) => {
                failed.insert(slug);
                errors.append(&mut e);
            }
        }
    }

    let mut quizzes: Vec<Parsed<Quiz>> = Vec::new();
    let mut finder: Option<(Parsed<PreferenceFinder>, String)> = None;
    let mut failed_quizzes: BTreeSet<String> = BTreeSet::new();
    let mut finder_failed = false;
    for path in quiz_files {
        let id = stem(&path);
        let r = rel(&path);
        let src = match read(&path, root) {
            Ok(s) => s,
            Err(mut e) => {
                errors.append(&mut e);
                failed_quizzes.insert(id);
                continue;
            }
        };
        let kind = match yaml::<QuizKind>(&r, &src, 1) {
            Ok(k) => k.kind,
            Err(e) if e.message.contains("missing field `kind`") => {
                errors.push(e.hint("start the file with `kind: knowledge` or `kind: preference`"));
                failed_quizzes.insert(id);
                continue;
            }
            Err(e) => {
                errors.push(e);
                failed_quizzes.insert(id);
                continue;
            }
        };
        match kind.as_str() {
            "knowledge" => match parse_knowledge(&r, &id, &src) {
                Ok(q) => quizzes.push(q),
                Err(mut e) => {
                    errors.append(&mut e);
                    failed_quizzes.insert(id);
                }
            },
            "preference" => match parse_finder(&r, &src) {
                Ok(f) if finder.is_none() => finder = Some((f, src)),
                Ok(_) => errors.push(
                    ContentError::new(&r, 1, 1, "a second preference finder")
                        .hint("keep one file with `kind: preference`"),
                ),
                Err(mut e) => {
                    errors.append(&mut e);
                    finder_failed = true;
                }
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
                failed_quizzes.insert(id);
            }
        }
    }

    let mut pages: Vec<Page> = Vec::new();
    let mut failed_pages: BTreeSet<String> = BTreeSet::new();
    for path in page_files {
        let name = stem(&path);
        match read(&path, root).and_then(|src| parse_page(&rel(&path), &name, &src)) {
            Ok(p) => pages.push(p),
            Err(mut e) => {
                failed_pages.insert(name);
                errors.append(&mut e);
            }
        }
    }

    let prepare_path = root.join("prepare.yaml");
    let mut prepare = None;
    let mut prepare_failed = false;
    if prepare_path.is_file() {
        let r = rel(&prepare_path);
        match read(&prepare_path, root).and_then(|src| {
            let p: Prepare = yaml(&r, &src, 1).map_err(|e| vec![e])?;
            let mut errs = Vec::new();
            unique(
                &r,
                &src,
                p.questions.iter().map(|q| q.id.as_str()),
                "question id",
                &mut errs,
            );
            if errs.is_empty() { Ok(p) } else { Err(errs) }
        }) {
            Ok(p) => prepare = Some(p),
            Err(mut e) => {
                prepare_failed = true;
                errors.append(&mut e);
            }
        }
    }

    let compare_path = root.join("compare.yaml");
    let mut compare = None;
    let mut compare_failed = false;
    if compare_path.is_file() {
        let r = rel(&compare_path);
        match read(&compare_path, root).and_then(|src| {
            let c: Compare = yaml(&r, &src, 1).map_err(|e| vec![e])?;
            if valid_date(c.updated.trim()) {
                Ok(c)
            } else {
                Err(vec![
                    ContentError::new(
                        &r,
                        key_line(&src, "updated", 1),
                        1,
                        format!("`updated: {}` is not a date", c.updated),
                    )
                    .hint("write the date as YYYY-MM-DD"),
                ])
            }
        }) {
            Ok(c) => compare = Some(c),
            Err(mut e) => {
                compare_failed = true;
                errors.append(&mut e);
            }
        }
    }

    // Phase 2: the whole tree.
    let mut by_slug: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for a in &articles {
        by_slug
            .entry(a.value.slug.clone())
            .or_default()
            .push(a.path.clone());
    }
    for (slug, paths) in &by_slug {
        if paths.len() > 1 {
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
            failed.insert(slug.clone());
        }
    }
    // Every article that exists in some version (drafts and broken files count, so
    // a typo elsewhere does not cascade into dead-link errors).
    let known: BTreeSet<String> = by_slug
        .keys()
        .cloned()
        .chain(drafts.iter().cloned())
        .chain(failed.iter().cloned())
        .collect();
    let paradigms: BTreeSet<String> = articles
        .iter()
        .filter(|a| a.value.tags.iter().any(|t| t == "paradigm"))
        .map(|a| a.value.slug.clone())
        .collect();
    let mut tree_errors: Vec<(SourceKey, ContentError)> = Vec::new();
    for a in &articles {
        for (slug, line, column) in &a.links {
            if !known.contains(slug) {
                tree_errors.push((
                    SourceKey::Article(a.value.slug.clone()),
                    ContentError::new(
                        &a.path,
                        *line,
                        *column,
                        format!("link to an article that does not exist: `{slug}`"),
                    )
                    .hint(suggest(slug, &known).map_or_else(
                        || "link to an existing article by its file name without `.md`".to_string(),
                        |s| format!("did you mean `{s}`?"),
                    )),
                ));
            }
        }
        if let Some(p) = &a.value.paradigm
            && !paradigms.contains(p)
            && !failed.contains(p)
        {
            let line = a.key_lines.get("paradigm").copied().unwrap_or(1);
            tree_errors.push((
                SourceKey::Article(a.value.slug.clone()),
                ContentError::new(
                    &a.path,
                    line,
                    1,
                    format!("`paradigm: {p}` is not a paradigm article"),
                )
                .hint(format!(
                    "use the slug of an article tagged `paradigm`: {}",
                    paradigms.iter().cloned().collect::<Vec<_>>().join(", ")
                )),
            ));
        }
    }
    for q in &quizzes {
        if let Some(slug) = &q.value.article
            && !known.contains(slug)
        {
            let line = q.key_lines.get("article").copied().unwrap_or(1);
            tree_errors.push((
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
    if let Some((f, src)) = &finder {
        for e in check_finder(f, src, &known) {
            tree_errors.push((SourceKey::Finder, e));
        }
    }
    if let Some((path, src, g)) = &glossary {
        for t in &g.terms {
            for s in &t.see {
                if !known.contains(s) {
                    tree_errors.push((
                        SourceKey::Glossary,
                        ContentError::new(
                            path,
                            see_line(src, &t.term, s),
                            1,
                            format!("term `{}` refers to a missing article `{s}`", t.term),
                        )
                        .hint("use the file name of an article without `.md`"),
                    ));
                }
            }
        }
    }

    let broken: BTreeSet<SourceKey> = tree_errors.iter().map(|(k, _)| k.clone()).collect();
    let broken_articles: BTreeSet<String> = broken
        .iter()
        .filter_map(|k| match k {
            SourceKey::Article(slug) => Some(slug.clone()),
            _ => None,
        })
        .collect();
    errors.extend(tree_errors.into_iter().map(|(_, e)| e));

    // Assemble, falling back to the previous good version of whatever is broken.
    let empty = Library::default();
    let prev = previous.unwrap_or(&empty);
    let mut library = Library::default();
    for a in articles {
        if !broken_articles.contains(&a.value.slug) && !failed.contains(&a.value.slug) {
            library.articles.insert(a.value.slug.clone(), a.value);
        }
    }
    for slug in failed.iter().chain(broken_articles.iter()) {
        if let Some(old) = prev.articles.get(slug) {
            library.articles.insert(slug.clone(), old.clone());
        }
    }
    for q in quizzes {
        if !broken.contains(&SourceKey::Quiz(q.value.id.clone())) {
            library.quizzes.insert(q.value.id.clone(), q.value);
        } else if let Some(old) = prev.quizzes.get(&q.value.id) {
            library.quizzes.insert(q.value.id.clone(), old.clone());
        }
    }
    for id in &failed_quizzes {
        if let Some(old) = prev.quizzes.get(id) {
            library.quizzes.insert(id.clone(), old.clone());
        }
    }
    for p in pages {
        library.pages.insert(p.name.clone(), p);
    }
    for name in &failed_pages {
        if let Some(old) = prev.pages.get(name) {
            library.pages.insert(name.clone(), old.clone());
        }
    }
    library.finder = match finder {
        Some((f, _)) if !broken.contains(&SourceKey::Finder) => {
            let mut f = f.value;
            for a in &mut f.approaches {
                a.name = library
                    .articles
                    .get(&a.article)
                    .map_or_else(|| a.article.clone(), |x| x.title.clone());
            }
            Some(f)
        }
        _ if finder_failed || broken.contains(&SourceKey::Finder) => prev.finder.clone(),
        _ => None,
    };
    library.glossary = match glossary {
        Some((_, _, g)) if !broken.contains(&SourceKey::Glossary) => g.terms,
        _ if glossary_failed || broken.contains(&SourceKey::Glossary) => prev.glossary.clone(),
        _ => Vec::new(),
    };
    library.prepare = if prepare_failed {
        prev.prepare.clone()
    } else {
        prepare
    };
    library.compare = if compare_failed {
        prev.compare.clone()
    } else {
        compare
    };
    derive_indexes(&mut library);

    errors.sort();
    errors.dedup();
    LoadOutcome { library, errors }
}

/// Tags with more articles than this are too broad to make two articles related.
const BROAD_TAG: usize = 200;

/// Reading order, quiz order, tag lists and related articles, computed once per load.
fn derive_indexes(library: &mut Library) {
    let mut sorted: Vec<&Article> = library.articles.values().map(Arc::as_ref).collect();
    sorted.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.title.cmp(&b.title)));
    let order: Vec<String> = sorted.iter().map(|a| a.slug.clone()).collect();
    let mut quizzes: Vec<&Quiz> = library.quizzes.values().collect();
    quizzes.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.title.cmp(&b.title)));
    let quiz_order: Vec<String> = quizzes.iter().map(|q| q.id.clone()).collect();
    let mut tags: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for a in &sorted {
        for t in &a.tags {
            tags.entry(t.clone()).or_default().push(a.slug.clone());
        }
    }

    // Related articles, computed on positions in reading order (a position is also the
    // tie-break: earlier first) with one reused score array, so that a large tree costs
    // milliseconds rather than a second of string hashing.
    let n = sorted.len();
    let position: HashMap<&str, usize> = sorted
        .iter()
        .enumerate()
        .map(|(i, a)| (a.slug.as_str(), i))
        .collect();
    let mut members: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, a) in sorted.iter().enumerate() {
        for t in &a.tags {
            members.entry(t.as_str()).or_default().push(i);
        }
        if let Some(p) = &a.paradigm {
            children.entry(p.as_str()).or_default().push(i);
        }
    }
    let mut score = vec![0usize; n];
    let mut touched: Vec<usize> = Vec::new();
    fn bump(score: &mut [usize], touched: &mut Vec<usize>, j: usize, by: usize) {
        if score[j] == 0 {
            touched.push(j);
        }
        score[j] += by;
    }
    let mut related = BTreeMap::new();
    for (i, a) in sorted.iter().enumerate() {
        for t in &a.tags {
            let list = &members[t.as_str()];
            if list.len() > BROAD_TAG {
                continue;
            }
            for &m in list {
                bump(&mut score, &mut touched, m, 1);
            }
        }
        // Same family: the paradigm, its other approaches, or an approach of this paradigm.
        if let Some(p) = &a.paradigm {
            if let Some(&at) = position.get(p.as_str()) {
                bump(&mut score, &mut touched, at, 3);
            }
            for &sibling in children.get(p.as_str()).into_iter().flatten() {
                bump(&mut score, &mut touched, sibling, 2);
            }
        }
        for &child in children.get(a.slug.as_str()).into_iter().flatten() {
            bump(&mut score, &mut touched, child, 3);
        }
        // Best three: highest score, then earliest in reading order.
        let mut best: Vec<(std::cmp::Reverse<usize>, usize)> = touched
            .iter()
            .filter(|&&j| j != i)
            .map(|&j| (std::cmp::Reverse(score[j]), j))
            .collect();
        if best.len() > 3 {
            best.select_nth_unstable(2);
            best.truncate(3);
        }
        best.sort_unstable();
        for &j in &touched {
            score[j] = 0;
        }
        touched.clear();
        let top: Vec<String> = best.iter().map(|&(_, j)| sorted[j].slug.clone()).collect();
        related.insert(a.slug.clone(), top);
    }
    library.order = order;
    library.quiz_order = quiz_order;
    library.tags = tags;
    library.related = related;
}

/// Files with extension `ext` under `root/folder`, recursively, sorted. Symbolic links
/// are followed, but a link that loops back is reported and skipped, not walked
/// forever. A folder that cannot be read, or a missing `required` one, is an error
/// that sets `unreadable`: the caller then keeps its last good library.
fn files(
    root: &Path,
    folder: &str,
    ext: &str,
    required: bool,
    errors: &mut Vec<ContentError>,
    unreadable: &mut bool,
) -> Vec<PathBuf> {
    let dir = root.join(folder);
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let permissions = "check its permissions: the server must be able to read everything \
                       under the content folder";
    match std::fs::metadata(&dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            errors.push(
                ContentError::new(folder, 0, 0, format!("`{folder}` is not a folder"))
                    .hint(format!("`{folder}` must be a folder of `.{ext}` files")),
            );
            *unreadable |= required;
            return Vec::new();
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if required {
                errors.push(
                    ContentError::new(folder, 0, 0, format!("the `{folder}` folder is missing"))
                        .hint(format!(
                            "restore `{folder}/` in the content folder (or point \
                             PATHWAYS_CONTENT_DIR at the right folder); until then the \
                             last good version of the site is served"
                        )),
                );
                *unreadable = true;
            }
            return Vec::new();
        }
        Err(e) => {
            errors.push(
                ContentError::new(folder, 0, 0, format!("cannot read the folder: {e}"))
                    .hint(permissions),
            );
            *unreadable = true;
            return Vec::new();
        }
    }
    let mut out = Vec::new();
    let walk = walkdir::WalkDir::new(&dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            // Editor swap and backup files, and hidden folders such as `.git`.
            e.depth() == 0 || !(name.starts_with('.') || name.ends_with('~'))
        });
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().map_or_else(|| PathBuf::from(folder), rel);
                if let Some(ancestor) = e.loop_ancestor() {
                    let target = match rel(ancestor) {
                        p if p.as_os_str().is_empty() => "the content folder".to_string(),
                        p => format!("`{}`", p.display()),
                    };
                    errors.push(
                        ContentError::new(
                            path,
                            0,
                            0,
                            format!("a symbolic link loops back to {target}; it is skipped"),
                        )
                        .hint("remove the link, or point it outside the content folder"),
                    );
                } else if e
                    .io_error()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
                {
                    // A dangling link is an error; a file deleted during the walk is
                    // simply gone (its deletion triggers another reload).
                    if e.path().and_then(|p| p.symlink_metadata().ok()).is_some() {
                        errors.push(
                            ContentError::new(path, 0, 0, "a symbolic link that points nowhere")
                                .hint("remove the link or point it at an existing file"),
                        );
                    }
                } else {
                    let cause = e
                        .io_error()
                        .map_or_else(|| e.to_string(), ToString::to_string);
                    errors.push(
                        ContentError::new(path, 0, 0, format!("cannot read: {cause}"))
                            .hint(permissions),
                    );
                    *unreadable = true;
                }
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let path = entry.into_path();
        if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        } else if path
            .extension()
            .is_some_and(|e| e == "yml" || e == "markdown")
        {
            errors.push(
                ContentError::new(rel(&path), 0, 0, "this file is ignored")
                    .hint(format!("rename it to end in `.{ext}`")),
            );
        }
    }
    out.sort();
    out
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default()
}

fn read(path: &Path, root: &Path) -> Result<String, Vec<ContentError>> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let bytes = std::fs::read(path).map_err(|e| {
        vec![ContentError::new(
            rel,
            0,
            0,
            format!("cannot read the file: {e}"),
        )]
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
        vec![
            ContentError::new(rel, line, 0, "the file is not valid UTF-8 text")
                .hint("save the file as UTF-8"),
        ]
    })
}

/// Parse YAML into `T`; the error's line is moved by `first_line - 1` so it is the file's line.
fn yaml<T: DeserializeOwned>(path: &Path, src: &str, first_line: usize) -> Result<T, ContentError> {
    serde_norway::from_str(src).map_err(|e| {
        let (line, column) = e.location().map_or((first_line, 0), |l| (l.line() + first_line - 1, l.column()));
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

/// The 1-based line of `key:` at the start of a line of `src`, shifted to the file.
fn key_line(src: &str, key: &str, first_line: usize) -> usize {
    src.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(first_line, |i| i + first_line)
}

/// The line of `slug` in the `see:` of glossary term `term` (after its `- term:` line).
fn see_line(src: &str, term: &str, slug: &str) -> usize {
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
fn find_line(src: &str, needle: &str, first_line: usize) -> usize {
    src.lines()
        .position(|l| l.contains(needle))
        .map_or(first_line, |i| i + first_line)
}

fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Split `---` front matter from the body: (yaml, yaml's first line, body, body's first line).
fn split_front_matter<'a>(
    path: &Path,
    src: &'a str,
) -> Result<(&'a str, usize, &'a str, usize), ContentError> {
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
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((yaml, 2, body, i + 3));
        }
        offset += line.len();
    }
    Err(
        ContentError::new(path, 1, 1, "the front matter is not closed")
            .hint("add a line `---` after the last front-matter field"),
    )
}

fn valid_slug(s: &str) -> bool {
    markdown::is_bare_slug(s) && !s.starts_with('-') && !s.ends_with('-')
}

fn valid_date(s: &str) -> bool {
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

fn key_lines(yaml: &str, first_line: usize) -> HashMap<String, usize> {
    yaml.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with(' ') && !l.starts_with('-') && !l.starts_with('#'))
        .filter_map(|(i, l)| {
            l.split_once(':')
                .map(|(k, _)| (k.trim().to_string(), i + first_line))
        })
        .collect()
}

fn parse_article(
    path: &Path,
    slug: &str,
    src: &str,
    glossary: &markdown::GlossaryMatcher,
) -> Result<(Parsed<Article>, bool), Vec<ContentError>> {
    let (fm, fm_line, body, body_line) = split_front_matter(path, src).map_err(|e| vec![e])?;
    let front: ArticleFront = yaml(path, fm, fm_line).map_err(|e| vec![e])?;
    let lines = key_lines(fm, fm_line);
    let at = |k: &str| lines.get(k).copied().unwrap_or(fm_line);
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
            ContentError::new(
                path,
                at("updated"),
                1,
                format!("`updated: {}` is not a date", front.updated),
            )
            .hint("write the date as YYYY-MM-DD, for example 2026-11-24"),
        );
    }
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
    if body.trim().is_empty() {
        errs.push(
            ContentError::new(path, body_line, 1, "the article has no body")
                .hint("write the article below the closing `---`"),
        );
    }
    let rendered = markdown::render_with_glossary(body, glossary);
    if let Some(offset) = rendered.h1_offsets.first() {
        let line = line_col(body, *offset).0 + body_line - 1;
        errs.push(
            ContentError::new(path, line, 1, "a `#` heading in the body")
                .hint("the title is the page's only top heading: start sections with `##`"),
        );
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let links = rendered
        .article_links
        .iter()
        .map(|(s, off)| {
            let (l, c) = line_col(body, *off);
            (s.clone(), l + body_line - 1, c)
        })
        .collect();
    let article = Article {
        slug: slug.to_string(),
        title: front.title.trim().to_string(),
        summary: summary.to_string(),
        paradigm: front.paradigm,
        tags: front.tags,
        updated: front.updated.trim().to_string(),
        sources: front.sources,
        order: front.order.unwrap_or(DEFAULT_ORDER),
        reading_minutes: markdown::reading_minutes(rendered.words),
        words: rendered.words,
        html: rendered.html,
        toc: rendered.toc,
        text: rendered.text,
    };
    Ok((
        Parsed {
            path: path.to_path_buf(),
            value: article,
            links,
            key_lines: lines,
        },
        front.draft,
    ))
}

impl<T> Parsed<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Parsed<U> {
        Parsed {
            path: self.path,
            value: f(self.value),
            links: self.links,
            key_lines: self.key_lines,
        }
    }
}

fn parse_page(path: &Path, name: &str, src: &str) -> Result<Page, Vec<ContentError>> {
    let (fm, fm_line, body, _) = split_front_matter(path, src).map_err(|e| vec![e])?;
    let front: PageFront = yaml(path, fm, fm_line).map_err(|e| vec![e])?;
    if !valid_date(front.updated.trim()) {
        return Err(vec![
            ContentError::new(
                path,
                key_line(fm, "updated", fm_line),
                1,
                format!("`updated: {}` is not a date", front.updated),
            )
            .hint("write the date as YYYY-MM-DD"),
        ]);
    }
    Ok(Page {
        name: name.to_string(),
        title: front.title,
        summary: front.summary,
        updated: front.updated,
        html: markdown::render(body).html,
    })
}

fn parse_knowledge(path: &Path, id: &str, src: &str) -> Result<Parsed<Quiz>, Vec<ContentError>> {
    let file: KnowledgeFile = yaml(path, src, 1).map_err(|e| vec![e])?;
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
        if !(2..=6).contains(&q.options.len()) {
            errs.push(
                ContentError::new(
                    path,
                    line,
                    1,
                    format!("question {n} has {} options", q.options.len()),
                )
                .hint("give each question between two and six options"),
            );
        }
        if !q.options.iter().any(|o| o.correct) {
            errs.push(
                ContentError::new(path, line, 1, format!("question {n} has no correct option"))
                    .hint("mark the right answer with `correct: true`"),
            );
        }
        if q.explanation.trim().is_empty() {
            errs.push(
                ContentError::new(
                    path,
                    line,
                    1,
                    format!("question {n} has an empty explanation"),
                )
                .hint("say why the right answer is right and why the others are not"),
            );
        }
    }
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

fn unique<'a>(
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

fn parse_finder(path: &Path, src: &str) -> Result<Parsed<PreferenceFinder>, Vec<ContentError>> {
    let f: PreferenceFinder = yaml(path, src, 1).map_err(|e| vec![e])?;
    let mut errs = Vec::new();
    unique(
        path,
        src,
        f.dimensions.iter().map(|d| d.id.as_str()),
        "dimension id",
        &mut errs,
    );
    unique(
        path,
        src,
        f.items.iter().map(|d| d.id.as_str()),
        "item id",
        &mut errs,
    );
    unique(
        path,
        src,
        f.choices.iter().map(|d| d.id.as_str()),
        "choice id",
        &mut errs,
    );
    unique(
        path,
        src,
        f.questions_to_ask.iter().map(|d| d.id.as_str()),
        "question id",
        &mut errs,
    );
    unique(
        path,
        src,
        f.approaches.iter().map(|d| d.article.as_str()),
        "approach",
        &mut errs,
    );
    for c in &f.choices {
        unique(
            path,
            src,
            c.options.iter().map(|o| o.id.as_str()),
            "option id",
            &mut errs,
        );
    }
    if f.bands.is_empty() || f.bands.windows(2).any(|w| w[0].max >= w[1].max) {
        errs.push(
            ContentError::new(
                path,
                key_line(src, "bands", 1),
                1,
                "bands must be listed with increasing `max`",
            )
            .hint("for example max 1.0 (none), 2.0 (moderate), 3.0 (strong)"),
        );
    } else if f.bands.last().is_some_and(|b| b.max < 3.0) {
        errs.push(
            ContentError::new(
                path,
                key_line(src, "bands", 1),
                1,
                "the last band must reach 3.0",
            )
            .hint("set the last band's `max: 3.0` so every score has a band"),
        );
    }
    if errs.is_empty() {
        Ok(Parsed {
            path: path.to_path_buf(),
            value: f,
            links: vec![],
            key_lines: HashMap::new(),
        })
    } else {
        Err(errs)
    }
}

/// References inside the finder: dimensions, approaches and questions must exist.
fn check_finder(
    f: &Parsed<PreferenceFinder>,
    src: &str,
    articles: &BTreeSet<String>,
) -> Vec<ContentError> {
    let path = &f.path;
    let finder = &f.value;
    let dims: BTreeSet<&str> = finder.dimensions.iter().map(|d| d.id.as_str()).collect();
    let approaches: BTreeSet<&str> = finder
        .approaches
        .iter()
        .map(|a| a.article.as_str())
        .collect();
    let asks: BTreeSet<&str> = finder
        .questions_to_ask
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    let list = |s: &BTreeSet<&str>| s.iter().copied().collect::<Vec<_>>().join(", ");
    let mut errs = Vec::new();
    let mut err = |needle: &str, message: String, hint: String| {
        errs.push(ContentError::new(path, find_line(src, needle, 1), 1, message).hint(hint));
    };
    for a in &finder.approaches {
        if !articles.contains(&a.article) {
            err(
                &a.article,
                format!("approach `{}` has no article", a.article),
                "use the file name of an article without `.md`".into(),
            );
        }
    }
    let check_refs = |owner: &str,
                      weights: &BTreeMap<String, f64>,
                      ask: &[String],
                      errs: &mut Vec<(String, String, String)>| {
        for k in weights.keys() {
            if !approaches.contains(k.as_str()) {
                errs.push((
                    k.clone(),
                    format!("{owner} weights unknown approach `{k}`"),
                    format!(
                        "{}add it under `approaches:` or use one of: {}",
                        did_you_mean(k, &approaches),
                        list(&approaches)
                    ),
                ));
            }
        }
        for q in ask {
            if !asks.contains(q.as_str()) {
                errs.push((
                    q.clone(),
                    format!("{owner} asks unknown question `{q}`"),
                    format!(
                        "{}add it under `questions_to_ask:` or use one of: {}",
                        did_you_mean(q, &asks),
                        list(&asks)
                    ),
                ));
            }
        }
    };
    let mut found = Vec::new();
    for item in &finder.items {
        if !dims.contains(item.dimension.as_str()) {
            found.push((
                item.dimension.clone(),
                format!(
                    "item `{}` uses unknown dimension `{}`",
                    item.id, item.dimension
                ),
                {
                    let known: BTreeSet<String> = dims.iter().map(|d| d.to_string()).collect();
                    match suggest(&item.dimension, &known) {
                        Some(s) => {
                            format!("did you mean `{s}`? The dimensions are: {}", list(&dims))
                        }
                        None => format!("use one of: {}", list(&dims)),
                    }
                },
            ));
        }
        check_refs(
            &format!("item `{}`", item.id),
            &item.approaches,
            &item.ask,
            &mut found,
        );
    }
    for c in &finder.choices {
        for o in &c.options {
            check_refs(
                &format!("option `{}` of `{}`", o.id, c.id),
                &o.approaches,
                &o.ask,
                &mut found,
            );
        }
    }
    for (needle, message, hint) in found {
        err(&needle, message, hint);
    }
    errs
}

fn parse_glossary(
    path: &Path,
    src: &str,
) -> Result<(PathBuf, String, GlossaryFile), Vec<ContentError>> {
    let mut g: GlossaryFile = yaml(path, src, 1).map_err(|e| vec![e])?;
    let mut errs = Vec::new();
    for t in &mut g.terms {
        t.id = slugify(&t.term);
    }
    unique(
        path,
        src,
        g.terms.iter().map(|t| t.term.as_str()),
        "term",
        &mut errs,
    );
    g.terms.sort_by_key(|t| t.term.to_lowercase());
    if errs.is_empty() {
        Ok((path.to_path_buf(), src.to_string(), g))
    } else {
        Err(errs)
    }
}

/// "did you mean `x`? " when a known id is within two edits, else nothing.
fn did_you_mean(id: &str, known: &BTreeSet<&str>) -> String {
    let known: BTreeSet<String> = known.iter().map(|k| k.to_string()).collect();
    suggest(id, &known).map_or_else(String::new, |s| format!("did you mean `{s}`? Or "))
}

/// The closest known slug within two edits, for "did you mean" hints.
fn suggest<'a>(slug: &str, known: &'a BTreeSet<String>) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (edit_distance(slug, k), k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k.as_str())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_lines_are_the_files() {
        let src = "---\ntitle: A\nsummary: B\n---\nbody\n";
        let (fm, l, body, bl) = split_front_matter(Path::new("a.md"), src).unwrap();
        assert_eq!(fm, "title: A\nsummary: B\n");
        assert_eq!((l, bl), (2, 5));
        assert_eq!(body, "body\n");
    }

    #[test]
    fn dates() {
        assert!(valid_date("2026-11-24"));
        assert!(valid_date("2024-02-29"));
        assert!(!valid_date("2023-02-29"));
        assert!(!valid_date("2026-13-01"));
        assert!(!valid_date("24-11-2026"));
    }

    #[test]
    fn unknown_key_reports_file_line() {
        let src = "---\ntitle: A\ntitel: B\nsummary: C\nupdated: 2026-01-01\n---\nx\n";
        let e = parse_article(
            Path::new("articles/a.md"),
            "a",
            src,
            &markdown::GlossaryMatcher::empty(),
        )
        .err()
        .unwrap();
        assert_eq!(e[0].line, 3, "{}", e[0]);
        assert!(e[0].message.contains("unknown field `titel`"), "{}", e[0]);
    }

    fn copy_tree(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy_tree(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    fn article(title: &str, link: &str) -> String {
        format!(
            "---\ntitle: {title}\nsummary: About {title}.\nupdated: 2026-01-15\n\
             sources: [a, b]\n---\nSee [that]({link}).\n"
        )
    }

    /// Articles named like the glossary, the finder and the compare page: a dead link
    /// in one falls back that article only, never the glossary or the finder.
    #[test]
    fn articles_named_like_other_sources_do_not_collide() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        copy_tree(&manifest.join("tests/fixtures/valid"), root);
        std::fs::copy(
            manifest.join("../content/compare.yaml"),
            root.join("compare.yaml"),
        )
        .unwrap();
        let names = ["glossary", "finder", "compare", "prepare"];
        for name in names {
            std::fs::write(
                root.join(format!("articles/{name}.md")),
                article(name, "cbt"),
            )
            .unwrap();
        }
        let good = load(root, None);
        assert!(good.errors.is_empty(), "{:?}", good.errors);
        let lib = good.library;
        for name in names {
            assert!(lib.articles.contains_key(name), "{name}");
        }
        assert!(!lib.glossary.is_empty() && lib.finder.is_some() && lib.compare.is_some());

        // Dead links in all four, and a glossary edit: the articles fall back, the
        // glossary, finder and compare page are this load's.
        for name in names {
            std::fs::write(
                root.join(format!("articles/{name}.md")),
                article(&format!("{name} edited"), "no-such-article"),
            )
            .unwrap();
        }
        let glossary = root.join("glossary.yaml");
        let text = std::fs::read_to_string(&glossary).unwrap();
        std::fs::write(
            &glossary,
            text.replace("term: Agenda", "term: Session agenda"),
        )
        .unwrap();
        for previous in [None, Some(&lib)] {
            let o = load(root, previous);
            assert_eq!(o.errors.len(), names.len(), "{:?}", o.errors);
            assert!(
                o.library
                    .glossary
                    .iter()
                    .any(|t| t.term == "Session agenda"),
                "the glossary is this load's: {:?}",
                o.library.glossary
            );
            assert_eq!(o.library.finder, lib.finder);
            assert!(o.library.compare.is_some() && o.library.prepare.is_some());
            for name in names {
                assert_eq!(
                    o.library.articles.get(name),
                    previous.and_then(|p| p.articles.get(name)),
                    "{name}"
                );
            }
        }
    }

    /// A link back up the tree is reported and skipped, not walked into (which
    /// would load every article again under a longer path, as duplicates).
    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported_not_followed() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        copy_tree(&manifest.join("tests/fixtures/valid"), root);
        let articles = root.join("articles");
        std::os::unix::fs::symlink(&articles, articles.join("again")).unwrap();
        std::os::unix::fs::symlink(root, root.join("quizzes/root")).unwrap();
        let o = load(root, None);
        let expected = load(&manifest.join("tests/fixtures/valid"), None).library;
        assert_eq!(o.library, expected);
        assert_eq!(o.errors.len(), 2, "{:?}", o.errors);
        assert_eq!(o.errors[0].path, Path::new("articles/again"));
        assert!(
            o.errors[0].message.contains("loops back"),
            "{}",
            o.errors[0]
        );
        assert_eq!(o.errors[1].path, Path::new("quizzes/root"));
        assert!(
            o.errors[1].message.contains("the content folder"),
            "{}",
            o.errors[1]
        );
    }

    /// A missing `articles/` keeps the whole previous library; on a first load what
    /// loaded is served, with the same error.
    #[test]
    fn a_missing_articles_folder_keeps_the_previous_library() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        copy_tree(&manifest.join("tests/fixtures/valid"), root);
        let lib = load(root, None).library;
        std::fs::rename(root.join("articles"), root.join("articles.old")).unwrap();
        let o = load(root, Some(&lib));
        assert_eq!(o.library, lib);
        assert_eq!(o.errors.len(), 1, "{:?}", o.errors);
        assert_eq!(o.errors[0].path, Path::new("articles"));
        assert!(o.errors[0].hint.is_some());
        let first = load(root, None);
        assert!(first.library.articles.is_empty() && !first.library.pages.is_empty());
        assert!(first.errors.contains(&o.errors[0]), "{:?}", first.errors);
    }

    #[test]
    fn suggestions() {
        let known: BTreeSet<String> = ["cbt".to_string(), "exposure-therapy".to_string()].into();
        assert_eq!(suggest("cbtt", &known), Some("cbt"));
        assert_eq!(suggest("xyzxyz", &known), None);
    }
}
