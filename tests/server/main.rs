//! End-to-end tests of `citater serve`: the real binary, started on a free
//! port in a scratch workspace, spoken to over HTTP/1.1 by ureq, and over a
//! raw TCP socket where a test sends what no client crate would.
//!
//! The read-only tests share one server; the rebuild and shutdown tests each
//! start their own. A failing expectation prints the request and the
//! answer, and a failing test prints the server's command, stdout and
//! stderr.
//!
//! The tests see the server through HTTP only. One file per group of
//! endpoints; a new check on search hits (their fields, how they match)
//! belongs in `search.rs`, reading hits from `Server::search`.

#[path = "../common/mod.rs"]
mod common;
mod harness;

mod error_bodies;
mod errors;
mod export;
mod generations;
mod hostile;
mod logging;
mod malformed;
mod matrix;
mod openapi;
mod page;
mod quotes;
mod reload;
mod search;
mod security;
#[cfg(unix)]
mod shutdown;
#[cfg(unix)]
mod slow_clients;
