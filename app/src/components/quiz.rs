//! The knowledge quiz island. Choosing an option (with a tap, or arrow keys in a
//! radio group) only selects it: nothing is marked until "Check my answers". Then
//! the score appears above the questions and takes the focus, and each option says
//! in words whether it is the correct answer and whether it was the reader's.
//! Without JavaScript the form posts to the server, which scores it and renders
//! the same marked page, opened at the score (`#score`).

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
    let finished = RwSignal::new(was_submitted);
    // Controls that only work with JavaScript appear once the island is alive.
    let hydrated = super::hydrated(|| {});
    let score_heading = NodeRef::<leptos::html::H2>::new();
    let first_option = NodeRef::<leptos::html::Input>::new();
    let quiz = StoredValue::new(quiz);
    let href = quiz.with_value(|q| paths::quiz(&q.id));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        finished.set(true);
        // The score is rendered by then; move the focus there so it is read out.
        request_animation_frame(move || {
            if let Some(h) = score_heading.get_untracked() {
                let _ = h.focus();
            }
        });
    };
    let retry = move |_| {
        answers.set(vec![Vec::new(); n]);
        finished.set(false);
        // The button is gone; start again at the first question.
        if let Some(input) = first_option.get_untracked() {
            let _ = input.focus();
        }
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
                    let marked = move || finished.get() && (is_correct || is_checked());
                    let class = move || match (marked(), is_correct) {
                        (true, true) => "option is-correct",
                        (true, false) => "option is-wrong",
                        _ => "option",
                    };
                    // Said in words, not by colour alone.
                    let mark = move || {
                        marked().then(|| {
                            let text = match (is_checked(), is_correct) {
                                (true, true) => "Your answer · Correct answer",
                                (true, false) => "Your answer · Not right",
                                _ => "Correct answer",
                            };
                            view! { <span class="option-mark" data-test="mark">{text}</span> }
                        })
                    };
                    let node = if i == 0 && j == 0 { first_option } else { NodeRef::new() };
                    view! {
                        <label class=class>
                            <input
                                node_ref=node
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
                                }
                            />
                            <span>{option.text.clone()}{mark}</span>
                        </label>
                    }
                })
                .collect_view();
            let explanation = question.explanation.clone();
            let feedback = move || {
                finished.get().then(|| {
                    let verdict = answers.with(|a| quiz.with_value(|q| judge(q, i, &a[i])));
                    let (class, label) = match verdict {
                        Verdict::Correct => ("feedback is-correct", "You got this right."),
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
            view! {
                <fieldset class="question" data-test="question">
                    <legend>
                        <span class="question-number">{format!("Question {} of {n}", i + 1)}</span>
                        {question.prompt.clone()}
                        {multiple.then(|| view! { <span class="question-hint">" (choose all that apply)"</span> })}
                    </legend>
                    <div class="options">{options}</div>
                    {feedback}
                </fieldset>
            }
        })
        .collect_view();

    let result = move || {
        finished.get().then(|| {
            let score = answers.with(|a| quiz.with_value(|q| score_quiz(q, a)));
            view! {
                <div class="quiz-result" data-test="score">
                    <h2 id="score" tabindex="-1" node_ref=score_heading>
                        {format!("You got {} of {} right", score.correct, score.total)}
                    </h2>
                    <p>"Each question below now shows the correct answer and yours, with an explanation. The explanations matter more than the score."</p>
                </div>
            }
        })
    };
    let try_again = move || {
        let href = href.clone();
        finished.get().then(|| {
            if hydrated.get() {
                view! { <button type="button" class="button" on:click=retry>"Try again"</button> }
                    .into_any()
            } else {
                view! { <a class="button" href=href>"Try again"</a> }.into_any()
            }
        })
    };
    // Without JavaScript the scored page opens at the score.
    let action = quiz.with_value(|q| format!("{}#score", paths::quiz(&q.id)));

    view! {
        <form
            class="quiz"
            method="post"
            action=action
            on:submit=on_submit
            data-hydrated=move || hydrated.get().then_some("true")
        >
            {result}
            {questions}
            <div class="quiz-actions">
                {move || (!finished.get()).then(|| view! { <button type="submit" class="button">"Check my answers"</button> })}
                {try_again}
            </div>
        </form>
    }
}
