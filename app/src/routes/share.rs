//! `/summary/share`: the summary as a link and a QR code. The page is static; the
//! island ([`ShareView`]) makes the link from this browser's answers.

use super::PageMeta;
use crate::components::share::{EMPTY, LINK_ID, MADE, MESSAGE_ID, QR_ID, ShareView};
use crate::paths;
use leptos::prelude::*;

/// `/summary/share`: the warning, then the link, "Copy link" and the QR code.
#[component]
pub fn SharePage() -> impl IntoView {
    view! {
        <PageMeta title="Share my summary" description="Share my therapy preferences and notes as a link or a QR code, made on this device."/>
        <h1>"Share my summary"</h1>
        <p class="callout" data-test="share-warning">
            "Anyone who has this link can read these answers and notes. "
            "The link itself holds them: Pathways never receives them. "
            "Share it only with someone you choose."
        </p>
        <noscript>
            <p class="callout" data-test="share-no-script">
                "Sharing as a link needs the answers stored on this device, and JavaScript, "
                "which is off. To keep or pass on your summary, use "
                <a href=paths::SUMMARY>"your summary"</a>
                " and your browser's Print menu."
            </p>
        </noscript>
        <ShareView>
            <p class="callout" data-test="share-empty" data-k=EMPTY hidden>
                "This browser keeps no answers yet, so there is nothing to share. Start with "
                <a href=paths::PREFERENCES>"the preference finder"</a>" or "
                <a href=paths::PREPARE>"the questions to prepare"</a>"."
            </p>
            <div data-k=MADE hidden>
                <label for=LINK_ID>"Link to my summary"</label>
                <input id=LINK_ID class="share-link" type="text" readonly data-test="share-link"/>
                <div class="quiz-actions">
                    <button type="button" class="button" data-action="copy" data-test="share-copy">
                        "Copy link"
                    </button>
                </div>
                <p class="meta" role="status" id=MESSAGE_ID data-test="share-message"></p>
                <div class="share-qr" id=QR_ID data-test="share-qr"></div>
                <p><a href=paths::SUMMARY>"Back to my summary"</a></p>
            </div>
        </ShareView>
    }
}
