/* T5 against Hugging Face transformers: the fixtures in
 * ../shared/fixtures/t5-tiny* hold a batch of 16 tokenized toxic-chat
 * prompts and what transformers computed for them. */
#include "io/hf_config.h"
#include "io/safetensors.h"
#include "model/t5.h"
#include "test_support.h"

#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct fixture {
    nlp__hf_config *config;
    nlp__t5_model *model;
    nlp__st_file *expected;
    size_t batch, len, vocab, d_model;
    int32_t *ids, *mask, *dec_ids, *labels, *generated;
    size_t gen_cols;
} fixture;

static const nlp__st_tensor *tensor(const fixture *f, const char *name)
{
    const nlp__st_tensor *t = nlp__st_find(f->expected, name);
    cr_assert_not_null(t, "expected.safetensors lacks %s", name);
    return t;
}

/* An I64 tensor of the expected file as int32, malloc'd. */
static int32_t *ids_of(const fixture *f, const char *name)
{
    const nlp__st_tensor *t = tensor(f, name);
    cr_assert_eq(t->dtype, NLP__I64);
    size_t n = t->nbytes / 8;
    int32_t *out = malloc(n * sizeof *out);
    for (size_t i = 0; i < n; i++) {
        int64_t v;
        memcpy(&v, (const char *)t->data + 8 * i, 8);
        out[i] = (int32_t)v;
    }
    return out;
}

static float f32_at(const nlp__st_tensor *t, size_t i)
{
    float v;
    memcpy(&v, (const char *)t->data + 4 * i, 4);
    return v;
}

/* model_dir holds the checkpoint; expected_dir the reference outputs (the
 * -bin twins share their sibling's). */
