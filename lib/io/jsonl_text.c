/* jsonl_text.c - classification rows from JSON Lines: one object per line
 * with a string text and a 0/1 label (integer, boolean or string). */
#include "io/jsonl_lines.h"
#include "io/text_data.h"

#include <stdio.h>

typedef struct text_jsonl {
    nlp__text_data *d;
    const nlp__text_options *opts;
} text_jsonl;

/* The wanted key, or the first fallback the object has. */
static json_t *field(const text_jsonl *r, json_t *obj, const char *wanted,
                     const char *const *fallbacks, const char **name)
{
    if (wanted) {
        *name = wanted;
        return json_object_get(obj, wanted);
    }
    *name = fallbacks[0];
    for (size_t k = 0; fallbacks[k]; k++) {
        json_t *v = json_object_get(obj, fallbacks[k]);
        if (v) {
            *name = fallbacks[k];
            return v;
        }
    }
    (void)r;
    return NULL;
}

static nlp_status label_text(const text_jsonl *r, json_t *v, const char *name, long line,
                             char *buf, size_t size)
{
    if (json_is_integer(v))
        snprintf(buf, size, "%lld", (long long)json_integer_value(v));
    else if (json_is_boolean(v))
        snprintf(buf, size, "%s", json_is_true(v) ? "1" : "0");
    else if (json_is_string(v))
        snprintf(buf, size, "%s", json_string_value(v));
    else
        return nlp__fail_at(NLP_ERR_FORMAT, r->d->path, line,
                            v ? "\"%s\" is not a 0/1 label" : "no label \"%s\"", name);
    return NLP_OK;
}

static nlp_status one_row(void *ctx, json_t *obj, long line)
{
    text_jsonl *r = ctx;
    const char *tname, *lname;
    json_t *text = field(r, obj, r->opts->text_field, nlp__text_fallbacks, &tname);
    json_t *label = field(r, obj, r->opts->label_field, nlp__label_fallbacks, &lname);
    if (!json_is_string(text))
        return nlp__fail_at(NLP_ERR_FORMAT, r->d->path, line,
                            text ? "\"%s\" is not a string" : "no text \"%s\"", tname);
    char buf[64];
    nlp_status st = label_text(r, label, lname, line, buf, sizeof buf);
    if (st != NLP_OK)
        return st;
    return nlp__text_data_add(r->d, json_string_value(text), json_string_length(text), buf,
                              line);
}

nlp_status nlp__jsonl_text_read(const char *path, const nlp__text_options *opts,
                                nlp__text_data **out)
{
    nlp__text_options defaults = {NULL, NULL};
    if (!path || !out)
        return nlp__null_arg("JSON Lines text read", path ? "out" : "path");
    text_jsonl r = {NULL, opts ? opts : &defaults};
    nlp_status st = nlp__text_data_create(path, &r.d);
    if (st == NLP_OK)
        st = nlp__jsonl_each(path, one_row, &r);
    if (st != NLP_OK) {
        nlp__text_data_free(r.d);
        return st;
    }
    *out = r.d;
    return NLP_OK;
}
