//! The in-memory lookups agree with tantivy's stored documents, and a search answers
//! exactly as it did when every hit read its stored document and searched its own
//! best passage (the reference below, kept as it was), on the bundled content.

use super::snippets::SNIPPET_CHARS;
use super::*;
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, TantivyDocument};

fn bundled() -> Library {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../content");
    let outcome = crate::content::load::load(std::path::Path::new(root), None);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    outcome.library
}

/// Every live document of `searcher`.
fn live(searcher: &Searcher) -> Vec<DocAddress> {
    let mut out = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in 0..segment.max_doc() {
            if !segment.is_deleted(doc) {
                out.push(DocAddress::new(ord as u32, doc));
            }
        }
    }
    out
}

fn stored(searcher: &Searcher, address: DocAddress, field: Field) -> String {
    let doc: TantivyDocument = searcher.doc(address).unwrap();
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap()
        .to_owned()
}

/// Every live document's article (and passage) in memory is the one stored.
fn assert_tables_agree(index: &SearchIndex) {
    let docs = live(&index.searcher);
    assert!(!docs.is_empty());
    for address in docs {
        let number = *index.docs.get(address).expect("a live document's article");
        let slug = stored(&index.searcher, address, index.fields.slug);
        assert_eq!(index.articles.get(number).unwrap().slug, slug);
    }
    let passages = &index.passages;
    let docs = live(&passages.searcher);
    assert!(!docs.is_empty());
    for address in docs {
        let p = passages.docs.get(address).expect("a live passage");
        let article = index.articles.get(p.article).unwrap();
        let text = stored(&passages.searcher, address, passages.index.text);
        assert_eq!(&article.text[p.from as usize..p.to as usize], text);
    }
}

/// The search as it was: a stored-document read and a passage search per hit.
fn reference(index: &SearchIndex, library: &Library, query: &str, limit: usize) -> Found {
    let words = index.words(query);
    if words.is_empty() {
        return Found::default();
    }
    let tools = index.tools.asked(&words);
    let searcher = &index.searcher;
    let matches = |required: usize| {
        let query = index.query(&words, required);
        searcher
            .search(&query, &TopDocs::with_limit(limit).order_by_score())
            .unwrap()
    };
    let mut top = matches(words.len());
    if top.is_empty() && words.len() > 1 {
        top = matches(words.len() - 1);
    }
    let terms: Vec<&String> = words.iter().flat_map(|w| &w.stems).collect();
    let p = &index.passages;
    let text = p.index.text;
    let term = |field, t: &str, option| -> (Occur, Box<dyn Query>) {
        let q = TermQuery::new(Term::from_field_text(field, t), option);
        (Occur::Should, Box::new(q))
    };
    let any = || {
        BooleanQuery::new(
            (terms.iter())
                .map(|t| term(text, t, IndexRecordOption::WithFreqs))
                .collect(),
        )
    };
    let mut generator = SnippetGenerator::create(&p.searcher, &any(), text).unwrap();
    generator.set_max_num_chars(SNIPPET_CHARS);
    let hits = top
        .into_iter()
        .filter_map(|(_, address)| {
            let slug = stored(searcher, address, index.fields.slug);
            let article = library.articles.get(&slug)?;
            let (_, best) = term(p.index.slug, &slug, IndexRecordOption::Basic);
            let query =
                BooleanQuery::new(vec![(Occur::Must, best), (Occur::Must, Box::new(any()))]);
            let snippet = p
                .searcher
                .search(&query, &TopDocs::with_limit(1).order_by_score())
                .unwrap()
                .first()
                .map(|(_, a)| generator.snippet(&stored(&p.searcher, *a, text)).to_html())
                .filter(|s| !s.trim().is_empty());
            Some(hit(article, snippet))
        })
        .collect();
    Found { tools, hits }
}

