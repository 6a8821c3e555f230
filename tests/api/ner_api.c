/* The public NER API on the bert-tiny-ner fixture: load, labels, logits,
 * word tags against transformers, errors, msgpack. */
#include "io/safetensors.h"
#include "ner_support.h"
#include "test_support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <msgpack.h>

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

Test(ner_api, labels_and_logits_match_transformers)
{
    nlp_ner_model *m = ner_fixture(NULL);
    const char *const *names = NULL;
    size_t n = 0;
    cr_assert_eq(nlp_ner_labels(m, &names, &n), NLP_OK);
    cr_assert_eq(n, 9);
    cr_assert_str_eq(names[0], "O");
    cr_assert_str_eq(names[8], "I-MISC");

    nlp__st_file *f = NULL;
    cr_assert_eq(nlp__st_open(shared_path(NER_FIXTURE "/expected.safetensors"), &f), NLP_OK);
    const nlp__st_tensor *ids = nlp__st_find(f, "input_ids");
    const nlp__st_tensor *mask = nlp__st_find(f, "attention_mask");
    const nlp__st_tensor *want = nlp__st_find(f, "logits");
    size_t B = (size_t)ids->shape[0], T = (size_t)ids->shape[1];
    float *got = malloc(B * T * n * sizeof *got);
    int32_t *ids32 = malloc(2 * B * T * sizeof *ids32);
    for (size_t i = 0; i < B * T; i++) {
        ids32[i] = (int32_t)((const int64_t *)ids->data)[i];
        ids32[B * T + i] = (int32_t)((const int64_t *)mask->data)[i];
    }
    cr_assert_eq(nlp_ner_token_logits(m, ids32, ids32 + B * T, B, T, got, B * T * n), NLP_OK,
                 "%s", nlp_last_error());
    const int64_t *mk = mask->data;
    const float *w = want->data;
    double worst = 0;
    for (size_t i = 0; i < B * T; i++)
        for (size_t k = 0; mk[i] && k < n; k++)
            worst = fmax(worst, fabs((double)w[i * n + k] - got[i * n + k]));
    cr_assert_leq(worst, 1e-4, "max abs diff %g", worst);

    /* The deprecated 0.1 function (int64_t ids) gives the same floats. */
    float *old = malloc(B * T * n * sizeof *old);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    cr_assert_eq(nlp_ner_logits(m, ids->data, mask->data, B, T, old), NLP_OK, "%s",
                 nlp_last_error());
#pragma GCC diagnostic pop
    cr_assert_eq(memcmp(old, got, B * T * n * sizeof *old), 0);
    free(old);
    free(ids32);
    free(got);
    nlp__st_release(f);
    nlp_ner_free(m);
}

Test(ner_api, token_logits_refuses_a_small_buffer_and_names_null_arguments)
{
    nlp_ner_model *m = ner_fixture(NULL);
    int32_t ids[2] = {1, 2}, mask[2] = {1, 1};
    float out[2 * 9];
    cr_assert_eq(nlp_ner_token_logits(m, ids, mask, 1, 2, out, 2 * 9 - 1), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "needs 1 x 2 x 9"), "%s", nlp_last_error());
    cr_assert_eq(nlp_ner_token_logits(m, ids, NULL, 1, 2, out, 2 * 9), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "attention_mask is NULL"), "%s", nlp_last_error());
    cr_assert_eq(nlp_ner_token_logits(NULL, ids, mask, 1, 2, out, 2 * 9), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "model is NULL"), "%s", nlp_last_error());
    cr_assert_eq(nlp_ner_token_logits(m, ids, mask, 1, 2, out, 2 * 9), NLP_OK, "%s",
                 nlp_last_error());
    nlp_ner_free(m);
}

/* cases.json: every word's predicted tag equals transformers' argmax at the
 * word's first subword. */
