//! The stems of the articles' words, computed once per content load, for snippets.
//!
//! Highlighting a passage tokenizes it as the index did (`en_stem`) to find the
//! query's stems; stemming every word of every shown passage was the largest single
//! cost of a search after the passage lookups. The vocabulary's stems are computed
//! when the index is built (a pure function of the word, so a map that only grows
//! stays right), and the snippet tokenizer looks them up: the same tokens at the same
//! offsets as `en_stem`, the same stems. A word not in the map is stemmed as before.

use std::collections::HashMap;
use std::sync::Arc;
use tantivy::tokenizer::{
    BoxTokenStream, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// `en_stem` without its last step: tokens lower-cased, not stemmed.
fn lower_cased() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build()
}

/// `en_stem`'s last step alone: the stem of one (lower-cased) token.
fn stemmer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The first token `stemmer` makes of `word` (its stem), or `word` if it makes none.
pub(super) fn stem_of(stemmer: &mut TextAnalyzer, word: &str) -> String {
    let mut stream = stemmer.token_stream(word);
    if stream.advance() {
        stream.token().text.clone()
    } else {
        word.to_owned()
    }
}

/// A tokenizer that gives `en_stem`'s tokens, stems looked up in a map of known words.
#[derive(Clone)]
pub(super) struct KnownStems {
    lower_cased: TextAnalyzer,
    stemmer: TextAnalyzer,
    stems: Arc<HashMap<String, String>>,
}

impl KnownStems {
    /// The stems of `words` (lower-cased words as the articles use them).
    pub(super) fn of<'a>(words: impl Iterator<Item = &'a String>) -> Self {
        Self::default().with(words)
    }

    /// These stems and those of `words` that are not known yet.
    pub(super) fn with<'a>(&self, words: impl Iterator<Item = &'a String>) -> Self {
        let mut stemmer = stemmer();
        let mut new = words.filter(|w| !self.stems.contains_key(*w)).peekable();
        if new.peek().is_none() {
            return self.clone();
        }
        let mut stems = (*self.stems).clone();
        for word in new {
            let stem = stem_of(&mut stemmer, word);
            stems.insert(word.clone(), stem);
        }
        Self {
            stems: Arc::new(stems),
            ..self.clone()
        }
    }
}

impl Default for KnownStems {
    fn default() -> Self {
        Self {
            lower_cased: lower_cased(),
            stemmer: stemmer(),
            stems: Arc::default(),
        }
    }
}

impl Tokenizer for KnownStems {
    type TokenStream<'a> = KnownStemsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> KnownStemsStream<'a> {
        KnownStemsStream {
            tokens: self.lower_cased.token_stream(text),
            stemmer: &mut self.stemmer,
            stems: &self.stems,
        }
    }
}

pub(super) struct KnownStemsStream<'a> {
    tokens: BoxTokenStream<'a>,
    stemmer: &'a mut TextAnalyzer,
    stems: &'a HashMap<String, String>,
}

impl TokenStream for KnownStemsStream<'_> {
    fn advance(&mut self) -> bool {
        if !self.tokens.advance() {
            return false;
        }
        let token = self.tokens.token_mut();
        if let Some(stem) = self.stems.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
        } else {
            token.text = stem_of(self.stemmer, &token.text);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tokens.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tokens.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same tokens, offsets and stems as `en_stem`, known words or not.
    #[test]
    fn tokens_are_en_stem_tokens() {
        let text = "Families' THERAPIES: running, ran; naïve İstanbul café-goers \
                    supercalifragilisticexpialidociousandmorethanfortybytes x 42 \
                    generously happily agreed";
        let index = tantivy::Index::create_in_ram(tantivy::schema::Schema::builder().build());
        let mut en_stem = index.tokenizers().get("en_stem").unwrap();
        let tokens = |analyzer: &mut TextAnalyzer| {
            let mut stream = analyzer.token_stream(text);
            let mut out = Vec::new();
            while stream.advance() {
                out.push(stream.token().clone());
            }
            out
        };
        let expected = tokens(&mut en_stem);
        let known: Vec<String> = ["families", "running", "naïve", "happily", "café"]
            .map(String::from)
            .into();
        for stems in [KnownStems::default(), KnownStems::of(known.iter())] {
            assert_eq!(tokens(&mut TextAnalyzer::from(stems)), expected);
        }
    }
}
