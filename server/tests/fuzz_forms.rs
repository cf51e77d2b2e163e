//! Property tests through the real router, in-process: arbitrary form bodies posted
//! to every POST route and arbitrary query strings on every GET route never get a
//! 5xx, and a refused post always gets the styled problem page with a reason and the
//! crisis link. Plus the exact cases of issue 9: the `q<usize::MAX>` overflow, nine
//! notes of four-byte characters, and bodies over the limit.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, Uri, header};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use proptest::prelude::*;
use server::content::store::ContentStore;
use std::sync::LazyLock;
use tower::ServiceExt;

const FORM: &str = "application/x-www-form-urlencoded";

struct Site {
    app: Router,
    store: ContentStore,
    quiz_ids: Vec<String>,
    note_ids: Vec<String>,
    rating_ids: Vec<String>,
    choice_fields: Vec<(String, String)>,
}

static RT: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
});

/// Built once: loading the content takes a while.
static SITE: LazyLock<Site> = LazyLock::new(|| {
    RT.block_on(async {
        let content = concat!(env!("CARGO_MANIFEST_DIR"), "/../content");
        let (store, errors) = ContentStore::open(content);
        assert!(errors.is_empty(), "{errors:?}");
        let options = LeptosOptions::builder()
            .output_name("pathways")
            .site_root("target/site")
            .build();
        let library = store.current();
        let finder = library.finder.as_ref().expect("finder");
        Site {
            app: server::router(options, store.clone()),
            quiz_ids: library.quizzes.keys().cloned().collect(),
            note_ids: library
                .prepare
                .as_ref()
                .expect("prepare")
                .questions
                .iter()
                .map(|q| q.id.clone())
                .collect(),
            rating_ids: finder.items.iter().map(|i| i.id.clone()).collect(),
            choice_fields: finder
                .choices
                .iter()
                .flat_map(|c| c.options.iter().map(|o| (c.id.clone(), o.id.clone())))
                .collect(),
            store: store.clone(),
        }
    })
});

fn limit() -> usize {
    server::forms::body_limit(&SITE.store.current())
}

fn send(req: Request<Body>) -> (StatusCode, HeaderMap, String) {
    let app = SITE.app.clone();
    RT.block_on(async move {
        let res = app.oneshot(req).await.expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.expect("body").to_bytes();
        (status, headers, String::from_utf8_lossy(&body).into_owned())
    })
}

fn post(path: &str, content_type: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut req = Request::post(path);
    if let Some(t) = content_type {
        req = req.header(header::CONTENT_TYPE, t);
    }
    req.body(body.into()).expect("request")
}

fn post_form(path: &str, form: impl Into<Body>) -> (StatusCode, HeaderMap, String) {
    send(post(path, Some(FORM), form))
}

