//! What an editor sees for each kind of mistake: one small content tree per mistake
//! under `tests/fixtures/invalid/<case>/`, each otherwise valid, and the full text of
//! every message snapshotted in `tests/snapshots/`. Plus the valid tree, and the
//! fallback to the last good version while a file is broken.

use app::content::Library;
use server::content::error::ContentError;
use server::content::load::{LoadOutcome, THERAPY_SECTIONS, load};
use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn load_case(case: &str) -> LoadOutcome {
    let root = fixtures().join("invalid").join(case);
    assert!(root.is_dir(), "missing fixture {}", root.display());
    load(&root, None)
}

fn report(errors: &[ContentError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Load a case; check every message names `file`, has a hint, and that the case
/// produced exactly `count` messages. Returns the outcome and the full text.
fn case(name: &str, file: &str, count: usize) -> (LoadOutcome, String) {
    let outcome = load_case(name);
    let text = report(&outcome.errors);
    assert_eq!(outcome.errors.len(), count, "{name}:\n{text}");
    for e in &outcome.errors {
        assert_eq!(e.path, Path::new(file), "{name}: wrong file in\n{e}");
        assert!(
            e.hint.as_deref().is_some_and(|h| !h.trim().is_empty()),
            "{name}: no hint in\n{e}"
        );
    }
    (outcome, text)
}

/// The line of the first message.
fn line(outcome: &LoadOutcome) -> usize {
    outcome.errors[0].line
}

// ---------------------------------------------------------------- front matter

#[test]
fn no_front_matter() {
    let (o, text) = case("no-front-matter", "articles/intro.md", 1);
    assert_eq!(line(&o), 1);
    assert!(!o.library.articles.contains_key("intro"));
    assert!(
        o.library.articles.contains_key("cbt"),
        "the good file is served"
    );
    insta::assert_snapshot!("no_front_matter", text);
}

#[test]
fn unclosed_front_matter() {
    let (o, text) = case("unclosed-front-matter", "articles/intro.md", 1);
    assert!(!o.library.articles.contains_key("intro"));
    insta::assert_snapshot!("unclosed_front_matter", text);
}

#[test]
fn unknown_key() {
    let (o, text) = case("unknown-key", "articles/intro.md", 1);
    assert_eq!(line(&o), 3, "the file's line, not the front matter's");
    assert!(text.contains("`titel`"), "{text}");
    insta::assert_snapshot!("unknown_key", text);
}

#[test]
fn missing_summary() {
    let (_, text) = case("missing-summary", "articles/intro.md", 1);
    assert!(text.contains("summary"), "{text}");
    insta::assert_snapshot!("missing_summary", text);
}

#[test]
fn bad_date() {
    let (o, text) = case("bad-date", "articles/intro.md", 1);
    assert_eq!(line(&o), 5);
    insta::assert_snapshot!("bad_date", text);
}

#[test]
fn missing_review_dates() {
    let (o, text) = case("missing-review", "articles/intro.md", 2);
    assert!(
        o.errors.iter().all(|e| e.line == 5),
        "at the line of `updated`: {text}"
    );
    assert!(text.contains("`reviewed` is missing"), "{text}");
    assert!(text.contains("`next_review` is missing"), "{text}");
    assert!(!o.library.articles.contains_key("intro"));
    insta::assert_snapshot!("missing_review", text);
}

#[test]
fn bad_review_date() {
    let (o, text) = case("bad-review-date", "articles/intro.md", 1);
    assert_eq!(line(&o), 6, "the line of `reviewed:`");
    insta::assert_snapshot!("bad_review_date", text);
}

#[test]
fn next_review_before_reviewed() {
    let (o, text) = case("review-order", "articles/intro.md", 1);
    assert_eq!(line(&o), 7, "the line of `next_review:`");
    insta::assert_snapshot!("review_order", text);
}

#[test]
fn review_dates_reach_the_article() {
    let o = load(&fixtures().join("valid"), None);
    let cbt = &o.library.articles["cbt"];
    assert_eq!(
        (cbt.reviewed.as_str(), cbt.next_review.as_str()),
        ("2026-01-15", "2027-01-15")
    );
}

#[test]
fn one_source() {
    let (o, text) = case("one-source", "articles/intro.md", 1);
    assert_eq!(line(&o), 8, "the line of `sources:`");
    insta::assert_snapshot!("one_source", text);
}

#[test]
fn no_sources() {
    let (_, text) = case("no-sources", "articles/intro.md", 1);
    insta::assert_snapshot!("no_sources", text);
}

#[test]
fn summary_too_long() {
    let (o, text) = case("summary-too-long", "articles/intro.md", 1);
    assert_eq!(line(&o), 3);
    insta::assert_snapshot!("summary_too_long", text);
}

#[test]
fn yaml_bad_indentation() {
    let (o, text) = case("yaml-bad-indentation", "articles/intro.md", 1);
    // The under-indented item is on line 10; the parser may notice it there or on
    // the next line, but never inside the body or before `sources:`.
    assert!((9..=11).contains(&line(&o)), "{text}");
    insta::assert_snapshot!("yaml_bad_indentation", text);
}

#[test]
fn yaml_unquoted_colon() {
    let (o, text) = case("yaml-unquoted-colon", "articles/intro.md", 1);
    assert_eq!(line(&o), 3, "{text}");
    insta::assert_snapshot!("yaml_unquoted_colon", text);
}

// ---------------------------------------------------------------- body

#[test]
fn h1_in_body() {
    let (o, text) = case("h1-in-body", "articles/intro.md", 1);
    assert_eq!(line(&o), 17, "the line of `# A second title`");
    insta::assert_snapshot!("h1_in_body", text);
}

#[test]
fn h1_setext() {
    let (o, text) = case("h1-setext", "articles/intro.md", 1);
    assert!(line(&o) > 0, "{text}");
    insta::assert_snapshot!("h1_setext", text);
}

#[test]

fn h1_setext_points_at_the_heading() {
    let (o, text) = case("h1-setext", "articles/intro.md", 1);
    assert_eq!(line(&o), 17, "the heading text above `===`: {text}");
}

#[test]
fn h1_after_code_comment() {
    let (o, text) = case("h1-after-code-comment", "articles/intro.md", 1);
    assert!(line(&o) > 0, "{text}");
    insta::assert_snapshot!("h1_after_code_comment", text);
}

#[test]

fn h1_after_code_comment_points_at_the_heading() {
    let (o, text) = case("h1-after-code-comment", "articles/intro.md", 1);
    assert_eq!(
        line(&o),
        20,
        "the heading, not the comment in the code block: {text}"
    );
}

#[test]
fn dead_link() {
    let (o, text) = case("dead-link", "articles/intro.md", 2);
    assert!(o.errors.iter().all(|e| e.line == 16), "{text}");
    assert!(text.contains("did you mean `cbt`?"), "{text}");
    // Without a previous version the article with a dead link is not served.
    assert!(!o.library.articles.contains_key("intro"));
    assert!(o.library.articles.contains_key("cbt"));
    insta::assert_snapshot!("dead_link", text);
}

#[test]
fn non_utf8() {
    let (o, text) = case("non-utf8", "articles/intro.md", 1);
    assert_eq!(line(&o), 16, "the line with the Latin-1 byte");
    insta::assert_snapshot!("non_utf8", text);
}

// ---------------------------------------------------------------- therapy articles

#[test]
fn therapy_missing_sections() {
    let (o, text) = case(
        "therapy-missing-sections",
        "articles/person-centred-therapy.md",
        1,
    );
    assert_eq!(line(&o), 5, "the line of `tags:`");
    assert!(
        text.contains("`Risks and downsides`, `What is still uncertain`"),
        "names exactly the missing sections: {text}"
    );
    assert!(
        !text.contains("`How it works`"),
        "a present section is not listed as missing: {text}"
    );
    for section in THERAPY_SECTIONS {
        assert!(text.contains(section), "the hint lists `{section}`: {text}");
    }
    assert!(!o.library.articles.contains_key("person-centred-therapy"));
    assert!(
        o.library.articles.contains_key("cbt"),
        "the complete therapy article is served"
    );
    insta::assert_snapshot!("therapy_missing_sections", text);
}

// ---------------------------------------------------------------- whole tree

#[test]
fn paradigm_not_paradigm() {
    let (o, text) = case("paradigm-not-paradigm", "articles/exposure-therapy.md", 1);
    assert_eq!(line(&o), 4, "the line of `paradigm:`");
    assert!(
        text.contains("behavioral"),
        "the hint lists the paradigms: {text}"
    );
    insta::assert_snapshot!("paradigm_not_paradigm", text);
}

#[test]
fn duplicate_slug() {
    let o = load_case("duplicate-slug");
    let text = report(&o.errors);
    assert_eq!(o.errors.len(), 2, "{text}");
    let paths: Vec<&Path> = o.errors.iter().map(|e| e.path.as_path()).collect();
    assert!(
        paths.contains(&Path::new("articles/approaches/cbt.md")),
        "{text}"
    );
    assert!(
        paths.contains(&Path::new("articles/basics/cbt.md")),
        "{text}"
    );
    assert!(o.errors.iter().all(|e| e.hint.is_some()));
    assert!(!o.library.articles.contains_key("cbt"));
    assert!(o.library.articles.contains_key("intro"));
    insta::assert_snapshot!("duplicate_slug", text);
}

#[test]
fn glossary_missing_see() {
    let (_, text) = case("glossary-missing-see", "glossary.yaml", 1);
    assert!(text.contains("`exposure`"), "{text}");
    insta::assert_snapshot!("glossary_missing_see", text);
}

#[test]

fn glossary_missing_see_points_at_the_see_line() {
    let (o, text) = case("glossary-missing-see", "glossary.yaml", 1);
    assert_eq!(line(&o), 7, "the line of `see: [exposure]`: {text}");
}

// ---------------------------------------------------------------- quizzes

#[test]
fn quiz_no_correct() {
    let (o, text) = case("quiz-no-correct", "quizzes/cbt-basics.yaml", 1);
    assert_eq!(line(&o), 13, "the line of question 2's `- prompt:`");
    assert!(o.library.quizzes.is_empty());
    insta::assert_snapshot!("quiz_no_correct", text);
}

#[test]
fn quiz_unknown_kind() {
    let (o, text) = case("quiz-unknown-kind", "quizzes/cbt-basics.yaml", 1);
    assert_eq!(line(&o), 1);
    insta::assert_snapshot!("quiz_unknown_kind", text);
}

#[test]
fn quiz_unknown_field() {
    let (o, text) = case("quiz-unknown-field", "quizzes/cbt-basics.yaml", 1);
    assert_eq!(line(&o), 11, "the line of `explaination:`");
    insta::assert_snapshot!("quiz_unknown_field", text);
}

#[test]

fn quiz_unknown_field_has_the_spelling_hint() {
    let (o, _) = case("quiz-unknown-field", "quizzes/cbt-basics.yaml", 1);
    let hint = o.errors[0].hint.as_deref().unwrap_or_default();
    assert!(hint.contains("spelling"), "{hint}");
}

#[test]
fn quiz_bad_indentation() {
    let (o, text) = case("quiz-bad-indentation", "quizzes/cbt-basics.yaml", 1);
    assert!((9..=10).contains(&line(&o)), "{text}");
    insta::assert_snapshot!("quiz_bad_indentation", text);
}

#[test]

fn quiz_bad_indentation_has_the_indentation_hint() {
    let (o, _) = case("quiz-bad-indentation", "quizzes/cbt-basics.yaml", 1);
    let hint = o.errors[0].hint.as_deref().unwrap_or_default();
    assert!(hint.contains("indentation"), "{hint}");
}

#[test]
fn quiz_missing_article() {
    let (o, text) = case("quiz-missing-article", "quizzes/cbt-basics.yaml", 1);
    assert_eq!(line(&o), 4);
    insta::assert_snapshot!("quiz_missing_article", text);
}

#[test]
fn wrong_extension() {
    let (o, text) = case("wrong-extension", "quizzes/cbt-basics.yml", 1);
    assert!(o.library.quizzes.is_empty());
    insta::assert_snapshot!("wrong_extension", text);
}

// ---------------------------------------------------------------- preference finder

#[test]
fn finder_unknown_dimension() {
    let (o, text) = case("finder-unknown-dimension", "quizzes/preferences.yaml", 1);
    assert!(o.library.finder.is_none());
    insta::assert_snapshot!("finder_unknown_dimension", text);
}

#[test]

fn finder_unknown_dimension_points_at_the_line() {
    let (o, text) = case("finder-unknown-dimension", "quizzes/preferences.yaml", 1);
    assert_eq!(
        line(&o),
        24,
        "the line of `dimension: directivness`: {text}"
    );
}

#[test]
fn finder_unknown_approach() {
    let (o, text) = case("finder-unknown-approach", "quizzes/preferences.yaml", 1);
    assert!(o.library.finder.is_none());
    insta::assert_snapshot!("finder_unknown_approach", text);
}

#[test]

fn finder_unknown_approach_points_at_the_line() {
    let (o, text) = case("finder-unknown-approach", "quizzes/preferences.yaml", 1);
    assert_eq!(line(&o), 27, "the line of the item's `approaches:`: {text}");
}

#[test]
fn finder_unknown_ask() {
    let (o, text) = case("finder-unknown-ask", "quizzes/preferences.yaml", 1);
    assert!(o.library.finder.is_none());
    insta::assert_snapshot!("finder_unknown_ask", text);
}

#[test]

fn finder_unknown_ask_points_at_the_line() {
    let (o, text) = case("finder-unknown-ask", "quizzes/preferences.yaml", 1);
    assert_eq!(line(&o), 28, "the line of `ask: [homwork]`: {text}");
}

// ---------------------------------------------------------------- the valid tree

#[test]
fn valid_tree_loads_without_errors() {
    let o = load(&fixtures().join("valid"), None);
    assert!(o.errors.is_empty(), "{}", report(&o.errors));
    let lib = &o.library;
    let slugs: Vec<&str> = lib.articles.keys().map(String::as_str).collect();
    assert_eq!(
        slugs,
        [
            "behavioral",
            "cbt",
            "common-factors",
            "humanistic",
            "person-centred-therapy"
        ],
        "drafts are not published"
    );
    assert_eq!(lib.quizzes.len(), 1);
    assert!(lib.quizzes["cbt-basics"].questions[1].is_multiple());
    let finder = lib.finder.as_ref().expect("finder");
    assert_eq!(
        finder.approaches[0].name,
        "Cognitive behavioural therapy (CBT)"
    );
    assert_eq!(lib.glossary.len(), 3);
    assert_eq!(lib.glossary[0].term, "Agenda", "sorted");
    assert_eq!(lib.pages.len(), 3);
    assert_eq!(lib.prepare.as_ref().map(|p| p.questions.len()), Some(2));
    assert_eq!(lib.articles_tagged("paradigm").len(), 2);
    let cbt = &lib.articles["cbt"];
    assert_eq!(cbt.paradigm.as_deref(), Some("behavioral"));
    assert!(
        cbt.html.contains("/articles/common-factors"),
        "{}",
        cbt.html
    );
    assert!(cbt.html.contains("<table"), "{}", cbt.html);
    assert!(cbt.toc.iter().any(|t| t.level == 3), "{:?}", cbt.toc);
    assert!(cbt.words > 20);
    assert!(lib.related_to("cbt").iter().any(|a| a.slug == "behavioral"));
}

// ---------------------------------------------------------------- fallback

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn reload(root: &Path, previous: &Library) -> LoadOutcome {
    load(root, Some(previous))
}

#[test]
fn broken_file_keeps_its_last_good_version() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(&fixtures().join("valid"), root);
    let first = load(root, None);
    assert!(first.errors.is_empty(), "{}", report(&first.errors));
    let lib = first.library;

    // Break an article: the old version is still served, and the message names it.
    let pct = root.join("articles/person-centred-therapy.md");
    let good = fs::read_to_string(&pct).unwrap();
    fs::write(
        &pct,
        good.replace(
            "title: Person-centred therapy",
            "titel: Person-centred therapy",
        ),
    )
    .unwrap();
    let broken = reload(root, &lib);
    assert_eq!(broken.errors.len(), 1, "{}", report(&broken.errors));
    assert_eq!(
        broken.errors[0].path,
        Path::new("articles/person-centred-therapy.md")
    );
    assert_eq!(
        broken.library.articles.get("person-centred-therapy"),
        lib.articles.get("person-centred-therapy"),
        "the old version is served"
    );
    // Articles linking to the broken one are not dragged down with it.
    assert_eq!(broken.library.articles.len(), lib.articles.len());

    // A dead link makes an article fall back too.
    let cf = root.join("articles/common-factors.md");
    let cf_good = fs::read_to_string(&cf).unwrap();
    fs::write(&cf, cf_good.replace("](behavioral)", "](behavioural)")).unwrap();
    let linked = reload(root, &broken.library);
    assert!(
        linked
            .errors
            .iter()
            .any(|e| e.message.contains("`behavioural`")),
        "{}",
        report(&linked.errors)
    );
    assert_eq!(
        linked.library.articles.get("common-factors"),
        lib.articles.get("common-factors")
    );
    fs::write(&cf, cf_good).unwrap();

    // Break the quiz and the finder: both keep their previous versions.
    let quiz = root.join("quizzes/cbt-basics.yaml");
    let quiz_good = fs::read_to_string(&quiz).unwrap();
    fs::write(&quiz, quiz_good.replace("        correct: true\n", "")).unwrap();
    let finder = root.join("quizzes/preferences.yaml");
    let finder_good = fs::read_to_string(&finder).unwrap();
    fs::write(
        &finder,
        finder_good.replace("dimension: directiveness", "dimension: pace"),
    )
    .unwrap();
    let both = reload(root, &lib);
    assert!(both.errors.len() >= 2, "{}", report(&both.errors));
    assert_eq!(
        both.library.quizzes.get("cbt-basics"),
        lib.quizzes.get("cbt-basics")
    );
    assert_eq!(both.library.finder, lib.finder);
    fs::write(&quiz, quiz_good).unwrap();
    fs::write(&finder, finder_good).unwrap();

    // Delete files: they are gone. (Links and `see:` entries to them are removed
    // first, or the articles and glossary linking to them would fall back instead.)
    let draft = root.join("articles/draft-notes.md");
    fs::remove_file(&draft).unwrap();
    fs::remove_file(root.join("articles/common-factors.md")).unwrap();
    let cbt = root.join("articles/cbt.md");
    let cbt_good = fs::read_to_string(&cbt).unwrap();
    fs::write(
        &cbt,
        cbt_good.replace(", and a link to [common factors](common-factors)", ""),
    )
    .unwrap();
    let glossary = root.join("glossary.yaml");
    let glossary_good = fs::read_to_string(&glossary).unwrap();
    fs::write(
        &glossary,
        glossary_good
            .replace("    see: [common-factors]\n", "")
            .replace("    see: [draft-notes]\n", ""),
    )
    .unwrap();
    let good = good.replace(" and the [draft notes](draft-notes)", "");
    fs::write(&pct, &good).unwrap();
    let deleted = reload(root, &broken.library);
    assert!(deleted.errors.is_empty(), "{}", report(&deleted.errors));
    assert!(
        !deleted.library.articles.contains_key("common-factors"),
        "deleted: gone"
    );

    // Fix the broken article with a new title: the new version is served.
    fs::write(
        &pct,
        good.replace(
            "title: Person-centred therapy",
            "title: Person-centred counselling",
        ),
    )
    .unwrap();
    let fixed = reload(root, &deleted.library);
    assert!(fixed.errors.is_empty(), "{}", report(&fixed.errors));
    assert_eq!(
        fixed.library.articles["person-centred-therapy"].title,
        "Person-centred counselling"
    );
}

#[test]
fn a_broken_file_without_a_previous_version_is_not_served() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(&fixtures().join("valid"), root);
    let pct = root.join("articles/person-centred-therapy.md");
    let good = fs::read_to_string(&pct).unwrap();
    fs::write(&pct, good.replacen("---\n", "", 1)).unwrap();
    let o = load(root, None);
    assert_eq!(o.errors.len(), 1, "{}", report(&o.errors));
    assert!(!o.library.articles.contains_key("person-centred-therapy"));
    // `humanistic` and `cbt` link to the broken article: no cascade of dead links.
    assert!(o.library.articles.contains_key("humanistic"));
    assert!(o.library.articles.contains_key("cbt"));
}

