//! Full-text search over articles with tantivy, in memory: ranked, tolerant of
//! small typos, with highlighted snippets. Built once per content load.

use app::content::Library;
pub use app::content::SearchHit;
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TokenStream;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term, doc};

/// Longest query accepted, in characters; the rest is ignored.
pub const MAX_QUERY: usize = 200;
const MAX_TERMS: usize = 8;
const TOKENIZER: &str = "en_stem";

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    slug: Field,
    title: Field,
    summary: Field,
    body: Field,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SearchIndex")
    }
}

impl SearchIndex {
    /// Index every published article of `library`.
    pub fn build(library: &Library) -> tantivy::Result<Self> {
        let mut schema = Schema::builder();
        // Only the slug is stored: titles and text are read from the library, so
        // the body is not held twice in memory.
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let slug = schema.add_text_field("slug", STRING | STORED);
        let title = schema.add_text_field("title", text.clone());
        let summary = schema.add_text_field("summary", text.clone());
        let body = schema.add_text_field("body", text);
        let index = Index::create_in_ram(schema.build());
        let built = Self {
            reader: Self::snapshot(&index)?,
            index,
            slug,
            title,
            summary,
            body,
        };
        let mut writer: IndexWriter = built.index.writer_with_num_threads(2, 96 * 1024 * 1024)?;
        for a in library.articles.values() {
            built.add(&writer, a)?;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        built.reader.reload()?;
        Ok(built)
    }

    /// The index for `next`, made from this one (built for `previous`) by indexing
    /// again only the articles that are not the very same (`Arc`) in both libraries:
    /// after an edit, one document instead of all of them. This index keeps answering
    /// for `previous` (its reader is a snapshot) until it is dropped.
    pub fn update(&self, previous: &Library, next: &Library) -> tantivy::Result<Self> {
        let same = |a: &Arc<app::content::Article>, other: &Library| {
            other
                .articles
                .get(&a.slug)
                .is_some_and(|b| Arc::ptr_eq(a, b))
        };
        let gone: Vec<&str> = previous
            .articles
            .values()
            .filter(|a| !same(a, next))
            .map(|a| a.slug.as_str())
            .collect();
        let new: Vec<&Arc<app::content::Article>> = next
            .articles
            .values()
            .filter(|a| !same(a, previous))
            .collect();
        let updated = Self {
            index: self.index.clone(),
            reader: Self::snapshot(&self.index)?,
            ..*self
        };
        if gone.is_empty() && new.is_empty() {
            return Ok(updated);
        }
        // One thread and tantivy's smallest budget: a reload indexes a few documents.
        let mut writer: IndexWriter = self.index.writer_with_num_threads(1, 15_000_000)?;
        for slug in gone {
            writer.delete_term(Term::from_field_text(self.slug, slug));
        }
        for a in new {
            updated.add(&writer, a)?;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        updated.reader.reload()?;
        Ok(updated)
    }

    /// A reader that moves only when told to, so each index answers for its library.
    fn snapshot(index: &Index) -> tantivy::Result<IndexReader> {
        index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
    }

    fn add(&self, writer: &IndexWriter, a: &app::content::Article) -> tantivy::Result<()> {
        writer.add_document(doc!(
            self.slug => a.slug.as_str(),
            self.title => a.title.as_str(),
            self.summary => a.summary.as_str(),
            self.body => a.text.as_str(),
        ))?;
        Ok(())
    }

    /// The query's words as the index sees them (lower-cased, stemmed).
    fn terms(&self, query: &str) -> Vec<String> {
        let Some(mut tokenizer) = self.index.tokenizers().get(TOKENIZER) else {
            return Vec::new();
        };
        let query: String = query.chars().take(MAX_QUERY).collect();
        let mut stream = tokenizer.token_stream(&query);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token().text.clone();
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out.truncate(MAX_TERMS);
        out
    }

    /// Ranked results for `query`. Every word must match somewhere (exactly, or
    /// within one or two typos); the last word may be a prefix, for search as you type.
    pub fn search(&self, library: &Library, query: &str, limit: usize) -> Vec<SearchHit> {
        let terms = self.terms(query);
        if terms.is_empty() {
            return Vec::new();
        }
        let fields = [(self.title, 3.0_f32), (self.summary, 2.0), (self.body, 1.0)];
        let last = terms.len() - 1;
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (i, t) in terms.iter().enumerate() {
            let distance = match t.chars().count() {
                0..=3 => 0,
                4..=7 => 1,
                _ => 2,
            };
            let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (field, boost) in fields {
                let term = Term::from_field_text(field, t);
                any.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
                        boost * 2.0,
                    )),
                ));
                let fuzzy = if i == last {
                    FuzzyTermQuery::new_prefix(term, distance, true)
                } else {
                    FuzzyTermQuery::new(term, distance, true)
                };
                any.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(fuzzy), boost * 0.5)),
                ));
            }
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        let query = BooleanQuery::new(must);
        let searcher = self.reader.searcher();
        let Ok(top) = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score()) else {
            return Vec::new();
        };
        // Snippets highlight the exact words of the query.
        let exact = BooleanQuery::new(
            terms
                .iter()
                .map(|t| {
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(
                            Term::from_field_text(self.body, t),
                            IndexRecordOption::WithFreqs,
                        )) as Box<dyn Query>,
                    )
                })
                .collect(),
        );
        let snippets = SnippetGenerator::create(&searcher, &exact, self.body)
            .ok()
            .map(|mut g| {
                g.set_max_num_chars(180);
                g
            });
        top.into_iter()
            .filter_map(|(_, address)| {
                let doc: TantivyDocument = searcher.doc(address).ok()?;
                let slug = doc.get_first(self.slug).and_then(|v| v.as_str())?;
                let article = library.articles.get(slug)?;
                let snippet_html = snippets
                    .as_ref()
                    .map(|g| g.snippet(&article.text).to_html())
                    .filter(|s| !s.trim().is_empty())
                    .unwrap_or_else(|| escape(&article.summary));
                Some(SearchHit {
                    slug: article.slug.clone(),
                    title: article.title.clone(),
                    summary: article.summary.clone(),
                    snippet_html,
                })
            })
            .collect()
    }
}

