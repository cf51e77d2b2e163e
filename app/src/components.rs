//! Building blocks shared by pages: the layout, and the islands.

pub mod finder;
pub mod layout;
pub mod prepare;
pub mod profile;
pub mod quiz;
pub mod search;
pub mod summary;
