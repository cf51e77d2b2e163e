//! The finder's result, rendered on the server with every sentence a result can
//! hold, each marked with the key (`data-k`) that shows it; parts with an order of
//! their own (the approaches, the reasons for each) carry `data-o`.
//!
//! The server sets the switches for a result it scored itself (without
//! JavaScript); in the browser the finder and summary islands score the answers
//! with [`FinderModel`](crate::finder_scoring::FinderModel) and set the same
//! switches ([`crate::components::switches`]), so the result's words and markup
//! ship no code. Server only.

use crate::finder::PreferenceFinder;
use crate::finder_scoring::{RATING_MAX, keys, said, strength_word};
use leptos::prelude::*;

/// Says what a result is and is not, on every result.
#[component]
pub fn NotADiagnosis(#[prop(optional)] mine: bool) -> impl IntoView {
    view! {
        <p class="notice" role="note" data-test="not-a-diagnosis">
            <strong>"This is not a diagnosis."</strong>
            {if mine {
                " It describes the preferences I gave, and they may change. It cannot tell \
                 whether I need help, or which help is right. If I need help now, the numbers \
                 are at the end, or "
            } else {
                " It describes the preferences you gave today, and they may change. It cannot \
                 tell whether you need help, or which help is right. If you are struggling now, "
            }}
            <a href="/crisis">"find crisis help"</a>"."
        </p>
    }
}

/// The switches of a server render: the keys shown (every other marked part is
/// hidden until an island shows it) and the order of the ordered parts, as made by
/// the island's own function (`finder_switches`, `summary_switches`).
pub struct Switches {
    on: Vec<String>,
    order: Vec<String>,
}

impl Switches {
    pub fn new((on, order): (Vec<String>, Vec<String>)) -> Self {
        Switches { on, order }
    }

    /// Whether the part marked `key` is hidden.
    pub fn hidden(&self, key: &str) -> bool {
        !self.on.iter().any(|k| k == key)
    }

    /// Where the part marked `key` goes among its ordered siblings.
    fn rank(&self, key: &str) -> usize {
        self.order
            .iter()
            .position(|k| k == key)
            .unwrap_or(usize::MAX)
    }
}

