//! Building blocks shared by pages: the layout, and the islands.

pub mod finder;
pub mod layout;
pub mod prepare;
pub mod profile;
pub mod quiz;
pub mod search_box;
pub mod summary;

use leptos::prelude::*;

/// A flag that turns true once, when an island comes alive in the browser; `on_start`
/// runs at that moment (to read what this browser keeps). Controls that need
/// JavaScript render only once the flag is set.
pub fn hydrated(on_start: impl Fn() + 'static) -> RwSignal<bool> {
    let flag = RwSignal::new(false);
    Effect::new(move |_| {
        if !flag.get_untracked() {
            flag.set(true);
            on_start();
        }
    });
    flag
}
