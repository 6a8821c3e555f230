/* Broken and unusual data files (rows ROBUST_DATA_CASES of cases.h). The
 * CSV and JSON Lines rows go through the reader nlp_toxic_evaluate_model
 * and nlp_toxic_train use; CoNLL through nlp_conll_read. */
#define _GNU_SOURCE
#include "cases.h"
#include "io/text_data.h"
#include "robust_support.h"
#include "test_support.h"

#include <criterion/criterion.h>

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *data_file(const char *name, const char *content)
{
    static char path[4200];
    snprintf(path, sizeof path, "%s", robust_join(scratch_dir("data"), name));
    cr_assert(write_bytes(path, content, strlen(content)));
    return path;
}

static nlp_status conll(const char *name, const char *content, nlp_conll **out)
{
    nlp_conll *c = NULL;
    nlp_status st = nlp_conll_read(data_file(name, content), NULL, &c);
    if (out)
        *out = c;
    else
        nlp_conll_free(c);
    return st;
}

static nlp_status rows(const char *name, const char *content, nlp__text_data **out)
{
    nlp__text_data *d = NULL;
    nlp_status st = nlp__text_data_read(data_file(name, content), NULL, &d);
    if (out)
        *out = d;
    else
        nlp__text_data_free(d);
    return st;
}

static const char *const conll_lf = "-DOCSTART- -X- O\n\nEU NNP B-ORG\nrejects VBZ O\n\n"
                                    "Peter NNP B-PER\nBlackburn NNP I-PER\n";

/* Read both versions and require the same words, tags and lengths. */
static nlp_status same_conll(const char *name, const char *variant, const char *what,
                             char *o, size_t n)
{
    nlp_conll *a = NULL, *b = NULL;
    cr_assert_eq(conll("plain.conll", conll_lf, &a), NLP_OK, "%s", nlp_last_error());
    nlp_status st = conll(name, variant, &b);
    if (st != NLP_OK)
        return st;
    size_t tokens = nlp_conll_token_count(a);
    cr_assert_eq(nlp_conll_sentence_count(b), nlp_conll_sentence_count(a));
    cr_assert_eq(nlp_conll_token_count(b), tokens);
    for (size_t i = 0; i < tokens; i++) {
        cr_assert_str_eq(nlp_conll_words(b)[i], nlp_conll_words(a)[i]);
        cr_assert_str_eq(nlp_conll_tags(b)[i], nlp_conll_tags(a)[i]);
    }
    for (size_t i = 0; i < nlp_conll_sentence_count(a); i++)
        cr_assert_eq(nlp_conll_lengths(b)[i], nlp_conll_lengths(a)[i]);
    snprintf(o, n, "%zu sentences, %zu tokens: same sentences as %s",
             nlp_conll_sentence_count(b), tokens, what);
    nlp_conll_free(a);
    nlp_conll_free(b);
    return NLP_OK;
}

/* text[0..len) equals want once each "\r\n" of text is read as "\n": a
 * line break inside a quoted CSV field is part of the value (RFC 4180, and
 * Python's csv module keeps it), so a CRLF file keeps its CRLF there. */
static bool same_text(const char *text, size_t len, const char *want, size_t want_len)
{
    size_t j = 0;
    for (size_t i = 0; i < len; i++, j++) {
        if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
            i++;
        if (j >= want_len || text[i] != want[j])
            return false;
    }
    return j == want_len;
}

static nlp_status same_rows(const char *plain_name, const char *plain, const char *name,
                            const char *variant, const char *what, char *o, size_t n)
{
    nlp__text_data *a = NULL, *b = NULL;
    cr_assert_eq(rows(plain_name, plain, &a), NLP_OK, "%s", nlp_last_error());
    nlp_status st = rows(name, variant, &b);
    if (st != NLP_OK)
        return st;
    cr_assert_eq(b->count, a->count);
    for (size_t i = 0; i < a->count; i++) {
        cr_assert(same_text(b->rows[i].text, b->rows[i].length, a->rows[i].text,
                            a->rows[i].length), "row %zu: \"%s\" vs \"%s\"", i,
                  b->rows[i].text, a->rows[i].text);
        cr_assert_eq(b->rows[i].label, a->rows[i].label);
    }
    snprintf(o, n, "%zu rows: same rows as %s", b->count, what);
    nlp__text_data_free(a);
    nlp__text_data_free(b);
    return NLP_OK;
}

static const char *const csv_lf = "user_input,toxicity\nhello there,0\n\"multi\nline, quoted\",1\n"
                                  "bye,0\n";
static const char *const jsonl_lf = "{\"user_input\": \"hello\", \"toxicity\": 0}\n"
                                    "{\"user_input\": \"you \\\"fool\\\"\", \"toxicity\": 1}\n";

