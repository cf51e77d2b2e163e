use super::PageMeta;
use crate::components::layout::set_status;
use leptos::prelude::*;

/// Answered with HTTP 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_status(404);
    view! {
        <PageMeta title="Page not found" description="This page does not exist on Pathways."/>
        <h1>"Page not found"</h1>
        <p>"There is no page at this address. It may have moved, or the link may have a typo."</p>
        <ul>
            <li><a href="/">"Go to the home page"</a></li>
            <li><a href="/quizzes">"See the quizzes"</a></li>
            <li><a href="/crisis">"Get help now"</a></li>
        </ul>
    }
}
