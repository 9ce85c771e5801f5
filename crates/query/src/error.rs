//! The one error type of the query side. Each error is one sentence a user
//! can act on; the kind decides the exit code (CLI) and status (HTTP).

use std::borrow::Cow;
use std::io;

use citater_indexer::{CorpusError, IndexError};

/// What went wrong, by whose doing.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request cannot be read: a bad value, axis, style or limit.
    #[error("{0}")]
    Usage(String),
    /// The request names a quote that does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The index or corpus failed: not the user's doing.
    #[error("{0}")]
    Index(String),
    /// Writing the output failed (a closed pipe, a full disk). It keeps the
    /// `io::Error`, so a face can tell a reader that stopped early
    /// ([`io::ErrorKind::BrokenPipe`]) from a real failure.
    #[error("Uddata kan ikke skrives: {0}.")]
    Output(io::Error),
}

impl Error {
    /// A `Usage` error from any message, the commonest kind: the user can fix
    /// the request (exit code 2, HTTP 400).
    pub fn usage(message: impl Into<String>) -> Error {
        Error::Usage(message.into())
    }

    /// The one wording for an id that does not exist, which tells the user
    /// where ids are listed.
    pub fn unknown_quote(id: &str) -> Error {
        Error::NotFound(format!(
            "Intet citat har id'et »{}«; `citater search` viser citaternes id'er.",
            echo(id)
        ))
    }

    /// The process exit code: 2 for what the user can fix, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) | Error::NotFound(_) => 2,
            Error::Index(_) | Error::Output(_) => 1,
        }
    }
}

/// The most characters of a user's input an error message quotes.
pub const ECHO_CHARS: usize = 60;

/// What a user typed, as an error message quotes it: whole when it has at
/// most [`ECHO_CHARS`] characters, else its first characters and "…",
/// [`ECHO_CHARS`] in all, so a hostile value cannot fill the message. Cut
/// between characters, never inside one (æøå are two bytes each).
pub fn echo(input: &str) -> Cow<'_, str> {
    match input.char_indices().nth(ECHO_CHARS) {
        None => Cow::Borrowed(input),
        Some(_) => {
            let (cut, _) = input
                .char_indices()
                .nth(ECHO_CHARS - 1)
                .expect("longer than ECHO_CHARS characters");
            Cow::Owned(format!("{}…", &input[..cut]))
        }
    }
}

/// The indexer's errors are a sentence without its full stop, which is
/// added here, after what the user can do about it.
impl From<IndexError> for Error {
    fn from(e: IndexError) -> Error {
        match e {
            // What the user can do about an index that cannot be used.
            IndexError::Unusable { .. } | IndexError::BadCurrent { .. } => Error::Index(format!(
                "{e}; kør `citater index` for at bygge indekset igen."
            )),
            e => Error::Index(format!("{e}.")),
        }
    }
}

impl From<CorpusError> for Error {
    fn from(e: CorpusError) -> Error {
        Error::Index(format!("{e}."))
    }
}

/// Written by hand rather than with `#[from]`, which would also make the
/// `io::Error` the `source()` while the message already includes it.
impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error::Output(e)
    }
}

/// JSON written to an output: its write errors are the writer's `io::Error`
/// (kind intact); a value that cannot be serialized becomes `InvalidData`.
impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Error {
        Error::Output(e.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_keeps_its_kind_through_json() {
        let closed = io::Error::from(io::ErrorKind::BrokenPipe);
        let json = serde_json::Error::io(closed);
        let Error::Output(e) = Error::from(json) else {
            panic!("a write error is an output error");
        };
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
    }

    #[test]
    fn an_echo_is_whole_up_to_the_limit() {
        assert_eq!(echo(""), "");
        assert_eq!(echo("boss"), "boss");
        let exactly = "å".repeat(ECHO_CHARS);
        assert!(matches!(echo(&exactly), Cow::Borrowed(_)));
        assert_eq!(echo(&exactly), exactly);
    }

    #[test]
    fn a_longer_echo_is_cut_between_characters() {
        let one_more = "ø".repeat(ECHO_CHARS + 1);
        let shown = echo(&one_more);
        assert_eq!(shown.chars().count(), ECHO_CHARS);
        assert_eq!(shown, format!("{}…", "ø".repeat(ECHO_CHARS - 1)));
        // Multibyte characters at every cut: ASCII, two, three and four bytes.
        let mixed = "aæ€😀".repeat(10_000);
        let shown = echo(&mixed);
        assert_eq!(shown.chars().count(), ECHO_CHARS);
        assert!(shown.ends_with('…'));
        assert!(mixed.starts_with(shown.trim_end_matches('…')));
    }

    #[test]
    fn an_unknown_quote_quotes_a_long_id_shortened() {
        let message = Error::unknown_quote(&"x".repeat(10_000)).to_string();
        assert!(message.len() < 200, "{message}");
        assert!(message.contains(&format!("»{}…«", "x".repeat(ECHO_CHARS - 1))));
    }

    #[test]
    fn messages_are_the_sentences_given() {
        assert_eq!(
            Error::usage("limit må højst være 100.").to_string(),
            "limit må højst være 100."
        );
        let full = Error::from(io::Error::other("disk full"));
        assert_eq!(full.to_string(), "Uddata kan ikke skrives: disk full.");
        assert_eq!(full.exit_code(), 1);
    }
}
