/* cases.h - the bad-input cases of docs/robustness.md, one X() per row:
 * X(suite, test, input, call, status, says). Each row is a Criterion test
 * (suite/test) in the file of its suite; table.c checks that the table in
 * docs/robustness.md is exactly these rows, in this order. `says` is a
 * substring of nlp_last_error() (or, for NLP_OK, of the outcome the test
 * checked). No '|' in any field: they are Markdown table cells. */
#ifndef NLP_TEST_ROBUST_CASES_H
#define NLP_TEST_ROBUST_CASES_H

#define ROBUST_TEXT_CASES(X)                                                                   \
    X(bad_text, ner_null_handle, "NULL model handle", "nlp_ner_run", NLP_ERR_INVALID_ARG,      \
      "nlp_ner_run: model is NULL")                                                            \
    X(bad_text, toxic_null_handle, "NULL model handle", "nlp_toxic_classify",                  \
      NLP_ERR_INVALID_ARG, "nlp_toxic_classify: model is NULL")                                \
    X(bad_text, ner_null_text, "NULL text, length 5", "nlp_ner_run", NLP_ERR_INVALID_ARG,      \
      "nlp_ner_run: the text is NULL with len 5")                                              \
    X(bad_text, toxic_null_text, "NULL text, length 5", "nlp_toxic_classify",                  \
      NLP_ERR_INVALID_ARG, "nlp_toxic_classify: text is NULL with len 5")                      \
    X(bad_text, ner_invalid_utf8, "`abc\\xFF`", "nlp_ner_run", NLP_ERR_INVALID_UTF8,           \
      "nlp_ner_run: the text: invalid UTF-8 at byte 3 (0xFF)")                                 \
    X(bad_text, toxic_invalid_utf8, "`abc\\xFF`", "nlp_toxic_classify", NLP_ERR_INVALID_UTF8,  \
      "nlp_toxic_classify: the text: invalid UTF-8 at byte 3 (0xFF)")                          \
    X(bad_text, ner_overlong_utf8, "overlong `/`: `a\\xC0\\xAF`", "nlp_ner_run",               \
      NLP_ERR_INVALID_UTF8, "nlp_ner_run: the text: invalid UTF-8 at byte 1 (0xC0)")           \
    X(bad_text, ner_overlong_nul, "overlong NUL: `\\xC0\\x80`", "nlp_ner_run",                 \
      NLP_ERR_INVALID_UTF8, "nlp_ner_run: the text: invalid UTF-8 at byte 0 (0xC0)")           \
    X(bad_text, ner_surrogate, "encoded surrogate U+D800: `x\\xED\\xA0\\x80`", "nlp_ner_run",  \
      NLP_ERR_INVALID_UTF8, "nlp_ner_run: the text: invalid UTF-8 at byte 1 (0xED)")           \
    X(bad_text, toxic_surrogate, "encoded surrogate U+DFFF: `\\xED\\xBF\\xBF`",                \
      "nlp_toxic_classify", NLP_ERR_INVALID_UTF8,                                             \
      "nlp_toxic_classify: the text: invalid UTF-8 at byte 0 (0xED)")                         \
    X(bad_text, ner_beyond_unicode, "U+110000: `\\xF4\\x90\\x80\\x80`", "nlp_ner_run",         \
      NLP_ERR_INVALID_UTF8, "nlp_ner_run: the text: invalid UTF-8 at byte 0 (0xF4)")           \
    X(bad_text, ner_nul_bytes, "NUL bytes inside: `Angela\\0Merkel\\0`", "nlp_ner_run",        \
      NLP_OK, "entities are exact slices of the text")                                         \
    X(bad_text, toxic_nul_bytes, "NUL bytes inside", "nlp_toxic_classify", NLP_OK,             \
      "a verdict with score in [0, 1]")                                                        \
    X(bad_text, ner_empty_text, "empty text (NULL or \"\", length 0)", "nlp_ner_run",          \
      NLP_OK, "0 entities")                                                                    \
    X(bad_text, toxic_empty_text, "empty text (NULL or \"\", length 0)",                       \
      "nlp_toxic_classify", NLP_OK, "a verdict with score in [0, 1]")                          \
    X(bad_text, ner_only_whitespace, "only white space (incl. U+3000, U+00A0)",                \
      "nlp_ner_run", NLP_OK, "0 entities")                                                     \
    X(bad_text, ner_only_emoji, "only emoji (ZWJ sequences, flags)", "nlp_ner_run", NLP_OK,    \
      "entities are exact slices of the text")                                                 \
    X(bad_text, toxic_only_emoji, "only emoji", "nlp_toxic_classify", NLP_OK,                  \
      "a verdict with score in [0, 1]")                                                        \
    X(bad_text, ner_control_chars, "control characters (C0, DEL, C1, ANSI escapes)",           \
      "nlp_ner_run", NLP_OK, "entities are exact slices of the text")                          \
    X(bad_text, ner_ten_mb_text, "10 MB text, default limit", "nlp_ner_run",                   \
      NLP_ERR_INVALID_ARG,                                                                     \
      "nlp_ner_run: the text is 10485760 bytes, above nlp_ner_options.max_text_bytes = 1048576") \
    X(bad_text, toxic_ten_mb_text, "10 MB text, default limit", "nlp_toxic_classify",          \
      NLP_ERR_INVALID_ARG,                                                                     \
      "nlp_toxic_classify: the text is 10485760 bytes, above "                                \
      "nlp_toxic_options.max_text_bytes = 1048576")                                           \
    X(bad_text, ner_too_many_texts, "5000 texts in one batch, default limit",                  \
      "nlp_ner_run_batch", NLP_ERR_INVALID_ARG,                                                \
      "nlp_ner_run_batch: 5000 texts, above nlp_ner_options.max_batch_texts = 4096")           \
    X(bad_text, toxic_too_many_texts, "5000 texts in one batch, default limit",                \
      "nlp_toxic_classify_batch", NLP_ERR_INVALID_ARG,                                         \
      "nlp_toxic_classify_batch: 5000 texts, above nlp_toxic_options.max_batch_texts = 4096")

