//! The loader never panics, whatever an editor saves: arbitrary bytes as an article
//! or a quiz, and front matter made of random keys and values. Every generated tree
//! also holds a valid article and glossary, so the whole-tree checks run too.

use app::content::Library;
use proptest::prelude::*;
use server::content::load::load;
use std::fs;
use std::path::Path;
use std::sync::LazyLock;

const GOOD_ARTICLE: &str = "---
title: Cognitive behavioural therapy
summary: A structured therapy.
tags: [modality, paradigm]
updated: 2026-01-15
reviewed: 2026-01-15
next_review: 2027-01-15
sources:
  - \"A\"
  - \"B\"
---

## What it is

CBT uses an agenda. See [the fuzzed article](fuzzed).

## How it works

Text.

## What it can help with

Text.

## Risks and downsides

Text.

## Alternatives

Text.

## What is still uncertain

Text.
";

const GLOSSARY: &str = "terms:
  - term: Agenda
    definition: A list of topics.
    see: [cbt]
  - term: Café
    definition: Non-ASCII on purpose.
";

/// A library from a previous load, so the fallback path runs as well.
static PREVIOUS: LazyLock<Library> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), &[]);
    load(dir.path(), None).library
});

fn write_tree(root: &Path, extra: &[(&str, &[u8])]) {
    fs::create_dir_all(root.join("articles")).unwrap();
    fs::create_dir_all(root.join("quizzes")).unwrap();
    fs::write(root.join("articles/cbt.md"), GOOD_ARTICLE).unwrap();
    fs::write(root.join("glossary.yaml"), GLOSSARY).unwrap();
    for (path, bytes) in extra {
        fs::write(root.join(path), bytes).unwrap();
    }
}

/// Load a tree holding `extra` files twice (fresh, and over a previous library).
fn load_with(extra: &[(&str, &[u8])]) {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), extra);
    let fresh = load(dir.path(), None);
    for e in &fresh.errors {
        // Every message can be displayed, and names a file inside the tree.
        let shown = e.to_string();
        assert!(!shown.is_empty());
        assert!(e.path.is_relative(), "{shown}");
    }
    let again = load(dir.path(), Some(&PREVIOUS));
    assert!(again.library.articles.contains_key("cbt") || !again.errors.is_empty());
}

/// Bytes that are sometimes shaped like a Markdown file with front matter.
fn article_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..2048),
        (
            proptest::collection::vec(any::<u8>(), 0..512),
            proptest::collection::vec(any::<u8>(), 0..1024)
        )
            .prop_map(|(fm, body)| {
                let mut v = b"---\n".to_vec();
                v.extend(fm);
                v.extend(b"\n---\n");
                v.extend(body);
                v
            }),
        "\\PC{0,400}".prop_map(|s| format!("---\n{s}\n---\n{s}").into_bytes()),
    ]
}

/// Bytes that are sometimes shaped like a quiz.
fn quiz_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..2048),
        (
            prop_oneof![Just("knowledge"), Just("preference"), Just("other")],
            proptest::collection::vec(any::<u8>(), 0..1024)
        )
            .prop_map(|(kind, rest)| {
                let mut v = format!("kind: {kind}\n").into_bytes();
                v.extend(rest);
                v
            }),
        (
            prop_oneof![Just("knowledge"), Just("preference")],
            proptest::collection::vec(yaml_line(), 0..30)
        )
            .prop_map(|(kind, lines)| format!("kind: {kind}\n{}", lines.concat()).into_bytes()),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop_oneof![
            Just("title"), Just("summary"), Just("paradigm"), Just("tags"),
            Just("updated"), Just("sources"), Just("order"), Just("draft"),
            Just("titel"), Just("kind"), Just("questions"), Just("options"),
            Just("prompt"), Just("explanation"), Just("correct"), Just("text"),
            Just("article"), Just("dimensions"), Just("items"), Just("approaches"),
            Just("ask"), Just("bands"), Just("max"), Just("id"), Just("- prompt"),
            Just("  - text"), Just("    correct"), Just("- id"), Just("<<"), Just("?"),
        ]
        .prop_map(String::from),
        1 => "[a-z_ -]{0,12}",
        1 => "\\PC{0,12}",
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop_oneof![
            Just(""), Just("~"), Just("null"), Just("true"), Just("no"), Just("0"),
            Just("-1"), Just("1e400"), Just("9223372036854775808"), Just(".nan"),
            Just("2026-01-15"), Just("2023-02-29"), Just("2026-13-45"), Just("cbt"),
            Just("fuzzed"), Just("[]"), Just("{}"), Just("[cbt, paradigm, modality]"),
            Just("[\"A\", \"B\"]"), Just("{ cbt: 1, x: -1 }"), Just("\n  - \"A\"\n  - \"B\""),
            Just("\n  - a\n - b"), Just("|\n  block\n  text"), Just(">-\n  folded"),
            Just("&a [x]"), Just("*a"), Just("!!binary aGVsbG8="), Just("!custom x"),
            Just("\"unterminated"), Just("'single'"), Just("a: b: c"), Just("[unclosed"),
            Just("{ a: [ b: { c"), Just("\t tab"), Just("---"), Just("..."), Just("%YAML 1.2"),
            Just("\u{feff}bom"), Just("é ü 漢字 🙂"), Just("\r\n  - crlf"),
        ]
        .prop_map(String::from),
        1 => "\\PC{0,40}",
        1 => proptest::collection::vec(any::<u8>(), 0..20)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

