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
