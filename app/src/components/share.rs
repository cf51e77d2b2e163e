//! "Share as a link": the summary's answers put into a link's `#fragment`
//! ([`crate::share`]), shown to copy and as a QR code drawn on this device
//! ([`crate::qr`]), with a plain warning about who can read it. Part of an island
//! (the summary); it needs JavaScript, so it shows nothing until the island is alive.

use crate::answers::SavedAnswers;
use leptos::prelude::*;

/// What the QR code says to screen readers.
const QR_LABEL: &str = "QR code of the link to this summary";

/// This page's origin (`https://host`); empty on the server, which never renders the
/// link (it exists only after a click).
fn origin() -> String {
    #[cfg(feature = "browser")]
    return window().location().origin().unwrap_or_default();
    #[cfg(not(feature = "browser"))]
    String::new()
}

/// A button that turns the current answers (`saved`) into a link to copy and a QR
/// code. The link follows the answers while it is shown.
#[component]
pub fn SharePanel(#[prop(into)] saved: Signal<SavedAnswers>) -> impl IntoView {
    let hydrated = super::hydrated(|| ());
    let open = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    let url = Memo::new(move |_| {
        open.get()
            .then(|| saved.with(|s| crate::share::link(&origin(), s)))
    });
    let qr = Memo::new(move |_| {
        url.with(|u| {
            u.as_ref()
                .map(|u| crate::qr::svg(u, QR_LABEL).map_err(|e| e.to_string()))
        })
    });

    let copy = move |_| {
        #[cfg(feature = "browser")]
        if let Some(text) = url.get_untracked() {
            leptos::task::spawn_local(async move {
                let promise = window().navigator().clipboard().write_text(&text);
                let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                message.set(if ok {
                    "Link copied. Paste it wherever you like.".into()
                } else {
                    "Copying was blocked. Select the link and copy it yourself.".into()
                });
            });
        }
    };
    // A tap on the field selects all of the link, ready to copy by hand.
    let select_all = move |_ev: leptos::ev::FocusEvent| {
        #[cfg(feature = "browser")]
        event_target::<web_sys::HtmlInputElement>(&_ev).select();
    };

    move || {
        hydrated.get().then(|| {
            view! {
                <section class="share" aria-labelledby="share-title">
                    <h2 id="share-title">"Share as a link"</h2>
                    <p class="callout" data-test="share-warning">
                        "Anyone who has this link can read these answers and notes. "
                        "The link itself holds them: Pathways never receives them. "
                        "Share it only with someone you choose."
                    </p>
                    {move || if open.get() {
                        view! {
                            <label for="share-link">"Link to this summary"</label>
                            <input id="share-link" class="share-link" type="text" readonly
                                data-test="share-link" prop:value=move || url.get().unwrap_or_default()
                                on:focus=select_all/>
                            <div class="quiz-actions">
                                <button type="button" class="button" data-test="share-copy" on:click=copy>
                                    "Copy link"
                                </button>
                            </div>
                            <p class="meta" role="status" data-test="share-message">{move || message.get()}</p>
                            {move || qr.get().map(|qr| match qr {
                                Ok(svg) => view! {
                                    <div class="share-qr" data-test="share-qr" inner_html=svg></div>
                                }.into_any(),
                                Err(e) => view! {
                                    <p class="callout" data-test="share-qr-error">{e}</p>
                                }.into_any(),
                            })}
                        }.into_any()
                    } else {
                        view! {
                            <div class="quiz-actions">
                                <button type="button" class="button secondary" data-test="share"
                                    on:click=move |_| open.set(true)>
                                    "Share as a link"
                                </button>
                            </div>
                        }.into_any()
                    }}
                </section>
            }
        })
    }
}
