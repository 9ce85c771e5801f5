//! End-to-end tests of `citater serve`: the real binary, started on a free
//! port, spoken to over real HTTP/1.1 on a plain TCP socket (so that the
//! hostile tests can send requests no HTTP library would let us write).
//!
//! The read-only tests share one server; the rebuild and shutdown tests each
//! start their own. A failing expectation prints the request and the
//! response, and where the server is at fault, the end of its log.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use common::Workspace;
use serde_json::Value;

/// How long a server may take to answer its first /healthz.
const STARTUP: Duration = Duration::from_secs(60);
/// How long one request may take before the test gives up on it.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

// ---------------------------------------------------------------- server

/// A running `citater serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Server {
    /// Starts the server on a free port of 127.0.0.1 and waits until it
    /// answers /healthz. Another process may take the port between our
    /// finding it free and the server binding it; then it tries another.
    fn start(ws: &Workspace) -> Server {
        for _ in 0..5 {
            let port = free_port();
            let log = ws.dir.path().join(format!("serve-{port}.log"));
            let child = ws
                .command(&["serve", "--addr", &format!("127.0.0.1:{port}")])
                .env("RUST_LOG", "info")
                // A panic's message, not its backtrace, in the log's last lines.
                .env("RUST_BACKTRACE", "0")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(File::create(&log).expect("a log file for the server"))
                .spawn()
                .expect("citater serve starts");
            let mut server = Server { child, port, log };
            match server.wait_until_up() {
                Ok(()) => return server,
                Err(status) if server.log_text().contains("cannot listen") => {
                    eprintln!("port {port} was taken ({status}); trying another");
                }
                Err(status) => panic!(
                    "citater serve exited ({status}) before answering{}",
                    server.log_report()
                ),
            }
        }
        panic!("no free port could be had for citater serve");
    }

    /// Polls /healthz until it answers 200; the exit status if the server
    /// died first.
    fn wait_until_up(&mut self) -> Result<(), ExitStatus> {
        let deadline = Instant::now() + STARTUP;
        loop {
            if let Some(status) = self.child.try_wait().expect("the server's status") {
                return Err(status);
            }
            if matches!(self.try_get("/healthz"), Ok(Some(r)) if r.status == 200) {
                return Ok(());
            }
            assert!(
                Instant::now() < deadline,
                "citater serve did not answer /healthz within {STARTUP:?}{}",
                self.log_report()
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The end of the server's log, for a failure message.
    fn log_report(&self) -> String {
        let log = self.log_text();
        let lines: Vec<&str> = log.lines().collect();
        let tail = lines[lines.len().saturating_sub(30)..].join("\n");
        format!("\n--- server log (last 30 lines):\n{tail}\n")
    }

    /// Sends raw bytes as one request and reads one answer; `None` when the
    /// server closed the connection without answering.
    fn raw(&self, request: &[u8]) -> io::Result<Option<Response>> {
        let mut connection = Connection::open(self.port)?;
        // The server may answer (413, 400) and close before it has read
        // everything; what it answered is what counts.
        let written = connection.stream.write_all(request);
        match connection.next_response(request) {
            Ok(None) => written.map(|()| None),
            answer => answer,
        }
    }

    /// A well-formed request, with `Connection: close` so that no
    /// connection lingers.
    fn try_request(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> io::Result<Option<Response>> {
        let mut head = format!(
            "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n",
            self.port
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !body.is_empty() {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(body);
        let mut response = self.raw(&bytes)?;
        if let Some(r) = &mut response {
            r.request = format!("{method} {}", shorten(target));
        }
        Ok(response)
    }

    fn try_get(&self, target: &str) -> io::Result<Option<Response>> {
        self.try_request("GET", target, &[], b"")
    }

    /// A request that must be answered.
    fn request(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        match self.try_request(method, target, headers, body) {
            Ok(Some(r)) => r,
            Ok(None) => panic!(
                "{method} {} got no answer: the server closed the connection{}",
                shorten(target),
                self.log_report()
            ),
            Err(e) => panic!(
                "{method} {} failed: {e}{}",
                shorten(target),
                self.log_report()
            ),
        }
    }

    fn get(&self, target: &str) -> Response {
        self.request("GET", target, &[], b"")
    }

    /// GET that must answer 200 with JSON.
    fn json(&self, target: &str) -> Value {
        let r = self.get(target);
        r.assert_status(200);
        r.assert_content_type("application/json");
        r.json()
    }

    /// Asserts the server still answers /healthz with 200, after `what`.
    fn assert_alive(&self, what: &str) {
        let r = self.try_get("/healthz");
        assert!(
            matches!(&r, Ok(Some(r)) if r.status == 200),
            "the server no longer answers /healthz after {what}: {r:?}{}",
            self.log_report()
        );
        assert!(
            !self.log_text().contains("panicked"),
            "the server panicked during {what}{}",
            self.log_report()
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on right now.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().unwrap().port()
}

/// The server most tests share, over the shared workspace's index. Statics
/// are never dropped, so it is killed (and the workspace removed) when the
/// test binary exits.
fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        let ws = common::shared();
        let server = Server::start(ws);
        clean_up_at_exit(server.pid(), ws.dir.path().to_path_buf());
        server
    })
}

fn clean_up_at_exit(pid: u32, dir: PathBuf) {
    static PID: AtomicI32 = AtomicI32::new(0);
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    extern "C" fn clean_up() {
        let pid = PID.load(Ordering::SeqCst);
        if pid > 0 {
            // SAFETY: kill(2) with a pid we started and a valid signal.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        if let Some(dir) = DIR.get() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
    PID.store(pid as i32, Ordering::SeqCst);
    let _ = DIR.set(dir);
    // SAFETY: registers a plain function with no arguments to run at exit.
    unsafe { libc::atexit(clean_up) };
}

// ---------------------------------------------------------------- responses

/// A response's status, headers (names in lowercase) and where its body
/// starts.
type Head = (u16, Vec<(String, String)>, usize);

/// An HTTP response as it came over the wire (chunked bodies joined).
#[derive(Debug)]
struct Response {
    request: String,
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    /// The answer at the start of `bytes` and how many bytes it took, if
    /// all of it has arrived.
    fn complete(
        request: &str,
        bytes: &[u8],
        head_only: bool,
    ) -> io::Result<Option<(Response, usize)>> {
        let Some((status, headers, start)) = Response::head(request, bytes)? else {
            return Ok(None);
        };
        let rest = &bytes[start..];
        let (body, used) = if head_only || status < 200 || status == 204 || status == 304 {
            (Vec::new(), 0)
        } else if is_chunked(&headers) {
            match dechunk(rest) {
                Some(done) => done,
                None => return Ok(None),
            }
        } else if let Some(length) = content_length(&headers) {
            match rest.get(..length) {
                Some(body) => (body.to_vec(), length),
                None => return Ok(None),
            }
        } else {
            // Ends when the connection closes.
            return Ok(None);
        };
        let response = Response {
            request: request.to_string(),
            status,
            headers,
            body,
        };
        Ok(Some((response, start + used)))
    }

    /// The answer in `bytes`, which end where the server closed the
    /// connection.
    fn until_close(request: String, bytes: &[u8]) -> io::Result<Response> {
        let (status, headers, start) = Response::head(&request, bytes)?
            .ok_or_else(|| invalid(&request, "no end of headers", bytes))?;
        let mut body = bytes[start..].to_vec();
        if is_chunked(&headers) {
            body = dechunk(&body)
                .ok_or_else(|| invalid(&request, "a broken chunked body", bytes))?
                .0;
        } else if let Some(length) = content_length(&headers) {
            body.truncate(length);
        }
        Ok(Response {
            request,
            status,
            headers,
            body,
        })
    }

    /// The head of the answer at the start of `bytes`, once it has arrived.
    fn head(request: &str, bytes: &[u8]) -> io::Result<Option<Head>> {
        let Some(end) = find(bytes, b"\r\n\r\n") else {
            return Ok(None);
        };
        let head = std::str::from_utf8(&bytes[..end])
            .map_err(|_| invalid(request, "a head that is not UTF-8", bytes))?;
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .filter(|l| l.starts_with("HTTP/1."))
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| invalid(request, "no status line", bytes))?;
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Ok(Some((status, headers, end + 4)))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// What is printed when an expectation about this response fails.
    fn report(&self) -> String {
        let headers: String = self
            .headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}\n"))
            .collect();
        format!(
            "\n--- request: {}\n--- status: {}\n--- headers:\n{headers}--- body:\n{}\n",
            self.request,
            self.status,
            shorten(&self.text())
        )
    }

    fn assert_status(&self, status: u16) {
        assert_eq!(self.status, status, "unexpected status{}", self.report());
    }

    fn assert_content_type(&self, media: &str) {
        let ct = self.header("content-type").unwrap_or_default();
        assert!(
            ct.starts_with(media),
            "content type is not {media}{}",
            self.report()
        );
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("the body is not JSON ({e}){}", self.report()))
    }

    /// The API's error answer: this status and `{"error": "…"}`.
    fn assert_error(&self, status: u16) -> String {
        self.assert_status(status);
        self.assert_content_type("application/json");
        let body = self.json();
        let message = body["error"].as_str().unwrap_or_default().to_string();
        assert!(
            !message.is_empty() && body.as_object().is_some_and(|o| o.len() == 1),
            "not an {{\"error\": \"…\"}} body{}",
            self.report()
        );
        message
    }
}

/// A connection to the server, reading answers as they come (the server
/// may keep it open after answering, so the end of an answer is found from
/// its length, not from the connection closing).
struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    fn open(port: u16) -> io::Result<Connection> {
        let stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_read_timeout(Some(REQUEST_TIMEOUT))?;
        stream.set_write_timeout(Some(REQUEST_TIMEOUT))?;
        Ok(Connection {
            stream,
            buffer: Vec::new(),
        })
    }

    /// The next final answer (an interim `100 Continue` is skipped) to a
    /// request; `None` if the connection closed before any of it.
    fn next_response(&mut self, request: &[u8]) -> io::Result<Option<Response>> {
        let label = String::from_utf8_lossy(&request[..request.len().min(300)]).into_owned();
        let head_only = request.starts_with(b"HEAD ");
        let mut chunk = [0u8; 64 * 1024];
        loop {
            if let Some((response, used)) = Response::complete(&label, &self.buffer, head_only)? {
                self.buffer.drain(..used);
                if response.status >= 200 {
                    return Ok(Some(response));
                }
                continue;
            }
            match self.stream.read(&mut chunk) {
                Ok(0) if self.buffer.is_empty() => return Ok(None),
                Ok(0) => return Response::until_close(label, &self.buffer).map(Some),
                Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn invalid(request: &str, why: &str, bytes: &[u8]) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "{why} in the answer to {request:?}: {:?}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(500)])
        ),
    )
}

fn is_chunked(headers: &[(String, String)]) -> bool {
    headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"))
}

fn content_length(headers: &[(String, String)]) -> Option<usize> {
    headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
}

/// A chunked body joined, and how many bytes it took, once all of it has
/// arrived.
fn dechunk(bytes: &[u8]) -> Option<(Vec<u8>, usize)> {
    let mut body = Vec::new();
    let mut at = 0;
    loop {
        let line_end = at + find(bytes.get(at..)?, b"\r\n")?;
        let size_text = std::str::from_utf8(&bytes[at..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        at = line_end + 2;
        if size == 0 {
            // No trailers are sent: the last chunk ends with an empty line.
            return (bytes.get(at..at + 2)? == b"\r\n").then_some((body, at + 2));
        }
        body.extend_from_slice(bytes.get(at..at + size)?);
        at += size + 2;
    }
}

/// A long request or body cut to something readable in a failure message.
fn shorten(text: &str) -> String {
    let max = 2000;
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    format!("{head}… ({} characters in all)", text.chars().count())
}

/// Percent-encodes a query value.
fn enc(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

// ---------------------------------------------------------------- fixtures

/// Every quote, as the search lists them with an empty query.
fn all_quotes() -> &'static [Value] {
    static ALL: OnceLock<Vec<Value>> = OnceLock::new();
    ALL.get_or_init(|| all_hits(""))
}

/// Every hit of a search (its query string, without limit and offset).
fn all_hits(query: &str) -> Vec<Value> {
    let mut hits = Vec::new();
    loop {
        let page = server().json(&format!(
            "/api/search?{query}&limit=100&offset={}",
            hits.len()
        ));
        let got = page["hits"].as_array().unwrap().clone();
        let done =
            got.is_empty() || hits.len() + got.len() >= page["total"].as_u64().unwrap() as usize;
        hits.extend(got);
        if done {
            return hits;
        }
    }
}

fn ids(hits: &[Value]) -> Vec<&str> {
    hits.iter().map(|h| h["id"].as_str().unwrap()).collect()
}

/// A quote well inside its file, so context has lines on both sides.
fn quote_in_the_middle() -> &'static Value {
    all_quotes()
        .iter()
        .find(|q| q["source"]["line_start"].as_u64().unwrap() > 100)
        .expect("a quote past line 100")
}

fn some_id() -> &'static str {
    quote_in_the_middle()["id"].as_str().unwrap()
}

/// How many hits have each value of a field.
fn count_by(hits: &[Value], field: &str) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for h in hits {
        let value = match field {
            "publication" => &h["publication"]["id"],
            _ => &h[field],
        };
        *counts
            .entry(value.as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    counts
}

/// A facet's counts as a map, leaving out zero counts.
fn facet(response: &Value, name: &str) -> BTreeMap<String, u64> {
    response["facets"][name]
        .as_object()
        .unwrap_or_else(|| panic!("no facet {name} in {response}"))
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

fn total(response: &Value) -> u64 {
    response["total"].as_u64().unwrap()
}

/// Every path the router serves, as `routes()` lists them.
fn routed_paths() -> BTreeSet<String> {
    citater_query::http::routes()
        .into_iter()
        .map(|(path, _)| path.to_string())
        .collect()
}

/// A route path with its `{id}` filled in.
fn concrete(path: &str, id: &str) -> String {
    path.replace("{id}", id)
}

// ---------------------------------------------------------------- the endpoints

#[test]
fn the_page_its_script_and_style_sheet() {
    let s = server();
    for (path, media) in [
        ("/", "text/html"),
        ("/app.js", "text/javascript"),
        ("/style.css", "text/css"),
    ] {
        let r = s.get(path);
        r.assert_status(200);
        r.assert_content_type(media);
        assert!(r.body.len() > 100, "an almost empty body{}", r.report());
    }
    let page = s.get("/").text();
    assert!(page.contains("app.js") && page.contains("style.css"));
    // The page keeps its state in the address, so it takes any parameters.
    s.get("/?q=tillid&view=matrix&level=leder")
        .assert_status(200);
}

#[test]
fn search_answers_hits_and_facets_as_the_cli_does() {
    let s = server();
    let r = s.get("/api/search?q=tillid&limit=5");
    r.assert_status(200);
    r.assert_content_type("application/json");
    let body = r.json();
    assert_eq!(body["query"], "tillid", "{}", r.report());
    assert_eq!(body["offset"], 0);
    assert!(total(&body) > 5, "few hits for tillid{}", r.report());
    let hits = body["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 5, "{}", r.report());
    for hit in hits {
        for field in [
            "id", "text", "snippet", "speaker", "role", "level", "theme", "citation",
        ] {
            assert!(hit[field].is_string(), "hit without {field}: {hit}");
        }
        assert!(hit["score"].as_f64().unwrap() > 0.0, "{hit}");
        assert!(
            hit["subtheme"].is_string() || hit["subtheme"].is_null(),
            "{hit}"
        );
        assert!(hit["publication"]["id"].is_string() && hit["publication"]["title"].is_string());
        assert!(hit["source"]["file"].is_string() && hit["source"]["line_start"].is_u64());
    }
    assert!(
        hits.iter()
            .any(|h| h["snippet"].as_str().unwrap().contains("<b>")),
        "no highlighted snippet{}",
        r.report()
    );
    for name in ["level", "role", "theme", "publication"] {
        assert!(
            body["facets"][name].is_object(),
            "no facet {name}{}",
            r.report()
        );
    }

    let ws = common::shared();
    let run = ws.ok(&["search", "tillid", "--limit", "5", "--format", "json"]);
    assert_eq!(
        run.json(),
        body,
        "the API and `citater search --format json` differ{}{}",
        r.report(),
        run.report()
    );
}

#[test]
fn an_empty_query_lists_every_quote() {
    let s = server();
    let health = s.json("/healthz");
    let everything = s.json("/api/search?q=&limit=0");
    assert_eq!(everything["total"], health["quotes"]);
    assert_eq!(s.json("/api/search")["total"], health["quotes"]);
    let all = all_quotes();
    assert_eq!(all.len() as u64, health["quotes"].as_u64().unwrap());
    let distinct: BTreeSet<&str> = ids(all).into_iter().collect();
    assert_eq!(distinct.len(), all.len(), "an id is listed twice");
}

#[test]
fn limit_and_offset_page_through_the_hits() {
    let s = server();
    let everything = all_hits("q=ledelse");
    assert!(everything.len() > 20, "few hits for ledelse");
    let expected = ids(&everything);
    let mut paged = Vec::new();
    for offset in (0..everything.len()).step_by(7) {
        let page = s.json(&format!("/api/search?q=ledelse&limit=7&offset={offset}"));
        assert_eq!(page["offset"], offset as u64);
        assert_eq!(total(&page), everything.len() as u64);
        let hits = page["hits"].as_array().unwrap();
        assert_eq!(hits.len(), 7.min(everything.len() - offset));
        paged.extend(hits.iter().map(|h| h["id"].as_str().unwrap().to_string()));
    }
    assert_eq!(
        paged, expected,
        "pages of 7 do not add up to the whole list"
    );

    let default = s.json("/api/search?q=ledelse");
    assert_eq!(
        default["hits"].as_array().unwrap().len(),
        10,
        "the default limit is 10"
    );
    let none = s.json("/api/search?q=ledelse&limit=0");
    assert!(none["hits"].as_array().unwrap().is_empty());
    assert_eq!(total(&none), everything.len() as u64);
    let past = s.json("/api/search?q=ledelse&offset=10000");
    assert!(past["hits"].as_array().unwrap().is_empty());
    assert_eq!(total(&past), everything.len() as u64);
}

#[test]
fn repeated_filters_or_and_different_filters_and() {
    let s = server();
    let all = all_quotes();
    let levels = count_by(all, "level");
    let (l1, n1) = levels.iter().next().unwrap();
    let (l2, n2) = levels.iter().nth(1).unwrap();

    let one = s.json(&format!("/api/search?level={}&limit=100", enc(l1)));
    assert_eq!(total(&one), *n1);
    let two = all_hits(&format!("level={}&level={}", enc(l1), enc(l2)));
    assert_eq!(
        two.len() as u64,
        n1 + n2,
        "level={l1}&level={l2} does not OR"
    );
    assert!(two
        .iter()
        .all(|h| h["level"] == l1.as_str() || h["level"] == l2.as_str()));

    let publication = all[0]["publication"]["id"].as_str().unwrap();
    let both: Vec<&str> = all
        .iter()
        .filter(|q| q["level"] == l1.as_str() && q["publication"]["id"] == publication)
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    let anded = all_hits(&format!("level={}&publication={publication}", enc(l1)));
    assert_eq!(
        ids(&anded),
        both,
        "level={l1}&publication={publication} does not AND"
    );

    // Values are matched as people type them.
    let folded = s.json("/api/search?level=DIREKTOER&limit=0");
    let exact = s.json(&format!("/api/search?level={}&limit=0", enc("direktør")));
    assert_eq!(total(&folded), total(&exact));
    assert!(total(&exact) > 0);
}

#[test]
fn a_facets_own_filter_does_not_shrink_its_counts() {
    let s = server();
    let q = "q=ledelse";
    let unfiltered = s.json(&format!("/api/search?{q}&limit=0"));
    let (level, _) = facet(&unfiltered, "level").into_iter().next().unwrap();
    let (publication, _) = facet(&unfiltered, "publication")
        .into_iter()
        .next()
        .unwrap();
    let by_level = format!("level={}", enc(&level));
    let by_publication = format!("publication={publication}");

    let one = s.json(&format!("/api/search?{q}&{by_level}&limit=0"));
    assert_eq!(facet(&one, "level"), facet(&unfiltered, "level"));
    assert_eq!(Some(&total(&one)), facet(&unfiltered, "level").get(&level));
    let under_level = all_hits(&format!("{q}&{by_level}"));
    assert_eq!(
        facet(&one, "publication"),
        count_by(&under_level, "publication")
    );
    assert_eq!(facet(&one, "role"), count_by(&under_level, "role"));

    let two = s.json(&format!(
        "/api/search?{q}&{by_level}&{by_publication}&limit=0"
    ));
    let under_publication = all_hits(&format!("{q}&{by_publication}"));
    assert_eq!(facet(&two, "level"), count_by(&under_publication, "level"));
    assert_eq!(
        facet(&two, "publication"),
        count_by(&under_level, "publication")
    );
    let under_both = all_hits(&format!("{q}&{by_level}&{by_publication}"));
    assert_eq!(facet(&two, "theme"), count_by(&under_both, "theme"));
    assert_eq!(total(&two), under_both.len() as u64);
}

#[test]
fn a_quote_with_and_without_context() {
    let s = server();
    let listed = quote_in_the_middle();
    let id = listed["id"].as_str().unwrap();
    let mut expected = listed.clone();
    let fields = expected.as_object_mut().unwrap();
    for hit_only in ["score", "snippet", "matched"] {
        fields.remove(hit_only);
    }

    let plain = s.json(&format!("/api/quotes/{id}"));
    assert_eq!(plain, expected, "the quote differs from its search hit");
    assert_eq!(s.json(&format!("/api/quotes/{id}?context=0")), expected);

    let with = s.json(&format!("/api/quotes/{id}?context=2"));
    let context = &with["context"];
    assert_eq!(context["headings"][0], listed["publication"]["title"]);
    assert_eq!(context["headings"][1], listed["theme"]);
    let lines = context["lines"].as_array().unwrap();
    let (start, end) = (
        listed["source"]["line_start"].as_u64().unwrap(),
        listed["source"]["line_end"].as_u64().unwrap(),
    );
    let numbers: Vec<u64> = lines.iter().map(|l| l["no"].as_u64().unwrap()).collect();
    assert!(
        numbers.windows(2).all(|w| w[0] < w[1]),
        "lines out of order: {context}"
    );
    assert_eq!(
        numbers.iter().filter(|&&n| n < start).count(),
        2,
        "{context}"
    );
    assert_eq!(numbers.iter().filter(|&&n| n > end).count(), 2, "{context}");
    for line in lines {
        let n = line["no"].as_u64().unwrap();
        assert_eq!(line["in_quote"], (start..=end).contains(&n), "{line}");
        assert!(!line["text"].as_str().unwrap().trim().is_empty(), "{line}");
    }
    let longest = s.json(&format!("/api/quotes/{id}?context=200"));
    assert!(longest["context"]["lines"].as_array().unwrap().len() > lines.len());
}

#[test]
fn citations_in_every_style() {
    let s = server();
    let id = some_id();
    let title = quote_in_the_middle()["publication"]["title"]
        .as_str()
        .unwrap();
    let cite = |style: &str| {
        let r = s.get(&format!("/api/quotes/{id}/cite?style={style}"));
        r.assert_status(200);
        r
    };
    let apa = cite("apa");
    apa.assert_content_type("text/plain");
    assert!(
        apa.text().contains("Væksthus for Ledelse"),
        "{}",
        apa.report()
    );
    assert_eq!(s.get(&format!("/api/quotes/{id}/cite")).text(), apa.text());
    let ris = cite("ris");
    ris.assert_content_type("text/plain");
    assert!(
        ris.text().starts_with("TY  -") && ris.text().trim_end().ends_with("ER  -"),
        "{}",
        ris.report()
    );
    let bibtex = cite("bibtex");
    bibtex.assert_content_type("text/plain");
    assert!(
        bibtex.text().trim_start().starts_with('@'),
        "{}",
        bibtex.report()
    );
    let csl = cite("csl-json");
    csl.assert_content_type("application/vnd.citationstyles.csl+json");
    let items = csl.json();
    assert_eq!(items.as_array().map(Vec::len), Some(1), "{}", csl.report());
    for r in [&apa, &ris, &bibtex, &csl] {
        assert!(
            r.text().contains(title.split('.').next().unwrap()),
            "the citation lacks the title{}",
            r.report()
        );
    }
}

#[test]
fn similar_quotes_never_include_the_quote_itself() {
    let s = server();
    let all = all_quotes();
    let mut some = 0;
    for quote in all.iter().step_by(all.len() / 12) {
        let id = quote["id"].as_str().unwrap();
        let r = s.get(&format!("/api/quotes/{id}/similar?limit=8"));
        r.assert_status(200);
        r.assert_content_type("application/json");
        let body = r.json();
        assert_eq!(body["id"], id, "{}", r.report());
        let hits = body["hits"].as_array().unwrap();
        assert!(hits.len() <= 8, "{}", r.report());
        assert!(
            hits.iter().all(|h| h["id"] != id),
            "{id} is similar to itself{}",
            r.report()
        );
        some += usize::from(!hits.is_empty());
    }
    assert!(some > 6, "most quotes have no similar quotes");
    let default = s.json(&format!("/api/quotes/{}/similar", some_id()));
    assert!(default["hits"].as_array().unwrap().len() <= 5);
}

#[test]
fn matrix_counts_add_up_and_match_filtered_searches() {
    let s = server();
    let check = |filters: &str, rows: &str, cols: &str| {
        let m = s.json(&format!("/api/matrix?rows={rows}&cols={cols}&{filters}"));
        let counts: Vec<Vec<u64>> = serde_json::from_value(m["counts"].clone()).unwrap();
        let row_keys: Vec<String> = serde_json::from_value(m["row_keys"].clone()).unwrap();
        let col_keys: Vec<String> = serde_json::from_value(m["col_keys"].clone()).unwrap();
        let sum: u64 = counts.iter().flatten().sum();
        assert_eq!(sum, total(&m), "cells do not add up to the total: {m}");
        let row_totals: Vec<u64> = counts.iter().map(|r| r.iter().sum()).collect();
        assert_eq!(m["row_totals"], serde_json::json!(row_totals));
        let search = s.json(&format!("/api/search?{filters}&limit=0"));
        assert_eq!(
            total(&m),
            total(&search),
            "matrix and search totals differ: {m}"
        );
        let cells: Vec<(usize, usize)> = (0..row_keys.len())
            .flat_map(|r| (0..col_keys.len()).map(move |c| (r, c)))
            .collect();
        let nonzero: Vec<(usize, usize)> = cells
            .iter()
            .copied()
            .filter(|&(r, c)| counts[r][c] > 0)
            .collect();
        let zero = cells.iter().copied().find(|&(r, c)| counts[r][c] == 0);
        for (r, c) in [nonzero.first().copied(), nonzero.last().copied(), zero]
            .into_iter()
            .flatten()
        {
            let cell = s.json(&format!(
                "/api/search?{filters}&{rows}={}&{cols}={}&limit=0",
                enc(&row_keys[r]),
                enc(&col_keys[c])
            ));
            assert_eq!(
                counts[r][c],
                total(&cell),
                "cell ({}, {}) differs from its search: {m}",
                row_keys[r],
                col_keys[c]
            );
        }
    };
    check("", "theme", "level");
    check("q=ledelse", "level", "publication");
    let theme = all_quotes()[0]["theme"].as_str().unwrap();
    check(&format!("q=ledelse&theme={}", enc(theme)), "role", "level");
}

#[test]
fn export_in_every_format() {
    let s = server();
    let all = all_quotes();
    let chosen: Vec<&str> = ids(all).into_iter().step_by(50).collect();
    let list = chosen.join(",");
    let export = |format: &str, media: &str, extension: &str| {
        let r = s.get(&format!("/api/export?ids={list}&format={format}"));
        r.assert_status(200);
        r.assert_content_type(media);
        let disposition = r.header("content-disposition").unwrap_or_default();
        assert!(
            disposition.starts_with("attachment")
                && disposition.contains(&format!(".{extension}\"")),
            "not an attachment named *.{extension}{}",
            r.report()
        );
        r
    };
    let md = export("md", "text/markdown", "md");
    for id in &chosen {
        let text = all.iter().find(|q| q["id"] == *id).unwrap()["text"]
            .as_str()
            .unwrap();
        assert!(
            md.text().contains(&format!("> {text}")),
            "{id} missing{}",
            md.report()
        );
    }
    assert_eq!(
        s.get(&format!("/api/export?ids={list}")).body,
        md.body,
        "md is the default"
    );

    let csv = export("csv", "text/csv", "csv");
    assert!(
        csv.body.starts_with(b"\xEF\xBB\xBF"),
        "no byte-order mark{}",
        csv.report()
    );
    let text = csv.text();
    let rows: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .split_terminator("\r\n")
        .collect();
    assert!(rows[0].starts_with("id;tekst;"), "{}", csv.report());
    assert_eq!(rows.len(), chosen.len() + 1, "{}", csv.report());
    for (row, id) in rows[1..].iter().zip(&chosen) {
        assert!(row.starts_with(&format!("{id};")), "{}", csv.report());
    }

    let ris = export("ris", "application/x-research-info-systems", "ris");
    assert_eq!(
        ris.text().matches("TY  -").count(),
        chosen.len(),
        "{}",
        ris.report()
    );
    let bibtex = export("bibtex", "application/x-bibtex", "bib");
    assert_eq!(
        bibtex.text().matches("\n@").count() + 1,
        chosen.len(),
        "{}",
        bibtex.report()
    );
    let csl = export(
        "csl-json",
        "application/vnd.citationstyles.csl+json",
        "json",
    );
    assert_eq!(
        csl.json().as_array().map(Vec::len),
        Some(chosen.len()),
        "{}",
        csl.report()
    );
    let jsonl = export("jsonl", "application/x-ndjson", "jsonl");
    let exported: Vec<Value> = jsonl
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(ids(&exported), chosen, "{}", jsonl.report());
}

#[test]
fn facets_and_publications_cover_the_corpus() {
    let s = server();
    let quotes = all_quotes().len() as u64;
    let facets = s.json("/api/facets");
    for name in ["level", "role", "theme", "publication"] {
        let sum: u64 = facets[name]
            .as_object()
            .unwrap_or_else(|| panic!("no facet {name}: {facets}"))
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert_eq!(sum, quotes, "the {name} counts do not add up: {facets}");
    }
    let corpus_counts = s.json("/api/search?limit=0")["facets"].clone();
    assert_eq!(facets, corpus_counts);

    let publications = s.json("/api/publications");
    let list = publications.as_array().unwrap();
    let listed: Vec<&str> = list.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(
        listed,
        [
            "pas-paa-trinet",
            "mellem-chef-og-direktoer",
            "den-politiske-tango",
            "kaere-chef-kaere-ledere",
            "staerkt-samarbejde-i-chefgruppen"
        ]
    );
    let mut sum = 0;
    for p in list {
        for field in ["title", "publisher", "year_label", "reference"] {
            assert!(p[field].is_string(), "{field} missing: {p}");
        }
        let n = p["quotes"].as_u64().unwrap();
        let per_theme: u64 = p["themes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["quotes"].as_u64().unwrap())
            .sum();
        assert_eq!(per_theme, n, "themes do not add up: {p}");
        sum += n;
    }
    assert_eq!(sum, quotes);
}

#[test]
fn health_names_the_index_generation() {
    let health = server().json("/healthz");
    assert_eq!(health["status"], "ok");
    assert!(health["quotes"].as_u64().unwrap() > 100, "{health}");
    let generation = health["index"].as_str().unwrap();
    let current = std::fs::read_to_string(common::shared().index().join("CURRENT")).unwrap();
    assert_eq!(generation, current.trim());
}

#[test]
fn gzip_when_the_client_accepts_it() {
    let s = server();
    for path in ["/api/search?limit=50", "/app.js", "/api/openapi.json"] {
        let plain = s.get(path);
        plain.assert_status(200);
        assert_eq!(plain.header("content-encoding"), None, "{}", plain.report());
        let zipped = s.request("GET", path, &[("Accept-Encoding", "gzip")], b"");
        zipped.assert_status(200);
        assert_eq!(
            zipped.header("content-encoding"),
            Some("gzip"),
            "{}",
            zipped.report()
        );
        assert!(
            zipped.body.len() < plain.body.len() / 2,
            "{}",
            zipped.report()
        );
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&zipped.body[..])
            .read_to_end(&mut unzipped)
            .unwrap_or_else(|e| panic!("not gzip ({e}){}", zipped.report()));
        assert_eq!(unzipped, plain.body, "{path} unzips to something else");
    }
}

// ---------------------------------------------------------------- the OpenAPI document

#[test]
fn the_openapi_document_lists_exactly_the_routes() {
    let s = server();
    let doc = s.json("/api/openapi.json");
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let documented: BTreeSet<String> = paths.keys().cloned().collect();
    assert_eq!(
        documented,
        routed_paths(),
        "the document and the router differ"
    );

    // Each path answers 200 with just its required parameters.
    for (path, item) in paths {
        let operation = &item["get"];
        let required: Vec<String> = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "query" && p["required"] == true)
            .map(|p| {
                let name = p["name"].as_str().unwrap();
                let value = match name {
                    "rows" => "level",
                    "cols" => "publication",
                    "ids" => some_id(),
                    other => panic!("no example value for the required parameter {other}"),
                };
                format!("{name}={value}")
            })
            .collect();
        let target = format!("{}?{}", concrete(path, some_id()), required.join("&"));
        let r = s.get(&target);
        r.assert_status(200);
        let media = r.header("content-type").unwrap_or_default();
        let documented_media = operation["responses"]["200"]["content"]
            .as_object()
            .unwrap();
        assert!(
            documented_media
                .keys()
                .any(|m| media.starts_with(m.as_str())),
            "{path} answers {media}, not a documented type{}",
            r.report()
        );
    }
}

#[test]
fn api_endpoints_take_exactly_the_documented_parameters() {
    let s = server();
    let doc = s.json("/api/openapi.json");
    let paths = doc["paths"].as_object().unwrap();
    let documented = |path: &str| -> BTreeSet<String> {
        paths[path]["get"]["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "query")
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect()
    };
    let every_name: BTreeSet<String> = paths
        .keys()
        .flat_map(|p| documented(p))
        .chain(["x", "id", "page", "sort", "callback"].map(String::from))
        .collect();
    for path in paths.keys().filter(|p| p.starts_with("/api/")) {
        let accepted = documented(path);
        for name in &every_name {
            let r = s.get(&format!("{}?{name}=1", concrete(path, some_id())));
            let unknown = r.status == 400 && r.text().contains("unknown parameter");
            if accepted.contains(name) {
                assert!(
                    !unknown,
                    "{path} refuses its documented {name}{}",
                    r.report()
                );
            } else {
                assert!(
                    unknown,
                    "{path} takes {name}, which is not documented{}",
                    r.report()
                );
                r.assert_error(400);
            }
        }
    }
}

// ---------------------------------------------------------------- errors

#[test]
fn bad_input_answers_400_with_an_error() {
    let s = server();
    let id = some_id();
    let long_query = "a".repeat(501);
    let many_ids = vec![id; 1001].join(",");
    let cases: Vec<String> = vec![
        "/api/search?limit=abc".into(),
        "/api/search?limit=101".into(),
        "/api/search?limit=1.5".into(),
        "/api/search?offset=10001".into(),
        "/api/search?offset=-1".into(),
        "/api/search?level=boss".into(),
        "/api/search?role=astronaut".into(),
        "/api/search?theme=nope".into(),
        "/api/search?publication=nope".into(),
        "/api/search?level=leder&publication=nope".into(),
        "/api/search?colour=blue".into(),
        format!("/api/search?q={long_query}"),
        format!("/api/quotes/{id}?context=201"),
        format!("/api/quotes/{id}?context=many"),
        format!("/api/quotes/{id}?style=apa"),
        format!("/api/quotes/{id}/cite?style=chicago"),
        format!("/api/quotes/{id}/similar?limit=101"),
        "/api/matrix?rows=level".into(),
        "/api/matrix?cols=level".into(),
        "/api/matrix".into(),
        "/api/matrix?rows=level&cols=colour".into(),
        "/api/matrix?rows=level&cols=level".into(),
        "/api/matrix?rows=level&cols=theme&level=boss".into(),
        format!("/api/matrix?rows=level&cols=theme&q={long_query}"),
        "/api/export".into(),
        "/api/export?ids=".into(),
        "/api/export?ids=,%20,".into(),
        format!("/api/export?ids={id}&format=docx"),
        format!("/api/export?ids={many_ids}"),
        "/api/facets?level=leder".into(),
        "/api/publications?x=1".into(),
        "/api/openapi.json?x=1".into(),
    ];
    for target in &cases {
        s.get(target).assert_error(400);
    }
    // Just inside the limits.
    for target in [
        format!("/api/search?q={}", "a".repeat(500)),
        "/api/search?limit=100&offset=10000".into(),
        format!("/api/quotes/{id}?context=200"),
        format!("/api/export?ids={}", vec![id; 1000].join(",")),
    ] {
        s.get(&target).assert_status(200);
    }
}

#[test]
fn unknown_quotes_and_paths_answer_404() {
    let s = server();
    for target in [
        "/api/quotes/no-such-quote",
        "/api/quotes/no-such-quote?context=3",
        "/api/quotes/no-such-quote/cite",
        "/api/quotes/no-such-quote/cite?style=ris",
        "/api/quotes/no-such-quote/similar",
        &format!("/api/export?ids={},no-such-quote", some_id()),
        "/nope",
        "/api",
        "/api/",
        "/api/nope",
        "/api/quotes",
        "/api/search/more",
        "/index.html",
    ] {
        s.get(target).assert_error(404);
    }
}

// ---------------------------------------------------------------- hostile input

/// Values no sane client sends, as they stand in a query string (so
/// malformed percent-encoding stays malformed).
fn hostile_values() -> Vec<String> {
    let mut values: Vec<String> = [
        "",
        "%FF%FE",
        "%00",
        "a%00b",
        "%",
        "%%",
        "%G1",
        "%E2%82",
        "%C0%AE%C0%AE%2F",
        "%ED%A0%80",
        "99999999999999999999",
        "18446744073709551616",
        "-1",
        "-0",
        "+5",
        "%205%20",
        "1e3",
        "0x10",
        "NaN",
        "%22",
        "%22%22%22",
        "%22unbalanced",
        "AND",
        "OR%20NOT%20AND",
        "-",
        "--",
        "*",
        "a*",
        "(((",
        ")))",
        "(a%20OR%20(b%20AND%20-c)",
        "NOT%20(",
        "%27%3B%20DROP%20TABLE%20quotes%3B%20--",
        "1%27%20OR%20%271%27%3D%271",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "javascript%3Aalert(1)",
        "%24%7Bjndi%3Aldap%3A%2F%2Fx%7D",
        "%7B%7B7*7%7D%7D",
        "..%2F..%2Fetc%2Fpasswd",
        "%2Fetc%2Fpasswd",
        "..%5C..%5Cwindows",
        "%E2%80%AEtxt.exe",
        "%E2%80%8B%E2%80%8D",
        "a%CC%81%CC%81%CC%81",
        "%F0%9F%92%A9",
        "%EF%BF%BF",
        "%EF%BB%BF",
        "l%C3%B8der",
        "%EF%BD%8C%EF%BD%85%EF%BD%84%EF%BD%85%EF%BD%92",
        "a+b+c",
        "%0D%0ASet-Cookie%3A%20x%3D1",
        "level%3Dleder",
    ]
    .map(String::from)
    .to_vec();
    values.push("(".repeat(499) + "a");
    values.push("(a%20".repeat(166));
    values.push("le*%20".repeat(125));
    values.push("NOT%20".repeat(125));
    values.push("%22".repeat(500));
    values.push("x".repeat(10_000));
    values.push("%C3%B8".repeat(3_000));
    values.push("%E4%B8%AD".repeat(500));
    values.push(",".repeat(5_000));
    values.push(vec![some_id(); 1_500].join(","));
    values
}

/// Whole query strings: odd shapes and many repeated parameters.
fn hostile_query_strings() -> Vec<String> {
    vec![
        "&".repeat(5_000),
        "=".into(),
        "==&==".into(),
        "q".into(),
        "q&q&q".into(),
        "%3D%26".into(),
        "q=a;limit=5".into(),
        "q=a&q=b&limit=1&limit=2".into(),
        "level=leder&".repeat(2_000),
        (0..2_000).map(|i| format!("theme=t{i}&")).collect(),
        (0..500).map(|i| format!("p{i}={i}&")).collect(),
        "ids=a&".repeat(1_000),
        format!("q={}", "a".repeat(70_000)),
    ]
}

/// Each endpoint with a real id, and the query parameters it documents.
fn endpoints() -> Vec<(String, Vec<String>)> {
    let doc = server().json("/api/openapi.json");
    doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(path, item)| {
            let params = item["get"]["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query")
                .map(|p| p["name"].as_str().unwrap().to_string())
                .collect();
            (concrete(path, some_id()), params)
        })
        .collect()
}

/// A well-formed request with hostile content must get an answer below 500;
/// an API error must say what is wrong in JSON.
fn assert_handled(s: &Server, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) {
    let r = s.request(method, target, headers, body);
    assert!(
        r.status < 500,
        "a server error for hostile input{}{}",
        r.report(),
        s.log_report()
    );
    let from_the_api = target.starts_with("/api/") && r.status != 414 && method == "GET";
    if from_the_api && (r.status == 400 || r.status == 404) {
        r.assert_error(r.status);
    }
}

#[test]
fn hostile_query_values_never_fail_the_server() {
    let s = server();
    let values = hostile_values();
    for (path, params) in endpoints() {
        for name in params.iter().map(String::as_str).chain(["x"]) {
            for value in &values {
                assert_handled(s, "GET", &format!("{path}?{name}={value}"), &[], b"");
            }
        }
        for query in hostile_query_strings() {
            assert_handled(s, "GET", &format!("{path}?{query}"), &[], b"");
        }
    }
    s.assert_alive("hostile query values");
}

#[test]
fn hostile_paths_never_fail_the_server() {
    let s = server();
    let mut targets: Vec<String> = [
        "/api/quotes/..%2F..%2Fetc%2Fpasswd",
        "/api/quotes/..%2F..%2Fetc%2Fpasswd/cite",
        "/api/quotes/../../etc/passwd",
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/api/quotes/%00",
        "/api/quotes/%FF%FE",
        "/api/quotes/%",
        "/api/quotes/%C0%AE",
        "/api/quotes/",
        "/api/quotes//cite",
        "/api/quotes/a/cite/more",
        "/api/quotes/a/b/c/d",
        "//api/search",
        "/api//search",
        "/api/search/",
        "/API/SEARCH",
        "/app.js/..",
        "/app.js%00.html",
        "/./api/./search",
        "/%F0%9F%92%A9",
        "/api/quotes/%3Cscript%3E",
        "/api/quotes/'%20OR%20'1'%3D'1",
    ]
    .map(String::from)
    .to_vec();
    targets.push(format!("/api/quotes/{}", "a".repeat(20_000)));
    targets.push(format!("/api/quotes/{}/similar", "%C3%B8".repeat(3_000)));
    targets.push(format!("/{}", "a/".repeat(5_000)));
    targets.push(format!("/api/quotes/{}%00", some_id()));
    for target in &targets {
        assert_handled(s, "GET", target, &[], b"");
    }
    s.assert_alive("hostile paths");
}

#[test]
fn other_methods_and_bodies_never_fail_the_server() {
    let s = server();
    let big = vec![b'x'; 16 * 1024 + 1];
    let mut paths: Vec<String> = endpoints().into_iter().map(|(p, _)| p).collect();
    paths.push("/nope".into());
    for path in &paths {
        for method in ["HEAD", "OPTIONS", "DELETE", "PUT", "PATCH", "TRACE", "FOO"] {
            assert_handled(s, method, path, &[], b"");
        }
        assert_handled(
            s,
            "POST",
            path,
            &[("Content-Type", "application/json")],
            b"{}",
        );
        assert_handled(s, "POST", path, &[], &big);
        assert_handled(s, "GET", path, &[], &big);
    }
    let head = s.request("HEAD", "/api/search", &[], b"");
    head.assert_status(200);
    assert!(head.body.is_empty(), "{}", head.report());
    assert_eq!(s.request("DELETE", "/api/search", &[], b"").status, 405);
    let too_big = s.request("POST", "/api/search", &[], &big);
    assert!(matches!(too_big.status, 405 | 413), "{}", too_big.report());
    s.assert_alive("other methods and large bodies");
}

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
                s.log_report()
            ),
            Ok(None) => {}
            // The server may hang up on garbage before reading all of it.
            Err(e) if e.kind() == io::ErrorKind::ConnectionReset => {}
            Err(e) => panic!("{label:?} failed: {e}{}", s.log_report()),
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
            Ok(Some(r)) => assert!(r.status < 500, "{}{}", r.report(), s.log_report()),
            Err(e) => panic!("{partial:?} cut short: {e}{}", s.log_report()),
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

// ---------------------------------------------------------------- a rebuild under load

#[test]
fn a_rebuild_under_load_loses_no_request() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let server = Arc::new(Server::start(&ws));
    let first = server.json("/healthz")["index"]
        .as_str()
        .unwrap()
        .to_string();
    let expected_total = total(&server.json("/api/search?q=ledelse&limit=0"));

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
                        Ok(Some(r)) if r.status == 200 => {
                            if target.contains("ledelse") && total(&r.json()) != expected_total {
                                failures
                                    .lock()
                                    .unwrap()
                                    .push(format!("a different total{}", r.report()));
                            }
                            answered.fetch_add(1, Ordering::SeqCst);
                        }
                        Ok(Some(r)) => failures.lock().unwrap().push(r.report()),
                        Ok(None) => failures
                            .lock()
                            .unwrap()
                            .push(format!("GET {target}: no answer")),
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
                server.log_report()
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
        server.log_report()
    );
    server.assert_alive("two rebuilds");
}

// ---------------------------------------------------------------- shutdown

#[test]
fn sigterm_shuts_the_server_down_cleanly() {
    let ws = common::shared();
    let mut server = Server::start(ws);
    // An idle keep-alive connection, as a browser leaves open, must not
    // keep the server from stopping.
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

    let kill = std::process::Command::new("kill")
        .args(["-TERM", &server.pid().to_string()])
        .status()
        .expect("kill runs");
    assert!(kill.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "citater serve still runs 10 s after SIGTERM{}",
            server.log_report()
        );
        thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(
        status.code(),
        Some(0),
        "exit status after SIGTERM: {status}{}",
        server.log_report()
    );
    assert!(
        server.log_text().contains("shutting down"),
        "{}",
        server.log_report()
    );
    assert!(
        TcpStream::connect(("127.0.0.1", server.port)).is_err(),
        "the port is still open after the server stopped"
    );
}