Test(ner_api, word_tags_match_transformers_first_subword)
{
    nlp_ner_model *m = ner_fixture(NULL);
    const char *const *names = NULL;
    size_t n_names = 0;
    nlp_ner_labels(m, &names, &n_names);
    json_error_t err;
    json_t *doc = json_load_file(shared_path(NER_FIXTURE "/cases.json"), 0, &err);
    cr_assert_not_null(doc, "%s", err.text);
    json_t *cases = json_object_get(doc, "cases");
    if (!cases)
        cases = doc;
    cr_assert(json_is_array(cases) && json_array_size(cases) == 16);
    for (size_t c = 0; c < json_array_size(cases); c++) {
        json_t *row = json_array_get(cases, c), *words = json_object_get(row, "words");
        json_t *pred = json_object_get(row, "pred_word_label_ids");
        size_t n = json_array_size(words);
        const char **w = malloc(n * sizeof *w), **tags = malloc(n * sizeof *tags);
        size_t *lens = malloc(n * sizeof *lens);
        for (size_t i = 0; i < n; i++) {
            w[i] = json_string_value(json_array_get(words, i));
            lens[i] = strlen(w[i]);
        }
        cr_assert_eq(nlp_ner_tag_words(m, w, lens, n, tags), NLP_OK, "%s", nlp_last_error());
        for (size_t i = 0; i < n; i++)
            cr_assert_str_eq(tags[i], names[json_integer_value(json_array_get(pred, i))],
                             "case %zu word %zu (%s)", c, i, w[i]);
        free(w);
        free(tags);
        free(lens);
    }
    json_decref(doc);
    nlp_ner_free(m);
}

Test(ner_api, errors_are_reported_not_crashed)
{
    nlp_ner_model *m = NULL;
    nlp_ner_options o = nlp_ner_options_default();
    o.device = "cuda";
    nlp_status st = nlp_ner_load(shared_path(NER_FIXTURE), &o, &m);
    /* This build's libtorch is CPU only; a CUDA build would load. */
    if (st != NLP_OK) {
        cr_assert_eq(st, NLP_ERR_DEVICE, "%s", nlp_last_error());
        cr_assert(strstr(nlp_last_error(), "cuda"), "%s", nlp_last_error());
        cr_assert_null(m);
    }
    nlp_ner_free(m);
    o.device = "gpu";
    cr_assert_eq(nlp_ner_load(shared_path(NER_FIXTURE), &o, &m), NLP_ERR_INVALID_ARG);
    o = nlp_ner_options_default();
    o.stride = 600;
    cr_assert_eq(nlp_ner_load(shared_path(NER_FIXTURE), &o, &m), NLP_ERR_INVALID_ARG);
    cr_assert_eq(nlp_ner_load(shared_path("fixtures/t5-tiny"), NULL, &m), NLP_ERR_UNSUPPORTED);
    cr_assert(strstr(nlp_last_error(), "t5"), "%s", nlp_last_error());
    cr_assert_neq(nlp_ner_load("/nonexistent/model", NULL, &m), NLP_OK);

    m = ner_fixture(NULL);
    nlp_entities *e = NULL;
    const char bad[] = "Paris \xff London";
    cr_assert_eq(nlp_ner_run(m, bad, sizeof bad - 1, &e), NLP_ERR_INVALID_UTF8);
    cr_assert_null(e);
    cr_assert(strstr(nlp_last_error(), "6"), "byte position: %s", nlp_last_error());
    cr_assert_eq(nlp_ner_run(m, NULL, 3, &e), NLP_ERR_INVALID_ARG);
    cr_assert_eq(nlp_ner_run(m, "", 0, &e), NLP_OK);
    cr_assert_eq(nlp_entities_count(e), 0);
    cr_assert_null(nlp_entities_get(e, 0));
    nlp_entities_free(e);
    cr_assert_eq(nlp_ner_run(m, " \t\n ", 4, &e), NLP_OK);
    cr_assert_eq(nlp_entities_count(e), 0);
    nlp_entities_free(e);
    nlp_entities_free(NULL);
    nlp_ner_free(NULL);
    nlp_ner_free(m);
}

