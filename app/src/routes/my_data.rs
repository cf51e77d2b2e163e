use super::PageMeta;
use crate::components::device_data::DeviceDataView;
use leptos::prelude::*;

/// `/my-data`: what Pathways keeps in this browser, to see, export, import or delete.
#[component]
pub fn MyDataPage() -> impl IntoView {
    view! {
        <PageMeta title="What is stored on this device" description="Everything Pathways keeps in this browser, in plain words and as JSON, to export, import or delete in one tap."/>
        <h1>"What is stored on this device"</h1>
        <p class="lead">"Pathways keeps nothing about you on its server. What it keeps is in this browser, and only you can see, move or delete it here."</p>
        <DeviceDataView/>
        <p>"Read more in "<a href="/privacy">"how Pathways handles privacy"</a>". If you are in danger or crisis, "<a href="/crisis">"get help now"</a>"."</p>
    }
}
