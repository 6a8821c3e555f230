/* jsonl_lines.c - see jsonl_lines.h. */
#include "io/jsonl_lines.h"

#include <stdlib.h>
#include <string.h>

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\r", s[i]))
            return false;
    return true;
}

static nlp_status one_line(const char *path, const char *s, size_t n, long line,
                           nlp__jsonl_fn fn, void *ctx)
{
    if (blank(s, n))
        return NLP_OK;
    if (nlp__utf8_check(s, n) != NLP_OK)
        return nlp__fail_at(NLP_ERR_INVALID_UTF8, path, line, "invalid UTF-8");
    json_error_t err;
    json_t *obj = json_loadb(s, n, 0, &err);
    if (!obj)
        return nlp__fail_at(NLP_ERR_FORMAT, path, line, "bad JSON at column %d: %s",
                            err.column, err.text);
    nlp_status st = json_is_object(obj) ? fn(ctx, obj, line)
                  : nlp__fail_at(NLP_ERR_FORMAT, path, line, "expected a JSON object");
    json_decref(obj);
    return st;
}

nlp_status nlp__jsonl_each(const char *path, nlp__jsonl_fn fn, void *ctx)
{
    char *text = NULL;
    size_t size = 0;
    nlp_status st = nlp__read_data_file(path, &text, &size);
    const char *p = text, *end = text + size;
    bool any = false;
    for (long line = 1; st == NLP_OK && p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        any = any || !blank(p, (size_t)(stop - p));
        st = one_line(path, p, (size_t)(stop - p), line, fn, ctx);
        p = stop + 1;
    }
    free(text);
    if (st == NLP_OK && !any)
        st = nlp__fail(NLP_ERR_FORMAT, "%s: empty JSON Lines file (no rows)", path);
    return st;
}
