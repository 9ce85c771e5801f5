//! The requests served, counted by status class, and the one line a
//! minute at INFO that sums them up: the log of a busy server stays small
//! (each request is logged at DEBUG only, `RUST_LOG=tower_http=debug`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::state::AppState;

/// How often the summary is logged, when there were requests.
pub(crate) const SUMMARY_EVERY: Duration = Duration::from_secs(60);

/// Requests answered since the last summary, by status class (1xx to 5xx).
#[derive(Debug, Default)]
pub(crate) struct Tally {
    by_class: [AtomicU64; 5],
}

impl Tally {
    fn add(&self, status: u16) {
        let class = usize::from(status / 100).clamp(1, 5) - 1;
        self.by_class[class].fetch_add(1, Ordering::Relaxed);
    }

    /// The counts since the last call, by class, leaving them at zero.
    pub(crate) fn take(&self) -> [u64; 5] {
        std::array::from_fn(|i| self.by_class[i].swap(0, Ordering::Relaxed))
    }
}

/// Counts each answer in the state's tally.
pub(crate) async fn count(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    state.tally().add(response.status().as_u16());
    response
}

/// The summary of some counts: `None` when there were no requests.
pub(crate) fn summary(counts: [u64; 5], every: Duration) -> Option<String> {
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return None;
    }
    let classes: Vec<String> = counts
        .iter()
        .zip(1..)
        .filter(|(n, _)| **n > 0)
        .map(|(n, class)| format!("{n} {class}xx"))
        .collect();
    Some(format!(
        "Besvarede {total} {} de seneste {} s: {}.",
        if total == 1 {
            "forespørgsel"
        } else {
            "forespørgsler"
        },
        every.as_secs(),
        classes.join(", ")
    ))
}

/// Logs the summary every `every`, as long as the server runs.
pub(crate) async fn log_summaries(state: AppState, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    ticks.tick().await;
    loop {
        ticks.tick().await;
        if let Some(line) = summary(state.tally().take(), every) {
            tracing::info!("{line}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_counts_by_class_and_only_when_there_were_requests() {
        let tally = Tally::default();
        assert_eq!(summary(tally.take(), SUMMARY_EVERY), None);
        for status in [200, 200, 304, 404, 400, 503] {
            tally.add(status);
        }
        assert_eq!(
            summary(tally.take(), SUMMARY_EVERY).as_deref(),
            Some("Besvarede 6 forespørgsler de seneste 60 s: 2 2xx, 1 3xx, 2 4xx, 1 5xx.")
        );
        assert_eq!(summary(tally.take(), SUMMARY_EVERY), None);
        tally.add(200);
        assert_eq!(
            summary(tally.take(), SUMMARY_EVERY).as_deref(),
            Some("Besvarede 1 forespørgsel de seneste 60 s: 1 2xx.")
        );
    }
}
