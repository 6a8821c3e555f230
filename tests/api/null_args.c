/* Every exported function names the NULL argument and itself ("fn: arg is
 * NULL", one helper: nlp__null_arg), never an internal nlp__ name. One test
 * per call, so the first failure hides none of the others. */
#include "test_support.h"

#include <nlp/nlp.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <string.h>

static const char *one_tag[] = {"O"};
static const size_t one_len[] = {1};
static const char *one_text[] = {"a"};
static const int one_label[] = {1};
static const double one_score[] = {0.5};

#define CASE(fn, call) static nlp_status fn(void) { return call; }
CASE(toxic_load_dir, nlp_toxic_load(NULL, NULL, &(nlp_toxic_model *){NULL}))
CASE(toxic_load_model, nlp_toxic_load("x", NULL, NULL))
CASE(toxic_classify_result, nlp_toxic_classify(NULL, "a", 1, NULL))
CASE(toxic_classify_text, nlp_toxic_classify(NULL, NULL, 3, &(nlp_toxic_result *){NULL}))
CASE(toxic_batch_model, nlp_toxic_classify_batch(NULL, one_text, one_len, 1,
                                                 (nlp_toxic_result *[1]){NULL}))
CASE(toxic_evaluate_dir, nlp_toxic_evaluate(NULL, "x", NULL, NULL, NULL, 0,
                                            &(nlp_classification_metrics){0}))
CASE(ner_load_dir, nlp_ner_load(NULL, NULL, &(nlp_ner_model *){NULL}))
CASE(ner_run_entities, nlp_ner_run(NULL, "a", 1, NULL))
CASE(ner_run_batch_model, nlp_ner_run_batch(NULL, one_text, one_len, 1,
                                            (nlp_entities *[1]){NULL}))
CASE(ner_tag_words_model, nlp_ner_tag_words(NULL, one_text, one_len, 1, (const char *[1]){0}))
CASE(ner_labels_model, nlp_ner_labels(NULL, &(const char *const *){NULL}, &(size_t){0}))
CASE(ner_msgpack_buffer, nlp_ner_run_msgpack(NULL, "a", 1, NULL))
CASE(ner_train_base, nlp_ner_train(NULL, "x", NULL, NULL, NULL))
CASE(bert_init_out, nlp_bert_init("x", NULL, 0, NULL))
CASE(t5_init_config, nlp_t5_init(NULL, 0, "x"))
CASE(t5_load_dir, nlp_t5_load(NULL, NULL, &(nlp_t5_model *){NULL}))
CASE(t5_logits_model, nlp_t5_logits(NULL, (int32_t[1]){0}, NULL, 1, 1, (int32_t[1]){0}, 1,
                                    (float[1]){0}, 1))
CASE(t5_generate_model, nlp_t5_generate(NULL, "a", 1, 1, &(char *){NULL}))
CASE(checkpoint_info_dir, nlp_checkpoint_info(NULL, &(char *){NULL}))
CASE(tag_scheme_name, nlp_tag_scheme_parse(NULL, &(nlp_tag_scheme){0}))
CASE(seqeval_lengths, nlp_seqeval_evaluate(one_tag, one_tag, NULL, 1, NULL,
                                           &(nlp_seqeval_report *){NULL}))
CASE(seqeval_gold, nlp_seqeval_evaluate(NULL, one_tag, one_len, 1, NULL,
                                        &(nlp_seqeval_report *){NULL}))
CASE(seqeval_json_report, nlp_seqeval_report_json(NULL, &(char *){NULL}))
CASE(seqeval_text_report, nlp_seqeval_report_text(NULL, 2, &(char *){NULL}))
CASE(classification_labels, nlp_classification_evaluate(NULL, one_label, NULL, 1,
                                                        &(nlp_classification_metrics){0}))
CASE(average_precision_scores, nlp_average_precision(one_label, NULL, 1, &(double){0}))
CASE(classification_json_metrics, nlp_classification_metrics_json(NULL, &(char *){NULL}))
CASE(tokenizer_load_dir, nlp_tokenizer_load(NULL, &(nlp_tokenizer *){NULL}))
CASE(tokenizer_encode_tok, nlp_tokenizer_encode(NULL, "a", 1, NULL, &(nlp_encoding *){NULL}))
CASE(tokenizer_words_tok, nlp_tokenizer_encode_words(NULL, one_text, one_len, 1, NULL,
                                                     &(nlp_encoding *){NULL}))
