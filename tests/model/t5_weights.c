/* Loading T5 weights: a missing or mis-shaped tensor is a format error that
 * names the tensor. */
#include "io/hf_config.h"
#include "io/safetensors.h"
#include "model/t5.h"
#include "test_support.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copy t5-tiny into a scratch dir, leaving out tensor `drop`, giving
 * tensor `reshape` the shape {rows, cols} and adding a tensor `extra`
 * (NULL: none); then load it. */
static nlp_status load_changed(const char *drop, const char *reshape, int64_t rows,
                               int64_t cols, const char *extra)
{
    const char *dir = scratch_dir("t5-weights");
    char path[4096];
    char *config = NULL;
    size_t size = 0;
    snprintf(path, sizeof path, "%s/config.json", shared_path("fixtures/t5-tiny"));
    cr_assert_eq(nlp__read_file(path, &config, &size), NLP_OK);
    snprintf(path, sizeof path, "%s/config.json", dir);
    cr_assert(write_bytes(path, config, size));
    free(config);

    nlp__st_file *src = NULL;
    snprintf(path, sizeof path, "%s/model.safetensors", shared_path("fixtures/t5-tiny"));
    cr_assert_eq(nlp__st_open(path, &src), NLP_OK);
    size_t n = nlp__st_count(src), kept = 0;
    nlp__st_write_tensor *out = calloc(n + 1, sizeof *out);
    int64_t new_shape[2] = {rows, cols};
    for (size_t i = 0; i < n; i++) {
        const nlp__st_tensor *t = nlp__st_at(src, i);
        if (drop && strcmp(t->name, drop) == 0)
            continue;
        bool swap = reshape && strcmp(t->name, reshape) == 0;
        out[kept++] = (nlp__st_write_tensor){t->name, t->dtype, t->ndim,
                                             swap ? new_shape : t->shape, t->data};
    }
    static const float one[1] = {1};
    static const int64_t one_shape[1] = {1};
    if (extra)
        out[kept++] = (nlp__st_write_tensor){extra, NLP__F32, 1, one_shape, one};
    snprintf(path, sizeof path, "%s/model.safetensors", dir);
    cr_assert_eq(nlp__st_write(path, out, kept), NLP_OK, "%s", nlp_last_error());
    free(out);
    nlp__st_release(src);

    nlp__hf_config *cfg = NULL;
    cr_assert_eq(nlp__hf_config_load(dir, &cfg), NLP_OK, "%s", nlp_last_error());
    nlp__t5_model *model = NULL;
    nlp_status st = nlp__t5_model_load(cfg, "cpu", &model);
    cr_expect(st != NLP_OK || model != NULL);
    nlp__t5_model_free(model);
    nlp__hf_config_free(cfg);
    return st;
}

static nlp_status load_altered(const char *drop, const char *reshape, int64_t rows, int64_t cols)
{
    return load_changed(drop, reshape, rows, cols, NULL);
}

Test(t5_weights, missing_tensor_is_named)
{
    const char *name = "decoder.block.1.layer.1.EncDecAttention.v.weight";
    cr_expect_eq(load_altered(name, NULL, 0, 0), NLP_ERR_FORMAT);
    cr_expect(strstr(nlp_last_error(), name) != NULL, "%s", nlp_last_error());
    cr_expect(strstr(nlp_last_error(), "missing") != NULL, "%s", nlp_last_error());

    /* The layer norms matter (the fixture redrew them on purpose). */
    cr_expect_eq(load_altered("encoder.final_layer_norm.weight", NULL, 0, 0), NLP_ERR_FORMAT);
    /* Only the first layer carries the relative position bias. */
    cr_expect_eq(load_altered("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                              NULL, 0, 0),
                 NLP_ERR_FORMAT);
}

Test(t5_weights, mis_shaped_tensor_is_named_with_both_shapes)
{
    const char *name = "encoder.block.0.layer.1.DenseReluDense.wo.weight"; /* [32, 64] */
    cr_expect_eq(load_altered(NULL, name, 64, 32), NLP_ERR_FORMAT);
    cr_expect(strstr(nlp_last_error(), name) != NULL, "%s", nlp_last_error());
    cr_expect(strstr(nlp_last_error(), "[64, 32]") != NULL, "%s", nlp_last_error());
    cr_expect(strstr(nlp_last_error(), "[32, 64]") != NULL, "%s", nlp_last_error());
}

/* As for BERT, a failing load lists what the checkpoint has that nothing
 * reads (here a classification head left over from another model), and
 * counts every problem, not only the first. */
Test(t5_weights, unexpected_tensors_are_listed)
{
    const char *name = "decoder.block.1.layer.1.EncDecAttention.v.weight";
    cr_expect_eq(load_changed(name, "encoder.block.0.layer.1.DenseReluDense.wo.weight", 64, 32,
                              "classification_head.dense.weight"),
                 NLP_ERR_FORMAT);
    cr_expect(strstr(nlp_last_error(), "unexpected tensors: classification_head.dense.weight"),
              "%s", nlp_last_error());
    cr_expect(strstr(nlp_last_error(), "(and 1 more problems)"), "%s", nlp_last_error());
    /* The tied embedding's per-stack aliases are not unexpected. */
    cr_expect_eq(load_changed(name, NULL, 0, 0, "encoder.embed_tokens.weight"), NLP_ERR_FORMAT);
    cr_expect(!strstr(nlp_last_error(), "unexpected"), "%s", nlp_last_error());
}
