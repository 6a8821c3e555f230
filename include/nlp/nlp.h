/*
 * nlp.h - libnlp, the one public header.
 *
 * libnlp runs and fine-tunes transformer models from Hugging Face checkpoint
 * directories: BERT token classifiers for named-entity recognition and T5
 * text-to-text models for toxicity classification.
 *
 * Conventions (they hold for every function below unless it says otherwise):
 *
 *  - Every fallible call returns an nlp_status; NLP_OK is 0. Results go
 *    through out-parameters, which are left untouched on failure.
 *  - nlp_last_error() gives this thread's text for its last failure; a
 *    NULL argument is named in it ("nlp_ner_load: model is NULL").
 *  - Handles are opaque; every *_free(NULL) does nothing.
 *  - Text is UTF-8 with an explicit byte length. Invalid UTF-8 is an error
 *    (NLP_ERR_INVALID_UTF8), never silently repaired.
 *  - Options structs start with their own size and grow only at the end.
 *    Fill one with nlp_<x>_options_init(&o, sizeof o) (or the header's
 *    inline nlp_<x>_options_default()), edit the fields you need, pass a
 *    pointer (or NULL for all defaults). The library reads only the fields
 *    the size covers; the others take their defaults (section 5).
 *  - Counts and lengths are size_t, token ids int32_t, seeds uint64_t.
 *  - The library never prints, aborts or exits, and no C++ exception crosses
 *    this interface.
 *  - Surface marked [EXPERIMENTAL] (training, raw logits, the JSON keys of
 *    nlp_checkpoint_info) may change in a 0.x release; everything else
 *    changes only by addition, with NLP_DEPRECATED aliases for old names
 *    (docs/abi.md).
 *
 * Contents:
 *
 *   1. Versions and API macros       NLP_VERSION_*, NLP_API, NLP_DEPRECATED
 *   2. Status codes and errors       nlp_status, nlp_last_error
 *   3. Buffers and strings           nlp_buffer_free, nlp_string_free
 *   4. Runtime: devices and threads  nlp_device_check, nlp_set_num_threads
 *   5. Options structs               how *_options_init and sizes work
 *   6. Checkpoints                   nlp_checkpoint_info
 *   7. Tokenizers                    nlp_tokenizer_*, nlp_encoding_*
 *   8. NER (BERT)                    nlp_ner_*, nlp_entities_*, nlp_bert_init
 *   9. T5 and toxicity               nlp_t5_*, nlp_toxic_*
 *  10. Metrics                       nlp_seqeval_*, nlp_classification_*
 *  11. Data files                    nlp_data_format_detect, nlp_conll_*
 *  12. Evaluation with progress      nlp_eval_options, nlp_ner_evaluate,
 *                                    nlp_toxic_evaluate_model
 *  13. Training [EXPERIMENTAL]       nlp_train_options, nlp_*_train
 *  14. Deprecated 0.1 names          kept for old binaries and sources
 *
 * Usage:
 *
 *     nlp_ner_model *m = NULL;
 *     if (nlp_ner_load("models/ner", NULL, &m) != NLP_OK) {
 *         fprintf(stderr, "%s\n", nlp_last_error());
 *         return 1;
 *     }
 *     nlp_entities *ents = NULL;
 *     if (nlp_ner_run(m, text, strlen(text), &ents) == NLP_OK) {
 *         for (size_t i = 0; i < nlp_entities_count(ents); i++) {
 *             const nlp_entity *e = nlp_entities_get(ents, i);
 *             printf("%s %.*s\n", e->label, (int)(e->byte_end - e->byte_start),
 *                    text + e->byte_start);
 *         }
 *     }
 *     nlp_entities_free(ents);
 *     nlp_ner_free(m);
 */
#ifndef NLP_NLP_H
#define NLP_NLP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- 1. Versions and API macros ----------------------------------------- */

/* NLP_API marks the exported functions. Only the library's own build
 * (which defines NLP_BUILDING_LIBRARY) asks for dllexport; consumers get a
 * plain declaration (or the default-visibility attribute, which is
 * harmless). */
#if defined(_WIN32)
#  if defined(NLP_BUILDING_LIBRARY)
#    define NLP_API __declspec(dllexport)
#  else
#    define NLP_API
#  endif
#elif defined(__GNUC__)
#  define NLP_API __attribute__((visibility("default")))
#else
#  define NLP_API
#endif

/* NLP_DEPRECATED(hint) marks a name kept for compatibility; hint says what
 * to use instead. The old names keep working until the next major
 * version. Define NLP_NO_DEPRECATION_WARNINGS to silence the warnings. */
#if defined(NLP_NO_DEPRECATION_WARNINGS) || defined(NLP_BUILDING_LIBRARY)
#  define NLP_DEPRECATED(hint)
#elif defined(__GNUC__) || defined(__clang__)
#  define NLP_DEPRECATED(hint) __attribute__((deprecated(hint)))
#elif defined(_MSC_VER)
#  define NLP_DEPRECATED(hint) __declspec(deprecated(hint))
#else
#  define NLP_DEPRECATED(hint)
#endif

#define NLP_VERSION_MAJOR 0
#define NLP_VERSION_MINOR 2
#define NLP_VERSION_PATCH 0
#define NLP_VERSION_STRING "0.2.0"
/* One number that grows with every release: 0.2.0 -> 200. */
#define NLP_VERSION_NUMBER \
    (NLP_VERSION_MAJOR * 10000 + NLP_VERSION_MINOR * 100 + NLP_VERSION_PATCH)

/* The version of the library actually loaded, as "MAJOR.MINOR.PATCH".
 * Static storage; never NULL. Compare with NLP_VERSION_STRING to detect a
 * header/library mismatch. Thread-safe. */
NLP_API const char *nlp_version(void);

/* ---- 2. Status codes and errors ----------------------------------------- */

/* The numeric values are part of the ABI: new codes are only appended. */
typedef enum nlp_status {
    NLP_OK = 0,
    NLP_ERR_INVALID_ARG = 1,  /* NULL where a value is needed, bad option   */
    NLP_ERR_NOMEM = 2,        /* an allocation failed                       */
    NLP_ERR_IO = 3,           /* a file could not be opened, read, written  */
    NLP_ERR_FORMAT = 4,       /* a file or tensor is malformed              */
    NLP_ERR_UNSUPPORTED = 5,  /* valid, but not something libnlp handles    */
    NLP_ERR_INVALID_UTF8 = 6, /* text is not valid UTF-8                    */
    NLP_ERR_DEVICE = 7,       /* the requested device is not available      */
    NLP_ERR_RUNTIME = 8,      /* the tensor library failed                  */
    NLP_ERR_CANCELLED = 9,    /* a callback asked to stop                   */
    NLP_ERR_NOT_FOUND = 10,   /* a named item (token, label, file) is absent */
    NLP_ERR_INTERNAL = 11     /* a bug in libnlp: please report it          */
} nlp_status;

/* A short, static English name for a status ("NLP_ERR_FORMAT: malformed
 * data"). Never NULL, also for unknown values. Thread-safe. */
NLP_API const char *nlp_status_str(nlp_status status);

/* This thread's detail text for its last failed call, naming the file, line,
 * tensor or byte position involved where there is one. Never NULL: "" when
 * this thread has had no failure. Owned by the library; valid until the next
 * failing call on the same thread. A successful call does not clear it. */
NLP_API const char *nlp_last_error(void);

/* Forget this thread's last error, so nlp_last_error() returns "". */
NLP_API void nlp_clear_error(void);

/* ---- 3. Buffers and strings --------------------------------------------- */

/* Bytes allocated by the library for the caller (JSON, msgpack, text).
 * Release with nlp_buffer_free(). */
typedef struct nlp_buffer {
    uint8_t *data;
    size_t size;
} nlp_buffer;

/* Release a buffer's bytes and zero the struct. NULL and empty buffers are
 * fine. */
NLP_API void nlp_buffer_free(nlp_buffer *buffer);

/* Release a string the library allocated (for example nlp_checkpoint_info's
 * output). NULL does nothing. */
NLP_API void nlp_string_free(char *string);

/* ---- 4. Runtime: devices and threads ------------------------------------ */

/* Check a device name: "cpu", "cuda", "cuda:N" or "auto" (cuda when this
 * build of libtorch has a usable GPU, else cpu). Returns NLP_OK when the
 * device can be used, NLP_ERR_INVALID_ARG for a malformed name, and
 * NLP_ERR_DEVICE when it names a device this machine or build lacks. When
 * resolved is not NULL it receives the concrete device ("cpu", "cuda:0") as
 * a library-owned static string. Thread-safe. */
NLP_API nlp_status nlp_device_check(const char *device, const char **resolved);

/* Set the number of threads the tensor library uses for one operation (its
 * intra-op pool and the BLAS threads). 0 keeps the current setting. The
 * setting is process-wide: it affects every model in the process. This is
 * the one knob for threads; the num_threads fields of the per-model
 * options are deprecated (still honoured: a nonzero value is passed here
 * when the model loads, with the same process-wide effect). Returns
 * NLP_ERR_INVALID_ARG for n < 0. Call it before loading models, not while
 * other threads run the tensor library. */
NLP_API nlp_status nlp_set_num_threads(int n);

/* ---- 5. Options structs ------------------------------------------------- */

