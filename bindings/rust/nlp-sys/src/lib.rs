//! Raw FFI mirror of `include/nlp/nlp.h` (libnlp.so.0). Every item is as
//! the header declares it; see the header for ownership, errors and
//! thread-safety. The safe wrapper is the `nlp` crate.
#![allow(non_camel_case_types)]

use std::os::raw::{c_char, c_double, c_float, c_int, c_longlong, c_void};

pub type nlp_status = c_int;
pub const NLP_OK: nlp_status = 0;
pub const NLP_ERR_INVALID_ARG: nlp_status = 1;
pub const NLP_ERR_NOMEM: nlp_status = 2;
pub const NLP_ERR_IO: nlp_status = 3;
pub const NLP_ERR_FORMAT: nlp_status = 4;
pub const NLP_ERR_UNSUPPORTED: nlp_status = 5;
pub const NLP_ERR_INVALID_UTF8: nlp_status = 6;
pub const NLP_ERR_DEVICE: nlp_status = 7;
pub const NLP_ERR_RUNTIME: nlp_status = 8;
pub const NLP_ERR_CANCELLED: nlp_status = 9;
pub const NLP_ERR_NOT_FOUND: nlp_status = 10;
pub const NLP_ERR_INTERNAL: nlp_status = 11;

pub type nlp_tokenizer_kind = c_int;
pub const NLP_TOKENIZER_BERT: nlp_tokenizer_kind = 1;
pub const NLP_TOKENIZER_T5: nlp_tokenizer_kind = 2;

pub type nlp_aggregation = c_int;
pub const NLP_AGGREGATION_FIRST: nlp_aggregation = 0;
pub const NLP_AGGREGATION_AVERAGE: nlp_aggregation = 1;
pub const NLP_AGGREGATION_MAX: nlp_aggregation = 2;
pub const NLP_AGGREGATION_SIMPLE: nlp_aggregation = 3;
pub const NLP_AGGREGATION_NONE: nlp_aggregation = 4;

pub type nlp_seqeval_mode = c_int;
pub const NLP_SEQEVAL_DEFAULT: nlp_seqeval_mode = 0;
pub const NLP_SEQEVAL_STRICT: nlp_seqeval_mode = 1;
pub type nlp_tag_scheme = c_int;
pub type nlp_average = c_int;
pub const NLP_AVERAGE_MICRO: nlp_average = 0;
pub const NLP_AVERAGE_MACRO: nlp_average = 1;
pub const NLP_AVERAGE_WEIGHTED: nlp_average = 2;
pub type nlp_class_balance = c_int;

