//! Training and evaluation.
use std::ffi::CString;
use std::os::raw::{c_int, c_void};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::ptr;

use nlp_sys as sys;

use crate::error::{check, invalid, Result};
use crate::ner::NerModel;
use crate::toxic::{CToxicOptions, ToxicClassifier, ToxicOptions};
use crate::util::{c_path, c_string, copy_str};

/// What a progress callback sees.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// Optimizer steps done.
    pub step: i64,
    /// Planned optimizer steps.
    pub total_steps: i64,
    /// Fractional epochs done.
    pub epoch: f64,
    /// Mean training loss since the previous report.
    pub loss: f64,
    /// Learning rate of the last step.
    pub learning_rate: f64,
    /// Set when an evaluation just ran: (eval loss, metric value, metric name).
    pub evaluation: Option<(f64, f64, String)>,
    /// Folder saved at this point.
    pub checkpoint: Option<String>,
}

/// Training options: `nlp_train_options` field by field. Start from
/// `TrainOptions::new(output_dir)`, which holds the library's defaults.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct TrainOptions {
    pub output_dir: String,
    pub device: Option<String>,
    pub epochs: f64,
    pub learning_rate: f64,
    pub batch_size: usize,
    pub eval_batch_size: usize,
    pub warmup_ratio: f64,
    pub warmup_steps: i64,
    pub weight_decay: f64,
    pub adam_beta1: f64,
    pub adam_beta2: f64,
    pub adam_epsilon: f64,
    pub max_grad_norm: f64,
    pub gradient_accumulation_steps: i32,
    pub seed: u64,
    pub eval_steps: i64,
    pub logging_steps: i64,
    pub metric_for_best: Option<String>,
    pub save_total_limit: i32,
    pub early_stopping_patience: i32,
    pub max_steps: i64,
    pub max_train_examples: usize,
    pub max_eval_examples: usize,
    pub max_length: usize,
    pub label_all_tokens: bool,
    pub group_by_length: bool,
    pub use_cache: bool,
    pub resume_from: Option<String>,
    /// 0 none, 1 oversample, 2 loss weight (toxic only).
    pub class_balance: i32,
    pub text_column: Option<String>,
    pub label_column: Option<String>,
}

fn opt_str(p: *const std::os::raw::c_char) -> Option<String> {
    if p.is_null() {
        None
    } else {
        Some(unsafe { copy_str(p) })
    }
}

impl TrainOptions {
    /// The library's defaults, writing to output_dir.
    pub fn new<S: Into<String>>(output_dir: S) -> Result<TrainOptions> {
        let o = crate::options::train()?;
        Ok(TrainOptions {
            output_dir: output_dir.into(),
            device: opt_str(o.device),
            epochs: o.epochs,
            learning_rate: o.learning_rate,
            batch_size: o.batch_size,
            eval_batch_size: o.eval_batch_size,
            warmup_ratio: o.warmup_ratio,
            warmup_steps: o.warmup_steps,
            weight_decay: o.weight_decay,
            adam_beta1: o.adam_beta1,
            adam_beta2: o.adam_beta2,
            adam_epsilon: o.adam_epsilon,
            max_grad_norm: o.max_grad_norm,
            gradient_accumulation_steps: o.gradient_accumulation_steps,
            seed: o.seed,
            eval_steps: o.eval_steps,
            logging_steps: o.logging_steps,
            metric_for_best: opt_str(o.metric_for_best),
            save_total_limit: o.save_total_limit,
            early_stopping_patience: o.early_stopping_patience,
            max_steps: o.max_steps,
            max_train_examples: o.max_train_examples,
            max_eval_examples: o.max_eval_examples,
            max_length: o.max_length,
            label_all_tokens: o.label_all_tokens != 0,
            group_by_length: o.group_by_length != 0,
            use_cache: o.use_cache != 0,
            resume_from: opt_str(o.resume_from),
            class_balance: o.class_balance,
            text_column: opt_str(o.text_column),
            label_column: opt_str(o.label_column),
        })
    }
}

/// What a finished run reports.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub struct TrainReport {
    pub steps: i64,
    pub epochs: f64,
    pub train_loss: f64,
    /// `None` without evaluation.
    pub best_metric: Option<f64>,
    /// `None` without a checkpoint.
    pub best_step: Option<i64>,
    pub train_examples: usize,
    pub eval_examples: usize,
    pub truncated: usize,
    pub seconds: f64,
    pub tokens_per_second: f64,
}

