//! The whole router in-process: pages, status codes, headers, caching, form posts.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use support::{get, post_form};
use tower::ServiceExt;

async fn send(req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    support::send(&support::app(), req).await
}

fn app() -> axum::Router {
    support::app()
}

/// HTML text as the pages render it (Leptos escapes `&`, `<` and `>` in text).
fn text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `body` without the elements it hides (`hidden`): what a reader sees. A result is
/// rendered with every sentence it can hold, each switched by `hidden`, so an
/// assertion about what it says must not be met by a hidden alternative.
fn visible(body: &str) -> String {
    let mut out = body.to_string();
    let mut from = 0;
    while let Some(p) = out[from..].find(" hidden").map(|p| p + from) {
        let attribute = matches!(out[p + 7..].chars().next(), Some(' ' | '>' | '='));
        let in_tag = out[..p].rfind('<') > out[..p].rfind('>');
        if !(attribute && in_tag) {
            from = p + 7;
            continue;
        }
        let start = out[..p].rfind('<').expect("start tag");
        let len = element(&out[start..], " hidden").len();
        out.replace_range(start..start + len, "");
        from = start;
    }
    out
}

/// The element that carries `marker` (an attribute such as `data-test="profile"`),
/// from its start tag to its matching end tag, so an assertion cannot be met by the
/// same words elsewhere on the page (the footer says "not a diagnosis" too).
fn element<'a>(body: &'a str, marker: &str) -> &'a str {
    let at = body
        .find(marker)
        .unwrap_or_else(|| panic!("no element with {marker}: {body}"));
    let start = body[..at].rfind('<').expect("start tag");
    let name: String = body[start + 1..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let mut depth = 0usize;
    let mut i = start;
    loop {
        let next_close = body[i..]
            .find(&close)
            .map(|p| p + i)
            .unwrap_or_else(|| panic!("{marker}: no {close}"));
        match body[i..].find(&open).map(|p| p + i) {
            Some(o) if o < next_close => {
                i = o + open.len();
                // `<p` also starts `<path`: only a whole tag name counts.
                if body[i..].starts_with([' ', '>', '/']) {
                    depth += 1;
                }
            }
            _ => {
                depth -= 1;
                i = next_close + close.len();
                if depth == 0 {
                    return &body[start..i];
                }
            }
        }
    }
}

