//! Ordinary requests to the server, well-formed HTTP/1.1 sent by ureq:
//! every method, header and body the tests need, any status read as an
//! answer rather than an error.

use std::time::Duration;

use serde_json::Value;
use ureq::http;

use crate::harness::{shorten, Response, Server};

/// How long one request may take before the test gives up on it.
pub(crate) const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest body read (an export of a thousand quotes is a few MB).
const MAX_BODY: u64 = 256 * 1024 * 1024;

/// A client that reports what the server answered: no status is an error,
/// no redirect is followed, and methods like `FOO` are sent as they are.
/// Each request has a connection of its own: a connection the server
/// closed after a refused request is never reused, so no test depends on
/// when the server closes one.
pub(crate) fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_idle_connections(0)
        .max_idle_connections_per_host(0)
        .http_status_as_error(false)
        .max_redirects(0)
        .allow_non_standard_methods(true)
        .timeout_global(Some(REQUEST_TIMEOUT))
        .build()
        .new_agent()
}

impl Server {
    /// Sends one request; an empty body is sent as none (no
    /// `Content-Length`).
    pub(crate) fn try_request(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<Response, ureq::Error> {
        let method = http::Method::from_bytes(method.as_bytes()).map_err(http::Error::from)?;
        let label = format!("{method} {}", shorten(target));
        let mut request = http::Request::builder()
            .method(method)
            .uri(format!("http://127.0.0.1:{}{target}", self.port));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut answer = if body.is_empty() {
            self.agent.run(request.body(())?)?
        } else {
            self.agent.run(request.body(body)?)?
        };
        let headers = answer
            .headers()
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_string(), value)
            })
            .collect();
        let body = answer
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_vec()?;
        Ok(Response {
            request: label,
            status: answer.status().as_u16(),
            headers,
            body,
        })
    }

    pub(crate) fn try_get(&self, target: &str) -> Result<Response, ureq::Error> {
        self.try_request("GET", target, &[], b"")
    }

    /// A request that must be answered.
    pub(crate) fn request(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        self.try_request(method, target, headers, body)
            .unwrap_or_else(|e| {
                panic!(
                    "{method} {} got no answer: {e}{}",
                    shorten(target),
                    self.report()
                )
            })
    }

    pub(crate) fn get(&self, target: &str) -> Response {
        self.request("GET", target, &[], b"")
    }

    /// GET that must answer 200 with JSON.
    pub(crate) fn json(&self, target: &str) -> Value {
        let r = self.get(target);
        r.assert_status(200);
        r.assert_content_type("application/json");
        r.json()
    }

    /// `/api/search` with this query string (`q=tillid&limit=5`), which
    /// must answer 200 with JSON: the response with its `hits`.
    pub(crate) fn search(&self, query: &str) -> Value {
        self.json(&format!("/api/search?{query}"))
    }
}