/// A progress callback: return `true` to stop (the call then fails with
/// `Status::Cancelled`).
pub type ProgressFn<'a> = &'a mut dyn FnMut(&Progress) -> bool;

struct CallbackState<'a> {
    f: ProgressFn<'a>,
    panic: Option<Box<dyn std::any::Any + Send>>,
}

unsafe extern "C" fn trampoline(p: *const sys::nlp_train_progress, data: *mut c_void) -> c_int {
    let state = &mut *(data as *mut CallbackState);
    let p = &*p;
    let progress = Progress {
        step: p.step,
        total_steps: p.total_steps,
        epoch: p.epoch,
        loss: p.loss,
        learning_rate: p.learning_rate,
        evaluation: if p.evaluated != 0 { Some((p.eval_loss, p.metric, copy_str(p.metric_name))) } else { None },
        checkpoint: opt_str(p.checkpoint),
    };
    // Never unwind through C: keep the panic and resume it after the call.
    match panic::catch_unwind(AssertUnwindSafe(|| (state.f)(&progress))) {
        Ok(stop) => stop as c_int,
        Err(payload) => {
            state.panic = Some(payload);
            1
        }
    }
}

struct CTrain {
    raw: sys::nlp_train_options,
    _strings: Vec<CString>,
}

fn c_train(o: &TrainOptions) -> Result<CTrain> {
    let mut raw = crate::options::train()?;
    let mut strings = Vec::new();
    let mut s = |what: &str, v: &Option<String>| -> Result<*const std::os::raw::c_char> {
        match v {
            None => Ok(ptr::null()),
            Some(v) => {
                strings.push(c_string(what, v)?);
                Ok(strings.last().unwrap().as_ptr())
            }
        }
    };
    raw.output_dir = s("output_dir", &Some(o.output_dir.clone()))?;
    raw.device = s("device", &o.device)?;
    raw.metric_for_best = s("metric_for_best", &o.metric_for_best)?;
    raw.resume_from = s("resume_from", &o.resume_from)?;
    raw.text_column = s("text_column", &o.text_column)?;
    raw.label_column = s("label_column", &o.label_column)?;
    raw.epochs = o.epochs;
    raw.learning_rate = o.learning_rate;
    raw.batch_size = o.batch_size;
    raw.eval_batch_size = o.eval_batch_size;
    raw.warmup_ratio = o.warmup_ratio;
    raw.warmup_steps = o.warmup_steps;
    raw.weight_decay = o.weight_decay;
    raw.adam_beta1 = o.adam_beta1;
    raw.adam_beta2 = o.adam_beta2;
    raw.adam_epsilon = o.adam_epsilon;
    raw.max_grad_norm = o.max_grad_norm;
    raw.gradient_accumulation_steps = o.gradient_accumulation_steps;
    raw.seed = o.seed;
    raw.eval_steps = o.eval_steps;
    raw.logging_steps = o.logging_steps;
    raw.save_total_limit = o.save_total_limit;
    raw.early_stopping_patience = o.early_stopping_patience;
    raw.max_steps = o.max_steps;
    raw.max_train_examples = o.max_train_examples;
    raw.max_eval_examples = o.max_eval_examples;
    raw.max_length = o.max_length;
    raw.label_all_tokens = o.label_all_tokens as i32;
    raw.group_by_length = o.group_by_length as i32;
    raw.use_cache = o.use_cache as i32;
    raw.class_balance = o.class_balance;
    Ok(CTrain { raw, _strings: strings })
}

fn run_training<F>(o: &TrainOptions, progress: Option<ProgressFn>, call: F) -> Result<TrainReport>
where
    F: FnOnce(&sys::nlp_train_options, &mut sys::nlp_train_report) -> sys::nlp_status,
{
    let mut c = c_train(o)?;
    let mut state = progress.map(|f| CallbackState { f, panic: None });
    if let Some(st) = state.as_mut() {
        c.raw.callback = Some(trampoline);
        c.raw.callback_data = st as *mut CallbackState as *mut c_void;
    }
    let mut r = sys::nlp_train_report { size: std::mem::size_of::<sys::nlp_train_report>(), ..Default::default() };
    let status = call(&c.raw, &mut r);
    if let Some(payload) = state.and_then(|s| s.panic) {
        panic::resume_unwind(payload);
    }
    check(status)?;
    Ok(TrainReport {
        steps: r.steps,
        epochs: r.epochs,
        train_loss: r.train_loss,
        best_metric: if r.best_metric.is_nan() { None } else { Some(r.best_metric) },
        best_step: if r.best_step < 0 { None } else { Some(r.best_step) },
        train_examples: r.train_examples,
        eval_examples: r.eval_examples,
        truncated: r.truncated,
        seconds: r.seconds,
        tokens_per_second: r.tokens_per_second,
    })
}

