/* BERT logits against transformers' on the bert-tiny-ner fixture, and the
 * loader's errors. */
#define _POSIX_C_SOURCE 200809L
#include "io/hf_config.h"
#include "io/safetensors.h"
#include "model/bert.h"
#include "test_support.h"

#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURE "fixtures/bert-tiny-ner"

typedef struct expected {
    nlp__st_file *file;
    const int64_t *ids, *mask;
    const float *logits;
    size_t batch, seq, labels;
} expected;

static expected load_expected(void)
{
    expected e = {0};
    cr_assert_eq(nlp__st_open(shared_path(FIXTURE "/expected.safetensors"), &e.file), NLP_OK,
                 "%s", nlp_last_error());
    const nlp__st_tensor *ids = nlp__st_find(e.file, "input_ids");
    const nlp__st_tensor *mask = nlp__st_find(e.file, "attention_mask");
    const nlp__st_tensor *logits = nlp__st_find(e.file, "logits");
    cr_assert(ids && mask && logits);
    e.ids = ids->data;
    e.mask = mask->data;
    e.logits = logits->data;
    e.batch = (size_t)ids->shape[0];
    e.seq = (size_t)ids->shape[1];
    e.labels = (size_t)logits->shape[2];
    return e;
}

static nlp__bert_model *load_model(const char *weights_file)
{
    nlp__hf_config *cfg = NULL;
    cr_assert_eq(nlp__hf_config_load(shared_path(FIXTURE), &cfg), NLP_OK, "%s", nlp_last_error());
    if (weights_file) {
        free(cfg->weights_path);
        cfg->weights_path = nlp__strdup(shared_path(weights_file));
    }
    nlp__bert_model *m = NULL;
    cr_assert_eq(nlp__bert_model_load(cfg, "cpu", &m), NLP_OK, "%s", nlp_last_error());
    nlp__hf_config_free(cfg);
    return m;
}

static size_t argmax(const float *v, size_t n)
{
    size_t b = 0;
    for (size_t i = 1; i < n; i++)
        if (v[i] > v[b])
            b = i;
    return b;
}

/* Compare row b's real tokens of got (rows of `seq` positions) with the
 * reference; returns the max abs difference. */
static double compare_row(const expected *e, size_t b, const float *got, size_t got_seq,
                          size_t got_row)
{
    double worst = 0;
    for (size_t t = 0; t < e->seq && e->mask[b * e->seq + t]; t++) {
        const float *want = e->logits + (b * e->seq + t) * e->labels;
        const float *have = got + (got_row * got_seq + t) * e->labels;
        for (size_t k = 0; k < e->labels; k++)
            worst = fmax(worst, fabs((double)want[k] - have[k]));
        cr_assert_eq(argmax(want, e->labels), argmax(have, e->labels),
                     "row %zu token %zu: argmax differs", b, t);
    }
    return worst;
}

static void check_parity(const char *weights_file)
{
    expected e = load_expected();
    nlp__bert_model *m = load_model(weights_file);
    cr_assert_eq(nlp__bert_model_num_labels(m), e.labels);
    float *out = malloc(e.batch * e.seq * e.labels * sizeof *out);
    cr_assert_eq(nlp__bert_model_logits(m, e.ids, e.mask, e.batch, e.seq, out), NLP_OK,
                 "%s", nlp_last_error());
    for (size_t b = 0; b < e.batch; b++) {
        double d = compare_row(&e, b, out, e.seq, b);
        cr_assert_leq(d, 1e-4, "padded batch row %zu: max abs diff %g", b, d);
    }
    /* Each sentence alone, unpadded. */
    for (size_t b = 0; b < e.batch; b++) {
        size_t len = 0;
        while (len < e.seq && e.mask[b * e.seq + len])
            len++;
        cr_assert_eq(nlp__bert_model_logits(m, e.ids + b * e.seq, e.mask + b * e.seq, 1, len,
                                            out), NLP_OK, "%s", nlp_last_error());
        double d = compare_row(&e, b, out, len, 0);
        cr_assert_leq(d, 1e-4, "sentence %zu alone: max abs diff %g", b, d);
    }
    free(out);
    nlp__bert_model_free(m);
    nlp__st_release(e.file);
}

