//! Building blocks shared by pages: the layout, and the islands.

pub mod layout;
pub mod quiz;
pub mod search;