fn opt_path(p: Option<&Path>) -> Result<Option<CString>> {
    p.map(c_path).transpose()
}

fn ptr_or_null(p: &Option<CString>) -> *const std::os::raw::c_char {
    p.as_ref().map_or(ptr::null(), |c| c.as_ptr())
}

/// Fine-tune the BERT token classifier in `base_dir` on a CoNLL file,
/// evaluating on `eval` (None: no evaluation); the best model is saved in
/// `options.output_dir`.
pub fn train_ner(
    base_dir: &Path, train: &Path, eval: Option<&Path>, options: &TrainOptions, progress: Option<ProgressFn>,
) -> Result<TrainReport> {
    let (base, train, eval) = (c_path(base_dir)?, c_path(train)?, opt_path(eval)?);
    run_training(options, progress, |o, r| {
        // SAFETY: all strings and structs outlive the call.
        unsafe { sys::nlp_ner_train(base.as_ptr(), train.as_ptr(), ptr_or_null(&eval), o, r) }
    })
}

/// Fine-tune a T5 checkpoint as a toxicity classifier on CSV / JSON Lines
/// data; `model` gives the prefix and label words.
pub fn train_toxic(
    base_dir: &Path, train: &Path, eval: Option<&Path>, model: &ToxicOptions, options: &TrainOptions,
    progress: Option<ProgressFn>,
) -> Result<TrainReport> {
    let mo = CToxicOptions::new(model)?;
    let (base, train, eval) = (c_path(base_dir)?, c_path(train)?, opt_path(eval)?);
    run_training(options, progress, |o, r| {
        // SAFETY: all strings and structs outlive the call.
        unsafe { sys::nlp_toxic_train(base.as_ptr(), train.as_ptr(), ptr_or_null(&eval), &mo.raw, o, r) }
    })
}

/// Binary scores of the toxic class.
#[derive(Debug, Clone, Copy, PartialEq)]
#[allow(missing_docs)]
pub struct ClassificationMetrics {
    pub count: usize,
    pub support: usize,
    /// [[tn, fp], [fn, tp]]
    pub confusion: [[usize; 2]; 2],
    pub accuracy: f64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// `None` without scores.
    pub auprc: Option<f64>,
}

/// One row of a seqeval report.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub struct EntityScore {
    pub entity_type: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
    pub predicted: usize,
    pub correct: usize,
}

/// seqeval's classification_report as numbers.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub struct SeqevalReport {
    /// Sorted by type name.
    pub types: Vec<EntityScore>,
    pub micro: EntityScore,
    pub macro_avg: EntityScore,
    pub weighted: EntityScore,
    pub accuracy: f64,
}

fn entity_score(s: *const sys::nlp_entity_score) -> EntityScore {
    // SAFETY: a row owned by a live report, copied.
    let s = unsafe { &*s };
    EntityScore {
        entity_type: unsafe { copy_str(s.type_) },
        precision: s.precision,
        recall: s.recall,
        f1: s.f1,
        support: s.support,
        predicted: s.predicted,
        correct: s.correct,
    }
}

