//! Snippets: the short-passage index and each hit's best passage, highlighted.
//!
//! Snippets come from a second index of short passages (about two sentences each) of
//! every article: each hit's best passage for the query's words is found there by one
//! pass of the words' scorer over the hits' passages (which passages are an article's
//! is kept per content version), and tantivy's snippet generator highlights each. Stemming whole articles for
//! every hit of every search cost most of a search's time; passages are stemmed once,
//! when the content loads. Which passage a document is comes from a table made once
//! per content version (`docs`), not from tantivy's stored documents. (A separate
//! index, so that passages do not change the articles' ranking statistics.)

use super::docs::{Articles, Docs, article_numbers};
use super::stems::KnownStems;
use super::{snapshot, stemmed};
use std::collections::BTreeMap;
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, TermQuery};
use tantivy::schema::{FAST, Field, IndexRecordOption, STRING, Schema};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    DocAddress, DocId, DocSet, Index, IndexWriter, Score, Searcher, SegmentReader, TERMINATED,
    Term, doc,
};

/// Longest snippet, in characters.
pub(super) const SNIPPET_CHARS: usize = 180;
/// A passage ends at the first sentence end after half this many bytes, or before a
/// word that would take it past this many.
const PASSAGE_BYTES: usize = 240;

/// The index of short passages of every article, for snippets: the article's slug,
/// the text (stemmed; stored too, though snippets take it from the article), and
/// where the passage lies in the article's text (`span`: start << 32 | end, bytes).
#[derive(Clone)]
pub(super) struct PassageIndex {
    pub(super) index: Index,
    pub(super) slug: Field,
    pub(super) text: Field,
    span: Field,
}

/// Where a passage lies: its article's number and byte range in the article's text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Passage {
    pub(super) article: u32,
    pub(super) from: u32,
    pub(super) to: u32,
}

impl PassageIndex {
    pub(super) fn new() -> Self {
        let mut schema = Schema::builder();
        let slug = schema.add_text_field("slug", STRING | FAST);
        let text = schema.add_text_field("text", stemmed().set_stored());
        let span = schema.add_u64_field("span", FAST);
        Self {
            index: Index::create_in_ram(schema.build()),
            slug,
            text,
            span,
        }
    }

    pub(super) fn add(
        &self,
        writer: &IndexWriter,
        a: &app::content::Article,
    ) -> tantivy::Result<()> {
        for passage in passages(&a.text) {
            let from = passage.as_ptr() as usize - a.text.as_ptr() as usize;
            let span = ((from as u64) << 32) | (from + passage.len()) as u64;
            writer.add_document(doc!(
                self.slug => a.slug.as_str(),
                self.text => passage,
                self.span => span,
            ))?;
        }
        Ok(())
    }

    /// Its committed state, to search, for the library whose articles are `articles`.
    pub(super) fn snapshot(&self, articles: &Articles) -> tantivy::Result<Passages> {
        let searcher = snapshot(&self.index)?.searcher();
        let docs = Docs::of(&searcher, |segment| self.passages_of(segment, articles))?;
        let by_article = (0..searcher.segment_readers().len() as u32)
            .map(|ord| {
                let mut lists: Vec<Vec<DocId>> = Vec::new();
                for (doc, passage) in (0..).zip(docs.segment(ord).iter()) {
                    if let Some(Passage { article, .. }) = passage {
                        let article = *article as usize;
                        if lists.len() <= article {
                            lists.resize_with(article + 1, Vec::new);
                        }
                        lists[article].push(doc);
                    }
                }
                lists
            })
            .collect();
        Ok(Passages {
            index: self.clone(),
            searcher,
            docs,
            by_article,
        })
    }

    /// The passage each document of `segment` holds.
    fn passages_of(
        &self,
        segment: &SegmentReader,
        articles: &Articles,
    ) -> tantivy::Result<Vec<Option<Passage>>> {
        let numbers = article_numbers(segment, "slug", articles)?;
        let spans = segment.fast_fields().u64("span")?;
        Ok(numbers
            .into_iter()
            .zip(0..)
            .map(|(article, doc): (Option<u32>, DocId)| {
                let span = spans.first(doc)?;
                Some(Passage {
                    article: article?,
                    from: (span >> 32) as u32,
                    to: span as u32,
                })
            })
            .collect())
    }
}

/// A snapshot of the passage index and the passage each of its documents holds.
pub(super) struct Passages {
    pub(super) index: PassageIndex,
    pub(super) searcher: Searcher,
    pub(super) docs: Docs<Passage>,
    /// For each segment, for each article number, its live passages' documents in
    /// order (an article's passages are the only ones a snippet of it can come from).
    by_article: Vec<Vec<Vec<DocId>>>,
}

