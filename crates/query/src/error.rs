//! The one error type of the query side. Each error is one sentence a user
//! can act on; the kind decides the exit code (CLI) and status (HTTP).

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
    #[error("cannot write the output: {0}")]
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
            "no quote has the id '{id}'; `citater search` lists ids"
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

impl From<IndexError> for Error {
    fn from(e: IndexError) -> Error {
        match e {
            // What the user can do about an index that cannot be used.
            IndexError::Unusable { .. } | IndexError::BadCurrent { .. } => {
                Error::Index(format!("{e}; run `citater index` to rebuild the index"))
            }
            e => Error::Index(e.to_string()),
        }
    }
}

impl From<CorpusError> for Error {
    fn from(e: CorpusError) -> Error {
        Error::Index(e.to_string())
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
    fn messages_are_the_sentences_given() {
        assert_eq!(
            Error::usage("limit must be at most 100").to_string(),
            "limit must be at most 100"
        );
        let full = Error::from(io::Error::other("disk full"));
        assert_eq!(full.to_string(), "cannot write the output: disk full");
        assert_eq!(full.exit_code(), 1);
    }
}
