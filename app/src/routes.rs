//! One page per file. Pages run on the server only (islands mode); they read the
//! current library from context.

pub mod article;
pub mod home;
pub mod not_found;
pub mod quiz;
pub mod quizzes;
pub mod site_page;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// `<title>` and meta description for a page.
#[component]
pub fn PageMeta(#[prop(into)] title: String, #[prop(into)] description: String) -> impl IntoView {
    let full = if title == "Pathways" {
        title
    } else {
        format!("{title} · Pathways")
    };
    view! {
        <Title text=full.clone()/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:title" content=full/>
        <Meta property="og:description" content=description/>
        <Meta property="og:type" content="website"/>
    }
}

/// The library the current request is rendered from.
pub(crate) fn library() -> crate::content::SharedLibrary {
    #[cfg(feature = "ssr")]
    {
        crate::content::use_library()
    }
    #[cfg(not(feature = "ssr"))]
    {
        std::sync::Arc::default()
    }
}
