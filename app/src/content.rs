//! The content model: one typed, immutable [`Library`] built from `content/` at load
//! time. Pages, the `check` command and islands' props all use these types; the
//! engine that builds a library (loader, Markdown, search, store) is server-side,
//! in the `server` crate's `content` module.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// An article, with its Markdown already rendered to sanitised HTML.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub paradigm: Option<String>,
    pub tags: Vec<String>,
    /// `YYYY-MM-DD`.
    pub updated: String,
    /// When the article was last reviewed against its sources, `YYYY-MM-DD`.
    pub reviewed: String,
    /// When it is next due for review, `YYYY-MM-DD`.
    pub next_review: String,
    pub sources: Vec<String>,
    pub order: i64,
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub words: usize,
    pub reading_minutes: usize,
    /// The body as plain text, for search.
    pub text: String,
}

/// One heading of an article's table of contents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A knowledge quiz: questions with a correct option (or several) and an explanation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quiz {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub article: Option<String>,
    pub order: i64,
    pub questions: Vec<Question>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub prompt: String,
    pub options: Vec<QuizOption>,
    pub explanation: String,
}

impl Question {
    /// Indices of the correct options, ascending.
    pub fn correct(&self) -> Vec<usize> {
        self.options
            .iter()
            .enumerate()
            .filter(|(_, o)| o.correct)
            .map(|(i, _)| i)
            .collect()
    }

    /// More than one option is correct: the reader ticks boxes instead of one radio.
    pub fn is_multiple(&self) -> bool {
        self.options.iter().filter(|o| o.correct).count() > 1
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizOption {
    pub text: String,
    pub correct: bool,
}

/// One search result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// HTML-escaped text with matches in `<b>`.
    pub snippet_html: String,
}

/// A site tool or page offered above the articles when a search asks for it: the
/// preference finder for "which therapy is right for me", the crisis page for
/// "suicide". Editors choose the words with `search:` in the finder file and in
/// pages' front matter (content/README.md, "Search").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchTool {
    /// Where it is on the site, e.g. `/preferences`.
    pub path: String,
    pub title: String,
    pub summary: String,
    /// The crisis page: always offered first, and shown as urgent help.
    #[serde(default)]
    pub crisis: bool,
}

/// The JSON answer of `/api/v1/search`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    pub query: String,
    pub hits: Vec<SearchHit>,
    /// Site tools offered before the articles (the crisis page first).
    #[serde(default)]
    pub tools: Vec<SearchTool>,
}

/// A site page from `content/pages/` (about, privacy, crisis).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub name: String,
    pub title: String,
    pub summary: String,
    pub updated: String,
    pub html: String,
    /// Searches that should offer this page above the articles (front matter `search:`).
    #[serde(default)]
    pub search: Vec<String>,
}

/// The whole content tree, immutable once built.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Library {
    /// Published articles by slug. Shared (`Arc`) with the loader's cache, so a reload
    /// reuses unchanged articles instead of parsing and copying them again.
    pub articles: BTreeMap<String, Arc<Article>>,
    /// Knowledge quizzes by id.
    pub quizzes: BTreeMap<String, Quiz>,
    /// Site pages by name.
    pub pages: BTreeMap<String, Page>,
    /// The preference finder, if `quizzes/preferences.yaml` is present and valid.
    pub finder: Option<crate::finder::PreferenceFinder>,
    /// Glossary terms in alphabetical order.
    pub glossary: Vec<crate::glossary::GlossaryTerm>,
    /// Reflection questions for a first session.
    pub prepare: Option<crate::prepare::Prepare>,
    /// The integrative-vs-eclectic comparison.
    pub compare: Option<crate::compare::Compare>,
    /// Crisis lines per country (`crisis-lines.yaml`).
    pub crisis: Option<crate::crisis::CrisisLines>,
    /// Derived at load: tag → article slugs in reading order.
    pub tags: BTreeMap<String, Vec<String>>,
    /// Derived at load: slug → up to three related article slugs.
    pub related: BTreeMap<String, Vec<String>>,
    /// Derived at load: published slugs in reading order (`order`, then title).
    pub order: Vec<String>,
    /// Derived at load: quiz ids in `order`, then title.
    pub quiz_order: Vec<String>,
}

