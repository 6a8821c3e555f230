/* Bad text given to the run calls (rows ROBUST_TEXT_CASES of cases.h). */
#include "cases.h"
#include "robust_support.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t code_points(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Run NER on text and check every entity is an exact, in-order slice of
 * it, with consistent code point offsets. */
static nlp_status ner_slices(const char *text, size_t len, char *outcome, size_t cap)
{
    nlp_entities *e = NULL;
    nlp_status st = nlp_ner_run(robust_ner(), text, len, &e);
    if (st != NLP_OK)
        return st;
    size_t n = nlp_entities_count(e), prev = 0;
    for (size_t i = 0; i < n; i++) {
        const nlp_entity *x = nlp_entities_get(e, i);
        cr_assert(x->byte_start >= prev && x->byte_end > x->byte_start && x->byte_end <= len,
                  "entity %zu [%zu, %zu) of a %zu-byte text", i, x->byte_start, x->byte_end,
                  len);
        cr_assert(memcmp(x->text, text + x->byte_start, x->byte_end - x->byte_start) == 0);
        cr_assert_eq(x->char_start, code_points(text, x->byte_start));
        cr_assert_eq(x->char_end, code_points(text, x->byte_end));
        prev = x->byte_end;
    }
    nlp_entities_free(e);
    if (n)
        snprintf(outcome, cap, "%zu entities; entities are exact slices of the text", n);
    else
        snprintf(outcome, cap, "0 entities");
    return NLP_OK;
}

/* Same check, but the text must give no entity at all. */
static nlp_status ner_none(const char *text, size_t len, char *outcome, size_t cap)
{
    nlp_status st = ner_slices(text, len, outcome, cap);
    if (st == NLP_OK)
        cr_assert(strncmp(outcome, "0 entities", 10) == 0, "%s", outcome);
    return st;
}

static nlp_status toxic_verdict(const char *text, size_t len, char *outcome, size_t cap)
{
    nlp_toxic_result *r = NULL;
    nlp_status st = nlp_toxic_classify(robust_toxic(), text, len, &r);
    if (st != NLP_OK)
        return st;
    cr_assert(r->score >= 0 && r->score <= 1, "score %g", r->score);
    cr_assert(r->is_toxic == 0 || r->is_toxic == 1);
    snprintf(outcome, cap, "a verdict with score in [0, 1] (%g)", r->score);
    nlp_toxic_result_free(r);
    return NLP_OK;
}

static nlp_status run_ner_null_handle(char *o, size_t n)
{
    (void)o, (void)n;
    nlp_entities *e = NULL;
    return nlp_ner_run(NULL, "a", 1, &e);
}

static nlp_status run_toxic_null_handle(char *o, size_t n)
{
    (void)o, (void)n;
    nlp_toxic_result *r = NULL;
    return nlp_toxic_classify(NULL, "a", 1, &r);
}

static nlp_status run_ner_null_text(char *o, size_t n)
{
    (void)o, (void)n;
    nlp_entities *e = NULL;
    return nlp_ner_run(robust_ner(), NULL, 5, &e);
}

static nlp_status run_toxic_null_text(char *o, size_t n)
{
    (void)o, (void)n;
    nlp_toxic_result *r = NULL;
    return nlp_toxic_classify(robust_toxic(), NULL, 5, &r);
}

#define BYTES(s) s, sizeof s - 1

static nlp_status run_ner_invalid_utf8(char *o, size_t n)
{
    return ner_slices(BYTES("abc\xFF"), o, n);
}

static nlp_status run_toxic_invalid_utf8(char *o, size_t n)
{
    return toxic_verdict(BYTES("abc\xFF"), o, n);
}

static nlp_status run_ner_overlong_utf8(char *o, size_t n)
{
    return ner_slices(BYTES("a\xC0\xAF"), o, n);
}

static nlp_status run_ner_overlong_nul(char *o, size_t n)
{
    return ner_slices(BYTES("\xC0\x80"), o, n);
}

static nlp_status run_ner_surrogate(char *o, size_t n)
{
    return ner_slices(BYTES("x\xED\xA0\x80"), o, n);
}

static nlp_status run_toxic_surrogate(char *o, size_t n)
{
    return toxic_verdict(BYTES("\xED\xBF\xBF"), o, n);
}

