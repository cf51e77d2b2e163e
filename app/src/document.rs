//! The document and the route table: server-side only. In islands mode the browser
//! never renders a page, only the islands inside it, so no browser bundle carries
//! this code.

use crate::components::layout::Layout;
use crate::routes::crisis::{CrisisCountryPage, CrisisPage};
use crate::routes::{
    article::ArticlePage, compare::ComparePage, glossary::GlossaryPage, home::HomePage,
    not_found::NotFoundPage, paradigms::ParadigmsPage, preferences::PreferencesPage,
    prepare::PreparePage, quiz::QuizPage, quizzes::QuizzesPage, search::SearchPage,
    site_page::SitePage, summary::SummaryPage, tag::TagPage,
};
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, provide_meta_context};
use leptos_router::{
    ParamSegment, StaticSegment,
    components::{Route, Router, Routes},
};

/// The HTML document around every page. Server-only: it reads `LeptosOptions`.
///
/// No script is written here: the server adds the tags that load the islands'
/// bundle (a file under `/pkg/`, never inline) to pages that contain an island, so
/// reading pages ship no script and no page carries a per-request nonce.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // Islands mode: the page is not hydrated, only its islands are.
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <meta name="theme-color" content="#2f5d50"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
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
                    <Route path=StaticSegment("quizzes") view=QuizzesPage/>
                    <Route path=(StaticSegment("quizzes"), ParamSegment("id")) view=QuizPage/>
                    <Route path=StaticSegment("about") view=SitePage/>
                    <Route path=StaticSegment("privacy") view=SitePage/>
                    <Route path=StaticSegment("crisis") view=CrisisPage/>
                    <Route path=(StaticSegment("crisis"), ParamSegment("code")) view=CrisisCountryPage/>
                </Routes>
            </Layout>
        </Router>
    }
}