/// Queries: one word in every few of the vocabulary, misspelt and as beginnings too,
/// and a few phrases readers type.
fn queries(index: &SearchIndex) -> Vec<String> {
    let mut out: Vec<String> = [
        "family therapy",
        "famly therpy",
        "cgnitive",
        "which therapy is right for me",
        "crisis",
        "anxiety",
        "integrative eclectic",
        "therapy",
        "the",
    ]
    .map(String::from)
    .into();
    for (i, word) in index
        .vocabulary
        .keys()
        .enumerate()
        .filter(|(i, _)| i % 9 == 0)
    {
        out.push(word.clone());
        if word.len() > 5 {
            out.push(word[..word.len() - 1].to_owned());
            let mut typo: Vec<char> = word.chars().collect();
            typo.swap(1, 2);
            out.push(format!("{} therapy", typo.into_iter().collect::<String>()));
        }
        if i % 4 == 0 {
            out.push(format!("{word} help"));
        }
    }
    out
}

fn assert_answers_as_before(index: &SearchIndex, library: &Library) {
    let queries = queries(index);
    assert!(queries.len() > 200, "{}", queries.len());
    let mut highlighted = 0;
    for q in &queries {
        let limit = app::routes::search::SEARCH_LIMIT;
        let found = index.find(library, q, limit);
        assert_eq!(found, reference(index, library, q, limit), "{q}");
        highlighted += found
            .hits
            .iter()
            .filter(|h| h.snippet_html.contains("<b>"))
            .count();
    }
    // The comparison covers many highlighted passages, not only summaries.
    assert!(highlighted > 1000, "{highlighted}");
}

#[test]
fn in_memory_lookups_agree_with_the_stored_documents() {
    let library = bundled();
    let index = SearchIndex::build(&library).unwrap();
    assert_tables_agree(&index);
    assert_answers_as_before(&index, &library);
}

/// After an update (segments with deleted documents, a new segment).
#[test]
fn in_memory_lookups_agree_after_an_update() {
    let library = bundled();
    let index = SearchIndex::build(&library).unwrap();
    let mut next = library.clone();
    let slug = next.articles.keys().nth(3).unwrap().clone();
    let mut edited = (*next.articles[&slug]).clone();
    edited.text = format!("Edited: grief and loss. {}", edited.text);
    next.articles.insert(slug, Arc::new(edited));
    let gone = next.articles.keys().nth(7).unwrap().clone();
    next.articles.remove(&gone);
    let updated = index.update(&library, &next).unwrap();
    assert_tables_agree(&updated);
    assert_answers_as_before(&updated, &next);
    // The old index still answers for the old library, as before.
    assert_tables_agree(&index);
}

/// Typo corrections as they were found: every word of the vocabulary evaluated.
fn reference_nearest(index: &SearchIndex, word: &str, beginning: bool) -> Vec<String> {
    use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder};
    let edits = match word.chars().count() {
        0..=3 => return Vec::new(),
        4..=7 => 1,
        _ => 2,
    };
    let builder = LevenshteinAutomatonBuilder::new(edits, true);
    let dfa = if beginning {
        builder.build_prefix_dfa(word)
    } else {
        builder.build_dfa(word)
    };
    let tool_words = (index.tools.words.iter())
        .filter(|w| !index.vocabulary.contains_key(*w))
        .map(|w| (w, &1));
    let mut found: Vec<(u8, std::cmp::Reverse<u32>, &String)> = (index.vocabulary.iter())
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
        .take(3)
        .map(|(_, _, w)| w.clone())
        .collect()
}

#[test]
fn typo_corrections_are_found_as_before() {
    let library = bundled();
    let index = SearchIndex::build(&library).unwrap();
    let mut checked = 0;
    for query in queries(&index) {
        for word in query.split_whitespace() {
            for beginning in [false, true] {
                let near = index.nearest(word, beginning);
                assert_eq!(near, reference_nearest(&index, word, beginning), "{word}");
                checked += usize::from(!near.is_empty());
            }
        }
    }
    assert!(checked > 500, "{checked}");
}
