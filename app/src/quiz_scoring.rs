//! Pure scoring functions, the same in the browser (islands) and on the server
//! (no-JavaScript form posts).

use crate::content::Quiz;
use crate::form_fields::Field;
use serde::{Deserialize, Serialize};

/// The reader's picks: for each question, the indices of the options chosen.
pub type QuizAnswers = Vec<Vec<usize>>;

/// How one question was answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Unanswered,
    Correct,
    Incorrect,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizScore {
    pub verdicts: Vec<Verdict>,
    pub correct: usize,
    pub total: usize,
}

/// Judge one question: right only when exactly the correct options were picked.
pub fn judge(quiz: &Quiz, question: usize, picked: &[usize]) -> Verdict {
    let Some(q) = quiz.questions.get(question) else {
        return Verdict::Unanswered;
    };
    if picked.is_empty() {
        return Verdict::Unanswered;
    }
    let mut picked = picked.to_vec();
    picked.sort_unstable();
    picked.dedup();
    if picked == q.correct() {
        Verdict::Correct
    } else {
        Verdict::Incorrect
    }
}

/// Score a whole quiz. Missing answers count as unanswered.
pub fn score_quiz(quiz: &Quiz, answers: &[Vec<usize>]) -> QuizScore {
    let verdicts: Vec<Verdict> = (0..quiz.questions.len())
        .map(|i| judge(quiz, i, answers.get(i).map_or(&[][..], Vec::as_slice)))
        .collect();
    let correct = verdicts.iter().filter(|v| **v == Verdict::Correct).count();
    QuizScore {
        verdicts,
        correct,
        total: quiz.questions.len(),
    }
}

/// Why a posted quiz form was rejected (answered with 400 and this text). The text
/// never repeats what the reader sent: field names and values are theirs, and only
/// numbers of questions that exist are named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormError(pub String);

/// Read a posted quiz form: fields `q<N>` with an option index as value. Every
/// number in the form is the reader's, so none is used in arithmetic before it is
/// known to index a real question or option (`q18446744073709551615` is refused,
/// not incremented).
pub fn answers_from_form(
    quiz: &Quiz,
    fields: &[(String, String)],
) -> Result<QuizAnswers, FormError> {
    let mut answers: QuizAnswers = vec![Vec::new(); quiz.questions.len()];
    for (name, value) in fields {
        let Some(Field::QuizAnswer(index)) = Field::parse(name) else {
            return Err(FormError(
                "the form has a field that is not one of this quiz's questions".into(),
            ));
        };
        let (Some(question), Some(picked)) = (quiz.questions.get(index), answers.get_mut(index))
        else {
            return Err(FormError(
                "the form answers a question this quiz does not have".into(),
            ));
        };
        // `index` is below the number of questions here, so this cannot overflow.
        let number = index.saturating_add(1);
        let option = value
            .parse::<usize>()
            .ok()
            .filter(|o| *o < question.options.len())
            .ok_or_else(|| {
                FormError(format!(
                    "question {number} has no such option (choose one of the listed answers)"
                ))
            })?;
        if !picked.contains(&option) {
            picked.push(option);
        }
    }
    Ok(answers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Question, QuizOption};
    use proptest::prelude::*;

    fn quiz() -> Quiz {
        let opt = |t: &str, c: bool| QuizOption {
            text: t.into(),
            correct: c,
        };
        Quiz {
            id: "q".into(),
            title: "Q".into(),
            summary: "S".into(),
            article: None,
            order: 1,
            questions: vec![
                Question {
                    prompt: "one".into(),
                    options: vec![opt("a", true), opt("b", false)],
                    explanation: "e".into(),
                },
                Question {
                    prompt: "two".into(),
                    options: vec![opt("a", true), opt("b", true), opt("c", false)],
                    explanation: "e".into(),
                },
            ],
        }
    }

    #[test]
    fn scores_single_and_multiple() {
        let q = quiz();
        let s = score_quiz(&q, &[vec![0], vec![1, 0]]);
        assert_eq!(s.correct, 2);
        let s = score_quiz(&q, &[vec![1], vec![0]]);
        assert_eq!(s.verdicts, vec![Verdict::Incorrect, Verdict::Incorrect]);
        let s = score_quiz(&q, &[]);
        assert_eq!(s.verdicts, vec![Verdict::Unanswered, Verdict::Unanswered]);
    }

    #[test]
    fn form_is_validated() {
        let q = quiz();
        let f = |k: &str, v: &str| (k.to_string(), v.to_string());
        assert_eq!(
            answers_from_form(&q, &[f("q0", "0"), f("q1", "1"), f("q1", "0")]).unwrap(),
            vec![vec![0], vec![1, 0]]
        );
        assert!(answers_from_form(&q, &[f("q2", "0")]).is_err());
        assert!(answers_from_form(&q, &[f("q0", "5")]).is_err());
        assert!(answers_from_form(&q, &[f("name", "x")]).is_err());
    }

    #[test]
    fn huge_numbers_are_refused_without_overflow() {
        let q = quiz();
        let f = |k: &str, v: &str| (k.to_string(), v.to_string());
        let max = usize::MAX.to_string();
        for fields in [
            vec![f(&format!("q{max}"), "0")],
            vec![f("q18446744073709551615", "0")],
            vec![f("q18446744073709551616", "0")],
            vec![f("q0", &max)],
            vec![f("q1", "18446744073709551616")],
            vec![f("q-1", "0")],
            vec![f("q0", "-1")],
        ] {
            let e = answers_from_form(&q, &fields).unwrap_err();
            assert!(!e.0.contains(&max), "{e:?} repeats the reader's number");
        }
        assert_eq!(
            answers_from_form(&q, &[f("q1", "9")]).unwrap_err().0,
            "question 2 has no such option (choose one of the listed answers)"
        );
    }

    proptest! {
        #[test]
        fn any_form_is_read_or_refused(fields in proptest::collection::vec(
            ("(q[0-9]{0,25}|q\\PC{0,4}|\\PC{0,6})", "(-?[0-9]{0,25}|\\PC{0,6})"), 0..8)
        ) {
            let q = quiz();
            if let Ok(answers) = answers_from_form(&q, &fields) {
                prop_assert_eq!(answers.len(), q.questions.len());
                for (picked, question) in answers.iter().zip(&q.questions) {
                    prop_assert!(picked.iter().all(|o| *o < question.options.len()));
                }
            }
        }

        #[test]
        fn score_is_bounded(answers in proptest::collection::vec(proptest::collection::vec(0usize..5, 0..4), 0..4)) {
            let q = quiz();
            let s = score_quiz(&q, &answers);
            prop_assert!(s.correct <= s.total);
            prop_assert_eq!(s.verdicts.len(), q.questions.len());
        }
    }
}
