//! `server check [DIR]`, the command editors and CI run: exit status and output.

use std::process::Command;

fn check(dir: &str) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["check", dir])
        .output()
        .expect("run server check");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn bundled_content_passes_check() {
    let (ok, out) = check(concat!(env!("CARGO_MANIFEST_DIR"), "/../content"));
    assert!(ok, "server check content failed:\n{out}");
    assert!(out.contains(": ok: "), "{out}");
    assert!(out.contains("finder present"), "{out}");
}

#[test]
fn broken_content_fails_check_with_file_line_and_hint() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/invalid/unknown-key"
    );
    let (ok, out) = check(dir);
    assert!(!ok, "a broken tree must fail:\n{out}");
    assert!(out.contains("problem(s)"), "{out}");
    // path:line:column, then the hint for the misspelt key.
    let line = out
        .lines()
        .find(|l| l.contains(".md:"))
        .unwrap_or_else(|| panic!("no path:line in\n{out}"));
    let after = &line[line.find(".md:").unwrap() + 4..];
    assert!(
        after.split(':').next().unwrap().parse::<u32>().is_ok(),
        "{line}"
    );
    assert!(out.to_lowercase().contains("hint"), "{out}");
}

#[test]
fn missing_folder_fails_check() {
    let (ok, out) = check("/nonexistent/pathways-content");
    assert!(!ok, "{out}");
}

fn check_with(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("check")
        .args(args)
        .output()
        .expect("run server check");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn fixture(case: &str) -> String {
    format!("{}/tests/fixtures/check/{case}", env!("CARGO_MANIFEST_DIR"))
}

/// The first line of `out` that contains `has`.
fn line_with<'a>(out: &'a str, has: &str) -> &'a str {
    out.lines()
        .find(|l| l.contains(has))
        .unwrap_or_else(|| panic!("no line with `{has}` in\n{out}"))
}

#[test]
fn bundled_finder_is_fair_and_its_personas_pass() {
    let (ok, out) = check(concat!(env!("CARGO_MANIFEST_DIR"), "/../content"));
    assert!(ok, "{out}");
    // Every approach can come first, with the answers that prove it, and none takes
    // more than 20 % of first places.
    let table: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("approach "))
        .skip(1)
        .take_while(|l| !l.starts_with("(none)"))
        .collect();
    assert!(table.len() >= 16, "{out}");
    for row in &table {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let share: f64 = cols[1].parse().unwrap();
        assert!(share <= 20.0, "{row}");
        assert_eq!(cols[3], "yes", "{row}");
        assert!(
            out.contains(&format!("  {} comes first for: ", cols[0])),
            "{out}"
        );
    }
    for approach in [
        "transpersonal",
        "client-advocacy",
        "social-constructivism-social-justice",
    ] {
        assert!(
            table.iter().any(|r| r.starts_with(approach)),
            "{approach} in\n{out}"
        );
    }
    let personas = line_with(&out, "finder-personas.yaml: ");
    assert!(
        personas.contains("personas find their approach in the first 3"),
        "{personas}"
    );
    let (passed, of) = personas
        .split_once(" of ")
        .map(|(a, b)| (a.rsplit(' ').next().unwrap(), b.split(' ').next().unwrap()))
        .unwrap();
    assert_eq!(passed, of, "{personas}");
    assert!(of.parse::<usize>().unwrap() >= 10, "{personas}");
    // A reading grade for every article.
    assert!(out.contains("reading grade (Flesch–Kincaid"), "{out}");
    assert!(
        out.lines().any(|l| l.trim_end().ends_with("  cbt")),
        "{out}"
    );
}

#[test]
fn lopsided_finder_fails_naming_the_approaches_and_the_persona() {
    let (ok, out) = check(&fixture("lopsided-finder"));
    assert!(!ok, "a lopsided finder must fail:\n{out}");
    // `humanistic` has the same weights as `person-centred-therapy`: neither can
    // ever be strictly first.
    let never = line_with(&out, "approach `humanistic` can never come first");
    assert!(never.contains("quizzes/preferences.yaml:"), "{never}");
    assert!(
        out.contains("approach `person-centred-therapy` can never come first"),
        "{out}"
    );
    // cbt's weights are all on options, which only ever add.
    let share = line_with(&out, "approach `cbt` comes first for");
    assert!(
        share.contains("% of random answers (at most 40 % allowed)"),
        "{share}"
    );
    // The file's line of the approach, and a hint.
    let at = share.split("quizzes/preferences.yaml:").nth(1).unwrap();
    assert_eq!(
        at.split(':').next().unwrap(),
        "16",
        "the line of `- article: cbt`: {share}"
    );
    let persona = line_with(
        &out,
        "persona `Wants to lead every session` expects `behavioral`",
    );
    assert!(persona.contains("finder-personas.yaml:6:"), "{persona}");
    assert!(out.matches("  hint: ").count() >= 4, "{out}");
    assert!(out.contains("4 problem(s)"), "{out}");
    // The persona that does find its approach is not reported.
    assert!(!out.contains("`Wants skills and tools`"), "{out}");
}

#[test]
fn review_past_due_warns_and_fails_only_with_strict() {
    let dir = fixture("past-due");
    let (ok, out) = check_with(&[&dir]);
    assert!(ok, "a review past due is a warning:\n{out}");
    let warning = line_with(
        &out,
        "articles/common-factors.md: review was due on 2020-01-15",
    );
    assert!(warning.contains(": warning: "), "{warning}");
    assert_eq!(out.matches("review was due").count(), 1, "{out}");
    let (ok, out) = check_with(&["--strict", &dir]);
    assert!(!ok, "--strict fails on a review past due:\n{out}");
    let problem = line_with(
        &out,
        "articles/common-factors.md: review was due on 2020-01-15",
    );
    assert!(!problem.contains("warning"), "{problem}");
    assert!(out.contains("set `reviewed:` to today"), "{out}");
    assert!(out.contains("1 problem(s)"), "{out}");
    let (ok, out) = check_with(&["--stict", &dir]);
    assert!(!ok, "an unknown option is refused: {out}");
}
