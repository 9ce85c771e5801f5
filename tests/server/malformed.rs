//! Malformed HTTP, sent raw on a TCP socket because no client crate will
//! send it: no answer is a server error, and the server lives on.

use std::io::{self, Write};
use std::net::Shutdown;

use crate::harness::{server, Connection};

#[test]
fn malformed_requests_never_fail_the_server() {
    let s = server();
    let host = format!("Host: 127.0.0.1:{}", s.port);
    let mut requests: Vec<Vec<u8>> = vec![
        b"GARBAGE\r\n\r\n".to_vec(),
        b"GET /\r\n\r\n".to_vec(),
        b"GET / HTTP/9.9\r\n\r\n".to_vec(),
        b"GET / HTTP/1.1\r\n\r\n".to_vec(),
        b"GET / HTTP/1.0\r\n\r\n".to_vec(),
        b"GET /api/search?q=a b HTTP/1.1\r\n\r\n".to_vec(),
        b"GET /api/search?q=\xff\xfe HTTP/1.1\r\n\r\n".to_vec(),
        b"GET /api/search?q=\x00 HTTP/1.1\r\n\r\n".to_vec(),
        b"GET /api/quotes/\xc3\xb8 HTTP/1.1\r\n\r\n".to_vec(),
        b"GET http://example.org/api/search HTTP/1.1\r\n\r\n".to_vec(),
        b"GET * HTTP/1.1\r\n\r\n".to_vec(),
        b"CONNECT 127.0.0.1:1 HTTP/1.1\r\n\r\n".to_vec(),
    ];
    for headers in [
        "No colon here",
        "X-Nul: a\0b",
        "Content-Length: -1",
        "Content-Length: abc",
        "Content-Length: 5\r\nContent-Length: 6",
        "Content-Length: 99999999999999999999",
        "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0",
        "Transfer-Encoding: gzip, chunked\r\n\r\n0",
        "Expect: 100-continue\r\nContent-Length: 3",
        "Accept-Encoding: gzip;q=NaN, *;q=-1, br;q=99999999999",
        "Accept-Encoding: \u{1}\u{2}",
        "Range: bytes=99999999999-1",
        "Cookie: a=1; a=2; %FF",
    ] {
        requests.push(
            format!("GET /api/search?q=a HTTP/1.1\r\n{host}\r\n{headers}\r\n\r\n").into_bytes(),
        );
    }
    requests.push(
        format!(
            "GET /api/search HTTP/1.1\r\n{host}\r\nX-Big: {}\r\n\r\n",
            "a".repeat(100_000)
        )
        .into_bytes(),
    );
    requests.push(
        format!(
            "GET /api/search HTTP/1.1\r\n{host}\r\n{}\r\n",
            (0..500)
                .map(|i| format!("X-{i}: {i}\r\n"))
                .collect::<String>()
        )
        .into_bytes(),
    );
    requests.push(
        format!(
            "POST /api/search HTTP/1.1\r\n{host}\r\nTransfer-Encoding: chunked\r\n\r\n{}0\r\n\r\n",
            "4000\r\n".to_string()
                + &"x".repeat(0x4000)
                + "\r\n"
                + "10\r\n"
                + &"y".repeat(16)
                + "\r\n"
        )
        .into_bytes(),
    );
    for request in &requests {
        let label = String::from_utf8_lossy(&request[..request.len().min(200)]).into_owned();
        match s.raw(request) {
            Ok(Some(r)) => assert!(
                r.status < 500,
                "a server error for a malformed request {label:?}{}{}",
                r.report(),
                s.report()
            ),
            Ok(None) => {}
            // The server may hang up on garbage before reading all of it.
            Err(e) if e.kind() == io::ErrorKind::ConnectionReset => {}
            Err(e) => panic!("{label:?} failed: {e}{}", s.report()),
        }
    }

    // A request cut short: the server waits for the rest, and hangs up
    // when the client does.
    for partial in [
        &b"\r\n\r\n"[..],
        b"GET /api/sea",
        b"GET /api/search HTTP/1.1\r\nHost: x",
    ] {
        let mut connection = Connection::open(s.port).unwrap();
        connection.stream.write_all(partial).unwrap();
        connection.stream.shutdown(Shutdown::Write).unwrap();
        match connection.next_response(partial) {
            Ok(None) => {}
            Ok(Some(r)) => assert!(r.status < 500, "{}{}", r.report(), s.report()),
            Err(e) => panic!("{partial:?} cut short: {e}{}", s.report()),
        }
    }

    // Two requests on one connection are both answered.
    let mut connection = Connection::open(s.port).unwrap();
    let first = format!("GET /healthz HTTP/1.1\r\n{host}\r\n\r\n");
    let second = format!("GET /api/facets HTTP/1.1\r\n{host}\r\n\r\n");
    connection
        .stream
        .write_all(format!("{first}{second}").as_bytes())
        .unwrap();
    for request in [first, second] {
        let answer = connection.next_response(request.as_bytes()).unwrap();
        let answer = answer.unwrap_or_else(|| panic!("no answer to {request:?} when pipelined"));
        answer.assert_status(200);
        answer.json();
    }
    s.assert_alive("malformed requests");
}
