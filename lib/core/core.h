/* core.h - internal plumbing shared by every room: errors, allocation,
 * devices. Not installed. */
#ifndef NLP_CORE_H
#define NLP_CORE_H

#include "nlp/nlp.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#  define NLP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#  define NLP_PRINTF(f, a)
#endif

/* Record this thread's error text and return status, so callers can write
 * `return nlp__fail(NLP_ERR_IO, "cannot open %s", path);`. */
nlp_status nlp__fail(nlp_status status, const char *fmt, ...) NLP_PRINTF(2, 3);
nlp_status nlp__vfail(nlp_status status, const char *fmt, va_list ap);

/* The same for data errors: the text starts with "file:line: ". line <= 0
 * leaves the line out. */
nlp_status nlp__fail_at(nlp_status status, const char *file, long line,
                        const char *fmt, ...) NLP_PRINTF(4, 5);

/* Prepend context to this thread's current error text ("loading X: ..."),
 * keeping the status. Returns status. */
nlp_status nlp__wrap(nlp_status status, const char *fmt, ...) NLP_PRINTF(2, 3);

/* "fn: name is NULL" as NLP_ERR_INVALID_ARG: the one wording of a missing
 * argument. fn is the exported function (or, below lib/api, what was being
 * done, e.g. "T5 model load"; never an internal nlp__ name). */
nlp_status nlp__null_arg(const char *fn, const char *name);

/* A pointer argument and its parameter name, for NLP__CHECK_ARGS. */
typedef struct nlp__arg {
    const char *name;
    const void *ptr;
} nlp__arg;
#define NLP__ARG(p) {#p, (const void *)(p)}
/* nlp__null_arg for the first NULL of the args, else NLP_OK. */
nlp_status nlp__check_args(const char *fn, const nlp__arg *args, size_t n);
#ifndef __cplusplus
#  define NLP__CHECK_ARGS(fn, ...)                                           \
    nlp__check_args(fn, (const nlp__arg[]){__VA_ARGS__},                     \
                    sizeof((const nlp__arg[]){__VA_ARGS__}) / sizeof(nlp__arg))
#endif

/* This thread's error text ("" when none; nlp_last_error() returns it),
 * clearing it, and a status's name (nlp_status_str()). */
const char *nlp__last_error(void);
void nlp__clear_error(void);
const char *nlp__status_str(nlp_status status);

/* Allocation helpers that record NLP_ERR_NOMEM on failure. */
void *nlp__malloc(size_t size);
void *nlp__calloc(size_t count, size_t size);
void *nlp__realloc(void *ptr, size_t size);
char *nlp__strdup(const char *s);
char *nlp__strndup(const char *s, size_t n);

/* Grow *items (of item_size bytes each) so it holds at least `need`
 * elements; *cap is the current capacity. */
nlp_status nlp__grow(void **items, size_t *cap, size_t need, size_t item_size);

/* Options structs (nlp.h, section 5). The largest size a caller may give:
 * anything above is a struct never filled by *_options_init. */
#define NLP__OPTIONS_MAX_SIZE 65536

/* Write the defaults (known bytes at defaults) into exactly `size` bytes at
 * options, zeroing bytes past known, and set the size field. name is the
 * struct's public name ("nlp_ner_options"), used in messages. */
nlp_status nlp__options_init(void *options, size_t size, const void *defaults, size_t known,
                             const char *name);

/* Read a caller's options: dst holds the defaults (known bytes); the first
 * given->size bytes of given overwrite them and dst's size becomes known.
 * given NULL keeps the defaults. Errors: NLP_ERR_INVALID_ARG for a size
 * below sizeof(size_t) or above NLP__OPTIONS_MAX_SIZE; NLP_ERR_UNSUPPORTED
 * when a byte past known is nonzero. Both name the struct. */
nlp_status nlp__options_read(void *dst, size_t known, const void *given, const char *name);

/* Input limits (nlp_ner_options / nlp_toxic_options max_text_bytes and
 * max_batch_texts): 0 in a caller's struct means these defaults. */
#define NLP__DEFAULT_MAX_TEXT_BYTES ((size_t)1 << 20)
#define NLP__DEFAULT_MAX_BATCH_TEXTS ((size_t)4096)

/* A caller's limit, 0 replaced by the default. */
size_t nlp__limit_or_default(size_t given, size_t fallback);

/* NLP_ERR_INVALID_ARG when `got` is above `limit`: the message names the
 * function, the thing measured ("text 3"; NULL when the count itself is
 * it: "5000 texts"), both sizes and the option
 * ("nlp_ner_options.max_text_bytes") that raises the limit. */
nlp_status nlp__check_limit(const char *function, const char *what, size_t got,
                            const char *unit, size_t limit, const char *option);

/* A parsed device name. index is -1 for "cuda" without a number. */
typedef enum nlp__device_kind {
    NLP__DEVICE_CPU,
    NLP__DEVICE_CUDA,
    NLP__DEVICE_AUTO
} nlp__device_kind;

typedef struct nlp__device {
    nlp__device_kind kind;
    int index;
} nlp__device;

/* Parse "cpu", "cuda", "cuda:N", "auto" (NULL or "" mean "auto"). */
nlp_status nlp__device_parse(const char *name, nlp__device *out);

/* Bound the BLAS library's threads (OpenBLAS ignores at::set_num_threads).
 * Looks the setter up at run time so any BLAS works. */
void nlp__blas_set_num_threads(int n);

/* Validate UTF-8; on failure sets NLP_ERR_INVALID_UTF8 naming the byte
 * position. */
nlp_status nlp__utf8_check(const char *text, size_t len);

/* Read a whole file into a NUL-terminated malloc'd buffer. */
nlp_status nlp__read_file(const char *path, char **data, size_t *size);

/* The longest line a data file (CoNLL, CSV, JSON Lines) may hold: a line
 * past it is a broken or hostile file, refused before it is read whole. */
#define NLP__MAX_DATA_LINE ((size_t)64 << 20)

/* nlp__read_file for data files: a leading UTF-8 byte order mark is
 * dropped, and the file is read in chunks, stopping with NLP_ERR_FORMAT
 * naming the file and line at the first line longer than
 * NLP__MAX_DATA_LINE bytes. */
nlp_status nlp__read_data_file(const char *path, char **data, size_t *size);

/* Join a directory and a file name into a malloc'd path. */
char *nlp__path_join(const char *dir, const char *name);

/* True when path names an existing regular file. */
bool nlp__file_exists(const char *path);

#ifdef __cplusplus
}
#endif

#endif