/* Every options struct (nlp_encode_options, nlp_ner_options,
 * nlp_t5_options, nlp_toxic_options, nlp_seqeval_options,
 * nlp_conll_options, nlp_eval_options, nlp_train_options) starts with
 * `size_t size` and grows only by appending fields. The contract:
 *
 *  - nlp_<x>_options_init(&o, sizeof o) writes the defaults into exactly
 *    `sizeof o` bytes of the caller's memory and sets o.size. A size above
 *    what this library knows zeroes the bytes it does not know.
 *    NLP_ERR_INVALID_ARG (naming the struct) for NULL, or for a size below
 *    sizeof(size_t) or above 65536.
 *  - nlp_<x>_options_default() is a static inline wrapper of _init in this
 *    header: the struct is sized by the caller's compiler, never returned
 *    from the library.
 *  - Every function taking options reads only the first o->size bytes;
 *    the fields past them take their defaults, so a program built against
 *    an older header keeps working. o->size below sizeof(size_t) or above
 *    65536 (a struct not filled by _init: a zeroed one, say) is
 *    NLP_ERR_INVALID_ARG naming the struct. Bytes past the fields this
 *    library knows must be zero (NLP_ERR_UNSUPPORTED otherwise: the caller
 *    asks for something this older library cannot do).
 *  - Passing NULL for options means all defaults.
 *
 * Borrowed strings in options (device, prefix, column names) are read
 * during the call only unless the function says it copies them. */

/* ---- 6. Checkpoints ----------------------------------------------------- */

/* Describe a Hugging Face checkpoint directory as a JSON object: model type,
 * architecture sizes, labels, tokenizer kind and files, weight file, number
 * of parameters. The weights are inspected, never kept: a safetensors file
 * by its header alone; a pytorch_model.bin is loaded and released (its
 * format has no separate header). Keys: "dir", "model_type",
 * "architectures" [str], "config" {sizes as in config.json, after
 * transformers' defaults}, "num_labels", "labels" [str, by id], "tokenizer"
 * {"kind": "wordpiece"|"unigram"|null, "files" [names], "do_lower_case",
 * "strip_accents" (bool or null), "model_max_length" (int or null)},
 * "weights" ({"file", "format": "safetensors"|"pytorch", "tensors",
 * "parameters" (tied weights counted once)} or null when there is no weight
 * file). [EXPERIMENTAL] keys: the key set may change in a 0.x release
 * (new keys are the usual change; docs/abi.md lists any other).
 * *json receives a NUL-terminated string; free it with nlp_string_free().
 * Errors: NLP_ERR_INVALID_ARG (NULL argument), NLP_ERR_IO (missing
 * directory or config.json), NLP_ERR_FORMAT (malformed config or weights,
 * naming the file), NLP_ERR_UNSUPPORTED (model_type other than bert or t5,
 * or a .bin holding more than a state dict). Thread-safe. */
NLP_API nlp_status nlp_checkpoint_info(const char *dir, char **json);

/* ---- 7. Tokenizers ------------------------------------------------------ */

/* Tokenizers turn text into the ids a model reads, exactly as Hugging
 * Face's fast tokenizers (the Rust `tokenizers` library) do: BERT WordPiece
 * and T5 SentencePiece Unigram, with offsets back into the caller's text.
 *
 *     nlp_tokenizer *tok = NULL;
 *     nlp_encoding *enc = NULL;
 *     if (nlp_tokenizer_load("models/ner", &tok) == NLP_OK &&
 *         nlp_tokenizer_encode(tok, text, strlen(text), NULL, &enc) == NLP_OK) {
 *         const int32_t *ids = nlp_encoding_ids(enc);
 *         const int64_t *start = nlp_encoding_byte_starts(enc);
 *         const int64_t *end = nlp_encoding_byte_ends(enc);
 *         for (size_t i = 0; i < nlp_encoding_count(enc); i++)
 *             printf("%d %.*s\n", ids[i], (int)(end[i] - start[i]), text + start[i]);
 *     }
 *     nlp_encoding_free(enc);
 *     nlp_tokenizer_free(tok);
 */

/* A loaded tokenizer. Immutable once loaded: any number of threads may
 * encode and decode with one tokenizer at the same time. */
typedef struct nlp_tokenizer nlp_tokenizer;

/* The tokens of one text: ids, token strings, offsets, word ids. */
typedef struct nlp_encoding nlp_encoding;

typedef enum nlp_tokenizer_kind {
    NLP_TOKENIZER_BERT = 1, /* WordPiece: [CLS] ... [SEP] */
    NLP_TOKENIZER_T5 = 2    /* SentencePiece Unigram: ... </s> */
} nlp_tokenizer_kind;

/* Options for nlp_tokenizer_encode*(). Get defaults from
 * nlp_encode_options_init() or nlp_encode_options_default(). */
typedef struct nlp_encode_options {
    size_t size;            /* sizeof(nlp_encode_options), set by _init() */
    int add_special_tokens; /* 1 (default): [CLS]/[SEP] for BERT, </s> for T5 */
    size_t max_length;      /* 0 (default): no limit. Else at most this many
                               tokens, specials included: text tokens are cut
                               from the end, the trailing [SEP] / </s> stays */
} nlp_encode_options;

/* The default options (add specials, no truncation), with size set
 * (section 5). Thread-safe. */
NLP_API nlp_status nlp_encode_options_init(nlp_encode_options *options, size_t size);
#ifndef NLP_BUILDING_LIBRARY
static inline nlp_encode_options nlp_encode_options_default(void)
{
    nlp_encode_options o;
    (void)nlp_encode_options_init(&o, sizeof o);
    return o;
}
#endif

/* Load the tokenizer of a Hugging Face checkpoint directory, or of one
 * tokenizer file. The kind comes from the files: tokenizer.json with a
 * WordPiece model, or vocab.txt, gives BERT (lowercasing and accent
 * stripping from tokenizer_config.json's do_lower_case / strip_accents;
 * without them, from whether the vocabulary has upper-case tokens);
 * tokenizer.json with a Unigram model, or spiece.model, gives T5.
 * tokenizer.json wins over the other files, as in Hugging Face; the flags
 * tokenizer_config.json states still override its BERT normalizer, as
 * transformers' BertTokenizerFast does. dir may also name one of these
 * files. See docs/tokenizers.md.
 * *out receives a tokenizer to free with nlp_tokenizer_free().
 * Errors: NLP_ERR_INVALID_ARG (NULL argument), NLP_ERR_IO (no tokenizer
 * file in dir), NLP_ERR_FORMAT (a malformed file, named in the message),
 * NLP_ERR_UNSUPPORTED (another tokenizer model, e.g. BPE). Thread-safe. */
NLP_API nlp_status nlp_tokenizer_load(const char *dir, nlp_tokenizer **out);

/* Release a tokenizer. NULL does nothing. No encode or decode call may be
 * running on it. */
NLP_API void nlp_tokenizer_free(nlp_tokenizer *tok);

/* The tokenizer's algorithm: NLP_TOKENIZER_BERT (WordPiece) or
 * NLP_TOKENIZER_T5 (Unigram); 0 for NULL. Thread-safe. */
NLP_API nlp_tokenizer_kind nlp_tokenizer_algorithm(const nlp_tokenizer *tok);

/* The number of ids (largest id + 1), added tokens included; 0 for NULL. */
NLP_API size_t nlp_tokenizer_vocab_size(const nlp_tokenizer *tok);

/* Tokenize len bytes of UTF-8 text (need not be NUL-terminated; NUL bytes
 * inside are text, which BERT's normalizer drops as Hugging Face does).
 * options may be NULL for the defaults. *out receives an encoding to free with
 * nlp_encoding_free(). Offsets are half-open spans of text; word ids number
 * the words (runs of letters and digits, single punctuation marks, single
 * CJK ideographs, special tokens typed in the text) from 0. Empty or
 * whitespace-only text gives the special tokens only.
 * Errors: NLP_ERR_INVALID_ARG (NULL tok/out, text NULL with len > 0,
 * max_length below the number of special tokens), NLP_ERR_INVALID_UTF8
 * (the message names the byte position). Thread-safe. */
NLP_API nlp_status nlp_tokenizer_encode(const nlp_tokenizer *tok, const char *text, size_t len,
                                        const nlp_encode_options *options, nlp_encoding **out);

/* Tokenize pre-split words, as Hugging Face's is_split_into_words=True:
 * each of the n words (words[i], lens[i] bytes) is tokenized on its own;
 * its tokens have word id i and offsets relative to words[i] (not to a
 * joined text). A word that normalizes to nothing yields no token.
 * Errors: as nlp_tokenizer_encode(); NLP_ERR_INVALID_UTF8 names the word
 * and the byte. Thread-safe. */
NLP_API nlp_status nlp_tokenizer_encode_words(const nlp_tokenizer *tok,
                                              const char *const *words, const size_t *lens,
                                              size_t n, const nlp_encode_options *options,
                                              nlp_encoding **out);

/* Turn ids back into text as Hugging Face's decode() does (BERT: "##"
 * pieces joined to the previous token, spaces between others, no space
 * before . , ! ? and 's n't ...; T5: "▁" becomes a space). skip_special
 * nonzero drops special tokens ([CLS], [PAD], </s>, <extra_id_N> ...).
 * *text receives a NUL-terminated string to free with nlp_string_free().
 * Errors: NLP_ERR_INVALID_ARG (an id outside the vocabulary, named with
 * its position). Thread-safe. */
NLP_API nlp_status nlp_tokenizer_decode(const nlp_tokenizer *tok, const int32_t *ids, size_t n,
                                        int skip_special, char **text);

/* The id of a token string (NUL-terminated, exact match, e.g. "[SEP]",
 * "##ing", "▁the"). Errors: NLP_ERR_NOT_FOUND when the vocabulary lacks
 * it, NLP_ERR_INVALID_ARG for NULL arguments. Thread-safe. */
