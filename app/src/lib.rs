//! Pathways: the UI (routes, components, islands), the shared content model and the
//! pure scoring functions. Built with `ssr` for the server, which renders every
//! page; built with `browser` and one or more `island-*` features for a WASM bundle
//! that brings those islands to life (`hydrate` names them all).
#![recursion_limit = "256"]

pub mod answers;
pub mod compare;
pub mod components;
pub mod content;
pub mod crisis;
pub mod debounce;
pub mod finder;
pub mod finder_scoring;
pub mod form_fields;
pub mod glossary;
pub mod paths;
pub mod prepare;
#[cfg(any(not(feature = "browser"), feature = "island-share"))]
pub mod qr;
pub mod quiz_scoring;
#[cfg(not(feature = "browser"))]
pub mod routes;
#[cfg(any(
    not(feature = "browser"),
    feature = "island-summary",
    feature = "island-share"
))]
pub mod share;
pub mod storage;

#[cfg(not(feature = "browser"))]
mod document;
#[cfg(not(feature = "browser"))]
pub use document::{App, shell};

/// Entry point of the WASM bundle: hydrates the islands found in the page.
#[cfg(feature = "browser")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
