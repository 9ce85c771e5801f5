//! Clients that connect and never finish a request: the server closes
//! them after its header timeout, never runs out of file descriptors for
//! them, and goes on answering everybody else. The first test starts a
//! server of its own with few open files allowed (Unix only: it sets the
//! limit).

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::time::{Duration, Instant};

use crate::common;
use crate::harness::{server, Server};

/// The header timeout of the test's own server, short so the test need
/// not wait long.
const HEADER_TIMEOUT_MS: u64 = 2_000;
/// The open files the test's own server may have: fewer than the stalled
/// connections, so a server without a connection cap runs out.
const OPEN_FILES: libc::rlim_t = 256;
const STALLED: usize = 300;
/// Half a request line, never finished.
const HALF_SENT: &[u8] = b"GET /api/sea";
/// How long a test waits for the server to close a connection: far more
/// than its header timeout, for a busy machine.
const CLOSE_WITHIN: Duration = Duration::from_secs(60);

/// Opens a connection and sends `bytes`, never more.
fn stall(port: u16, bytes: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("a connection");
    stream.write_all(bytes).expect("half a request sent");
    stream
}

/// Waits until the server closes `stream`, or `CLOSE_WITHIN` passes:
/// whether it closed.
fn closed_by_the_server(stream: &mut TcpStream) -> Result<(), String> {
    let deadline = Instant::now() + CLOSE_WITHIN;
    stream
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let mut buffer = [0u8; 1024];
    let mut answered = Vec::new();
    while Instant::now() < deadline {
        match stream.read(&mut buffer) {
            Ok(0) => return Ok(()),
            Ok(n) => answered.extend_from_slice(&buffer[..n]),
            Err(e) if e.kind() == io::ErrorKind::ConnectionReset => return Ok(()),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) => {}
            Err(e) => return Err(format!("reading failed: {e}")),
        }
    }
    Err(format!(
        "still open after {CLOSE_WITHIN:?}; the server sent {:?}",
        String::from_utf8_lossy(&answered)
    ))
}

#[test]
fn stalled_clients_neither_exhaust_the_server_nor_keep_others_out() {
    let server = Server::start_with(common::shared(), |cmd| {
        cmd.env("CITATER_HEADER_TIMEOUT_MS", HEADER_TIMEOUT_MS.to_string());
        // SAFETY: setrlimit(2) is async-signal-safe, and the closure
        // touches nothing of the parent.
        unsafe {
            cmd.pre_exec(|| {
                let limit = libc::rlimit {
                    rlim_cur: OPEN_FILES,
                    rlim_max: OPEN_FILES,
                };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) == 0 {
                    Ok(())
                } else {
                    Err(io::Error::last_os_error())
                }
            });
        }
    });
    let mut stalled: Vec<TcpStream> = (0..STALLED)
        .map(|_| stall(server.port, HALF_SENT))
        .collect();
    let health = server.try_get("/healthz");
    assert!(
        matches!(&health, Ok(r) if r.status == 200),
        "/healthz is not answered while {STALLED} clients stall: {health:?}{}",
        server.report()
    );
    if let Err(e) = closed_by_the_server(&mut stalled[0]) {
        panic!(
            "a client that sent {HALF_SENT:?} and stalled: {e}{}",
            server.report()
        );
    }
    drop(stalled);
    let log = server.log_text();
    let exhausted = log
        .lines()
        .filter(|l| l.contains("Too many open files"))
        .count();
    assert!(
        exhausted <= 1,
        "the server ran out of file descriptors ({exhausted} log lines){}",
        server.report()
    );
    server.assert_alive(&format!("{STALLED} stalled clients"));
}

#[test]
fn a_stalled_connection_is_closed_after_the_default_header_timeout() {
    let s = server();
    let mut silent = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    let mut half_sent = stall(s.port, HALF_SENT);
    let mut no_blank_line = stall(
        s.port,
        format!("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n", s.port).as_bytes(),
    );
    for (what, stream) in [
        ("a client that sent nothing", &mut silent),
        ("a client that sent half a request line", &mut half_sent),
        (
            "a client that sent a head without its end",
            &mut no_blank_line,
        ),
    ] {
        if let Err(e) = closed_by_the_server(stream) {
            panic!("{what}: {e}{}", s.report());
        }
    }
    s.assert_alive("stalled connections");
}