/// The result (see the module's documentation), in the reader's voice ("You said")
/// or, for the summary they keep, their own ("I said").
pub fn profile_template(
    finder: &PreferenceFinder,
    on: &Switches,
    mine: bool,
) -> impl IntoView + use<> {
    let say = move |yours: &'static str, my: &'static str| if mine { my } else { yours };
    let voice = move |s: String| match s.strip_prefix("You said") {
        Some(rest) if mine => format!("I said{rest}"),
        _ => s,
    };
    let k = |key: String| {
        let hidden = on.hidden(&key);
        (key, hidden)
    };

    let dimensions = finder
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| {
            let said_rows = finder
                .items
                .iter()
                .enumerate()
                .filter(|(_, it)| it.dimension == dim.id)
                .flat_map(|(i, it)| {
                    (-RATING_MAX..=RATING_MAX).map(move |r| (i, r, said(&it.left, &it.right, r)))
                })
                .map(|(i, r, text)| {
                    let (key, hidden) = k(keys::rated(i, r));
                    view! { <li data-k=key hidden=hidden>{voice(text)}</li> }
                })
                .collect_view();
            // One summing up per case: unanswered, no lean, or a pole in a band.
            let mut overall = vec![
                (
                    keys::unanswered(d),
                    say(
                        "You did not answer these statements.",
                        "I did not answer these statements.",
                    )
                    .to_string(),
                ),
                (
                    keys::overall_for(d, 0, 0),
                    "Taken together, these answers do not lean clearly either way.".to_string(),
                ),
            ];
            for (b, band) in finder.bands.iter().enumerate().skip(1) {
                for (lean, text) in [(-1, &dim.left_text), (1, &dim.right_text)] {
                    overall.push((
                        keys::overall_for(d, lean, b),
                        if mine {
                            format!("Taken together: a {} preference.", band.strength)
                        } else {
                            format!("Taken together: {text} {}", band.text)
                        },
                    ));
                }
            }
            let overall = overall
                .into_iter()
                .map(|(key, text)| {
                    let hidden = on.hidden(&key);
                    view! { <p class="overall" data-k=key hidden=hidden>{text}</p> }
                })
                .collect_view();
            let (strong, strong_hidden) = k(keys::strongest(d));
            view! {
                <li class="dimension">
                    // Marks a strong preference for the style sheet ("Strong preferences only").
                    <span class="strong-flag" data-k=strong hidden=strong_hidden></span>
                    <h4>{dim.title.clone()}</h4>
                    <ul class="said">{said_rows}</ul>
                    {overall}
                </li>
            }
        })
        .collect_view();

    let practical = finder
        .choices
        .iter()
        .enumerate()
        .map(|(c, choice)| {
            let picks = choice
                .options
                .iter()
                .enumerate()
                .map(|(o, opt)| {
                    let (key, hidden) = k(keys::option(c, o));
                    view! { <span data-k=key hidden=hidden><span class="sep">", "</span>{opt.label.clone()}</span> }
                })
                .collect_view();
            let (key, hidden) = k(keys::choice(c));
            view! {
                <div data-k=key hidden=hidden>
                    <dt>{choice.prompt.clone()}</dt>
                    <dd>{say("You chose: ", "I chose: ")}<span class="list">{picks}</span></dd>
                </div>
            }
        })
        .collect_view();

    // Every approach, with every answer that could be a reason for it, in the
    // order of this result (the rest, hidden, after them).
    let mut order: Vec<usize> = (0..finder.approaches.len()).collect();
    order.sort_by_key(|a| on.rank(&keys::approach(*a)));
    let choice_places: Vec<(usize, usize)> = finder
        .choices
        .iter()
        .enumerate()
        .flat_map(|(c, ch)| (0..ch.options.len()).map(move |o| (c, o)))
        .collect();
    let cards = order
        .iter()
        .map(|a| {
            let approach = &finder.approaches[*a];
            let weight = |w: &std::collections::BTreeMap<String, f64>| {
                w.get(&approach.article).copied().unwrap_or(0.0)
            };
            let mut reasons: Vec<(usize, AnyView)> = Vec::new();
            for (i, item) in finder.items.iter().enumerate() {
                let w = weight(&item.approaches);
                if w == 0.0 || !w.is_finite() {
                    continue;
                }
                // Only ratings on the side of the weight move it up.
                let variants = (1..=RATING_MAX)
                    .map(|s| if w < 0.0 { -s } else { s })
                    .map(|r| {
                        let statement = if r < 0 { &item.left } else { &item.right };
                        let (key, hidden) = k(keys::rated(i, r));
                        let text = format!("“{statement}” ({})", strength_word(r).unwrap_or_default());
                        view! { <span data-k=key hidden=hidden>{text}</span> }
                    })
                    .collect_view();
                reasons.push((i, variants.into_any()));
            }
            for (n, (c, o)) in choice_places.iter().enumerate() {
                let option = &finder.choices[*c].options[*o];
                if weight(&option.approaches) > 0.0 {
                    let text = format!("“{}” (your choice)", option.label);
                    reasons.push((finder.items.len() + n, text.into_any()));
                }
            }
            reasons.sort_by_key(|(p, _)| on.rank(&keys::why(*a, *p)));
            let reasons = reasons
                .into_iter()
                .map(|(p, body)| {
                    let key = keys::why(*a, p);
                    let hidden = on.hidden(&key);
                    view! { <li data-k=key.clone() data-o=key hidden=hidden>{body}</li> }
                })
                .collect_view();
            let note = approach
                .note
                .clone()
                .map(|n| view! { <p class="approach-note">{n}</p> });
            let key = keys::approach(*a);
            let hidden = on.hidden(&key);
            view! {
                <li class="card" data-k=key.clone() data-o=key hidden=hidden>
                    <h4><a href=format!("/articles/{}", approach.article)>{finder.approaches[*a].display_name()}</a></h4>
                    <p>{approach.combine.clone()}</p>
                    {note}
                    <ul class="why">{reasons}</ul>
                </li>
            }
        })
        .collect_view();
    let names = order
        .iter()
        .map(|a| {
            let key = keys::approach(*a);
            let hidden = on.hidden(&key);
            view! { <span data-k=key.clone() data-o=key hidden=hidden><span class="sep">", "</span>{finder.approaches[*a].display_name()}</span> }
        })
        .collect_view();

    let questions = finder
        .questions_to_ask
        .iter()
        .enumerate()
        .map(|(q, question)| {
            let (key, hidden) = k(keys::question(q));
            view! { <li data-k=key hidden=hidden>{question.text.clone()}</li> }
        })
        .collect_view();

    let (result, result_hidden) = k(keys::RESULT.to_string());
    let (fits, fits_hidden) = k(keys::FITS.to_string());
    let (no_fit, no_fit_hidden) = k(keys::NO_FIT.to_string());
    let (wishes, wishes_hidden) = k(keys::PRACTICAL.to_string());
    view! {
        <section class="profile" aria-labelledby="profile-title" data-test="profile" data-k=result hidden=result_hidden>
            <h2 id="profile-title" tabindex="-1">{say("Your preferences today", "My preferences")}</h2>
            <NotADiagnosis mine/>
            <h3>{say("How you would like therapy to feel", "How I would like therapy to feel")}</h3>
            // Works without JavaScript: the style sheet hides what the choice leaves out.
            <fieldset class="view-switch">
                <legend>"Show"</legend>
                <input type="radio" name="profile-view" id="profile-all" checked/>
                <label for="profile-all">"Every answer"</label>
                <input type="radio" name="profile-view" id="profile-strong"/>
                <label for="profile-strong">"Strong preferences only"</label>
            </fieldset>
            <p class="no-strong" data-test="no-strong">
                "None of your answers is a strong preference today. That is common: "
                "it leaves you open to many ways of working."
            </p>
            <ul class="dimensions">{dimensions}</ul>
            <div data-k=wishes hidden=wishes_hidden>
                <h3>"Practical wishes"</h3>
                <dl class="practical">{practical}</dl>
            </div>
            <div data-k=fits hidden=fits_hidden>
                <h3>"Approaches that may fit"</h3>
                <p data-test="style-not-school">
                    "These are approaches worth asking about, not a recommendation. Research on "
                    "preferences (Cooper and Norcross) is about the "<em>"style"</em>" of therapy you "
                    "would like. A style does not pick a "<em>"school"</em>": therapists from many "
                    "schools can work the way you want, so ask how they work."
                </p>
                <p>{say("Under each approach: what you said that points to it.", "Under each approach: what I said that points to it.")}</p>
                <ol class="cards">{cards}</ol>
                <p>"An "<a href="/articles/integrative-therapy">"integrative"</a>" therapist could bring several of these together in one plan: "<span class="list">{names}</span>"."</p>
            </div>
            <p data-k=no_fit hidden=no_fit_hidden>
                {say("Your answers", "My answers")}" do not point to particular approaches — that is common, and fine. "
                "Many people do well with a therapist they trust, whatever the approach. "
                <a href="/articles/common-factors">"Read why the relationship matters so much"</a>"."
            </p>
            <h3>"Questions to ask a therapist"</h3>
            <ol class="questions" data-test="questions">{questions}</ol>
        </section>
    }
}
