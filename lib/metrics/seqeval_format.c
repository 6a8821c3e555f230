/* seqeval_format.c - the report as seqeval's text table and as its
 * output_dict JSON. */
#include "metrics/seqeval.h"
#include "metrics/textbuf.h"

#include <string.h>

/* Python pads by code points, not bytes. */
static size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* '{:>{width}s}' */
static void pad_left(nlp__textbuf *b, const char *s, size_t width)
{
    for (size_t n = utf8_length(s); n < width; n++)
        nlp__tb_append(b, " ", 1);
    nlp__tb_append(b, s, strlen(s));
}

/* StringReporter's row: name, three floats, support. */
static void text_row(nlp__textbuf *b, const nlp_entity_score *row, size_t width, int digits)
{
    pad_left(b, row->type, width);
    nlp__tb_printf(b, "  %9.*f %9.*f %9.*f %9zu\n", digits, row->precision, digits, row->recall,
                   digits, row->f1, row->support);
}

nlp_status nlp__seqeval_report_text(const nlp_seqeval_report *r, int digits, char **out)
{
    if (!r || !out || digits < 0 || digits > 17)
        return nlp__fail(NLP_ERR_INVALID_ARG, "seqeval report text: bad argument");
    /* width = max(longest type name, len("weighted avg"), digits) */
    size_t width = strlen("weighted avg");
    if ((size_t)digits > width)
        width = (size_t)digits;
    for (size_t i = 0; i < r->type_count; i++)
        if (utf8_length(r->types[i].type) > width)
            width = utf8_length(r->types[i].type);
    nlp__textbuf b = {0};
    pad_left(&b, "", width);
    nlp__tb_printf(&b, "  %9s %9s %9s %9s\n\n", "precision", "recall", "f1-score", "support");
    for (size_t i = 0; i < r->type_count; i++)
        text_row(&b, &r->types[i], width, digits);
    nlp__tb_append(&b, "\n", 1);
    for (int k = NLP_AVERAGE_MICRO; k <= NLP_AVERAGE_WEIGHTED; k++)
        text_row(&b, &r->avg[k], width, digits);
    return nlp__tb_take(&b, out);
}

static void json_row(nlp__textbuf *b, const nlp_entity_score *row)
{
    nlp__tb_json_string(b, row->type);
    nlp__tb_append(b, ": {\"precision\": ", 16);
    nlp__tb_json_double(b, row->precision);
    nlp__tb_append(b, ", \"recall\": ", 12);
    nlp__tb_json_double(b, row->recall);
    nlp__tb_append(b, ", \"f1-score\": ", 14);
    nlp__tb_json_double(b, row->f1);
    nlp__tb_printf(b, ", \"support\": %zu}, ", row->support);
}

nlp_status nlp__seqeval_report_json(const nlp_seqeval_report *r, char **out)
{
    if (!r || !out)
        return nlp__null_arg("seqeval JSON report", r ? "out" : "report");
    nlp__textbuf b = {0};
    nlp__tb_append(&b, "{", 1);
    for (size_t i = 0; i < r->type_count; i++)
        json_row(&b, &r->types[i]);
    for (int k = NLP_AVERAGE_MICRO; k <= NLP_AVERAGE_WEIGHTED; k++)
        json_row(&b, &r->avg[k]);
    nlp__tb_append(&b, "\"accuracy\": ", 12);
    nlp__tb_json_double(&b, r->accuracy);
    nlp__tb_append(&b, "}", 1);
    return nlp__tb_take(&b, out);
}
