//! The harness the endpoint tests stand on: `citater serve` as a real
//! process, ordinary requests through ureq, raw bytes on a TCP socket for
//! what no client crate sends, and the corpus's quotes as the API lists
//! them.

mod client;
mod fixtures;
mod process;
mod raw;
mod response;

pub(crate) use fixtures::{
    all_hits, all_quotes, concrete, count_by, encode, facet, ids, quote_in_the_middle, some_id,
    total,
};
pub(crate) use process::{server, Server};
pub(crate) use raw::Connection;
pub(crate) use response::Response;

/// A long request, body or log cut to something readable in a failure
/// message.
pub(crate) fn shorten(text: &str) -> String {
    let max = 2000;
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    format!("{head}… ({} characters in all)", text.chars().count())
}
