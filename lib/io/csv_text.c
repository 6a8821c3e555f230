/* csv_text.c - classification rows from CSV (RFC 4180: quoted fields may
 * hold commas, doubled quotes and newlines) through libcsv in strict mode.
 * The file is fed to the parser one line at a time so that every record,
 * and every error, can be given the line it starts on. */
#include "io/text_data.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct csv_state {
    nlp__text_data *d;
    const nlp__text_options *opts;
    long line, record_line;
    bool at_record_start, header_done;
    char **header;
    size_t header_count, header_cap;
    long text_col, label_col;
    size_t field;            /* index of the next field in this record */
    char *text;              /* copy of this record's text field */
    size_t text_len, text_cap;
    char label[64];
    nlp_status status;       /* first failure; later callbacks do nothing */
} csv_state;

static int no_space(unsigned char c)
{
    (void)c;
    return 0;  /* keep leading and trailing blanks: they are part of the text */
}

static void keep_header(csv_state *s, const char *f, size_t n)
{
    nlp_status st = nlp__grow((void **)&s->header, &s->header_cap, s->header_count + 1,
                              sizeof *s->header);
    char *name = st == NLP_OK ? nlp__strndup(f, n) : NULL;
    if (!name) {
        s->status = NLP_ERR_NOMEM;
        return;
    }
    s->header[s->header_count++] = name;
}

static void keep_text(csv_state *s, const char *f, size_t n)
{
    if (nlp__grow((void **)&s->text, &s->text_cap, n + 1, 1) != NLP_OK) {
        s->status = NLP_ERR_NOMEM;
        return;
    }
    memcpy(s->text, f, n);
    s->text[n] = '\0';
    s->text_len = n;
}

/* The next record starts on the current line. feed() calls this before a
 * line that is not blank (a quoted field's callback comes only at its end,
 * maybe lines later); on_field() for records that begin inside a line,
 * after a bare CR (old Mac line ends). */
static void mark_record_start(csv_state *s)
{
    if (s->at_record_start) {
        s->record_line = s->line;
        s->at_record_start = false;
    }
}

static void on_field(void *field, size_t n, void *ctx)
{
    csv_state *s = ctx;
    const char *f = field ? field : "";
    if (s->status != NLP_OK)
        return;
    mark_record_start(s); /* a record that began after a bare CR inside this line */
    if (!s->header_done)
        keep_header(s, f, n);
    else if ((long)s->field == s->text_col)
        keep_text(s, f, n);
    else if ((long)s->field == s->label_col)
        snprintf(s->label, sizeof s->label, "%.*s", (int)(n < 63 ? n : 63), f);
    s->field++;
}

static void pick_columns(csv_state *s)
{
    const char *const *names = (const char *const *)s->header;
    s->text_col = nlp__text_pick_column(s->d->path, names, s->header_count,
                                        s->opts->text_field, nlp__text_fallbacks, "text");
    if (s->text_col >= 0)
        s->label_col = nlp__text_pick_column(s->d->path, names, s->header_count,
                                             s->opts->label_field, nlp__label_fallbacks, "label");
    if (s->text_col < 0 || s->label_col < 0)
        s->status = NLP_ERR_FORMAT;
}

static void on_record(int c, void *ctx)
{
    (void)c;
    csv_state *s = ctx;
    if (s->status == NLP_OK && !s->header_done) {
        s->header_done = true;
        pick_columns(s);
    } else if (s->status == NLP_OK && s->field != s->header_count) {
        s->status = nlp__fail_at(NLP_ERR_FORMAT, s->d->path, s->record_line,
                                 "%zu fields, the header has %zu", s->field, s->header_count);
    } else if (s->status == NLP_OK) {
        s->status = nlp__text_data_add(s->d, s->text ? s->text : "", s->text_len, s->label,
                                       s->record_line);
    }
    s->field = 0;
    s->text_len = 0;
    s->at_record_start = true;
}

static nlp_status parse_error(csv_state *s, struct csv_parser *p, long line)
{
    if (csv_error(p) == CSV_ENOMEM)
        return nlp__fail(NLP_ERR_NOMEM, "%s: out of memory parsing CSV", s->d->path);
    return nlp__fail_at(NLP_ERR_FORMAT, s->d->path, line,
                        "malformed CSV (a quote inside an unquoted field, or text after a "
                        "closing quote)");
}

static nlp_status feed(csv_state *s, struct csv_parser *p, const char *text, size_t size)
{
    const char *q = text, *end = text + size; /* the reader dropped any BOM */
    for (s->line = 1; q < end && s->status == NLP_OK; s->line++) {
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        size_t n = (size_t)((nl ? nl + 1 : end) - q);
        if (q[0] != '\n' && q[0] != '\r')
            mark_record_start(s);
        if (csv_parse(p, q, n, on_field, on_record, s) != n)
            return parse_error(s, p, s->line);
        q += n;
    }
    if (s->status != NLP_OK)
        return s->status;
    if (csv_fini(p, on_field, on_record, s) != 0)
        return nlp__fail_at(NLP_ERR_FORMAT, s->d->path, s->record_line,
                            "unterminated quoted field (the file ends inside it)");
    if (s->status == NLP_OK && !s->header_done)
        s->status = nlp__fail_at(NLP_ERR_FORMAT, s->d->path, 1, "empty CSV file (no header)");
    return s->status;
}

nlp_status nlp__csv_text_read(const char *path, const nlp__text_options *opts,
                              nlp__text_data **out)
{
    nlp__text_options defaults = {NULL, NULL};
    if (!path || !out)
        return nlp__null_arg("CSV read", path ? "out" : "path");
    csv_state s = {.opts = opts ? opts : &defaults, .at_record_start = true};
    char *text = NULL;
    size_t size = 0;
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return nlp__fail(NLP_ERR_NOMEM, "csv: cannot initialise the parser");
    csv_set_space_func(&p, no_space);
    nlp_status st = nlp__text_data_create(path, &s.d);
    if (st == NLP_OK)
        st = nlp__read_data_file(path, &text, &size);
    if (st == NLP_OK)
        st = feed(&s, &p, text, size);
    csv_free(&p);
    free(text);
    free(s.text);
    for (size_t i = 0; i < s.header_count; i++)
        free(s.header[i]);
    free(s.header);
    if (st != NLP_OK) {
        nlp__text_data_free(s.d);
        return st;
    }
    *out = s.d;
    return NLP_OK;
}
