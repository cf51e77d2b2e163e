//! A query's words: as written, stemmed, and typo-corrected against the vocabulary.
//!
//! Beside the index, a vocabulary of the words as written (lower-cased) with the number
//! of articles using each: a query word that is not in it is corrected to the nearest
//! word there (Levenshtein automata, one or two edits, the most used word on a tie;
//! the word being typed may also be a beginning), and the correction is searched
//! like a word spelt right, so a typo ranks as its correction does. (Edit distance
//! on stems fails on a typo that changes the stem: "integrativ" is not within two
//! edits of the stem "integr".) The automaton walks the words as a finite-state
//! transducer ([`Nearby`]), as tantivy's fuzzy queries walk its term dictionary.

use super::stems::stem_of;
use super::{MAX_QUERY, SearchIndex};
use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;
use tantivy::Index;
use tantivy::tokenizer::TokenStream;
use tantivy_fst::{Automaton, IntoStreamer, Map, Streamer};

const MAX_TERMS: usize = 8;
/// Stemmed words (articles, passages and query terms).
pub(super) const TOKENIZER: &str = "en_stem";
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

/// One word of a query: the stems that count as a match for it.
pub(super) struct Word {
    pub(super) stems: Vec<String>,
}

/// The words of `text` as written (lower-cased), in order.
pub(super) fn raw_words(index: &Index, text: &str) -> Vec<String> {
    let mut words = Vec::new();
    if let Some(mut raw) = index.tokenizers().get(RAW_TOKENIZER) {
        let mut stream = raw.token_stream(text);
        while stream.advance() {
            words.push(stream.token().text.clone());
        }
    }
    words
}

pub(super) fn stem(index: &Index, word: &str) -> String {
    match index.tokenizers().get(TOKENIZER) {
        Some(mut stemmer) => stem_of(&mut stemmer, word),
        None => word.to_owned(),
    }
}

/// The words of an article as written (lower-cased), each once.
pub(super) fn article_words(index: &Index, a: &app::content::Article) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    for text in [&a.title, &a.summary, &a.text] {
        words.extend(raw_words(index, text));
    }
    words
}

impl SearchIndex {
    /// Is `word` (as written) used by an article or a tool's phrase?
    fn known(&self, word: &str) -> bool {
        self.nearby.0.contains_key(word)
    }

    /// The query's words (at most [`MAX_TERMS`], without repeats), each with the
    /// stems to search for: its own, and, when neither the articles nor the tools'
    /// phrases use the word as written, those of its nearest words there (for the
    /// last word, which the reader may still be typing, also words it nearly begins).
    pub(super) fn words(&self, query: &str) -> Vec<Word> {
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
    pub(super) fn nearest(&self, word: &str, beginning: bool) -> Vec<String> {
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
        let mut found: Vec<(u8, Reverse<u64>, String)> = Vec::new();
        let mut stream = (self.nearby.0)
            .search(Levenshtein(&dfa))
            .with_state()
            .into_stream();
        while let Some((candidate, uses, state)) = stream.next() {
            let Distance::Exact(distance) = dfa.distance(state) else {
                continue;
            };
            let rank = (distance, Reverse(uses));
            // Keep the best few, nearest first, then the most used, then in order.
            if candidate == word.as_bytes()
                || found.len() == MAX_CORRECTIONS
                    && found.last().is_some_and(|(d, u, _)| (*d, *u) <= rank)
            {
                continue;
            }
            let Ok(candidate) = std::str::from_utf8(candidate) else {
                continue;
            };
            let at = found.partition_point(|(d, u, _)| (*d, *u) <= rank);
            found.insert(at, (distance, Reverse(uses), candidate.to_owned()));
            found.truncate(MAX_CORRECTIONS);
        }
        found.into_iter().map(|(_, _, w)| w).collect()
    }
}

/// The words typo correction searches: the articles' words, each with the number of
/// articles using it, and the tools' words that no article uses, counted as used once.
/// A finite-state transducer, so the Levenshtein automaton walks each shared beginning
/// once and never enters one that no edit can save (the automaton's sink).
pub(super) struct Nearby(Map<Vec<u8>>);

impl Nearby {
    pub(super) fn of(
        vocabulary: &BTreeMap<String, u32>,
        tool_words: &BTreeSet<String>,
    ) -> tantivy::Result<Self> {
        let mut words: BTreeMap<&str, u64> = (vocabulary.iter())
            .map(|(w, uses)| (w.as_str(), u64::from(*uses)))
            .collect();
        for w in tool_words {
            words.entry(w.as_str()).or_insert(1);
        }
        Map::from_iter(words)
            .map(Self)
            .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))
    }
}

/// A Levenshtein automaton, as the transducer walks it.
struct Levenshtein<'a>(&'a DFA);

impl Automaton for Levenshtein<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::index;

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

    /// The transducer's walk accepts exactly what evaluating each word does.
    #[test]
    fn the_walk_agrees_with_evaluating_every_word() {
        use super::{LEVENSHTEIN, Levenshtein, Nearby};
        use levenshtein_automata::Distance;
        use std::collections::{BTreeMap, BTreeSet};
        use tantivy_fst::{IntoStreamer, Streamer};
        let text = "anxiety anxious ants an a therapy therapies therapist thera theraputic \
                    family familiar famine fam integrative integrate integr cognitive cog \
                    cognition behaviour behavior behavioural é éclat eclectic eclecticism \
                    fa fam famil families familyy familz fb fc fz ga zz \u{10FFFF}";
        let vocabulary: BTreeMap<String, u32> = text
            .split_whitespace()
            .zip(1..)
            .map(|(w, uses)| (w.to_string(), uses))
            .collect();
        let tools: BTreeSet<String> = ["famiy", "therapy"].map(String::from).into();
        let nearby = Nearby::of(&vocabulary, &tools).unwrap();
        for query in [
            "anxeity",
            "therapy",
            "famly",
            "integrativ",
            "cgnitive",
            "eclecitc",
            "é",
        ] {
            for builder in LEVENSHTEIN.iter() {
                for dfa in [builder.build_dfa(query), builder.build_prefix_dfa(query)] {
                    let mut walked = Vec::new();
                    let mut stream = nearby
                        .0
                        .search(Levenshtein(&dfa))
                        .with_state()
                        .into_stream();
                    while let Some((word, uses, state)) = stream.next() {
                        let word = String::from_utf8(word.to_vec()).unwrap();
                        walked.push((dfa.distance(state), uses, word));
                    }
                    let evaluated: Vec<_> = vocabulary
                        .iter()
                        .map(|(w, u)| (w.clone(), u64::from(*u)))
                        .chain(
                            tools
                                .iter()
                                .filter(|w| !vocabulary.contains_key(*w))
                                .map(|w| (w.clone(), 1)),
                        )
                        .collect::<BTreeMap<_, _>>()
                        .into_iter()
                        .filter_map(|(w, u)| match dfa.eval(&w) {
                            d @ Distance::Exact(_) => Some((d, u, w)),
                            Distance::AtLeast(_) => None,
                        })
                        .collect();
                    assert_eq!(walked, evaluated, "{query}");
                }
            }
        }
    }
}
