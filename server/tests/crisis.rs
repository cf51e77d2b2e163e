//! Crisis lines per country (`content/crisis-lines.yaml`): what the loader accepts
//! and refuses (with file, line and hint), the `/crisis` and `/crisis/{code}` pages,
//! and the API. Plus the content checks of the compare page and its quiz.

mod support;

use app::content::Library;
use axum::http::{StatusCode, header};
use server::content::load::{LoadOutcome, load};
use std::path::{Path, PathBuf};
use support::{get, send};

fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

/// The bundled content, with `file` replaced by `text`, loaded on top of `previous`.
fn load_with(file: &str, text: &str, previous: Option<&Library>) -> LoadOutcome {
    let dir = tempfile::tempdir().unwrap();
    support::copy_tree(&bundled(), dir.path());
    std::fs::write(dir.path().join(file), text).unwrap();
    load(dir.path(), previous)
}

fn good_yaml() -> String {
    std::fs::read_to_string(bundled().join("crisis-lines.yaml")).unwrap()
}

/// A number as a tap target: `<a href=… class="crisis-number">label</a>` (Leptos
/// writes `class` after the other attributes).
fn has_button(body: &str, href: &str, label: &str) -> bool {
    body.contains(&format!(
        r#"<a href="{href}" class="crisis-number">{label}</a>"#
    ))
}