NLP_API nlp_status nlp_tokenizer_token_to_id(const nlp_tokenizer *tok, const char *token,
                                             int32_t *id);

/* The token string of an id, owned by the tokenizer (valid until it is
 * freed), or NULL when the id is outside the vocabulary. Thread-safe. */
NLP_API const char *nlp_tokenizer_id_to_token(const nlp_tokenizer *tok, int32_t id);

/* Accessors: arrays of nlp_encoding_count() entries owned by the
 * encoding, valid until nlp_encoding_free(). NULL enc gives 0 / NULL.
 *  - ids: token ids;
 *  - tokens: NUL-terminated token strings ("##ing", "▁the"; a T5 unknown
 *    piece shows its own text, as in Hugging Face);
 *  - byte_starts/byte_ends: half-open UTF-8 byte spans of the input;
 *  - char_starts/char_ends: the same spans in Unicode code points (Python
 *    text[start:end]);
 *    added special tokens have the span [0, 0);
 *  - word_ids: word index of each token, -1 for added special tokens;
 *  - special_mask: 1 for the special tokens the tokenizer added, else 0. */
NLP_API size_t nlp_encoding_count(const nlp_encoding *enc);
NLP_API const int32_t *nlp_encoding_ids(const nlp_encoding *enc);
NLP_API const char *const *nlp_encoding_tokens(const nlp_encoding *enc);
/* The byte length of each token string: differs from strlen() only for a
 * T5 piece of an unknown control character such as NUL. */
NLP_API const size_t *nlp_encoding_token_lengths(const nlp_encoding *enc);
NLP_API const int64_t *nlp_encoding_byte_starts(const nlp_encoding *enc);
NLP_API const int64_t *nlp_encoding_byte_ends(const nlp_encoding *enc);
NLP_API const int64_t *nlp_encoding_char_starts(const nlp_encoding *enc);
NLP_API const int64_t *nlp_encoding_char_ends(const nlp_encoding *enc);
NLP_API const int32_t *nlp_encoding_word_ids(const nlp_encoding *enc);
NLP_API const uint8_t *nlp_encoding_special_mask(const nlp_encoding *enc);

/* How many text tokens max_length cut off (0 when none). */
NLP_API size_t nlp_encoding_truncated(const nlp_encoding *enc);

/* Release an encoding. NULL does nothing. */
NLP_API void nlp_encoding_free(nlp_encoding *enc);


/* ---- 8. NER (BERT token classification) --------------------------------- */

/* A BERT token classifier loaded from a Hugging Face checkpoint directory
 * (BertForTokenClassification: config.json with id2label, model.safetensors
 * or pytorch_model.bin, vocab.txt or tokenizer.json), plus its tokenizer.
 * One model may serve any number of threads at once. */
typedef struct nlp_ner_model nlp_ner_model;

/* How a word's subword predictions become the word's label (as
 * transformers' aggregation_strategy): the first subword decides; the
 * argmax of the mean of the subwords' probabilities; or the label of the
 * subword with the highest probability. SIMPLE and NONE work on tokens
 * (subwords), not words: SIMPLE groups adjacent tokens into entities by
 * their own labels (B-X starts one, I-X continues an X one; score the mean
 * over the tokens), so an entity may start or end inside a word; NONE
 * gives one entity per token not labelled O (its tag, token and
 * token_index set). */
typedef enum nlp_aggregation {
    NLP_AGGREGATION_FIRST = 0,
    NLP_AGGREGATION_AVERAGE = 1,
    NLP_AGGREGATION_MAX = 2,
    NLP_AGGREGATION_SIMPLE = 3,
    NLP_AGGREGATION_NONE = 4
} nlp_aggregation;

typedef struct nlp_ner_options {
    size_t size;            /* sizeof(nlp_ner_options), set by _init() */
    const char *device;     /* "auto" (default), "cpu", "cuda", "cuda:N"; copied */
    int num_threads;        /* deprecated: use nlp_set_num_threads(). Nonzero is
                               still passed to it at load (process-wide) */
    size_t batch_size;      /* windows per forward pass in batch calls; default 32 */
    size_t max_length;      /* tokens per window with [CLS]/[SEP]; 0 = the model's limit
                               (tokenizer model_max_length, max_position_embeddings) */
    size_t stride;          /* tokens shared by consecutive windows of a long text; 128 */
    nlp_aggregation aggregation; /* default NLP_AGGREGATION_FIRST */
    int sort_by_length;     /* batch calls group inputs of similar length; default 1 */
    size_t max_text_bytes;  /* longest text (bytes) a run call accepts, and the most
                               bytes of words one nlp_ner_tag_words call accepts;
                               0: the default, 1 MiB (1048576); SIZE_MAX: no limit */
    size_t max_batch_texts; /* most texts one nlp_ner_run_batch call accepts;
                               0: the default, 4096; SIZE_MAX: no limit */
} nlp_ner_options;

/* Defaults as documented field by field above (section 5). */
NLP_API nlp_status nlp_ner_options_init(nlp_ner_options *options, size_t size);
#ifndef NLP_BUILDING_LIBRARY
static inline nlp_ner_options nlp_ner_options_default(void)
{
    nlp_ner_options o;
    (void)nlp_ner_options_init(&o, sizeof o);
    return o;
}
#endif

/* Load the checkpoint directory dir. options may be NULL (defaults); the
 * model keeps copies of what it needs. *model receives a handle to release
 * with nlp_ner_free(). Errors: NLP_ERR_IO (missing directory, config, weight
 * or vocabulary file), NLP_ERR_FORMAT (malformed config; a missing or
 * mis-shaped tensor, named in the message, which also lists unexpected
 * tensors), NLP_ERR_UNSUPPORTED (not a BERT checkpoint: the message names
 * the model type; not a token classifier: config.json's architectures names
 * no *ForTokenClassification, or, naming none, the weights carry a
 * sequence classifier's pooler; the message names the architecture or
 * tensor), NLP_ERR_DEVICE (a CUDA device this build or machine
 * lacks), NLP_ERR_INVALID_ARG (bad options: stride not below max_length-2,
 * max_length above the position table). Thread-safe. */
NLP_API nlp_status nlp_ner_load(const char *dir, const nlp_ner_options *options,
                                nlp_ner_model **model);

/* Release a model. NULL does nothing. No call may be running on it. */
NLP_API void nlp_ner_free(nlp_ner_model *model);

/* The class names (id2label order): *names receives an array of *count
 * strings owned by the model, valid until nlp_ner_free(). Thread-safe. */
NLP_API nlp_status nlp_ner_labels(const nlp_ner_model *model, const char *const **names,
                                  size_t *count);

/* [EXPERIMENTAL] Raw logits for bindings and research: input_ids and
 * attention_mask are batch x seq_len row-major (mask 1 for real tokens, 0
 * for right padding; token types 0); logits is a caller-owned buffer of
 * logits_count floats, at least batch x seq_len x count (count from
 * nlp_ner_labels), which receives [batch][seq_len][count]. No
 * tokenization, no windows: seq_len must not exceed
 * max_position_embeddings. Errors: NLP_ERR_INVALID_ARG (a NULL argument,
 * named; an id outside the vocabulary, a mask value other than 0/1, seq_len
 * too long, a buffer too small), NLP_ERR_RUNTIME. Thread-safe. */
NLP_API nlp_status nlp_ner_token_logits(const nlp_ner_model *model, const int32_t *input_ids,
                                        const int32_t *attention_mask, size_t batch,
                                        size_t seq_len, float *logits, size_t logits_count);

/* One entity. Offsets are half-open spans of the text given to the run
 * call: UTF-8 bytes (byte_*) and Unicode code points (char_*, Python's
 * text[start:end]). text is the entity's bytes, NUL-terminated; label is the
 * class without its B-/I- prefix; score is the mean over the entity's words
 * of the probability of the label each word was given. */
typedef struct nlp_entity {
    const char *label;
    const char *text;
    size_t byte_start, byte_end;
    size_t char_start, char_end;
    float score;
    /* Since 0.2 (the library allocates entities, so fields are appended).
     * tag: the full label of the entity's first word or token ("B-PER",
     * "I-PER"; Hugging Face's "entity"). token_index: the position of its
     * first token in the model input, [CLS] being 0 (Hugging Face's
     * "index"; counted over the whole text when it spans several windows).
     * token: with NLP_AGGREGATION_NONE the token as the vocabulary spells
     * it ("##ing"; Hugging Face's "word" there), else NULL. */
    const char *tag;
    size_t token_index;
    const char *token;
} nlp_entity;

/* The entities of one text, in text order, never overlapping. */
typedef struct nlp_entities nlp_entities;

NLP_API size_t nlp_entities_count(const nlp_entities *entities);
/* The i-th entity, owned by entities; NULL when i is out of range. */
NLP_API const nlp_entity *nlp_entities_get(const nlp_entities *entities, size_t i);
/* Release a result. NULL does nothing. */
NLP_API void nlp_entities_free(nlp_entities *entities);

