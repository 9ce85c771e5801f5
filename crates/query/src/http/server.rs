//! Serving connections: the accept loop that `axum::serve` would be, had
//! it hyper's header-read timeout and a cap on connections.
//!
//! Each connection is served by hyper's HTTP/1 connection builder (the
//! protocol `axum::serve` spoke here too) with its header-read timeout,
//! which closes a connection that has not sent a whole request head in
//! time, an idle keep-alive one included; hyper-util adapts the router to
//! hyper and watches the connections for a graceful shutdown. A semaphore
//! caps the connections served at once below the process's open-file
//! limit: at the cap, new connections wait in the listen queue until
//! another one closes. So slow or stalled clients cannot run the server
//! out of file descriptors, and a normal client is answered as soon as
//! the header timeout has dropped them.

use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// How long a client has to send a request head: generous for any real
/// client, which sends it at once, and short enough that clients that
/// never finish are dropped soon.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Overrides `HEADER_TIMEOUT` (milliseconds), so that tests need not wait.
const HEADER_TIMEOUT_VAR: &str = "CITATER_HEADER_TIMEOUT_MS";
/// The most connections served at once, whatever the open-file limit.
const MAX_CONNECTIONS: usize = 1024;
/// The fewest, however low the open-file limit.
const MIN_CONNECTIONS: usize = 16;
/// File descriptors kept for what is not a connection: the index, the
/// runtime, the log, the listener.
const RESERVED_FDS: u64 = 64;
/// How long the accept loop waits after an error such as EMFILE, which
/// would come back at once.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);
/// The fewest seconds between two log lines about failing accepts.
const ACCEPT_LOG_EVERY: Duration = Duration::from_secs(60);
/// How long requests under way may take to finish after a shutdown signal.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// The limits of serving.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    pub(crate) header_timeout: Duration,
    pub(crate) max_connections: usize,
}

impl Limits {
    /// The limits for this process: the header timeout (from the
    /// environment when set) and a connection cap under its open-file
    /// limit.
    pub(crate) fn for_this_process() -> Limits {
        let header_timeout = std::env::var(HEADER_TIMEOUT_VAR)
            .ok()
            .and_then(|ms| ms.trim().parse().ok())
            .map(Duration::from_millis)
            .unwrap_or(HEADER_TIMEOUT);
        let max_connections = open_file_limit()
            .map(|limit| usize::try_from(limit.saturating_sub(RESERVED_FDS)).unwrap_or(usize::MAX))
            .unwrap_or(MAX_CONNECTIONS)
            .clamp(MIN_CONNECTIONS, MAX_CONNECTIONS);
        Limits {
            header_timeout,
            max_connections,
        }
    }
}

/// The soft limit on open files, if there is one.
#[cfg(unix)]
fn open_file_limit() -> Option<u64> {
    rustix::process::getrlimit(rustix::process::Resource::Nofile).current
}

#[cfg(not(unix))]
fn open_file_limit() -> Option<u64> {
    None
}

/// Serves `app` on `listener` until `shutdown` completes, then stops
/// accepting and lets the connections under way finish their requests (for
/// at most `SHUTDOWN_GRACE`).
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut accept_errors = Throttled::new(ACCEPT_LOG_EVERY);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    if !is_connection_error(&e) {
                        accept_errors.warn(|again| {
                            format!("Forbindelser kan ikke tages imod: {e}{again}; prøver igen.")
                        });
                        tokio::time::sleep(ACCEPT_BACKOFF).await;
                    }
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Answers are small and written whole; no need to wait for more.
        let _ = stream.set_nodelay(true);
        let connection =
            builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!("connection ended: {e}");
            }
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            "Stoppede med forespørgsler stadig i gang efter {} s.",
            SHUTDOWN_GRACE.as_secs()
        );
    }
}

/// An error of one connection (the client hung up before it was
/// accepted), which says nothing about the listener.
fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// A warning logged at most once per interval, saying how many were left
/// out since the last one.
struct Throttled {
    every: Duration,
    last: Option<Instant>,
    left_out: u64,
}

impl Throttled {
    fn new(every: Duration) -> Throttled {
        Throttled {
            every,
            last: None,
            left_out: 0,
        }
    }

    /// Logs the message unless one was logged less than `every` ago;
    /// `message` is given ", N times since the last message" or "".
    fn warn(&mut self, message: impl FnOnce(&str) -> String) {
        if self.last.is_some_and(|last| last.elapsed() < self.every) {
            self.left_out += 1;
            return;
        }
        let again = match self.left_out {
            0 => String::new(),
            n => format!(" ({n} gange mere siden sidste besked)"),
        };
        tracing::warn!("{}", message(&again));
        self.last = Some(Instant::now());
        self.left_out = 0;
    }
}
