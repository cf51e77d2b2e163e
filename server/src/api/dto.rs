//! The API's public shapes for articles, paradigms, tags, quizzes, site pages and
//! search, built from the one content model ([`app::content`]) by conversions. They
//! are the v1 contract: fields are only ever added, so the model can change
//! underneath without changing what clients read.

use app::content::{Article, Library, Page, Quiz, SearchHit, TocEntry};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;

/// An article in a list.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ArticleListItem {
    pub slug: String,
    pub title: String,
    /// One sentence.
    pub summary: String,
    /// The slug of the paradigm article this approach belongs to.
    pub paradigm: Option<String>,
    pub tags: Vec<String>,
    /// `YYYY-MM-DD`.
    pub updated: String,
    pub reading_minutes: usize,
}

impl From<&Article> for ArticleListItem {
    fn from(a: &Article) -> Self {
        Self {
            slug: a.slug.clone(),
            title: a.title.clone(),
            summary: a.summary.clone(),
            paradigm: a.paradigm.clone(),
            tags: a.tags.clone(),
            updated: a.updated.clone(),
            reading_minutes: a.reading_minutes,
        }
    }
}

/// A link to another article.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ArticleRef {
    pub slug: String,
    pub title: String,
    pub summary: String,
}

impl From<&Article> for ArticleRef {
    fn from(a: &Article) -> Self {
        Self {
            slug: a.slug.clone(),
            title: a.title.clone(),
            summary: a.summary.clone(),
        }
    }
}

/// One heading of the table of contents; `id` is the anchor in `html`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TocItem {
    pub level: u8,
    pub id: String,
    pub title: String,
}

impl From<&TocEntry> for TocItem {
    fn from(t: &TocEntry) -> Self {
        Self {
            level: t.level,
            id: t.id.clone(),
            title: t.title.clone(),
        }
    }
}

/// A glossary term an article links to (its `id` is the term's id in `glossary`).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct GlossaryRef {
    pub id: String,
    pub term: String,
}

/// A whole article.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ArticleDetail {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub paradigm: Option<String>,
    pub tags: Vec<String>,
    pub updated: String,
    pub reading_minutes: usize,
    pub words: usize,
    /// References, as written by the editors.
    pub sources: Vec<String>,
    /// The body as sanitised HTML (rendered once, at load). Links to other articles
    /// are `/articles/<slug>`, to glossary terms `/glossary#<id>`.
    pub html: String,
    pub toc: Vec<TocItem>,
    pub related: Vec<ArticleRef>,
    /// The next article in reading order.
    pub next: Option<ArticleRef>,
    /// The glossary terms the body links to, in order of first mention.
    pub glossary_terms: Vec<GlossaryRef>,
    /// The id of this article's knowledge quiz.
    pub quiz: Option<String>,
}

/// Glossary term by id, for finding the terms an article links to.
pub struct GlossaryIndex<'a>(HashMap<&'a str, &'a str>);

impl<'a> GlossaryIndex<'a> {
    pub fn new(library: &'a Library) -> Self {
        Self(
            library
                .glossary
                .iter()
                .map(|t| (t.id.as_str(), t.term.as_str()))
                .collect(),
        )
    }

    /// The terms `html` links to (`/glossary#<id>`), first mention first.
    fn used_in(&self, html: &str) -> Vec<GlossaryRef> {
        let mut seen = Vec::<GlossaryRef>::new();
        for (at, _) in html.match_indices("/glossary#") {
            let rest = &html[at + "/glossary#".len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(rest.len());
            let id = &rest[..end];
            if let Some(term) = self.0.get(id)
                && !seen.iter().any(|g| g.id == id)
            {
                seen.push(GlossaryRef {
                    id: id.to_string(),
                    term: term.to_string(),
                });
            }
        }
        seen
    }
}

impl ArticleDetail {
    pub fn new(library: &Library, glossary: &GlossaryIndex<'_>, a: &Article) -> Self {
        Self {
            slug: a.slug.clone(),
            title: a.title.clone(),
            summary: a.summary.clone(),
            paradigm: a.paradigm.clone(),
            tags: a.tags.clone(),
            updated: a.updated.clone(),
            reading_minutes: a.reading_minutes,
            words: a.words,
            sources: a.sources.clone(),
            html: a.html.clone(),
            toc: a.toc.iter().map(TocItem::from).collect(),
            related: library
                .related_to(&a.slug)
                .into_iter()
                .map(ArticleRef::from)
                .collect(),
            next: library.next_article(&a.slug).map(ArticleRef::from),
            glossary_terms: glossary.used_in(&a.html),
            quiz: library.quiz_for_article(&a.slug).map(|q| q.id.clone()),
        }
    }
}

/// A paradigm and the approaches (modalities) of its family.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Paradigm {
    pub article: ArticleListItem,
    pub approaches: Vec<ArticleListItem>,
}

