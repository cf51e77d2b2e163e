//! A query's words: as written, stemmed, and typo-corrected against the vocabulary.
//!
//! Beside the index, a vocabulary of the words as written (lower-cased) with the number
//! of articles using each: a query word that is not in it is corrected to the nearest
//! word there (Levenshtein automata, one or two edits, the most used word on a tie;
//! the word being typed may also be a beginning), and the correction is searched
//! like a word spelt right, so a typo ranks as its correction does. (Edit distance
//! on stems fails on a typo that changes the stem: "integrativ" is not within two
//! edits of the stem "integr".)

use super::{MAX_QUERY, SearchIndex};
use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};
use std::collections::BTreeSet;
use std::ops::Bound::{self, Excluded, Unbounded};
use std::sync::LazyLock;
use tantivy::Index;
use tantivy::tokenizer::TokenStream;

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
        self.vocabulary.contains_key(word) || self.tools.words.contains(word)
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
        // A word only the tools use counts as used once.
        let vocabulary = |from: Bound<&str>| {
            let words = self.vocabulary.range::<str, _>((from, Unbounded));
            words.map(|(w, uses)| (w, *uses))
        };
        let tool_words = |from: Bound<&str>| {
            let words = self.tools.words.range::<str, _>((from, Unbounded));
            words
                .filter(|w| !self.vocabulary.contains_key(*w))
                .map(|w| (w, 1))
        };
        let mut found: Vec<(u8, std::cmp::Reverse<u32>, &String)> = within(&dfa, vocabulary)
            .into_iter()
            .chain(within(&dfa, tool_words))
            .filter(|(_, _, candidate)| candidate.as_str() != word)
            .collect();
        found.sort();
        found
            .into_iter()
            .take(MAX_CORRECTIONS)
            .map(|(_, _, w)| w.clone())
            .collect()
    }
}

/// The words that `dfa` accepts among those that `from(bound)` lists in order after
/// `bound`, with their distance and (reversed) uses: what `dfa.eval` accepts, but each
/// word walks on from the state that the beginning it shares with the word before
/// left, and a beginning that no edit can save (the automaton's sink) skips every word
/// that begins with it.
fn within<'a, I: Iterator<Item = (&'a String, u32)>>(
    dfa: &DFA,
    from: impl Fn(Bound<&str>) -> I,
) -> Vec<(u8, std::cmp::Reverse<u32>, &'a String)> {
    // `states[i]`: the state after the first `i` bytes of the word before.
    let mut states = vec![dfa.initial_state()];
    let mut before: &[u8] = &[];
    let mut found = Vec::new();
    let mut after = String::new();
    let mut words = from(Unbounded);
    while let Some((word, uses)) = words.next() {
        let bytes = word.as_bytes();
        let shared = before.iter().zip(bytes).take_while(|(a, b)| a == b).count();
        states.truncate(shared + 1);
        let mut state = states[states.len() - 1];
        if state != SINK_STATE {
            for &b in &bytes[states.len() - 1..] {
                state = dfa.transition(state, b);
                states.push(state);
                if state == SINK_STATE {
                    break;
                }
            }
        }
        before = bytes;
        if state == SINK_STATE {
            // Its first `dead` bytes lead to the sink: go on after every word that
            // begins with them (all sort before them followed by the last char).
            let dead = states.len() - 1;
            if word.is_char_boundary(dead) {
                after.clear();
                after.push_str(&word[..dead]);
                after.push(char::MAX);
                words = from(Excluded(after.as_str()));
            }
        } else if let Distance::Exact(d) = dfa.distance(state) {
            found.push((d, std::cmp::Reverse(uses), word));
        }
    }
    found
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

    /// The shared-beginning walk accepts exactly what evaluating each word does.
    #[test]
    fn the_walk_agrees_with_evaluating_every_word() {
        use super::{LEVENSHTEIN, within};
        use levenshtein_automata::Distance;
        use std::collections::BTreeSet;
        let text = "anxiety anxious ants an a therapy therapies therapist thera theraputic \
                    family familiar famine fam integrative integrate integr cognitive cog \
                    cognition behaviour behavior behavioural é éclat eclectic eclecticism \
                    fa fam famil families familyy familz fb fc fz ga zz \u{10FFFF}";
        let words: BTreeSet<String> = text.split_whitespace().map(String::from).collect();
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
                    let from = |b: std::ops::Bound<&str>| {
                        let after = words.range::<str, _>((b, std::ops::Bound::Unbounded));
                        after.map(|w| (w, 1))
                    };
                    let walked = within(&dfa, from);
                    let evaluated: Vec<_> = words
                        .iter()
                        .filter_map(|w| match dfa.eval(w) {
                            Distance::Exact(d) => Some((d, std::cmp::Reverse(1), w)),
                            Distance::AtLeast(_) => None,
                        })
                        .collect();
                    assert_eq!(walked, evaluated, "{query}");
                }
            }
        }
    }
}