/* Find the entities of text (len bytes of UTF-8). Tokenizes with offsets,
 * splits texts longer than a window into overlapping windows (each token
 * keeps the prediction of the window where its word sits most centrally),
 * labels each word (options.aggregation), repairs BIO (an I-X after O or
 * after another type starts a new X entity) and builds entities, which
 * never start or end inside a word (except with NLP_AGGREGATION_SIMPLE
 * and NLP_AGGREGATION_NONE, which work on tokens). *entities receives a
 * result to release with nlp_entities_free() (possibly empty). Errors:
 * NLP_ERR_INVALID_ARG (a NULL argument; a text longer than
 * options.max_text_bytes, the message naming the option and both sizes),
 * NLP_ERR_INVALID_UTF8 (with the byte position), NLP_ERR_RUNTIME. Long texts
 * run window batch by window batch (options.batch_size windows per forward
 * pass), so memory grows with the text's tokens, not with one tensor over
 * the whole text.
 * Thread-safe: many threads may run one model at once. */
NLP_API nlp_status nlp_ner_run(const nlp_ner_model *model, const char *text, size_t len,
                               nlp_entities **entities);

/* nlp_ner_run over n texts at once: windows of all texts are sorted by
 * length (options.sort_by_length) and run options.batch_size at a time,
 * padded per batch. results is a caller array of n pointers that receives
 * one result per text, in input order. On failure no result is returned
 * (all n are set to NULL). n above options.max_batch_texts is
 * NLP_ERR_INVALID_ARG naming the option. Thread-safe. */
NLP_API nlp_status nlp_ner_run_batch(const nlp_ner_model *model, const char *const *texts,
                                     const size_t *lens, size_t n, nlp_entities **results);

/* Label pre-split words (CoNLL style, transformers' is_split_into_words):
 * labels receives n pointers to the model's class names ("B-PER"), owned
 * by the model: the raw prediction for each word (options.aggregation), no
 * BIO repair, so the output reads as a tagger's column. Empty words get
 * "O". Errors as nlp_ner_run. Thread-safe. */
NLP_API nlp_status nlp_ner_tag_words(const nlp_ner_model *model, const char *const *words,
                                     const size_t *lens, size_t n, const char **labels);

/* nlp_ner_run, returning msgpack for bindings: a map {"text": str,
 * "entities": [{"class": str, "text": str, "start": int, "end": int,
 * "byte_start": int, "byte_end": int, "score": float}]} with start/end in
 * code points. *buffer is library-owned: release with nlp_buffer_free().
 * Errors as nlp_ner_run. Thread-safe. */
NLP_API nlp_status nlp_ner_run_msgpack(const nlp_ner_model *model, const char *text,
                                       size_t len, nlp_buffer *buffer);

/* Write a randomly initialised BERT token classifier to the directory
 * out_dir (created if needed) in Hugging Face layout, for benchmarks and
 * training from scratch: config.json (config_path's fields; model_type
 * "bert", architectures and the CoNLL-2003 labels added when absent),
 * model.safetensors initialised as transformers does (weights N(0,
 * initializer_range), the pad_token_id embedding row zero, biases 0,
 * LayerNorm weights 1) from seed, and vocab.txt copied from vocab_path
 * (NULL: a vocab.txt next to config_path). The same seed gives the same
 * weights. Errors: NLP_ERR_IO, NLP_ERR_FORMAT (bad config; a vocabulary
 * whose size differs from vocab_size), NLP_ERR_INVALID_ARG. Thread-safe. */
NLP_API nlp_status nlp_bert_init(const char *config_path, const char *vocab_path,
                                 uint64_t seed, const char *out_dir);

/* ---- 9. T5 and toxicity ------------------------------------------------- */

/* T5 text-to-text models (Hugging Face T5ForConditionalGeneration
 * checkpoints: original T5 and T5 v1.1 / Flan-T5), and a toxicity
 * classifier built on them that reads the label word a model generates.
 *
 * Usage (the lmsys toxicchat-t5-large-v1.0 checkpoint):
 *
 *     nlp_toxic_label words[] = {{"positive", 1}, {"negative", 0}};
 *     nlp_toxic_options o = nlp_toxic_options_default();
 *     o.prefix = "ToxicChat: ";
 *     o.labels = words;
 *     o.label_count = 2;
 *     nlp_toxic_model *m = NULL;
 *     if (nlp_toxic_load("toxicchat-t5-large-v1.0", &o, &m) != NLP_OK)
 *         return fprintf(stderr, "%s\n", nlp_last_error()), 1;
 *     nlp_toxic_result *r = NULL;
 *     if (nlp_toxic_classify(m, text, strlen(text), &r) == NLP_OK)
 *         printf("toxic=%d score=%.3f generated=%s\n", r->is_toxic, r->score,
 *                r->generated);
 *     nlp_toxic_result_free(r);
 *     nlp_toxic_free(m);
 */

/* A loaded T5 checkpoint for general text-to-text use. */
typedef struct nlp_t5_model nlp_t5_model;

typedef struct nlp_t5_options {
    size_t size;          /* sizeof(nlp_t5_options), set by _init() */
    const char *device;   /* "cpu", "cuda", "cuda:N", "auto" (default: "auto") */
    int num_threads;      /* deprecated: use nlp_set_num_threads(). Nonzero is
                             still passed to it at load (process-wide) */
    int max_input_tokens; /* encoder input limit, </s> included (default 512) */
} nlp_t5_options;

/* Defaults: device "auto", num_threads 0, max_input_tokens 512
 * (section 5). */
NLP_API nlp_status nlp_t5_options_init(nlp_t5_options *options, size_t size);
#ifndef NLP_BUILDING_LIBRARY
static inline nlp_t5_options nlp_t5_options_default(void)
{
    nlp_t5_options o;
    (void)nlp_t5_options_init(&o, sizeof o);
    return o;
}
#endif

/* Load a T5ForConditionalGeneration checkpoint directory: config.json,
 * model.safetensors (preferred) or pytorch_model.bin, spiece.model or
 * tokenizer.json. options may be NULL for the defaults. On success *model
 * receives a handle to free with nlp_t5_free(). Errors: NLP_ERR_IO (missing
 * directory or files), NLP_ERR_FORMAT (malformed config or weights; a
 * missing or mis-shaped tensor is named), NLP_ERR_UNSUPPORTED (not a T5
 * config, unknown activation), NLP_ERR_DEVICE (device unavailable, e.g.
 * "cuda" in a CPU-only build), NLP_ERR_INVALID_ARG (bad options).
 * Thread-safe. */
NLP_API nlp_status nlp_t5_load(const char *dir, const nlp_t5_options *options,
                               nlp_t5_model **model);

/* Release a model. NULL does nothing. No call may be using it. */
NLP_API void nlp_t5_free(nlp_t5_model *model);

/* The model's vocabulary size (the last dimension of nlp_t5_logits); 0 for
 * NULL. */
NLP_API size_t nlp_t5_vocab_size(const nlp_t5_model *model);

/* [EXPERIMENTAL] Teacher forcing: LM logits for a batch of token ids, as
 * T5ForConditionalGeneration(input_ids, attention_mask, decoder_input_ids).
 * input_ids and attention_mask are row-major [batch][input_len] (mask 1 for
 * real tokens, 0 for padding, nothing else; NULL means all real);
 * decoder_input_ids is [batch][decoder_len] and should start with the
 * decoder start token (the pad id, 0 for T5: labels shifted right). logits is a caller-owned buffer
 * of logits_count floats, at least batch * decoder_len * vocab_size; it
 * receives [batch][decoder_len][vocab_size]. Errors: NLP_ERR_INVALID_ARG
 * (NULL, zero sizes, small buffer, id out of range), NLP_ERR_RUNTIME.
 * Thread-safe: many threads may use one model at once. */
NLP_API nlp_status nlp_t5_logits(const nlp_t5_model *model, const int32_t *input_ids,
                                 const int32_t *attention_mask, size_t batch,
                                 size_t input_len, const int32_t *decoder_input_ids,
                                 size_t decoder_len, float *logits, size_t logits_count);

/* Generate text greedily from one input text (no prefix is added: put the
 * task prefix in the text). The input is tokenized and cut to the model's
 * max_input_tokens (</s> kept); decoding starts from the decoder start
 * token, reuses a key/value cache, and stops at </s> or after
 * max_new_tokens tokens. *out_text receives the decoded output with special
 * tokens skipped, NUL-terminated; free it with nlp_string_free(). Errors:
 * NLP_ERR_INVALID_ARG, NLP_ERR_INVALID_UTF8, NLP_ERR_RUNTIME. Thread-safe. */
NLP_API nlp_status nlp_t5_generate(const nlp_t5_model *model, const char *text, size_t len,
                                   size_t max_new_tokens, char **out_text);

/* Write a new, randomly initialised T5 checkpoint to out_dir (created if
 * missing): config_path's config.json contents, and model.safetensors drawn
 * with Hugging Face's T5 init scheme from seed (normal with the standard
 * deviations of T5PreTrainedModel._init_weights; layer norms at
 * initializer_factor). Tokenizer files (spiece.model, tokenizer.json,
 * tokenizer_config.json, special_tokens_map.json) next to config_path are
 * copied. The same seed gives the same weights. Errors: NLP_ERR_IO,
 * NLP_ERR_FORMAT (bad config), NLP_ERR_UNSUPPORTED (not a T5 config).
 * Thread-safe. */
NLP_API nlp_status nlp_t5_init(const char *config_path, uint64_t seed, const char *out_dir);

/* A label word the toxicity model may generate and the verdict it stands
 * for. */
typedef struct nlp_toxic_label {
    const char *word; /* UTF-8, NUL-terminated, e.g. "yes" */
    int is_toxic;     /* 1: the word means toxic; 0: not toxic */
} nlp_toxic_label;

