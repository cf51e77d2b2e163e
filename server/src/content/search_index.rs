//! Full-text search over articles with tantivy, in memory: ranked, tolerant of
//! typos, word beginnings and plurals, with highlighted snippets. Built once per
//! content load.
//!
//! Articles are indexed stemmed (`en_stem`: "therapies" and "therapy" meet). Beside
//! the index, a vocabulary of the words as written (lower-cased) with the number of
//! articles using each: a query word that is not in it is corrected to the nearest
//! word there (Levenshtein automata, one or two edits, the most used word on a tie;
//! the word being typed may also be a beginning), and the correction is searched
//! like a word spelt right, so a typo ranks as its correction does. (Edit distance
//! on stems fails on a typo that changes the stem: "integrativ" is not within two
//! edits of the stem "integr".)

use app::content::Library;
pub use app::content::SearchHit;
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder};
use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
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
/// Lower-cased words as written (tantivy's default tokenizer).
const RAW_TOKENIZER: &str = "default";
/// Corrections tried for a word that is not in the vocabulary.
const MAX_CORRECTIONS: usize = 3;

/// Levenshtein automata builders for one and two edits (a swap of two letters
/// counts as one); building one is costly, so they are built once.
static LEVENSHTEIN: LazyLock<[LevenshteinAutomatonBuilder; 2]> = LazyLock::new(|| {
    [
        LevenshteinAutomatonBuilder::new(1, true),
        LevenshteinAutomatonBuilder::new(2, true),
    ]
});

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    slug: Field,
    title: Field,
    summary: Field,
    body: Field,
    /// Every word of the articles as written (lower-cased) → in how many articles.
    vocabulary: Arc<BTreeMap<String, u32>>,
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
        let mut vocabulary = BTreeMap::new();
        for a in library.articles.values() {
            for word in article_words(&index, a) {
                *vocabulary.entry(word).or_insert(0) += 1;
            }
        }
        let built = Self {
            reader: Self::snapshot(&index)?,
            index,
            slug,
            title,
            summary,
            body,
            vocabulary: Arc::new(vocabulary),
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
        if gone.is_empty() && new.is_empty() {
            return Ok(Self {
                index: self.index.clone(),
                reader: Self::snapshot(&self.index)?,
                vocabulary: self.vocabulary.clone(),
                ..*self
            });
        }
        let mut vocabulary = (*self.vocabulary).clone();
        for a in previous.articles.values().filter(|a| !same(a, next)) {
            for word in article_words(&self.index, a) {
                if let Some(n) = vocabulary.get_mut(&word) {
                    *n -= 1;
                    if *n == 0 {
                        vocabulary.remove(&word);
                    }
                }
            }
        }
        for a in &new {
            for word in article_words(&self.index, a) {
                *vocabulary.entry(word).or_insert(0) += 1;
            }
        }
        let updated = Self {
            index: self.index.clone(),
            reader: Self::snapshot(&self.index)?,
            vocabulary: Arc::new(vocabulary),
            ..*self
        };
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

    /// The query's words (at most [`MAX_TERMS`], without repeats), each with the
    /// stems to search for: its own, and, when the articles never use the word as
    /// written, those of its nearest words in the vocabulary (for the last word,
    /// which the reader may still be typing, also words it nearly begins).
    fn words(&self, query: &str) -> Vec<Word> {
        let Some(mut raw) = self.index.tokenizers().get(RAW_TOKENIZER) else {
            return Vec::new();
        };
        let query: String = query.chars().take(MAX_QUERY).collect();
        let mut written: Vec<String> = Vec::new();
        let mut stream = raw.token_stream(&query);
        while stream.advance() && written.len() < MAX_TERMS {
            let word = stream.token().text.clone();
            if !written.contains(&word) {
                written.push(word);
            }
        }
        let last = written.len().saturating_sub(1);
        written
            .iter()
            .enumerate()
            .map(|(i, word)| {
                let mut stems = vec![self.stem(word)];
                if !self.vocabulary.contains_key(word) {
                    for near in self.nearest(word, i == last) {
                        let stem = self.stem(&near);
                        if !stems.contains(&stem) {
                            stems.push(stem);
                        }
                    }
                }
                Word { stems }
            })
            .collect()
    }

    fn stem(&self, word: &str) -> String {
        let Some(mut stemmer) = self.index.tokenizers().get(TOKENIZER) else {
            return word.to_owned();
        };
        let mut stream = stemmer.token_stream(word);
        if stream.advance() {
            stream.token().text.clone()
        } else {
            word.to_owned()
        }
    }

    /// Up to [`MAX_CORRECTIONS`] words of the vocabulary within one edit of `word`
    /// (two from eight letters; none below four), nearest first, then the most used;
    /// with `beginning`, also words that begin with something that near.
    fn nearest(&self, word: &str, beginning: bool) -> Vec<String> {
        let edits = match word.chars().count() {
            0..=3 => return Vec::new(),
            4..=7 => 0,
            _ => 1,
        };
        let builder = &LEVENSHTEIN[edits];
        let dfa = if beginning {
            builder.build_prefix_dfa(word)
        } else {
            builder.build_dfa(word)
        };
        let mut found: Vec<(u8, std::cmp::Reverse<u32>, &String)> = self
            .vocabulary
            .iter()
            .filter(|(candidate, _)| String::as_str(candidate) != word)
            .filter_map(|(candidate, uses)| match dfa.eval(candidate) {
                Distance::Exact(d) => Some((d, std::cmp::Reverse(*uses), candidate)),
                Distance::AtLeast(_) => None,
            })
            .collect();
        found.sort();
        found
            .into_iter()
            .take(MAX_CORRECTIONS)
            .map(|(_, _, w)| w.clone())
            .collect()
    }

    /// Ranked results for `query`. A word matches an article when its stem is there
    /// (so plurals match) or, for a word the articles do not use, the stem of one of
    /// its corrections (see [`SearchIndex::words`]). Every word must match; when that
    /// finds nothing, all but one must (one misspelt word does not sink a query).
    /// Matches in the title rank first.
    pub fn search(&self, library: &Library, query: &str, limit: usize) -> Vec<SearchHit> {
        let words = self.words(query);
        if words.is_empty() {
            return Vec::new();
        }
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
        if top.is_empty() {
            return Vec::new();
        }
        let terms: Vec<&String> = words.iter().flat_map(|w| &w.stems).collect();
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

/// One word of a query: the stems that count as a match for it.
struct Word {
    stems: Vec<String>,
}

impl SearchIndex {
    /// Articles where at least `required` of `words` match (see [`SearchIndex::search`]).
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

/// The words of an article as written (lower-cased), each once.
fn article_words(index: &Index, a: &app::content::Article) -> std::collections::BTreeSet<String> {
    let mut words = std::collections::BTreeSet::new();
    if let Some(mut tokenizer) = index.tokenizers().get(RAW_TOKENIZER) {
        for text in [&a.title, &a.summary, &a.text] {
            let mut stream = tokenizer.token_stream(text);
            while stream.advance() {
                words.insert(stream.token().text.clone());
            }
        }
    }
    words
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
            reviewed: "2026-01-01".into(),
            next_review: "2027-01-01".into(),
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
            article(
                "integrative",
                "Integrative therapy",
                "An integrative therapist combines approaches into one plan.",
            ),
            article(
                "family",
                "Family and systemic therapy",
                "Families and couples work on patterns between people.",
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

    /// The misspellings readers make, which fuzzy matching on stems missed.
    #[test]
    fn forgives_typos_that_change_the_stem() {
        let i = index();
        let first = |q: &str| i.search(q, 10).first().map(|h| h.slug.clone());
        assert_eq!(first("integrativ").as_deref(), Some("integrative"));
        assert_eq!(first("famly therapy").as_deref(), Some("family"));
        assert_eq!(first("cgnitive").as_deref(), Some("cbt"));
        assert_eq!(first("cognitve behavioral").as_deref(), Some("cbt"));
        // Plurals meet their singular through the stem, both ways.
        assert_eq!(first("families").as_deref(), Some("family"));
        assert_eq!(first("approach").as_deref(), Some("integrative"));
        // A word beginning, as typed so far.
        assert_eq!(first("integ").as_deref(), Some("integrative"));
    }

    #[test]
    fn one_unknown_word_does_not_sink_a_query() {
        let i = index();
        let hits = i.search("exposure xqzvw therapy", 10);
        assert_eq!(hits.first().map(|h| h.slug.as_str()), Some("exposure"));
        // When every word matches somewhere, only articles with all of them count.
        let hits = i.search("exposure therapy", 10);
        assert_eq!(hits.len(), 1, "{hits:?}");
        // A single word that matches nothing finds nothing.
        assert!(i.search("xqzvw", 10).is_empty());
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
