//! The loader on whole trees copied from the fixtures: sources named alike, symbolic
//! link loops, a missing folder.

mod support;

use server::content::load::load;
use std::path::Path;
use support::copy_tree;

/// A temporary copy of the valid fixture tree, and the crate's folder.
fn valid_copy() -> (tempfile::TempDir, &'static Path) {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&manifest.join("tests/fixtures/valid"), dir.path());
    (dir, manifest)
}

fn article(title: &str, link: &str) -> String {
    format!(
        "---\ntitle: {title}\nsummary: About {title}.\nupdated: 2026-01-15\n\
         reviewed: 2026-01-15\nnext_review: 2027-01-15\nsources: [a, b]\n---\nSee [that]({link}).\n"
    )
}

/// Articles named like the glossary, the finder and the compare page: a dead link
/// in one falls back that article only, never the glossary or the finder.
#[test]
fn articles_named_like_other_sources_do_not_collide() {
    let (dir, manifest) = valid_copy();
    let root = dir.path();
    // Without its `quiz:`: the fixture tree does not have that quiz.
    let compare = std::fs::read_to_string(manifest.join("../content/compare.yaml")).unwrap();
    let compare: String = compare
        .lines()
        .filter(|l| !l.starts_with("quiz:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(root.join("compare.yaml"), compare).unwrap();
    let names = ["glossary", "finder", "compare", "prepare"];
    for name in names {
        std::fs::write(
            root.join(format!("articles/{name}.md")),
            article(name, "cbt"),
        )
        .unwrap();
    }
    let good = load(root, None);
    assert!(good.errors.is_empty(), "{:?}", good.errors);
    let lib = good.library;
    for name in names {
        assert!(lib.articles.contains_key(name), "{name}");
    }
    assert!(!lib.glossary.is_empty() && lib.finder.is_some() && lib.compare.is_some());

    // Dead links in all four, and a glossary edit: the articles fall back, the
    // glossary, finder and compare page are this load's.
    for name in names {
        std::fs::write(
            root.join(format!("articles/{name}.md")),
            article(&format!("{name} edited"), "no-such-article"),
        )
        .unwrap();
    }
    let glossary = root.join("glossary.yaml");
    let text = std::fs::read_to_string(&glossary).unwrap();
    std::fs::write(
        &glossary,
        text.replace("term: Agenda", "term: Session agenda"),
    )
    .unwrap();
    for previous in [None, Some(&lib)] {
        let o = load(root, previous);
        assert_eq!(o.errors.len(), names.len(), "{:?}", o.errors);
        assert!(
            o.library
                .glossary
                .iter()
                .any(|t| t.term == "Session agenda"),
            "the glossary is this load's: {:?}",
            o.library.glossary
        );
        assert_eq!(o.library.finder, lib.finder);
        assert!(o.library.compare.is_some() && o.library.prepare.is_some());
        for name in names {
            assert_eq!(
                o.library.articles.get(name),
                previous.and_then(|p| p.articles.get(name)),
                "{name}"
            );
        }
    }
}

/// A link back up the tree is reported and skipped, not walked into (which
/// would load every article again under a longer path, as duplicates).
#[cfg(unix)]
#[test]
fn symlink_loops_are_reported_not_followed() {
    let (dir, manifest) = valid_copy();
    let root = dir.path();
    let articles = root.join("articles");
    std::os::unix::fs::symlink(&articles, articles.join("again")).unwrap();
    std::os::unix::fs::symlink(root, root.join("quizzes/root")).unwrap();
    let o = load(root, None);
    let expected = load(&manifest.join("tests/fixtures/valid"), None).library;
    assert_eq!(o.library, expected);
    assert_eq!(o.errors.len(), 2, "{:?}", o.errors);
    assert_eq!(o.errors[0].path, Path::new("articles/again"));
    assert!(
        o.errors[0].message.contains("loops back"),
        "{}",
        o.errors[0]
    );
    assert_eq!(o.errors[1].path, Path::new("quizzes/root"));
    assert!(
        o.errors[1].message.contains("the content folder"),
        "{}",
        o.errors[1]
    );
}

/// A missing `articles/` keeps the whole previous library; on a first load what
/// loaded is served, with the same error.
#[test]
fn a_missing_articles_folder_keeps_the_previous_library() {
    let (dir, _) = valid_copy();
    let root = dir.path();
    let lib = load(root, None).library;
    std::fs::rename(root.join("articles"), root.join("articles.old")).unwrap();
    let o = load(root, Some(&lib));
    assert_eq!(o.library, lib);
    assert_eq!(o.errors.len(), 1, "{:?}", o.errors);
    assert_eq!(o.errors[0].path, Path::new("articles"));
    assert!(o.errors[0].hint.is_some());
    let first = load(root, None);
    assert!(first.library.articles.is_empty() && !first.library.pages.is_empty());
    assert!(first.errors.contains(&o.errors[0]), "{:?}", first.errors);
}