#define ROBUST_CHECKPOINT_CASES(X)                                                             \
    X(bad_checkpoint, missing_directory, "directory does not exist", "nlp_ner_load",           \
      NLP_ERR_IO, "/no/such/checkpoint: cannot open checkpoint directory")                     \
    X(bad_checkpoint, missing_config, "no config.json", "nlp_ner_load", NLP_ERR_IO,            \
      "no config.json")                                                                        \
    X(bad_checkpoint, missing_weights, "no model.safetensors nor pytorch_model.bin",           \
      "nlp_ner_load", NLP_ERR_IO, "no model.safetensors or pytorch_model.bin")                 \
    X(bad_checkpoint, missing_vocab, "no vocab.txt nor tokenizer.json", "nlp_ner_load",        \
      NLP_ERR_IO, "no tokenizer.json, vocab.txt or spiece.model")                              \
    X(bad_checkpoint, missing_spiece, "T5 without spiece.model", "nlp_toxic_load",             \
      NLP_ERR_IO, "no spiece.model or tokenizer.json")                                         \
    X(bad_checkpoint, wrong_shape, "classifier.weight transposed", "nlp_ner_load",             \
      NLP_ERR_FORMAT, "tensor classifier.weight has shape [32, 9], expected [9, 32]")          \
    X(bad_checkpoint, truncated_safetensors, "model.safetensors cut in half", "nlp_ner_load",  \
      NLP_ERR_FORMAT, "model.safetensors: tensor \"bert.embeddings.word_embeddings.weight\": " \
      "data_offsets [66048, 3777536] outside the data area")                                  \
    X(bad_checkpoint, header_claims_1tb, "header length field says 1 TB", "nlp_ner_load",      \
      NLP_ERR_FORMAT, "header length 1099511627776 exceeds")                                   \
    X(bad_checkpoint, overlapping_tensors, "two tensors' data_offsets overlap",                \
      "nlp_ner_load", NLP_ERR_FORMAT, "and \"classifier.bias\" overlap")                       \
    X(bad_checkpoint, nan_weight, "a NaN in classifier.weight", "nlp_ner_load",                \
      NLP_ERR_FORMAT, "tensor classifier.weight holds 1 NaN/Inf values (first at element 5)")  \
    X(bad_checkpoint, inf_weight, "+Inf and -Inf in the word embeddings", "nlp_ner_load",      \
      NLP_ERR_FORMAT, "bert.embeddings.word_embeddings.weight holds 2 NaN/Inf values")         \
    X(bad_checkpoint, t5_nan_weight, "a NaN in a T5 weight", "nlp_toxic_load",                 \
      NLP_ERR_FORMAT, "tensor shared.weight holds 1 NaN/Inf values (first at element 0)")      \
    X(bad_checkpoint, id2label_gap, "id2label with ids 0,1,3..9 (2 missing)", "nlp_ner_load",  \
      NLP_ERR_FORMAT, "\"id2label\" key \"9\": ids must be 0..8, each once")                   \
    X(bad_checkpoint, id2label_duplicate, "id2label naming B-PER twice", "nlp_ner_load",       \
      NLP_ERR_FORMAT, "\"id2label\" names \"B-PER\" twice (ids 1 and 2)")