fn yaml_line() -> impl Strategy<Value = String> {
    (0usize..6, key(), value())
        .prop_map(|(indent, k, v)| format!("{}{k}: {v}\n", " ".repeat(indent)))
}

fn body() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("## Heading\n"),
            Just("### Sub\n"),
            Just("# Top\n"),
            Just("Title\n===\n"),
            Just("[cbt](cbt)"),
            Just("[dead](nope)"),
            Just("[x]()"),
            Just("[Agenda](/glossary#agenda)"),
            Just("[^1]"),
            Just("[^1]: note\n"),
            Just("```\n# code\n"),
            Just("```\n"),
            Just("<script>alert(1)</script>"),
            Just("<h1>raw</h1>"),
            Just("| a | b |\n|---|---|\n| 1 | 2 |\n"),
            Just("- [ ] task\n"),
            Just("~~gone~~"),
            Just("Agenda café agenda"),
            Just("\n\n"),
            Just("é"),
            Just("\r\n"),
            Just("---\n"),
            Just("    indented\n"),
            Just("> quote\n"),
            Just("![img](x.png)"),
            Just("<https://example.com>"),
            Just("*"),
            Just("`"),
        ]
        .prop_map(String::from)
        .boxed()
        .prop_union("\\PC{0,30}".boxed()),
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn front_matter_article() -> impl Strategy<Value = String> {
    (proptest::collection::vec(yaml_line(), 0..12), body())
        .prop_map(|(lines, body)| format!("---\n{}---\n{body}", lines.concat()))
}

/// A front matter that is valid apart from one optional random field, over a random
/// body, so the Markdown, link and heading checks run on most inputs.
fn valid_front_random_body() -> impl Strategy<Value = String> {
    (
        proptest::option::of((
            prop_oneof![Just("paradigm"), Just("tags"), Just("order"), Just("draft")],
            value(),
        )),
        body(),
        any::<bool>(),
    )
        .prop_map(|(field, body, crlf)| {
            let extra = field.map(|(k, v)| format!("{k}: {v}\n")).unwrap_or_default();
            let src = format!(
                "---\ntitle: Fuzzed\nsummary: A fuzzed article.\n{extra}updated: 2026-01-15\nreviewed: 2026-01-15\nnext_review: 2027-01-15\nsources: [a, b]\n---\n{body}"
            );
            if crlf { src.replace('\n', "\r\n") } else { src }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_as_an_article(bytes in article_bytes()) {
        load_with(&[("articles/fuzzed.md", &bytes)]);
    }

    #[test]
    fn arbitrary_bytes_as_a_quiz(bytes in quiz_bytes()) {
        load_with(&[("quizzes/fuzzed.yaml", &bytes)]);
    }

    #[test]
    fn arbitrary_bytes_as_the_finder(bytes in quiz_bytes()) {
        load_with(&[("quizzes/preferences.yaml", &bytes)]);
    }

    #[test]
    fn arbitrary_bytes_as_glossary_and_pages(bytes in article_bytes()) {
        load_with(&[("glossary.yaml", &bytes), ("prepare.yaml", &bytes)]);
        let dir = tempfile::tempdir().unwrap();
        write_tree(dir.path(), &[]);
        fs::create_dir_all(dir.path().join("pages")).unwrap();
        fs::write(dir.path().join("pages/about.md"), &bytes).unwrap();
        let _ = load(dir.path(), None);
    }

    #[test]
    fn random_front_matter(src in front_matter_article()) {
        load_with(&[("articles/fuzzed.md", src.as_bytes())]);
    }

    #[test]
    fn random_body(src in valid_front_random_body()) {
        load_with(&[("articles/fuzzed.md", src.as_bytes())]);
    }
}

/// A few hand-picked inputs that have broken parsers before.
#[test]
fn awkward_inputs() {
    let cases: &[&[u8]] = &[
        b"",
        b"---",
        b"---\n",
        b"---\n---",
        b"---\n---\n",
        b"---\r\n---\r\n",
        b"\xef\xbb\xbf---\ntitle: x\n---\n",
        b"---\n\xff\xfe\n---\n",
        b"---\ntitle: [\n---\n",
        b"---\na: &a [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n---\n",
        // "Billion laughs": aliases that expand to 9^8 strings.
        b"---\nsources: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\ntitle: *h\n---\n",
        b"---\ntitle: x\nsummary: y\nupdated: 2026-01-15\nreviewed: 2026-01-15\nnext_review: 2027-01-15\nsources: [a, b]\n---\n# \n",
        b"---\ntitle: x\nsummary: y\nupdated: 2026-01-15\nreviewed: 2026-01-15\nnext_review: 2027-01-15\nsources: [a, b]\n---\n[](cbt)[x](-)[y](--)\n",
        b"---\ntitle: x\nsummary: y\nupdated: 2026-01-15\nreviewed: 2026-01-15\nnext_review: 2027-01-15\nsources: [a, b]\n---\n\xc3\xa9[x](nope\xc3\xa9)\n",
    ];
    for bytes in cases {
        load_with(&[("articles/fuzzed.md", bytes)]);
        load_with(&[("quizzes/fuzzed.yaml", bytes)]);
    }
}
