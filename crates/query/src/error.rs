//! The one error type of the query side. Each error is one sentence a user
//! can act on; the kind decides the exit code (CLI) and status (HTTP).

use std::fmt;

use citater_indexer::{CorpusError, IndexError};

/// What went wrong, by whose doing.
#[derive(Debug)]
pub enum Error {
    /// The request cannot be read: a bad value, axis, style or limit.
    Usage(String),
    /// The request names a quote that does not exist.
    NotFound(String),
    /// The index or corpus failed: not the user's doing.
    Index(String),
    /// Writing the output failed (a closed pipe, a full disk).
    Output(String),
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

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) | Error::NotFound(m) | Error::Index(m) | Error::Output(m) => {
                f.write_str(m)
            }
        }
    }
}

impl std::error::Error for Error {}

impl From<IndexError> for Error {
    fn from(e: IndexError) -> Error {
        Error::Index(e.to_string())
    }
}

impl From<CorpusError> for Error {
    fn from(e: CorpusError) -> Error {
        Error::Index(e.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::Output(format!("cannot write the output: {e}"))
    }
}
