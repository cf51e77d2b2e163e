//! The search index's shared test fixtures, and tests of building, updating, ranking.

use super::*;
use app::content::Article;
use std::sync::Arc;

pub(super) fn article(slug: &str, title: &str, text: &str) -> Article {
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

pub(super) struct Fixture(pub(super) Library, pub(super) SearchIndex);

impl Fixture {
    pub(super) fn search(&self, q: &str, limit: usize) -> Vec<SearchHit> {
        self.1.search(&self.0, q, limit)
    }
}

pub(super) fn index() -> Fixture {
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
fn equal_scores_come_in_one_order_on_every_build() {
    // Forty articles that score the same for "anxiety": each build lists them in the
    // same order (slug order), so a restart does not reshuffle them.
    let mut lib = Library::default();
    for i in 0..40 {
        let a = article(&format!("a{i:02}"), "Same", "Anxiety can ease with help.");
        lib.articles.insert(a.slug.clone(), Arc::new(a));
    }
    let order = |index: &SearchIndex| -> Vec<String> {
        index
            .search(&lib, "anxiety", 40)
            .into_iter()
            .map(|h| h.slug)
            .collect()
    };
    let first = order(&SearchIndex::build(&lib).unwrap());
    assert_eq!(first.len(), 40);
    assert!(first.windows(2).all(|w| w[0] < w[1]), "{first:?}");
    for _ in 0..5 {
        assert_eq!(order(&SearchIndex::build(&lib).unwrap()), first);
    }
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
