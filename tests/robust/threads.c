/* 16 threads share one NER model and one toxicity model: 10,000 calls in
 * all on varied texts, each result identical to the serial run's. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "ner_support.h"
#include "robust_support.h"
#include "test_support.h"

#include <criterion/criterion.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 16
#define CALLS 10000
#define CONLL_TEXTS 300

/* CoNLL-2003 test sentences (read at test time), then texts no sentence
 * looks like: empty, white space, emoji, control characters, mixed
 * scripts, and one long enough for several NER windows. */
static char **varied_texts(size_t *count)
{
    size_t n = 0;
    char **conll = conll_texts(CONLL_TEXTS, &n);
    static const char *const odd[] = {
        "", "   \t\n", "\xF0\x9F\x98\x80\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7",
        "\x01\x1B[1mParis\x1B[0m\x7F",
        "M\xC3\xBCnchen und Z\xC3\xBCrich, \xE6\x9D\xB1\xE4\xBA\xAC",
        "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 Angela Merkel "
        "\xD9\x85\xD8\xB1\xD8\xAD",
        "ALL CAPS GERMANY VERSUS FRANCE", "a", "."};
    size_t n_odd = sizeof odd / sizeof *odd;
    char **t = calloc(n + n_odd + 1, sizeof *t);
    memcpy(t, conll, n * sizeof *t);
    free(conll);
    for (size_t i = 0; i < n_odd; i++)
        t[n++] = strdup(odd[i]);
    /* 40 sentences in one text: over 512 tokens, so several windows. */
    size_t bytes = 1;
    for (size_t i = 0; i < 40; i++)
        bytes += strlen(t[i]) + 1;
    t[n] = calloc(1, bytes);
    for (size_t i = 0; i < 40; i++)
        strcat(strcat(t[n], t[i]), " ");
    *count = n + 1;
    return t;
}

typedef struct serial {
    nlp_entities **ner;
    nlp_toxic_result **toxic;
} serial;

typedef struct worker {
    int id;
    char **texts;
    size_t n_texts;
    const serial *want;
    size_t calls;
    char why[512];
} worker;

static int same_verdict(const nlp_toxic_result *a, const nlp_toxic_result *b, char *why,
                        size_t cap)
{
    if (a->is_toxic != b->is_toxic || a->matched != b->matched || a->score != b->score ||
        a->label != b->label || strcmp(a->generated, b->generated)) {
        snprintf(why, cap, "verdict %d '%s' %.17g, serially %d '%s' %.17g", a->is_toxic,
                 a->generated, a->score, b->is_toxic, b->generated, b->score);
        return 0;
    }
    return 1;
}

/* Thread id makes calls id, id + THREADS, ...: even calls run NER, odd
 * ones toxicity, on texts in a different order per thread. */
static void *work(void *arg)
{
    worker *w = arg;
    for (size_t k = (size_t)w->id; k < CALLS && !w->why[0]; k += THREADS) {
        size_t i = (k * 7919 + (size_t)w->id) % w->n_texts;
        const char *text = w->texts[i];
        if (k % 2 == 0) {
            nlp_entities *e = NULL;
            if (nlp_ner_run(robust_ner(), text, strlen(text), &e) != NLP_OK)
                snprintf(w->why, sizeof w->why, "call %zu: %s", k, nlp_last_error());
            else
                same_entities(e, w->want->ner[i], 0.0f, w->why, sizeof w->why);
            nlp_entities_free(e);
        } else {
            nlp_toxic_result *r = NULL;
            if (nlp_toxic_classify(robust_toxic(), text, strlen(text), &r) != NLP_OK)
                snprintf(w->why, sizeof w->why, "call %zu: %s", k, nlp_last_error());
            else
                same_verdict(r, w->want->toxic[i], w->why, sizeof w->why);
            nlp_toxic_result_free(r);
        }
        w->calls++;
    }
    return NULL;
}

Test(threads, sixteen_threads_ten_thousand_calls_equal_the_serial_run, .timeout = 1200)
{
    size_t n = 0;
    char **texts = varied_texts(&n);
    serial want = {calloc(n, sizeof *want.ner), calloc(n, sizeof *want.toxic)};
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(nlp_ner_run(robust_ner(), texts[i], strlen(texts[i]), &want.ner[i]),
                     NLP_OK, "%s", nlp_last_error());
        cr_assert_eq(nlp_toxic_classify(robust_toxic(), texts[i], strlen(texts[i]),
                                        &want.toxic[i]), NLP_OK, "%s", nlp_last_error());
    }
    worker w[THREADS];
    pthread_t th[THREADS];
    for (int t = 0; t < THREADS; t++) {
        w[t] = (worker){t, texts, n, &want, 0, ""};
        cr_assert_eq(pthread_create(&th[t], NULL, work, &w[t]), 0);
    }
    size_t calls = 0;
    for (int t = 0; t < THREADS; t++) {
        pthread_join(th[t], NULL);
        cr_assert_eq(w[t].why[0], '\0', "thread %d: %s", t, w[t].why);
        calls += w[t].calls;
    }
    cr_assert_eq(calls, CALLS);
    size_t entities = 0;
    for (size_t i = 0; i < n; i++) {
        entities += nlp_entities_count(want.ner[i]);
        nlp_entities_free(want.ner[i]);
        nlp_toxic_result_free(want.toxic[i]);
    }
    free_texts(texts, n);
    cr_assert_gt(entities, 100, "too few entities for the comparison to mean much");
    free(want.ner);
    free(want.toxic);
}
