//! `server check [--strict] [DIR]`: print every problem in a content tree, exit 1 if
//! any. Besides what the loader finds, it proves the finder fair
//! ([`finder_fairness`]), runs the editors' personas ([`personas`]), and reports each
//! article's reading grade ([`reading_grade`]) and review dates (warnings; a past-due
//! review fails with `--strict`).

mod finder_fairness;
mod personas;
mod reading_grade;
mod review;

use app::content::Library;
use app::finder::PreferenceFinder;
use server::content::error::ContentError;
use server::content::load::load;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The options after `check`.
#[derive(Debug, Default, PartialEq)]
struct Options {
    dir: Option<String>,
    strict: bool,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    for a in args {
        match a.as_str() {
            "--strict" => o.strict = true,
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            dir if o.dir.is_none() => o.dir = Some(dir.to_string()),
            extra => return Err(format!("one folder at a time (also got `{extra}`)")),
        }
    }
    Ok(o)
}

pub fn run(args: &[String]) -> ExitCode {
    let o = match options(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}; usage: server check [--strict] [DIR]");
            return ExitCode::from(2);
        }
    };
    let root = PathBuf::from(o.dir.as_deref().unwrap_or("content"));
    let outcome = load(&root, None);
    let mut problems = outcome.errors;
    let mut warnings: Vec<ContentError> = Vec::new();
    let lib = &outcome.library;
    let loaded = root.is_dir();

    if loaded && let Some(finder) = &lib.finder {
        let (path, src) = finder_file(&root);
        problems.extend(check_finder(&root, finder, &path, &src));
        problems.extend(check_personas(&root, finder));
    }
    if loaded {
        report_reading_grades(&root, lib, &mut warnings);
        let due = review::past_due(lib, review::today());
        for e in due.into_iter().map(|d| d.error()) {
            if o.strict {
                problems.push(e);
            } else {
                warnings.push(e);
            }
        }
    }

    for w in &warnings {
        println!("{}: warning: {w}", root.display());
    }
    for e in &problems {
        println!("{}: {e}", root.display());
    }
    if problems.is_empty() {
        println!(
            "{}: ok: {} articles, {} quizzes, {} pages, {} glossary terms, finder {}{}",
            root.display(),
            lib.articles.len(),
            lib.quizzes.len(),
            lib.pages.len(),
            lib.glossary.len(),
            if lib.finder.is_some() {
                "present"
            } else {
                "absent"
            },
            if warnings.is_empty() {
                String::new()
            } else {
                format!("; {} warning(s)", warnings.len())
            }
        );
        ExitCode::SUCCESS
    } else {
        println!("{}: {} problem(s)", root.display(), problems.len());
        ExitCode::FAILURE
    }
}

/// The finder's file (relative to `root`) and its text: the `kind: preference` file
/// of `quizzes/`.
fn finder_file(root: &Path) -> (PathBuf, String) {
    let dir = root.join("quizzes");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    for f in files {
        if let Ok(src) = std::fs::read_to_string(&f)
            && src.lines().any(|l| l.trim() == "kind: preference")
        {
            let rel = f.strip_prefix(root).unwrap_or(&f).to_path_buf();
            return (rel, src);
        }
    }
    (PathBuf::from("quizzes/preferences.yaml"), String::new())
}

/// The 1-based line of the first line of `src` containing `needle`, or 0.
fn line_of(src: &str, needle: &str) -> usize {
    if needle.is_empty() {
        return 0;
    }
    src.lines()
        .position(|l| l.contains(needle))
        .map_or(0, |i| i + 1)
}

/// Reachability and first-place shares, printed as a table; a problem per approach
/// that can never come first or that takes more than its share.
fn check_finder(
    root: &Path,
    finder: &PreferenceFinder,
    path: &Path,
    src: &str,
) -> Vec<ContentError> {
    let f = finder_fairness::analyse(finder);
    println!(
        "{}: {}: finder: first places over {} random answer sets, and the largest lead found \
         for each approach (method: content/README.md, \"How the finder scores\")",
        root.display(),
        path.display(),
        f.samples
    );
    print!("{}", finder_fairness::table(&f));
    let mut out = Vec::new();
    for r in &f.rows {
        if r.reachable() {
            println!(
                "  {} comes first for: {}",
                r.article,
                finder_fairness::describe(&r.witness)
            );
            // The search's proof, checked with the site's own scoring.
            if !finder_fairness::site_puts_first(finder, &r.witness, &r.article) {
                out.push(
                    ContentError::new(
                        path,
                        line_of(src, &format!("article: {}", r.article)),
                        1,
                        format!(
                            "the answers found for `{}` do not put it first on the site",
                            r.article
                        ),
                    )
                    .hint("this is a bug in `server check`; please report it"),
                );
            }
        }
    }
    for (article, message, hint) in finder_fairness::problems(&f) {
        out.push(
            ContentError::new(
                path,
                line_of(src, &format!("article: {article}")),
                1,
                message,
            )
            .hint(hint),
        );
    }
    out
}

/// The editors' personas, when the file exists.
fn check_personas(root: &Path, finder: &PreferenceFinder) -> Vec<ContentError> {
    let rel = PathBuf::from(personas::FILE);
    let Ok(src) = std::fs::read_to_string(root.join(&rel)) else {
        return Vec::new();
    };
    let found = match personas::parse(&src) {
        Ok(list) => {
            let problems = personas::check(finder, &list);
            let failing: std::collections::BTreeSet<&str> =
                problems.iter().map(|(at, _, _)| at.as_str()).collect();
            println!(
                "{}: {}: {} of {} personas find their approach in the first {}",
                root.display(),
                rel.display(),
                list.len().saturating_sub(failing.len()),
                list.len(),
                personas::TOP
            );
            problems
        }
        Err(p) => vec![p],
    };
    found
        .into_iter()
        .map(|(at, message, hint)| {
            ContentError::new(&rel, line_of(&src, &at), 1, message).hint(hint)
        })
        .collect()
}

/// Print each article's reading grade; a warning for each above the limit.
fn report_reading_grades(root: &Path, lib: &Library, warnings: &mut Vec<ContentError>) {
    println!(
        "{}: reading grade (Flesch–Kincaid, an estimate; warning above {}):",
        root.display(),
        reading_grade::MAX_GRADE
    );
    let mut line = String::new();
    for a in lib.articles.values() {
        let Some(g) = reading_grade::grade(&a.text) else {
            continue;
        };
        line.push_str(&format!("  {:>5.1}  {}\n", g, a.slug));
        if g > reading_grade::MAX_GRADE {
            warnings.push(
                ContentError::new(
                    format!("articles/{}.md", a.slug),
                    0,
                    0,
                    format!(
                        "reading grade {g:.1} is above {}",
                        reading_grade::MAX_GRADE
                    ),
                )
                .hint("shorter sentences and everyday words bring it down (content/README.md, Writing guidelines)"),
            );
        }
    }
    print!("{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_take_strict_and_one_folder() {
        assert_eq!(options(&[]).unwrap(), Options::default());
        let o = options(&args(&["--strict", "x"])).unwrap();
        assert_eq!((o.dir.as_deref(), o.strict), (Some("x"), true));
        assert!(options(&args(&["--stric"])).is_err());
        assert!(options(&args(&["a", "b"])).is_err());
    }

    #[test]
    fn line_of_finds_the_first_match() {
        assert_eq!(line_of("a\n  - article: cbt\n", "article: cbt"), 2);
        assert_eq!(line_of("a\n", "zzz"), 0);
        assert_eq!(line_of("a\n", ""), 0);
    }
}
