/* hf_config: the fixture checkpoints read as transformers reads them; bad
 * configs fail naming file (and line for bad JSON). */
#define _POSIX_C_SOURCE 200809L
#include "io/hf_config.h"
#include "test_support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static nlp__hf_config *load_ok(const char *dir)
{
    nlp__hf_config *c = NULL;
    cr_assert_eq(nlp__hf_config_load(dir, &c), NLP_OK, "%s", nlp_last_error());
    return c;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t a = s ? strlen(s) : 0, b = strlen(tail);
    return s && a >= b && strcmp(s + a - b, tail) == 0;
}

Test(hf_config, bert_fixture_with_labels_and_wordpiece_files)
{
    nlp__hf_config *c = load_ok(shared_path("fixtures/bert-tiny-ner"));
    cr_assert_eq(c->type, NLP__MODEL_BERT);
    cr_assert_str_eq(c->model_type, "bert");
    cr_assert_eq(c->n_architectures, 1);
    cr_assert_str_eq(c->architectures[0], "BertForTokenClassification");
    const char *labels[] = {"O", "B-PER", "I-PER", "B-ORG", "I-ORG",
                            "B-LOC", "I-LOC", "B-MISC", "I-MISC"};
    cr_assert_eq(c->num_labels, 9);
    for (size_t i = 0; i < 9; i++)
        cr_assert_str_eq(c->id2label[i], labels[i]);
    const nlp__bert_config *b = &c->bert;
    cr_assert_eq(b->vocab_size, 28996);
    cr_assert_eq(b->hidden_size, 32);
    cr_assert_eq(b->num_hidden_layers, 2);
    cr_assert_eq(b->num_attention_heads, 4);
    cr_assert_eq(b->intermediate_size, 64);
    cr_assert_eq(b->max_position_embeddings, 512);
    cr_assert_eq(b->type_vocab_size, 2);
    cr_assert_eq(b->pad_token_id, 0);
    cr_assert_float_eq(b->layer_norm_eps, 1e-12, 1e-20);
    cr_assert_float_eq(b->initializer_range, 0.2, 1e-12);
    cr_assert_str_eq(b->hidden_act, "gelu");
    const nlp__tokenizer_files *t = &c->tokenizer;
    cr_assert(ends_with(t->vocab_txt, "/vocab.txt"));
    cr_assert_null(t->spiece_model);
    cr_assert_null(t->tokenizer_json);
    cr_assert(ends_with(t->tokenizer_config_json, "/tokenizer_config.json"));
    cr_assert_eq(t->settings.do_lower_case, 0);
    cr_assert_eq(t->settings.strip_accents, -1);
    cr_assert_eq(t->settings.model_max_length, 512);
    cr_assert(ends_with(c->weights_path, "bert-tiny-ner/model.safetensors"), "%s",
              c->weights_path);
    nlp__hf_config_free(c);
    nlp__hf_config_free(NULL);
}

