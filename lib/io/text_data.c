/* text_data.c - rows of (text, label) shared by the CSV and JSON Lines
 * readers: label parsing, column choice, storage. */
#include "io/text_data.h"
#include "io/data_format.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const nlp__text_fallbacks[3] = {"text", "user_input", NULL};
const char *const nlp__label_fallbacks[3] = {"label", "toxicity", NULL};

nlp_status nlp__text_data_create(const char *path, nlp__text_data **out)
{
    nlp__text_data *d = nlp__calloc(1, sizeof *d);
    if (!d || !(d->path = nlp__strdup(path))) {
        free(d);
        return NLP_ERR_NOMEM;
    }
    *out = d;
    return NLP_OK;
}

void nlp__text_data_free(nlp__text_data *d)
{
    if (!d)
        return;
    nlp__arena_free(&d->strings);
    free(d->rows);
    free(d->path);
    free(d);
}

static int parse_label(const char *s)
{
    if (strcmp(s, "1") == 0 || strcasecmp(s, "true") == 0)
        return 1;
    if (strcmp(s, "0") == 0 || strcasecmp(s, "false") == 0)
        return 0;
    return -1;
}

nlp_status nlp__text_data_add(nlp__text_data *d, const char *text, size_t length,
                              const char *label, long line)
{
    int value = parse_label(label);
    if (value < 0)
        return nlp__fail_at(NLP_ERR_FORMAT, d->path, line,
                            "bad label \"%.40s\" (expected 0/1 or true/false)", label);
    if (nlp__utf8_check(text, length) != NLP_OK)
        return nlp__fail_at(NLP_ERR_INVALID_UTF8, d->path, line, "text is not valid UTF-8");
    if (memchr(text, '\0', length))
        return nlp__fail_at(NLP_ERR_FORMAT, d->path, line, "text contains a NUL byte");
    nlp_status st = nlp__grow((void **)&d->rows, &d->cap, d->count + 1, sizeof *d->rows);
    const char *copy = st == NLP_OK ? nlp__arena_strndup(&d->strings, text, length) : NULL;
    if (!copy)
        return NLP_ERR_NOMEM;
    d->rows[d->count++] = (nlp__text_row){copy, length, value, line};
    d->positives += (size_t)value;
    return NLP_OK;
}

static long find_name(const char *const *names, size_t n, const char *want)
{
    for (size_t i = 0; i < n; i++)
        if (names[i] && strcmp(names[i], want) == 0)
            return (long)i;
    return -1;
}

long nlp__text_pick_column(const char *path, const char *const *names, size_t n,
                           const char *wanted, const char *const *fallbacks, const char *what)
{
    if (wanted) {
        long i = find_name(names, n, wanted);
        if (i < 0)
            nlp__fail_at(NLP_ERR_FORMAT, path, 1, "no %s column \"%s\"", what, wanted);
        return i;
    }
    for (size_t k = 0; fallbacks[k]; k++) {
        long i = find_name(names, n, fallbacks[k]);
        if (i >= 0)
            return i;
    }
    nlp__fail_at(NLP_ERR_FORMAT, path, 1, "no %s column (looked for \"%s\" and \"%s\")", what,
                 fallbacks[0], fallbacks[1]);
    return -1;
}

nlp_status nlp__text_data_read(const char *path, const nlp__text_options *opts,
                               nlp__text_data **out)
{
    if (!path || !out)
        return nlp__null_arg("text data read", path ? "out" : "path");
    nlp_data_format format;
    nlp_status st = nlp__data_format_detect(path, &format);
    if (st != NLP_OK)
        return st;
    if (format == NLP_DATA_CSV)
        return nlp__csv_text_read(path, opts, out);
    if (format == NLP_DATA_CONLL)
        return nlp__fail(NLP_ERR_FORMAT, "%s: looks like CoNLL columns; classification data "
                         "is CSV (a header row) or JSON Lines", path);
    return nlp__jsonl_text_read(path, opts, out);
}
