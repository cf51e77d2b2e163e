use super::PageMeta;
use crate::content::use_library;
use crate::paths;
use crate::routes::not_found::NotFoundPage;
use leptos::prelude::*;

/// `/compare`: integrative vs eclectic side by side, the four routes to
/// integration, and worked examples. The view switch is plain HTML radios styled
/// with CSS, so it works the same with and without JavaScript and ships no code.
#[component]
pub fn ComparePage() -> impl IntoView {
    let lib = use_library();
    let Some(c) = lib.compare.clone() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let aspects = c
        .aspects
        .iter()
        .map(|a| {
            view! {
                <section class="aspect" aria-labelledby=format!("aspect-{}", a.id)>
                    <h3 id=format!("aspect-{}", a.id)>{a.label.clone()}</h3>
                    <div class="pair">
                        <div class="col col-integrative">
                            <h4>"Integrative"</h4>
                            <p>{a.integrative.clone()}</p>
                        </div>
                        <div class="col col-eclectic">
                            <h4>"Eclectic"</h4>
                            <p>{a.eclectic.clone()}</p>
                        </div>
                    </div>
                </section>
            }
        })
        .collect_view();
    let routes = c
        .routes
        .iter()
        .map(|r| {
            view! {
                <li class="card" id=r.id.clone()>
                    <h3>{r.name.clone()}</h3>
                    <p>{r.text.clone()}</p>
                    <p class="example"><span class="label">"Example: "</span>{r.example.clone()}</p>
                </li>
            }
        })
        .collect_view();
    let examples = c
        .examples
        .iter()
        .map(|e| {
            view! {
                <section class="worked" aria-labelledby=format!("ex-{}", e.id)>
                    <h3 id=format!("ex-{}", e.id)>{e.title.clone()}</h3>
                    <p class="client"><span class="label">"A made-up client: "</span>{e.client.clone()}</p>
                    <div class="pair">
                        <div class="col col-integrative">
                            <h4>"Seen integratively"</h4>
                            <p>{e.integrative.clone()}</p>
                        </div>
                        <div class="col col-eclectic">
                            <h4>"Seen eclectically"</h4>
                            <p>{e.eclectic.clone()}</p>
                        </div>
                    </div>
                </section>
            }
        })
        .collect_view();
    let sources = c
        .sources
        .iter()
        .map(|s| view! { <li>{s.clone()}</li> })
        .collect_view();
    // "Test yourself" sits under the title, on the first screen of a phone.
    let quiz = c
        .quiz
        .as_ref()
        .and_then(|id| lib.quizzes.get(id))
        .map(|q| (paths::quiz(&q.id), q.title.clone(), q.questions.len()));
    let test_yourself = quiz.clone().map(|(href, title, n)| {
        view! {
            <p class="test-yourself" data-test="test-yourself">
                <a class="button secondary" href=href>"Test yourself: "{title}</a>
                <span class="meta">{format!(" A quiz of {n} questions, with the answers explained.")}</span>
            </p>
        }
    });
    let quiz_link = quiz.map(|(href, _, _)| {
        view! { " or "<a href=href>"test yourself with the quiz"</a> }
    });
    view! {
        <PageMeta title=c.title.clone() description=c.summary.clone()/>
        <h1>{c.title.clone()}</h1>
        {test_yourself}
        <p class="lead">{c.intro.clone()}</p>
        <div class="compare">
            <fieldset class="view-switch">
                <legend>"Show"</legend>
                <input type="radio" name="view" id="view-both" value="both" checked/>
                <label for="view-both">"Both"</label>
                <input type="radio" name="view" id="view-integrative" value="integrative"/>
                <label for="view-integrative">"Integrative"</label>
                <input type="radio" name="view" id="view-eclectic" value="eclectic"/>
                <label for="view-eclectic">"Eclectic"</label>
            </fieldset>
            <h2>"Side by side"</h2>
            {aspects}
            <h2>"The same person, seen each way"</h2>
            <p>"These examples are made up to show the difference; they are not real people."</p>
            {examples}
        </div>
        <h2>"Four routes to integration"</h2>
        <p>"Therapists who combine approaches tend to follow one of four routes. "
           <a href="/articles/routes-to-integration">"Read more about the routes"</a>"."</p>
        <ol class="cards routes">{routes}</ol>
        <p>
            "Want to know which way suits you? "<a href="/preferences">"Find your preferences"</a>
            {quiz_link}"."
        </p>
        <section class="sources" aria-labelledby="sources">
            <h2 id="sources">"Sources"</h2>
            <ol>{sources}</ol>
            <p class="meta">"Updated "<time datetime=c.updated.clone()>{c.updated.clone()}</time></p>
        </section>
    }
    .into_any()
}
