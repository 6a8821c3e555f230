/* Damaged checkpoints (rows ROBUST_CHECKPOINT_CASES of cases.h), made at
 * test time from copies of the tiny fixtures; ../shared is never written. */
#include "cases.h"
#include "io/safetensors.h"
#include "robust_support.h"
#include "test_support.h"

#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static nlp_status ner_load(const char *dir)
{
    nlp_ner_model *m = NULL;
    nlp_status st = nlp_ner_load(dir, NULL, &m);
    cr_assert(st != NLP_OK || m, "OK without a model");
    nlp_ner_free(m);
    return st;
}

static nlp_status toxic_load(const char *dir)
{
    nlp_toxic_model *m = NULL;
    nlp_status st = nlp_toxic_load(dir, NULL, &m);
    nlp_toxic_free(m);
    return st;
}

static void remove_file(const char *dir, const char *name)
{
    cr_assert_eq(unlink(robust_join(dir, name)), 0, "%s", robust_join(dir, name));
}

/* Replace the first `from` in dir/name by `to`. */
static void edit_text(const char *dir, const char *name, const char *from, const char *to)
{
    size_t n;
    char *s = robust_read_file(robust_join(dir, name), &n);
    char *at = strstr(s, from);
    cr_assert_not_null(at, "%s lacks %s", name, from);
    size_t a = (size_t)(at - s), fl = strlen(from), tl = strlen(to);
    char *out = malloc(n - fl + tl);
    memcpy(out, s, a);
    memcpy(out + a, to, tl);
    memcpy(out + a + tl, at + fl, n - a - fl);
    cr_assert(write_bytes(robust_join(dir, name), out, n - fl + tl));
    free(out);
    free(s);
}

/* Rewrite dir/model.safetensors, letting edit() change one tensor's
 * description or a copy of its data (float32). */
typedef void (*tensor_edit)(const char *name, nlp__st_write_tensor *w, int64_t *shape,
                            float *data, size_t count);

static void rewrite_weights(const char *dir, tensor_edit edit)
{
    char path[4200];
    snprintf(path, sizeof path, "%s", robust_join(dir, "model.safetensors"));
    nlp__st_file *f = NULL;
    cr_assert_eq(nlp__st_open(path, &f), NLP_OK, "%s", nlp_last_error());
    size_t n = nlp__st_count(f);
    nlp__st_write_tensor *w = calloc(n, sizeof *w);
    int64_t(*shapes)[NLP__MAX_DIMS] = calloc(n, sizeof *shapes);
    float **copies = calloc(n, sizeof *copies);
    for (size_t i = 0; i < n; i++) {
        const nlp__st_tensor *t = nlp__st_at(f, i);
        memcpy(shapes[i], t->shape, sizeof shapes[i]);
        w[i] = (nlp__st_write_tensor){t->name, t->dtype, t->ndim, shapes[i], t->data};
        if (t->dtype == NLP__F32) {
            copies[i] = malloc(t->nbytes ? t->nbytes : 1);
            memcpy(copies[i], t->data, t->nbytes);
            w[i].data = copies[i];
            edit(t->name, &w[i], shapes[i], copies[i], t->nbytes / sizeof(float));
        }
    }
    cr_assert_eq(nlp__st_write(path, w, n), NLP_OK, "%s", nlp_last_error());
    for (size_t i = 0; i < n; i++)
        free(copies[i]);
    free(copies);
    free(shapes);
    free(w);
    nlp__st_release(f);
}

/* A BERT fixture copy holding only the safetensors weights. */
static const char *bert_copy(const char *name)
{
    const char *dir = robust_fixture_copy(NER_FIXTURE, name);
    remove_file(dir, "pytorch_model.bin");
    return dir;
}

static nlp_status run_missing_directory(char *o, size_t n)
{
    (void)o, (void)n;
    return ner_load("/no/such/checkpoint");
}

static nlp_status run_missing_config(char *o, size_t n)
{
    (void)o, (void)n;
    const char *dir = bert_copy("ckpt-config");
    remove_file(dir, "config.json");
    return ner_load(dir);
}

static nlp_status run_missing_weights(char *o, size_t n)
{
    (void)o, (void)n;
    const char *dir = bert_copy("ckpt-weights");
    remove_file(dir, "model.safetensors");
    return ner_load(dir);
}

static nlp_status run_missing_vocab(char *o, size_t n)
{
    (void)o, (void)n;
    const char *dir = bert_copy("ckpt-vocab");
    remove_file(dir, "vocab.txt");
    return ner_load(dir);
}

static nlp_status run_missing_spiece(char *o, size_t n)
{
    (void)o, (void)n;
    const char *dir = robust_fixture_copy(T5_FIXTURE, "ckpt-spiece");
    remove_file(dir, "spiece.model");
    return toxic_load(dir);
}

static void transpose_classifier(const char *name, nlp__st_write_tensor *w, int64_t *shape,
                                 float *data, size_t count)
{
    (void)w, (void)data, (void)count;
    if (strcmp(name, "classifier.weight") == 0) {
        int64_t t = shape[0];
        shape[0] = shape[1];
        shape[1] = t;
    }
}

