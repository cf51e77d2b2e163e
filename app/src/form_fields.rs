//! The names of the fields in our forms, in one place: the islands write them and
//! the no-JavaScript readers (quiz, finder, reflections) parse them.
//!
//! | field | holds |
//! |---|---|
//! | `r.<item id>` | a finder rating, `-3` … `3` |
//! | `c.<choice id>` | a finder choice's option id (repeated for several) |
//! | `p.<question id>` | a reflection note |
//! | `q<index>` | a quiz answer's option index (repeated for several) |

const RATING: &str = "r.";
const CHOICE: &str = "c.";
const NOTE: &str = "p.";
const QUIZ_ANSWER: char = 'q';

/// The field of a finder rating for the item `id`.
pub fn rating(id: &str) -> String {
    format!("{RATING}{id}")
}

/// The field of a finder choice `id` (its value is an option id).
pub fn choice(id: &str) -> String {
    format!("{CHOICE}{id}")
}

/// The field of the reflection note for the question `id`.
pub fn note(id: &str) -> String {
    format!("{NOTE}{id}")
}

/// The field of the quiz question at `index` (counted from 0; its value is an
/// option index).
pub fn quiz_answer(index: usize) -> String {
    format!("{QUIZ_ANSWER}{index}")
}

/// A field name read back. The ids are the reader's text, not yet checked against
/// the content; a quiz index is a number that fits in `usize`, not yet checked
/// against the quiz.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field<'a> {
    Rating(&'a str),
    Choice(&'a str),
    Note(&'a str),
    QuizAnswer(usize),
}

impl<'a> Field<'a> {
    /// Read a field name; `None` for a name that none of our forms writes.
    pub fn parse(name: &'a str) -> Option<Self> {
        if let Some(id) = name.strip_prefix(RATING) {
            Some(Field::Rating(id))
        } else if let Some(id) = name.strip_prefix(CHOICE) {
            Some(Field::Choice(id))
        } else if let Some(id) = name.strip_prefix(NOTE) {
            Some(Field::Note(id))
        } else {
            // As `usize::from_str` reads it: `q+1` is question 1, `q-1` and numbers
            // beyond `usize::MAX` are refused here, before any arithmetic.
            let index = name.strip_prefix(QUIZ_ANSWER)?.parse().ok()?;
            Some(Field::QuizAnswer(index))
        }
    }

    /// The field's name, as the forms write it.
    pub fn name(&self) -> String {
        match self {
            Field::Rating(id) => rating(id),
            Field::Choice(id) => choice(id),
            Field::Note(id) => note(id),
            Field::QuizAnswer(index) => quiz_answer(*index),
        }
    }

    /// Whether the finder's and the reflections' forms write this field (every
    /// field but a quiz answer).
    pub fn is_answers_field(&self) -> bool {
        !matches!(self, Field::QuizAnswer(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_are_the_published_ones() {
        assert_eq!(rating("who-chooses-topics"), "r.who-chooses-topics");
        assert_eq!(choice("format"), "c.format");
        assert_eq!(note("you"), "p.you");
        assert_eq!(quiz_answer(0), "q0");
        assert_eq!(quiz_answer(12), "q12");
    }

    #[test]
    fn other_names_are_refused() {
        for name in [
            "",
            "q",
            "q-1",
            "q1x",
            "q18446744073709551616",
            "password",
            "r",
            "R.x",
            "p",
        ] {
            assert_eq!(Field::parse(name), None, "{name}");
        }
        assert_eq!(
            Field::parse("q18446744073709551615"),
            Some(Field::QuizAnswer(usize::MAX))
        );
        assert_eq!(Field::parse("q+1"), Some(Field::QuizAnswer(1)));
        assert_eq!(Field::parse("r."), Some(Field::Rating("")));
    }

    proptest! {
        #[test]
        fn ids_round_trip(id in "\\PC{0,12}") {
            let (r, c, n) = (rating(&id), choice(&id), note(&id));
            prop_assert_eq!(Field::parse(&r), Some(Field::Rating(&id)));
            prop_assert_eq!(Field::parse(&c), Some(Field::Choice(&id)));
            prop_assert_eq!(Field::parse(&n), Some(Field::Note(&id)));
        }

        #[test]
        fn quiz_answers_round_trip(index in any::<usize>()) {
            let name = quiz_answer(index);
            prop_assert_eq!(Field::parse(&name), Some(Field::QuizAnswer(index)));
        }

        #[test]
        fn parsed_names_are_written_back_unchanged(name in "(r\\.|c\\.|p\\.|q)?\\PC{0,8}") {
            if let Some(field) = Field::parse(&name) {
                // `q007` and `q+7` read as 7, which writes back as `q7`; every other name is
                // written back as it was.
                if let Field::QuizAnswer(i) = field {
                    let written = field.name();
                    prop_assert_eq!(Field::parse(&written), Some(Field::QuizAnswer(i)));
                } else {
                    prop_assert_eq!(field.name(), name);
                }
            }
        }
    }
}