/* A caller built against an older header passes a smaller struct: the
 * fields it lacks keep their defaults. */
Test(ner_api, options_read_only_the_callers_size)
{
    nlp_ner_options o = nlp_ner_options_default();
    cr_assert_eq(o.size, sizeof o);
    cr_assert_str_eq(o.device, "auto");
    cr_assert_eq(o.batch_size, 32);
    cr_assert_eq(o.stride, 128);
    o.stride = 100000;        /* beyond the old size: must be ignored */
    o.size = offsetof(nlp_ner_options, stride);
    nlp_ner_model *m = ner_fixture(&o);
    nlp_ner_free(m);
    o.size = 0;
    cr_assert_eq(nlp_ner_load(shared_path(NER_FIXTURE), &o, &m), NLP_ERR_INVALID_ARG);
}

static const char *mp_str(const msgpack_object *o, size_t *len)
{
    cr_assert_eq(o->type, MSGPACK_OBJECT_STR);
    *len = o->via.str.size;
    return o->via.str.ptr;
}

static const msgpack_object *mp_get(const msgpack_object *map, const char *key)
{
    cr_assert_eq(map->type, MSGPACK_OBJECT_MAP);
    for (uint32_t i = 0; i < map->via.map.size; i++) {
        size_t n;
        const char *k = mp_str(&map->via.map.ptr[i].key, &n);
        if (n == strlen(key) && memcmp(k, key, n) == 0)
            return &map->via.map.ptr[i].val;
    }
    cr_assert_fail("msgpack map lacks %s", key);
    return NULL;
}

Test(ner_api, msgpack_holds_the_same_entities)
{
    nlp_ner_model *m = ner_fixture(NULL);
    size_t n_texts = 0;
    char **texts = conll_texts(40, &n_texts);
    size_t seen = 0;
    for (size_t t = 0; t < n_texts; t++) {
        nlp_entities *e = NULL;
        nlp_buffer buf = {0};
        cr_assert_eq(nlp_ner_run(m, texts[t], strlen(texts[t]), &e), NLP_OK);
        cr_assert_eq(nlp_ner_run_msgpack(m, texts[t], strlen(texts[t]), &buf), NLP_OK);
        msgpack_unpacked u;
        msgpack_unpacked_init(&u);
        cr_assert_eq(msgpack_unpack_next(&u, (const char *)buf.data, buf.size, NULL),
                     MSGPACK_UNPACK_SUCCESS);
        size_t n;
        const char *s = mp_str(mp_get(&u.data, "text"), &n);
        cr_assert(n == strlen(texts[t]) && memcmp(s, texts[t], n) == 0);
        const msgpack_object *list = mp_get(&u.data, "entities");
        cr_assert_eq(list->via.array.size, nlp_entities_count(e));
        for (size_t i = 0; i < nlp_entities_count(e); i++, seen++) {
            const nlp_entity *x = nlp_entities_get(e, i);
            const msgpack_object *o = &list->via.array.ptr[i];
            s = mp_str(mp_get(o, "class"), &n);
            cr_assert(n == strlen(x->label) && memcmp(s, x->label, n) == 0);
            s = mp_str(mp_get(o, "text"), &n);
            cr_assert(n == strlen(x->text) && memcmp(s, x->text, n) == 0);
            cr_assert_eq(mp_get(o, "start")->via.u64, x->char_start);
            cr_assert_eq(mp_get(o, "end")->via.u64, x->char_end);
            cr_assert_eq(mp_get(o, "byte_start")->via.u64, x->byte_start);
            cr_assert_eq(mp_get(o, "byte_end")->via.u64, x->byte_end);
            cr_assert_float_eq(mp_get(o, "score")->via.f64, x->score, 1e-6);
        }
        msgpack_unpacked_destroy(&u);
        nlp_buffer_free(&buf);
        nlp_entities_free(e);
    }
    cr_assert_gt(seen, 0, "no entity to compare");
    free_texts(texts, n_texts);
    nlp_ner_free(m);
}
