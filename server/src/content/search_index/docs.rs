//! What each document of an index's snapshot holds, kept in memory per content version.
//!
//! A hit is a tantivy document address; turning it into an article (and, for the
//! passage index, a passage of it) used to read tantivy's stored document, which
//! decompresses a doc-store block for every hit of every search. Instead, when an
//! index is built or updated, a table per segment of its snapshot maps each live
//! document to the number of its article (and the passage's byte range in the
//! article's text), read once from fast fields. The articles are those of the library
//! the index was built for, numbered in slug order.

use app::content::{Article, Library};
use std::sync::Arc;
use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, DocId, Searcher, SegmentReader, TantivyError};

/// The articles an index answers for, numbered in slug order.
#[derive(Debug, Default)]
pub(super) struct Articles(Vec<Arc<Article>>);

impl Articles {
    pub(super) fn of(library: &Library) -> Self {
        let mut articles: Vec<Arc<Article>> = library.articles.values().cloned().collect();
        articles.sort_by(|a, b| a.slug.cmp(&b.slug));
        Self(articles)
    }

    /// The number of the article `slug`.
    pub(super) fn number(&self, slug: &str) -> Option<u32> {
        let i = self
            .0
            .binary_search_by(|a| a.slug.as_str().cmp(slug))
            .ok()?;
        u32::try_from(i).ok()
    }

    pub(super) fn get(&self, number: u32) -> Option<&Arc<Article>> {
        self.0.get(number as usize)
    }
}

/// For each segment of a snapshot, for each document: what it holds (`None` for a
/// deleted one).
pub(super) struct Docs<T>(Vec<Arc<[Option<T>]>>);

impl<T> Docs<T> {
    pub(super) fn get(&self, address: DocAddress) -> Option<&T> {
        self.0
            .get(address.segment_ord as usize)?
            .get(address.doc_id as usize)?
            .as_ref()
    }

    /// The table of segment `ord` (empty if there is none).
    pub(super) fn segment(&self, ord: u32) -> Arc<[Option<T>]> {
        self.0
            .get(ord as usize)
            .cloned()
            .unwrap_or_else(|| Arc::new([]))
    }

    /// The table of every segment of `searcher`, each made by `read`.
    pub(super) fn of(
        searcher: &Searcher,
        mut read: impl FnMut(&SegmentReader) -> tantivy::Result<Vec<Option<T>>>,
    ) -> tantivy::Result<Self> {
        let segments = searcher
            .segment_readers()
            .iter()
            .map(|segment| read(segment).map(Arc::from))
            .collect::<tantivy::Result<_>>()?;
        Ok(Self(segments))
    }
}

/// The article number of each document of `segment`, read from the fast string field
/// `slug_field`.
pub(super) fn article_numbers(
    segment: &SegmentReader,
    slug_field: &str,
    articles: &Articles,
) -> tantivy::Result<Vec<Option<u32>>> {
    let slugs: Option<StrColumn> = segment.fast_fields().str(slug_field)?;
    let Some(slugs) = slugs else {
        return Ok(vec![None; segment.max_doc() as usize]);
    };
    // Each slug of the segment's dictionary once, then every document by its ordinal.
    let mut slug = String::new();
    let by_ord = (0..slugs.num_terms() as u64)
        .map(|ord| {
            slug.clear();
            slugs.ord_to_str(ord, &mut slug)?;
            Ok(articles.number(&slug))
        })
        .collect::<std::io::Result<Vec<_>>>()
        .map_err(|e| TantivyError::InternalError(e.to_string()))?;
    Ok((0..segment.max_doc())
        .map(|doc: DocId| {
            if segment.is_deleted(doc) {
                return None;
            }
            let ord = slugs.term_ords(doc).next()?;
            by_ord.get(ord as usize).copied().flatten()
        })
        .collect())
}
