//! Full-text search over articles with tantivy, in memory: ranked, tolerant of
//! typos, word beginnings and plurals, with highlighted snippets; and the site tools
//! (the preference finder, the crisis page…) that a search asks for, offered before
//! the articles. Built once per content load.
//!
//! Articles are indexed stemmed (`en_stem`: "therapies" and "therapy" meet). Beside
//! the index, a vocabulary of the words as written (lower-cased) with the number of
//! articles using each: a query word that is not in it is corrected to the nearest
//! word there (Levenshtein automata, one or two edits, the most used word on a tie;
//! the word being typed may also be a beginning), and the correction is searched
//! like a word spelt right, so a typo ranks as its correction does. (Edit distance
//! on stems fails on a typo that changes the stem: "integrativ" is not within two
//! edits of the stem "integr".)
//!
//! Snippets come from a second index of short passages (about two sentences each) of
//! every article: for a hit, its best passage for the query's words is found there
//! and tantivy's snippet generator highlights it. Stemming whole articles for every
//! hit of every search cost most of a search's time; passages are stemmed once, when
//! the content loads. (A separate index, so that passages do not change the articles'
//! ranking statistics.)
//!
//! Site tools are matched by phrases that editors write (`search:` in the finder file
//! and in pages' front matter): a tool is offered when the query holds every word of
//! one of its phrases or of its title (stemmed and typo-corrected like article
//! words), the crisis page always first.

pub use app::content::SearchHit;
use app::content::{Library, SearchTool};
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder};
use std::collections::{BTreeMap, BTreeSet};
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
/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 180;
/// A passage ends at the first sentence end after half this many bytes, or before a
/// word that would take it past this many.
const PASSAGE_BYTES: usize = 240;
/// The page whose tool is always offered first.
const CRISIS_PAGE: &str = "crisis";

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

/// Short passages of every article, for snippets: the article's slug and the text.
struct Passages {
    index: Index,
    reader: IndexReader,
    slug: Field,
    text: Field,
}

impl Passages {
    fn new() -> tantivy::Result<Self> {
        let mut schema = Schema::builder();
        let slug = schema.add_text_field("slug", STRING);
        let text = schema.add_text_field("text", stemmed().set_stored());
        let index = Index::create_in_ram(schema.build());
        Ok(Self {
            reader: snapshot(&index)?,
            index,
            slug,
            text,
        })
    }

    /// Another snapshot of the same index (see [`SearchIndex::update`]).
    fn again(&self) -> tantivy::Result<Self> {
        Ok(Self {
            index: self.index.clone(),
            reader: snapshot(&self.index)?,
            slug: self.slug,
            text: self.text,
        })
    }

    fn add(&self, writer: &IndexWriter, a: &app::content::Article) -> tantivy::Result<()> {
        for passage in passages(&a.text) {
            writer.add_document(doc!(self.slug => a.slug.as_str(), self.text => passage))?;
        }
        Ok(())
    }

    /// What finds and highlights the best passage of an article for `terms` (stems):
    /// made once per search, used for each of its hits.
    fn highlighter(&self, terms: &[&String]) -> Option<Highlighter<'_>> {
        let searcher = self.reader.searcher();
        let any = BooleanQuery::new(
            terms
                .iter()
                .map(|t| {
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(
                            Term::from_field_text(self.text, t),
                            IndexRecordOption::WithFreqs,
                        )) as Box<dyn Query>,
                    )
                })
                .collect(),
        );
        let mut generator = SnippetGenerator::create(&searcher, &any, self.text).ok()?;
        generator.set_max_num_chars(SNIPPET_CHARS);
        Some(Highlighter {
            passages: self,
            searcher,
            any,
            generator,
        })
    }
}

/// See [`Passages::highlighter`].
struct Highlighter<'a> {
    passages: &'a Passages,
    searcher: tantivy::Searcher,
    any: BooleanQuery,
    generator: SnippetGenerator,
}

impl Highlighter<'_> {
    /// The highlighted best passage of article `slug`, if one holds a term.
    fn snippet(&self, slug: &str) -> Option<String> {
        let query = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.passages.slug, slug),
                    IndexRecordOption::Basic,
                )),
            ),
            (Occur::Must, Box::new(self.any.clone())),
        ]);
        let (_, address) = self
            .searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .ok()?
            .into_iter()
            .next()?;
        let doc: TantivyDocument = self.searcher.doc(address).ok()?;
        let text = doc.get_first(self.passages.text).and_then(|v| v.as_str())?;
        Some(self.generator.snippet(text).to_html()).filter(|s| !s.trim().is_empty())
    }
}

