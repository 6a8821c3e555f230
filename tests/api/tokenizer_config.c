/* tokenizer_config.json has one reader: nlp_tokenizer_load and
 * nlp_ner_load give the same answer for the same file. */
#include "test_support.h"

#include <nlp/nlp.h>

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURE "fixtures/bert-tiny-ner"

/* The fixture with its tokenizer_config.json replaced by text. */
static const char *with_tokenizer_config(const char *name, const char *text)
{
    const char *dir = scratch_dir(name);
    char cmd[8192], path[4200];
    snprintf(cmd, sizeof cmd, "cp '%s/config.json' '%s/vocab.txt' '%s/model.safetensors' '%s/'",
             shared_path(FIXTURE), shared_path(FIXTURE), shared_path(FIXTURE), dir);
    cr_assert_eq(system(cmd), 0);
    snprintf(path, sizeof path, "%s/tokenizer_config.json", dir);
    cr_assert(write_bytes(path, text, strlen(text)));
    return dir;
}

static nlp_status ner_load(const char *dir, char *error, size_t cap)
{
    nlp_ner_options o = nlp_ner_options_default();
    o.device = "cpu";
    nlp_ner_model *m = NULL;
    nlp_status st = nlp_ner_load(dir, &o, &m);
    snprintf(error, cap, "%s", nlp_last_error());
    nlp_ner_free(m);
    return st;
}

static nlp_status tokenizer_load(const char *dir, char *error, size_t cap)
{
    nlp_tokenizer *t = NULL;
    nlp_status st = nlp_tokenizer_load(dir, &t);
    snprintf(error, cap, "%s", nlp_last_error());
    nlp_tokenizer_free(t);
    return st;
}

/* A string where a boolean belongs: transformers would hand "false" (a
 * true value in Python) to the normalizer, which refuses it. Both paths
 * refuse it with the same message. */
Test(tokenizer_config, string_flag_is_the_same_error_from_both_loaders)
{
    const char *dir = with_tokenizer_config("tokcfg-string", "{\"do_lower_case\": \"false\"}");
    char a[1024], b[1024];
    cr_expect_eq(tokenizer_load(dir, a, sizeof a), NLP_ERR_FORMAT, "%s", a);
    cr_expect_eq(ner_load(dir, b, sizeof b), NLP_ERR_FORMAT, "%s", b);
    cr_expect(strstr(a, "tokenizer_config.json") && strstr(a, "\"do_lower_case\""), "%s", a);
    cr_expect_str_eq(a, b);
}

/* A valid flag is honoured the same way: do_lower_case true lowercases
 * the cased fixture vocabulary in both. */
Test(tokenizer_config, valid_flags_agree)
{
    const char *dir = with_tokenizer_config("tokcfg-lower", "{\"do_lower_case\": true}");
    nlp_tokenizer *t = NULL;
    cr_assert_eq(nlp_tokenizer_load(dir, &t), NLP_OK, "%s", nlp_last_error());
    nlp_encoding *e = NULL;
    cr_assert_eq(nlp_tokenizer_encode(t, "Paris", 5, NULL, &e), NLP_OK, "%s", nlp_last_error());
    cr_assert_gt(nlp_encoding_count(e), 2);
    const char *tok = nlp_encoding_tokens(e)[1];
    cr_expect(tok[0] == 'p', "lowercased: %s", tok);
    nlp_encoding_free(e);
    nlp_tokenizer_free(t);
    char err[1024];
    cr_expect_eq(ner_load(dir, err, sizeof err), NLP_OK, "%s", err);
}
