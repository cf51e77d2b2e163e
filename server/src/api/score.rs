//! Stateless scoring: answers in, the result the pages show out, by the same scoring
//! functions as the no-JavaScript forms and the islands. The body lives only in this
//! request's memory: it is never logged, stored or repeated in an error (the caching
//! layer marks every POST `no-store`).

use super::problem::{ApiProblem, Problem};
use super::read::versioned;
use crate::AppState;
use app::content::SharedLibrary;
use app::finder::PreferenceFinder;
use app::finder_scoring::{AnswerError, FinderAnswers, check_option, check_rating, score};
use app::quiz_scoring::{Verdict, score_quiz};
use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The largest scoring body read (a finder with hundreds of items fits many times).
pub const MAX_BODY: usize = 64 * 1024;

/// Whether the body is declared JSON (`application/json` or `…+json`, parameters
/// such as `charset` allowed).
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|essence| essence.trim().to_ascii_lowercase())
        .is_some_and(|e| {
            e == "application/json" || (e.starts_with("application/") && e.ends_with("+json"))
        })
}

/// Read and decode a JSON body of at most [`MAX_BODY`] bytes.
async fn read_json<T: DeserializeOwned>(headers: &HeaderMap, body: Body) -> Result<T, ApiProblem> {
    if !is_json(headers) {
        return Err(ApiProblem::UnsupportedMediaType);
    }
    let bytes = match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => {
            return Err(ApiProblem::TooLarge(MAX_BODY));
        }
        Err(_) => return Err(ApiProblem::MalformedJson { line: 1, column: 0 }),
    };
    // Syntax first, so that a broken document is "malformed" wherever its first
    // shape error would be; then the shape.
    serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).map_err(|e| {
        ApiProblem::MalformedJson {
            line: e.line(),
            column: e.column(),
        }
    })?;
    serde_json::from_slice(&bytes).map_err(|e| ApiProblem::InvalidBody {
        line: e.line(),
        column: e.column(),
    })
}

/// A result, naming the content version whose weights and answers scored it.
fn ok_json(state: &AppState, library: &SharedLibrary, value: &impl Serialize) -> Response {
    let version = state.api.snapshot(library).version.clone();
    versioned(&version, serde_json::to_vec(value).unwrap_or_default())
}

/// A reader's picks: for each question in order, the indices of the options chosen
/// (an empty list, or no entry, leaves the question unanswered).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuizScoreRequest {
    pub answers: Vec<Vec<usize>>,
}

/// How one question was answered.
#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionVerdict {
    Unanswered,
    Correct,
    Incorrect,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionResult {
    pub verdict: QuestionVerdict,
    /// The options picked, ascending.
    pub picked: Vec<usize>,
    /// The correct options, ascending.
    pub correct_options: Vec<usize>,
    pub explanation: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QuizScoreResponse {
    pub quiz: String,
    pub correct: usize,
    pub total: usize,
    pub questions: Vec<QuestionResult>,
    /// Shown with every result.
    pub notice: String,
}

const QUIZ_NOTICE: &str =
    "This quiz checks what you have read. It is not a test of you, and not a diagnosis.";

/// Score a knowledge quiz. Nothing is stored or logged.
#[utoipa::path(post, path = "/api/v1/quizzes/{id}/score", tag = "score",
    params(("id" = String, Path, description = "The quiz's id")),
    request_body(content = QuizScoreRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The score, question by question", body = QuizScoreResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such quiz", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not sent as JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown question or option, or too many options", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn score_quiz_answers(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let library = state.store.current();
    let Some(quiz) = id.ok().and_then(|Path(id)| library.quizzes.get(&id)) else {
        return ApiProblem::NotFound("quiz").into_response();
    };
    let request: QuizScoreRequest = match read_json(&headers, body).await {
        Ok(r) => r,
        Err(p) => return p.into_response(),
    };
    if request.answers.len() > quiz.questions.len() {
        return ApiProblem::UnknownAnswer(format!(
            "There are more answers than this quiz has questions (it has {})",
            quiz.questions.len()
        ))
        .into_response();
    }
    let mut answers = Vec::with_capacity(request.answers.len());
    for (number, (question, picked)) in quiz.questions.iter().zip(request.answers).enumerate() {
        let number = number + 1;
        let options = question.options.len();
        if picked.iter().any(|o| *o >= options) {
            return ApiProblem::UnknownAnswer(format!(
                "Question {number} has no such option (it has {options}, numbered from 0)"
            ))
            .into_response();
        }
        let mut picked = picked;
        picked.sort_unstable();
        picked.dedup();
        if picked.len() > 1 && !question.is_multiple() {
            return ApiProblem::TooManyOptions(format!("Question {number} takes one option"))
                .into_response();
        }
        answers.push(picked);
    }
    let result = score_quiz(quiz, &answers);
    let questions = quiz
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| QuestionResult {
            verdict: match result.verdicts.get(i) {
                Some(Verdict::Correct) => QuestionVerdict::Correct,
                Some(Verdict::Incorrect) => QuestionVerdict::Incorrect,
                _ => QuestionVerdict::Unanswered,
            },
            picked: answers.get(i).cloned().unwrap_or_default(),
            correct_options: q.correct(),
            explanation: q.explanation.clone(),
        })
        .collect();
    ok_json(
        &state,
        &library,
        &QuizScoreResponse {
            quiz: quiz.id.clone(),
            correct: result.correct,
            total: result.total,
            questions,
            notice: QUIZ_NOTICE.into(),
        },
    )
}

