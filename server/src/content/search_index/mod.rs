//! The search index (`SearchIndex`): building, updating and querying it.
//!
//! Full-text search over articles with tantivy, in memory: ranked, tolerant of typos,
//! word beginnings and plurals (`words`), with highlighted snippets (`snippets`); and
//! the site tools (the preference finder, the crisis page…) that a search asks for,
//! offered before the articles (`tools`). Built once per content load. Articles are
//! indexed stemmed (`en_stem`: "therapies" and "therapy" meet).

mod snippets;
#[cfg(test)]
mod tests;
mod tools;
mod words;

pub use app::content::SearchHit;
use app::content::{Library, SearchTool};
use snippets::Passages;
use std::collections::BTreeMap;
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term, doc};
use tools::Tools;
use words::{TOKENIZER, Word, article_words};

/// Longest query accepted, in characters; the rest is ignored.
pub const MAX_QUERY: usize = 200;

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    slug: Field,
    title: Field,
    summary: Field,
    body: Field,
    passages: Passages,
    /// Every word of the articles as written (lower-cased) → in how many articles.
    vocabulary: Arc<BTreeMap<String, u32>>,
    /// The site tools of the library this index answers for.
    tools: Tools,
}

/// What a search finds: the tools it asks for, then the articles.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    pub tools: Vec<SearchTool>,
    pub hits: Vec<SearchHit>,
}