/// The start of a body and its reason, for failure messages (bodies can be huge).
fn short(body: &str) -> String {
    let reason = body
        .split(r#"data-test="problem-reason">"#)
        .nth(1)
        .and_then(|r| r.split("</p>").next())
        .unwrap_or("");
    let start: String = body.chars().take(200).collect();
    format!("{start} … reason: {reason}")
}

/// The styled problem page: complete, with our stylesheet, a reason, the crisis
/// link, never cached, no script.
fn assert_problem_page(status: StatusCode, headers: &HeaderMap, body: &str) {
    assert!(status.is_client_error(), "{status}");
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html"),
        "{status}: {headers:?}"
    );
    assert_eq!(headers[header::CACHE_CONTROL], "no-store", "{status}");
    assert!(
        body.starts_with("<!DOCTYPE html>"),
        "{status}: {}",
        short(body)
    );
    assert!(
        body.contains(r#"<link rel="stylesheet" href="/pkg/"#),
        "{}",
        short(body)
    );
    assert!(
        body.contains(r#"href="/crisis""#),
        "crisis link: {}",
        short(body)
    );
    assert!(
        body.contains(r#"data-test="problem-reason""#),
        "{}",
        short(body)
    );
    assert!(!body.contains("<script"), "{}", short(body));
}

fn note(ch: &str, n: usize) -> String {
    let encoded: String = form_urlencoded::byte_serialize(ch.as_bytes()).collect();
    encoded.repeat(n)
}

#[test]
fn overflow_case_answers_400_with_a_page() {
    for form in [
        "q18446744073709551615=0",
        "q18446744073709551616=0",
        "q0=18446744073709551615",
    ] {
        let (status, headers, body) = post_form("/quizzes/cbt-basics", form);
        assert_eq!(status, StatusCode::BAD_REQUEST, "{form}");
        assert_problem_page(status, &headers, &body);
        assert!(
            body.contains("This form could not be read"),
            "{}",
            short(&body)
        );
        assert!(
            !body.contains("18446744073709551615"),
            "not echoed: {}",
            short(&body)
        );
    }
}

#[test]
fn refusals_never_echo_what_was_sent() {
    for (path, form) in [
        ("/preferences", "r.%3Cscript%3EZebra=1"),
        ("/preferences", "c.format=%3Cscript%3EZebra"),
        ("/summary", "p.%3Cscript%3EZebra=x"),
        ("/prepare", "Zebra%3Cscript%3E=1"),
        ("/quizzes/cbt-basics", "q0=%3Cscript%3EZebra"),
    ] {
        let (status, headers, body) = post_form(path, form);
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path} {form}");
        assert_problem_page(status, &headers, &body);
        assert!(
            !body.contains("Zebra") && !body.contains("script"),
            "{}",
            short(&body)
        );
    }
}

#[test]
fn wrong_type_unknown_quiz_and_bad_path_get_pages() {
    let (status, headers, body) = send(post("/quizzes/cbt-basics", Some("text/plain"), "q0=0"));
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_problem_page(status, &headers, &body);
    let (status, headers, body) = send(post("/preferences", None, "r.x=1"));
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_problem_page(status, &headers, &body);
    let (status, headers, body) = post_form("/quizzes/nope", "q0=0");
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_problem_page(status, &headers, &body);
    assert!(body.contains("There is no quiz with this name."));
    let (status, headers, body) = post_form("/quizzes/%FF%FE", "q0=0");
    assert!(status.is_client_error(), "{status}");
    assert_problem_page(status, &headers, &body);
}

/// Every reflection question answered with `NOTE_MAX` four-byte characters.
fn full_notes() -> String {
    SITE.note_ids
        .iter()
        .map(|id| format!("p.{id}={}", note("😀", app::answers::NOTE_MAX)))
        .collect::<Vec<_>>()
        .join("&")
}

#[test]
fn nine_notes_of_four_byte_characters_are_accepted() {
    let form = full_notes();
    assert!(form.len() > 64 * 1024, "{}", form.len());
    assert!(form.len() <= limit(), "{} > {}", form.len(), limit());
    for path in ["/summary", "/prepare"] {
        let (status, headers, body) = post_form(path, form.clone());
        assert_eq!(status, StatusCode::OK, "{path}: {}", short(&body));
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        assert!(
            body.contains(&"😀".repeat(100)),
            "{path}: the notes are used"
        );
    }
}

#[test]
fn too_large_body_gets_413_with_the_notes_given_back() {
    let extra = format!(
        "p.goals=%3Cb%3EMine%20%26%20yours%3C%2Fb%3E{}",
        "y".repeat(limit() / 10)
    );
    let form = format!("{}&{extra}", full_notes());
    assert!(form.len() > limit() && form.len() < 4 * limit());
    let (status, headers, body) = post_form("/summary", form);
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_problem_page(status, &headers, &body);
    assert!(body.contains("Copy it somewhere safe"), "{}", short(&body));
    assert_eq!(
        body.matches("<textarea").count(),
        SITE.note_ids.len() + 1,
        "every note given back"
    );
    assert!(body.contains("readonly"));
    assert!(body.contains(&"😀".repeat(5000)));
    assert!(
        body.contains("&lt;b&gt;Mine &amp; yours&lt;/b&gt;"),
        "escaped"
    );
    assert!(!body.contains("<b>Mine"));
}

#[test]
fn one_note_over_the_maximum_is_given_back_too() {
    let form = format!("p.you={}", note("é", app::answers::NOTE_MAX + 1));
    let (status, headers, body) = post_form("/prepare", form);
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_problem_page(status, &headers, &body);
    assert!(body.contains(&"é".repeat(app::answers::NOTE_MAX + 1)));
}

#[test]
fn body_beyond_the_hard_cap_gets_413_without_echo() {
    let form = format!("p.you={}", "z".repeat(4 * limit() + 1));
    let (status, headers, body) = post_form("/summary", form);
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_problem_page(status, &headers, &body);
    assert!(body.contains("far longer"), "{}", short(&body));
    assert!(!body.contains("zzzz") && !body.contains("<textarea"));
    let form = format!("q0={}", "1".repeat(4 * limit() + 1));
    let (status, headers, body) = post_form("/quizzes/cbt-basics", form);
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_problem_page(status, &headers, &body);
}

// ---- arbitrary input ----

fn field_name() -> impl Strategy<Value = String> {
    let site = &*SITE;
    prop_oneof![
        "q[0-9]{0,30}",
        Just(format!("q{}", usize::MAX)),
        Just("q18446744073709551616".to_string()),
        "q-?[0-9]{1,3}",
        prop::sample::select(site.rating_ids.clone()).prop_map(|id| format!("r.{id}")),
        "r\\.\\PC{0,12}",
        prop::sample::select(site.choice_fields.clone()).prop_map(|(id, _)| format!("c.{id}")),
        "c\\.\\PC{0,12}",
        prop::sample::select(site.note_ids.clone()).prop_map(|id| format!("p.{id}")),
        "p\\.\\PC{0,12}",
        "\\PC{0,12}",
        Just("<script>".to_string()),
    ]
}

fn field_value() -> impl Strategy<Value = String> {
    let site = &*SITE;
    prop_oneof![
        "-?[0-9]{0,25}",
        Just(usize::MAX.to_string()),
        prop::sample::select(site.choice_fields.clone()).prop_map(|(_, o)| o),
        "\\PC{0,40}",
        "[😀é\\n\\r\\t <>&\"']{0,20}",
    ]
}

/// One piece of a body: an encoded pair, raw bytes, or (possibly broken) escapes.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => (field_name(), field_value()).prop_map(|(n, v)| {
            form_urlencoded::Serializer::new(String::new())
                .append_pair(&n, &v)
                .finish()
                .into_bytes()
        }),
        1 => prop::collection::vec(any::<u8>(), 0..24),
        1 => "(%[0-9A-Fa-f]{2}|%[^&]{0,2}|[=&+;])+".prop_map(String::into_bytes),
    ]
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(piece(), 0..10).prop_map(|pieces| pieces.join(&b'&'))
}