typedef struct nlp_toxic_options {
    size_t size;            /* sizeof(nlp_toxic_options), set by _init() */
    const char *prefix;     /* put before every text; NULL: the checkpoint's
                               task_specific_params prefix if config.json
                               names exactly one, else "toxic: " */
    const nlp_toxic_label *labels; /* NULL: the checkpoint's task_specific_params
                               label_words (nlp_toxic_train writes them),
                               else {"yes", toxic}, {"no", not} */
    size_t label_count;
    int max_input_tokens;   /* encoder input limit, </s> included (default 512) */
    int max_new_tokens;     /* generation limit; 0 (default): the longest
                               label word's token count + 1 */
    const char *device;     /* "cpu", "cuda", "cuda:N", "auto" (default) */
    int num_threads;        /* deprecated: use nlp_set_num_threads(). Nonzero is
                               still passed to it at load (process-wide) */
    int score_only;         /* 1: skip generation (generated is "", matched
                               0, the verdict follows the probabilities);
                               for fast scoring of large sets. Default 0 */
    size_t max_text_bytes;  /* longest text (bytes) a classify call accepts;
                               0: the default, 1 MiB (1048576); SIZE_MAX: no limit */
    size_t max_batch_texts; /* most texts one nlp_toxic_classify_batch call
                               accepts; 0: the default, 4096; SIZE_MAX: no limit */
} nlp_toxic_options;

/* Defaults as described in the struct (section 5). */
NLP_API nlp_status nlp_toxic_options_init(nlp_toxic_options *options, size_t size);
#ifndef NLP_BUILDING_LIBRARY
static inline nlp_toxic_options nlp_toxic_options_default(void)
{
    nlp_toxic_options o;
    (void)nlp_toxic_options_init(&o, sizeof o);
    return o;
}
#endif

/* A toxicity classifier: a T5 checkpoint fine-tuned to answer a prefixed
 * text with a label word. */
typedef struct nlp_toxic_model nlp_toxic_model;

/* The outcome for one text. Owned by the library; free with
 * nlp_toxic_result_free(). New fields are only appended. */
typedef struct nlp_toxic_result {
    int is_toxic;    /* the verdict (see nlp_toxic_classify for the rule) */
    int matched;     /* 1 when the generated text is one of the label words */
    double score;    /* P(toxic label words) / P(all label words), in [0, 1] */
    char *generated; /* greedy output, special tokens skipped, NUL-terminated */
    size_t label;    /* index of the label word the verdict came from */
} nlp_toxic_result;

/* Load a toxicity classifier from a T5 checkpoint directory (as
 * nlp_t5_load). options may be NULL for the defaults. The model copies
 * options->prefix and every label word: the caller's strings and labels
 * array may be freed as soon as the call returns. Each label word is
 * tokenized as the model would generate it; a word that takes several
 * pieces is scored as the sequence of those pieces (short words that are
 * one piece each are cheaper and score more sharply). Errors as
 * nlp_t5_load, plus NLP_ERR_INVALID_ARG for: no label words, a set
 * without both a toxic and a non-toxic word (one side alone would give
 * every text the same verdict), an empty
 * word, two words with the same tokens, and a word the vocabulary cannot
 * spell (its tokens include <unk>: the model could never generate it, so it
 * is refused rather than scored as "unknown"); the message names the word.
 * Thread-safe. */
NLP_API nlp_status nlp_toxic_load(const char *dir, const nlp_toxic_options *options,
                                  nlp_toxic_model **model);

/* Release a classifier. NULL does nothing. No call may be using it. */
NLP_API void nlp_toxic_free(nlp_toxic_model *model);

/* Classify one text. The encoder reads prefix + text (cut to
 * max_input_tokens, </s> kept); the decoder generates greedily with a
 * key/value cache, and the probability of each label word (as a sequence,
 * from the start token) is read from the same encoder pass. score is the
 * summed probability of the toxic label words renormalised over all label
 * words. The verdict rule: when the generated text equals a label word
 * (after trimming surrounding white space; case matters), matched is 1 and
 * that word gives the verdict; otherwise matched is 0 and the verdict is
 * that of the most probable label word. *result receives a new result.
 * Errors: NLP_ERR_INVALID_ARG (a NULL argument; a text longer than
 * options.max_text_bytes, naming the option and both sizes),
 * NLP_ERR_INVALID_UTF8 (naming the byte position), NLP_ERR_RUNTIME.
 * Thread-safe: many threads may classify with
 * one model at once. */
NLP_API nlp_status nlp_toxic_classify(const nlp_toxic_model *model, const char *text,
                                      size_t len, nlp_toxic_result **result);

/* Classify count texts (texts[i] of lens[i] bytes), sorted by length, in
 * padded batches of up to 16 texts and 1024 tokens; results equal one call
 * per text up to float rounding (padding changes the order of sums, not
 * the outcome). results is a caller-owned array of count pointers that
 * receive new results; on failure none is left allocated (all are set to
 * NULL). Errors as nlp_toxic_classify, with the
 * index of the offending text in the message; count above
 * options.max_batch_texts is NLP_ERR_INVALID_ARG naming the option.
 * Thread-safe. */
NLP_API nlp_status nlp_toxic_classify_batch(const nlp_toxic_model *model,
                                            const char *const *texts, const size_t *lens,
                                            size_t count, nlp_toxic_result **results);

/* Release a result. NULL does nothing. */
NLP_API void nlp_toxic_result_free(nlp_toxic_result *result);

/* ---- 10. Metrics -------------------------------------------------------- */

/* Entity-level scores for sequence labelling, compatible with seqeval 1.2.2
 * (classification_report), and binary classification scores compatible with
 * scikit-learn. All functions here are pure computations on the caller's
 * arrays: thread-safe, no shared state.
 *
 * Tags are strings such as "B-PER", "I-ORG", "O". Sentences are given flat:
 * the tags of all sentences one after another, plus each sentence's length.
 *
 *     const char *gold[] = {"B-PER", "I-PER", "O",   "B-LOC"};
 *     const char *pred[] = {"B-PER", "I-PER", "O",   "O"};
 *     size_t lengths[] = {3, 1};
 *     nlp_seqeval_report *r = NULL;
 *     if (nlp_seqeval_evaluate(gold, pred, lengths, 2, NULL, &r) == NLP_OK) {
 *         const nlp_entity_score *micro = nlp_seqeval_average(r, NLP_AVERAGE_MICRO);
 *         printf("F1 %.4f\n", micro->f1);            // 0.6667
 *     }
 *     nlp_seqeval_report_free(r);
 */

/* How entities are read from tags.
 *
 * NLP_SEQEVAL_DEFAULT is seqeval's default (conlleval-compatible) mode: any
 * tag whose first letter is B or S, or whose type differs from the previous
 * tag's, starts an entity; an I-X after O or after another type starts one
 * too. Ill-formed sequences are repaired as conlleval does.
 *
 * NLP_SEQEVAL_STRICT is seqeval's mode="strict" with the given scheme: an
 * entity counts only when its tags follow the scheme exactly (for IOB2 it
 * starts with B-X and continues with I-X), so an I-X after O is no entity.
 * Tags whose prefix the scheme does not allow (E- or S- under IOB2, an
 * unknown first letter) are an error, as they are in seqeval. */
typedef enum nlp_seqeval_mode {
    NLP_SEQEVAL_DEFAULT = 0,
    NLP_SEQEVAL_STRICT = 1
} nlp_seqeval_mode;

/* Tagging schemes (seqeval.scheme). IOB1 is the original CoNLL-2003 one (an
 * entity starts with I-X; B-X only right after an entity of the same type);
 * IOB2 starts every entity with B-X; IOBES adds E-X (end) and S-X (single);
 * IOE1/IOE2 mark ends instead of beginnings. */
typedef enum nlp_tag_scheme {
    NLP_SCHEME_IOB2 = 0,
    NLP_SCHEME_IOB1 = 1,
    NLP_SCHEME_IOE1 = 2,
    NLP_SCHEME_IOE2 = 3,
    NLP_SCHEME_IOBES = 4
} nlp_tag_scheme;

/* Parse a scheme name ("IOB2", "iob1", "IOBES", ...), case-insensitive.
 * Returns NLP_ERR_INVALID_ARG for an unknown name. Thread-safe. */
NLP_API nlp_status nlp_tag_scheme_parse(const char *name, nlp_tag_scheme *out);

typedef struct nlp_seqeval_options {
    size_t size;            /* sizeof(nlp_seqeval_options), set by _init() */
    nlp_seqeval_mode mode;  /* default NLP_SEQEVAL_DEFAULT */
    nlp_tag_scheme scheme;  /* strict mode only; default NLP_SCHEME_IOB2 */
} nlp_seqeval_options;

/* Defaults: mode NLP_SEQEVAL_DEFAULT, scheme NLP_SCHEME_IOB2 (section 5). */
NLP_API nlp_status nlp_seqeval_options_init(nlp_seqeval_options *options, size_t size);
#ifndef NLP_BUILDING_LIBRARY
static inline nlp_seqeval_options nlp_seqeval_options_default(void)
{
    nlp_seqeval_options o;
    (void)nlp_seqeval_options_init(&o, sizeof o);
    return o;
}
#endif

/* One row of the report: an entity type, or an average. Owned by the
 * report. support is the number of gold entities; predicted and correct
 * count predicted entities and exact matches (same type, same span). For
 * the macro and weighted averages predicted and correct are the sums over
 * types. Fields may be appended in later versions; never allocate one. */
typedef struct nlp_entity_score {
    const char *type;   /* "PER", ..., or "micro avg", "macro avg", "weighted avg" */
    double precision;
    double recall;
    double f1;
    size_t support;
    size_t predicted;
    size_t correct;
} nlp_entity_score;

