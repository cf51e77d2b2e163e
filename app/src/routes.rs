//! One page per file. Pages run on the server only (islands mode); they read the
//! request's library snapshot with [`crate::content::use_library`]. The paths that
//! forms post to are in [`crate::paths`] (re-exported here), which the islands share.

pub mod article;
pub mod compare;
pub mod crisis;
pub mod glossary;
pub mod home;
pub mod my_data;
pub mod not_found;
pub mod paradigms;
pub use crate::paths;
pub mod preferences;
pub mod prepare;
pub mod quiz;
pub mod quizzes;
pub mod search;
pub mod share;
pub mod site_page;
pub mod summary;
pub mod tag;

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// The public origin of the site (`PATHWAYS_SITE_URL`), for canonical URLs.
#[derive(Clone, Debug)]
pub struct SiteUrl(pub String);

/// `<title>`, meta description, canonical URL and Open Graph tags for a page.
#[component]
pub fn PageMeta(#[prop(into)] title: String, #[prop(into)] description: String) -> impl IntoView {
    let full = if title == "Pathways" {
        title
    } else {
        format!("{title} · Pathways")
    };
    let origin = use_context::<SiteUrl>().map(|s| s.0).unwrap_or_default();
    let url = format!(
        "{origin}{}",
        leptos_router::hooks::use_location()
            .pathname
            .get_untracked()
    );
    view! {
        <Title text=full.clone()/>
        <Meta name="description" content=description.clone()/>
        <Link rel="canonical" href=url.clone()/>
        <Meta property="og:title" content=full/>
        <Meta property="og:description" content=description/>
        <Meta property="og:type" content="website"/>
        <Meta property="og:url" content=url/>
        <Meta property="og:site_name" content="Pathways"/>
    }
}
