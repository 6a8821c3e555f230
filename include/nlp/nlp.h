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
 * of parameters. The weights are inspected, never kept: a safetensors file
 * by its header alone; a pytorch_model.bin is loaded and released (its
 * format has no separate header). Keys: "dir", "model_type",
 * "architectures" [str], "config" {sizes as in config.json, after
 * transformers' defaults}, "num_labels", "labels" [str, by id], "tokenizer"
 * {"kind": "wordpiece"|"unigram"|null, "files" [names], "do_lower_case",
 * "strip_accents" (bool or null), "model_max_length" (int or null)},
 * "weights" ({"file", "format": "safetensors"|"pytorch", "tensors",
 * "parameters" (tied weights counted once)} or null when there is no weight
 * file). New keys may be added; existing ones keep their meaning.
 * *json receives a NUL-terminated string; free it with nlp_string_free().
 * Errors: NLP_ERR_INVALID_ARG (NULL argument), NLP_ERR_IO (missing
 * directory or config.json), NLP_ERR_FORMAT (malformed config or weights,
 * naming the file), NLP_ERR_UNSUPPORTED (model_type other than bert or t5,
 * or a .bin holding more than a state dict). Thread-safe. */
NLP_API nlp_status nlp_checkpoint_info(const char *dir, char **json);

/* ---- tokenizers (text) -------------------------------------------------- */

/* ---- NER (BERT token classification) ------------------------------------ */

/* ---- text-to-text (T5) and toxicity ------------------------------------- */

/* ---- metrics ------------------------------------------------------------ */

/* ---- training ----------------------------------------------------------- */

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* NLP_NLP_H */
