//! "Share as a link": the summary's answers put into a link's `#fragment`
//! ([`crate::share`]), shown to copy and as a QR code drawn on this device
//! ([`crate::qr`]), with a plain warning about who can read it. Part of an island
//! (the summary), and useless without JavaScript: render it only once the island is
//! alive, as the summary does its "Keep it" buttons.
//!
//! Written for a small bundle (measured): one fixed structure whose two states are
//! one class (`made`, CSS shows the parts), rather than views swapped in and out; the
//! link as the `value` attribute (the field is read-only, so the attribute is what it
//! shows), which costs less than the `value` property.

use crate::answers::SavedAnswers;
use leptos::prelude::*;

/// What the QR code says to screen readers.
#[cfg(feature = "browser")]
const QR_LABEL: &str = "QR code of the link to this summary";

/// A button that turns the answers (`saved`, as they are at the click) into a link
/// to copy and a QR code. Render it only once the island has hydrated.
#[component]
pub fn SharePanel(#[prop(into)] saved: Signal<SavedAnswers>) -> impl IntoView {
    let link = RwSignal::new(String::new());
    let qr = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());

    let make = move |_| {
        #[cfg(feature = "browser")]
        {
            let origin = window().location().origin().unwrap_or_default();
            let url = saved.with_untracked(|s| crate::share::link(&origin, s));
            // Our own markup either way: the error is a fixed sentence.
            qr.set(crate::qr::svg(&url, QR_LABEL).unwrap_or_else(|e| {
                format!(r#"<p class="callout" data-test="share-qr-error">{e}</p>"#)
            }));
            link.set(url);
        }
        #[cfg(not(feature = "browser"))]
        let _ = saved;
    };
    let copy = move |_| {
        #[cfg(feature = "browser")]
        {
            let promise = window()
                .navigator()
                .clipboard()
                .write_text(&link.get_untracked());
            leptos::task::spawn_local(async move {
                let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                message.set(if ok {
                    "Link copied. Paste it wherever you like.".into()
                } else {
                    "Copying was blocked. Select the link and copy it yourself.".into()
                });
            });
        }
    };

    view! {
        <section class="share" class:made=move || !link.with(String::is_empty) aria-labelledby="share-title">
            <h2 id="share-title">"Share as a link"</h2>
            <p class="callout" data-test="share-warning">
                "Anyone who has this link can read these answers and notes. "
                "The link itself holds them: Pathways never receives them. "
                "Share it only with someone you choose."
            </p>
            <div class="quiz-actions share-start">
                <button type="button" class="button secondary" data-test="share" on:click=make>
                    "Share as a link"
                </button>
            </div>
            <div class="share-made">
                <label for="share-link">"Link to this summary"</label>
                <input id="share-link" class="share-link" type="text" readonly
                    data-test="share-link" value=move || link.get()/>
                <div class="quiz-actions">
                    <button type="button" class="button" data-test="share-copy" on:click=copy>
                        "Copy link"
                    </button>
                </div>
                <p class="meta" role="status" data-test="share-message">{move || message.get()}</p>
                <div class="share-qr" data-test="share-qr" inner_html=move || qr.get()></div>
            </div>
        </section>
    }
}