/* In pickle_cases.cpp (they write torch zip files with libtorch). */
#define ROBUST_PICKLE_CASES(X)                                                                 \
    X(bad_checkpoint, pickle_calls_os_system, "pytorch_model.bin calling os.system",           \
      "nlp_ner_load", NLP_ERR_UNSUPPORTED, "data.pkl calls os.system")                         \
    X(bad_checkpoint, pickle_inst_opcode, "pytorch_model.bin with INST (`i`) opcode",          \
      "nlp_ner_load", NLP_ERR_UNSUPPORTED, "pickle opcode 0x69")                               \
    X(bad_checkpoint, pickle_builtins_eval, "pytorch_model.bin calling builtins.eval",         \
      "nlp_ner_load", NLP_ERR_UNSUPPORTED, "data.pkl calls builtins.eval")

#define ROBUST_DATA_CASES(X)                                                                   \
    X(bad_data, conll_ragged, "CoNLL line with fewer columns", "nlp_conll_read",               \
      NLP_ERR_FORMAT, "ragged.conll:2: 2 columns, expected 3 as on line 1")                    \
    X(bad_data, csv_ragged, "CSV row with fewer fields", "CSV reader", NLP_ERR_FORMAT,         \
      "ragged.csv:3: 2 fields, the header has 3")                                              \
    X(bad_data, csv_unterminated_quote, "CSV quote never closed", "CSV reader",                \
      NLP_ERR_FORMAT, "quote.csv:3: unterminated quoted field")                                \
    X(bad_data, jsonl_unterminated_string, "JSON Lines string never closed",                   \
      "JSON Lines reader", NLP_ERR_FORMAT, "quote.jsonl:2: bad JSON")                          \
    X(bad_data, conll_unknown_label, "CoNLL tag outside the model's labels",                   \
      "nlp_ner_evaluate", NLP_ERR_FORMAT,                                                      \
      "unknown.conll:2: tag \"B-DATE\" names entity type DATE")                                \
    X(bad_data, csv_unknown_label, "CSV label \"maybe\"", "CSV reader", NLP_ERR_FORMAT,        \
      "label.csv:2: bad label \"maybe\"")                                                      \
    X(bad_data, conll_empty, "empty CoNLL file", "nlp_conll_read", NLP_ERR_FORMAT,             \
      "empty.conll: empty file (no data)")                                                     \
    X(bad_data, csv_empty, "empty CSV file", "CSV reader", NLP_ERR_FORMAT,                   \
      "empty.csv: empty file (no data)")                                                      \
    X(bad_data, jsonl_empty, "empty JSON Lines file", "JSON Lines reader", NLP_ERR_FORMAT,     \
      "empty.jsonl: empty JSON Lines file (no rows)")                                          \
    X(bad_data, conll_crlf, "CoNLL with CRLF line ends", "nlp_conll_read", NLP_OK,             \
      "same sentences as with LF")                                                             \
    X(bad_data, csv_crlf, "CSV with CRLF line ends", "CSV reader", NLP_OK,                     \
      "same rows as with LF")                                                                  \
    X(bad_data, jsonl_crlf, "JSON Lines with CRLF line ends", "JSON Lines reader", NLP_OK,     \
      "same rows as with LF")                                                                  \
    X(bad_data, conll_bom, "CoNLL starting with a UTF-8 BOM", "nlp_conll_read", NLP_OK,        \
      "same sentences as without the BOM")                                                     \
    X(bad_data, csv_bom, "CSV starting with a UTF-8 BOM", "CSV reader", NLP_OK,                \
      "same rows as without the BOM")                                                          \
    X(bad_data, jsonl_bom, "JSON Lines starting with a UTF-8 BOM", "JSON Lines reader",        \
      NLP_OK, "same rows as without the BOM")                                                  \
    X(bad_data, csv_2gb_line, "CSV with a 2 GB line (sparse file)", "CSV reader",              \
      NLP_ERR_FORMAT, "huge.csv:2: line longer than 67108864 bytes")                           \
    X(bad_data, conll_2gb_line, "CoNLL with a 2 GB line (sparse file)", "nlp_conll_read",      \
      NLP_ERR_FORMAT, "huge.conll:1: line longer than 67108864 bytes")

#endif