#[test]
fn missing_root_is_one_clear_error() {
    let o = load(Path::new("/nonexistent/pathways-content"), None);
    assert_eq!(o.errors.len(), 1);
    assert!(o.errors[0].hint.is_some());
    assert!(o.library.articles.is_empty());
}

#[test]
fn reload_reuses_unchanged_articles_and_parses_only_what_changed() {
    use server::content::load::{ArticleCache, load_cached};
    use std::sync::Arc;

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(&fixtures().join("valid"), root);
    let mut cache = ArticleCache::default();
    let first = load_cached(root, None, &mut cache);
    assert!(first.errors.is_empty(), "{}", report(&first.errors));
    let lib = first.library;
    assert_eq!(
        lib,
        load(root, None).library,
        "cached and uncached loads agree"
    );

    // Nothing changed: every article is the very same one, not a copy.
    let same = load_cached(root, Some(&lib), &mut cache).library;
    assert_eq!(same, lib);
    for (slug, a) in &lib.articles {
        assert!(
            Arc::ptr_eq(a, &same.articles[slug]),
            "{slug} was parsed again"
        );
    }

    // One article edited: it alone is new, and shows the edit.
    let cbt = root.join("articles/cbt.md");
    let text = fs::read_to_string(&cbt).unwrap();
    let edited = text.replacen("title: ", "title: Edited ", 1);
    assert_ne!(edited, text);
    fs::write(&cbt, &edited).unwrap();
    let after = load_cached(root, Some(&same), &mut cache).library;
    assert!(after.articles["cbt"].title.starts_with("Edited "));
    for (slug, a) in &same.articles {
        assert_eq!(
            Arc::ptr_eq(a, &after.articles[slug]),
            slug != "cbt",
            "{slug}"
        );
    }
    assert_eq!(after, load(root, None).library);

    // A broken file is reported on every reload, not only the first after the edit.
    fs::write(&cbt, edited.replacen("title:", "titel:", 1)).unwrap();
    for _ in 0..2 {
        let broken = load_cached(root, Some(&after), &mut cache);
        assert_eq!(broken.errors.len(), 1, "{}", report(&broken.errors));
        assert_eq!(broken.library.articles["cbt"], after.articles["cbt"]);
    }
    fs::write(&cbt, &edited).unwrap();

    // A deleted file leaves the library and the cache.
    let files = cache.len();
    let behavioral = root.join("articles/behavioral.md");
    let kept = fs::read_to_string(&behavioral).unwrap();
    fs::remove_file(&behavioral).unwrap();
    let fewer = load_cached(root, Some(&after), &mut cache);
    assert!(!fewer.library.articles.contains_key("behavioral"));
    assert_eq!(cache.len(), files - 1);
    fs::write(&behavioral, kept).unwrap();

    // Other glossary terms change how every article renders: nothing is reused.
    let glossary = root.join("glossary.yaml");
    let g = fs::read_to_string(&glossary).unwrap();
    fs::write(&glossary, g.replace("term: Agenda", "term: Session agenda")).unwrap();
    let relinked = load_cached(root, Some(&fewer.library), &mut cache);
    assert!(relinked.errors.is_empty(), "{}", report(&relinked.errors));
    let relinked = relinked.library;
    for (slug, a) in &fewer.library.articles {
        assert!(
            !Arc::ptr_eq(a, &relinked.articles[slug]),
            "{slug} kept stale links"
        );
    }
    assert_eq!(relinked, load(root, None).library);
}
