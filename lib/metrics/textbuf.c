/* textbuf.c - see textbuf.h. */
#include "metrics/textbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool reserve(nlp__textbuf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (nlp__grow((void **)&b->data, &b->cap, b->len + extra + 1, 1) != NLP_OK) {
        b->failed = true;
        return false;
    }
    return true;
}

void nlp__tb_append(nlp__textbuf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void nlp__tb_printf(nlp__textbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !reserve(b, (size_t)n)) {
        b->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void nlp__tb_json_string(nlp__textbuf *b, const char *s)
{
    nlp__tb_append(b, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            nlp__tb_printf(b, "\\%c", c);
        else if (c < 0x20)
            nlp__tb_printf(b, "\\u%04x", c);
        else
            nlp__tb_append(b, s, 1);
    }
    nlp__tb_append(b, "\"", 1);
}

void nlp__tb_json_double(nlp__textbuf *b, double v)
{
    if (!isfinite(v)) {
        nlp__tb_append(b, "null", 4);
        return;
    }
    char text[32];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(text, sizeof text, "%.*g", prec, v);
        if (strtod(text, NULL) == v)
            break;
    }
    /* Python writes integral floats with ".0"; keep that look. */
    if (!strpbrk(text, ".e"))
        strcat(text, ".0");
    nlp__tb_append(b, text, strlen(text));
}

nlp_status nlp__tb_take(nlp__textbuf *b, char **out)
{
    if (b->failed || !reserve(b, 0)) {
        free(b->data);
        *b = (nlp__textbuf){0};
        return nlp__fail(NLP_ERR_NOMEM, "out of memory building text");
    }
    *out = b->data;
    *b = (nlp__textbuf){0};
    return NLP_OK;
}