/// A reader's finder answers: a rating per item id (a whole number from −3, the
/// item's `left` statement, to +3, its `right`; 0 or no entry is no preference),
/// and the option ids picked per choice id.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FinderScoreRequest {
    #[serde(default)]
    pub ratings: BTreeMap<String, i64>,
    #[serde(default)]
    pub choices: BTreeMap<String, Vec<String>>,
}

/// Where the reader stands on one dimension.
#[derive(Debug, Serialize, ToSchema)]
pub struct DimensionResult {
    pub id: String,
    pub title: String,
    /// Mean rating of the dimension's items, −3 … +3.
    pub score: f64,
    /// The band's strength (e.g. none, moderate, strong).
    pub strength: String,
    pub band_text: String,
    /// The label of the pole the reader leans to; absent when there is no leaning.
    pub leaning: Option<String>,
    pub leaning_text: Option<String>,
    /// The labels of the scale's ends (−3 and +3).
    pub left: String,
    pub right: String,
}

/// An approach worth asking about, and why.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApproachResult {
    /// The approach's article slug.
    pub article: String,
    pub name: String,
    pub score: f64,
    pub combine: String,
    /// The answers that led here, strongest first.
    pub why: Vec<String>,
}

/// A practical wish: the question and the labels of the options picked.
#[derive(Debug, Serialize, ToSchema)]
pub struct PracticalWish {
    pub question: String,
    pub picked: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FinderScoreResponse {
    pub dimensions: Vec<DimensionResult>,
    /// Best first.
    pub approaches: Vec<ApproachResult>,
    /// Questions to ask a prospective therapist.
    pub questions: Vec<String>,
    pub practical: Vec<PracticalWish>,
    /// Shown with every result.
    pub notice: String,
}

const FINDER_NOTICE: &str = "This is not a diagnosis. It describes the preferences you gave \
     today, and they may change. It cannot tell whether you need help, or which help is right. \
     If you are struggling now, find crisis help: /crisis";

/// Check the answers against the finder and turn them into the scorer's input.
#[allow(clippy::field_reassign_with_default)] // the model may gain fields
fn finder_answers(
    finder: &PreferenceFinder,
    request: FinderScoreRequest,
) -> Result<FinderAnswers, ApiProblem> {
    let unknown = |e: AnswerError<'_>| match e {
        AnswerError::RatingOutOfRange => ApiProblem::RatingOutOfRange,
        AnswerError::UnknownItem => {
            ApiProblem::UnknownAnswer("A rating names an item the finder does not have".into())
        }
        AnswerError::UnknownChoice => {
            ApiProblem::UnknownAnswer("A choice names a question the finder does not have".into())
        }
        AnswerError::UnknownOption(_) => {
            ApiProblem::UnknownAnswer("An option is not one of its question's options".into())
        }
    };
    let mut ratings = BTreeMap::new();
    for (item, rating) in request.ratings {
        let rating = check_rating(finder, &item, rating).map_err(unknown)?;
        ratings.insert(item, rating);
    }
    let mut choices = BTreeMap::new();
    for (id, mut picked) in request.choices {
        let Some(choice) = finder.choices.iter().find(|c| c.id == id) else {
            return Err(unknown(AnswerError::UnknownChoice));
        };
        for p in &picked {
            check_option(finder, &id, p).map_err(unknown)?;
        }
        picked.sort_unstable();
        picked.dedup();
        if picked.len() > 1 && !choice.multiple {
            return Err(ApiProblem::TooManyOptions(
                "A question that takes one option has several".into(),
            ));
        }
        choices.insert(id, picked);
    }
    let mut answers = FinderAnswers::default();
    answers.ratings = ratings;
    answers.choices = choices;
    Ok(answers)
}

/// Score the preference finder: the profile the finder page shows. Nothing is stored or logged.
#[utoipa::path(post, path = "/api/v1/finder/score", tag = "score",
    request_body(content = FinderScoreRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The profile the finder page shows", body = FinderScoreResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The content has no finder", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not sent as JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown item, choice or option, a rating out of range, or too many options", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn score_finder(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let library = state.store.current();
    let Some(finder) = &library.finder else {
        return ApiProblem::NotFound("finder").into_response();
    };
    let answers = match read_json(&headers, body)
        .await
        .and_then(|request| finder_answers(finder, request))
    {
        Ok(a) => a,
        Err(p) => return p.into_response(),
    };
    let profile = score(finder, &answers);
    ok_json(
        &state,
        &library,
        &FinderScoreResponse {
            dimensions: profile
                .dimensions
                .iter()
                .map(|d| DimensionResult {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    score: d.score,
                    strength: d.strength.clone(),
                    band_text: d.band_text.clone(),
                    leaning: d.leaning.clone(),
                    leaning_text: d.leaning_text.clone(),
                    left: d.left.clone(),
                    right: d.right.clone(),
                })
                .collect(),
            approaches: profile
                .approaches
                .iter()
                .map(|a| ApproachResult {
                    article: a.article.clone(),
                    name: a.name.clone(),
                    score: a.score,
                    combine: a.combine.clone(),
                    why: a.why.clone(),
                })
                .collect(),
            questions: profile.questions.clone(),
            practical: profile
                .practical
                .iter()
                .map(|(question, picked)| PracticalWish {
                    question: question.clone(),
                    picked: picked.clone(),
                })
                .collect(),
            notice: FINDER_NOTICE.into(),
        },
    )
}