Test(hf_config, t5_fixtures_plain_gated_and_bin)
{
    nlp__hf_config *c = load_ok(shared_path("fixtures/t5-tiny"));
    cr_assert_eq(c->type, NLP__MODEL_T5);
    const nlp__t5_config *t = &c->t5;
    cr_assert_eq(t->vocab_size, 32128);
    cr_assert_eq(t->d_model, 32);
    cr_assert_eq(t->d_kv, 8);
    cr_assert_eq(t->d_ff, 64);
    cr_assert_eq(t->num_layers, 2);
    cr_assert_eq(t->num_decoder_layers, 2);
    cr_assert_eq(t->num_heads, 4);
    cr_assert_eq(t->relative_attention_num_buckets, 32);
    cr_assert_eq(t->relative_attention_max_distance, 128);
    cr_assert_eq(t->pad_token_id, 0);
    cr_assert_eq(t->eos_token_id, 1);
    cr_assert_eq(t->decoder_start_token_id, 0);
    cr_assert_float_eq(t->layer_norm_epsilon, 1e-6, 1e-15);
    cr_assert_str_eq(t->feed_forward_proj, "relu");
    cr_assert_str_eq(t->dense_act_fn, "relu");
    cr_assert_not(t->is_gated);
    cr_assert(t->tie_word_embeddings, "absent key means transformers' default, true");
    cr_assert_null(t->task_prefix);
    cr_assert_eq(c->num_labels, 0);
    cr_assert(ends_with(c->tokenizer.spiece_model, "/spiece.model"));
    cr_assert_null(c->tokenizer.vocab_txt);
    cr_assert_eq(c->tokenizer.settings.model_max_length, 512);
    cr_assert_eq(c->tokenizer.settings.do_lower_case, -1);
    cr_assert(ends_with(c->weights_path, "/model.safetensors"));
    nlp__hf_config_free(c);

    c = load_ok(shared_path("fixtures/t5-tiny-gated"));
    cr_assert_eq(c->t5.d_model, 16);
    cr_assert(c->t5.is_gated);
    cr_assert_str_eq(c->t5.feed_forward_proj, "gated-gelu");
    cr_assert_str_eq(c->t5.dense_act_fn, "gelu_new");
    cr_assert_not(c->t5.tie_word_embeddings);
    nlp__hf_config_free(c);

    c = load_ok(shared_path("fixtures/t5-tiny-bin"));
    cr_assert(ends_with(c->weights_path, "/pytorch_model.bin"));
    cr_assert_null(c->tokenizer.spiece_model);
    cr_assert_null(c->tokenizer.tokenizer_config_json);
    cr_assert_eq(c->tokenizer.settings.model_max_length, 0);
    nlp__hf_config_free(c);
}

/* A scratch checkpoint with config.json (and optionally
 * tokenizer_config.json) holding the given text. */
static const char *make_dir(const char *name, const char *config, const char *tok_config)
{
    const char *dir = scratch_dir(name);
    char path[4096];
    snprintf(path, sizeof path, "%s/config.json", dir);
    cr_assert(write_bytes(path, config, strlen(config)));
    if (tok_config) {
        snprintf(path, sizeof path, "%s/tokenizer_config.json", dir);
        cr_assert(write_bytes(path, tok_config, strlen(tok_config)));
    }
    return dir;
}

static void expect_fail(const char *dir, nlp_status want, const char *needle)
{
    nlp__hf_config *c = NULL;
    cr_assert_eq(nlp__hf_config_load(dir, &c), want, "%s: %s", needle, nlp_last_error());
    cr_assert_null(c);
    cr_assert(strstr(nlp_last_error(), needle) != NULL, "want \"%s\" in: %s", needle,
              nlp_last_error());
}

Test(hf_config, unsupported_type_bad_json_wrong_types_and_missing_files)
{
    expect_fail(make_dir("hf-roberta", "{\"model_type\": \"roberta\"}", NULL),
                NLP_ERR_UNSUPPORTED, "model_type \"roberta\" is not supported");
    expect_fail(make_dir("hf-badjson", "{\n\"model_type\": \"bert\",\n\"x\": ]\n}", NULL),
                NLP_ERR_FORMAT, "config.json:3: invalid JSON");
    expect_fail(make_dir("hf-type", "{\"model_type\": \"bert\", \"hidden_size\": \"32\"}",
                         NULL), NLP_ERR_FORMAT, "config.json: \"hidden_size\" must be");
    expect_fail(make_dir("hf-notype", "{\"hidden_size\": 32}", NULL), NLP_ERR_FORMAT,
                "no \"model_type\"");
    expect_fail(make_dir("hf-heads", "{\"model_type\": \"bert\", \"hidden_size\": 30, "
                         "\"num_attention_heads\": 4}", NULL), NLP_ERR_FORMAT,
                "not a multiple");
    expect_fail(make_dir("hf-gap", "{\"model_type\": \"bert\", \"id2label\": {\"0\": \"O\", "
                         "\"2\": \"B-X\"}}", NULL), NLP_ERR_FORMAT, "\"id2label\" key \"2\"");
    expect_fail(make_dir("hf-ff", "{\"model_type\": \"t5\", \"feed_forward_proj\": "
                         "\"gated-a-b\"}", NULL), NLP_ERR_FORMAT, "feed_forward_proj");
    expect_fail(make_dir("hf-array", "[1]", NULL), NLP_ERR_FORMAT, "not a JSON object");
    expect_fail(make_dir("hf-badtok", "{\"model_type\": \"t5\"}", "{\n\"do_lower_case\": tru\n}"),
                NLP_ERR_FORMAT, "tokenizer_config.json:2:");
    expect_fail(make_dir("hf-toktype", "{\"model_type\": \"bert\"}",
                         "{\"do_lower_case\": \"yes\"}"), NLP_ERR_FORMAT, "do_lower_case");

    const char *empty = scratch_dir("hf-empty");
    expect_fail(empty, NLP_ERR_IO, "no config.json");
    char missing[4096];
    snprintf(missing, sizeof missing, "%s/nope", empty);
    expect_fail(missing, NLP_ERR_IO, missing);
    expect_fail(shared_path("fixtures/t5-tiny/config.json"), NLP_ERR_IO, "not a directory");
}

