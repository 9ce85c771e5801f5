//! A clean stop on SIGTERM, with a keep-alive connection left open. The
//! test starts a server of its own (Unix only: it sends the signal).

use std::io::Write;
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

use crate::common;
use crate::harness::{Connection, Server};

#[test]
fn sigterm_shuts_the_server_down_cleanly() {
    let ws = common::shared();
    let mut server = Server::start(ws);
    // An idle keep-alive connection, as a browser leaves open, must not
    // keep the server from stopping. It is a raw socket so that the test,
    // not a client's pool, holds it open.
    let mut idle = Connection::open(server.port).unwrap();
    let request = format!(
        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
        server.port
    );
    idle.stream.write_all(request.as_bytes()).unwrap();
    idle.next_response(request.as_bytes())
        .unwrap()
        .expect("an answer on a keep-alive connection")
        .assert_status(200);

    let pid = libc::pid_t::try_from(server.pid()).expect("a pid");
    // SAFETY: kill(2) with a pid we started and a valid signal.
    let sent = unsafe { libc::kill(pid, libc::SIGTERM) };
    assert_eq!(
        sent,
        0,
        "SIGTERM not sent: {}",
        std::io::Error::last_os_error()
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "citater serve still runs 10 s after SIGTERM{}",
            server.report()
        );
        thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(
        status.code(),
        Some(0),
        "exit status after SIGTERM: {status}{}",
        server.report()
    );
    assert!(
        server.log_text().contains("Lukker ned"),
        "{}",
        server.report()
    );
    assert!(
        TcpStream::connect(("127.0.0.1", server.port)).is_err(),
        "the port is still open after the server stopped"
    );
}
