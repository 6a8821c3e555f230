/* The NER decoding steps on synthetic probabilities: labels, word
 * aggregation, BIO repair, windows. */
#include "task/ner_decode.h"
#include "task/ner_windows.h"

#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

static char *const conll[] = {"O", "B-PER", "I-PER", "B-ORG", "I-ORG",
                              "B-LOC", "I-LOC", "B-MISC", "I-MISC"};

Test(ner_labels, prefixes_give_kinds_and_types)
{
    char *const names[] = {"O", "B-PER", "I-LOC", "MISC", "B_ORG"};
    nlp__ner_labels l;
    cr_assert_eq(nlp__ner_labels_init(&l, names, 5), NLP_OK);
    cr_assert_eq(l.kinds[0], NLP__TAG_O);
    cr_assert_null(l.types[0]);
    cr_assert_eq(l.kinds[1], NLP__TAG_B);
    cr_assert_str_eq(l.types[1], "PER");
    cr_assert_eq(l.kinds[2], NLP__TAG_I);
    cr_assert_str_eq(l.types[2], "LOC");
    /* transformers' pipeline reads a bare class as I- of itself */
    cr_assert_eq(l.kinds[3], NLP__TAG_I);
    cr_assert_str_eq(l.types[3], "MISC");
    cr_assert_str_eq(l.types[4], "ORG");
    cr_assert(nlp__ner_same_type(&l, 1, 1));
    cr_assert_not(nlp__ner_same_type(&l, 1, 2));
    nlp__ner_labels_clear(&l);
    cr_assert_eq(nlp__ner_labels_init(&l, names, 0), NLP_ERR_FORMAT);
}

Test(ner_decode, softmax_is_stable_and_sums_to_one)
{
    float x[3] = {1000.0f, 1000.0f, -1000.0f}, p[3];
    nlp__softmax(x, 3, p);
    cr_assert_float_eq(p[0], 0.5f, 1e-6);
    cr_assert_float_eq(p[1], 0.5f, 1e-6);
    cr_assert_float_eq(p[2], 0.0f, 1e-6);
}

/* Three labels; word 0 = tokens 0-2, then a special (-1), word 1 = token 4. */
static const float probs3[] = {
    0.5f, 0.4f, 0.1f,  /* token 0: first subword says 0 */
    0.1f, 0.2f, 0.7f,  /* token 1 */
    0.0f, 0.9f, 0.1f,  /* token 2: the most confident subword says 1 */
    1.0f, 0.0f, 0.0f,  /* token 3: special, skipped */
    0.2f, 0.3f, 0.5f,  /* token 4 */
};
static const int32_t wids3[] = {0, 0, 0, -1, 1};

static nlp__word_label word0(nlp__aggregation agg, size_t *n)
{
    nlp__word_label *w = NULL;
    cr_assert_eq(nlp__ner_word_labels(probs3, 3, wids3, 5, agg, &w, n), NLP_OK);
    cr_assert_eq(*n, 2);
    cr_assert_eq(w[1].tok_begin, 4);
    cr_assert_eq(w[1].label, 2);
    nlp__word_label r = w[0];
    free(w);
    return r;
}

Test(ner_decode, aggregation_first_average_max)
{
    size_t n;
    nlp__word_label w = word0(NLP__AGG_FIRST, &n);
    cr_assert_eq(w.tok_begin, 0);
    cr_assert_eq(w.tok_end, 3);
    cr_assert_eq(w.label, 0);
    cr_assert_float_eq(w.score, 0.5f, 1e-6);
    w = word0(NLP__AGG_AVERAGE, &n); /* means: 0.2, 0.5, 0.3 */
    cr_assert_eq(w.label, 1);
    cr_assert_float_eq(w.score, 0.5f, 1e-6);
    w = word0(NLP__AGG_MAX, &n);
    cr_assert_eq(w.label, 1);
    cr_assert_float_eq(w.score, 0.9f, 1e-6);
}

static void decode(const int32_t *tags, size_t n, nlp__entity_span **spans, size_t *count)
{
    nlp__ner_labels l;
    cr_assert_eq(nlp__ner_labels_init(&l, conll, 9), NLP_OK);
    nlp__word_label words[32];
    for (size_t i = 0; i < n; i++)
        words[i] = (nlp__word_label){i, i + 1, tags[i], 0.1f * (float)(i + 1)};
    cr_assert_eq(nlp__ner_spans(&l, words, n, spans, count), NLP_OK);
    nlp__ner_labels_clear(&l);
}

