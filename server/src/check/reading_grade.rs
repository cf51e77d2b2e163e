//! A reading-grade estimate for an article: the Flesch–Kincaid grade level
//! (Kincaid et al., 1975) of its plain text,
//! `0.39 × words per sentence + 11.8 × syllables per word − 15.59`, a US school
//! grade. Syllables are counted with a small English heuristic (vowel groups, with
//! silent endings taken off), so the grade is an estimate for spotting hard pages,
//! not a measurement.

/// Above this grade `check` warns: a reading age of about 14 (content/README.md).
pub const MAX_GRADE: f64 = 9.0;

/// Words, sentences and syllables of a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
}

impl Counts {
    /// The Flesch–Kincaid grade; `None` for a text without words.
    pub fn grade(&self) -> Option<f64> {
        if self.words == 0 {
            return None;
        }
        let words = self.words as f64;
        let sentences = self.sentences.max(1) as f64;
        Some(0.39 * words / sentences + 11.8 * self.syllables as f64 / words - 15.59)
    }
}

/// Short forms whose full stop does not end a sentence.
const ABBREVIATIONS: [&str; 10] = [
    "e.g", "i.e", "etc", "dr", "mr", "mrs", "ms", "vs", "st", "no",
];

/// Count the words, sentences and syllables of plain `text`. A word is a run of
/// non-space characters with at least one letter (numbers alone are not words);
/// a sentence ends at `.`, `!` or `?` at the end of a word, except after an
/// abbreviation or a single letter (initials such as "J. S.").
pub fn counts(text: &str) -> Counts {
    let mut c = Counts::default();
    let mut open = false; // words since the last sentence end
    for token in text.split_whitespace() {
        if !token.chars().any(char::is_alphabetic) {
            continue;
        }
        c.words += 1;
        open = true;
        c.syllables += token
            .split(|ch: char| !ch.is_alphabetic() && ch != '\'' && ch != '’')
            .filter(|p| p.chars().any(char::is_alphabetic))
            .map(syllables)
            .sum::<usize>()
            .max(1);
        let core = token.trim_end_matches(['"', '\'', '’', '”', ')', ']', '*', '_']);
        if core.ends_with(['.', '!', '?']) {
            let stem = core
                .trim_end_matches(['.', '!', '?'])
                .trim_start_matches(['"', '\'', '‘', '“', '(', '[', '*', '_'])
                .to_lowercase();
            let initial = stem.chars().count() == 1 && core.ends_with('.');
            let abbreviation = core.ends_with('.') && ABBREVIATIONS.contains(&stem.as_str());
            if !initial && !abbreviation {
                c.sentences += 1;
                open = false;
            }
        }
    }
    if open {
        c.sentences += 1;
    }
    c
}

/// The grade of plain `text`; `None` when it has no words.
pub fn grade(text: &str) -> Option<f64> {
    counts(text).grade()
}

/// Syllables in one word (letters and apostrophes), at least 1.
pub fn syllables(word: &str) -> usize {
    let w: Vec<char> = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if w.is_empty() {
        return 0;
    }
    if w.len() <= 3 {
        return 1;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut groups = 0;
    let mut prev = false;
    for (i, &ch) in w.iter().enumerate() {
        // A `y` starting a word is a consonant ("yes", "young").
        let v = vowel(ch) && !(ch == 'y' && i == 0);
        if v && !prev {
            groups += 1;
        }
        prev = v;
    }
    let n = w.len();
    let ends = |s: &str| w.iter().rev().take(s.len()).rev().copied().eq(s.chars());
    let consonant_at = |i: usize| !vowel(w[i]);
    // Silent endings: "make", "whale", "hoped", "takes"; but "table", "wanted",
    // "boxes" keep their sound.
    let silent_e = ends("e") && !ends("le") && !ends("ee") && !ends("ie");
    let silent_le = ends("le") && n > 2 && !consonant_at(n - 3);
    let silent_ed = ends("ed") && n > 2 && !matches!(w[n - 3], 't' | 'd') && consonant_at(n - 3);
    let silent_es = ends("es")
        && n > 2
        && consonant_at(n - 3)
        && !matches!(w[n - 3], 's' | 'x' | 'z' | 'c' | 'g')
        && !ends("hes");
    if (silent_e || silent_le || silent_ed || silent_es) && groups > 1 {
        groups -= 1;
    }
    // Vowels that meet but are said apart: "media", "period" (not the one sound of
    // "-cial", "-tion", "-sion", "-gion"), "anxiety", "being", "going".
    for i in 1..n - 1 {
        let split_ia_io = w[i] == 'i'
            && matches!(w[i + 1], 'a' | 'o')
            && consonant_at(i - 1)
            && !matches!(w[i - 1], 'c' | 't' | 's' | 'g' | 'x');
        let split_iet = i + 2 < n && w[i] == 'i' && w[i + 1] == 'e' && w[i + 2] == 't';
        if split_ia_io || split_iet {
            groups += 1;
        }
    }
    if ends("ing") && n > 4 && vowel(w[n - 4]) {
        groups += 1;
    }
    groups.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_common_words() {
        for (word, n) in [
            ("the", 1),
            ("cat", 1),
            ("make", 1),
            ("whale", 1),
            ("hoped", 1),
            ("takes", 1),
            ("table", 2),
            ("wanted", 2),
            ("boxes", 2),
            ("therapy", 3),
            ("therapist", 3),
            ("feeling", 2),
            ("anxiety", 4),
            ("psychology", 4),
            ("relationship", 4),
            ("understanding", 4),
            ("yes", 1),
            ("evidence", 3),
            ("you're", 1),
            ("media", 3),
            ("period", 3),
            ("being", 2),
            ("social", 2),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }

    #[test]
    fn sentences_end_at_stops_but_not_at_initials_or_abbreviations() {
        let c = counts("Beck, J. S. wrote it. Try it, e.g. at home! Does it help? Yes");
        assert_eq!(c.sentences, 4, "{c:?}");
        assert_eq!(c.words, 14, "{c:?}");
        assert_eq!(
            counts("In 2016, 12 trials.").words,
            2,
            "numbers are not words"
        );
    }

    #[test]
    fn grade_follows_the_formula() {
        // "The cat sat on the mat." 6 words, 1 sentence, 6 syllables:
        // 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45.
        let g = grade("The cat sat on the mat.").unwrap();
        assert!((g - (-1.45)).abs() < 1e-9, "{g}");
        assert_eq!(grade("  2026  "), None);
    }

    #[test]
    fn long_words_and_sentences_read_harder() {
        let easy = grade("We talk. You choose the topic. It can help you feel calm.").unwrap();
        let hard = grade(
            "Psychodynamic psychotherapy conceptualises interpersonal difficulties as \
             manifestations of unconscious intrapsychic conflict originating in early \
             developmental relationships, which the therapeutic relationship reactivates.",
        )
        .unwrap();
        assert!(easy < 3.0 && hard > MAX_GRADE + 5.0, "{easy} {hard}");
    }
}