impl Library {
    /// Published articles in reading order (sorted once, at load).
    pub fn articles_in_order(&self) -> Vec<&Article> {
        self.order
            .iter()
            .filter_map(|s| self.articles.get(s).map(Arc::as_ref))
            .collect()
    }

    /// Quizzes in `order`, then title (sorted once, at load).
    pub fn quizzes_in_order(&self) -> Vec<&Quiz> {
        self.quiz_order
            .iter()
            .filter_map(|id| self.quizzes.get(id))
            .collect()
    }

    /// The quiz attached to an article, if any.
    pub fn quiz_for_article(&self, slug: &str) -> Option<&Quiz> {
        self.quizzes_in_order()
            .into_iter()
            .find(|q| q.article.as_deref() == Some(slug))
    }

    /// Published articles with a tag, in reading order.
    pub fn articles_tagged(&self, tag: &str) -> Vec<&Article> {
        self.tags
            .get(tag)
            .map(|slugs| {
                slugs
                    .iter()
                    .filter_map(|s| self.articles.get(s).map(Arc::as_ref))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Articles related to this one.
    pub fn related_to(&self, slug: &str) -> Vec<&Article> {
        self.related
            .get(slug)
            .map(|slugs| {
                slugs
                    .iter()
                    .filter_map(|s| self.articles.get(s).map(Arc::as_ref))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The article after this one in reading order.
    pub fn next_article(&self, slug: &str) -> Option<&Article> {
        let at = self.order.iter().position(|s| s == slug)?;
        self.order
            .get(at + 1)
            .and_then(|s| self.articles.get(s))
            .map(Arc::as_ref)
    }
}

/// Shared handle to the library currently being served.
pub type SharedLibrary = Arc<Library>;

/// The library this request renders from: one snapshot, provided once per request by
/// the server (pages run on the server only in islands mode).
///
/// # Panics
///
/// When no library is in context: a page rendered without one is a server bug, and
/// the server's panic layer answers it with a styled 500 instead of an empty site.
pub fn use_library() -> SharedLibrary {
    leptos::prelude::use_context::<SharedLibrary>()
        .expect("the server provides the library snapshot for this request")
}

/// The problems of the load that built the library being served, as
/// `path:line:column: message` lines. Provided by the server in development builds
/// only, where every page shows them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContentProblems(pub Vec<String>);

/// A date as people read it: `2026-11-25` → `25 November 2026` (review dates, the
/// day crisis numbers were checked); anything that is not such a date unchanged.
pub fn long_date(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = date.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return date.to_string();
    };
    let month = m
        .parse::<usize>()
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|m| MONTHS.get(m));
    match (month, d.parse::<u8>()) {
        (Some(month), Ok(day)) => format!("{day} {month} {y}"),
        _ => date.to_string(),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn dates_in_words() {
        assert_eq!(long_date("2026-11-25"), "25 November 2026");
        assert_eq!(long_date("2026-01-05"), "5 January 2026");
        assert_eq!(long_date("2026-13-05"), "2026-13-05");
        assert_eq!(long_date("soon"), "soon");
        assert_eq!(long_date(""), "");
    }

    use super::*;
    use leptos::prelude::{Owner, provide_context};

    #[test]
    fn use_library_returns_the_snapshot_provided_for_the_request() {
        let provided: SharedLibrary = Arc::new(Library {
            order: vec!["cbt".into()],
            ..Library::default()
        });
        let owner = Owner::new();
        let read = owner.with(|| {
            provide_context(provided.clone());
            use_library()
        });
        assert!(Arc::ptr_eq(&read, &provided));
    }

    #[test]
    #[should_panic(expected = "the server provides the library snapshot for this request")]
    fn use_library_without_a_snapshot_panics_instead_of_serving_an_empty_site() {
        Owner::new().with(use_library);
    }
}