typedef enum nlp_average {
    NLP_AVERAGE_MICRO = 0,    /* pooled counts over all types */
    NLP_AVERAGE_MACRO = 1,    /* unweighted mean of the per-type scores */
    NLP_AVERAGE_WEIGHTED = 2  /* mean weighted by each type's support */
} nlp_average;

/* The result of nlp_seqeval_evaluate(). Opaque; free with
 * nlp_seqeval_report_free(). Immutable, so it may be read from several
 * threads at once. */
typedef struct nlp_seqeval_report nlp_seqeval_report;

/* Score predicted tags against gold tags, as seqeval 1.2.2's
 * classification_report and accuracy_score do. gold and pred hold
 * token_count = sum(lengths) tags each: sentence 0's tags, then sentence
 * 1's, and so on; lengths holds n_sentences lengths (0 is allowed). options may
 * be NULL for the defaults. Entity types are those found in gold or
 * predicted entities, sorted by byte order (as Python's sorted()). Scores
 * with a zero denominator are 0 (seqeval's zero_division="warn" value); the
 * macro average over zero types is 0 (seqeval gives NaN).
 * *out receives a new report. Errors: NLP_ERR_INVALID_ARG for NULL arrays, an
 * empty or NULL tag, or (strict mode) a tag the scheme does not allow, with
 * the sentence and token named; NLP_ERR_NOMEM. Thread-safe. */
NLP_API nlp_status nlp_seqeval_evaluate(const char *const *gold, const char *const *pred,
                                        const size_t *lengths, size_t n_sentences,
                                        const nlp_seqeval_options *options,
                                        nlp_seqeval_report **out);

/* Release a report. NULL does nothing. */
NLP_API void nlp_seqeval_report_free(nlp_seqeval_report *report);

/* Number of entity types in the report, and the i-th (sorted by name);
 * NULL when i is out of range. The pointer lives as long as the report. */
NLP_API size_t nlp_seqeval_type_count(const nlp_seqeval_report *report);
NLP_API const nlp_entity_score *nlp_seqeval_type(const nlp_seqeval_report *report, size_t i);

/* An average row; NULL for an unknown kind. Lives as long as the report. */
NLP_API const nlp_entity_score *nlp_seqeval_average(const nlp_seqeval_report *report,
                                                    nlp_average kind);

/* Token accuracy: the share of tokens whose predicted tag equals the gold
 * tag (seqeval's accuracy_score); 0 when there are no tokens. */
NLP_API double nlp_seqeval_accuracy(const nlp_seqeval_report *report);

/* The report as JSON in the shape of seqeval's
 * classification_report(output_dict=True): one key per entity type, then
 * "micro avg", "macro avg", "weighted avg", each
 * {"precision", "recall", "f1-score", "support"}, then "accuracy". Numbers
 * are written with the fewest digits that read back as the same double (as
 * Python's json module does). *json receives a NUL-terminated string; free
 * it with nlp_string_free(). Errors: NLP_ERR_INVALID_ARG, NLP_ERR_NOMEM. */
NLP_API nlp_status nlp_seqeval_report_json(const nlp_seqeval_report *report, char **json);

/* The report as seqeval's text classification_report with `digits` decimals
 * (0..17; seqeval's default is 2), byte for byte. *text is freed with
 * nlp_string_free(). Errors: NLP_ERR_INVALID_ARG, NLP_ERR_NOMEM. */
NLP_API nlp_status nlp_seqeval_report_text(const nlp_seqeval_report *report, int digits,
                                           char **text);

/* Binary classification scores; the positive class is 1. Filled by
 * nlp_classification_evaluate(), which writes only the first `size` bytes:
 * set size = sizeof(nlp_classification_metrics) before the call. */
typedef struct nlp_classification_metrics {
    size_t size;
    size_t count;       /* examples */
    size_t support;     /* gold positives (tp + fn) */
    size_t tn, fp, fn, tp;
    double accuracy;    /* (tp + tn) / count */
    double precision;   /* tp / (tp + fp), 0 when nothing is predicted positive */
    double recall;      /* tp / (tp + fn), 0 when there are no positives */
    double f1;          /* 2 p r / (p + r), 0 when p + r = 0 */
    double auprc;       /* average precision from scores; NaN without scores */
} nlp_classification_metrics;

/* Score n binary predictions. labels and predictions hold 0 or 1. scores
 * (may be NULL) holds each example's score for the positive class, higher
 * meaning more likely positive; with it auprc is computed exactly as
 * scikit-learn's average_precision_score (tied scores form one threshold;
 * the sum of (R_k - R_{k-1}) P_k over distinct thresholds, highest first),
 * which is 0 when there are no positives. Errors: NLP_ERR_INVALID_ARG for
 * n = 0, NULL labels or predictions, a value other than 0/1, a NaN score, or
 * out->size too small; NLP_ERR_NOMEM. Thread-safe. */
NLP_API nlp_status nlp_classification_evaluate(const int *labels, const int *predictions,
                                               const double *scores, size_t n,
                                               nlp_classification_metrics *out);

/* Average precision alone (see nlp_classification_evaluate). Errors as
 * there. Thread-safe. */
NLP_API nlp_status nlp_average_precision(const int *labels, const double *scores, size_t n,
                                         double *out);

/* The metrics as JSON: {"accuracy", "precision", "recall", "f1", "auprc"
 * (null without scores), "confusion": [[tn, fp], [fn, tp]], "support"
 * (gold positives), "count"}. Free *json with nlp_string_free(). */
NLP_API nlp_status nlp_classification_metrics_json(const nlp_classification_metrics *metrics,
                                                   char **json);

/* ---- 11. Data files: format detection, CoNLL --------------------------- */

/* Data files: which reader a file needs, told by its content and its name,
 * the same way for every command and function that reads data (NER:
 * CoNLL columns or conll2003 JSON Lines; classification: CSV or JSON
 * Lines). First match wins: the first non-blank line starts with '{' or
 * '[' -> JSON Lines; a name ending in .jsonl, .json or .ndjson -> JSON
 * Lines; .csv -> CSV; a first line with a comma and no space or tab ->
 * CSV; anything else -> CoNLL columns. */
typedef enum nlp_data_format {
    NLP_DATA_CONLL = 1,  /* word ... tag columns, blank lines between sentences */
    NLP_DATA_JSONL = 2,  /* one JSON object per line */
    NLP_DATA_CSV = 3     /* RFC 4180, a header row */
} nlp_data_format;

/* Detect path's format (reads its first non-blank line). Errors name the
 * file: NLP_ERR_INVALID_ARG (NULL path or out), NLP_ERR_IO (cannot read),
 * NLP_ERR_FORMAT (an empty file: no data). Thread-safe. */
NLP_API nlp_status nlp_data_format_detect(const char *path, nlp_data_format *out);

/* "conll", "jsonl", "csv"; "unknown" for other values. Static string. */
NLP_API const char *nlp_data_format_name(nlp_data_format format);

/* CoNLL column files: one token per line (`word ... tag`, columns split by
 * spaces or tabs), a blank line between sentences, -DOCSTART- lines
 * skipped. The result keeps every token's word and tag. */
typedef struct nlp_conll nlp_conll;

typedef struct nlp_conll_options {
    size_t size;        /* sizeof(nlp_conll_options), set by _init() */
    int tag_column;     /* 0-based column of the tag; -1 (default) = last */
    int convert_iob1;   /* 1 (default): rewrite IOB1 tags as IOB2 while reading
                           (an I-X that does not continue an X entity becomes
                           B-X); 0: keep the tags as written (for scoring) */
} nlp_conll_options;

/* Defaults: tag_column -1, convert_iob1 1 (section 5). */
NLP_API nlp_status nlp_conll_options_init(nlp_conll_options *options, size_t size);
#ifndef NLP_BUILDING_LIBRARY
static inline nlp_conll_options nlp_conll_options_default(void)
{
    nlp_conll_options o;
    (void)nlp_conll_options_init(&o, sizeof o);
    return o;
}
#endif

/* Read NER data: a CoNLL file, or conll2003 JSON Lines ({"tokens": [...],
 * "ner_tags": [...]}, tags as names or as ids into Hugging Face conll2003's
 * label list), told apart by nlp_data_format_detect(). CoNLL: every line
 * must have the same number of columns; tags must be "O" or a B-/I-/E-/S-
 * prefix followed by a type. An empty file is NLP_ERR_FORMAT. Errors name the
 * file and line: NLP_ERR_IO (cannot read), NLP_ERR_FORMAT (ragged line,
 * missing tag column, bad tag), NLP_ERR_INVALID_UTF8. *out receives a new
 * handle; free it with nlp_conll_free(). options may be NULL for the
 * defaults. Thread-safe. */
NLP_API nlp_status nlp_conll_read(const char *path, const nlp_conll_options *options,
                                  nlp_conll **out);

/* Release a CoNLL handle. NULL does nothing. */
NLP_API void nlp_conll_free(nlp_conll *conll);

/* Sizes, and the flat arrays: words and tags hold token_count strings
 * (sentence after sentence), lengths holds sentence_count lengths; they can
 * be passed straight to nlp_seqeval_evaluate(). Owned by the handle. */
NLP_API size_t nlp_conll_sentence_count(const nlp_conll *conll);
NLP_API size_t nlp_conll_token_count(const nlp_conll *conll);
NLP_API const char *const *nlp_conll_words(const nlp_conll *conll);
NLP_API const char *const *nlp_conll_tags(const nlp_conll *conll);
NLP_API const size_t *nlp_conll_lengths(const nlp_conll *conll);

