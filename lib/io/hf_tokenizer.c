/* hf_tokenizer.c - which tokenizer files a checkpoint directory has, and
 * the tokenizer_config.json settings libnlp honours: the library's one
 * reader of that file (text builds tokenizers from its result). */
#include "io/hf_config.h"
#include "io/json_util.h"

#include <stdlib.h>
#include <string.h>

/* dir/name when it exists, else NULL (*out untouched). */
static nlp_status find(const char *dir, const char *name, char **out)
{
    char *p = nlp__path_join(dir, name);
    if (!p)
        return NLP_ERR_NOMEM;
    if (nlp__file_exists(p))
        *out = p;
    else
        free(p);
    return NLP_OK;
}

/* A true/false/null key as -1 (absent or null), 0, 1. */
static nlp_status tristate(const char *file, const json_t *root, const char *key, int *out)
{
    const json_t *v = json_object_get(root, key);
    if (!v || json_is_null(v))
        return NLP_OK;
    bool b = false;
    nlp_status st = nlp__json_bool(file, root, key, &b);
    if (st == NLP_OK)
        *out = b;
    return st;
}

/* transformers writes "no limit" as int(1e30), which no int64 holds: the
 * file is parsed with integers as doubles and anything beyond 1e9 tokens
 * counts as unset. */
static nlp_status read_settings(nlp__tokenizer_files *t)
{
    json_t *root = NULL;
    nlp_status st = nlp__json_load_object(t->tokenizer_config_json, JSON_DECODE_INT_AS_REAL,
                                          &root);
    if (st != NLP_OK)
        return st;
    const char *file = t->tokenizer_config_json;
    double max_len = 0;
    nlp__tokenizer_settings *s = &t->settings;
    if ((st = tristate(file, root, "do_lower_case", &s->do_lower_case)) == NLP_OK &&
        (st = tristate(file, root, "strip_accents", &s->strip_accents)) == NLP_OK &&
        (st = tristate(file, root, "tokenize_chinese_chars", &s->tokenize_chinese_chars)) ==
            NLP_OK &&
        (st = nlp__json_number(file, root, "model_max_length", &max_len)) == NLP_OK)
        s->model_max_length = max_len >= 1 && max_len <= 1e9 ? (int64_t)max_len : 0;
    json_decref(root);
    return st;
}

nlp_status nlp__hf_tokenizer_files_load(const char *dir, nlp__tokenizer_files *out)
{
    nlp__tokenizer_files t = {.settings = NLP__TOKENIZER_SETTINGS_UNSET};
    nlp_status st;
    if ((st = find(dir, "vocab.txt", &t.vocab_txt)) == NLP_OK &&
        (st = find(dir, "tokenizer.json", &t.tokenizer_json)) == NLP_OK &&
        (st = find(dir, "spiece.model", &t.spiece_model)) == NLP_OK &&
        (st = find(dir, "tokenizer_config.json", &t.tokenizer_config_json)) == NLP_OK &&
        t.tokenizer_config_json)
        st = read_settings(&t);
    if (st != NLP_OK) {
        nlp__hf_tokenizer_files_free(&t);
        return st;
    }
    *out = t;
    return NLP_OK;
}

void nlp__hf_tokenizer_files_free(nlp__tokenizer_files *t)
{
    free(t->vocab_txt);
    free(t->tokenizer_json);
    free(t->spiece_model);
    free(t->tokenizer_config_json);
    memset(t, 0, sizeof *t);
}
