//! Snippets: the short-passage index and each hit's best passage, highlighted.
//!
//! Snippets come from a second index of short passages (about two sentences each) of
//! every article: for a hit, its best passage for the query's words is found there
//! and tantivy's snippet generator highlights it. Stemming whole articles for every
//! hit of every search cost most of a search's time; passages are stemmed once, when
//! the content loads. (A separate index, so that passages do not change the articles'
//! ranking statistics.)

use super::{snapshot, stemmed};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, STRING, Schema, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, IndexWriter, TantivyDocument, Term, doc};

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 180;
/// A passage ends at the first sentence end after half this many bytes, or before a
/// word that would take it past this many.
const PASSAGE_BYTES: usize = 240;

/// Short passages of every article, for snippets: the article's slug and the text.
pub(super) struct Passages {
    pub(super) index: Index,
    pub(super) reader: IndexReader,
    pub(super) slug: Field,
    text: Field,
}

impl Passages {
    pub(super) fn new() -> tantivy::Result<Self> {
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

    /// Another snapshot of the same index (see
    /// [`SearchIndex::update`](super::SearchIndex::update)).
    pub(super) fn again(&self) -> tantivy::Result<Self> {
        Ok(Self {
            index: self.index.clone(),
            reader: snapshot(&self.index)?,
            slug: self.slug,
            text: self.text,
        })
    }

    pub(super) fn add(
        &self,
        writer: &IndexWriter,
        a: &app::content::Article,
    ) -> tantivy::Result<()> {
        for passage in passages(&a.text) {
            writer.add_document(doc!(self.slug => a.slug.as_str(), self.text => passage))?;
        }
        Ok(())
    }

    /// What finds and highlights the best passage of an article for `terms` (stems):
    /// made once per search, used for each of its hits.
    pub(super) fn highlighter(&self, terms: &[&String]) -> Option<Highlighter<'_>> {
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
pub(super) struct Highlighter<'a> {
    passages: &'a Passages,
    searcher: tantivy::Searcher,
    any: BooleanQuery,
    generator: SnippetGenerator,
}

impl Highlighter<'_> {
    /// The highlighted best passage of article `slug`, if one holds a term.
    pub(super) fn snippet(&self, slug: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::super::tests::article;
    use super::super::{SearchIndex, escape};
    use super::*;
    use app::content::Library;
    use std::sync::Arc;

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
}
