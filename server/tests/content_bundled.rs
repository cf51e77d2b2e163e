//! The content shipped in `content/`: it loads without a single problem, and it
//! covers what the site promises (paradigms, modalities, integration, quizzes,
//! glossary, crisis numbers).

use app::content::Library;
use server::content::load::load;
use std::path::Path;
use std::sync::LazyLock;

static LIBRARY: LazyLock<Library> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let outcome = load(&root, None);
    let problems: Vec<String> = outcome.errors.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "content/ has {} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
    outcome.library
});

const PARADIGMS: [&str; 10] = [
    "psychoanalytic",
    "behavioral",
    "humanistic-existential",
    "transpersonal",
    "multiculturalism",
    "family-systems",
    "ecopsychology",
    "music-therapy",
    "social-constructivism-social-justice",
    "client-advocacy",
];

const MODALITIES: [&str; 8] = [
    "cbt",
    "exposure-therapy",
    "interpersonal-psychotherapy",
    "cognitive-analytic-therapy",
    "psychodynamic-therapy",
    "person-centred-therapy",
    "acceptance-commitment-therapy",
    "dialectical-behaviour-therapy",
];

const INTEGRATION: [&str; 6] = [
    "integrative-therapy",
    "eclectic-practice",
    "integrative-vs-eclectic",
    "routes-to-integration",
    "common-factors",
    "why-preferences-matter",
];

fn missing<'a>(lib: &Library, slugs: &[&'a str], tag: Option<&str>) -> Vec<&'a str> {
    slugs
        .iter()
        .copied()
        .filter(|s| match lib.articles.get(*s) {
            None => true,
            Some(a) => tag.is_some_and(|t| !a.tags.iter().any(|x| x == t)),
        })
        .collect()
}

#[test]
fn bundled_content_loads_without_problems() {
    let lib = &*LIBRARY;
    assert!(!lib.articles.is_empty());
    assert!(lib.finder.is_some(), "quizzes/preferences.yaml");
    assert!(lib.prepare.is_some(), "prepare.yaml");
    for page in ["about", "privacy", "crisis"] {
        assert!(lib.pages.contains_key(page), "pages/{page}.md");
    }
}

#[test]
fn the_ten_paradigms_are_tagged_paradigm() {
    let m = missing(&LIBRARY, &PARADIGMS, Some("paradigm"));
    assert!(m.is_empty(), "missing or not tagged `paradigm`: {m:?}");
    assert_eq!(LIBRARY.articles_tagged("paradigm").len(), PARADIGMS.len());
}

#[test]
fn the_modalities_are_tagged_modality() {
    let m = missing(&LIBRARY, &MODALITIES, Some("modality"));
    assert!(m.is_empty(), "missing or not tagged `modality`: {m:?}");
}

#[test]
fn integration_articles_exist() {
    let m = missing(&LIBRARY, &INTEGRATION, None);
    assert!(m.is_empty(), "missing: {m:?}");
}

#[test]
fn at_least_25_articles() {
    let n = LIBRARY.articles.len();
    assert!(n >= 25, "{n} articles");
}

#[test]
fn every_article_has_two_sources_and_500_words() {
    let short: Vec<String> = LIBRARY
        .articles
        .values()
        .filter(|a| a.sources.len() < 2 || a.words < 500)
        .map(|a| format!("{}: {} sources, {} words", a.slug, a.sources.len(), a.words))
        .collect();
    assert!(short.is_empty(), "{}", short.join("\n"));
}

#[test]
fn every_finder_approach_has_an_article() {
    let finder = LIBRARY.finder.as_ref().expect("finder");
    let orphans: Vec<&str> = finder
        .approaches
        .iter()
        .map(|a| a.article.as_str())
        .filter(|s| !LIBRARY.articles.contains_key(*s))
        .collect();
    assert!(orphans.is_empty(), "{orphans:?}");
    // The name is filled in from the article's title.
    for a in &finder.approaches {
        assert_eq!(a.name, LIBRARY.articles[&a.article].title);
    }
}

#[test]
fn at_least_five_knowledge_quizzes_with_explanations() {
    let n = LIBRARY.quizzes.len();
    assert!(n >= 5, "{n} knowledge quizzes");
    for q in LIBRARY.quizzes.values() {
        assert!(!q.questions.is_empty(), "{}", q.id);
        for (i, question) in q.questions.iter().enumerate() {
            assert!(
                !question.explanation.trim().is_empty(),
                "{} question {} has no explanation",
                q.id,
                i + 1
            );
            assert!(
                !question.correct().is_empty(),
                "{} question {}",
                q.id,
                i + 1
            );
        }
    }
}

#[test]
fn glossary_has_at_least_40_terms() {
    let n = LIBRARY.glossary.len();
    assert!(n >= 40, "{n} terms");
}

#[test]
fn crisis_lines_list_the_helplines() {
    // The numbers live in `crisis-lines.yaml` now; the page keeps the general advice.
    let crisis = LIBRARY.crisis.as_ref().expect("crisis-lines.yaml");
    let numbers: Vec<&str> = crisis
        .countries
        .iter()
        .flat_map(|c| c.lines.iter().map(|l| l.number.as_str()))
        .collect();
    for number in ["988", "116 123", "111"] {
        assert!(numbers.contains(&number), "no crisis line {number}");
    }
    let page = &LIBRARY.pages["crisis"];
    assert!(page.html.contains("overdose"), "the overdose caution stays");
}
