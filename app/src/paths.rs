//! The paths that forms post (or send a query) to, defined once: the components use
//! them in `action=`, the server registers its handlers on them and dispatches by
//! them. The page table in [`crate::App`] serves the same paths.

/// The preference finder; its form posts here.
pub const PREFERENCES: &str = "/preferences";
/// The reflection questions; the finder's no-JavaScript "next" form posts here.
pub const PREPARE: &str = "/prepare";
/// The summary; the reflection questions' form posts here.
pub const SUMMARY: &str = "/summary";
/// Sharing the summary as a link and a QR code.
pub const SUMMARY_SHARE: &str = "/summary/share";
/// The list of quizzes.
pub const QUIZZES: &str = "/quizzes";
/// The search page; the search form sends its query here.
pub const SEARCH: &str = "/search";
/// The quiz route as the server registers it (axum's `{id}` parameter).
pub const QUIZ_ROUTE: &str = "/quizzes/{id}";
/// Where the finder's form posts: its own page, scrolled to the result.
pub const PREFERENCES_RESULT: &str = "/preferences#profile-title";

/// The query parameter that names a step of the finder (from 1) in a
/// no-JavaScript post.
pub const STEP_PARAM: &str = "step";

/// Where the finder's "Next", "Back" and "Change" buttons post without JavaScript:
/// its own page at step `n` (from 1), scrolled to that step.
pub fn preferences_step(n: usize) -> String {
    format!("{PREFERENCES}?{STEP_PARAM}={n}#step-{n}")
}

/// One quiz's page; its form posts here.
pub fn quiz(id: &str) -> String {
    format!("{QUIZZES}/{id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_match_the_paths() {
        assert_eq!(quiz("{id}"), QUIZ_ROUTE);
        assert_eq!(quiz("cbt-basics"), "/quizzes/cbt-basics");
        assert!(PREFERENCES_RESULT.starts_with(&format!("{PREFERENCES}#")));
        assert_eq!(preferences_step(2), "/preferences?step=2#step-2");
    }
}