fn escape(s: &str) -> String {
    ammonia::clean_text(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::content::Article;
    use std::sync::Arc;

    fn article(slug: &str, title: &str, text: &str) -> Article {
        Article {
            slug: slug.into(),
            title: title.into(),
            summary: format!("About {title}."),
            paradigm: None,
            tags: vec![],
            updated: "2026-01-01".into(),
            sources: vec![],
            order: 1,
            html: String::new(),
            toc: vec![],
            words: 0,
            reading_minutes: 1,
            text: text.into(),
        }
    }

    struct Fixture(Library, SearchIndex);

    impl Fixture {
        fn search(&self, q: &str, limit: usize) -> Vec<SearchHit> {
            self.1.search(&self.0, q, limit)
        }
    }

    fn index() -> Fixture {
        let mut lib = Library::default();
        for a in [
            article(
                "cbt",
                "Cognitive behavioural therapy",
                "Thoughts, feelings and behaviour are linked. Homework between sessions.",
            ),
            article(
                "exposure",
                "Exposure therapy",
                "Facing feared situations step by step reduces anxiety.",
            ),
            article(
                "alliance",
                "The therapeutic alliance",
                "The bond between client and therapist predicts outcome.",
            ),
        ] {
            lib.articles.insert(a.slug.clone(), Arc::new(a));
        }
        let index = SearchIndex::build(&lib).unwrap();
        Fixture(lib, index)
    }

    #[test]
    fn update_indexes_only_what_changed_and_keeps_the_old_snapshot() {
        let Fixture(old_lib, old_index) = index();
        let mut lib = old_lib.clone();
        // Edit one article, delete one, add one; `cbt` stays the very same.
        lib.articles.insert(
            "exposure".into(),
            Arc::new(article(
                "exposure",
                "Exposure therapy",
                "Facing feared situations slowly, with a hierarchy.",
            )),
        );
        lib.articles.remove("alliance");
        lib.articles.insert(
            "act".into(),
            Arc::new(article(
                "act",
                "Acceptance and commitment therapy",
                "Values guide action.",
            )),
        );
        let new_index = old_index.update(&old_lib, &lib).unwrap();
        let found = |q: &str| -> Vec<String> {
            new_index
                .search(&lib, q, 10)
                .into_iter()
                .map(|h| h.slug)
                .collect()
        };
        assert_eq!(found("hierarchy"), ["exposure"]);
        assert!(found("anxiety").is_empty(), "the edited-out word is gone");
        assert!(found("bond").is_empty(), "the deleted article is gone");
        assert_eq!(found("values"), ["act"]);
        assert_eq!(found("homework"), ["cbt"]);
        // The old index still answers for the old library (in-flight requests).
        assert_eq!(old_index.search(&old_lib, "bond", 10)[0].slug, "alliance");
        assert!(old_index.search(&old_lib, "hierarchy", 10).is_empty());
        // No change at all: nothing to index, same answers.
        let again = new_index.update(&lib, &lib).unwrap();
        assert_eq!(again.search(&lib, "values", 10)[0].slug, "act");
    }

    #[test]
    fn finds_ranks_and_snippets() {
        let hits = index().search("anxiety", 10);
        assert_eq!(hits[0].slug, "exposure");
        assert!(
            hits[0].snippet_html.contains("<b>anxiety</b>"),
            "{}",
            hits[0].snippet_html
        );
    }

    #[test]
    fn title_matches_rank_first() {
        let hits = index().search("therapy", 10);
        assert!(hits.len() >= 2);
        assert_ne!(hits[0].slug, "alliance");
    }

    #[test]
    fn tolerates_typos_and_prefixes() {
        assert_eq!(index().search("anxeity", 10)[0].slug, "exposure");
        assert_eq!(index().search("homew", 10)[0].slug, "cbt");
        assert_eq!(
            index().search("therapeutic allianse", 10)[0].slug,
            "alliance"
        );
    }

    #[test]
    fn empty_and_hostile_queries_are_harmless() {
        let i = index();
        assert!(i.search("", 10).is_empty());
        assert!(i.search("   ", 10).is_empty());
        assert!(i.search("\"(*:+-", 10).is_empty());
        let _ = i.search(&"a".repeat(10_000), 10);
    }
}