macro_rules! opaque {
    ($($name:ident),*) => {$(
        #[repr(C)]
        pub struct $name {
            _private: [u8; 0],
        }
    )*};
}
opaque!(
    nlp_tokenizer,
    nlp_encoding,
    nlp_ner_model,
    nlp_entities,
    nlp_toxic_model,
    nlp_seqeval_report,
    nlp_conll
);

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct nlp_encode_options {
    pub size: usize,
    pub add_special_tokens: c_int,
    pub max_length: usize,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct nlp_ner_options {
    pub size: usize,
    pub device: *const c_char,
    pub num_threads: c_int,
    pub batch_size: usize,
    pub max_length: usize,
    pub stride: usize,
    pub aggregation: nlp_aggregation,
    pub sort_by_length: c_int,
    pub max_text_bytes: usize,
    pub max_batch_texts: usize,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct nlp_entity {
    pub label: *const c_char,
    pub text: *const c_char,
    pub byte_start: usize,
    pub byte_end: usize,
    pub char_start: usize,
    pub char_end: usize,
    pub score: c_float,
    pub tag: *const c_char,
    pub token_index: usize,
    pub token: *const c_char,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct nlp_toxic_label {
    pub word: *const c_char,
    pub is_toxic: c_int,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct nlp_toxic_options {
    pub size: usize,
    pub prefix: *const c_char,
    pub labels: *const nlp_toxic_label,
    pub label_count: usize,
    pub max_input_tokens: c_int,
    pub max_new_tokens: c_int,
    pub device: *const c_char,
    pub num_threads: c_int,
    pub score_only: c_int,
    pub max_text_bytes: usize,
    pub max_batch_texts: usize,
}

#[repr(C)]
#[derive(Debug)]
pub struct nlp_toxic_result {
    pub is_toxic: c_int,
    pub matched: c_int,
    pub score: c_double,
    pub generated: *mut c_char,
    pub label: usize,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct nlp_seqeval_options {
    pub size: usize,
    pub mode: nlp_seqeval_mode,
    pub scheme: nlp_tag_scheme,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct nlp_entity_score {
    pub type_: *const c_char,
    pub precision: c_double,
    pub recall: c_double,
    pub f1: c_double,
    pub support: usize,
    pub predicted: usize,
    pub correct: usize,
}

#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct nlp_classification_metrics {
    pub size: usize,
    pub count: usize,
    pub support: usize,
    pub tn: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tp: usize,
    pub accuracy: c_double,
    pub precision: c_double,
    pub recall: c_double,
    pub f1: c_double,
    pub auprc: c_double,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct nlp_conll_options {
    pub size: usize,
    pub tag_column: c_int,
    pub convert_iob1: c_int,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct nlp_train_progress {
    pub size: usize,
    pub step: c_longlong,
    pub total_steps: c_longlong,
    pub epoch: c_double,
    pub loss: c_double,
    pub learning_rate: c_double,
    pub evaluated: c_int,
    pub eval_loss: c_double,
    pub metric: c_double,
    pub metric_name: *const c_char,
    pub checkpoint: *const c_char,
}

pub type nlp_train_callback =
    Option<unsafe extern "C" fn(progress: *const nlp_train_progress, user_data: *mut c_void) -> c_int>;

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct nlp_train_options {
    pub size: usize,
    pub output_dir: *const c_char,
    pub device: *const c_char,
    pub epochs: c_double,
    pub learning_rate: c_double,
    pub batch_size: usize,
    pub eval_batch_size: usize,
    pub warmup_ratio: c_double,
    pub warmup_steps: c_longlong,
    pub weight_decay: c_double,
    pub adam_beta1: c_double,
    pub adam_beta2: c_double,
    pub adam_epsilon: c_double,
    pub max_grad_norm: c_double,
    pub gradient_accumulation_steps: c_int,
    pub seed: u64,
    pub eval_steps: c_longlong,
    pub logging_steps: c_longlong,
    pub metric_for_best: *const c_char,
    pub save_total_limit: c_int,
    pub early_stopping_patience: c_int,
    pub max_steps: c_longlong,
    pub max_train_examples: usize,
    pub max_eval_examples: usize,
    pub max_length: usize,
    pub label_all_tokens: c_int,
    pub group_by_length: c_int,
    pub use_cache: c_int,
    pub resume_from: *const c_char,
    pub class_balance: nlp_class_balance,
    pub text_column: *const c_char,
    pub label_column: *const c_char,
    pub callback: nlp_train_callback,
    pub callback_data: *mut c_void,
    pub dist_world_size: c_int,
    pub dist_rank: c_int,
    pub dist_master_addr: *const c_char,
    pub dist_master_port: c_int,
    pub dist_timeout_ms: c_longlong,
    pub dist_bucket_cap_mb: c_double,
    pub dist_reduce_after_backward: c_int,
    pub eval_progress: nlp_progress_callback,
    pub eval_progress_data: *mut c_void,
}

#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct nlp_train_report {
    pub size: usize,
    pub steps: c_longlong,
    pub epochs: c_double,
    pub train_loss: c_double,
    pub best_metric: c_double,
    pub best_step: c_longlong,
    pub train_examples: usize,
    pub eval_examples: usize,
    pub truncated: usize,
    pub seconds: c_double,
    pub tokens_per_second: c_double,
    pub allreduce_seconds: c_double,
    pub allreduce_exposed_seconds: c_double,
}

pub type nlp_progress_callback =
    Option<unsafe extern "C" fn(done: usize, total: usize, user_data: *mut c_void) -> c_int>;

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct nlp_eval_options {
    pub size: usize,
    pub text_column: *const c_char,
    pub label_column: *const c_char,
    pub max_examples: usize,
    pub batch_size: usize,
    pub seqeval: *const nlp_seqeval_options,
    pub progress: nlp_progress_callback,
    pub progress_data: *mut c_void,
}

#[repr(C)]
pub struct nlp_t5_options {
    pub size: usize,
    pub device: *const c_char,
    pub num_threads: c_int,
    pub max_input_tokens: c_int,
}

#[repr(C)]
pub struct nlp_buffer {
    pub data: *mut u8,
    pub size: usize,
}

opaque!(nlp_t5_model);

/// The C struct sizes this mirror has, by C name (for layout tests).
pub fn struct_sizes() -> Vec<(&'static str, usize)> {
    use std::mem::size_of;
    vec![
        ("nlp_encode_options", size_of::<nlp_encode_options>()),
        ("nlp_ner_options", size_of::<nlp_ner_options>()),
        ("nlp_entity", size_of::<nlp_entity>()),
        ("nlp_toxic_label", size_of::<nlp_toxic_label>()),
        ("nlp_toxic_options", size_of::<nlp_toxic_options>()),
        ("nlp_toxic_result", size_of::<nlp_toxic_result>()),
        ("nlp_seqeval_options", size_of::<nlp_seqeval_options>()),
        ("nlp_entity_score", size_of::<nlp_entity_score>()),
        ("nlp_classification_metrics", size_of::<nlp_classification_metrics>()),
        ("nlp_conll_options", size_of::<nlp_conll_options>()),
        ("nlp_train_progress", size_of::<nlp_train_progress>()),
        ("nlp_train_options", size_of::<nlp_train_options>()),
        ("nlp_train_report", size_of::<nlp_train_report>()),
        ("nlp_eval_options", size_of::<nlp_eval_options>()),
    ]
}

extern "C" {
    pub fn nlp_version() -> *const c_char;
    pub fn nlp_status_str(status: nlp_status) -> *const c_char;
    pub fn nlp_last_error() -> *const c_char;
    pub fn nlp_clear_error();
    pub fn nlp_string_free(string: *mut c_char);
    pub fn nlp_device_check(device: *const c_char, resolved: *mut *const c_char) -> nlp_status;
    pub fn nlp_set_num_threads(n: c_int) -> nlp_status;
    pub fn nlp_checkpoint_info(dir: *const c_char, json: *mut *mut c_char) -> nlp_status;

    pub fn nlp_encode_options_init(options: *mut nlp_encode_options, size: usize) -> nlp_status;
    pub fn nlp_tokenizer_load(dir: *const c_char, out: *mut *mut nlp_tokenizer) -> nlp_status;
    pub fn nlp_tokenizer_free(tok: *mut nlp_tokenizer);
    pub fn nlp_tokenizer_algorithm(tok: *const nlp_tokenizer) -> nlp_tokenizer_kind;
    pub fn nlp_tokenizer_vocab_size(tok: *const nlp_tokenizer) -> usize;
    pub fn nlp_tokenizer_encode(
        tok: *const nlp_tokenizer, text: *const c_char, len: usize,
        opts: *const nlp_encode_options, out: *mut *mut nlp_encoding,
    ) -> nlp_status;
    pub fn nlp_tokenizer_encode_words(
        tok: *const nlp_tokenizer, words: *const *const c_char, lens: *const usize, n: usize,
        opts: *const nlp_encode_options, out: *mut *mut nlp_encoding,
    ) -> nlp_status;
    pub fn nlp_tokenizer_decode(
        tok: *const nlp_tokenizer, ids: *const i32, n: usize, skip_special: c_int,
        text: *mut *mut c_char,
    ) -> nlp_status;
    pub fn nlp_tokenizer_token_to_id(tok: *const nlp_tokenizer, token: *const c_char, id: *mut i32) -> nlp_status;
    pub fn nlp_tokenizer_id_to_token(tok: *const nlp_tokenizer, id: i32) -> *const c_char;
    pub fn nlp_encoding_count(enc: *const nlp_encoding) -> usize;
    pub fn nlp_encoding_ids(enc: *const nlp_encoding) -> *const i32;
    pub fn nlp_encoding_tokens(enc: *const nlp_encoding) -> *const *const c_char;
    pub fn nlp_encoding_token_lengths(enc: *const nlp_encoding) -> *const usize;
    pub fn nlp_encoding_byte_starts(enc: *const nlp_encoding) -> *const i64;
    pub fn nlp_encoding_byte_ends(enc: *const nlp_encoding) -> *const i64;
    pub fn nlp_encoding_char_starts(enc: *const nlp_encoding) -> *const i64;
    pub fn nlp_encoding_char_ends(enc: *const nlp_encoding) -> *const i64;
    pub fn nlp_encoding_word_ids(enc: *const nlp_encoding) -> *const i32;
    pub fn nlp_encoding_special_mask(enc: *const nlp_encoding) -> *const u8;
    pub fn nlp_encoding_truncated(enc: *const nlp_encoding) -> usize;
    pub fn nlp_encoding_free(enc: *mut nlp_encoding);

    pub fn nlp_ner_options_init(options: *mut nlp_ner_options, size: usize) -> nlp_status;
    pub fn nlp_ner_load(dir: *const c_char, options: *const nlp_ner_options, model: *mut *mut nlp_ner_model) -> nlp_status;
    pub fn nlp_ner_free(model: *mut nlp_ner_model);
    pub fn nlp_ner_labels(model: *const nlp_ner_model, names: *mut *const *const c_char, count: *mut usize) -> nlp_status;
    pub fn nlp_entities_count(entities: *const nlp_entities) -> usize;
    pub fn nlp_entities_get(entities: *const nlp_entities, i: usize) -> *const nlp_entity;
    pub fn nlp_entities_free(entities: *mut nlp_entities);
    pub fn nlp_ner_run(model: *const nlp_ner_model, text: *const c_char, len: usize, entities: *mut *mut nlp_entities) -> nlp_status;
    pub fn nlp_ner_run_batch(
        model: *const nlp_ner_model, texts: *const *const c_char, lens: *const usize, n: usize,
        results: *mut *mut nlp_entities,
    ) -> nlp_status;
    pub fn nlp_ner_tag_words(
        model: *const nlp_ner_model, words: *const *const c_char, lens: *const usize, n: usize,
        labels: *mut *const c_char,
    ) -> nlp_status;

    pub fn nlp_toxic_options_init(options: *mut nlp_toxic_options, size: usize) -> nlp_status;
    pub fn nlp_toxic_load(dir: *const c_char, opts: *const nlp_toxic_options, model: *mut *mut nlp_toxic_model) -> nlp_status;
    pub fn nlp_toxic_free(model: *mut nlp_toxic_model);
    pub fn nlp_toxic_classify(
        model: *const nlp_toxic_model, text: *const c_char, len: usize, result: *mut *mut nlp_toxic_result,
    ) -> nlp_status;
    pub fn nlp_toxic_classify_batch(
        model: *const nlp_toxic_model, texts: *const *const c_char, lens: *const usize, count: usize,
        results: *mut *mut nlp_toxic_result,
    ) -> nlp_status;
    pub fn nlp_toxic_result_free(result: *mut nlp_toxic_result);

    pub fn nlp_tag_scheme_parse(name: *const c_char, out: *mut nlp_tag_scheme) -> nlp_status;
    pub fn nlp_seqeval_options_init(options: *mut nlp_seqeval_options, size: usize) -> nlp_status;
    pub fn nlp_seqeval_evaluate(
        gold: *const *const c_char, pred: *const *const c_char, lengths: *const usize, n_sentences: usize,
        opts: *const nlp_seqeval_options, out: *mut *mut nlp_seqeval_report,
    ) -> nlp_status;
    pub fn nlp_seqeval_report_free(report: *mut nlp_seqeval_report);
    pub fn nlp_seqeval_type_count(report: *const nlp_seqeval_report) -> usize;
    pub fn nlp_seqeval_type(report: *const nlp_seqeval_report, i: usize) -> *const nlp_entity_score;
    pub fn nlp_seqeval_average(report: *const nlp_seqeval_report, kind: nlp_average) -> *const nlp_entity_score;
    pub fn nlp_seqeval_accuracy(report: *const nlp_seqeval_report) -> c_double;

    pub fn nlp_conll_options_init(options: *mut nlp_conll_options, size: usize) -> nlp_status;
    pub fn nlp_conll_read(path: *const c_char, opts: *const nlp_conll_options, out: *mut *mut nlp_conll) -> nlp_status;
    pub fn nlp_conll_free(conll: *mut nlp_conll);
    pub fn nlp_conll_sentence_count(conll: *const nlp_conll) -> usize;
    pub fn nlp_conll_token_count(conll: *const nlp_conll) -> usize;
    pub fn nlp_conll_words(conll: *const nlp_conll) -> *const *const c_char;
    pub fn nlp_conll_tags(conll: *const nlp_conll) -> *const *const c_char;
    pub fn nlp_conll_lengths(conll: *const nlp_conll) -> *const usize;

    pub fn nlp_train_options_init(options: *mut nlp_train_options, size: usize) -> nlp_status;
    pub fn nlp_ner_train(
        base_dir: *const c_char, train_path: *const c_char, eval_path: *const c_char,
        opts: *const nlp_train_options, report: *mut nlp_train_report,
    ) -> nlp_status;
    pub fn nlp_toxic_train(
        base_dir: *const c_char, train_path: *const c_char, eval_path: *const c_char,
        model_opts: *const nlp_toxic_options, opts: *const nlp_train_options,
        report: *mut nlp_train_report,
    ) -> nlp_status;
    pub fn nlp_eval_options_init(options: *mut nlp_eval_options, size: usize) -> nlp_status;
    pub fn nlp_ner_evaluate(
        model: *const nlp_ner_model, data_path: *const c_char, options: *const nlp_eval_options,
        out: *mut *mut nlp_seqeval_report,
    ) -> nlp_status;
    pub fn nlp_toxic_evaluate_model(
        model: *const nlp_toxic_model, data_path: *const c_char, options: *const nlp_eval_options,
        out: *mut nlp_classification_metrics,
    ) -> nlp_status;

    pub fn nlp_buffer_free(buffer: *mut nlp_buffer);
    pub fn nlp_ner_run_msgpack(model: *const nlp_ner_model, text: *const c_char, len: usize, buffer: *mut nlp_buffer) -> nlp_status;
    pub fn nlp_ner_token_logits(
        model: *const nlp_ner_model, input_ids: *const i32, attention_mask: *const i32, batch: usize,
        seq_len: usize, logits: *mut c_float, logits_count: usize,
    ) -> nlp_status;
    pub fn nlp_bert_init(config_path: *const c_char, vocab_path: *const c_char, seed: u64, out_dir: *const c_char) -> nlp_status;
    pub fn nlp_t5_options_init(options: *mut nlp_t5_options, size: usize) -> nlp_status;
    pub fn nlp_t5_load(dir: *const c_char, options: *const nlp_t5_options, model: *mut *mut nlp_t5_model) -> nlp_status;
    pub fn nlp_t5_free(model: *mut nlp_t5_model);
    pub fn nlp_t5_vocab_size(model: *const nlp_t5_model) -> usize;
    pub fn nlp_t5_logits(
        model: *const nlp_t5_model, input_ids: *const i32, attention_mask: *const i32, batch: usize,
        input_len: usize, decoder_input_ids: *const i32, decoder_len: usize, logits: *mut c_float,
        logits_count: usize,
    ) -> nlp_status;
    pub fn nlp_t5_generate(model: *const nlp_t5_model, text: *const c_char, len: usize, max_new_tokens: usize, out_text: *mut *mut c_char) -> nlp_status;
    pub fn nlp_t5_init(config_path: *const c_char, seed: u64, out_dir: *const c_char) -> nlp_status;
    pub fn nlp_classification_evaluate(
        labels: *const c_int, predictions: *const c_int, scores: *const c_double, n: usize,
        out: *mut nlp_classification_metrics,
    ) -> nlp_status;
    pub fn nlp_average_precision(labels: *const c_int, scores: *const c_double, n: usize, out: *mut c_double) -> nlp_status;
    pub fn nlp_classification_metrics_json(metrics: *const nlp_classification_metrics, json: *mut *mut c_char) -> nlp_status;
    pub fn nlp_seqeval_report_json(report: *const nlp_seqeval_report, json: *mut *mut c_char) -> nlp_status;
    pub fn nlp_seqeval_report_text(report: *const nlp_seqeval_report, digits: c_int, text: *mut *mut c_char) -> nlp_status;
    pub fn nlp_conll_sentence_line(conll: *const nlp_conll, i: usize) -> std::os::raw::c_long;
    pub fn nlp_conll_converted_tags(conll: *const nlp_conll) -> usize;

    pub fn nlp_toxic_evaluate(
        model_dir: *const c_char, data_path: *const c_char, model_opts: *const nlp_toxic_options,
        text_column: *const c_char, label_column: *const c_char, max_examples: usize,
        out: *mut nlp_classification_metrics,
    ) -> nlp_status;
}
