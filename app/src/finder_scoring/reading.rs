//! Reading a reader's finder answers: the checks the form and the API share, and the form.

use super::{FinderAnswers, RATING_MAX};
use crate::finder::{Choice, PreferenceFinder};
use crate::form_fields::Field;

/// Why an answer does not fit the finder. Both readers of a reader's answers (the
/// no-JavaScript form and the JSON API) check with [`check_rating`] and
/// [`check_option`] and word these in their own way.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AnswerError<'a> {
    /// A rating names an item the finder does not have.
    UnknownItem,
    /// A rating outside −[`RATING_MAX`] … [`RATING_MAX`].
    RatingOutOfRange,
    /// An option for a question the finder does not have.
    UnknownChoice,
    /// An option that is not one of the question's options.
    UnknownOption(&'a Choice),
}

/// The rating `rating` for the item `item`, checked: no arithmetic on the reader's
/// number before it is known to be in range.
pub fn check_rating(
    finder: &PreferenceFinder,
    item: &str,
    rating: i64,
) -> Result<i8, AnswerError<'static>> {
    if !finder.items.iter().any(|i| i.id == item) {
        return Err(AnswerError::UnknownItem);
    }
    i8::try_from(rating)
        .ok()
        .filter(|r| (-RATING_MAX..=RATING_MAX).contains(r))
        .ok_or(AnswerError::RatingOutOfRange)
}

/// The question `choice`, checked to have the option `option`.
pub fn check_option<'a>(
    finder: &'a PreferenceFinder,
    choice: &str,
    option: &str,
) -> Result<&'a Choice, AnswerError<'a>> {
    let choice = finder
        .choices
        .iter()
        .find(|c| c.id == choice)
        .ok_or(AnswerError::UnknownChoice)?;
    if choice.options.iter().any(|o| o.id == option) {
        Ok(choice)
    } else {
        Err(AnswerError::UnknownOption(choice))
    }
}

/// Read a posted finder form: `r.<item>` = rating, `c.<choice>` = option id. Other
/// fields (such as reflections, `p.<id>`) are left to their own reader.
pub fn answers_from_form(
    finder: &PreferenceFinder,
    fields: &[(String, String)],
) -> Result<FinderAnswers, String> {
    // Error texts name only the file's own questions, never what the reader sent.
    let mut answers = FinderAnswers::default();
    for (name, value) in fields {
        match Field::parse(name) {
            Some(Field::Rating(id)) => {
                let rating_error = || {
                    format!("a rating must be a whole number from -{RATING_MAX} to {RATING_MAX}")
                };
                // Not a number, or one beyond `i64`: out of range (checked after the item).
                let number: i64 = value.trim().parse().unwrap_or(i64::MAX);
                let r = check_rating(finder, id, number).map_err(|e| match e {
                    AnswerError::UnknownItem => {
                        "the form rates a statement this questionnaire does not have".to_string()
                    }
                    _ => rating_error(),
                })?;
                answers.ratings.insert(id.to_string(), r);
            }
            Some(Field::Choice(id)) => {
                let choice = check_option(finder, id, value).map_err(|e| match e {
                    AnswerError::UnknownOption(choice) => format!(
                        "“{}” was answered with something that is not one of its options",
                        choice.prompt
                    ),
                    _ => "the form answers a question this questionnaire does not have".to_string(),
                })?;
                let list = answers.choices.entry(id.to_string()).or_default();
                if !choice.multiple && !list.is_empty() {
                    return Err(format!("“{}” takes one answer", choice.prompt));
                }
                if !list.contains(value) {
                    list.push(value.clone());
                }
            }
            _ => {}
        }
    }
    Ok(answers)
}