/// Score predicted tag sentences against gold ones as seqeval 1.2.2:
/// default mode, or strict with `scheme` ("IOB2", "IOBES", ...).
///
/// ```
/// let gold = vec![vec!["B-PER", "I-PER", "O"], vec!["B-LOC"]];
/// let pred = vec![vec!["B-PER", "I-PER", "O"], vec!["O"]];
/// let r = nlp::score_tags(&gold, &pred, None)?;
/// assert_eq!(r.types[1].entity_type, "PER");
/// assert_eq!(r.types[1].f1, 1.0);
/// assert_eq!(r.micro.f1, 2.0 / 3.0);
/// # Ok::<(), nlp::Error>(())
/// ```
pub fn score_tags<S: AsRef<str>>(gold: &[Vec<S>], pred: &[Vec<S>], strict_scheme: Option<&str>) -> Result<SeqevalReport> {
    if gold.len() != pred.len() {
        return Err(invalid(format!("{} gold sentences but {} predicted", gold.len(), pred.len())));
    }
    let mut g = Vec::new();
    let mut p = Vec::new();
    let mut lengths = Vec::new();
    for (i, (gs, ps)) in gold.iter().zip(pred).enumerate() {
        if gs.len() != ps.len() {
            return Err(invalid(format!("sentence {}: {} gold tags but {} predicted", i, gs.len(), ps.len())));
        }
        for t in gs {
            g.push(c_string("gold tag", t.as_ref())?);
        }
        for t in ps {
            p.push(c_string("predicted tag", t.as_ref())?);
        }
        lengths.push(gs.len());
    }
    let mut o = crate::options::seqeval()?;
    if let Some(scheme) = strict_scheme {
        o.mode = sys::NLP_SEQEVAL_STRICT;
        let s = c_string("scheme", scheme)?;
        // SAFETY: s outlives the call.
        check(unsafe { sys::nlp_tag_scheme_parse(s.as_ptr(), &mut o.scheme) })?;
    }
    let gp: Vec<_> = g.iter().map(|c| c.as_ptr()).collect();
    let pp: Vec<_> = p.iter().map(|c| c.as_ptr()).collect();
    let mut r = ptr::null_mut();
    // SAFETY: arrays of sum(lengths) tags and gold.len() lengths.
    check(unsafe { sys::nlp_seqeval_evaluate(gp.as_ptr(), pp.as_ptr(), lengths.as_ptr(), gold.len(), &o, &mut r) })?;
    Ok(seqeval_report(r))
}

/// Copy a live report, then free it.
fn seqeval_report(r: *mut sys::nlp_seqeval_report) -> SeqevalReport {
    // SAFETY: r is a live report, read then freed once.
    unsafe {
        let out = SeqevalReport {
            types: (0..sys::nlp_seqeval_type_count(r)).map(|i| entity_score(sys::nlp_seqeval_type(r, i))).collect(),
            micro: entity_score(sys::nlp_seqeval_average(r, sys::NLP_AVERAGE_MICRO)),
            macro_avg: entity_score(sys::nlp_seqeval_average(r, sys::NLP_AVERAGE_MACRO)),
            weighted: entity_score(sys::nlp_seqeval_average(r, sys::NLP_AVERAGE_WEIGHTED)),
            accuracy: sys::nlp_seqeval_accuracy(r),
        };
        sys::nlp_seqeval_report_free(r);
        out
    }
}

/// One sentence of a CoNLL file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct Sentence {
    pub words: Vec<String>,
    pub tags: Vec<String>,
}

/// Read a CoNLL column file (IOB1 tags rewritten as IOB2).
pub fn read_conll(path: &Path) -> Result<Vec<Sentence>> {
    let o = crate::options::conll()?;
    let p = c_path(path)?;
    let mut h = ptr::null_mut();
    // SAFETY: p outlives the call.
    check(unsafe { sys::nlp_conll_read(p.as_ptr(), &o, &mut h) })?;
    // SAFETY: h is live; the flat arrays hold token_count / sentence_count entries.
    unsafe {
        let (nt, ns) = (sys::nlp_conll_token_count(h), sys::nlp_conll_sentence_count(h));
        let mut out = Vec::with_capacity(ns);
        if ns > 0 {
            let words = std::slice::from_raw_parts(sys::nlp_conll_words(h), nt);
            let tags = std::slice::from_raw_parts(sys::nlp_conll_tags(h), nt);
            let mut k = 0;
            for &n in std::slice::from_raw_parts(sys::nlp_conll_lengths(h), ns) {
                out.push(Sentence {
                    words: words[k..k + n].iter().map(|&w| copy_str(w)).collect(),
                    tags: tags[k..k + n].iter().map(|&t| copy_str(t)).collect(),
                });
                k += n;
            }
        }
        sys::nlp_conll_free(h);
        Ok(out)
    }
}

/// Options of [`evaluate_ner`] and [`evaluate_toxic`]; the defaults read
/// every example, 32 per batch.
#[derive(Debug, Clone, Default)]
pub struct EvalOptions {
    /// Text (toxic) or words (NER JSON Lines) field; `None`: the defaults.
    pub text_column: Option<String>,
    /// Label (toxic) or tags (NER JSON Lines) field; `None`: the defaults.
    pub label_column: Option<String>,
    /// 0: all; else the first N examples.
    pub max_examples: usize,
    /// Examples per batch; 0: 32.
    pub batch_size: usize,
    /// NER: seqeval strict mode with this scheme ("IOB2", "IOBES", ...).
    pub strict_scheme: Option<String>,
}

