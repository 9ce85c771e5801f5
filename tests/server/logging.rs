//! The server's log at the default level: no line per request (they are
//! logged at DEBUG), so a busy server's log stays small.

use crate::harness::server;

#[test]
fn requests_are_not_logged_one_by_one_at_the_default_level() {
    let s = server();
    let marker = "not-in-the-log";
    for n in 0..20 {
        s.get(&format!("/api/search?q={marker}{n}"));
        s.get(&format!("/{marker}{n}"));
    }
    let log = s.log_text();
    let per_request: Vec<&str> = log
        .lines()
        .filter(|l| l.contains(marker) || l.contains("processing request"))
        .collect();
    assert!(
        per_request.is_empty(),
        "{} lines of the log are about single requests, like:\n{}{}",
        per_request.len(),
        per_request
            .iter()
            .take(3)
            .copied()
            .collect::<Vec<_>>()
            .join("\n"),
        s.report()
    );
}