Test(ner_decode, bio_repair_starts_entities_at_stray_inside_tags)
{
    /* B-PER I-PER O I-LOC B-LOC I-LOC I-PER I-ORG I-ORG B-ORG O */
    const int32_t tags[] = {1, 2, 0, 6, 5, 6, 2, 4, 4, 3, 0};
    const size_t want[][3] = {{0, 2, 1}, {3, 4, 6}, {4, 6, 5}, {6, 7, 2}, {7, 9, 4}, {9, 10, 3}};
    nlp__entity_span *s = NULL;
    size_t n = 0;
    decode(tags, 11, &s, &n);
    cr_assert_eq(n, 6);
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(s[i].word_begin, want[i][0], "entity %zu", i);
        cr_assert_eq(s[i].word_end, want[i][1], "entity %zu", i);
        cr_assert_eq(s[i].label, (int32_t)want[i][2], "entity %zu", i);
    }
    cr_assert_float_eq(s[0].score, 0.15f, 1e-6); /* mean of 0.1 and 0.2 */
    cr_assert_float_eq(s[4].score, 0.85f, 1e-6);
    free(s);
}

Test(ner_decode, entity_at_the_end_and_none_at_all)
{
    const int32_t tags[] = {0, 7, 8};
    nlp__entity_span *s = NULL;
    size_t n = 0;
    decode(tags, 3, &s, &n);
    cr_assert_eq(n, 1);
    cr_assert_eq(s[0].word_begin, 1);
    cr_assert_eq(s[0].word_end, 3);
    free(s);
    const int32_t none[] = {0, 0};
    decode(none, 2, &s, &n);
    cr_assert_eq(n, 0);
    cr_assert_null(s);
}

/* Words of 1..3 tokens in a repeating pattern. */
static int32_t *make_words(size_t n)
{
    int32_t *w = malloc(n * sizeof *w);
    int32_t id = 0;
    for (size_t i = 0; i < n; id++)
        for (size_t k = 0; k < 1 + (size_t)id % 3 && i < n; k++)
            w[i++] = id;
    return w;
}

Test(ner_windows, cover_overlap_and_respect_words)
{
    const size_t n = 1000, max = 100, stride = 30;
    int32_t *wid = make_words(n);
    nlp__window *w = NULL;
    size_t count = 0;
    cr_assert_eq(nlp__ner_windows(wid, n, max, stride, &w, &count), NLP_OK);
    cr_assert_eq(w[0].start, 0);
    cr_assert_eq(w[count - 1].end, n);
    for (size_t i = 0; i < count; i++) {
        cr_assert_leq(w[i].end - w[i].start, max);
        cr_assert(w[i].end == n || wid[w[i].end] != wid[w[i].end - 1], "end splits a word");
        cr_assert(w[i].start == 0 || wid[w[i].start] != wid[w[i].start - 1]);
        if (i > 0) {
            cr_assert_gt(w[i].start, w[i - 1].start);
            cr_assert_geq(w[i - 1].end, w[i].start + stride, "overlap below stride");
        }
    }
    size_t *owner = malloc(n * sizeof *owner);
    nlp__ner_window_owners(wid, n, w, count, owner);
    for (size_t t = 0; t < n; t++) {
        const nlp__window *o = &w[owner[t]];
        cr_assert(o->start <= t && t < o->end, "token %zu outside its window", t);
        if (t > 0 && wid[t] == wid[t - 1])
            cr_assert_eq(owner[t], owner[t - 1], "a word split between windows");
    }
    /* A token far from both ends of the overlap belongs to the window where
     * it is central: the middle of window 1 is owned by window 1. */
    size_t mid = (w[1].start + w[1].end) / 2;
    cr_assert_eq(owner[mid], 1);
    free(owner);
    free(w);
    free(wid);
}

Test(ner_windows, short_texts_make_one_window_and_bad_stride_fails)
{
    int32_t wid[] = {0, 1, 2};
    nlp__window *w = NULL;
    size_t count = 0;
    cr_assert_eq(nlp__ner_windows(wid, 3, 10, 5, &w, &count), NLP_OK);
    cr_assert_eq(count, 1);
    cr_assert_eq(w[0].end, 3);
    free(w);
    cr_assert_eq(nlp__ner_windows(wid, 3, 10, 10, &w, &count), NLP_ERR_INVALID_ARG);
}

/* Found by fuzz_ner_run: a one-token word followed by a word longer than a
 * window gave a first window [0, 1), shorter than the stride; end - stride
 * wrapped below 0 and the windows ran on forever (memory without bound). */
Test(ner_windows, window_shorter_than_the_stride_still_moves_forward)
{
    enum { n = 60 };
    int32_t wid[n];
    wid[0] = 0;
    for (size_t i = 1; i < n; i++)
        wid[i] = 1; /* one word of 59 subword tokens */
    nlp__window *w = NULL;
    size_t count = 0;
    cr_assert_eq(nlp__ner_windows(wid, n, 14, 4, &w, &count), NLP_OK);
    cr_assert_eq(w[0].start, 0);
    cr_assert_eq(w[0].end, 1, "the first window ends at the long word");
    cr_assert_eq(w[count - 1].end, n);
    cr_assert_lt(count, n, "%zu windows for %d tokens", count, n);
    for (size_t i = 0; i < count; i++) {
        cr_assert_lt(w[i].start, w[i].end);
        cr_assert_leq(w[i].end, n);
        cr_assert_leq(w[i].end - w[i].start, 14);
        if (i > 0)
            cr_assert_gt(w[i].start, w[i - 1].start);
    }
    free(w);
}
