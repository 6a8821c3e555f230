//! Toxicity classification with T5 text-to-text models.
use std::ffi::CString;
use std::path::Path;
use std::ptr;

use nlp_sys as sys;

use crate::error::{check, Result};
use crate::util::{c_path, c_string, copy_str, ptrs_lens};

/// Options of [`ToxicClassifier::load`] (and the model side of training).
#[derive(Debug, Clone, Default)]
pub struct ToxicOptions {
    /// Put before every text; `None`: the checkpoint's, else "toxic: ".
    pub prefix: Option<String>,
    /// Label words and whether each means toxic; `None`: the checkpoint's,
    /// else yes/no.
    pub labels: Option<Vec<(String, bool)>>,
    /// "cpu", "cuda", "cuda:N", "auto".
    pub device: Option<String>,
    /// Encoder input limit, </s> included.
    pub max_input_tokens: Option<i32>,
    /// Generation limit.
    pub max_new_tokens: Option<i32>,
    /// Skip generation; the verdict follows the probabilities.
    pub score_only: bool,
}

/// The outcome for one text.
#[derive(Debug, Clone, PartialEq)]
pub struct ToxicResult {
    /// The verdict.
    pub is_toxic: bool,
    /// The generated text is one of the label words.
    pub matched: bool,
    /// P(toxic label words) / P(all label words).
    pub score: f64,
    /// The greedy output, special tokens skipped.
    pub generated: String,
    /// Index of the label word behind the verdict.
    pub label: usize,
}

/// C options plus the C strings they point to.
pub(crate) struct CToxicOptions {
    pub(crate) raw: sys::nlp_toxic_options,
    _strings: Vec<CString>,
    _labels: Vec<sys::nlp_toxic_label>,
}

impl CToxicOptions {
    pub(crate) fn new(o: &ToxicOptions) -> Result<CToxicOptions> {
        let mut raw = crate::options::toxic()?;
        let mut strings = Vec::new();
        let mut labels = Vec::new();
        if let Some(p) = &o.prefix {
            strings.push(c_string("prefix", p)?);
            raw.prefix = strings.last().unwrap().as_ptr();
        }
        if let Some(d) = &o.device {
            strings.push(c_string("device", d)?);
            raw.device = strings.last().unwrap().as_ptr();
        }
        if let Some(words) = &o.labels {
            for (w, toxic) in words {
                strings.push(c_string("label word", w)?);
                labels.push(sys::nlp_toxic_label { word: strings.last().unwrap().as_ptr(), is_toxic: *toxic as i32 });
            }
            raw.labels = labels.as_ptr();
            raw.label_count = labels.len();
        }
        if let Some(n) = o.max_input_tokens {
            raw.max_input_tokens = n;
        }
        if let Some(n) = o.max_new_tokens {
            raw.max_new_tokens = n;
        }
        raw.score_only = o.score_only as i32;
        // A CString's bytes and a Vec's buffer do not move when the
        // containers holding them move, so the pointers stay valid.
        Ok(CToxicOptions { raw, _strings: strings, _labels: labels })
    }
}

/// A T5 checkpoint fine-tuned to answer a prefixed text with a label word.
///
/// ```
/// let dir = std::env::var("NLP_SHARED_DIR").unwrap_or_else(|_| "../../../../shared".into());
/// let opts = nlp::ToxicOptions {
///     prefix: Some("toxic: ".into()),
///     labels: Some(vec![("yes".into(), true), ("no".into(), false)]),
///     ..Default::default()
/// };
/// let m = nlp::ToxicClassifier::load(format!("{}/fixtures/t5-tiny", dir), &opts)?;
/// let r = m.classify("You are a wonderful person")?;
/// assert!(r.score >= 0.0 && r.score <= 1.0);
/// assert_eq!(m.is_toxic("You are a wonderful person")?, r.is_toxic);
/// # Ok::<(), nlp::Error>(())
/// ```
pub struct ToxicClassifier {
    ptr: *mut sys::nlp_toxic_model,
}

// SAFETY: nlp.h: nlp_toxic_classify / _batch are "Thread-safe: many
// threads may classify with one model at once"; the handle is not tied to
// a thread, and only Drop frees it.
unsafe impl Send for ToxicClassifier {}
// SAFETY: every method takes &self and calls only those thread-safe functions.
unsafe impl Sync for ToxicClassifier {}

fn result(r: *mut sys::nlp_toxic_result) -> ToxicResult {
    // SAFETY: r is a live result, copied and then freed once.
    unsafe {
        let out = ToxicResult {
            is_toxic: (*r).is_toxic != 0,
            matched: (*r).matched != 0,
            score: (*r).score,
            generated: copy_str((*r).generated),
            label: (*r).label,
        };
        sys::nlp_toxic_result_free(r);
        out
    }
}

impl ToxicClassifier {
    /// Load a T5 toxicity classifier from a checkpoint directory.
    pub fn load<P: AsRef<Path>>(dir: P, options: &ToxicOptions) -> Result<ToxicClassifier> {
        let o = CToxicOptions::new(options)?;
        let path = c_path(dir.as_ref())?;
        let mut ptr = ptr::null_mut();
        // SAFETY: options and strings outlive the call; the library copies them.
        check(unsafe { sys::nlp_toxic_load(path.as_ptr(), &o.raw, &mut ptr) })?;
        Ok(ToxicClassifier { ptr })
    }

    pub(crate) fn raw(&self) -> *const sys::nlp_toxic_model {
        self.ptr
    }

    /// Verdict, score and generated text of one text.
    pub fn classify(&self, text: &str) -> Result<ToxicResult> {
        let mut r = ptr::null_mut();
        // SAFETY: text is len bytes; the result is ours to free.
        check(unsafe { sys::nlp_toxic_classify(self.ptr, text.as_ptr() as *const _, text.len(), &mut r) })?;
        Ok(result(r))
    }

    /// The verdict alone.
    pub fn is_toxic(&self, text: &str) -> Result<bool> {
        Ok(self.classify(text)?.is_toxic)
    }

    /// `classify` over many texts in padded batches.
    pub fn classify_batch<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<ToxicResult>> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let (ptrs, lens) = ptrs_lens(texts);
        let mut results = vec![ptr::null_mut(); texts.len()];
        // SAFETY: arrays of texts.len() entries; on failure none is allocated.
        check(unsafe {
            sys::nlp_toxic_classify_batch(self.ptr, ptrs.as_ptr(), lens.as_ptr(), texts.len(), results.as_mut_ptr())
        })?;
        Ok(results.into_iter().map(result).collect())
    }
}

impl Drop for ToxicClassifier {
    fn drop(&mut self) {
        // SAFETY: from nlp_toxic_load, freed once, no call running (&mut self).
        unsafe { sys::nlp_toxic_free(self.ptr) }
    }
}
