/* nlp_ner_load refuses checkpoints that are not token classifiers, as
 * config.json's architectures or the tensors tell: a
 * BertForSequenceClassification loads with the same classifier shape and
 * would tag garbage. The checkpoints are built from the bert-tiny-ner
 * fixture in a scratch folder. */
#include "io/safetensors.h"
#include "test_support.h"

#include <nlp/nlp.h>

#include <criterion/criterion.h>
#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURE "fixtures/bert-tiny-ner"

/* A copy of the fixture: config.json with architectures replaced (NULL:
 * the key removed), and a pooler added to the weights when asked. */
static const char *variant(const char *name, const char *architecture, bool pooler)
{
    const char *dir = scratch_dir(name);
    char cmd[8192], path[4200];
    snprintf(cmd, sizeof cmd, "cp '%s/vocab.txt' '%s/tokenizer_config.json' '%s/'",
             shared_path(FIXTURE), shared_path(FIXTURE), dir);
    cr_assert_eq(system(cmd), 0);

    json_error_t err;
    json_t *cfg = json_load_file(shared_path(FIXTURE "/config.json"), 0, &err);
    cr_assert_not_null(cfg, "%s", err.text);
    if (architecture)
        json_object_set_new(cfg, "architectures", json_pack("[s]", architecture));
    else
        json_object_del(cfg, "architectures");
    snprintf(path, sizeof path, "%s/config.json", dir);
    cr_assert_eq(json_dump_file(cfg, path, JSON_INDENT(2)), 0);
    json_decref(cfg);

    nlp__st_file *f = NULL;
    cr_assert_eq(nlp__st_open(shared_path(FIXTURE "/model.safetensors"), &f), NLP_OK);
    size_t n = nlp__st_count(f), k = 0;
    nlp__st_write_tensor *w = calloc(n + 2, sizeof *w);
    for (size_t i = 0; i < n; i++) {
        const nlp__st_tensor *t = nlp__st_at(f, i);
        w[k++] = (nlp__st_write_tensor){t->name, t->dtype, t->ndim, t->shape, t->data};
    }
    static float dense[32 * 32], bias[32];
    static const int64_t square[2] = {32, 32}, row[1] = {32};
    if (pooler) {
        w[k++] = (nlp__st_write_tensor){"bert.pooler.dense.weight", NLP__F32, 2, square, dense};
        w[k++] = (nlp__st_write_tensor){"bert.pooler.dense.bias", NLP__F32, 1, row, bias};
    }
    snprintf(path, sizeof path, "%s/model.safetensors", dir);
    cr_assert_eq(nlp__st_write(path, w, k), NLP_OK, "%s", nlp_last_error());
    free(w);
    nlp__st_release(f);
    return dir;
}

static nlp_status load(const char *dir)
{
    nlp_ner_options o = nlp_ner_options_default();
    o.device = "cpu";
    nlp_ner_model *m = NULL;
    nlp_status st = nlp_ner_load(dir, &o, &m);
    cr_assert_eq(m == NULL, st != NLP_OK);
    nlp_ner_free(m);
    return st;
}

Test(ner_architecture, config_naming_a_sequence_classifier_is_unsupported)
{
    const char *dir = variant("ner-seqcls", "BertForSequenceClassification", true);
    cr_assert_eq(load(dir), NLP_ERR_UNSUPPORTED);
    cr_expect(strstr(nlp_last_error(), "BertForSequenceClassification"), "%s",
              nlp_last_error());
    cr_expect(strstr(nlp_last_error(), "config.json"), "%s", nlp_last_error());
    cr_expect(strstr(nlp_last_error(), "not a token classifier"), "%s", nlp_last_error());
}

Test(ner_architecture, config_naming_a_masked_lm_is_unsupported)
{
    cr_assert_eq(load(variant("ner-mlm", "BertForMaskedLM", false)), NLP_ERR_UNSUPPORTED);
    cr_expect(strstr(nlp_last_error(), "BertForMaskedLM"), "%s", nlp_last_error());
}

/* No architectures key: the pooler tensors give the sequence classifier
 * away. */
Test(ner_architecture, pooler_tensors_without_architectures_are_unsupported)
{
    cr_assert_eq(load(variant("ner-pooler", NULL, true)), NLP_ERR_UNSUPPORTED);
    cr_expect(strstr(nlp_last_error(), "bert.pooler.dense.weight"), "%s", nlp_last_error());
    cr_expect(strstr(nlp_last_error(), "BertForSequenceClassification"), "%s",
              nlp_last_error());
}

/* Token classifiers saved by old transformers versions kept a pooler; the
 * config's word decides, as in transformers. Without either sign the
 * checkpoint is taken as a token classifier. */
Test(ner_architecture, token_classifiers_still_load)
{
    cr_expect_eq(load(variant("ner-tok-pooler", "BertForTokenClassification", true)), NLP_OK,
                 "%s", nlp_last_error());
    cr_expect_eq(load(variant("ner-no-arch", NULL, false)), NLP_OK, "%s", nlp_last_error());
}