impl Passages {
    pub(super) fn index(&self) -> &PassageIndex {
        &self.index
    }

    /// For each hit (an article's number), its best passage for `terms`
    /// (stems) highlighted, if one holds a term. The best passage is the one that a
    /// search for any of the terms ranks first among the article's passages (see
    /// [`Passages::best_passages`]). Passages are tokenized with `stems` (see
    /// [`KnownStems`]).
    pub(super) fn snippets(
        &self,
        terms: &[&String],
        hits: &[u32],
        articles: &Articles,
        stems: &KnownStems,
    ) -> Vec<Option<String>> {
        let mut out = vec![None; hits.len()];
        if hits.is_empty() {
            return out;
        }
        let text = self.index.text;
        let any = BooleanQuery::new(terms.iter().map(|t| term_query(text, t)).collect());
        // As `SnippetGenerator::create` weighs the terms: rarer ones count more.
        let mut weights = BTreeMap::new();
        for t in terms {
            let Ok(n) = self.searcher.doc_freq(&Term::from_field_text(text, t)) else {
                return out;
            };
            if n > 0 {
                weights.insert(t.to_string(), 1.0 / (1.0 + n as Score));
            }
        }
        let tokenizer = TextAnalyzer::from(stems.clone());
        let generator = SnippetGenerator::new(weights, tokenizer, text, SNIPPET_CHARS);
        let best = self.best_passages(&any, hits);
        for (slot, number) in out.iter_mut().zip(hits) {
            let passage = best.iter().find(|b| b.passage.article == *number);
            *slot = passage.and_then(|b| {
                let article = articles.get(b.passage.article)?;
                let text = article
                    .text
                    .get(b.passage.from as usize..b.passage.to as usize)?;
                Some(generator.snippet(text).to_html()).filter(|s| !s.trim().is_empty())
            });
        }
        out
    }

    /// The best passage for `any` of each article of `hits`: its passages' documents,
    /// in order, are scored by one pass of `any`'s scorer, which skips ahead to each.
    /// (Searching for "this article's slug and any term" scored every passage of the
    /// hits by a union of twenty slug lists; the slug's score is the same for all of an
    /// article's passages, so the ranking within an article is the same.)
    fn best_passages(&self, any: &BooleanQuery, hits: &[u32]) -> Vec<Ranked> {
        let mut best = Vec::new();
        let Ok(weight) = any.weight(EnableScoring::enabled_from_searcher(&self.searcher)) else {
            return best;
        };
        for (ord, segment) in self.searcher.segment_readers().iter().enumerate() {
            let ord = ord as u32;
            let lists = self
                .by_article
                .get(ord as usize)
                .map_or(&[][..], Vec::as_slice);
            let mut wanted: Vec<DocId> = hits
                .iter()
                .filter_map(|number| lists.get(*number as usize))
                .flatten()
                .copied()
                .collect();
            if wanted.is_empty() {
                continue;
            }
            wanted.sort_unstable();
            let Ok(mut scorer) = weight.scorer(segment, 1.0) else {
                continue;
            };
            let table = self.docs.segment(ord);
            for doc in wanted {
                if scorer.doc() < doc && scorer.seek(doc) == TERMINATED {
                    break;
                }
                if scorer.doc() == doc
                    && let Some(Some(passage)) = table.get(doc as usize)
                {
                    let address = DocAddress::new(ord, doc);
                    let score = scorer.score();
                    keep(
                        &mut best,
                        Ranked {
                            score,
                            address,
                            passage: *passage,
                        },
                    );
                }
            }
        }
        best
    }
}

fn term_query(field: Field, text: &str) -> (Occur, Box<dyn Query>) {
    let query = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    (Occur::Should, Box::new(query))
}

/// A passage found, its score and address.
#[derive(Clone, Copy, Debug)]
struct Ranked {
    score: Score,
    address: DocAddress,
    passage: Passage,
}

impl Ranked {
    /// Ranks before `other`: a higher score, or on a tie the lower address (as
    /// tantivy's `TopDocs` breaks ties).
    fn before(&self, other: &Ranked) -> bool {
        self.score > other.score || (self.score == other.score && self.address < other.address)
    }
}

/// Keep `found` if it is the best passage of its article so far.
fn keep(best: &mut Vec<Ranked>, found: Ranked) {
    match best
        .iter_mut()
        .find(|b| b.passage.article == found.passage.article)
    {
        Some(b) if found.before(b) => *b = found,
        Some(_) => {}
        None => best.push(found),
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
