//! An answer of the server as the tests read it, whichever way it came,
//! with the assertions the tests make about answers.

use serde_json::Value;

use crate::harness::shorten;

/// An HTTP answer: its status, headers (names in lowercase) and body, with
/// the request it answers for failure messages.
#[derive(Debug)]
pub(crate) struct Response {
    pub(crate) request: String,
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Response {
    /// The first value of a header, by its lowercase name.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// What is printed when an expectation about this answer fails.
    pub(crate) fn report(&self) -> String {
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

    pub(crate) fn assert_status(&self, status: u16) {
        assert_eq!(self.status, status, "unexpected status{}", self.report());
    }

    pub(crate) fn assert_content_type(&self, media: &str) {
        let ct = self.header("content-type").unwrap_or_default();
        assert!(
            ct.starts_with(media),
            "content type is not {media}{}",
            self.report()
        );
    }

    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("the body is not JSON ({e}){}", self.report()))
    }

    /// The API's error answer: this status and `{"error": "…"}`.
    pub(crate) fn assert_error(&self, status: u16) -> String {
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
