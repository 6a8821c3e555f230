/* Entity invariants over CoNLL-2003 and hand-made Unicode texts: the
 * entity text is the slice in both offset systems, entities sit on word
 * edges, batch == one by one. */
#include "api/ner_model.h"
#include "ner_support.h"
#include "test_support.h"

#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

/* Byte offset of code point `cp` in text (walking lead bytes). */
static size_t byte_of_char(const char *text, size_t len, size_t cp)
{
    size_t b = 0;
    for (size_t c = 0; b < len && c < cp; c++)
        do
            b++;
        while (b < len && ((unsigned char)text[b] & 0xC0) == 0x80);
    return b;
}

/* Word edges as the tokenizer sees them: starts and ends of pre-tokens. */
static void word_edges(const nlp_ner_model *m, const char *text, size_t len, char *starts,
                       char *ends)
{
    nlp__encoding *enc = NULL;
    cr_assert_eq(nlp__tokenizer_encode(m->tokenizer, text, len, false, 0, &enc), NLP_OK);
    memset(starts, 0, len + 1);
    memset(ends, 0, len + 1);
    for (size_t t = 0; t < enc->count; t++) {
        if (t == 0 || enc->word_ids[t] != enc->word_ids[t - 1])
            starts[enc->byte_start[t]] = 1;
        if (t + 1 == enc->count || enc->word_ids[t] != enc->word_ids[t + 1])
            ends[enc->byte_end[t]] = 1;
    }
    nlp__encoding_free(enc);
}

static size_t check_entities(const nlp_ner_model *m, const char *text, const nlp_entities *e)
{
    size_t len = strlen(text);
    char *starts = malloc(len + 1), *ends = malloc(len + 1);
    word_edges(m, text, len, starts, ends);
    size_t prev_end = 0;
    for (size_t i = 0; i < nlp_entities_count(e); i++) {
        const nlp_entity *x = nlp_entities_get(e, i);
        cr_assert(x->byte_start < x->byte_end && x->byte_end <= len, "%s", text);
        cr_assert_geq(x->byte_start, prev_end, "entities overlap or are unsorted: %s", text);
        prev_end = x->byte_end;
        size_t n = x->byte_end - x->byte_start;
        cr_assert(strlen(x->text) == n && memcmp(x->text, text + x->byte_start, n) == 0,
                  "byte slice of '%s' in '%s'", x->text, text);
        size_t b0 = byte_of_char(text, len, x->char_start);
        size_t b1 = byte_of_char(text, len, x->char_end);
        cr_assert(b0 == x->byte_start && b1 == x->byte_end,
                  "code point slice [%zu,%zu) of '%s' in '%s'", x->char_start, x->char_end,
                  x->text, text);
        cr_assert(starts[x->byte_start] && ends[x->byte_end],
                  "'%s' starts or ends inside a word of '%s'", x->text, text);
        cr_assert(x->score > 0 && x->score <= 1);
        cr_assert(strcmp(x->label, "PER") == 0 || strcmp(x->label, "ORG") == 0 ||
                  strcmp(x->label, "LOC") == 0 || strcmp(x->label, "MISC") == 0);
    }
    free(starts);
    free(ends);
    return nlp_entities_count(e);
}

Test(ner_invariants, conll_test_sentences_batch_equals_one_by_one)
{
    nlp_ner_model *m = ner_fixture(NULL);
    size_t n = 0;
    char **texts = conll_texts(1000, &n);
    cr_assert_eq(n, 1000);
    size_t *lens = malloc(n * sizeof *lens);
    for (size_t i = 0; i < n; i++)
        lens[i] = strlen(texts[i]);
    nlp_entities **batch = calloc(n, sizeof *batch);
    cr_assert_eq(nlp_ner_run_batch(m, (const char *const *)texts, lens, n, batch), NLP_OK,
                 "%s", nlp_last_error());
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        total += check_entities(m, texts[i], batch[i]);
        if (i % 10 == 0) { /* one by one (no padding) gives the same */
            nlp_entities *one = NULL;
            char why[512];
            cr_assert_eq(nlp_ner_run(m, texts[i], lens[i], &one), NLP_OK);
            cr_assert(same_entities(one, batch[i], 1e-5f, why, sizeof why), "text %zu: %s",
                      i, why);
            nlp_entities_free(one);
        }
        nlp_entities_free(batch[i]);
    }
    cr_assert_gt(total, 500, "only %zu entities: the invariants were barely exercised", total);
    free(batch);
    free(lens);
    free_texts(texts, n);
    nlp_ner_free(m);
}

Test(ner_invariants, unicode_offsets_in_bytes_and_code_points)
{
    static const char *const texts[] = {
        "Ángela Merkel besuchte São Paulo und Zürich mit François Hollande.",
        "東京で John Smith と会った。 Владимир Путин приехал в Москву.",
        "Cafe\xcc\x81 Crème in Köln 🙂 met 👩‍🔬 Dr. Ñúñez at the Ünïcödé GmbH.",
        "Ελλάδα, Αθήνα — Κυριάκος Μητσοτάκης; المغرب الرباط; ‘Quoted’ «Names» …",
        "  leading spaces\tand\ttabs\nNew York Times\r\nReuters  ",
        "Mixed: IBM's CEO Ginni Rometty (U.S.A.) & Deutsche Bank AG – €5bn deal.",
    };
    size_t n = sizeof texts / sizeof *texts, total = 0;
    for (int agg = NLP_AGGREGATION_FIRST; agg <= NLP_AGGREGATION_MAX; agg++) {
        nlp_ner_options o = nlp_ner_options_default();
        o.aggregation = (nlp_aggregation)agg;
        nlp_ner_model *m = ner_fixture(&o);
        for (size_t i = 0; i < n; i++) {
            nlp_entities *e = NULL;
            cr_assert_eq(nlp_ner_run(m, texts[i], strlen(texts[i]), &e), NLP_OK, "%s",
                         nlp_last_error());
            total += check_entities(m, texts[i], e);
            nlp_entities_free(e);
        }
        nlp_ner_free(m);
    }
    cr_assert_gt(total, 10, "only %zu entities", total);
}