/// `text` cut into passages at word boundaries: each ends at the first sentence end
/// past half of [`PASSAGE_BYTES`], or before the word that would take it past them.
fn passages(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut span: Option<(usize, usize)> = None;
    for word in text.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        let from = word.as_ptr() as usize - text.as_ptr() as usize;
        let to = from + word.len();
        let (start, _) = match span {
            Some((start, end)) if to - start > PASSAGE_BYTES => {
                out.push(&text[start..end]);
                (from, to)
            }
            Some((start, _)) => (start, to),
            None => (from, to),
        };
        span = Some((start, to));
        if to - start >= PASSAGE_BYTES / 2 && word.ends_with(['.', '!', '?']) {
            out.push(&text[start..to]);
            span = None;
        }
    }
    if let Some((start, end)) = span {
        out.push(&text[start..end]);
    }
    out
}

/// A site tool and the phrases that ask for it, as stems.
#[derive(Debug)]
struct Tool {
    offer: SearchTool,
    phrases: Vec<Vec<String>>,
}

/// The site tools of a library, and their words as written (for typo correction).
#[derive(Clone, Debug, Default)]
struct Tools {
    tools: Arc<Vec<Tool>>,
    words: Arc<BTreeSet<String>>,
}

impl Tools {
    /// The finder and the site pages, each with its title and `search:` phrases.
    fn of(index: &Index, library: &Library) -> Self {
        // The crisis page first: when several tools match, it leads.
        let mut offers: Vec<(SearchTool, Vec<&String>)> = library
            .pages
            .get(CRISIS_PAGE)
            .map(page_tool)
            .into_iter()
            .collect();
        if let Some(f) = &library.finder {
            offers.push((
                SearchTool {
                    path: app::paths::PREFERENCES.to_string(),
                    title: f.title.clone(),
                    summary: f.summary.clone(),
                    crisis: false,
                },
                std::iter::once(&f.title).chain(&f.search).collect(),
            ));
        }
        offers.extend(
            library
                .pages
                .values()
                .filter(|p| p.name != CRISIS_PAGE)
                .map(page_tool),
        );
        let mut words = BTreeSet::new();
        let tools = offers
            .into_iter()
            .map(|(offer, phrases)| Tool {
                phrases: phrases
                    .into_iter()
                    .map(|phrase| {
                        let written = raw_words(index, phrase);
                        let stems = written.iter().map(|w| stem(index, w)).collect();
                        words.extend(written);
                        stems
                    })
                    .filter(|stems: &Vec<String>| !stems.is_empty())
                    .collect(),
                offer,
            })
            .collect();
        Self {
            tools: Arc::new(tools),
            words: Arc::new(words),
        }
    }

    /// The tools that `words` ask for: those with a phrase whose every stem is one of
    /// the query's; the crisis page first, then the more specific phrase.
    fn asked(&self, words: &[Word]) -> Vec<SearchTool> {
        let stems: BTreeSet<&str> = words
            .iter()
            .flat_map(|w| w.stems.iter().map(String::as_str))
            .collect();
        let mut found: Vec<(bool, std::cmp::Reverse<usize>, usize, &Tool)> = self
            .tools
            .iter()
            .enumerate()
            .filter_map(|(i, tool)| {
                let longest = tool
                    .phrases
                    .iter()
                    .filter(|p| p.iter().all(|s| stems.contains(s.as_str())))
                    .map(Vec::len)
                    .max()?;
                Some((!tool.offer.crisis, std::cmp::Reverse(longest), i, tool))
            })
            .collect();
        found.sort_by_key(|(crisis_last, longest, i, _)| (*crisis_last, *longest, *i));
        found.into_iter().map(|(.., t)| t.offer.clone()).collect()
    }
}

