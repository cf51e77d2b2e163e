//! Reading `content/` into a [`Library`], in two phases: each file alone (one module
//! per kind: [`article`], [`page`], [`quiz`], [`finder`], [`glossary`], [`prepare`],
//! [`compare`]), then the whole tree ([`links`]: dead links, unknown references,
//! duplicates). Every problem is collected; a file with a problem falls back to its
//! previous good version.

mod article;
mod compare;
mod crisis;
mod derive;
mod fields;
mod finder;
mod glossary;
mod links;
mod page;
mod prepare;
mod quiz;
mod walk;
mod yaml;

pub use article::{THERAPY_SECTIONS, THERAPY_TAG};

use super::error::ContentError;
use app::compare::Compare;
use app::content::Library;
use app::prepare::Prepare;
use links::SourceKey;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

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
    entries: HashMap<PathBuf, (u64, article::ArticleResult)>,
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

fn hash_of(value: &impl Hash) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// `order:` when a file sets none.
const DEFAULT_ORDER: i64 = 100;

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

/// An optional single file (the glossary, the finder, `prepare.yaml`, `compare.yaml`)
/// in this load: absent, parsed, or failed. A failed one is served in its last good
/// version ([`Optional::or_last_good`]).
#[derive(Debug)]
struct Optional<T> {
    /// This load's version, if it parsed.
    value: Option<T>,
    /// A version of the file had problems.
    failed: bool,
}

impl<T> Default for Optional<T> {
    fn default() -> Self {
        Optional {
            value: None,
            failed: false,
        }
    }
}

impl<T> Optional<T> {
    /// `root/name`, if it is a file, parsed by `parse` (which gets the path relative
    /// to `root` and the text); its problems go to `errors`.
    fn load(
        root: &Path,
        name: &str,
        parse: impl FnOnce(&Path, &str) -> Result<T, Vec<ContentError>>,
        errors: &mut Vec<ContentError>,
    ) -> Self {
        let path = root.join(name);
        let mut out = Self::default();
        if path.is_file() {
            match walk::read(&path, root).and_then(|src| parse(&walk::relative(root, &path), &src))
            {
                Ok(value) => out.value = Some(value),
                Err(problems) => out.fail(problems, errors),
            }
        }
        out
    }

    /// A version of the file had `problems`.
    fn fail(&mut self, mut problems: Vec<ContentError>, errors: &mut Vec<ContentError>) {
        self.failed = true;
        errors.append(&mut problems);
    }

    /// What to serve: this load's version (through `serve`) if it parsed and is not
    /// `broken` by the whole-tree checks; the `last_good` one if it failed either way;
    /// nothing (`U::default()`) if the file is absent.
    fn or_last_good<U: Clone + Default>(
        self,
        broken: bool,
        last_good: &U,
        serve: impl FnOnce(T) -> U,
    ) -> U {
        match self.value {
            Some(value) if !broken => serve(value),
            _ if self.failed || broken => last_good.clone(),
            _ => U::default(),
        }
    }
}

