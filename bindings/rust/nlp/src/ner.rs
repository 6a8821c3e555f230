//! Named-entity recognition with BERT token classifiers.
use std::path::Path;
use std::ptr;

use nlp_sys as sys;

use crate::error::{check, Result};
use crate::util::{c_path, c_string, copy_str, ptrs_lens};

/// How a word's subword predictions become its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregation {
    /// The first subword decides.
    First,
    /// The argmax of the mean of the subwords' probabilities.
    Average,
    /// The label of the most confident subword.
    Max,
    /// Tokens grouped by their own labels (Hugging Face's "simple").
    Simple,
    /// One entity per token not labelled O (Hugging Face's "none").
    None,
}

/// Options of [`NerModel::load`]; `None` keeps the library's default.
#[derive(Debug, Clone, Default)]
pub struct NerOptions {
    /// "cpu", "cuda", "cuda:N", "auto".
    pub device: Option<String>,
    /// Default: [`Aggregation::First`].
    pub aggregation: Option<Aggregation>,
    /// Windows per forward pass in batch calls.
    pub batch_size: Option<usize>,
    /// Tokens per window, [CLS]/[SEP] included.
    pub max_length: Option<usize>,
    /// Tokens shared by consecutive windows of a long text.
    pub stride: Option<usize>,
}

/// One entity. `start`/`end` are code point offsets; `byte_start`/
/// `byte_end` index the `&str` given: `&text[e.byte_start..e.byte_end] == e.text`.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The class without its B-/I- prefix ("PER").
    pub class: String,
    /// The entity's text.
    pub text: String,
    /// Code point offsets (Python's `text[start:end]`).
    pub start: usize,
    /// End, exclusive, in code points.
    pub end: usize,
    /// UTF-8 byte offsets.
    pub byte_start: usize,
    /// End, exclusive, in bytes.
    pub byte_end: usize,
    /// Mean probability of the words' labels.
    pub score: f32,
}

/// A BERT token classifier loaded from a Hugging Face checkpoint.
///
/// ```
/// let dir = std::env::var("NLP_SHARED_DIR").unwrap_or_else(|_| "../../../../shared".into());
/// let model = nlp::NerModel::load(format!("{}/fixtures/bert-tiny-ner", dir), &Default::default())?;
/// let text = "EU officials meet German farmers near British ports .";
/// for e in model.run(text)? {
///     assert_eq!(&text[e.byte_start..e.byte_end], e.text);
/// }
/// # Ok::<(), nlp::Error>(())
/// ```
pub struct NerModel {
    ptr: *mut sys::nlp_ner_model,
    labels: Vec<String>,
}

// SAFETY: nlp.h: "One model may serve any number of threads at once" and
// nlp_ner_run / run_batch / tag_words are documented thread-safe; the handle
// is not tied to the thread that loaded it, and only Drop frees it.
unsafe impl Send for NerModel {}
// SAFETY: every method takes &self and calls only functions nlp.h marks
// thread-safe on a const model.
unsafe impl Sync for NerModel {}

fn entities(res: *mut sys::nlp_entities) -> Vec<Entity> {
    // SAFETY: res is a live result; entity i is valid until it is freed,
    // and everything is copied before nlp_entities_free.
    unsafe {
        let out = (0..sys::nlp_entities_count(res))
            .map(|i| {
                let e = &*sys::nlp_entities_get(res, i);
                Entity {
                    class: copy_str(e.label),
                    text: copy_str(e.text),
                    start: e.char_start,
                    end: e.char_end,
                    byte_start: e.byte_start,
                    byte_end: e.byte_end,
                    score: e.score,
                }
            })
            .collect();
        sys::nlp_entities_free(res);
        out
    }
}

impl NerModel {
    /// Load a BertForTokenClassification checkpoint directory.
    pub fn load<P: AsRef<Path>>(dir: P, options: &NerOptions) -> Result<NerModel> {
        let mut o = crate::options::ner()?;
        let device = options.device.as_deref().map(|d| c_string("device", d)).transpose()?;
        if let Some(d) = &device {
            o.device = d.as_ptr();
        }
        if let Some(a) = options.aggregation {
            o.aggregation = match a {
                Aggregation::First => sys::NLP_AGGREGATION_FIRST,
                Aggregation::Average => sys::NLP_AGGREGATION_AVERAGE,
                Aggregation::Max => sys::NLP_AGGREGATION_MAX,
                Aggregation::Simple => sys::NLP_AGGREGATION_SIMPLE,
                Aggregation::None => sys::NLP_AGGREGATION_NONE,
            };
        }
        o.batch_size = options.batch_size.unwrap_or(o.batch_size);
        o.max_length = options.max_length.unwrap_or(o.max_length);
        o.stride = options.stride.unwrap_or(o.stride);
        let path = c_path(dir.as_ref())?;
        let mut ptr = ptr::null_mut();
        // SAFETY: valid C strings and options outlive the call.
        check(unsafe { sys::nlp_ner_load(path.as_ptr(), &o, &mut ptr) })?;
        let mut model = NerModel { ptr, labels: Vec::new() };
        let mut names = ptr::null();
        let mut count = 0usize;
        // SAFETY: ptr is a live model; the names live as long as it.
        check(unsafe { sys::nlp_ner_labels(ptr, &mut names, &mut count) })?;
        model.labels = (0..count).map(|i| unsafe { copy_str(*names.add(i)) }).collect();
        Ok(model)
    }

    pub(crate) fn raw(&self) -> *const sys::nlp_ner_model {
        self.ptr
    }

    /// The class names in id2label order ("O", "B-PER", ...).
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The entities of one text, in text order.
    pub fn run(&self, text: &str) -> Result<Vec<Entity>> {
        let mut res = ptr::null_mut();
        // SAFETY: text is len bytes of UTF-8; the result is owned by us.
        check(unsafe { sys::nlp_ner_run(self.ptr, text.as_ptr() as *const _, text.len(), &mut res) })?;
        Ok(entities(res))
    }

    /// `run` over many texts at once (windows batched by length).
    pub fn run_batch<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<Vec<Entity>>> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let (ptrs, lens) = ptrs_lens(texts);
        let mut results = vec![ptr::null_mut(); texts.len()];
        // SAFETY: arrays of texts.len() entries; on failure all results are NULL.
        check(unsafe {
            sys::nlp_ner_run_batch(self.ptr, ptrs.as_ptr(), lens.as_ptr(), texts.len(), results.as_mut_ptr())
        })?;
        Ok(results.into_iter().map(entities).collect())
    }

    /// One raw label per pre-split word (CoNLL style, no BIO repair).
    pub fn tag_words<S: AsRef<str>>(&self, words: &[S]) -> Result<Vec<String>> {
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let (ptrs, lens) = ptrs_lens(words);
        let mut labels = vec![ptr::null(); words.len()];
        // SAFETY: arrays of words.len() entries; labels are owned by the model.
        check(unsafe {
            sys::nlp_ner_tag_words(self.ptr, ptrs.as_ptr(), lens.as_ptr(), words.len(), labels.as_mut_ptr())
        })?;
        Ok(labels.into_iter().map(|l| unsafe { copy_str(l) }).collect())
    }
}

impl Drop for NerModel {
    fn drop(&mut self) {
        // SAFETY: the pointer came from nlp_ner_load and is freed once;
        // &mut self means no call is running on it.
        unsafe { sys::nlp_ner_free(self.ptr) }
    }
}