/// An evaluation progress callback: (done, total) examples; `true` cancels.
pub type EvalProgressFn<'a> = &'a mut dyn FnMut(usize, usize) -> bool;

struct EvalState<'a> {
    f: EvalProgressFn<'a>,
    panic: Option<Box<dyn std::any::Any + Send>>,
}

unsafe extern "C" fn eval_trampoline(done: usize, total: usize, data: *mut c_void) -> c_int {
    let state = &mut *(data as *mut EvalState);
    // Never unwind through C: keep the panic and resume it after the call.
    match panic::catch_unwind(AssertUnwindSafe(|| (state.f)(done, total))) {
        Ok(stop) => stop as c_int,
        Err(payload) => {
            state.panic = Some(payload);
            1
        }
    }
}

fn run_evaluation<F>(options: &EvalOptions, progress: Option<EvalProgressFn>, call: F) -> Result<()>
where
    F: FnOnce(&sys::nlp_eval_options) -> sys::nlp_status,
{
    let mut o = crate::options::eval()?;
    let text = options.text_column.as_deref().map(|s| c_string("text_column", s)).transpose()?;
    let label = options.label_column.as_deref().map(|s| c_string("label_column", s)).transpose()?;
    o.text_column = ptr_or_null(&text);
    o.label_column = ptr_or_null(&label);
    o.max_examples = options.max_examples;
    o.batch_size = options.batch_size;
    let mut seq = crate::options::seqeval()?;
    if let Some(scheme) = &options.strict_scheme {
        seq.mode = sys::NLP_SEQEVAL_STRICT;
        let s = c_string("scheme", scheme)?;
        // SAFETY: s outlives the call.
        check(unsafe { sys::nlp_tag_scheme_parse(s.as_ptr(), &mut seq.scheme) })?;
        o.seqeval = &seq;
    }
    let mut state = progress.map(|f| EvalState { f, panic: None });
    if let Some(st) = state.as_mut() {
        o.progress = Some(eval_trampoline);
        o.progress_data = st as *mut EvalState as *mut c_void;
    }
    let status = call(&o);
    if let Some(payload) = state.and_then(|s| s.panic) {
        panic::resume_unwind(payload);
    }
    check(status)
}

/// Score `model` on a CoNLL file or conll2003 JSON Lines
/// (`nlp_ner_evaluate`), with optional progress.
pub fn evaluate_ner(
    model: &NerModel, data: &Path, options: &EvalOptions, progress: Option<EvalProgressFn>,
) -> Result<SeqevalReport> {
    let path = c_path(data)?;
    let mut r = ptr::null_mut();
    run_evaluation(options, progress, |o| {
        // SAFETY: model is live, path and options outlive the call.
        unsafe { sys::nlp_ner_evaluate(model.raw(), path.as_ptr(), o, &mut r) }
    })?;
    Ok(seqeval_report(r))
}

/// Accuracy, precision, recall, F1, confusion matrix and AUPRC of `model`
/// on labelled CSV / JSON Lines data (`nlp_toxic_evaluate_model`).
pub fn evaluate_toxic(
    model: &ToxicClassifier, data: &Path, options: &EvalOptions, progress: Option<EvalProgressFn>,
) -> Result<ClassificationMetrics> {
    let path = c_path(data)?;
    let mut m = sys::nlp_classification_metrics {
        size: std::mem::size_of::<sys::nlp_classification_metrics>(),
        ..Default::default()
    };
    run_evaluation(options, progress, |o| {
        // SAFETY: model is live, path, options and m outlive the call.
        unsafe { sys::nlp_toxic_evaluate_model(model.raw(), path.as_ptr(), o, &mut m) }
    })?;
    Ok(ClassificationMetrics {
        count: m.count,
        support: m.support,
        confusion: [[m.tn, m.fp], [m.fn_, m.tp]],
        accuracy: m.accuracy,
        precision: m.precision,
        recall: m.recall,
        f1: m.f1,
        auprc: if m.auprc.is_nan() { None } else { Some(m.auprc) },
    })
}