CASE(tokenizer_decode_tok, nlp_tokenizer_decode(NULL, (int32_t[1]){0}, 1, 0, &(char *){NULL}))
CASE(tokenizer_token_id_tok, nlp_tokenizer_token_to_id(NULL, "a", &(int32_t){0}))
CASE(conll_read_path, nlp_conll_read(NULL, NULL, &(nlp_conll *){NULL}))
CASE(data_format_out, nlp_data_format_detect("x", NULL))
CASE(options_init_options, nlp_conll_options_init(NULL, sizeof(nlp_conll_options)))

typedef struct null_case {
    nlp_status (*call)(void);
    const char *message;
} null_case;

static const null_case cases[] = {
    {toxic_load_dir, "nlp_toxic_load: dir is NULL"},
    {toxic_load_model, "nlp_toxic_load: model is NULL"},
    {toxic_classify_result, "nlp_toxic_classify: result is NULL"},
    {toxic_classify_text, "nlp_toxic_classify: text is NULL with len 3"},
    {toxic_batch_model, "nlp_toxic_classify_batch: model is NULL"},
    {toxic_evaluate_dir, "nlp_toxic_evaluate: model_dir is NULL"},
    {ner_load_dir, "nlp_ner_load: dir is NULL"},
    {ner_run_entities, "nlp_ner_run: entities is NULL"},
    {ner_run_batch_model, "nlp_ner_run_batch: model is NULL"},
    {ner_tag_words_model, "nlp_ner_tag_words: model is NULL"},
    {ner_labels_model, "nlp_ner_labels: model is NULL"},
    {ner_msgpack_buffer, "nlp_ner_run_msgpack: buffer is NULL"},
    {ner_train_base, "nlp_ner_train: base_dir is NULL"},
    {bert_init_out, "nlp_bert_init: out_dir is NULL"},
    {t5_init_config, "nlp_t5_init: config_path is NULL"},
    {t5_load_dir, "nlp_t5_load: dir is NULL"},
    {t5_logits_model, "nlp_t5_logits: model is NULL"},
    {t5_generate_model, "nlp_t5_generate: model is NULL"},
    {checkpoint_info_dir, "nlp_checkpoint_info: dir is NULL"},
    {tag_scheme_name, "nlp_tag_scheme_parse: name is NULL"},
    {seqeval_lengths, "nlp_seqeval_evaluate: lengths is NULL"},
    {seqeval_gold, "nlp_seqeval_evaluate: gold is NULL"},
    {seqeval_json_report, "nlp_seqeval_report_json: report is NULL"},
    {seqeval_text_report, "nlp_seqeval_report_text: report is NULL"},
    {classification_labels, "nlp_classification_evaluate: labels is NULL"},
    {average_precision_scores, "nlp_average_precision: scores is NULL"},
    {classification_json_metrics, "nlp_classification_metrics_json: metrics is NULL"},
    {tokenizer_load_dir, "nlp_tokenizer_load: dir is NULL"},
    {tokenizer_encode_tok, "nlp_tokenizer_encode: tok is NULL"},
    {tokenizer_words_tok, "nlp_tokenizer_encode_words: tok is NULL"},
    {tokenizer_decode_tok, "nlp_tokenizer_decode: tok is NULL"},
    {tokenizer_token_id_tok, "nlp_tokenizer_token_to_id: tok is NULL"},
    {conll_read_path, "nlp_conll_read: path is NULL"},
    {data_format_out, "nlp_data_format_detect: out is NULL"},
    {options_init_options, "nlp_conll_options_init: options is NULL"},
};

#define N_CASES (sizeof cases / sizeof cases[0])

ParameterizedTestParameters(null_args, message_names_function_and_argument)
{
    return case_indices(N_CASES);
}

ParameterizedTest(size_t *i, null_args, message_names_function_and_argument)
{
    const null_case *c = &cases[*i];
    nlp_clear_error();
    cr_assert_eq(c->call(), NLP_ERR_INVALID_ARG, "%s: %s", c->message, nlp_last_error());
    cr_assert_str_eq(nlp_last_error(), c->message);
}

/* A NULL element with a nonzero length: the message names its index. */
Test(null_args, a_null_element_is_named_with_its_index)
{
    nlp_tokenizer *tok = NULL;
    cr_assert_eq(nlp_tokenizer_load(shared_path("fixtures/bert-tiny-ner"), &tok), NLP_OK, "%s",
                 nlp_last_error());
    const char *words[] = {"a", NULL};
    const size_t lens[] = {1, 2};
    nlp_encoding *enc = NULL;
    cr_assert_eq(nlp_tokenizer_encode_words(tok, words, lens, 2, NULL, &enc),
                 NLP_ERR_INVALID_ARG);
    cr_assert_str_eq(nlp_last_error(), "nlp_tokenizer_encode_words: words[1] is NULL");
    cr_assert_null(enc);
    nlp_tokenizer_free(tok);
}