static nlp_status run_ner_beyond_unicode(char *o, size_t n)
{
    return ner_slices(BYTES("\xF4\x90\x80\x80"), o, n);
}

static nlp_status run_ner_nul_bytes(char *o, size_t n)
{
    /* Also a longer mix, so some entity is likely: the slices must hold. */
    nlp_status st = ner_slices(BYTES("Angela\0Merkel\0 visited Paris\0and\0Berlin ."), o, n);
    return st == NLP_OK ? ner_slices(BYTES("Angela\0Merkel\0"), o, n) : st;
}

static nlp_status run_toxic_nul_bytes(char *o, size_t n)
{
    return toxic_verdict(BYTES("you are\0 a \0\0 idiot"), o, n);
}

static nlp_status run_ner_empty_text(char *o, size_t n)
{
    nlp_status st = ner_none(NULL, 0, o, n);
    return st == NLP_OK ? ner_none("", 0, o, n) : st;
}

static nlp_status run_toxic_empty_text(char *o, size_t n)
{
    nlp_status st = toxic_verdict(NULL, 0, o, n);
    return st == NLP_OK ? toxic_verdict("", 0, o, n) : st;
}

static nlp_status run_ner_only_whitespace(char *o, size_t n)
{
    return ner_none(BYTES(" \t\r\n  \xE3\x80\x80\xC2\xA0\n\n \x0B\x0C"), o, n);
}

static nlp_status run_ner_only_emoji(char *o, size_t n)
{
    /* Man technologist (ZWJ), a flag, skin tone, keycap, plain emoji. */
    return ner_slices(BYTES("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x92\xBB "
                            "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD "
                            "1\xEF\xB8\x8F\xE2\x83\xA3 \xF0\x9F\x98\x80\xF0\x9F\x98\x80"), o, n);
}

static nlp_status run_toxic_only_emoji(char *o, size_t n)
{
    return toxic_verdict(BYTES("\xF0\x9F\x98\xA1\xF0\x9F\x98\xA1 \xF0\x9F\x92\xA9"), o, n);
}

static nlp_status run_ner_control_chars(char *o, size_t n)
{
    return ner_slices(BYTES("\x01\x02 Paris\x1B[31mBerlin\x1B[0m \x7F London\xC2\x85\xC2\x9F"
                            " \x08\x07 Rome"), o, n);
}

/* 10 MiB of words: every run call refuses it under the default limit,
 * before tokenizing anything. */
static char *ten_mb_text(size_t *len)
{
    size_t n = 10u << 20;
    char *t = malloc(n);
    cr_assert_not_null(t);
    for (size_t i = 0; i < n; i++)
        t[i] = "Paris is nice "[i % 14];
    *len = n;
    return t;
}

static nlp_status run_ner_ten_mb_text(char *o, size_t n)
{
    (void)o, (void)n;
    size_t len;
    char *t = ten_mb_text(&len);
    nlp_entities *e = NULL;
    nlp_status st = nlp_ner_run(robust_ner(), t, len, &e);
    free(t);
    return st;
}

static nlp_status run_toxic_ten_mb_text(char *o, size_t n)
{
    (void)o, (void)n;
    size_t len;
    char *t = ten_mb_text(&len);
    nlp_toxic_result *r = NULL;
    nlp_status st = nlp_toxic_classify(robust_toxic(), t, len, &r);
    free(t);
    return st;
}

#define MANY 5000

static nlp_status run_ner_too_many_texts(char *o, size_t n)
{
    (void)o, (void)n;
    static const char *texts[MANY];
    static size_t lens[MANY];
    static nlp_entities *out[MANY];
    for (size_t i = 0; i < MANY; i++)
        texts[i] = "Paris", lens[i] = 5;
    return nlp_ner_run_batch(robust_ner(), texts, lens, MANY, out);
}

static nlp_status run_toxic_too_many_texts(char *o, size_t n)
{
    (void)o, (void)n;
    static const char *texts[MANY];
    static size_t lens[MANY];
    static nlp_toxic_result *out[MANY];
    for (size_t i = 0; i < MANY; i++)
        texts[i] = "hi", lens[i] = 2;
    return nlp_toxic_classify_batch(robust_toxic(), texts, lens, MANY, out);
}

#define X(suite, id, input, call, want, says)                                                 \
    Test(suite, id) { robust_check(#id, want, says, run_##id); }
ROBUST_TEXT_CASES(X)
#undef X
