//! The one error type of the library, and non-fatal [`Warning`]s.
//!
//! Every variant prints a full sentence that names the file involved and,
//! where it helps, what to do. Exit codes are decided in `main` from
//! [`Error::exit_code`].

use std::fmt;
use std::path::PathBuf;

/// What can stop a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading an input or writing an output failed at the OS level.
    #[error("{path}: {action} failed: {source}")]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// What was being done (`reading`, `writing`, `creating folder`).
        action: &'static str,
        /// The underlying OS error.
        #[source]
        source: std::io::Error,
    },
    /// An input path does not exist.
    #[error("{0}: no such file or folder; pass documents or folders that exist (default: input/)")]
    MissingInput(PathBuf),
    /// The inputs named hold no document to read.
    #[error(
        "{0}: no .txt or .md documents found; put interview documents there or name files directly"
    )]
    NoDocuments(PathBuf),
    /// A writer could not encode the deck.
    #[error("{path}: could not write {format}: {message}")]
    Writer {
        /// The output file that was being produced.
        path: PathBuf,
        /// The format (`anki`, `csv`, `xlsx`, `json`).
        format: &'static str,
        /// What the underlying library said.
        message: String,
    },
    /// The overrides file (`pyqconv.toml`) is not valid.
    #[error(
        "{path}: not a valid overrides file: {message}; fix it or move it away (see `pyqconv --help`, --overrides)"
    )]
    Overrides {
        /// The overrides file.
        path: PathBuf,
        /// What the TOML parser said, with the line and column.
        message: String,
    },
    /// `--strict` was given and the run produced warnings.
    #[error("{0} warning(s) with --strict; fix the inputs or drop --strict")]
    Strict(usize),
}

impl Error {
    /// The process exit code for this error: 2 for problems with what the
    /// user asked for (missing inputs, strict warnings), 1 for failures
    /// while doing it (I/O, writers).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::MissingInput(_)
            | Error::NoDocuments(_)
            | Error::Strict(_)
            | Error::Overrides { .. } => 2,
            Error::Io { .. } | Error::Writer { .. } => 1,
        }
    }
}

/// A non-fatal finding about an input: something not understood or repaired.
///
/// `line` is 1-based; `None` when the finding concerns the whole file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// The document the finding is about.
    pub path: String,
    /// The 1-based line, if the finding has one.
    pub line: Option<usize>,
    /// A sentence saying what was found and what was done about it.
    pub message: String,
}

impl Warning {
    /// A warning about `path:line`.
    pub fn at(path: &str, line: usize, message: impl Into<String>) -> Warning {
        Warning {
            path: path.to_string(),
            line: Some(line),
            message: message.into(),
        }
    }

    /// A warning about the whole of `path`.
    pub fn file(path: &str, message: impl Into<String>) -> Warning {
        Warning {
            path: path.to_string(),
            line: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}
