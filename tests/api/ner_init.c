/* nlp_bert_init: a random model in Hugging Face layout that
 * loads and runs, initialised as transformers does, reproducibly. */
#include "io/safetensors.h"
#include "ner_support.h"
#include "test_support.h"

#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *dir, const char *name, size_t *size)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    fseek(f, 0, SEEK_END);
    *size = (size_t)ftell(f);
    rewind(f);
    char *data = malloc(*size + 1);
    cr_assert_eq(fread(data, 1, *size, f), *size);
    fclose(f);
    return data;
}

static const float *tensor(nlp__st_file *f, const char *name, size_t *count)
{
    const nlp__st_tensor *t = nlp__st_find(f, name);
    cr_assert_not_null(t, "%s missing", name);
    cr_assert_eq(t->dtype, NLP__F32);
    *count = t->nbytes / 4;
    return t->data;
}

Test(ner_init, random_checkpoint_is_hf_initialised_and_reproducible)
{
    const char *config = shared_path(NER_FIXTURE "/config.json");
    char a[4200], b[4200], c[4200];
    snprintf(a, sizeof a, "%s", scratch_dir("init-a"));
    snprintf(b, sizeof b, "%s", scratch_dir("init-b"));
    snprintf(c, sizeof c, "%s", scratch_dir("init-c"));
    cr_assert_eq(nlp_bert_init(config, NULL, 7, a), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(nlp_bert_init(config, NULL, 7, b), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(nlp_bert_init(config, NULL, 8, c), NLP_OK, "%s", nlp_last_error());
    size_t na, nb, nc;
    char *wa = slurp(a, "model.safetensors", &na), *wb = slurp(b, "model.safetensors", &nb);
    char *wc = slurp(c, "model.safetensors", &nc);
    cr_assert(na == nb && memcmp(wa, wb, na) == 0, "same seed, different weights");
    cr_assert(na == nc && memcmp(wa, wc, na) != 0, "different seeds, same weights");
    free(wa);
    free(wb);
    free(wc);
    free(slurp(a, "vocab.txt", &na));
    cr_assert_eq(na, 213450);

    char path[4300];
    snprintf(path, sizeof path, "%s/model.safetensors", a);
    nlp__st_file *f = NULL;
    cr_assert_eq(nlp__st_open(path, &f), NLP_OK);
    cr_assert_eq(nlp__st_count(f), 39);
    size_t n;
    const float *emb = tensor(f, "bert.embeddings.word_embeddings.weight", &n);
    double sum = 0, sq = 0;
    for (size_t i = 0; i < 32; i++)
        cr_assert_eq(emb[i], 0.0f, "the [PAD] row must be zero");
    for (size_t i = 32; i < n; i++) {
        sum += emb[i];
        sq += (double)emb[i] * emb[i];
    }
    double mean = sum / (double)(n - 32), sd = sqrt(sq / (double)(n - 32) - mean * mean);
    cr_assert(fabs(mean) < 0.005 && fabs(sd - 0.2) < 0.005, "mean %g sd %g", mean, sd);
    const float *ln = tensor(f, "bert.encoder.layer.1.output.LayerNorm.weight", &n);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(ln[i], 1.0f);
    const float *bias = tensor(f, "classifier.bias", &n);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(bias[i], 0.0f);
    nlp__st_release(f);

    nlp_ner_model *m = ner_load_dir(a, NULL);
    nlp_entities *e = NULL;
    const char *text = "EU rejects German call to ban French cheese today .";
    cr_assert_eq(nlp_ner_run(m, text, strlen(text), &e), NLP_OK, "%s", nlp_last_error());
    nlp_entities_free(e);
    nlp_ner_free(m);
    cr_assert_eq(nlp_bert_init(config, "/nonexistent/vocab.txt", 1, c), NLP_ERR_IO);
}
