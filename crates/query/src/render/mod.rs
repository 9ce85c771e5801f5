//! Rendering what matched: every face draws a hit's `matched` spans through
//! here, as HTML (`snippet`) or for a terminal (`terminal`), and says why
//! it matched in Danish (`why`).

pub mod snippet;
pub mod terminal;
pub mod why;
