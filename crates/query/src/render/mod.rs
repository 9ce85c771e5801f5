//! Rendering what matched: every face draws a hit's `matched` spans through
//! here, as HTML (`snippet`) or for a terminal (`terminal`).

pub mod snippet;
pub mod terminal;