fn page_tool(p: &app::content::Page) -> (SearchTool, Vec<&String>) {
    (
        SearchTool {
            path: format!("/{}", p.name),
            title: p.title.clone(),
            summary: p.summary.clone(),
            crisis: p.name == CRISIS_PAGE,
        },
        std::iter::once(&p.title).chain(&p.search).collect(),
    )
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

/// The words of `text` as written (lower-cased), in order.
fn raw_words(index: &Index, text: &str) -> Vec<String> {
    let mut words = Vec::new();
    if let Some(mut raw) = index.tokenizers().get(RAW_TOKENIZER) {
        let mut stream = raw.token_stream(text);
        while stream.advance() {
            words.push(stream.token().text.clone());
        }
    }
    words
}

fn stem(index: &Index, word: &str) -> String {
    let Some(mut stemmer) = index.tokenizers().get(TOKENIZER) else {
        return word.to_owned();
    };
    let mut stream = stemmer.token_stream(word);
    if stream.advance() {
        stream.token().text.clone()
    } else {
        word.to_owned()
    }
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

    /// Is `word` (as written) used by an article or a tool's phrase?
    fn known(&self, word: &str) -> bool {
        self.vocabulary.contains_key(word) || self.tools.words.contains(word)
    }

    /// The query's words (at most [`MAX_TERMS`], without repeats), each with the
    /// stems to search for: its own, and, when neither the articles nor the tools'
    /// phrases use the word as written, those of its nearest words there (for the
    /// last word, which the reader may still be typing, also words it nearly begins).
    fn words(&self, query: &str) -> Vec<Word> {
        let query: String = query.chars().take(MAX_QUERY).collect();
        let mut written: Vec<String> = Vec::new();
        for word in raw_words(&self.index, &query) {
            if written.len() == MAX_TERMS {
                break;
            }
            if !written.contains(&word) {
                written.push(word);
            }
        }
        let last = written.len().saturating_sub(1);
        written
            .iter()
            .enumerate()
            .map(|(i, word)| {
                let mut stems = vec![stem(&self.index, word)];
                if !self.known(word) {
                    for near in self.nearest(word, i == last) {
                        let stem = stem(&self.index, &near);
                        if !stems.contains(&stem) {
                            stems.push(stem);
                        }
                    }
                }
                Word { stems }
            })
            .collect()
    }

    /// Up to [`MAX_CORRECTIONS`] words of the vocabulary (and of the tools' phrases)
    /// within one edit of `word` (two from eight letters; none below four), nearest
    /// first, then the most used; with `beginning`, also words that begin with
    /// something that near.
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
        // A word only the tools use counts as used once.
        let tool_words = self
            .tools
            .words
            .iter()
            .filter(|w| !self.vocabulary.contains_key(*w))
            .map(|w| (w, &1));
        let mut found: Vec<(u8, std::cmp::Reverse<u32>, &String)> = self
            .vocabulary
            .iter()
            .chain(tool_words)
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

/// One word of a query: the stems that count as a match for it.
struct Word {
    stems: Vec<String>,
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

/// The words of an article as written (lower-cased), each once.
fn article_words(index: &Index, a: &app::content::Article) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    for text in [&a.title, &a.summary, &a.text] {
        words.extend(raw_words(index, text));
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

    /// A library with the fixture's articles, a crisis page, an about page and a
    /// finder, each with `search:` phrases.
    fn with_tools() -> Fixture {
        let Fixture(mut lib, _) = index();
        let page = |name: &str, title: &str, search: &[&str]| app::content::Page {
            name: name.into(),
            title: title.into(),
            summary: format!("{title}, in short."),
            updated: "2026-01-01".into(),
            html: String::new(),
            search: search.iter().map(|s| s.to_string()).collect(),
        };
        lib.pages.insert(
            "crisis".into(),
            page(
                "crisis",
                "Need help now",
                &["crisis", "suicide", "help now"],
            ),
        );
        lib.pages.insert(
            "about".into(),
            page("about", "About Pathways", &["who writes"]),
        );
        let finder: app::finder::PreferenceFinder = serde_norway::from_str(
            "kind: preference\ntitle: Find your preferences\nsummary: What you would like from therapy.\n\
             dimensions: []\napproaches: []\nquestions_to_ask: []\nitems: []\nbands: []\n\
             search: [which therapy, right for me, kind of therapy, choose, crisis of faith]\n",
        )
        .unwrap();
        lib.finder = Some(finder);
        let index = SearchIndex::build(&lib).unwrap();
        Fixture(lib, index)
    }

    fn tools(f: &Fixture, q: &str) -> Vec<String> {
        f.1.find(&f.0, q, 10)
            .tools
            .into_iter()
            .map(|t| t.path)
            .collect()
    }

    #[test]
    fn offers_the_finder_for_questions_about_choosing() {
        let f = with_tools();
        for q in [
            "which therapy is right for me",
            "What kind of therapy should I choose?",
            "is therapy right for me",
            "Find your preferences",
            // Typos and plurals are forgiven as in articles.
            "whcih therapies",
            "rihgt for me",
        ] {
            assert_eq!(tools(&f, q), ["/preferences"], "{q}");
        }
        // Articles still come after: the query's article results are unchanged.
        let found = f.1.find(&f.0, "which therapy is right for me", 10);
        assert_eq!(found.hits, f.search("which therapy is right for me", 10));
        // A word of a phrase alone is not enough; unrelated searches offer nothing.
        for q in ["therapy", "right", "family therapy", "anxiety", "", "me"] {
            assert!(tools(&f, q).is_empty(), "{q}");
        }
        let found = f.1.find(&f.0, "exposure", 10);
        assert!(found.tools.is_empty());
        assert_eq!(found.hits[0].slug, "exposure");
    }

    #[test]
    fn crisis_words_offer_the_crisis_page_first() {
        let f = with_tools();
        for q in [
            "crisis",
            "suicide",
            "suicidal thoughts crisis",
            "I need help now",
            "suicde",
            "HELP NOW",
        ] {
            assert_eq!(
                tools(&f, q).first().map(String::as_str),
                Some("/crisis"),
                "{q}"
            );
        }
        // Another tool's phrase matching too never puts the crisis page second.
        assert_eq!(tools(&f, "crisis of faith"), ["/crisis", "/preferences"]);
        // Its title asks for it too; other pages are offered by theirs.
        assert_eq!(tools(&f, "need help now"), ["/crisis"]);
        assert_eq!(tools(&f, "who writes this"), ["/about"]);
        let crisis = &f.1.find(&f.0, "suicide", 10).tools[0];
        assert!(crisis.crisis);
        assert_eq!(crisis.title, "Need help now");
    }

    #[test]
    fn tools_follow_content_edits() {
        let Fixture(lib, old) = with_tools();
        let mut next = lib.clone();
        if let Some(p) = next.pages.get_mut("about") {
            p.search = vec!["editorial policy".into()];
        }
        let new = old.update(&lib, &next).unwrap();
        assert_eq!(
            tools(&Fixture(next.clone(), new), "editorial policy"),
            ["/about"]
        );
        let new = old.update(&lib, &next).unwrap();
        assert!(new.find(&next, "who writes", 10).tools.is_empty());
    }

    #[test]
    fn snippets_come_from_the_best_passage() {
        let mut lib = Library::default();
        let long = format!(
            "{} Somewhere in the middle, grief and loss are named together. {}",
            "Filler words about sessions and goals. ".repeat(40),
            "More filler about the weather and other things. ".repeat(40)
        );
        let a = article("grief", "Grief counselling", &long);
        lib.articles.insert(a.slug.clone(), Arc::new(a));
        let index = SearchIndex::build(&lib).unwrap();
        let hit = &index.search(&lib, "grief loss", 10)[0];
        assert!(
            hit.snippet_html.contains("<b>grief</b>"),
            "{}",
            hit.snippet_html
        );
        assert!(
            hit.snippet_html.contains("<b>loss</b>"),
            "{}",
            hit.snippet_html
        );
        assert!(
            hit.snippet_html.chars().count() < 260,
            "{}",
            hit.snippet_html
        );
        // A match only in the title falls back to the summary.
        let hit = &index.search(&lib, "counselling", 10)[0];
        assert_eq!(hit.snippet_html, escape("About Grief counselling."));
    }

    #[test]
    fn passages_cut_at_sentences_and_words() {
        let text = format!("{} End here. Next one.", "word ".repeat(30));
        let parts = passages(&text);
        assert!(parts.iter().all(|p| p.len() <= PASSAGE_BYTES), "{parts:?}");
        assert!(parts[0].ends_with("here."), "{parts:?}");
        assert_eq!(
            parts.join(" ").split_whitespace().count(),
            text.split_whitespace().count()
        );
        let long = "a".repeat(PASSAGE_BYTES * 2);
        assert_eq!(passages(&format!("x {long} y")), ["x", long.as_str(), "y"]);
        assert!(passages("   ").is_empty());
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