/* Replace every "\n" by "\r\n" (in a static buffer). */
static const char *crlf(const char *s)
{
    static char out[4096];
    size_t k = 0;
    for (; *s && k + 2 < sizeof out; s++) {
        if (*s == '\n')
            out[k++] = '\r';
        out[k++] = *s;
    }
    out[k] = '\0';
    return out;
}

static const char *bom(const char *s)
{
    static char out[4096];
    snprintf(out, sizeof out, "\xEF\xBB\xBF%s", s);
    return out;
}

static nlp_status run_conll_ragged(char *o, size_t n)
{
    (void)o, (void)n;
    return conll("ragged.conll", "EU NNP B-ORG\nrejects O\n", NULL);
}

static nlp_status run_csv_ragged(char *o, size_t n)
{
    (void)o, (void)n;
    return rows("ragged.csv", "id,user_input,toxicity\n1,a,0\n2,b\n", NULL);
}

static nlp_status run_csv_unterminated_quote(char *o, size_t n)
{
    (void)o, (void)n;
    return rows("quote.csv", "user_input,toxicity\nhello,0\n\"open,1\nstill open,0\n", NULL);
}

static nlp_status run_jsonl_unterminated_string(char *o, size_t n)
{
    (void)o, (void)n;
    return rows("quote.jsonl", "{\"user_input\": \"a\", \"toxicity\": 0}\n"
                               "{\"user_input\": \"open, \"toxicity\": 1}\n", NULL);
}

static nlp_status run_conll_unknown_label(char *o, size_t n)
{
    (void)o, (void)n;
    nlp_seqeval_report *r = NULL;
    nlp_status st = nlp_ner_evaluate(robust_ner(), data_file("unknown.conll",
                                     "EU B-ORG\nyesterday B-DATE\n"), NULL, &r);
    nlp_seqeval_report_free(r);
    return st;
}

static nlp_status run_csv_unknown_label(char *o, size_t n)
{
    (void)o, (void)n;
    return rows("label.csv", "user_input,toxicity\nfine,maybe\n", NULL);
}

static nlp_status run_conll_empty(char *o, size_t n)
{
    (void)o, (void)n;
    return conll("empty.conll", "", NULL);
}

static nlp_status run_csv_empty(char *o, size_t n)
{
    (void)o, (void)n;
    return rows("empty.csv", "", NULL);
}

static nlp_status run_jsonl_empty(char *o, size_t n)
{
    (void)o, (void)n;
    nlp__text_data *d = NULL;
    nlp_status st = nlp__jsonl_text_read(data_file("empty.jsonl", ""), NULL, &d);
    nlp__text_data_free(d);
    return st;
}

static nlp_status run_conll_crlf(char *o, size_t n)
{
    return same_conll("crlf.conll", crlf(conll_lf), "with LF", o, n);
}

static nlp_status run_csv_crlf(char *o, size_t n)
{
    return same_rows("lf.csv", csv_lf, "crlf.csv", crlf(csv_lf), "with LF", o, n);
}

static nlp_status run_jsonl_crlf(char *o, size_t n)
{
    return same_rows("lf.jsonl", jsonl_lf, "crlf.jsonl", crlf(jsonl_lf), "with LF", o, n);
}

static nlp_status run_conll_bom(char *o, size_t n)
{
    return same_conll("bom.conll", bom(conll_lf), "without the BOM", o, n);
}

static nlp_status run_csv_bom(char *o, size_t n)
{
    return same_rows("plain.csv", csv_lf, "bom.csv", bom(csv_lf), "without the BOM", o, n);
}

static nlp_status run_jsonl_bom(char *o, size_t n)
{
    return same_rows("plain.jsonl", jsonl_lf, "bom.jsonl", bom(jsonl_lf), "without the BOM", o,
                     n);
}

/* head, then a sparse hole to 2 GiB: no disk space is used, and the
 * reader must stop long before reading it all. */
static const char *sparse_file(const char *name, const char *head)
{
    const char *path = data_file(name, head);
    int fd = open(path, O_WRONLY);
    cr_assert_geq(fd, 0);
    cr_assert_eq(ftruncate(fd, (off_t)2 << 30), 0);
    close(fd);
    return path;
}

static nlp_status run_csv_2gb_line(char *o, size_t n)
{
    (void)o, (void)n;
    nlp__text_data *d = NULL;
    const char *path = sparse_file("huge.csv", "user_input,toxicity\n\"");
    nlp_status st = nlp__text_data_read(path, NULL, &d);
    nlp__text_data_free(d);
    unlink(path);
    return st;
}

static nlp_status run_conll_2gb_line(char *o, size_t n)
{
    (void)o, (void)n;
    nlp_conll *c = NULL;
    const char *path = sparse_file("huge.conll", "EU");
    nlp_status st = nlp_conll_read(path, NULL, &c);
    nlp_conll_free(c);
    unlink(path);
    return st;
}

#define X(suite, id, input, call, want, says)                                                 \
    Test(suite, id) { robust_check(#id, want, says, run_##id); }
ROBUST_DATA_CASES(X)
#undef X
