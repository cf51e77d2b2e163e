//! `server check [DIR]`: print every problem in a content tree, exit 1 if any.

use server::content::load::load;
use std::path::Path;
use std::process::ExitCode;

pub fn run(dir: Option<&str>) -> ExitCode {
    let root = Path::new(dir.unwrap_or("content"));
    let outcome = load(root, None);
    for e in &outcome.errors {
        println!("{}: {e}", root.display());
    }
    let lib = &outcome.library;
    if outcome.errors.is_empty() {
        println!(
            "{}: ok: {} articles, {} quizzes, {} pages, {} glossary terms, finder {}",
            root.display(),
            lib.articles.len(),
            lib.quizzes.len(),
            lib.pages.len(),
            lib.glossary.len(),
            if lib.finder.is_some() {
                "present"
            } else {
                "absent"
            }
        );
        ExitCode::SUCCESS
    } else {
        println!("{}: {} problem(s)", root.display(), outcome.errors.len());
        ExitCode::FAILURE
    }
}
