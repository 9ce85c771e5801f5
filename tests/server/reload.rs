//! Index generations swapped in while clients keep asking: no request is
//! lost, and an answer the server kept in memory is not given for a newer
//! generation. Each test starts a server of its own.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::common::Workspace;
use crate::harness::{total, Server};

#[test]
fn a_rebuild_under_load_loses_no_request() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let server = Arc::new(Server::start(&ws));
    let first = server.json("/healthz")["index"]
        .as_str()
        .unwrap()
        .to_string();
    let expected_total = total(&server.search("q=ledelse&limit=0"));

    let stop = Arc::new(AtomicBool::new(false));
    let answered = Arc::new(AtomicUsize::new(0));
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let targets = [
        "/api/search?q=ledelse&limit=0",
        "/api/search?q=tillid&level=leder",
        "/api/search?limit=100",
        "/api/facets",
    ];
    let clients: Vec<_> = (0..3)
        .map(|n| {
            let (server, stop, answered, failures) = (
                server.clone(),
                stop.clone(),
                answered.clone(),
                failures.clone(),
            );
            thread::spawn(move || {
                let mut i = n;
                while !stop.load(Ordering::SeqCst) {
                    let target = targets[i % targets.len()];
                    i += 1;
                    match server.try_get(target) {
                        Ok(r) if r.status == 200 => {
                            if target.contains("ledelse") && total(&r.json()) != expected_total {
                                failures
                                    .lock()
                                    .unwrap()
                                    .push(format!("a different total{}", r.report()));
                            }
                            answered.fetch_add(1, Ordering::SeqCst);
                        }
                        Ok(r) => failures.lock().unwrap().push(r.report()),
                        Err(e) => failures.lock().unwrap().push(format!("GET {target}: {e}")),
                    }
                }
            })
        })
        .collect();

    let mut generations = vec![first];
    for _ in 0..2 {
        let before = answered.load(Ordering::SeqCst);
        let run = ws.ok(&["index"]);
        let current = std::fs::read_to_string(ws.index().join("CURRENT")).unwrap();
        let current = current.trim().to_string();
        assert!(
            !generations.contains(&current),
            "no new generation{}",
            run.report()
        );
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let health = server.json("/healthz");
            if health["index"] == current.as_str() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the server still serves {} 15 s after {current} became current{}",
                health["index"],
                server.report()
            );
            thread::sleep(Duration::from_millis(50));
        }
        assert!(
            answered.load(Ordering::SeqCst) > before,
            "no request was answered during the rebuild"
        );
        generations.push(current);
    }
    // Some more requests on the newest generation.
    let settled = answered.load(Ordering::SeqCst);
    let deadline = Instant::now() + Duration::from_secs(15);
    while answered.load(Ordering::SeqCst) < settled + 20 && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(20));
    }
    stop.store(true, Ordering::SeqCst);
    for client in clients {
        client.join().expect("a client thread panicked");
    }
    let failures = failures.lock().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} requests failed during rebuilds of {generations:?}; the first:{}{}",
        failures.len(),
        failures.len() + answered.load(Ordering::SeqCst),
        failures[0],
        server.report()
    );
    server.assert_alive("two rebuilds");
}

/// Waits until the server serves the generation `CURRENT` names.
fn wait_for_current(ws: &Workspace, server: &Server) {
    let current = std::fs::read_to_string(ws.index().join("CURRENT")).unwrap();
    let current = current.trim();
    let deadline = Instant::now() + Duration::from_secs(15);
    while server.json("/healthz")["index"] != current {
        assert!(
            Instant::now() < deadline,
            "the server does not serve {current} 15 s after it became current{}",
            server.report()
        );
        thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_search_asked_again_after_a_rebuild_is_answered_by_the_new_index() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let server = Server::start(&ws);
    let target = "/api/search?q=tillid&limit=3";
    let first = server.get(target);
    first.assert_status(200);
    let again = server.get(target);
    assert_eq!(
        again.body, first.body,
        "a repeated search answered otherwise"
    );

    // One word of the booklets changed, and the index rebuilt.
    for entry in std::fs::read_dir(ws.corpus()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text.replace("tillid", "tiltro")).unwrap();
        }
    }
    ws.ok(&["index"]);
    wait_for_current(&ws, &server);
    let rebuilt = server.get(target);
    rebuilt.assert_status(200);
    let cli = ws.ok(&["search", "tillid", "--limit", "3", "--format", "json"]);
    assert_eq!(
        total(&rebuilt.json()),
        total(&cli.json()),
        "the server answers otherwise than the new index{}",
        rebuilt.report()
    );
    assert_ne!(
        total(&rebuilt.json()),
        total(&first.json()),
        "the rebuild changed no total{}",
        rebuilt.report()
    );
    server.assert_alive("a rebuild after an edit");
}