/* The 1-based line of sentence i's first token (0 when out of range), for
 * messages; and the number of tags rewritten from IOB1 to IOB2 (non-zero
 * means the file was IOB1). */
NLP_API long nlp_conll_sentence_line(const nlp_conll *conll, size_t i);
NLP_API size_t nlp_conll_converted_tags(const nlp_conll *conll);


/* ---- 12. Evaluation with progress --------------------------------------- */

/* Score a loaded model on a labelled data file inside the library (the
 * reading, batching and scoring the `nlp` command and the bindings share),
 * reporting progress as it goes.
 *
 *     nlp_eval_options eo = nlp_eval_options_default();
 *     eo.progress = print_progress;   // int print_progress(size_t, size_t, void *)
 *     nlp_seqeval_report *r = NULL;
 *     if (nlp_ner_evaluate(model, "valid.txt", &eo, &r) == NLP_OK)
 *         printf("F1 %.4f\n", nlp_seqeval_average(r, NLP_AVERAGE_MICRO)->f1);
 *     nlp_seqeval_report_free(r);
 */

/* Called with the number of examples (sentences, rows) done so far and the
 * total, at least once per batch and once at the end (done == total).
 * Return 0 to go on; nonzero cancels: the evaluation returns
 * NLP_ERR_CANCELLED and no result. Runs on the calling thread. */
typedef int (*nlp_progress_callback)(size_t done, size_t total, void *user_data);

typedef struct nlp_eval_options {
    size_t size;              /* sizeof(nlp_eval_options), set by _init() */
    const char *text_column;  /* toxic: text field of CSV / JSON Lines, NULL (default):
                                 the first of "text", "user_input"; NER JSON Lines:
                                 the words field, NULL: "tokens" */
    const char *label_column; /* toxic: 0/1 label field, NULL: the first of "label",
                                 "toxicity"; NER JSON Lines: the tags field, NULL:
                                 "ner_tags" */
    size_t max_examples;      /* 0 (default): all; else the first N examples */
    size_t batch_size;        /* examples per batch; 0 (default): 32 */
    const nlp_seqeval_options *seqeval; /* NER scoring; NULL (default): seqeval's
                                 default mode */
    nlp_progress_callback progress;     /* NULL (default): none */
    void *progress_data;      /* passed to progress as user_data */
} nlp_eval_options;

/* Defaults as described in the struct (section 5). */
NLP_API nlp_status nlp_eval_options_init(nlp_eval_options *options, size_t size);
#ifndef NLP_BUILDING_LIBRARY
static inline nlp_eval_options nlp_eval_options_default(void)
{
    nlp_eval_options o;
    (void)nlp_eval_options_init(&o, sizeof o);
    return o;
}
#endif

/* Tag every sentence of data_path with the model and score the predictions
 * against the file's tags with nlp_seqeval_evaluate (options->seqeval).
 * The gold tags are read as nlp_conll_read and the trainer's evaluation
 * read them: IOB1 is rewritten as IOB2 (nothing changes in an IOB2 file),
 * so an IOB1 file scores exactly as its IOB2 version, and the numbers equal
 * the trainer's evaluation of the same file; only when options->seqeval
 * names another scheme than IOB2 are the tags kept as written, for that
 * scheme's strict mode. data_path is a CoNLL column file or Hugging Face
 * conll2003 JSON Lines
 * ({"tokens": [...], "ner_tags": [ids of the conll2003 label names]}),
 * told apart by nlp_data_format_detect(). Sentences are tagged as
 * nlp_ner_tag_words does, options->batch_size sentences at a time.
 * options may be NULL for the defaults. *out receives a report to free
 * with nlp_seqeval_report_free(). Errors: NLP_ERR_INVALID_ARG (a NULL
 * argument, named; bad options), NLP_ERR_IO, NLP_ERR_FORMAT (data errors
 * name file and line; an empty file), NLP_ERR_CANCELLED, and those of
 * nlp_ner_tag_words. Thread-safe. */
NLP_API nlp_status nlp_ner_evaluate(const nlp_ner_model *model, const char *data_path,
                                    const nlp_eval_options *options, nlp_seqeval_report **out);

/* Classify every row of data_path (CSV or JSON Lines, by
 * nlp_data_format_detect; the columns from options; labels 0/1) with
 * nlp_toxic_classify_batch,
 * options->batch_size rows at a time, and fill *out (set out->size first)
 * with accuracy, precision, recall, F1 of the toxic class, the confusion
 * matrix and AUPRC from the scores. options may be NULL for the defaults.
 * Errors: NLP_ERR_INVALID_ARG (a NULL argument, named; bad options; out->size
 * not set), NLP_ERR_IO, NLP_ERR_FORMAT (data errors name file and line; no
 * rows), NLP_ERR_CANCELLED, and those of nlp_toxic_classify_batch.
 * Thread-safe. */
NLP_API nlp_status nlp_toxic_evaluate_model(const nlp_toxic_model *model, const char *data_path,
                                            const nlp_eval_options *options,
                                            nlp_classification_metrics *out);

/* Score a toxicity classifier on labelled data: classify every row of
 * data_path (CSV or JSON Lines, by nlp_data_format_detect; text_column /
 * label_column name the fields, NULL for the first of "text"/"user_input" and
 * "label"/"toxicity"; labels 0/1) with nlp_toxic_classify_batch and fill
 * *out (set out->size first) with accuracy, precision, recall, F1 of the
 * toxic class, the confusion matrix and AUPRC from the scores.
 * model_options may be NULL for the defaults; max_examples 0 means all rows.
 * The same as nlp_toxic_load + nlp_toxic_evaluate_model + nlp_toxic_free.
 * Errors: NLP_ERR_INVALID_ARG, NLP_ERR_IO, NLP_ERR_FORMAT (data errors name
 * file and line), and those of nlp_toxic_load / nlp_toxic_classify_batch.
 * Thread-safe. */
NLP_API nlp_status nlp_toxic_evaluate(const char *model_dir, const char *data_path,
                                      const nlp_toxic_options *model_options,
                                      const char *text_column, const char *label_column,
                                      size_t max_examples, nlp_classification_metrics *out);

/* ---- 13. Training [EXPERIMENTAL] ---------------------------------------- */

/* [EXPERIMENTAL] The whole training section (options, progress, report)
 * may change in a 0.x release; docs/abi.md records each change.
 *
 * Fine-tuning, in step with PyTorch and Hugging Face's Trainer: AdamW
 * (torch.optim.AdamW; no weight decay on biases and LayerNorm weights),
 * linear warm-up then linear decay, gradient clipping and accumulation,
 * evaluation every epoch (or every eval_steps), the best checkpoint kept by
 * a metric, resumable checkpoints. With the same seed on the same machine
 * two runs give bit-identical weights.
 *
 *     nlp_train_options o = nlp_train_options_default();
 *     o.output_dir = "out/ner";
 *     o.epochs = 3;
 *     nlp_train_report r = {sizeof r};
 *     if (nlp_ner_train("models/bert-base-cased", "train.txt", "valid.txt",
 *                       &o, &r) != NLP_OK)
 *         fprintf(stderr, "%s\n", nlp_last_error());
 *     // out/ner now holds the best model in Hugging Face layout
 *
 * Output layout: output_dir/checkpoint-<step>/ per evaluation (config.json,
 * model.safetensors, tokenizer files, optimizer.safetensors,
 * trainer_state.json), and at the end the best (or, without evaluation,
 * the last) model copied to output_dir itself, plus output_dir/log.jsonl
 * (one JSON object per logged step / evaluation) and output_dir/curves.svg.
 * Every file is written atomically (temp file + rename). */

/* What a progress callback sees. Valid during the call only. */
typedef struct nlp_train_progress {
    size_t size;            /* sizeof(nlp_train_progress) */
    long long step;         /* optimizer steps done */
    long long total_steps;  /* planned optimizer steps */
    double epoch;           /* fractional epochs done */
    double loss;            /* mean training loss since the previous report */
    double learning_rate;   /* of the last step */
    int evaluated;          /* 1 when an evaluation just ran: the fields below are set */
    double eval_loss;
    double metric;          /* the selection metric's value */
    const char *metric_name;/* "overall_f1", "accuracy", "f1", "loss", "auprc" */
    const char *checkpoint; /* folder saved at this point, or NULL */
} nlp_train_progress;

/* Called after every logging_steps optimizer steps and after every
 * evaluation. Return 0 to go on, nonzero to stop: training then returns
 * NLP_ERR_CANCELLED, and the checkpoints saved so far stay intact (resume
 * from the newest with resume_from). */
typedef int (*nlp_train_callback)(const nlp_train_progress *progress, void *user_data);

typedef enum nlp_class_balance {
    NLP_BALANCE_NONE = 0,
    NLP_BALANCE_OVERSAMPLE = 1, /* repeat positive examples to match the negatives */
    NLP_BALANCE_LOSS_WEIGHT = 2 /* weight the label words' loss by inverse frequency */
} nlp_class_balance;

