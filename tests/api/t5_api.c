/* The public text-to-text and toxicity API: contracts, errors, options,
 * threads, random init. Model numerics are covered by tests/model. */
#include "io/safetensors.h"
#include "test_support.h"

#include <nlp/nlp.h>

#include <criterion/criterion.h>

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *case0 = "write me a for a snake game on java";

static nlp_toxic_model *toxic_load(const char *dir, const nlp_toxic_options *o)
{
    nlp_toxic_model *m = NULL;
    cr_assert_eq(nlp_toxic_load(shared_path(dir), o, &m), NLP_OK, "%s", nlp_last_error());
    return m;
}

Test(t5_api, generate_and_logits_through_the_public_header)
{
    nlp_t5_options o = nlp_t5_options_default();
    o.device = "cpu";
    nlp_t5_model *m = NULL;
    cr_assert_eq(nlp_t5_load(shared_path("fixtures/t5-tiny"), &o, &m), NLP_OK, "%s",
                 nlp_last_error());
    cr_assert_eq(nlp_t5_vocab_size(m), 32128);
    char *out = NULL;
    const char *text = "toxic: write me a for a snake game on java";
    cr_assert_eq(nlp_t5_generate(m, text, strlen(text), 3, &out), NLP_OK, "%s", nlp_last_error());
    cr_expect_str_eq(out, "Pla Pla Pla"); /* cases.json row 0 */
    nlp_string_free(out);

    /* Row 0 of the fixture, teacher-forced with the label "no". */
    const int32_t ids[] = {12068, 10, 1431, 140, 3, 9, 21, 3, 9, 17599, 467, 30, 3, 27578, 1};
    const int32_t dec[] = {0, 150};
    size_t n = 2 * 32128;
    float *logits = malloc(n * sizeof *logits);
    cr_expect_eq(nlp_t5_logits(m, ids, NULL, 1, 15, dec, 2, logits, n - 1), NLP_ERR_INVALID_ARG);
    cr_assert_eq(nlp_t5_logits(m, ids, NULL, 1, 15, dec, 2, logits, n), NLP_OK);
    /* log-softmax of step 0 at "no" = cases.json label_word_logprobs_step1. */
    double max = logits[0], sum = 0;
    for (size_t v = 0; v < 32128; v++)
        max = fmax(max, logits[v]);
    for (size_t v = 0; v < 32128; v++)
        sum += exp(logits[v] - max);
    cr_expect_float_eq(logits[150] - max - log(sum), -11.85147476196289, 1e-4);
    const int32_t bad[] = {0, 40000};
    cr_expect_eq(nlp_t5_logits(m, ids, NULL, 1, 15, bad, 2, logits, n), NLP_ERR_INVALID_ARG);
    free(logits);
    nlp_t5_free(m);
    nlp_t5_free(NULL);
}

Test(t5_api, load_errors_say_what_is_wrong)
{
    nlp_t5_model *m = NULL;
    cr_expect_eq(nlp_t5_load("/nonexistent/model", NULL, &m), NLP_ERR_IO);
    cr_expect_null(m);
    nlp_t5_options o = nlp_t5_options_default();
    o.device = "cuda";
    nlp_status want = nlp_device_check("cuda", NULL) == NLP_OK ? NLP_OK : NLP_ERR_DEVICE;
    nlp_status got = nlp_t5_load(shared_path("fixtures/t5-tiny"), &o, &m);
    cr_expect_eq(got, want, "cuda: %s", nlp_last_error());
    nlp_t5_free(m);
    m = NULL;
    o.device = "tpu";
    cr_expect_eq(nlp_t5_load(shared_path("fixtures/t5-tiny"), &o, &m), NLP_ERR_INVALID_ARG);
    o = nlp_t5_options_default();
    o.size = 3;
    cr_expect_eq(nlp_t5_load(shared_path("fixtures/t5-tiny"), &o, &m), NLP_ERR_INVALID_ARG);
    nlp_toxic_model *t = NULL;
    cr_expect_eq(nlp_toxic_load(shared_path("fixtures/bert-tiny-ner"), NULL, &t),
                 NLP_ERR_UNSUPPORTED, "%s", nlp_last_error());
    cr_expect_null(t);
}

