/* conll.c - CoNLL column files: `word ... tag` per line, columns split by
 * spaces or tabs, a blank line between sentences, -DOCSTART- lines
 * skipped. The file is read whole and split in place, so words point into
 * it. Every line must have as many columns as the first token line. */
#include "io/ner_data.h"

#include <stdlib.h>
#include <string.h>

typedef struct conll_reader {
    nlp__ner_data *d;
    int tag_column;
    size_t columns;          /* of the first token line; 0 before it */
    long columns_line;
    long line;
} conll_reader;

/* Cut the line into NUL-terminated fields; keep the first, the last and
 * the wanted one. Returns the field count. */
static size_t split_fields(char *s, int want, char **first, char **wanted, char **last)
{
    size_t n = 0;
    *first = *wanted = *last = NULL;
    while (*s) {
        while (*s == ' ' || *s == '\t')
            *s++ = '\0';
        if (!*s)
            break;
        if (n == 0)
            *first = s;
        if ((int)n == want)
            *wanted = s;
        *last = s;
        n++;
        while (*s && *s != ' ' && *s != '\t')
            s++;
    }
    return n;
}

static nlp_status token_line(conll_reader *r, char *s)
{
    char *word, *wanted, *last;
    size_t n = split_fields(s, r->tag_column, &word, &wanted, &last);
    const char *path = r->d->path;
    if (n == 0) {  /* whitespace only: a blank line */
        nlp__ner_data_end_sentence(r->d);
        return NLP_OK;
    }
    if (strcmp(word, "-DOCSTART-") == 0) {
        nlp__ner_data_end_sentence(r->d);
        return NLP_OK;
    }
    if (r->columns == 0) {
        r->columns = n;
        r->columns_line = r->line;
    }
    if (n != r->columns)
        return nlp__fail_at(NLP_ERR_FORMAT, path, r->line,
                            "%zu columns, expected %zu as on line %ld", n, r->columns,
                            r->columns_line);
    if (n < 2)
        return nlp__fail_at(NLP_ERR_FORMAT, path, r->line,
                            "1 column; expected a word and a tag");
    const char *tag = r->tag_column < 0 ? last : wanted;
    if (!tag)
        return nlp__fail_at(NLP_ERR_FORMAT, path, r->line, "no tag column %d (%zu columns)",
                            r->tag_column, n);
    return nlp__ner_data_add(r->d, word, tag, r->line);
}

static nlp_status read_lines(conll_reader *r, char *text, size_t size)
{
    char *p = text, *end = text + size;
    for (r->line = 1; p < end; r->line++) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *stop = nl ? nl : end;
        size_t len = (size_t)(stop - p);
        if (len > 0 && p[len - 1] == '\r')
            len--;
        p[len] = '\0';
        if (nlp__utf8_check(p, len) != NLP_OK)
            return nlp__fail_at(NLP_ERR_INVALID_UTF8, r->d->path, r->line, "invalid UTF-8");
        nlp_status st = token_line(r, p);
        if (st != NLP_OK)
            return st;
        p = stop + 1;
    }
    return NLP_OK;
}

nlp_status nlp__conll_read(const char *path, const nlp__ner_read_options *opts, nlp__ner_data **out)
{
    nlp__ner_read_options defaults = nlp__ner_read_options_default();
    if (!opts)
        opts = &defaults;
    if (!path || !out)
        return nlp__null_arg("CoNLL read", path ? "out" : "path");
    nlp__ner_data *d = NULL;
    nlp_status st = nlp__ner_data_create(path, opts, &d);
    size_t size = 0;
    if (st == NLP_OK)
        st = nlp__read_data_file(path, &d->text, &size);
    if (st == NLP_OK) {
        conll_reader r = {d, opts->tag_column, 0, 0, 0};
        st = read_lines(&r, d->text, size);
    }
    if (st == NLP_OK)
        st = nlp__ner_data_finish(d);
    if (st != NLP_OK) {
        nlp__ner_data_free(d);
        return st;
    }
    *out = d;
    return NLP_OK;
}
