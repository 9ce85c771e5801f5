//! Raw HTTP/1.1 on a TCP socket, for what a client crate will not do:
//! send malformed or cut-short requests, pipeline two requests, hold an
//! idle connection open, or carry a URI longer than the `http` crate's
//! limit. Answers are parsed with httparse.

use std::io::{self, Read, Write};
use std::net::TcpStream;

use crate::harness::client::REQUEST_TIMEOUT;
use crate::harness::{shorten, Response, Server};

/// The most headers an answer of the server is expected to carry.
const MAX_HEADERS: usize = 64;

/// A connection to the server, reading answers as they come (the server
/// may keep it open after answering, so the end of an answer is found from
/// its length, not from the connection closing).
pub(crate) struct Connection {
    pub(crate) stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    pub(crate) fn open(port: u16) -> io::Result<Connection> {
        let stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_read_timeout(Some(REQUEST_TIMEOUT))?;
        stream.set_write_timeout(Some(REQUEST_TIMEOUT))?;
        Ok(Connection {
            stream,
            buffer: Vec::new(),
        })
    }

    /// The next final answer (an interim `100 Continue` is skipped) to a
    /// request; `None` if the connection closed before any of it. A body
    /// is read as far as its `Content-Length` says, which the answers these
    /// tests read whole all have; other bodies are left unread.
    pub(crate) fn next_response(&mut self, request: &[u8]) -> io::Result<Option<Response>> {
        let label = shorten(&String::from_utf8_lossy(&request[..request.len().min(300)]));
        let mut chunk = [0u8; 64 * 1024];
        loop {
            if let Some((response, used)) = parse(&label, &self.buffer)? {
                self.buffer.drain(..used);
                if response.status >= 200 {
                    return Ok(Some(response));
                }
                continue;
            }
            match self.stream.read(&mut chunk) {
                Ok(0) if self.buffer.is_empty() => return Ok(None),
                Ok(0) => {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        format!(
                            "the connection closed within the answer to {label:?}: {:?}",
                            String::from_utf8_lossy(&self.buffer[..self.buffer.len().min(500)])
                        ),
                    ))
                }
                Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

/// The answer at the start of `bytes` and how many bytes it took, once
/// its head and its `Content-Length` of body have arrived.
fn parse(label: &str, bytes: &[u8]) -> io::Result<Option<(Response, usize)>> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut head = httparse::Response::new(&mut headers);
    let start = match head.parse(bytes) {
        Ok(httparse::Status::Complete(start)) => start,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(e) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "{e} in the answer to {label:?}: {:?}",
                    String::from_utf8_lossy(&bytes[..bytes.len().min(500)])
                ),
            ))
        }
    };
    let status = head.code.expect("a complete head has a status");
    let headers: Vec<(String, String)> = head
        .headers
        .iter()
        .map(|h| {
            let value = String::from_utf8_lossy(h.value).trim().to_string();
            (h.name.to_ascii_lowercase(), value)
        })
        .collect();
    let has_body = status >= 200 && status != 204 && status != 304;
    let length = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .filter(|_| has_body)
        .unwrap_or(0);
    let Some(body) = bytes[start..].get(..length) else {
        return Ok(None);
    };
    let response = Response {
        request: label.to_string(),
        status,
        headers,
        body: body.to_vec(),
    };
    Ok(Some((response, start + length)))
}

impl Server {
    /// Sends raw bytes as one request and reads one answer; `None` when the
    /// server closed the connection without answering.
    pub(crate) fn raw(&self, request: &[u8]) -> io::Result<Option<Response>> {
        let mut connection = Connection::open(self.port)?;
        // The server may answer (413, 400) and close before it has read
        // everything; what it answered is what counts.
        let written = connection.stream.write_all(request);
        match connection.next_response(request) {
            Ok(None) => written.map(|()| None),
            answer => answer,
        }
    }

    /// A well-formed GET sent raw, which must be answered: for a target
    /// longer than a client crate carries.
    pub(crate) fn raw_get(&self, target: &str) -> Response {
        let request = format!(
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        );
        match self.raw(request.as_bytes()) {
            Ok(Some(r)) => r,
            Ok(None) => panic!(
                "GET {} got no answer: the server closed the connection{}",
                shorten(target),
                self.report()
            ),
            Err(e) => panic!("GET {} failed: {e}{}", shorten(target), self.report()),
        }
    }
}
