//! The search index (`SearchIndex`): building, updating and querying it.
//!
//! Full-text search over articles with tantivy, in memory: ranked, tolerant of typos,
//! word beginnings and plurals (`words`), with highlighted snippets (`snippets`); and
//! the site tools (the preference finder, the crisis page…) that a search asks for,
//! offered before the articles (`tools`). Built once per content load. Articles are
//! indexed stemmed (`en_stem`: "therapies" and "therapy" meet).

#[cfg(test)]
mod agree;
mod docs;
mod snippets;
mod stems;
#[cfg(test)]
mod tests;
mod tools;
mod words;

pub use app::content::SearchHit;
use app::content::{Library, SearchTool};
use docs::{Articles, Docs, article_numbers};
use snippets::{PassageIndex, Passages};
use std::collections::BTreeMap;
use std::sync::Arc;
use stems::KnownStems;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, Term, doc};
use tools::Tools;
use words::{Nearby, TOKENIZER, Word, article_words};

/// Longest query accepted, in characters; the rest is ignored.
pub const MAX_QUERY: usize = 200;

pub struct SearchIndex {
    index: Index,
    /// The snapshot searched: the index as it was built for its library.
    searcher: Searcher,
    /// The articles of that library, and the article each document of the snapshot is.
    articles: Articles,
    docs: Docs<u32>,
    fields: Fields,
    passages: Passages,
    /// Every word of the articles as written (lower-cased) → in how many articles.
    vocabulary: Arc<BTreeMap<String, u32>>,
    /// The same words and the tools' words, as typo correction searches them.
    nearby: Arc<Nearby>,
    /// Their stems, for snippets.
    stems: KnownStems,
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

/// The words of the articles (see [`SearchIndex`]'s fields) and their stems.
struct Vocabulary(Arc<BTreeMap<String, u32>>, KnownStems);

/// The fields of the article index.
#[derive(Clone, Copy)]
struct Fields {
    slug: Field,
    title: Field,
    summary: Field,
    body: Field,
}

impl Fields {
    fn add(&self, writer: &IndexWriter, a: &app::content::Article) -> tantivy::Result<()> {
        writer.add_document(doc!(
            self.slug => a.slug.as_str(),
            self.title => a.title.as_str(),
            self.summary => a.summary.as_str(),
            self.body => a.text.as_str(),
        ))?;
        Ok(())
    }
}

impl SearchIndex {
    /// Index every published article of `library`.
    pub fn build(library: &Library) -> tantivy::Result<Self> {
        let mut schema = Schema::builder();
        // Only the slug is stored (and a fast field, which hits are read from): titles
        // and text are read from the library, so the body is not held twice in memory.
        let text = stemmed();
        let fields = Fields {
            slug: schema.add_text_field("slug", STRING | STORED | FAST),
            title: schema.add_text_field("title", text.clone()),
            summary: schema.add_text_field("summary", text.clone()),
            body: schema.add_text_field("body", text),
        };
        let index = Index::create_in_ram(schema.build());
        let mut vocabulary = BTreeMap::new();
        for a in library.articles.values() {
            for word in article_words(&index, a) {
                *vocabulary.entry(word).or_insert(0) += 1;
            }
        }
        let tools = Tools::of(&index, library);
        let passages = PassageIndex::new();
        // One indexing thread: documents are numbered in the library's (slug) order,
        // so results that score the same come in the same order on every start (with
        // two, each thread's segment came first by chance).
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 96 * 1024 * 1024)?;
        let mut passage_writer: IndexWriter = passages
            .index
            .writer_with_num_threads(1, 48 * 1024 * 1024)?;
        for a in library.articles.values() {
            fields.add(&writer, a)?;
            passages.add(&passage_writer, a)?;
        }
        for w in [&mut writer, &mut passage_writer] {
            w.commit()?;
        }
        writer.wait_merging_threads()?;
        passage_writer.wait_merging_threads()?;
        let stems = KnownStems::of(vocabulary.keys());
        let vocabulary = Vocabulary(Arc::new(vocabulary), stems);
        Self::open(index, fields, &passages, library, vocabulary, tools)
    }