typedef struct nlp_train_options {
    size_t size;                /* sizeof(nlp_train_options), set by _init() */
    const char *output_dir;     /* required */
    const char *device;         /* "cpu" (default) or "auto" (= cpu): training runs
                                   on the CPU only; any other device is
                                   NLP_ERR_UNSUPPORTED */
    double epochs;              /* 3 */
    double learning_rate;       /* 5e-5 */
    size_t batch_size;          /* 16 */
    size_t eval_batch_size;     /* 32 */
    double warmup_ratio;        /* 0: share of total steps used to warm up */
    long long warmup_steps;     /* 0; overrides warmup_ratio when > 0 */
    double weight_decay;        /* 0.01 */
    double adam_beta1, adam_beta2, adam_epsilon; /* 0.9, 0.999, 1e-8 */
    double max_grad_norm;       /* 1.0; <= 0 disables clipping */
    int gradient_accumulation_steps; /* 1 */
    uint64_t seed;              /* 42: data order, new classifier weights, dropout */
    long long eval_steps;       /* 0: evaluate at the end of each epoch */
    long long logging_steps;    /* 50 */
    const char *metric_for_best;/* NULL: "overall_f1" (NER) / "f1" (toxic);
                                   or "accuracy", "loss", "auprc" (toxic) */
    int save_total_limit;       /* 0: keep all checkpoints; else the newest N
                                   (the best one is never deleted) */
    int early_stopping_patience;/* 0: off; else stop after N evaluations
                                   without improvement */
    long long max_steps;        /* 0: no limit (overrides epochs when > 0) */
    size_t max_train_examples;  /* 0: all */
    size_t max_eval_examples;   /* 0: all */
    size_t max_length;          /* 128: tokens per example, specials included */
    int label_all_tokens;       /* NER: 1 (default) later subwords learn I-X;
                                   0: only first subwords carry a label */
    int group_by_length;        /* 0: batches of similar lengths when 1 */
    int use_cache;              /* 1: tokenized features cached (msgpack) in
                                   output_dir/cache */
    const char *resume_from;    /* NULL or a checkpoint-<step> folder */
    nlp_class_balance class_balance; /* toxic only */
    const char *text_column, *label_column; /* toxic: "user_input", "toxicity" */
    nlp_train_callback callback;
    void *callback_data;
    /* [EXPERIMENTAL] Data-parallel training over c10d/Gloo (docs/distributed.md).
     * Each of dist_world_size processes runs the same call; rank 0 hosts the
     * rendezvous at dist_master_addr:dist_master_port and alone writes
     * checkpoints, logs and curves. batch_size is per rank. Unset fields
     * come from torchrun's environment (WORLD_SIZE, RANK, MASTER_ADDR,
     * MASTER_PORT), else one process. A rank that is lost makes the others
     * return NLP_ERR_IO naming it within dist_timeout_ms. */
    int dist_world_size;        /* 0: $WORLD_SIZE, else 1 */
    int dist_rank;              /* -1: $RANK, else 0 */
    const char *dist_master_addr; /* NULL: $MASTER_ADDR, else "127.0.0.1" */
    int dist_master_port;       /* 0: $MASTER_PORT, else 29500 */
    long long dist_timeout_ms;  /* 0: 300000 (rendezvous and each collective) */
    /* [EXPERIMENTAL] How gradients are summed across ranks: in buckets of
     * up to dist_bucket_cap_mb, each started as soon as backward has
     * produced its gradients, so the sums overlap the rest of backward
     * (c10d's Reducer, as DistributedDataParallel); or, with
     * dist_reduce_after_backward, all after backward (the reference path;
     * both give the same parameters). */
    double dist_bucket_cap_mb;  /* 0: 25 (DistributedDataParallel's bucket_cap_mb) */
    int dist_reduce_after_backward; /* 0: overlap backward; 1: after it */
    /* Progress of each evaluation inside training (every eval_steps, or
     * each epoch): called with the evaluation examples this rank has
     * scored so far and its share's total (all of them in one process), once
     * per eval batch; nonzero stops training with NLP_ERR_CANCELLED. */
    nlp_progress_callback eval_progress; /* NULL (default): none */
    void *eval_progress_data;
} nlp_train_options;

/* The defaults listed above, with size set (section 5). */
NLP_API nlp_status nlp_train_options_init(nlp_train_options *options, size_t size);
#ifndef NLP_BUILDING_LIBRARY
static inline nlp_train_options nlp_train_options_default(void)
{
    nlp_train_options o;
    (void)nlp_train_options_init(&o, sizeof o);
    return o;
}
#endif

/* Filled by the training functions (only the first `size` bytes). */
typedef struct nlp_train_report {
    size_t size;             /* set by the caller: sizeof(nlp_train_report) */
    long long steps;         /* optimizer steps done */
    double epochs;           /* epochs done (fractional) */
    double train_loss;       /* mean training loss over the whole run */
    double best_metric;      /* NaN without evaluation */
    long long best_step;     /* step of the best checkpoint, -1 without one */
    size_t train_examples, eval_examples;
    size_t truncated;        /* training examples cut to max_length */
    double seconds;          /* wall time of the run */
    double tokens_per_second;/* training input tokens (unpadded) per second */
    /* [EXPERIMENTAL] Data parallel: seconds this rank spent summing
     * gradients across ranks (waiting for the slowest included); 0 in
     * one process. tokens_per_second then counts every rank's tokens. */
    double allreduce_seconds;
    /* [EXPERIMENTAL] Of allreduce_seconds, the part no computation hid:
     * after the last gradient of backward (all of it when summing after
     * backward). 1 - exposed / allreduce is the overlap. */
    double allreduce_exposed_seconds;
} nlp_train_report;

/* Fine-tune the BERT token classifier in base_dir (a Hugging Face
 * checkpoint directory, e.g. one made by nlp_bert_init()) on
 * train_path, evaluating on eval_path (may be NULL: no evaluation; the last
 * model is kept). Data: CoNLL column files (IOB1 converted to IOB2). The
 * label set is the checkpoint's id2label when it covers every tag of the
 * data; else the data's tags (O, then B-/I- per type, sorted) with a new
 * classifier drawn from seed. Scores: seqeval default mode; "overall_f1"
 * is the micro-average F1. report may be NULL. Errors: NLP_ERR_INVALID_ARG
 * (NULL paths, bad options, no output_dir), NLP_ERR_IO, NLP_ERR_FORMAT
 * (data errors name file and line), NLP_ERR_CANCELLED (the callback asked
 * to stop), NLP_ERR_RUNTIME. One training per process at a time is
 * advised (libtorch's thread pool and the dropout generator are global). */
NLP_API nlp_status nlp_ner_train(const char *base_dir, const char *train_path,
                                 const char *eval_path, const nlp_train_options *options,
                                 nlp_train_report *report);

/* Fine-tune the T5 checkpoint in base_dir as a text-to-text toxicity
 * classifier on train_path, evaluating on eval_path (may be NULL). Data:
 * CSV or JSON Lines (nlp_data_format_detect); options->text_column / label_column name
 * the fields (NULL: the first of "text"/"user_input" and
 * "label"/"toxicity"); labels 0/1. Each example is encoded as
 * nlp_toxic_classify reads it: prefix + text cut to options->max_length tokens
 * with </s> kept; the target is the first label word of the row's class
 * followed by </s>; the loss is T5ForConditionalGeneration's (mean
 * cross-entropy over target tokens), with the config's dropout_rate.
 * model_options (may be NULL) gives the prefix and label words as for
 * nlp_toxic_load (defaults: the checkpoint's prefix or "toxic: ", yes/no);
 * it needs a toxic and a non-toxic word; its (deprecated) num_threads is
 * applied, process-wide; its device, max_input_tokens and score_only are
 * not used (training runs on the CPU; evaluation reads max_length tokens).
 * options->class_balance: NLP_BALANCE_OVERSAMPLE repeats the toxic
 * training rows until they match the others;
 * NLP_BALANCE_LOSS_WEIGHT weights each row's loss by n / (2 n_class).
 * Evaluation classifies the eval texts as nlp_toxic_classify does and
 * scores "f1" (toxic class, the default selection metric), "accuracy",
 * "precision", "recall", "auprc" and "loss" (teacher-forced). Checkpoints
 * are T5ForConditionalGeneration in Hugging Face layout; config.json's
 * task_specific_params becomes {"toxicity": {"prefix": <prefix>,
 * "label_words": [{"word": "yes", "toxic": true}, ...]}}, so nlp_toxic_load
 * with NULL prefix and labels uses them again. report may be NULL. Errors
 * as nlp_ner_train, plus those of nlp_toxic_load for the label words. */
NLP_API nlp_status nlp_toxic_train(const char *base_dir, const char *train_path,
                                   const char *eval_path,
                                   const nlp_toxic_options *model_options,
                                   const nlp_train_options *options, nlp_train_report *report);

/* ---- 14. Deprecated 0.1 names ------------------------------------------- */

/* Kept so that 0.1 sources still compile and 0.1 binaries still run; each
 * behaves exactly as the name that replaces it. They go in 1.0. The
 * nlp_<x>_options_default() functions of 0.1 were exported functions
 * returning the struct by value; they are still exported for 0.1 binaries,
 * and this header replaces them with the inline wrappers of section 5. */

NLP_API NLP_DEPRECATED("use nlp_tokenizer_algorithm")
nlp_tokenizer_kind nlp_tokenizer_get_kind(const nlp_tokenizer *tok);

NLP_API NLP_DEPRECATED("use nlp_bert_init")
nlp_status nlp_ner_init_checkpoint(const char *config_path, const char *vocab_path,
                                   uint64_t seed, const char *out_dir);

/* int64_t ids and mask; out_logits holds batch x seq_len x count floats. */
NLP_API NLP_DEPRECATED("use nlp_ner_token_logits (int32_t ids, buffer size)")
nlp_status nlp_ner_logits(const nlp_ner_model *model, const int64_t *input_ids,
                          const int64_t *attention_mask, size_t batch, size_t seq_len,
                          float *out_logits);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* NLP_NLP_H */
