//! Conversions between Rust and C values.
use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use crate::error::{invalid, Result};

pub(crate) fn c_path(path: &Path) -> Result<CString> {
    CString::new(path.as_os_str().as_bytes())
        .map_err(|_| invalid(format!("path {:?} holds a NUL byte", path)))
}

pub(crate) fn c_string(what: &str, s: &str) -> Result<CString> {
    CString::new(s).map_err(|_| invalid(format!("{} {:?} holds a NUL byte", what, s)))
}

/// A C string owned by someone else, copied (NULL gives "").
pub(crate) unsafe fn copy_str(p: *const c_char) -> String {
    if p.is_null() {
        String::new()
    } else {
        CStr::from_ptr(p).to_string_lossy().into_owned()
    }
}

/// Pointers and byte lengths of borrowed strings, for the batch calls.
pub(crate) fn ptrs_lens<S: AsRef<str>>(texts: &[S]) -> (Vec<*const c_char>, Vec<usize>) {
    let ptrs = texts.iter().map(|t| t.as_ref().as_ptr() as *const c_char).collect();
    let lens = texts.iter().map(|t| t.as_ref().len()).collect();
    (ptrs, lens)
}
