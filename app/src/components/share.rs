//! `/summary/share`: this browser's answers put into a link's `#fragment`
//! ([`crate::share`]), shown to copy and as a QR code drawn on this device
//! ([`crate::qr`]). An island of its own, so that the summary's bundle carries
//! neither the encoder nor the QR code (issue #13).
//!
//! Written the way the summary is (measured smaller than a reactive view): the
//! server renders every part (`routes/share.rs`), each keyed `data-k`; the island
//! reads storage once, sets the link and the QR code with `web_sys`, and switches
//! the parts. Nothing reactive.

use leptos::prelude::*;

/// The `id` of the island's root.
pub const ROOT_ID: &str = "share";
/// The `id` of the read-only field that shows the link.
pub const LINK_ID: &str = "share-link";
/// The `id` of the box the QR code is drawn into.
pub const QR_ID: &str = "share-qr";
/// The `id` of the status line under "Copy link".
pub const MESSAGE_ID: &str = "share-message";
/// Keys of the page's parts: the link and its QR code, or "nothing to share".
pub const MADE: &str = "made";
pub const EMPTY: &str = "empty";
/// What the QR code says to screen readers.
#[cfg(feature = "browser")]
const QR_LABEL: &str = "QR code of the link to my summary";

#[island]
pub fn ShareView(
    // Every part of the page, rendered on the server (`routes/share.rs`).
    children: Children,
) -> impl IntoView {
    // Coming alive: make the link from what this browser keeps, and its QR code.
    #[cfg(feature = "browser")]
    if let Some(root) = document().get_element_by_id(ROOT_ID) {
        let saved = crate::storage::load();
        let on = if saved.is_empty() {
            EMPTY
        } else {
            let origin = window().location().origin().unwrap_or_default();
            let url = crate::share::link(&origin, &saved);
            if let Some(field) = document().get_element_by_id(LINK_ID) {
                // Read-only: the attribute is what the field shows.
                let _ = field.set_attribute("value", &url);
            }
            if let Some(qr) = document().get_element_by_id(QR_ID) {
                // Our own markup either way: the error is a fixed sentence.
                qr.set_inner_html(&crate::qr::svg(&url, QR_LABEL).unwrap_or_else(|e| {
                    format!(r#"<p class="callout" data-test="share-qr-error">{e}</p>"#)
                }));
            }
            MADE
        };
        super::switch(&root, &[on.to_string()], &[]);
        let _ = root.set_attribute("data-hydrated", "true");
    }

    // "Copy link": the only button.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "browser")]
        {
            use wasm_bindgen::JsCast;
            if ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("[data-action=copy]").ok().flatten())
                .is_none()
            {
                return;
            }
            let link = document()
                .get_element_by_id(LINK_ID)
                .and_then(|f| f.get_attribute("value"))
                .unwrap_or_default();
            let promise = window().navigator().clipboard().write_text(&link);
            leptos::task::spawn_local(async move {
                let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                if let Some(el) = document().get_element_by_id(MESSAGE_ID) {
                    el.set_text_content(Some(if ok {
                        "Link copied. Paste it wherever you like."
                    } else {
                        "Copying was blocked. Select the link and copy it yourself."
                    }));
                }
            });
        }
        #[cfg(not(feature = "browser"))]
        let _ = ev;
    };

    view! {
        <div id=ROOT_ID class="share" on:click=on_click>
            {children()}
        </div>
    }
}