/// Everything phase 1 parsed, for the whole-tree checks and the library.
#[derive(Debug)]
struct Site {
    articles: article::Articles,
    quizzes: quiz::Quizzes,
    pages: page::Pages,
    glossary: Optional<glossary::Glossary>,
    prepare: Optional<Prepare>,
    /// The comparison and the line of its `quiz:`.
    compare: Optional<(Compare, usize)>,
    crisis: Optional<app::crisis::CrisisLines>,
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
        return outcome(previous.cloned().unwrap_or_default(), errors);
    }

    // The folders first: when one cannot be read, the whole previous library is kept
    // (an absent `articles/` must not publish zero articles). On a first load there is
    // nothing to keep: what loaded is served, with the error.
    let mut unreadable = false;
    let mut files = |folder, ext, required| {
        walk::files(root, folder, ext, required, &mut errors, &mut unreadable)
    };
    let article_files = files("articles", "md", true);
    let quiz_files = files("quizzes", "yaml", false);
    let page_files = files("pages", "md", false);
    if unreadable && let Some(previous) = previous {
        return outcome(previous.clone(), errors);
    }

    // Phase 1: each file alone. Glossary terms are linked from articles where they
    // first appear: this load's terms, or the last good ones.
    let glossary = Optional::load(root, "glossary.yaml", glossary::parse_glossary, &mut errors);
    let terms = glossary::terms(&glossary, previous);
    let mut site = Site {
        articles: article::load_all(root, article_files, &terms, cache, &mut errors),
        quizzes: quiz::load_all(root, quiz_files, &mut errors),
        pages: page::load_all(root, page_files, &mut errors),
        glossary,
        prepare: Optional::load(root, "prepare.yaml", prepare::parse_prepare, &mut errors),
        compare: Optional::load(root, "compare.yaml", compare::parse_compare, &mut errors),
        crisis: Optional::load(root, "crisis-lines.yaml", crisis::parse_crisis, &mut errors),
    };

    // Phase 2: the whole tree.
    let broken = links::check(&mut site, &mut errors);

    // Assemble, falling back to the previous good version of whatever is broken.
    let mut library = assemble(site, &broken, previous.unwrap_or(&Library::default()));
    derive::derive_indexes(&mut library);
    outcome(library, errors)
}

/// The outcome, its errors sorted and without repeats.
fn outcome(library: Library, mut errors: Vec<ContentError>) -> LoadOutcome {
    errors.sort();
    errors.dedup();
    LoadOutcome { library, errors }
}

/// The library served: this load's files, and the `prev` version of each that failed
/// alone or is `broken` in the whole tree.
fn assemble(site: Site, broken: &BTreeSet<SourceKey>, prev: &Library) -> Library {
    let mut library = Library::default();
    let (articles, quizzes, pages) = (site.articles, site.quizzes, site.pages);
    let broken_articles: BTreeSet<String> = broken
        .iter()
        .filter_map(|k| match k {
            SourceKey::Article(slug) => Some(slug.clone()),
            _ => None,
        })
        .collect();
    for a in articles.parsed {
        if !broken_articles.contains(&a.value.slug) && !articles.failed.contains(&a.value.slug) {
            library.articles.insert(a.value.slug.clone(), a.value);
        }
    }
    let failed = articles.failed.iter().chain(&broken_articles);
    keep_last_good(&mut library.articles, &prev.articles, failed);
    let mut broken_quizzes = BTreeSet::new();
    for q in quizzes.parsed {
        if broken.contains(&SourceKey::Quiz(q.value.id.clone())) {
            broken_quizzes.insert(q.value.id);
        } else {
            library.quizzes.insert(q.value.id.clone(), q.value);
        }
    }
    let failed = broken_quizzes.iter().chain(&quizzes.failed);
    keep_last_good(&mut library.quizzes, &prev.quizzes, failed);
    for p in pages.parsed {
        library.pages.insert(p.name.clone(), p);
    }
    keep_last_good(&mut library.pages, &prev.pages, &pages.failed);

    let finder_broken = broken.contains(&SourceKey::Finder);
    library.finder = quizzes
        .finder
        .or_last_good(finder_broken, &prev.finder, |(f, _)| {
            Some(finder::named(f.value, &library.articles))
        });
    let glossary_broken = broken.contains(&SourceKey::Glossary);
    library.glossary = site
        .glossary
        .or_last_good(glossary_broken, &prev.glossary, |g| g.file.terms);
    library.prepare = site.prepare.or_last_good(false, &prev.prepare, Some);
    let compare_broken = broken.contains(&SourceKey::Compare);
    library.compare = site
        .compare
        .or_last_good(compare_broken, &prev.compare, |(c, _)| Some(c));
    library.crisis = site.crisis.or_last_good(false, &prev.crisis, Some);
    library
}

/// Put the `last_good` version of each of `keys` (if there is one) into `into`.
fn keep_last_good<'a, V: Clone>(
    into: &mut BTreeMap<String, V>,
    last_good: &BTreeMap<String, V>,
    keys: impl IntoIterator<Item = &'a String>,
) {
    for key in keys {
        if let Some(old) = last_good.get(key) {
            into.insert(key.clone(), old.clone());
        }
    }
}