/// The paradigms in reading order, each with its approaches, as on `/paradigms`.
pub fn paradigms(library: &Library) -> Vec<Paradigm> {
    let modalities = library.articles_tagged("modality");
    library
        .articles_tagged("paradigm")
        .into_iter()
        .map(|p| Paradigm {
            article: p.into(),
            approaches: modalities
                .iter()
                .filter(|m| m.paradigm.as_deref() == Some(p.slug.as_str()))
                .map(|m| ArticleListItem::from(*m))
                .collect(),
        })
        .collect()
}

/// Tag → article slugs in reading order.
pub fn tags(library: &Library) -> BTreeMap<String, Vec<String>> {
    library.tags.clone()
}

/// A knowledge quiz in a list.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct QuizListItem {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// The slug of the article the quiz checks.
    pub article: Option<String>,
    pub questions: usize,
}

impl From<&Quiz> for QuizListItem {
    fn from(q: &Quiz) -> Self {
        Self {
            id: q.id.clone(),
            title: q.title.clone(),
            summary: q.summary.clone(),
            article: q.article.clone(),
            questions: q.questions.len(),
        }
    }
}

/// A whole knowledge quiz, with the answers and explanations, so that a client can
/// give instant feedback offline (or post to `quizzes/{id}/score`).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct QuizDetail {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub article: Option<String>,
    pub questions: Vec<QuizQuestion>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct QuizQuestion {
    pub prompt: String,
    /// More than one option is correct: the reader ticks boxes, not one radio.
    pub multiple: bool,
    pub options: Vec<QuizAnswerOption>,
    /// Shown after answering.
    pub explanation: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct QuizAnswerOption {
    pub text: String,
    pub correct: bool,
}

impl From<&Quiz> for QuizDetail {
    fn from(q: &Quiz) -> Self {
        Self {
            id: q.id.clone(),
            title: q.title.clone(),
            summary: q.summary.clone(),
            article: q.article.clone(),
            questions: q
                .questions
                .iter()
                .map(|question| QuizQuestion {
                    prompt: question.prompt.clone(),
                    multiple: question.is_multiple(),
                    options: question
                        .options
                        .iter()
                        .map(|o| QuizAnswerOption {
                            text: o.text.clone(),
                            correct: o.correct,
                        })
                        .collect(),
                    explanation: question.explanation.clone(),
                })
                .collect(),
        }
    }
}

/// A site page (about, privacy, crisis).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SitePage {
    /// The page's name: its address is `/<name>` on the site.
    pub name: String,
    pub title: String,
    pub summary: String,
    pub updated: String,
    /// Sanitised HTML.
    pub html: String,
}

impl From<&Page> for SitePage {
    fn from(p: &Page) -> Self {
        Self {
            name: p.name.clone(),
            title: p.title.clone(),
            summary: p.summary.clone(),
            updated: p.updated.clone(),
            html: p.html.clone(),
        }
    }
}

/// One search result.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SearchResult {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// HTML-escaped text with the matches in `<b>`.
    pub snippet_html: String,
}

impl From<&SearchHit> for SearchResult {
    fn from(h: &SearchHit) -> Self {
        Self {
            slug: h.slug.clone(),
            title: h.title.clone(),
            summary: h.summary.clone(),
            snippet_html: h.snippet_html.clone(),
        }
    }
}