Test(toxic_api, classify_default_options_and_result_contract)
{
    nlp_toxic_model *m = toxic_load("fixtures/t5-tiny", NULL);
    nlp_toxic_result *r = NULL;
    cr_assert_eq(nlp_toxic_classify(m, case0, strlen(case0), &r), NLP_OK, "%s",
                 nlp_last_error());
    /* Defaults: yes/no, "toxic: ", generation of 2 tokens ("Pla Pla"). */
    cr_expect_str_eq(r->generated, "Pla Pla");
    cr_expect_eq(r->matched, 0);
    double score = 1.0 / (1.0 + exp(-11.85147476196289 + 12.30234146118164));
    cr_expect_float_eq(r->score, score, 1e-4);
    cr_expect_eq(r->is_toxic, 0);
    cr_expect_eq(r->label, 1);
    nlp_toxic_result_free(r);
    nlp_toxic_result_free(NULL);

    cr_expect_eq(nlp_toxic_classify(m, "\xff", 1, &r), NLP_ERR_INVALID_UTF8);
    cr_expect_eq(nlp_toxic_classify(m, NULL, 3, &r), NLP_ERR_INVALID_ARG);
    cr_assert_eq(nlp_toxic_classify(m, "", 0, &r), NLP_OK); /* just "toxic: </s>" */
    nlp_toxic_result_free(r);
    nlp_toxic_free(m);
    nlp_toxic_free(NULL);
}

Test(toxic_api, score_only_skips_generation)
{
    nlp_toxic_options o = nlp_toxic_options_default();
    o.score_only = 1;
    nlp_toxic_model *m = toxic_load("fixtures/t5-tiny", &o);
    nlp_toxic_result *r = NULL;
    cr_assert_eq(nlp_toxic_classify(m, case0, strlen(case0), &r), NLP_OK);
    cr_expect_str_eq(r->generated, "");
    cr_expect_eq(r->matched, 0);
    cr_expect_float_eq(r->score, 1.0 / (1.0 + exp(-11.85147476196289 + 12.30234146118164)),
                       1e-4);
    nlp_toxic_result_free(r);
    nlp_toxic_free(m);
}

Test(toxic_api, label_words_are_checked_at_load)
{
    nlp_toxic_options o = nlp_toxic_options_default();
    nlp_toxic_model *m = NULL;
    nlp_toxic_label unknown[] = {{"yes", 1}, {"{}", 0}};
    o.labels = unknown;
    o.label_count = 2;
    cr_expect_eq(nlp_toxic_load(shared_path("fixtures/t5-tiny"), &o, &m), NLP_ERR_INVALID_ARG);
    cr_expect(strstr(nlp_last_error(), "\"{}\"") != NULL, "%s", nlp_last_error());
    nlp_toxic_label same[] = {{"yes", 1}, {" yes ", 0}};
    o.labels = same;
    cr_expect_eq(nlp_toxic_load(shared_path("fixtures/t5-tiny"), &o, &m), NLP_ERR_INVALID_ARG);
    nlp_toxic_label empty[] = {{"yes", 1}, {" ", 0}};
    o.labels = empty;
    cr_expect_eq(nlp_toxic_load(shared_path("fixtures/t5-tiny"), &o, &m), NLP_ERR_INVALID_ARG);
    o.label_count = 0;
    cr_expect_eq(nlp_toxic_load(shared_path("fixtures/t5-tiny"), &o, &m), NLP_ERR_INVALID_ARG);
    cr_expect_null(m);
}

/* One label word alone (or only words of one side) would give every text
 * the same verdict: load, evaluation and training refuse it. */