Test(bert, logits_match_transformers_from_safetensors)
{
    check_parity(NULL);
}

Test(bert, logits_match_transformers_from_pytorch_model_bin)
{
    check_parity(FIXTURE "/pytorch_model.bin");
}

Test(bert, bad_inputs_are_rejected)
{
    nlp__bert_model *m = load_model(NULL);
    int64_t ids[2] = {101, 28996}, mask[2] = {1, 1};
    float out[2 * 9];
    cr_assert_eq(nlp__bert_model_logits(m, ids, mask, 1, 2, out), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "28996"), "%s", nlp_last_error());
    ids[1] = 102;
    mask[1] = 2;
    cr_assert_eq(nlp__bert_model_logits(m, ids, mask, 1, 2, out), NLP_ERR_INVALID_ARG);
    nlp__bert_model_free(m);
}

/* A copy of the fixture whose weights lack `drop`, have `reshape` with a
 * wrong shape, and carry an extra tensor. */
static const char *broken_checkpoint(const char *name, const char *drop, const char *reshape)
{
    const char *dir = scratch_dir(name);
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "cp '%s/config.json' '%s/vocab.txt' '%s/'",
             shared_path(FIXTURE), shared_path(FIXTURE), dir);
    cr_assert_eq(system(cmd), 0);
    nlp__st_file *f = NULL;
    cr_assert_eq(nlp__st_open(shared_path(FIXTURE "/model.safetensors"), &f), NLP_OK);
    size_t n = nlp__st_count(f), k = 0;
    nlp__st_write_tensor *w = calloc(n + 1, sizeof *w);
    static const int64_t odd_shape[2] = {3, 32};
    static const float extra[1] = {1};
    static const int64_t one = 1;
    for (size_t i = 0; i < n; i++) {
        const nlp__st_tensor *t = nlp__st_at(f, i);
        if (drop && strcmp(t->name, drop) == 0)
            continue;
        w[k] = (nlp__st_write_tensor){t->name, t->dtype, t->ndim, t->shape, t->data};
        if (reshape && strcmp(t->name, reshape) == 0)
            w[k].shape = odd_shape;
        k++;
    }
    w[k++] = (nlp__st_write_tensor){"cls.predictions.bias", NLP__F32, 1, &one, extra};
    char path[4200];
    snprintf(path, sizeof path, "%s/model.safetensors", dir);
    cr_assert_eq(nlp__st_write(path, w, k), NLP_OK, "%s", nlp_last_error());
    free(w);
    nlp__st_release(f);
    return dir;
}

static void expect_format_error(const char *dir, const char *needle)
{
    nlp__hf_config *cfg = NULL;
    cr_assert_eq(nlp__hf_config_load(dir, &cfg), NLP_OK, "%s", nlp_last_error());
    nlp__bert_model *m = NULL;
    cr_assert_eq(nlp__bert_model_load(cfg, "cpu", &m), NLP_ERR_FORMAT);
    cr_assert_null(m);
    cr_assert(strstr(nlp_last_error(), needle), "%s", nlp_last_error());
    cr_assert(strstr(nlp_last_error(), "unexpected tensors: cls.predictions.bias"), "%s",
              nlp_last_error());
    nlp__hf_config_free(cfg);
}

Test(bert, missing_or_misshaped_tensor_is_named)
{
    const char *name = "bert.encoder.layer.1.attention.self.key.bias";
    expect_format_error(broken_checkpoint("bert-missing", name, NULL),
                        "missing tensor bert.encoder.layer.1.attention.self.key.bias");
    expect_format_error(broken_checkpoint("bert-shape", NULL, "classifier.weight"),
                        "classifier.weight has shape [3, 32], expected [9, 32]");
}
