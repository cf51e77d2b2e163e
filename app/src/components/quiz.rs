//! The knowledge quiz island: feedback on every tap after hydration, and a plain
//! form POST that the server scores when JavaScript is off.

use crate::content::Quiz;
use crate::form_fields;
use crate::paths;
use crate::quiz_scoring::{QuizAnswers, Verdict, judge, score_quiz};
use leptos::prelude::*;

/// `submitted` holds the answers of a no-JavaScript post (empty otherwise).
#[island]
pub fn QuizRunner(quiz: Quiz, submitted: QuizAnswers) -> impl IntoView {
    let n = quiz.questions.len();
    let was_submitted = !submitted.is_empty();
    let mut initial = submitted;
    initial.resize(n, Vec::new());
    let answers = RwSignal::new(initial);
    let revealed = RwSignal::new(vec![was_submitted; n]);
    let finished = RwSignal::new(was_submitted);
    // Controls that only work with JavaScript appear once the island is alive.
    let hydrated = super::hydrated(|| {});
    let quiz = StoredValue::new(quiz);
    let action = quiz.with_value(|q| paths::quiz(&q.id));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        revealed.set(vec![true; n]);
        finished.set(true);
    };
    let retry = move |_| {
        answers.set(vec![Vec::new(); n]);
        revealed.set(vec![false; n]);
        finished.set(false);
    };

    let questions = (0..n)
        .map(|i| {
            let question = quiz.with_value(|q| q.questions[i].clone());
            let multiple = question.is_multiple();
            let name = form_fields::quiz_answer(i);
            let options = question
                .options
                .iter()
                .enumerate()
                .map(|(j, option)| {
                    let is_checked = move || answers.with(|a| a[i].contains(&j));
                    let is_correct = option.correct;
                    let class = move || {
                        let mut c = String::from("option");
                        if revealed.with(|r| r[i]) {
                            if is_correct {
                                c.push_str(" is-correct");
                            } else if is_checked() {
                                c.push_str(" is-wrong");
                            }
                        }
                        c
                    };
                    view! {
                        <label class=class>
                            <input
                                type=if multiple { "checkbox" } else { "radio" }
                                name=name.clone()
                                value=j.to_string()
                                checked=is_checked
                                prop:checked=is_checked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    answers.update(|a| {
                                        if multiple {
                                            a[i].retain(|x| *x != j);
                                            if on { a[i].push(j); }
                                        } else {
                                            a[i] = vec![j];
                                        }
                                    });
                                    if !multiple {
                                        revealed.update(|r| r[i] = true);
                                    }
                                }
                            />
                            <span>{option.text.clone()}</span>
                        </label>
                    }
                })
                .collect_view();
            let explanation = question.explanation.clone();
            let verdict = move || answers.with(|a| quiz.with_value(|q| judge(q, i, &a[i])));
            let feedback = move || {
                revealed.with(|r| r[i]).then(|| {
                    let (class, label) = match verdict() {
                        Verdict::Correct => ("feedback is-correct", "Correct."),
                        Verdict::Incorrect => ("feedback is-wrong", "Not quite."),
                        Verdict::Unanswered => ("feedback", "Not answered."),
                    };
                    view! {
                        <p class=class data-test="feedback">
                            <strong>{label}</strong>" "{explanation.clone()}
                        </p>
                    }
                })
            };
            let check_button = move || {
                (multiple && hydrated.get() && !revealed.with(|r| r[i])).then(|| {
                    view! {
                        <button type="button" class="button secondary" on:click=move |_| revealed.update(|r| r[i] = true)>
                            "Check this answer"
                        </button>
                    }
                })
            };
            view! {
                <fieldset class="question" data-test="question">
                    <legend>
                        <span class="question-number">{format!("Question {} of {n}", i + 1)}</span>
                        {question.prompt.clone()}
                        {multiple.then(|| view! { <span class="question-hint">" (choose all that apply)"</span> })}
                    </legend>
                    <div class="options">{options}</div>
                    {check_button}
                    <div aria-live="polite">{feedback}</div>
                </fieldset>
            }
        })
        .collect_view();

    let result = move || {
        finished.get().then(|| {
            let score = answers.with(|a| quiz.with_value(|q| score_quiz(q, a)));
            view! {
                <div class="quiz-result" role="status" data-test="score">
                    <p class="score">{format!("You got {} of {} right.", score.correct, score.total)}</p>
                    <p>"Read each explanation above: they matter more than the score."</p>
                </div>
            }
        })
    };
    let try_again = move || {
        let href = action.clone();
        finished.get().then(|| {
            if hydrated.get() {
                view! { <button type="button" class="button" on:click=retry>"Try again"</button> }
                    .into_any()
            } else {
                view! { <a class="button" href=href>"Try again"</a> }.into_any()
            }
        })
    };
    let action = quiz.with_value(|q| paths::quiz(&q.id));

    view! {
        <form
            class="quiz"
            method="post"
            action=action
            on:submit=on_submit
            data-hydrated=move || hydrated.get().then_some("true")
        >
            {questions}
            {result}
            <div class="quiz-actions">
                {move || (!finished.get()).then(|| view! { <button type="submit" class="button">"Check my answers"</button> })}
                {try_again}
            </div>
        </form>
    }
}