Test(toxic_api, label_set_needs_a_toxic_and_a_non_toxic_word)
{
    const char *dir = shared_path("fixtures/t5-tiny");
    nlp_toxic_options o = nlp_toxic_options_default();
    nlp_toxic_model *m = NULL;
    nlp_toxic_label alone[] = {{"yes", 1}};
    o.labels = alone;
    o.label_count = 1;
    cr_expect_eq(nlp_toxic_load(dir, &o, &m), NLP_ERR_INVALID_ARG);
    cr_expect(strstr(nlp_last_error(), "toxic and a non-toxic word"), "%s", nlp_last_error());
    cr_expect(strstr(nlp_last_error(), "\"yes\""), "%s", nlp_last_error());
    nlp_toxic_label calm[] = {{"no", 0}, {"fine", 0}};
    o.labels = calm;
    o.label_count = 2;
    cr_expect_eq(nlp_toxic_load(dir, &o, &m), NLP_ERR_INVALID_ARG);
    cr_expect(strstr(nlp_last_error(), "are non-toxic"), "%s", nlp_last_error());
    cr_expect_null(m);

    char data[4096];
    snprintf(data, sizeof data, "%s/rows.jsonl", scratch_dir("toxic-one-label"));
    const char rows[] = "{\"user_input\": \"hi\", \"toxicity\": 0}\n";
    cr_assert(write_bytes(data, rows, sizeof rows - 1));
    nlp_classification_metrics cm = {.size = sizeof cm};
    o.labels = alone;
    o.label_count = 1;
    cr_expect_eq(nlp_toxic_evaluate(dir, data, &o, NULL, NULL, 0, &cm), NLP_ERR_INVALID_ARG);
    cr_expect(strstr(nlp_last_error(), "non-toxic"), "%s", nlp_last_error());

    nlp_train_options t = nlp_train_options_default();
    t.output_dir = scratch_dir("toxic-one-label-train");
    cr_expect_eq(nlp_toxic_train(dir, data, NULL, &o, &t, NULL), NLP_ERR_INVALID_ARG);
    cr_expect(strstr(nlp_last_error(), "non-toxic"), "%s", nlp_last_error());
}

/* An old caller's struct stops before label_count: the rest are defaults. */
Test(toxic_api, options_read_only_within_the_callers_size)
{
    nlp_toxic_options o = nlp_toxic_options_default();
    nlp_toxic_label words[] = {{"nonsense", 1}};
    o.labels = words;
    o.label_count = 1;
    o.size = offsetof(nlp_toxic_options, labels);
    o.prefix = "toxic: ";
    nlp_toxic_model *m = toxic_load("fixtures/t5-tiny", &o);
    nlp_toxic_result *r = NULL;
    cr_assert_eq(nlp_toxic_classify(m, case0, strlen(case0), &r), NLP_OK);
    cr_expect_eq(r->label, 1); /* "no" of the default labels */
    nlp_toxic_result_free(r);
    nlp_toxic_free(m);
}

typedef struct worker {
    const nlp_toxic_model *model;
    const char *const *texts;
    size_t *lens, count;
    double scores[8];
    nlp_status status;
} worker;

static void *classify_all(void *arg)
{
    worker *w = arg;
    for (int round = 0; round < 3 && w->status == NLP_OK; round++)
        for (size_t i = 0; i < w->count && w->status == NLP_OK; i++) {
            nlp_toxic_result *r = NULL;
            w->status = nlp_toxic_classify(w->model, w->texts[i], w->lens[i], &r);
            if (w->status == NLP_OK)
                w->scores[i] = r->score;
            nlp_toxic_result_free(r);
        }
    return NULL;
}

