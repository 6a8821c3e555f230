/* nlp_checkpoint_info: the JSON description of the fixture checkpoints and
 * its errors. */
#include "nlp/nlp.h"
#include "test_support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static json_t *info(const char *dir)
{
    char *text = NULL;
    cr_assert_eq(nlp_checkpoint_info(dir, &text), NLP_OK, "%s", nlp_last_error());
    json_error_t err;
    json_t *j = json_loads(text, 0, &err);
    cr_assert_not_null(j, "not JSON (%s): %s", err.text, text);
    nlp_string_free(text);
    return j;
}

static long long int_at(const json_t *j, const char *obj, const char *key)
{
    const json_t *o = obj ? json_object_get(j, obj) : j;
    const json_t *v = json_object_get(o, key);
    cr_assert(json_is_integer(v), "%s.%s missing", obj ? obj : "", key);
    return (long long)json_integer_value(v);
}

static const char *str_at(const json_t *j, const char *obj, const char *key)
{
    const json_t *o = obj ? json_object_get(j, obj) : j;
    const json_t *v = json_object_get(o, key);
    cr_assert(json_is_string(v), "%s.%s missing", obj ? obj : "", key);
    return json_string_value(v);
}

Test(checkpoint_info, describes_bert_and_t5_fixtures)
{
    json_t *b = info(shared_path("fixtures/bert-tiny-ner"));
    cr_assert_str_eq(str_at(b, NULL, "model_type"), "bert");
    cr_assert_eq(int_at(b, "config", "hidden_size"), 32);
    cr_assert_eq(int_at(b, NULL, "num_labels"), 9);
    cr_assert_str_eq(json_string_value(json_array_get(json_object_get(b, "labels"), 8)),
                     "I-MISC");
    cr_assert_str_eq(str_at(b, "tokenizer", "kind"), "wordpiece");
    cr_assert_str_eq(str_at(b, "weights", "format"), "safetensors");
    cr_assert_eq(int_at(b, "weights", "parameters"), 961769);
    json_decref(b);

    json_t *t = info(shared_path("fixtures/t5-tiny-gated"));
    cr_assert_str_eq(str_at(t, NULL, "model_type"), "t5");
    cr_assert_eq(int_at(t, "config", "d_model"), 16);
    cr_assert(json_is_true(json_object_get(json_object_get(t, "config"), "is_gated")));
    cr_assert_str_eq(str_at(t, "tokenizer", "kind"), "unigram");
    cr_assert_eq(int_at(t, NULL, "num_labels"), 0);
    json_decref(t);

    /* Same weights in both formats: same count. */
    json_t *a = info(shared_path("fixtures/t5-tiny")), *c = info(shared_path("fixtures/t5-tiny-bin"));
    cr_assert_eq(int_at(a, "weights", "parameters"), int_at(c, "weights", "parameters"));
    cr_assert_str_eq(str_at(c, "weights", "format"), "pytorch");
    cr_assert(json_is_null(json_object_get(json_object_get(c, "tokenizer"), "kind")));
    json_decref(a);
    json_decref(c);
}

Test(checkpoint_info, errors_name_the_problem)
{
    char *text = NULL;
    cr_assert_eq(nlp_checkpoint_info(NULL, &text), NLP_ERR_INVALID_ARG);
    cr_assert_eq(nlp_checkpoint_info("x", NULL), NLP_ERR_INVALID_ARG);

    const char *dir = scratch_dir("info-errors");
    cr_assert_eq(nlp_checkpoint_info(dir, &text), NLP_ERR_IO);
    cr_assert(strstr(nlp_last_error(), "config.json") != NULL, "%s", nlp_last_error());

    char path[4096];
    snprintf(path, sizeof path, "%s/config.json", dir);
    const char *cfg = "{\"model_type\": \"gpt2\"}";
    cr_assert(write_bytes(path, cfg, strlen(cfg)));
    cr_assert_eq(nlp_checkpoint_info(dir, &text), NLP_ERR_UNSUPPORTED);
    cr_assert(strstr(nlp_last_error(), "gpt2") != NULL, "%s", nlp_last_error());

    cfg = "{\"model_type\": \"bert\"}";
    cr_assert(write_bytes(path, cfg, strlen(cfg)));
    snprintf(path, sizeof path, "%s/model.safetensors", dir);
    cr_assert(write_bytes(path, "\x40\0\0\0\0\0\0\0{}", 10));
    cr_assert_eq(nlp_checkpoint_info(dir, &text), NLP_ERR_FORMAT);
    cr_assert(strstr(nlp_last_error(), path) != NULL, "%s", nlp_last_error());
    cr_assert_null(text);
}