    /// The committed state of `index` (and `passages`), built for `library`, to search:
    /// a snapshot, and which article (and passage) each of its documents is.
    fn open(
        index: Index,
        fields: Fields,
        passages: &PassageIndex,
        library: &Library,
        Vocabulary(vocabulary, stems): Vocabulary,
        tools: Tools,
    ) -> tantivy::Result<Self> {
        let searcher = snapshot(&index)?.searcher();
        let articles = Articles::of(library);
        let docs = Docs::of(&searcher, |segment| {
            article_numbers(segment, "slug", &articles)
        })?;
        let passages = passages.snapshot(&articles)?;
        let nearby = Arc::new(Nearby::of(&vocabulary, &tools.words)?);
        Ok(Self {
            index,
            searcher,
            articles,
            docs,
            fields,
            passages,
            vocabulary,
            nearby,
            stems,
            tools,
        })
    }

    /// The index for `next`, made from this one (built for `previous`) by indexing
    /// again only the articles that are not the very same (`Arc`) in both libraries:
    /// after an edit, one document instead of all of them. This index keeps answering
    /// for `previous` (its searcher is a snapshot) until it is dropped.
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
        // Pages and the finder are few: their tools are made again every time.
        let tools = Tools::of(&self.index, next);
        let passages = self.passages.index();
        if gone.is_empty() && new.is_empty() {
            let vocabulary = Vocabulary(self.vocabulary.clone(), self.stems.clone());
            return Self::open(
                self.index.clone(),
                self.fields,
                passages,
                next,
                vocabulary,
                tools,
            );
        }
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
        // One thread and tantivy's smallest budget: a reload indexes a few documents.
        let mut writer: IndexWriter = self.index.writer_with_num_threads(1, 15_000_000)?;
        let mut passage_writer: IndexWriter =
            passages.index.writer_with_num_threads(1, 15_000_000)?;
        for slug in gone {
            writer.delete_term(Term::from_field_text(self.fields.slug, slug));
            passage_writer.delete_term(Term::from_field_text(passages.slug, slug));
        }
        for a in new {
            self.fields.add(&writer, a)?;
            passages.add(&passage_writer, a)?;
        }
        for w in [&mut writer, &mut passage_writer] {
            w.commit()?;
        }
        writer.wait_merging_threads()?;
        passage_writer.wait_merging_threads()?;
        let index = self.index.clone();
        let stems = self.stems.with(words.keys());
        let vocabulary = Vocabulary(Arc::new(words), stems);
        Self::open(index, self.fields, passages, next, vocabulary, tools)
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
        let matches = |required: usize| {
            let query = self.query(&words, required);
            self.searcher
                .search(&query, &TopDocs::with_limit(limit).order_by_score())
                .unwrap_or_default()
        };
        let mut top = matches(words.len());
        if top.is_empty() && words.len() > 1 {
            top = matches(words.len() - 1);
        }
        // The articles found (their numbers, and as the library has them), in order.
        let found: Vec<(u32, &Arc<app::content::Article>)> = top
            .iter()
            .filter_map(|(_, address)| {
                let number = *self.docs.get(*address)?;
                let slug = &self.articles.get(number)?.slug;
                Some((number, library.articles.get(slug)?))
            })
            .collect();
        // Snippets highlight the exact words of the query.
        let terms: Vec<&String> = words.iter().flat_map(|w| &w.stems).collect();
        let numbers: Vec<u32> = found.iter().map(|(n, _)| *n).collect();
        let snippets = self
            .passages
            .snippets(&terms, &numbers, &self.articles, &self.stems);
        let hits = found
            .into_iter()
            .zip(snippets)
            .map(|((_, article), snippet)| hit(article, snippet))
            .collect();
        Found { tools, hits }
    }
}

impl SearchIndex {
    /// Articles where at least `required` of `words` match (see [`SearchIndex::find`]).
    fn query(&self, words: &[Word], required: usize) -> BooleanQuery {
        let f = self.fields;
        let fields = [(f.title, 3.0_f32), (f.summary, 2.0), (f.body, 1.0)];
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

/// A result for `article`: its highlighted passage, or else its summary.
fn hit(article: &app::content::Article, snippet: Option<String>) -> SearchHit {
    SearchHit {
        slug: article.slug.clone(),
        title: article.title.clone(),
        summary: article.summary.clone(),
        snippet_html: snippet.unwrap_or_else(|| escape(&article.summary)),
    }
}

fn escape(s: &str) -> String {
    ammonia::clean_text(s)
}
