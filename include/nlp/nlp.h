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
 *  - nlp_last_error() gives this thread's text for its last failure.
 *  - Handles are opaque; every *_free(NULL) does nothing.
 *  - Text is UTF-8 with an explicit byte length. Invalid UTF-8 is an error
 *    (NLP_ERR_INVALID_UTF8), never silently repaired.
 *  - Options structs start with their own size. Get one from its
 *    *_default() function, edit the fields you need, pass a pointer (or NULL
 *    for all defaults). The library reads only the fields the size covers.
 *  - The library never prints, aborts or exits, and no C++ exception crosses
 *    this interface.
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

#if defined(_WIN32)
#  define NLP_API __declspec(dllexport)
#elif defined(__GNUC__)
#  define NLP_API __attribute__((visibility("default")))
#else
#  define NLP_API
#endif

/* ------------------------------------------------------------------------ */
/* Versions                                                                  */
/* ------------------------------------------------------------------------ */

#define NLP_VERSION_MAJOR 0
#define NLP_VERSION_MINOR 1
#define NLP_VERSION_PATCH 0
#define NLP_VERSION_STRING "0.1.0"
/* One number that grows with every release: 0.1.0 -> 100. */
#define NLP_VERSION_NUMBER \
    (NLP_VERSION_MAJOR * 10000 + NLP_VERSION_MINOR * 100 + NLP_VERSION_PATCH)

/* The version of the library actually loaded, as "MAJOR.MINOR.PATCH".
 * Static storage; never NULL. Compare with NLP_VERSION_STRING to detect a
 * header/library mismatch. Thread-safe. */
NLP_API const char *nlp_version(void);

/* ------------------------------------------------------------------------ */
/* Status codes and errors                                                   */
/* ------------------------------------------------------------------------ */

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

/* ------------------------------------------------------------------------ */
/* Buffers                                                                   */
/* ------------------------------------------------------------------------ */

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

/* ------------------------------------------------------------------------ */
/* Runtime: devices and threads                                              */
/* ------------------------------------------------------------------------ */

/* Check a device name: "cpu", "cuda", "cuda:N" or "auto" (cuda when this
 * build of libtorch has a usable GPU, else cpu). Returns NLP_OK when the
 * device can be used, NLP_ERR_INVALID_ARG for a malformed name, and
 * NLP_ERR_DEVICE when it names a device this machine or build lacks. When
 * resolved is not NULL it receives the concrete device ("cpu", "cuda:0") as
 * a library-owned static string. Thread-safe. */
NLP_API nlp_status nlp_device_check(const char *device, const char **resolved);

/* Set the number of threads the tensor library uses for one operation (its
 * intra-op pool and the BLAS threads). 0 keeps the current setting. The
 * setting is process-wide. Returns NLP_ERR_INVALID_ARG for n < 0. */
NLP_API nlp_status nlp_set_num_threads(int n);

/* ------------------------------------------------------------------------ */
/* Checkpoints                                                               */
/* ------------------------------------------------------------------------ */

/* Describe a Hugging Face checkpoint directory as a JSON object: model type,
 * architecture sizes, labels, tokenizer kind and files, weight file, number
 * of parameters. The weights are inspected (header only), never loaded.
 * *json receives a NUL-terminated string; free it with nlp_string_free().
 * Errors: NLP_ERR_IO (missing directory or config.json), NLP_ERR_FORMAT
 * (malformed config or weights), NLP_ERR_UNSUPPORTED (model_type other than
 * bert or t5). Thread-safe. */
NLP_API nlp_status nlp_checkpoint_info(const char *dir, char **json);

/* ---- tokenizers (text) -------------------------------------------------- */

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
 * nlp_encode_options_default(). */
typedef struct nlp_encode_options {
    size_t size;            /* sizeof(nlp_encode_options), set by _default() */
    int add_special_tokens; /* 1 (default): [CLS]/[SEP] for BERT, </s> for T5 */
    size_t max_length;      /* 0 (default): no limit. Else at most this many
                               tokens, specials included: text tokens are cut
                               from the end, the trailing [SEP] / </s> stays */
} nlp_encode_options;

/* The default options (add specials, no truncation), with size set. */
NLP_API nlp_encode_options nlp_encode_options_default(void);

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

/* The tokenizer's kind. */
NLP_API nlp_tokenizer_kind nlp_tokenizer_get_kind(const nlp_tokenizer *tok);

/* The number of ids (largest id + 1), added tokens included. */
NLP_API size_t nlp_tokenizer_vocab_size(const nlp_tokenizer *tok);

/* Tokenize len bytes of UTF-8 text (need not be NUL-terminated; NUL bytes
 * inside are text, which BERT's normalizer drops as Hugging Face does).
 * opts may be NULL for the defaults. *out receives an encoding to free with
 * nlp_encoding_free(). Offsets are half-open spans of text; word ids number
 * the words (runs of letters and digits, single punctuation marks, single
 * CJK ideographs, special tokens typed in the text) from 0. Empty or
 * whitespace-only text gives the special tokens only.
 * Errors: NLP_ERR_INVALID_ARG (NULL tok/out, text NULL with len > 0,
 * max_length below the number of special tokens), NLP_ERR_INVALID_UTF8
 * (the message names the byte position). Thread-safe. */
NLP_API nlp_status nlp_tokenizer_encode(const nlp_tokenizer *tok, const char *text, size_t len,
                                        const nlp_encode_options *opts, nlp_encoding **out);

/* Tokenize pre-split words, as Hugging Face's is_split_into_words=True:
 * each of the n words (words[i], lens[i] bytes) is tokenized on its own;
 * its tokens have word id i and offsets relative to words[i] (not to a
 * joined text). A word that normalizes to nothing yields no token.
 * Errors: as nlp_tokenizer_encode(); NLP_ERR_INVALID_UTF8 names the word
 * and the byte. Thread-safe. */
NLP_API nlp_status nlp_tokenizer_encode_words(const nlp_tokenizer *tok,
                                              const char *const *words, const size_t *lens,
                                              size_t n, const nlp_encode_options *opts,
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


/* ---- NER (BERT token classification) ------------------------------------ */

/* ---- text-to-text (T5) and toxicity ------------------------------------- */

/* ---- metrics ------------------------------------------------------------ */

/* ---- training ----------------------------------------------------------- */

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* NLP_NLP_H */