Test(hf_config, defaults_label2id_task_prefix_and_huge_max_length)
{
    const char *dir = make_dir("hf-defaults",
        "{\"model_type\": \"t5\", \"num_layers\": 3, \"pad_token_id\": 5,\n"
        " \"label2id\": {\"yes\": 1, \"no\": 0},\n"
        " \"task_specific_params\": {\"toxic\": {\"prefix\": \"toxic: \", \"max_length\": 4}}}",
        "{\"model_max_length\": 1000000000000000019884624838656, \"do_lower_case\": true,"
        " \"strip_accents\": false}");
    nlp__hf_config *c = load_ok(dir);
    cr_assert_eq(c->t5.d_model, 512);
    cr_assert_eq(c->t5.num_decoder_layers, 3, "defaults to num_layers");
    cr_assert_eq(c->t5.decoder_start_token_id, 5, "defaults to pad_token_id");
    cr_assert_str_eq(c->t5.task_prefix, "toxic: ");
    cr_assert_eq(c->num_labels, 2);
    cr_assert_str_eq(c->id2label[0], "no");
    cr_assert_str_eq(c->id2label[1], "yes");
    cr_assert_eq(c->tokenizer.settings.model_max_length, 0, "1e30 means no limit");
    cr_assert_eq(c->tokenizer.settings.do_lower_case, 1);
    cr_assert_eq(c->tokenizer.settings.strip_accents, 0);
    cr_assert_null(c->weights_path);
    cr_assert_eq(c->n_architectures, 0);
    nlp__hf_config_free(c);

    /* Label words beside the prefix (as nlp_toxic_train writes them). */
    dir = make_dir("hf-label-words", "{\"model_type\": \"t5\", \"task_specific_params\": "
                   "{\"toxicity\": {\"prefix\": \"ToxicChat: \", \"label_words\": "
                   "[{\"word\": \"positive\", \"toxic\": true}, "
                   "{\"word\": \"negative\", \"toxic\": false}]}}}", NULL);
    c = load_ok(dir);
    cr_assert_str_eq(c->t5.task_prefix, "ToxicChat: ");
    cr_assert_eq(c->t5.task_label_count, 2);
    cr_assert_str_eq(c->t5.task_label_words[0], "positive");
    cr_assert(c->t5.task_label_toxic[0]);
    cr_assert_str_eq(c->t5.task_label_words[1], "negative");
    cr_assert_not(c->t5.task_label_toxic[1]);
    nlp__hf_config_free(c);
    dir = make_dir("hf-bad-label-words", "{\"model_type\": \"t5\", \"task_specific_params\": "
                   "{\"toxicity\": {\"prefix\": \"t: \", \"label_words\": "
                   "[{\"word\": \"yes\", \"toxic\": 1}]}}}", NULL);
    expect_fail(dir, NLP_ERR_FORMAT, "label_words");

    /* Several tasks with prefixes (as t5-small's config): no single one. */
    dir = make_dir("hf-prefixes", "{\"model_type\": \"t5\", \"task_specific_params\": "
                   "{\"a\": {\"prefix\": \"a: \"}, \"b\": {\"prefix\": \"b: \"}}}", NULL);
    c = load_ok(dir);
    cr_assert_null(c->t5.task_prefix);
    nlp__hf_config_free(c);
}