/// `(slug, link text)` of every `<a href="/articles/…">` in `html`.
fn article_links(html: &str) -> Vec<(String, String)> {
    html.split(r#"<a href="/articles/"#)
        .skip(1)
        .map(|rest| {
            let (slug, rest) = rest.split_once('"').expect("href ends");
            let (_, rest) = rest.split_once('>').expect("start tag ends");
            let (label, _) = rest.split_once("</a>").expect("link ends");
            (slug.to_string(), label.to_string())
        })
        .collect()
}

#[tokio::test]
async fn home_lists_articles() {
    let lib = support::content().current();
    let (status, headers, body) = send(get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.get(header::SET_COOKIE).is_none());
    assert!(
        body.contains("<h1>Find your way into therapy</h1>"),
        "{body}"
    );
    // The finder is the main call to action, inside the hero, before any other link
    // of the page's content.
    let hero = element(&body, r#"class="hero""#);
    assert!(
        hero.contains(r#"href="/preferences" data-test="home-cta""#),
        "the hero offers the finder: {hero}"
    );
    assert!(
        hero.contains(&text(&lib.finder.as_ref().expect("bundled finder").summary)),
        "the call to action says what the finder is: {hero}"
    );
    // The article cards: each links a real article under its own title.
    let cards = element(&body, r#"class="cards""#);
    let links = article_links(cards);
    assert!(links.len() >= 3, "article cards on the home page: {cards}");
    for (slug, label) in &links {
        let article = lib
            .articles
            .get(slug)
            .unwrap_or_else(|| panic!("home links /articles/{slug}, which does not exist"));
        assert_eq!(label, &text(&article.title), "{slug}");
        assert!(cards.contains(&text(&article.summary)), "{slug}: summary");
    }
}

#[tokio::test]
async fn article_has_head_and_body() {
    let lib = support::content().current();
    let cbt = &lib.articles["cbt"];
    let (status, _, body) = send(get("/articles/cbt")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(&format!("<title>{} · Pathways</title>", text(&cbt.title))));
    let article = element(&body, r#"class="article""#);
    assert!(
        article.contains(&format!("<h1>{}</h1>", text(&cbt.title))),
        "{article}"
    );
    assert!(article.contains(&cbt.html), "the rendered Markdown");
    for source in &cbt.sources {
        assert!(article.contains(&text(source)), "source {source}");
    }
    // Table of contents: a subsection is nested under its section, not numbered as one.
    let toc = element(article, r#"class="toc""#);
    assert!(
        toc.contains(
            r##"What a session looks like</a><ul><li><a href="#a-made-up-illustration">"##
        ),
        "{toc}"
    );
}

#[tokio::test]
async fn unknown_pages_are_404() {
    for path in ["/articles/nope", "/quizzes/nope", "/no/such/page"] {
        let (status, _, body) = send(get(path)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(body.contains("Page not found"), "{path}");
    }
}

#[tokio::test]
async fn pages_are_compressed() {
    for encoding in ["br", "gzip"] {
        let req = Request::get("/articles/cbt")
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap();
        let res = app().oneshot(req).await.unwrap();
        assert_eq!(res.headers()[header::CONTENT_ENCODING], encoding);
    }
}

/// The form a reader posts for `answers` (option indices per question).
fn quiz_form(answers: &[Vec<usize>]) -> String {
    answers
        .iter()
        .enumerate()
        .flat_map(|(i, picked)| picked.iter().map(move |j| format!("q{i}={j}")))
        .collect::<Vec<_>>()
        .join("&")
}

#[tokio::test]
async fn quiz_post_is_scored_and_never_cached() {
    let lib = support::content().current();
    let quiz = &lib.quizzes["cbt-basics"];
    let n = quiz.questions.len();
    let right: Vec<Vec<usize>> = quiz.questions.iter().map(|q| q.correct()).collect();

    let (status, headers, body) = send(post_form("/quizzes/cbt-basics", &quiz_form(&right))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    let score = element(&body, r#"data-test="score""#);
    assert!(
        score.contains(&format!("You got {n} of {n} right")),
        "{score}"
    );
    // The score is a focusable heading with the id the form's action points at, so
    // the page opens there, and it comes before the questions.
    assert!(
        score.contains(r#"<h2 id="score" tabindex="-1">"#),
        "{score}"
    );
    assert!(
        body.contains(r##"action="/quizzes/cbt-basics#score""##),
        "the form does not post to #score"
    );
    let at_score = body.find(r#"data-test="score""#).unwrap();
    let first_question = body.find(r#"data-test="question""#).unwrap();
    assert!(
        at_score < first_question,
        "the score is below the questions"
    );
    assert_eq!(body.matches(r#"data-test="feedback""#).count(), n);
    assert_eq!(
        body.matches("<strong>You got this right.</strong>").count(),
        n
    );
    // Right and wrong in words on the options, not by colour alone.
    assert_eq!(
        body.matches("Your answer · Correct answer").count(),
        right.iter().map(Vec::len).sum::<usize>()
    );
    assert_eq!(body.matches("Your answer · Not right").count(), 0);
    // The page's own note, not the footer's.
    let main = element(&body, r#"id="main""#);
    assert!(main.contains("not a diagnosis"), "{main}");

    // One wrong answer costs one point, and its feedback and options say so.
    let mut one_wrong = right.clone();
    let first = &quiz.questions[0];
    one_wrong[0] = vec![
        (0..first.options.len())
            .find(|o| !right[0].contains(o))
            .expect("question 1 has a wrong option"),
    ];
    let (status, _, body) = send(post_form("/quizzes/cbt-basics", &quiz_form(&one_wrong))).await;
    assert_eq!(status, StatusCode::OK);
    let score = element(&body, r#"data-test="score""#);
    assert!(
        score.contains(&format!("You got {} of {n} right", n - 1)),
        "{score}"
    );
    assert_eq!(body.matches("<strong>Not quite.</strong>").count(), 1);
    let question = element(&body, r#"data-test="question""#);
    assert_eq!(
        question.matches("Your answer · Not right").count(),
        1,
        "{question}"
    );
    assert_eq!(
        question.matches(">Correct answer<").count(),
        right[0].len(),
        "{question}"
    );

    // Unanswered questions score nothing.
    let (_, _, body) = send(post_form("/quizzes/cbt-basics", &quiz_form(&right[..1]))).await;
    let score = element(&body, r#"data-test="score""#);
    assert!(
        score.contains(&format!("You got 1 of {n} right")),
        "{score}"
    );
    assert_eq!(
        body.matches("<strong>Not answered.</strong>").count(),
        n - 1
    );
}

/// Before a reader checks, nothing is marked: no score, no feedback, no marks.
#[tokio::test]
async fn quiz_page_marks_nothing_before_the_check() {
    let (status, _, body) = send(support::get("/quizzes/cbt-basics")).await;
    assert_eq!(status, StatusCode::OK);
    for marker in [
        r#"data-test="score""#,
        r#"data-test="feedback""#,
        r#"data-test="mark""#,
        "is-correct",
        "is-wrong",
    ] {
        assert!(!body.contains(marker), "{marker} before the check");
    }
    assert!(body.contains("Check my answers"));
}

#[tokio::test]
async fn bad_quiz_posts_get_4xx_with_a_reason() {
    let (status, _, body) = send(post_form("/quizzes/cbt-basics", "q0=banana")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("question 1 has no such option"), "{body}");
    let (status, _, _) = send(post_form("/quizzes/cbt-basics", "evil=1")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = send(post_form("/quizzes/nope", "q0=0")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let req = Request::post("/quizzes/cbt-basics")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("q0=0"))
        .unwrap();
    let (status, _, _) = send(req).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let big = format!("q0={}", "1".repeat(4 * 1024 * 1024));
    let (status, _, _) = send(post_form("/quizzes/cbt-basics", &big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

/// Every page type shows its own heading and its own content inside `<main>` (the
/// header and footer are the same on every page, so they prove nothing).
#[tokio::test]
async fn every_page_type_renders() {
    let store = support::content();
    let lib = store.current();
    let h1 = |title: &str| format!("<h1>{}</h1>", text(title));
    let link = |href: String, label: &str| format!(r#"<a href="{href}">{}</a>"#, text(label));
    let article_link = |slug: &str| link(format!("/articles/{slug}"), &lib.articles[slug].title);

    let compare = lib.compare.as_ref().expect("compare.yaml");
    let finder = lib.finder.as_ref().expect("preferences.yaml");
    let prepare = lib.prepare.as_ref().expect("prepare.yaml");
    let glossary = lib.glossary.first().expect("glossary terms");
    let hit = store
        .search("anxiety", 20)
        .into_iter()
        .next()
        .expect("a hit for anxiety");
    let modality = &lib.tags["modality"];
    let paradigm = lib.articles_tagged("paradigm")[0].slug.clone();

    let mut pages: Vec<(String, Vec<String>)> = vec![
        (
            "/paradigms".into(),
            vec![h1("Paradigms and approaches"), article_link(&paradigm)],
        ),
        (
            "/tags/modality".into(),
            std::iter::once(h1("Tagged “modality”"))
                .chain(modality.iter().map(|slug| article_link(slug)))
                .collect(),
        ),
        (
            "/compare".into(),
            std::iter::once(h1(&compare.title))
                .chain(
                    compare
                        .routes
                        .iter()
                        .map(|r| format!("<h3>{}</h3>", text(&r.name))),
                )
                .collect(),
        ),
        (
            "/glossary".into(),
            vec![h1("Glossary"), format!("<h3>{}</h3>", text(&glossary.term))],
        ),
        (
            "/search?q=anxiety".into(),
            vec![
                h1("Search"),
                link(format!("/articles/{}", hit.slug), &hit.title),
            ],
        ),
        (
            "/preferences".into(),
            vec![h1(&finder.title), text(&finder.items[0].left)],
        ),
        (
            "/prepare".into(),
            vec![h1(&prepare.title), text(&prepare.questions[0].prompt)],
        ),
        (
            "/summary".into(),
            vec![
                h1("My therapy preferences"),
                r#"data-test="summary-no-script""#.into(),
                r#"href="/summary/share""#.into(),
                r#"data-test="shared-notice""#.into(),
                r#"data-test="shared-error""#.into(),
            ],
        ),
        (
            "/summary/share".into(),
            vec![
                h1("Share my summary"),
                r#"data-test="share-warning""#.into(),
                r#"data-test="share-no-script""#.into(),
                "<leptos-island".into(),
            ],
        ),
        (
            "/quizzes".into(),
            std::iter::once(h1("Quizzes"))
                .chain(
                    lib.quizzes
                        .values()
                        .map(|q| link(format!("/quizzes/{}", q.id), &q.title)),
                )
                .collect(),
        ),
    ];
    for name in ["about", "privacy", "crisis"] {
        let page = &lib.pages[name];
        pages.push((format!("/{name}"), vec![h1(&page.title), page.html.clone()]));
    }
    for (path, expected) in &pages {
        let (status, _, body) = send(get(path)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(body.contains(r#"href="/crisis""#), "{path}: crisis link");
        assert!(body.contains(r#"rel="canonical""#), "{path}: canonical");
        // `<!>` marks where Leptos joined text parts; it is not content.
        let main = element(&body, r#"id="main""#).replace("<!>", "");
        for want in expected {
            assert!(main.contains(want.as_str()), "{path}: no {want} in {main}");
        }
    }
    let (status, _, _) = send(get("/tags/no-such-tag")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn search_api_is_json_ranked_and_bounded() {
    let (status, headers, body) = send(get("/api/v1/search?q=exposure")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["hits"][0]["slug"], "exposure-therapy");
    let long = "a".repeat(5000);
    let (status, _, body) = send(get(&format!("/api/v1/search?q={long}"))).await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["query"].as_str().unwrap().len(), 200);
}

/// What readers type, misspellings included, finds what the word spelt right finds,
/// on the bundled content.
#[tokio::test]
async fn search_forgives_what_readers_type() {
    async fn first(query: &str) -> String {
        let (status, _, body) = send(get(&format!("/api/v1/search?q={query}"))).await;
        assert_eq!(status, StatusCode::OK, "{query}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        v["hits"][0]["slug"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
    for (typed, meant) in [
        ("integrativ", "integrative"),
        ("famly%20therapy", "family%20therapy"),
        ("cgnitive%20analytic", "cognitive%20analytic"),
        ("psychodinamic", "psychodynamic"),
        ("exposur%20therapies", "exposure%20therapy"),
        ("eclectic%20xqzvw%20practice", "eclectic%20practice"),
        ("transpersonl", "transpersonal"),
    ] {
        let expected = first(meant).await;
        assert!(!expected.is_empty(), "{meant} finds something");
        assert_eq!(
            first(typed).await,
            expected,
            "{typed} finds what {meant} finds"
        );
    }
    assert_eq!(
        first("cgnitive%20analytic").await,
        "cognitive-analytic-therapy"
    );
    assert_eq!(first("psychodinamic").await, "psychodynamic-therapy");
}

#[tokio::test]
async fn sitemap_and_robots() {
    let (status, _, xml) = send(get("/sitemap.xml")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        xml.contains("<loc>http://127.0.0.1:3000/articles/cbt</loc>"),
        "{xml}"
    );
    let (_, _, robots) = send(get("/robots.txt")).await;
    assert!(robots.contains("Sitemap: http://127.0.0.1:3000/sitemap.xml"));
}

#[tokio::test]
async fn finder_post_scores_and_forgets() {
    let (status, headers, body) = send(post_form(
        "/preferences",
        "r.who-chooses-topics=3&c.format=video",
    ))
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    // The result itself carries the notice (the footer's words do not count), and
    // shows what the shared scoring makes of these answers.
    let lib = support::content().current();
    let finder = lib.finder.as_ref().expect("preferences.yaml");
    let fields = [
        ("r.who-chooses-topics".to_string(), "3".to_string()),
        ("c.format".to_string(), "video".to_string()),
    ];
    let answers = app::finder_scoring::answers_from_form(finder, &fields).expect("valid answers");
    let expected = app::finder_scoring::score(finder, &answers);
    let shown = visible(&body);
    let profile = element(&shown, r#"data-test="profile""#);
    let notice = element(profile, r#"data-test="not-a-diagnosis""#);
    assert!(notice.contains("This is not a diagnosis."), "{notice}");
    let top = expected
        .approaches
        .first()
        .expect("a leaning suggests approaches");
    assert!(
        profile.contains(&format!(r#"href="/articles/{}""#, top.article)),
        "{profile}"
    );
    for question in &expected.questions {
        assert!(profile.contains(&text(question)), "ask: {question}");
    }
    // The next step carries the answers in the form, not on the server.
    assert!(
        body.contains(r#"type="hidden" name="r.who-chooses-topics" value="3""#),
        "carried"
    );
    let (status, _, body) = send(post_form(
        "/summary",
        "r.who-chooses-topics=3&p.you=Walking%20my%20dog",
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(visible(&body).contains("Walking my dog"));
    for bad in [
        "r.who-chooses-topics=9",
        "r.nope=1",
        "c.format=fax",
        "p.nope=x",
        "name=x",
    ] {
        let (status, _, body) = send(post_form("/preferences", bad)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(
            body.contains("This form could not be read"),
            "{bad}: {body}"
        );
    }
}

/// Without JavaScript the finder is a form in steps: each "Next", "Back" or "Change"
/// posts every answer to `/preferences?step=N`, which shows that step with the
/// answers in place and nothing kept; the last step's post is the result.
#[tokio::test]
async fn finder_steps_post_without_javascript() {
    let lib = support::content().current();
    let finder = lib.finder.as_ref().expect("preferences.yaml");
    let steps = finder.steps();
    assert_eq!(steps, 5, "four dimensions and the practical wishes");

    // A first visit shows step 1 only; nothing is answered.
    let (_, _, body) = send(get("/preferences")).await;
    assert!(body.contains("Step 1 of 5"), "progress");
    assert_eq!(
        body.matches(r#"hidden class="step dimension-group">"#)
            .count(),
        steps - 1
    );
    assert_eq!(
        body.matches(r#"<fieldset data-k="s0" class="step dimension-group">"#)
            .count(),
        1
    );
    assert!(
        !element(&body, r#"class="finder""#).contains("checked"),
        "nothing answered before the reader picks"
    );
    assert!(!visible(&body).contains(r#"data-test="profile""#));

    let (status, headers, body) = send(post_form(
        "/preferences?step=2",
        "r.who-chooses-topics=3&r.plan-or-flow=0&c.format=video",
    ))
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert!(
        !visible(&body).contains(r#"data-test="profile""#),
        "no result yet"
    );
    // Step 2 is the one shown; the others are hidden but still in the form, so
    // the answers ride along with the next post.
    assert_eq!(
        body.matches(r#"hidden class="step dimension-group">"#)
            .count(),
        steps - 1
    );
    let shown = body
        .find(r#"<fieldset data-k="s1" class="step dimension-group">"#)
        .expect("one step shown");
    assert!(body[shown..].starts_with(r#"<fieldset data-k="s1" class="step dimension-group"><legend><h2 id="step-2" tabindex="-1"><span class="step-count">Step 2 of 5"#), "{}", &body[shown..shown + 200]);
    assert!(
        body.contains(r#"name="r.who-chooses-topics" value="3" checked"#),
        "kept"
    );
    assert!(
        body.contains(r#"name="r.plan-or-flow" value="0" checked"#),
        "no preference is an answer"
    );
    assert!(
        body.contains(r#"name="c.format" value="video" checked"#),
        "kept"
    );
    assert_eq!(
        element(&body, r#"class="finder""#)
            .matches(r#"" checked"#)
            .count(),
        3,
        "only what was sent"
    );
    // The earlier step, summed up, with a way back.
    let done = element(&visible(&body), r#"data-test="steps-done""#).replace("<!>", "");
    assert!(done.contains(&text(&finder.dimensions[0].title)), "{done}");
    assert!(
        done.contains(r#"data-count="0">2</span> of 4 answered"#),
        "{done}"
    );
    assert!(
        done.contains(r#"formaction="/preferences?step=1#step-1""#),
        "{done}"
    );

    // The last step posts for the result, which comes first on the page, with the
    // answers' way to the summary (nothing is kept between pages).
    let (status, _, body) = send(post_form("/preferences", "r.who-chooses-topics=3")).await;
    assert_eq!(status, StatusCode::OK);
    let body = visible(&body);
    let profile = body.find(r#"data-test="profile""#).expect("the result");
    assert!(
        profile < body.find(r#"class="finder""#).expect("the form"),
        "result first"
    );
    assert!(
        body.contains(
            "You said “I&#x27;d like the therapist to suggest what we focus on.” (strongly)"
        ) || body
            .contains("You said “I'd like the therapist to suggest what we focus on.” (strongly)"),
        "in the reader's words"
    );
    let to_summary = &body[body.find(r#"action="/summary""#).expect("a summary form")..];
    assert!(
        to_summary[..400].contains(r#"name="r.who-chooses-topics" value="3""#),
        "{}",
        &to_summary[..400]
    );

    for bad in ["step=0", "step=6", "step=x", "other=1"] {
        let (status, _, body) = send(post_form(
            &format!("/preferences?{bad}"),
            "r.who-chooses-topics=3",
        ))
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(body.contains("This form could not be read"), "{bad}");
    }
}

/// Development builds (as tests are) show the problems of the load on every page,
/// from the same per-request content context the pages read; the bundled content has
/// none, so no panel there.
#[tokio::test]
async fn content_problems_show_on_every_page_in_development_builds() {
    let (_, _, clean) = send(get("/")).await;
    assert!(!clean.contains("dev-problems"), "no panel without problems");

    let broken = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/invalid/unknown-key"
    );
    let (store, errors) = server::content::store::ContentStore::open(broken);
    assert!(!errors.is_empty());
    let app = server::router(support::options(), store);
    for path in ["/", "/glossary", "/no-such-page"] {
        let (_, _, body) = support::send(&app, get(path)).await;
        assert!(body.contains(r#"class="dev-problems""#), "{path}: {body}");
        assert!(body.contains("unknown field `titel`"), "{path}: {body}");
    }
}

#[tokio::test]
async fn finder_says_not_a_diagnosis_before_the_first_question() {
    let (status, _, body) = send(get("/preferences")).await;
    assert_eq!(status, StatusCode::OK);
    let notice = body
        .find(r#"data-test="intro-not-a-diagnosis""#)
        .expect("the intro's notice");
    let first_question = body.find(r#"type="radio""#).expect("a first statement");
    assert!(notice < first_question, "the notice comes first");
    assert!(
        element(&body, r#"data-test="intro-not-a-diagnosis""#).contains("This is not a diagnosis.")
    );
}

#[tokio::test]
async fn article_shows_when_it_was_reviewed_and_is_next_due() {
    let lib = support::content().current();
    let cbt = &lib.articles["cbt"];
    let (status, _, body) = send(get("/articles/cbt")).await;
    assert_eq!(status, StatusCode::OK);
    let review = element(&body, r#"data-test="review-dates""#);
    assert!(
        review.contains(&format!(r#"datetime="{}""#, cbt.reviewed)),
        "{review}"
    );
    assert!(
        review.contains(&format!(r#"datetime="{}""#, cbt.next_review)),
        "{review}"
    );
    // Written out: "Reviewed 25 November 2026 · next review 25 November 2027".
    let year = |d: &str| d[..4].to_string();
    assert!(review.contains("Reviewed"), "{review}");
    assert!(
        review.contains(&format!(" {}</time>", year(&cbt.reviewed))),
        "{review}"
    );
    assert!(review.contains("next review"), "{review}");
    assert!(
        !review.contains(&format!(">{}<", cbt.reviewed)),
        "not the bare ISO date: {review}"
    );
}