/// The options of a stemmed text field with positions (articles and passages).
fn stemmed() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// A reader that moves only when told to, so each index answers for its library.
fn snapshot(index: &Index) -> tantivy::Result<IndexReader> {
    index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
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
        let text = stemmed();
        let slug = schema.add_text_field("slug", STRING | STORED);
        let title = schema.add_text_field("title", text.clone());
        let summary = schema.add_text_field("summary", text.clone());
        let body = schema.add_text_field("body", text);
        let index = Index::create_in_ram(schema.build());
        let mut vocabulary = BTreeMap::new();
        for a in library.articles.values() {
            for word in article_words(&index, a) {
                *vocabulary.entry(word).or_insert(0) += 1;
            }
        }
        let built = Self {
            reader: snapshot(&index)?,
            tools: Tools::of(&index, library),
            index,
            slug,
            title,
            summary,
            body,
            passages: Passages::new()?,
            vocabulary: Arc::new(vocabulary),
        };
        let mut writer: IndexWriter = built.index.writer_with_num_threads(2, 96 * 1024 * 1024)?;
        let mut passages: IndexWriter = built
            .passages
            .index
            .writer_with_num_threads(1, 48 * 1024 * 1024)?;
        for a in library.articles.values() {
            built.add(&writer, a)?;
            built.passages.add(&passages, a)?;
        }
        for w in [&mut writer, &mut passages] {
            w.commit()?;
        }
        writer.wait_merging_threads()?;
        passages.wait_merging_threads()?;
        built.reader.reload()?;
        built.passages.reader.reload()?;
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
        let mut vocabulary = None;
        if !gone.is_empty() || !new.is_empty() {
            let mut words = (*self.vocabulary).clone();
            for a in previous.articles.values().filter(|a| !same(a, next)) {
                for word in article_words(&self.index, a) {
                    if let Some(n) = words.get_mut(&word) {
                        *n -= 1;
                        if *n == 0 {
                            words.remove(&word);
                        }
                    }
                }
            }
            for a in &new {
                for word in article_words(&self.index, a) {
                    *words.entry(word).or_insert(0) += 1;
                }
            }
            vocabulary = Some(Arc::new(words));
        }
        let updated = Self {
            index: self.index.clone(),
            reader: snapshot(&self.index)?,
            slug: self.slug,
            title: self.title,
            summary: self.summary,
            body: self.body,
            passages: self.passages.again()?,
            vocabulary: vocabulary.unwrap_or_else(|| self.vocabulary.clone()),
            // Pages and the finder are few: their tools are made again every time.
            tools: Tools::of(&self.index, next),
        };
        if gone.is_empty() && new.is_empty() {
            return Ok(updated);
        }
        // One thread and tantivy's smallest budget: a reload indexes a few documents.
        let mut writer: IndexWriter = self.index.writer_with_num_threads(1, 15_000_000)?;
        let mut passages: IndexWriter =
            self.passages.index.writer_with_num_threads(1, 15_000_000)?;
        for slug in gone {
            writer.delete_term(Term::from_field_text(self.slug, slug));
            passages.delete_term(Term::from_field_text(self.passages.slug, slug));
        }
        for a in new {
            updated.add(&writer, a)?;
            updated.passages.add(&passages, a)?;
        }
        for w in [&mut writer, &mut passages] {
            w.commit()?;
        }
        writer.wait_merging_threads()?;
        passages.wait_merging_threads()?;
        updated.reader.reload()?;
        updated.passages.reader.reload()?;
        Ok(updated)
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

    /// Ranked article results for `query` (see [`SearchIndex::find`]).
    pub fn search(&self, library: &Library, query: &str, limit: usize) -> Vec<SearchHit> {
        self.find(library, query, limit).hits
    }

    /// The site tools `query` asks for, and ranked article results. A word matches
    /// an article when its stem is there (so plurals match) or, for a word the
    /// articles do not use, the stem of one of its corrections (see
    /// [`SearchIndex::words`]). Every word must match; when that finds nothing, all
    /// but one must (one misspelt word does not sink a query). Matches in the title
    /// rank first.
    pub fn find(&self, library: &Library, query: &str, limit: usize) -> Found {
        let words = self.words(query);
        if words.is_empty() {
            return Found::default();
        }
        let tools = self.tools.asked(&words);
        let searcher = self.reader.searcher();
        let matches = |required: usize| {
            let query = self.query(&words, required);
            searcher
                .search(&query, &TopDocs::with_limit(limit).order_by_score())
                .unwrap_or_default()
        };
        let mut top = matches(words.len());
        if top.is_empty() && words.len() > 1 {
            top = matches(words.len() - 1);
        }
        // Snippets highlight the exact words of the query.
        let terms: Vec<&String> = words.iter().flat_map(|w| &w.stems).collect();
        let highlighter = self.passages.highlighter(&terms);
        let hits = top
            .into_iter()
            .filter_map(|(_, address)| {
                let doc: TantivyDocument = searcher.doc(address).ok()?;
                let slug = doc.get_first(self.slug).and_then(|v| v.as_str())?;
                let article = library.articles.get(slug)?;
                let snippet_html = highlighter
                    .as_ref()
                    .and_then(|h| h.snippet(slug))
                    .unwrap_or_else(|| escape(&article.summary));
                Some(SearchHit {
                    slug: article.slug.clone(),
                    title: article.title.clone(),
                    summary: article.summary.clone(),
                    snippet_html,
                })
            })
            .collect();
        Found { tools, hits }
    }
}

impl SearchIndex {
    /// Articles where at least `required` of `words` match (see [`SearchIndex::find`]).
    fn query(&self, words: &[Word], required: usize) -> BooleanQuery {
        let fields = [(self.title, 3.0_f32), (self.summary, 2.0), (self.body, 1.0)];
        let clauses = words
            .iter()
            .map(|word| {
                let any: Vec<(Occur, Box<dyn Query>)> = word
                    .stems
                    .iter()
                    .flat_map(|stem| fields.map(|(field, boost)| (stem, field, boost)))
                    .map(|(stem, field, boost)| {
                        let term = Term::from_field_text(field, stem);
                        let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
                        (
                            Occur::Should,
                            Box::new(BoostQuery::new(Box::new(query), boost)) as Box<dyn Query>,
                        )
                    })
                    .collect();
                (
                    Occur::Should,
                    Box::new(BooleanQuery::new(any)) as Box<dyn Query>,
                )
            })
            .collect();
        BooleanQuery::with_minimum_required_clauses(clauses, required)
    }
}

fn escape(s: &str) -> String {
    ammonia::clean_text(s)
}
