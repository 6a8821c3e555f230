//! Errors: the library's status and this thread's message.
use std::ffi::CStr;
use std::fmt;

use nlp_sys as sys;

/// The kind of failure (the C `nlp_status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// NULL where a value is needed, a bad option.
    InvalidArg,
    /// An allocation failed.
    NoMem,
    /// A file could not be opened, read or written.
    Io,
    /// A file or tensor is malformed.
    Format,
    /// Valid, but not something libnlp handles.
    Unsupported,
    /// Text is not valid UTF-8.
    InvalidUtf8,
    /// The requested device is not available.
    Device,
    /// The tensor library failed.
    Runtime,
    /// A progress callback asked to stop.
    Cancelled,
    /// A named item (token, label, file) is absent.
    NotFound,
    /// A bug in libnlp.
    Internal,
    /// A status this binding does not know (a newer library).
    Other(i32),
}

impl Status {
    fn from_raw(s: sys::nlp_status) -> Status {
        match s {
            sys::NLP_ERR_INVALID_ARG => Status::InvalidArg,
            sys::NLP_ERR_NOMEM => Status::NoMem,
            sys::NLP_ERR_IO => Status::Io,
            sys::NLP_ERR_FORMAT => Status::Format,
            sys::NLP_ERR_UNSUPPORTED => Status::Unsupported,
            sys::NLP_ERR_INVALID_UTF8 => Status::InvalidUtf8,
            sys::NLP_ERR_DEVICE => Status::Device,
            sys::NLP_ERR_RUNTIME => Status::Runtime,
            sys::NLP_ERR_CANCELLED => Status::Cancelled,
            sys::NLP_ERR_NOT_FOUND => Status::NotFound,
            sys::NLP_ERR_INTERNAL => Status::Internal,
            other => Status::Other(other),
        }
    }
}

/// A failed call: the status and the library's message, which names the
/// file, line, field or byte involved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What went wrong.
    pub status: Status,
    /// The library's detail text (`nlp_last_error`).
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.status, self.message)
    }
}

impl std::error::Error for Error {}

/// `Result` with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

pub(crate) fn check(status: sys::nlp_status) -> Result<()> {
    if status == sys::NLP_OK {
        return Ok(());
    }
    // SAFETY: nlp_last_error never returns NULL; the text is copied at once.
    let message = unsafe { CStr::from_ptr(sys::nlp_last_error()) }.to_string_lossy().into_owned();
    Err(Error { status: Status::from_raw(status), message })
}

pub(crate) fn invalid(message: String) -> Error {
    Error { status: Status::InvalidArg, message }
}
