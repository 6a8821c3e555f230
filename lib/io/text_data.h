/* text_data.h - classification data in memory: rows of (text, 0/1 label),
 * read from CSV (csv_text.c, libcsv) or JSON Lines (jsonl_text.c). */
#ifndef NLP_IO_TEXT_DATA_H
#define NLP_IO_TEXT_DATA_H

#include "core/core.h"
#include "core/arena.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nlp__text_options {
    /* Column (CSV) or key (JSON Lines) names. NULL picks the first present
     * of "text", "user_input" (toxic-chat) for the text and "label",
     * "toxicity" for the label. */
    const char *text_field;
    const char *label_field;
} nlp__text_options;

typedef struct nlp__text_row {
    const char *text;   /* UTF-8, NUL-terminated, owned by the data set */
    size_t length;      /* bytes */
    int label;          /* 0 or 1 */
    long line;          /* 1-based line where the row starts */
} nlp__text_row;

typedef struct nlp__text_data {
    char *path;
    nlp__text_row *rows;
    size_t count, cap;
    size_t positives;   /* rows with label 1 */
    nlp__arena strings;
} nlp__text_data;

nlp_status nlp__csv_text_read(const char *path, const nlp__text_options *opts,
                              nlp__text_data **out);
nlp_status nlp__jsonl_text_read(const char *path, const nlp__text_options *opts,
                                nlp__text_data **out);
/* CSV or JSON Lines, by nlp__data_format_detect (content, then name). */
nlp_status nlp__text_data_read(const char *path, const nlp__text_options *opts,
                               nlp__text_data **out);
void nlp__text_data_free(nlp__text_data *d);

/* For the readers. */
nlp_status nlp__text_data_create(const char *path, nlp__text_data **out);
/* Check the text's UTF-8, copy it, parse the label ("0"/"1",
 * "true"/"false" in any case); errors name path:line. */
nlp_status nlp__text_data_add(nlp__text_data *d, const char *text, size_t length,
                              const char *label, long line);
/* Pick the column among names[0..n) per the options' rule; NULL name in
 * opts means the defaults. Returns the index or -1 with the error set. */
long nlp__text_pick_column(const char *path, const char *const *names, size_t n,
                           const char *wanted, const char *const *fallbacks, const char *what);

extern const char *const nlp__text_fallbacks[3];   /* "text", "user_input", NULL */
extern const char *const nlp__label_fallbacks[3];  /* "label", "toxicity", NULL */

#ifdef __cplusplus
}
#endif

#endif
