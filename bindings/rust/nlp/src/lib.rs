//! Safe Rust binding of libnlp: BERT named-entity recognition, T5
//! toxicity classification, tokenizers, training and evaluation. Built on
//! the raw `nlp-sys` mirror of `<nlp/nlp.h>`; models free themselves on
//! `Drop`, every call returns `Result<T, nlp::Error>`, and results are
//! owned Rust values.
//!
//! ```
//! let dir = std::env::var("NLP_SHARED_DIR").unwrap_or_else(|_| "../../../../shared".into());
//! let ner = nlp::NerModel::load(format!("{}/fixtures/bert-tiny-ner", dir), &Default::default())?;
//! let entities = ner.run("Mike Müller flew to Zürich")?;
//! assert!(entities.iter().all(|e| e.end > e.start));
//! # Ok::<(), nlp::Error>(())
//! ```
#![warn(missing_docs)]

mod error;
mod ner;
mod options;
mod tokenizer;
mod toxic;
mod train;
mod util;

use std::ffi::CStr;
use std::path::Path;
use std::ptr;

pub use error::{Error, Result, Status};
pub use ner::{Aggregation, Entity, NerModel, NerOptions};
pub use tokenizer::{EncodeOptions, Encoding, Tokenizer};
pub use toxic::{ToxicClassifier, ToxicOptions, ToxicResult};
pub use train::{
    evaluate_ner, evaluate_toxic, read_conll, score_tags, train_ner, train_toxic, ClassificationMetrics,
    EntityScore, EvalOptions, EvalProgressFn, Progress, ProgressFn, SeqevalReport, Sentence, TrainOptions,
    TrainReport,
};

use nlp_sys as sys;

/// The loaded library's version, "MAJOR.MINOR.PATCH".
///
/// ```
/// assert_eq!(nlp::version().split('.').count(), 3);
/// ```
pub fn version() -> String {
    // SAFETY: static, never NULL.
    unsafe { CStr::from_ptr(sys::nlp_version()) }.to_string_lossy().into_owned()
}

/// The concrete device ("cpu", "cuda:0") a name resolves to.
///
/// ```
/// assert_eq!(nlp::device_check("cpu")?, "cpu");
/// assert_eq!(nlp::device_check("gpu0").unwrap_err().status, nlp::Status::InvalidArg);
/// # Ok::<(), nlp::Error>(())
/// ```
pub fn device_check(device: &str) -> Result<String> {
    let d = util::c_string("device", device)?;
    let mut resolved = ptr::null();
    // SAFETY: d outlives the call; resolved is a static string.
    error::check(unsafe { sys::nlp_device_check(d.as_ptr(), &mut resolved) })?;
    Ok(unsafe { util::copy_str(resolved) })
}

/// Threads of the tensor library per operation, process-wide (0 keeps).
pub fn set_num_threads(n: i32) -> Result<()> {
    // SAFETY: plain value.
    error::check(unsafe { sys::nlp_set_num_threads(n) })
}

/// A checkpoint directory described as JSON (see nlp_checkpoint_info).
pub fn checkpoint_info<P: AsRef<Path>>(dir: P) -> Result<String> {
    let p = util::c_path(dir.as_ref())?;
    let mut json = ptr::null_mut();
    // SAFETY: p outlives the call; json is ours to free.
    error::check(unsafe { sys::nlp_checkpoint_info(p.as_ptr(), &mut json) })?;
    // SAFETY: NUL-terminated, copied then freed once.
    unsafe {
        let s = util::copy_str(json);
        sys::nlp_string_free(json);
        Ok(s)
    }
}