static fixture fixture_open(const char *model_dir, const char *expected_dir)
{
    fixture f = {0};
    char path[4096];
    snprintf(path, sizeof path, "%s", shared_path(model_dir));
    cr_assert_eq(nlp__hf_config_load(path, &f.config), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(nlp__t5_model_load(f.config, "cpu", &f.model), NLP_OK, "%s", nlp_last_error());
    snprintf(path, sizeof path, "%s/expected.safetensors", shared_path(expected_dir));
    cr_assert_eq(nlp__st_open(path, &f.expected), NLP_OK, "%s", nlp_last_error());
    const nlp__st_tensor *ids = tensor(&f, "input_ids");
    f.batch = (size_t)ids->shape[0];
    f.len = (size_t)ids->shape[1];
    f.vocab = (size_t)f.config->t5.vocab_size;
    f.d_model = (size_t)f.config->t5.d_model;
    f.ids = ids_of(&f, "input_ids");
    f.mask = ids_of(&f, "attention_mask");
    f.dec_ids = ids_of(&f, "decoder_input_ids");
    f.labels = ids_of(&f, "labels");
    f.generated = ids_of(&f, "generated_ids");
    f.gen_cols = (size_t)tensor(&f, "generated_ids")->shape[1];
    return f;
}

static void fixture_close(fixture *f)
{
    free(f->ids);
    free(f->mask);
    free(f->dec_ids);
    free(f->labels);
    free(f->generated);
    nlp__st_release(f->expected);
    nlp__t5_model_free(f->model);
    nlp__hf_config_free(f->config);
}

static void check_encoder(const fixture *f, const nlp__t5_batch *src)
{
    const nlp__st_tensor *want = tensor(f, "encoder_last_hidden_state");
    size_t n = f->batch * f->len * f->d_model;
    float *got = malloc(n * sizeof *got);
    cr_assert_eq(nlp__t5_model_encoder_hidden(f->model, src, got), NLP_OK, "%s", nlp_last_error());
    double worst = 0;
    for (size_t i = 0; i < n; i++)
        worst = fmax(worst, fabs((double)got[i] - f32_at(want, i)));
    cr_log_info("encoder hidden state: max abs diff %g", worst);
    cr_expect_leq(worst, 1e-4, "encoder hidden state: max abs diff %g", worst);
    free(got);
}

/* Mean cross-entropy of one row's label tokens from its logits. */
static double row_loss(const float *logits, const int32_t *labels, size_t steps, size_t vocab)
{
    double total = 0;
    for (size_t t = 0; t < steps; t++) {
        const float *row = logits + t * vocab;
        double max = row[0], sum = 0;
        for (size_t v = 1; v < vocab; v++)
            max = fmax(max, row[v]);
        for (size_t v = 0; v < vocab; v++)
            sum += exp(row[v] - max);
        total += max + log(sum) - row[labels[t]];
    }
    return total / (double)steps;
}

static void check_teacher_forcing(const fixture *f, const nlp__t5_batch *src)
{
    const nlp__st_tensor *want = tensor(f, "logits");
    const nlp__st_tensor *want_loss = tensor(f, "loss_per_example");
    size_t steps = 2, n = f->batch * steps * f->vocab;
    float *got = malloc(n * sizeof *got);
    cr_assert_eq(nlp__t5_model_logits(f->model, src, f->dec_ids, steps, got), NLP_OK, "%s",
                 nlp_last_error());
    size_t compared = (size_t)want->shape[0] * steps * f->vocab;
    double worst = 0;
    for (size_t i = 0; i < compared; i++)
        worst = fmax(worst, fabs((double)got[i] - f32_at(want, i)));
    cr_log_info("teacher-forced logits: max abs diff %g", worst);
    cr_expect_leq(worst, 1e-4, "teacher-forced logits: max abs diff %g", worst);
    for (size_t b = 0; b < f->batch; b++) {
        double loss = row_loss(got + b * steps * f->vocab, f->labels + b * steps, steps, f->vocab);
        double ref = f32_at(want_loss, b);
        cr_expect_leq(fabs(loss - ref) / fabs(ref), 1e-5, "row %zu loss %.8f, expected %.8f", b,
                      loss, ref);
    }
    free(got);
}

/* Label words "no" [150] and "yes" [4273], and 3 greedy steps. */
static void check_classify(const fixture *f, const nlp__t5_batch *src)
{
    const int32_t words[] = {150, 4273};
    const size_t offsets[] = {0, 1, 2};
    nlp__t5_sequences cands = {words, offsets, 2};
    const nlp__st_tensor *want = tensor(f, "label_word_logprobs_step1");
    double *logprobs = malloc(f->batch * 2 * sizeof *logprobs);
    size_t max_new = f->gen_cols - 1, steps = 0;
    int32_t *gen = malloc(f->batch * f->gen_cols * sizeof *gen);
    cr_assert_eq(nlp__t5_model_classify(f->model, src, &cands, logprobs, max_new, gen, &steps), NLP_OK,
                 "%s", nlp_last_error());
    double worst = 0;
    for (size_t i = 0; i < f->batch * 2; i++)
        worst = fmax(worst, fabs(logprobs[i] - f32_at(want, i)));
    cr_log_info("first-step label-word log-probs: max abs diff %g", worst);
    cr_expect_leq(worst, 1e-4, "first-step label-word log-probs: max abs diff %g", worst);
    cr_expect_eq(steps, max_new);
    for (size_t i = 0; i < f->batch * f->gen_cols; i++)
        cr_expect_eq(gen[i], f->generated[i], "generated id [%zu][%zu]: %d, expected %d",
                     i / f->gen_cols, i % f->gen_cols, gen[i], f->generated[i]);
    free(logprobs);
    free(gen);
}

static void check_fixture(const char *model_dir, const char *expected_dir)
{
    fixture f = fixture_open(model_dir, expected_dir);
    nlp__t5_batch src = {f.ids, f.mask, f.batch, f.len};
    check_encoder(&f, &src);
    check_teacher_forcing(&f, &src);
    check_classify(&f, &src);
    fixture_close(&f);
}

Test(t5_parity, original_t5_relu_tied_matches_transformers)
{
    check_fixture("fixtures/t5-tiny", "fixtures/t5-tiny");
}

Test(t5_parity, original_t5_from_pytorch_model_bin_matches_transformers)
{
    check_fixture("fixtures/t5-tiny-bin", "fixtures/t5-tiny");
}

Test(t5_parity, gated_gelu_untied_matches_transformers)
{
    check_fixture("fixtures/t5-tiny-gated", "fixtures/t5-tiny-gated");
}

Test(t5_parity, gated_gelu_from_pytorch_model_bin_matches_transformers)
{
    check_fixture("fixtures/t5-tiny-gated-bin", "fixtures/t5-tiny-gated");
}

/* Incremental decoding must choose what recomputing the whole prefix
 * chooses, with the same logits, also when rows stop early (the gated
 * fixture plants </s> at step 2 for some rows). */
static void check_cache(const char *dir, size_t max_new)
{
    fixture f = fixture_open(dir, dir);
    nlp__t5_batch src = {f.ids, f.mask, f.batch, f.len};
    size_t cols = max_new + 1, n_logits = f.batch * max_new * f.vocab;
    int32_t *cached = calloc(f.batch * cols, sizeof *cached);
    int32_t *full = calloc(f.batch * cols, sizeof *full);
    float *cached_logits = calloc(n_logits, sizeof *cached_logits);
    float *full_logits = calloc(n_logits, sizeof *full_logits);
    size_t cached_steps = 0, full_steps = 0;
    cr_assert_eq(nlp__t5_model_generate(f.model, &src, max_new, true, cached, &cached_steps,
                                  cached_logits), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(nlp__t5_model_generate(f.model, &src, max_new, false, full, &full_steps, full_logits),
                 NLP_OK, "%s", nlp_last_error());
    cr_expect_eq(cached_steps, full_steps);
    cr_expect_eq(memcmp(cached, full, f.batch * cols * sizeof *cached), 0,
                 "cached and recomputed generations differ");
    double worst = 0;
    for (size_t i = 0; i < n_logits; i++)
        worst = fmax(worst, fabs((double)cached_logits[i] - full_logits[i]));
    cr_log_info("cached vs recomputed step logits: max abs diff %g", worst);
    cr_expect_leq(worst, 1e-4, "cached vs recomputed step logits: max abs diff %g", worst);
    free(cached);
    free(full);
    free(cached_logits);
    free(full_logits);
    fixture_close(&f);
}

Test(t5_generate, kv_cache_equals_full_recomputation)
{
    check_cache("fixtures/t5-tiny", 8);
    check_cache("fixtures/t5-tiny-gated", 8);
}

/* The gated fixture's rows 0, 1, 2, 4, 8, 14 emit </s> at step 2 and then
 * pad; generation stops only when every row has finished. */
Test(t5_generate, finished_rows_continue_with_pad)
{
    fixture f = fixture_open("fixtures/t5-tiny-gated", "fixtures/t5-tiny-gated");
    const size_t stopped[] = {0, 1, 2, 4, 8, 14};
    for (size_t i = 0; i < sizeof stopped / sizeof stopped[0]; i++) {
        const int32_t *row = f.generated + stopped[i] * f.gen_cols;
        cr_assert_eq(row[2], 1, "fixture row %zu should stop at step 2", stopped[i]);
    }
    /* Only the stopping rows: generation ends after step 2. */
    size_t len = f.len, cols = 8;
    int32_t *ids = malloc(6 * len * sizeof *ids), *mask = malloc(6 * len * sizeof *mask);
    for (size_t i = 0; i < 6; i++) {
        memcpy(ids + i * len, f.ids + stopped[i] * len, len * sizeof *ids);
        memcpy(mask + i * len, f.mask + stopped[i] * len, len * sizeof *mask);
    }
    nlp__t5_batch src = {ids, mask, 6, len};
    int32_t gen[6 * 8];
    size_t steps = 0;
    cr_assert_eq(nlp__t5_model_generate(f.model, &src, cols - 1, true, gen, &steps, NULL), NLP_OK);
    cr_expect_eq(steps, 2, "all rows finished at step 2, took %zu steps", steps);
    for (size_t i = 0; i < 6; i++) {
        const int32_t *want = f.generated + stopped[i] * f.gen_cols;
        cr_expect_eq(gen[i * cols + 1], want[1]);
        cr_expect_eq(gen[i * cols + 2], 1);
        for (size_t j = 3; j < cols; j++)
            cr_expect_eq(gen[i * cols + j], 0, "row %zu col %zu: pad after </s>", i, j);
    }
    free(ids);
    free(mask);
    fixture_close(&f);
}