Test(toxic_api, one_model_serves_many_threads)
{
    nlp_toxic_model *m = toxic_load("fixtures/t5-tiny-gated", NULL);
    const char *texts[] = {case0, "how to get laid", "hello there", "Create 20 paraphrases"};
    size_t lens[4];
    for (size_t i = 0; i < 4; i++)
        lens[i] = strlen(texts[i]);
    nlp_toxic_result *ref[4];
    cr_assert_eq(nlp_toxic_classify_batch(m, texts, lens, 4, ref), NLP_OK);
    worker w[4];
    pthread_t th[4];
    for (int t = 0; t < 4; t++) {
        w[t] = (worker){m, texts, lens, 4, {0}, NLP_OK};
        pthread_create(&th[t], NULL, classify_all, &w[t]);
    }
    for (int t = 0; t < 4; t++) {
        pthread_join(th[t], NULL);
        cr_expect_eq(w[t].status, NLP_OK);
        for (size_t i = 0; i < 4; i++)
            cr_expect_float_eq(w[t].scores[i], ref[i]->score, 1e-5);
    }
    for (size_t i = 0; i < 4; i++)
        nlp_toxic_result_free(ref[i]);
    nlp_toxic_free(m);
}

/* nlp_t5_init: Hugging Face's init scheme, reproducible from the seed. */
Test(t5_api, init_writes_a_loadable_checkpoint_from_a_seed)
{
    const char *config = "fixtures/t5-tiny-gated/config.json";
    char a[4096], b[4096], path[4096];
    snprintf(a, sizeof a, "%s/a", scratch_dir("t5-init"));
    snprintf(b, sizeof b, "%s/b", scratch_dir("t5-init-b"));
    cr_assert_eq(nlp_t5_init(shared_path(config), 7, a), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(nlp_t5_init(shared_path(config), 7, b), NLP_OK, "%s", nlp_last_error());
    char *da = NULL, *db = NULL;
    size_t na = 0, nb = 0;
    snprintf(path, sizeof path, "%s/model.safetensors", a);
    cr_assert_eq(nlp__read_file(path, &da, &na), NLP_OK);
    snprintf(path, sizeof path, "%s/model.safetensors", b);
    cr_assert_eq(nlp__read_file(path, &db, &nb), NLP_OK);
    cr_expect(na == nb && memcmp(da, db, na) == 0, "same seed, different weights");
    free(da);
    free(db);

    /* Spot-check the scheme: q ~ N(0, (d_model d_kv)^-1/2), norms 1. */
    snprintf(path, sizeof path, "%s/model.safetensors", a);
    nlp__st_file *f = NULL;
    cr_assert_eq(nlp__st_open(path, &f), NLP_OK);
    const nlp__st_tensor *q = nlp__st_find(f, "encoder.block.0.layer.0.SelfAttention.q.weight");
    const nlp__st_tensor *ln = nlp__st_find(f, "decoder.final_layer_norm.weight");
    cr_assert(q && ln && nlp__st_find(f, "lm_head.weight"));
    const float *qv = q->data, *lv = ln->data;
    double ss = 0;
    for (size_t i = 0; i < q->nbytes / 4; i++)
        ss += (double)qv[i] * qv[i];
    double sd = sqrt(ss / (double)(q->nbytes / 4)), want = 1.0 / sqrt(16.0 * 8.0);
    cr_expect(fabs(sd - want) < 0.2 * want, "q std %g, expected %g", sd, want);
    for (size_t i = 0; i < ln->nbytes / 4; i++)
        cr_expect_eq(lv[i], 1.0f);
    nlp__st_release(f);

    snprintf(path, sizeof path, "%s/spiece.model", a);
    cr_expect(nlp__file_exists(path), "tokenizer copied");
    nlp_toxic_model *m = NULL;
    cr_expect_eq(nlp_toxic_load(a, NULL, &m), NLP_OK, "%s", nlp_last_error());
    nlp_toxic_free(m);
    cr_expect_eq(nlp_t5_init("/nonexistent/config.json", 1, a), NLP_ERR_IO);
}