static nlp_status run_wrong_shape(char *o, size_t n)
{
    (void)o, (void)n;
    const char *dir = bert_copy("ckpt-shape");
    rewrite_weights(dir, transpose_classifier);
    return ner_load(dir);
}

static nlp_status run_truncated_safetensors(char *o, size_t n)
{
    (void)o, (void)n;
    const char *dir = bert_copy("ckpt-truncated");
    size_t size;
    char *s = robust_read_file(robust_join(dir, "model.safetensors"), &size);
    cr_assert(write_bytes(robust_join(dir, "model.safetensors"), s, size / 2));
    free(s);
    return ner_load(dir);
}

static nlp_status run_header_claims_1tb(char *o, size_t n)
{
    (void)o, (void)n;
    const char *dir = bert_copy("ckpt-1tb");
    size_t size;
    char *s = robust_read_file(robust_join(dir, "model.safetensors"), &size);
    uint64_t tb = (uint64_t)1 << 40;
    for (int i = 0; i < 8; i++)
        s[i] = (char)(tb >> (8 * i));
    cr_assert(write_bytes(robust_join(dir, "model.safetensors"), s, size));
    free(s);
    return ner_load(dir);
}

/* classifier.bias's offsets moved onto the start of the data area, which
 * another tensor owns; the header keeps its length (padded with spaces). */
static nlp_status run_overlapping_tensors(char *o, size_t n)
{
    (void)o, (void)n;
    const char *dir = bert_copy("ckpt-overlap");
    size_t size;
    char *s = robust_read_file(robust_join(dir, "model.safetensors"), &size);
    char *entry = strstr(s + 8, "\"classifier.bias\"");
    cr_assert_not_null(entry);
    char *offsets = strstr(entry, "\"data_offsets\":[");
    cr_assert_not_null(offsets);
    offsets += strlen("\"data_offsets\":[");
    char *close = strchr(offsets, ']');
    unsigned long long begin, end;
    cr_assert_eq(sscanf(offsets, "%llu,%llu", &begin, &end), 2);
    char moved[64];
    int len = snprintf(moved, sizeof moved, "0,%llu", end - begin);
    cr_assert(begin > 0 && len <= close - offsets);
    memset(offsets, ' ', (size_t)(close - offsets));
    memcpy(offsets, moved, (size_t)len);
    cr_assert(write_bytes(robust_join(dir, "model.safetensors"), s, size));
    free(s);
    return ner_load(dir);
}

static void nan_in_classifier(const char *name, nlp__st_write_tensor *w, int64_t *shape,
                              float *data, size_t count)
{
    (void)w, (void)shape;
    if (strcmp(name, "classifier.weight") == 0 && count > 5)
        data[5] = NAN;
}

static nlp_status run_nan_weight(char *o, size_t n)
{
    (void)o, (void)n;
    const char *dir = bert_copy("ckpt-nan");
    rewrite_weights(dir, nan_in_classifier);
    return ner_load(dir);
}

static void inf_in_embeddings(const char *name, nlp__st_write_tensor *w, int64_t *shape,
                              float *data, size_t count)
{
    (void)w, (void)shape;
    if (strcmp(name, "bert.embeddings.word_embeddings.weight") == 0 && count > 100) {
        data[7] = INFINITY;
        data[100] = -INFINITY;
    }
}

static nlp_status run_inf_weight(char *o, size_t n)
{
    (void)o, (void)n;
    const char *dir = bert_copy("ckpt-inf");
    rewrite_weights(dir, inf_in_embeddings);
    return ner_load(dir);
}

static void nan_everywhere_first(const char *name, nlp__st_write_tensor *w, int64_t *shape,
                                 float *data, size_t count)
{
    (void)name, (void)w, (void)shape;
    if (count > 0)
        data[0] = NAN;
}

static nlp_status run_t5_nan_weight(char *o, size_t n)
{
    (void)o, (void)n;
    const char *dir = robust_fixture_copy(T5_FIXTURE, "ckpt-t5-nan");
    rewrite_weights(dir, nan_everywhere_first);
    return toxic_load(dir);
}

static nlp_status run_id2label_gap(char *o, size_t n)
{
    (void)o, (void)n;
    const char *dir = bert_copy("ckpt-gap");
    edit_text(dir, "config.json", "\"2\": \"I-PER\"", "\"9\": \"I-PER\"");
    return ner_load(dir);
}

static nlp_status run_id2label_duplicate(char *o, size_t n)
{
    (void)o, (void)n;
    const char *dir = bert_copy("ckpt-dup");
    edit_text(dir, "config.json", "\"2\": \"I-PER\"", "\"2\": \"B-PER\"");
    return ner_load(dir);
}

#define X(suite, id, input, call, want, says)                                                 \
    Test(suite, id) { robust_check(#id, want, says, run_##id); }
ROBUST_CHECKPOINT_CASES(X)
#undef X
