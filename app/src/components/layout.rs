//! The frame of every page: skip link, header with the crisis link and "Leave this
//! site" (kept in view while the page scrolls, where the screen is tall enough), the
//! main navigation with the current section marked, the "updated" notice, footer note.

use leptos::prelude::*;

/// Where "Leave this site" goes: BBC Weather, the page GOV.UK's "Exit this page"
/// uses. A weather forecast is one of the most visited, least remarkable pages there
/// is: it looks ordinary on a shared screen and in the history, shows nothing
/// personal, and needs no sign-in. Without JavaScript the button is a plain link
/// there; with it, the site script blanks the page and goes there with
/// `location.replace` (Shift three times does the same).
pub const LEAVE_URL: &str = "https://www.bbc.co.uk/weather";

/// The address of the site script (`/pkg/site.<hash>.js`, served by the server's
/// `offline` module), provided by the server to every page it renders.
#[derive(Clone, Debug)]
pub struct SiteScript(pub String);

/// The main navigation: label, path, and the paths below it that belong to it.
const NAV: [(&str, &str, &[&str]); 6] = [
    ("Learn", "/paradigms", &["/articles/", "/tags/"]),
    ("Compare", "/compare", &[]),
    ("Find your fit", "/preferences", &[]),
    ("Prepare", "/prepare", &["/summary"]),
    ("Quizzes", "/quizzes", &["/quizzes/"]),
    ("Search", "/search", &[]),
];

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let here = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    let nav = NAV
        .iter()
        .map(|(label, path, below)| {
            // `page` for the page itself, `true` for a page inside its section.
            let current = if here == *path {
                Some("page")
            } else if below.iter().any(|b| here.starts_with(b)) {
                Some("true")
            } else {
                None
            };
            view! { <li><a href=*path aria-current=current>{*label}</a></li> }
        })
        .collect_view();
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href="/">"Pathways"</a>
                <div class="header-actions">
                    <a class="crisis-link" href="/crisis">"Need help now?"</a>
                    <a class="leave-link" href=LEAVE_URL data-leave="" rel="noreferrer">
                        "Leave this site"
                    </a>
                </div>
            </div>
            <p class="visually-hidden" role="status" data-leave-status=""></p>
        </header>
        <nav class="wrap site-nav" aria-label="Main">
            <ul>{nav}</ul>
        </nav>
        <main id="main" class="wrap" tabindex="-1">
            <div class="update-notice" role="status" data-update-notice=""></div>
            {content_problems()}
            {children()}
        </main>
        <footer class="site-footer">
            <div class="wrap">
                <p>
                    "Pathways is education about therapy. It is not a diagnosis, and not treatment. "
                    "If you are in danger or crisis, "<a href="/crisis">"get help now"</a>"."
                </p>
                <p class="footer-links">
                    <a href="/about">"About"</a>
                    <a href="/glossary">"Glossary"</a>
                    <a href="/privacy">"Privacy: we keep nothing"</a>
                    <a href="/my-data">"What this device keeps"</a>
                    <a href="/crisis">"Crisis help"</a>
                </p>
            </div>
        </footer>
    }
}

/// Set the HTTP status of the response being rendered (server only).
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(code) = axum::http::StatusCode::from_u16(status)
    {
        response.set_status(code);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// In development builds, content problems are shown on every page so an editor
/// sees them at once; release builds only log them.
fn content_problems() -> Option<impl IntoView> {
    #[cfg(debug_assertions)]
    {
        let crate::content::ContentProblems(problems) =
            use_context::<crate::content::ContentProblems>()?;
        (!problems.is_empty()).then(|| {
            view! {
                <section class="dev-problems" role="alert" aria-label="Content problems">
                    <p><strong>{format!("{} content problem(s)", problems.len())}</strong>
                    " — readers still see the last good version. (Shown in development builds only.)"</p>
                    <pre>{problems.join("\n")}</pre>
                </section>
            }
        })
    }
    #[cfg(not(debug_assertions))]
    {
        None::<()>
    }
}