fn content_type() -> impl Strategy<Value = Option<&'static str>> {
    prop_oneof![
        8 => Just(Some(FORM)),
        1 => Just(Some("application/x-www-form-urlencoded; charset=UTF-8")),
        1 => prop::sample::select(vec![
            None,
            Some("text/plain"),
            Some("multipart/form-data; boundary=x"),
            Some("application/json"),
        ]),
    ]
}

fn check_post(path: &str, content_type: Option<&str>, body: Vec<u8>) -> Result<(), TestCaseError> {
    let (status, headers, text) = send(post(path, content_type, body));
    prop_assert!(
        !status.is_server_error(),
        "{path}: {status}: {}",
        short(&text)
    );
    if status.is_client_error() {
        assert_problem_page(status, &headers, &text);
    } else {
        prop_assert_eq!(status, StatusCode::OK, "{}", path);
    }
    if content_type.is_none_or(|t| !t.starts_with(FORM)) {
        prop_assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_post_to_a_quiz(id in prop::sample::select(SITE.quiz_ids.clone()), ct in content_type(), body in body()) {
        check_post(&format!("/quizzes/{id}"), ct, body)?;
    }

    #[test]
    fn any_post_to_an_unknown_quiz(id in "[A-Za-z0-9._~-]{1,20}|%[0-9A-F]{2}", body in body()) {
        let path = format!("/quizzes/{id}");
        prop_assume!(path.parse::<Uri>().is_ok() && !SITE.quiz_ids.contains(&id));
        check_post(&path, Some(FORM), body)?;
    }

    #[test]
    fn any_post_to_preferences(ct in content_type(), body in body()) {
        check_post("/preferences", ct, body)?;
    }

    #[test]
    fn any_post_to_prepare(ct in content_type(), body in body()) {
        check_post("/prepare", ct, body)?;
    }

    #[test]
    fn any_post_to_summary(ct in content_type(), body in body()) {
        check_post("/summary", ct, body)?;
    }
}

/// A query string: known keys, URI-safe text, escapes of any byte, broken escapes.
fn query() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "q=", "view=", "page=", "tag=", "&", "=", "+", "%", "%%"
        ])
        .prop_map(str::to_string),
        "[A-Za-z0-9._~!$'()*,;:@/?-]{1,12}",
        any::<u8>().prop_map(|b| format!("%{b:02X}")),
        "%[0-9A-Za-z]{0,2}",
        Just(usize::MAX.to_string()),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|p| p.concat())
}

fn check_get(path: &str, query: &str) -> Result<(), TestCaseError> {
    let uri = format!("{path}?{query}");
    let Ok(uri) = uri.parse::<Uri>() else {
        // Not a request a client can send; counted as a reject (too many fail the test).
        return Err(TestCaseError::reject("not a valid URI"));
    };
    let (status, _, text) = send(Request::get(uri).body(Body::empty()).expect("request"));
    prop_assert!(
        !status.is_server_error(),
        "{path}?{query}: {status}: {}",
        short(&text)
    );
    Ok(())
}

macro_rules! get_routes {
    ($($name:ident => $path:expr,)*) => {
        proptest! {
            #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]
            $(
                #[test]
                fn $name(q in query()) {
                    check_get($path, &q)?;
                }
            )*
        }
    };
}

get_routes! {
    any_query_home => "/",
    any_query_article => "/articles/cbt",
    any_query_paradigms => "/paradigms",
    any_query_tag => "/tags/modality",
    any_query_compare => "/compare",
    any_query_glossary => "/glossary",
    any_query_search => "/search",
    any_query_quizzes => "/quizzes",
    any_query_quiz => "/quizzes/cbt-basics",
    any_query_preferences => "/preferences",
    any_query_prepare => "/prepare",
    any_query_summary => "/summary",
    any_query_about => "/about",
    any_query_privacy => "/privacy",
    any_query_crisis => "/crisis",
    any_query_search_api => "/api/v1/search",
    any_query_sitemap => "/sitemap.xml",
    any_query_robots => "/robots.txt",
}