/// The 1-based line of the first line of `src` containing `needle`.
fn line_of(src: &str, needle: &str) -> usize {
    src.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn bundled_lines_cover_the_countries_with_sources_and_dates() {
    let outcome = load(&bundled(), None);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let crisis = outcome.library.crisis.expect("crisis lines");
    for code in ["us", "ca", "gb", "ie", "au", "nz"] {
        let c = crisis.country(code).unwrap_or_else(|| panic!("no {code}"));
        assert!(!c.lines.is_empty() && !c.emergency.is_empty(), "{code}");
        assert_eq!(c.checked.len(), 10, "{code}");
        for l in &c.lines {
            assert!(l.source.starts_with("https://"), "{code}: {l:?}");
            let href = l.href();
            assert!(
                href.starts_with("tel:")
                    || href.starts_with("sms:")
                    || href.starts_with("https://"),
                "{href}"
            );
        }
    }
    assert!(crisis.shared_emergency.iter().any(|s| s.number == "112"));
    assert_eq!(crisis.elsewhere.url, "https://findahelpline.com");
    // The numbers reviewed for the old page are all still there.
    let gb = crisis.country("gb").unwrap();
    assert!(gb.lines.iter().any(|l| l.label() == "Call 116 123"));
    let us = crisis.country("us").unwrap();
    assert!(us.lines.iter().any(|l| l.label() == "Call 988"));
    assert!(us.lines.iter().any(|l| l.label() == "Text 988"));
    assert!(us.lines.iter().any(|l| l.label() == "Text HOME to 741741"));
}

#[test]
fn broken_files_are_refused_with_line_and_hint_and_the_last_good_one_is_kept() {
    let good = load(&bundled(), None).library;
    let src = good_yaml();
    let cases: Vec<(String, &str, &str)> = vec![
        (
            src.replacen("code: gb", "code: GBR", 1),
            "code: GBR",
            "is not a country code",
        ),
        (
            src.replacen("number: 116 123", "number: 116 12x", 1),
            "number: 116 12x",
            "is not a phone number",
        ),
        (
            src.replacen("        number: 0800 1111\n", "", 1),
            "name: Childline",
            "without a number",
        ),
        (
            src.replacen("kind: text", "kind: fax", 1),
            "kind: fax",
            "unknown kind of line `fax`",
        ),
        (
            src.replacen(
                "checked: 2026-11-25\n    lines",
                "checked: 2026-02-30\n    lines",
                1,
            ),
            "checked: 2026-02-30",
            "is not a date",
        ),
        (
            src.replacen(
                "source: https://www.samaritans.org\n",
                "source: www.samaritans.org\n",
                1,
            ),
            "source: www.samaritans.org",
            "is not an https:// address",
        ),
        (
            src.replacen("code: ie", "code: gb", 1),
            "code: gb",
            "listed twice",
        ),
    ];
    for (text, at, message) in cases {
        assert_ne!(text, src, "the case for {message} changed nothing");
        let outcome = load_with("crisis-lines.yaml", &text, Some(&good));
        assert_eq!(outcome.errors.len(), 1, "{message}: {:?}", outcome.errors);
        let e = &outcome.errors[0];
        assert_eq!(e.path, Path::new("crisis-lines.yaml"));
        assert!(e.message.contains(message), "{e}");
        assert!(e.hint.as_deref().is_some_and(|h| !h.is_empty()), "{e}");
        let want = line_of(&text, at);
        if message == "listed twice" {
            // The second `code: gb`.
            let second = text
                .lines()
                .enumerate()
                .filter(|(_, l)| l.contains("code: gb"))
                .nth(1)
                .unwrap()
                .0
                + 1;
            assert_eq!(e.line, second, "{e}");
        } else if message == "without a number" {
            // The line's `kind:`, just under its name.
            assert_eq!(e.line, want + 1, "{e}");
        } else {
            assert_eq!(e.line, want, "{e}");
        }
        // Readers keep the last good numbers.
        assert_eq!(outcome.library.crisis, good.crisis, "{message}");
    }
}

#[test]
fn server_check_reports_a_broken_crisis_file() {
    let dir = tempfile::tempdir().unwrap();
    support::copy_tree(&bundled(), dir.path());
    std::fs::write(
        dir.path().join("crisis-lines.yaml"),
        good_yaml().replacen("kind: call", "kind: phone", 1),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("check")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("crisis-lines.yaml:"), "{text}");
    assert!(text.contains("unknown kind of line `phone`"), "{text}");
    assert!(text.contains("hint: use `kind: call`"), "{text}");
}

#[tokio::test]
async fn crisis_page_has_emergency_buttons_and_a_country_picker() {
    let app = support::app();
    let (status, headers, body) = send(&app, get("/crisis")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .starts_with("public"),
        "a plain cacheable page"
    );
    assert!(!body.contains("<leptos-island"), "no island on /crisis");
    for (href, label) in [
        ("tel:112", "Call 112"),
        ("tel:911", "Call 911"),
        ("tel:999", "Call 999"),
        ("tel:000", "Call 000"),
        ("tel:111", "Call 111"),
    ] {
        assert!(has_button(&body, href, label), "{label}");
    }
    for code in ["us", "ca", "gb", "ie", "au", "nz"] {
        assert!(
            body.contains(&format!(
                r#"href="/crisis/{code}" data-crisis-country="{code}""#
            )),
            "no picker link for {code}"
        );
    }
    assert!(body.contains(r#"href="https://findahelpline.com""#));
    // The general advice of pages/crisis.md, with the overdose caution.
    assert!(
        body.contains("If you have taken an overdose"),
        "overdose caution"
    );
}

#[tokio::test]
async fn a_country_page_has_its_lines_as_buttons_and_the_checked_date() {
    let app = support::app();
    let (status, headers, body) = send(&app, get("/crisis/gb")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .starts_with("public")
    );
    assert!(!body.contains("<leptos-island"));
    assert!(body.contains(r#"<h1 data-crisis-country="gb">"#), "heading");
    for (href, label) in [
        ("tel:999", "Call 999"),
        ("tel:112", "Call 112"),
        ("tel:116123", "Call 116 123"),
        ("sms:85258", "Text 85258"),
        ("tel:08001111", "Call 0800 1111"),
    ] {
        assert!(has_button(&body, href, label), "{label}");
    }
    assert!(
        body.contains("Samaritans: for anyone who is struggling"),
        "who it is for"
    );
    assert!(body.contains("24 hours a day"), "when");
    assert!(
        body.contains(r#"List last updated: <time datetime="2026-11-25">25 November 2026</time>"#),
        "checked date"
    );
    assert!(
        body.contains(r#"href="https://www.samaritans.org""#),
        "source"
    );
    assert!(
        body.contains("If you have taken an overdose"),
        "overdose caution"
    );

    let (_, _, us) = send(&app, get("/crisis/us")).await;
    assert!(has_button(&us, "sms:741741", "Text HOME to 741741"), "{us}");
    assert!(has_button(&us, "sms:988", "Text 988"));
    assert!(has_button(
        &us,
        "https://988lifeline.org/chat",
        "Chat online"
    ));
}

#[tokio::test]
async fn an_unknown_country_is_a_404_that_lists_the_countries() {
    let app = support::app();
    for path in ["/crisis/zz", "/crisis/GB", "/crisis/united-kingdom"] {
        let (status, _, body) = send(&app, get(path)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            body.contains(r#"href="/crisis/gb""#),
            "{path}: countries listed"
        );
        assert!(body.contains("findahelpline.com"), "{path}");
    }
}

#[tokio::test]
async fn the_api_serves_the_lines_and_the_bundle_carries_them() {
    let app = support::app();
    let (status, headers, body) = send(&app, get("/api/v1/crisis")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.contains_key(header::ETAG));
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let countries = json["crisis"]["countries"].as_array().unwrap();
    let gb = countries.iter().find(|c| c["code"] == "gb").unwrap();
    assert_eq!(gb["checked"], "2026-11-25");
    let samaritans = &gb["lines"][0];
    assert_eq!(samaritans["label"], "Call 116 123");
    assert_eq!(samaritans["href"], "tel:116123");
    assert_eq!(samaritans["kind"], "call");
    assert_eq!(json["crisis"]["shared_emergency"][0]["href"], "tel:112");

    let (_, _, bundle) = send(&app, get("/api/v1/bundle")).await;
    let bundle: serde_json::Value = serde_json::from_str(&bundle).unwrap();
    assert_eq!(bundle["crisis"], json["crisis"]);
}

#[tokio::test]
async fn the_sitemap_lists_the_country_pages() {
    let (_, _, body) = send(&support::app(), get("/sitemap.xml")).await;
    assert!(body.contains("/crisis/gb</loc>"), "{body}");
}

// ------------------------------------------------------------ compare and its quiz

#[tokio::test]
async fn compare_links_its_quiz_near_the_top_and_the_quiz_reads_compare_first() {
    let app = support::app();
    let (_, _, body) = send(&app, get("/compare")).await;
    let test = body
        .find(r#"data-test="test-yourself""#)
        .expect("Test yourself");
    let intro = body.find(r#"class="lead""#).expect("intro");
    assert!(test < intro, "Test yourself comes before the long intro");
    assert!(
        body.contains(
            r#"href="/quizzes/integrative-or-eclectic" class="button secondary">Test yourself: "#
        ),
        "{body}"
    );

    let (_, _, quiz) = send(&app, get("/quizzes/integrative-or-eclectic")).await;
    assert!(
        quiz.contains(r#"<p data-test="read-first">Read first: <a href="/compare">"#),
        "{quiz}"
    );
}

#[test]
fn option_order_must_match_between_questions() {
    let path = "quizzes/integrative-or-eclectic.yaml";
    let src = std::fs::read_to_string(bundled().join(path)).unwrap();
    // Swap the options of the second question: Eclectic before Integrative.
    let swapped = src.replacen(
        "      - text: Integrative\n        correct: true\n      - text: Eclectic\n",
        "      - text: Eclectic\n      - text: Integrative\n        correct: true\n",
        1,
    );
    assert_ne!(swapped, src);
    let outcome = load_with(path, &swapped, None);
    assert_eq!(outcome.errors.len(), 1, "{:?}", outcome.errors);
    let e = &outcome.errors[0];
    assert_eq!(e.path, Path::new(path));
    let second_prompt = swapped
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("- prompt:"))
        .nth(1)
        .unwrap()
        .0
        + 1;
    assert_eq!(e.line, second_prompt, "{e}");
    assert!(
        e.message.contains(
            "question 2 lists `Eclectic` before `Integrative`, question 1 the other way round"
        ),
        "{e}"
    );
    assert!(
        e.hint
            .as_deref()
            .unwrap()
            .contains("list `Integrative` before `Eclectic`")
    );
}

#[test]
fn compare_must_name_a_quiz_that_exists() {
    let src = std::fs::read_to_string(bundled().join("compare.yaml")).unwrap();
    let bad = src.replacen(
        "quiz: integrative-or-eclectic",
        "quiz: integrative-or-eclectik",
        1,
    );
    assert_ne!(bad, src);
    let outcome = load_with("compare.yaml", &bad, None);
    assert_eq!(outcome.errors.len(), 1, "{:?}", outcome.errors);
    let e = &outcome.errors[0];
    assert_eq!(e.path, Path::new("compare.yaml"));
    assert_eq!(e.line, line_of(&bad, "quiz: integrative-or-eclectik"));
    assert!(e.hint.is_some());
}
