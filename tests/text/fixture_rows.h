/* fixture_rows.h - reading the tokenizer golden files (JSON Lines) and
 * comparing an encoding with one row, collecting the first mismatches. */
#ifndef NLP_TEST_FIXTURE_ROWS_H
#define NLP_TEST_FIXTURE_ROWS_H

#include "text/encoding.h"

#include <jansson.h>

typedef struct mismatch_log {
    const char *file;
    size_t count;
    char first[4096]; /* the first few mismatch messages */
} mismatch_log;

/* A row's "words" array as C strings with byte lengths. */
typedef struct row_words {
    char **words;
    size_t *lens;
    size_t n;
} row_words;

void row_words_read(json_t *array, row_words *w);
void row_words_free(row_words *w);

/* Record one mismatching row (line is 1-based). */
void mismatch(mismatch_log *log, size_t line, const char *fmt, ...);

typedef void (*row_fn)(const void *ctx, json_t *row, size_t line, mismatch_log *log);

/* Call fn for every line of path; returns the number of rows. */
size_t for_each_row(const char *path, const void *ctx, row_fn fn, mismatch_log *log);

/* Compare ids, tokens, word_ids, offsets (code points) and byte offsets
 * with the row. Word rows (w->n > 0 or text NULL) have offsets relative to
 * each word; their byte offsets are derived from the code point ones. */
void compare_encoding(const nlp__encoding *enc, json_t *row, const row_words *w,
                      const char *text, size_t line, mismatch_log *log);

#endif
