//! The document and the route table: server-side only. In islands mode the browser
//! never renders a page, only the islands inside it, so no browser bundle carries
//! this code.

use crate::components::layout::{Layout, SiteScript};
use crate::routes::crisis::{CrisisCountryPage, CrisisPage};
use crate::routes::{
    article::ArticlePage, compare::ComparePage, glossary::GlossaryPage, home::HomePage,
    my_data::MyDataPage, not_found::NotFoundPage, paradigms::ParadigmsPage,
    preferences::PreferencesPage, prepare::PreparePage, quiz::QuizPage, quizzes::QuizzesPage,
    search::SearchPage, share::SharePage, site_page::SitePage, summary::SummaryPage, tag::TagPage,
};
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, provide_meta_context};
use leptos_router::{
    ParamSegment, StaticSegment,
    components::{Route, Router, Routes},
};

/// The HTML document around every page. Server-only: it reads `LeptosOptions`.
///
/// No inline script: every page loads the site script, a small module file of our
/// own under `/pkg/` (leave quickly, the crisis country, the offline worker); the
/// server adds the tags that load the islands' bundle to pages that contain an
/// island. No page carries a per-request nonce.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // Islands mode: the page is not hydrated, only its islands are.
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let SiteScript(site_script) =
        use_context::<SiteScript>().expect("the server provides the site script's address");
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <meta name="theme-color" media="(prefers-color-scheme: light)" content="#2f5d50"/>
                <meta name="theme-color" media="(prefers-color-scheme: dark)" content="#1a211e"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <script type="module" src=site_script></script>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The route table. Pages are server-rendered; only islands ship code.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=StaticSegment("") view=HomePage/>
                    <Route path=(StaticSegment("articles"), ParamSegment("slug")) view=ArticlePage/>
                    <Route path=StaticSegment("paradigms") view=ParadigmsPage/>
                    <Route path=(StaticSegment("tags"), ParamSegment("tag")) view=TagPage/>
                    <Route path=StaticSegment("compare") view=ComparePage/>
                    <Route path=StaticSegment("glossary") view=GlossaryPage/>
                    <Route path=StaticSegment("search") view=SearchPage/>
                    <Route path=StaticSegment("preferences") view=PreferencesPage/>
                    <Route path=StaticSegment("prepare") view=PreparePage/>
                    <Route path=StaticSegment("summary") view=SummaryPage/>
                    <Route path=(StaticSegment("summary"), StaticSegment("share")) view=SharePage/>
                    <Route path=StaticSegment("quizzes") view=QuizzesPage/>
                    <Route path=(StaticSegment("quizzes"), ParamSegment("id")) view=QuizPage/>
                    <Route path=StaticSegment("about") view=SitePage/>
                    <Route path=StaticSegment("privacy") view=SitePage/>
                    <Route path=StaticSegment("crisis") view=CrisisPage/>
                    <Route path=(StaticSegment("crisis"), ParamSegment("code")) view=CrisisCountryPage/>
                    <Route path=StaticSegment("my-data") view=MyDataPage/>
                </Routes>
            </Layout>
        </Router>
    }
}
