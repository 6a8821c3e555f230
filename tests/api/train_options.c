/* Training option errors name the field and its allowed range: one test
 * per field (the validator checks each on its own), each message asserted
 * whole. The options are refused before any file is read. */
#include "test_support.h"

#include <nlp/nlp.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <string.h>

typedef struct bad_option {
    void (*set)(nlp_train_options *o);
    nlp_status status;
    const char *message;
} bad_option;

#define SET(name, stmt) static void name(nlp_train_options *o) { stmt; }
SET(no_output_dir, o->output_dir = NULL)
SET(batch_size_0, o->batch_size = 0)
SET(eval_batch_size_0, o->eval_batch_size = 0)
SET(accumulation_0, o->gradient_accumulation_steps = 0)
SET(learning_rate_negative, o->learning_rate = -1e-5)
SET(no_epochs_no_steps, (o->epochs = 0, o->max_steps = 0))
SET(max_length_1, o->max_length = 1)
SET(warmup_ratio_above_1, o->warmup_ratio = 1.5)
SET(warmup_steps_negative, o->warmup_steps = -1)
SET(max_steps_negative, (o->max_steps = -1, o->epochs = 1))
SET(eval_steps_negative, o->eval_steps = -1)
SET(logging_steps_negative, o->logging_steps = -1)
SET(save_total_limit_negative, o->save_total_limit = -1)
SET(patience_negative, o->early_stopping_patience = -1)
SET(adam_epsilon_0, o->adam_epsilon = 0)
SET(adam_beta1_1, o->adam_beta1 = 1)
SET(adam_beta2_negative, o->adam_beta2 = -0.1)
SET(weight_decay_negative, o->weight_decay = -0.01)
SET(metric_unknown, o->metric_for_best = "bleu")
SET(class_balance_3, o->class_balance = (nlp_class_balance)3)
SET(device_cuda, o->device = "cuda")

#define RANGE(field, allowed) \
    "nlp_train_options." field " is out of range (allowed: " allowed ")"
static const bad_option cases[] = {
    {no_output_dir, NLP_ERR_INVALID_ARG, "nlp_train_options.output_dir is required"},
    {batch_size_0, NLP_ERR_INVALID_ARG, RANGE("batch_size", ">= 1")},
    {eval_batch_size_0, NLP_ERR_INVALID_ARG, RANGE("eval_batch_size", ">= 1")},
    {accumulation_0, NLP_ERR_INVALID_ARG, RANGE("gradient_accumulation_steps", ">= 1")},
    {learning_rate_negative, NLP_ERR_INVALID_ARG, RANGE("learning_rate", ">= 0")},
    {no_epochs_no_steps, NLP_ERR_INVALID_ARG, RANGE("epochs", "> 0 (or max_steps > 0)")},
    {max_length_1, NLP_ERR_INVALID_ARG, RANGE("max_length", ">= 2")},
    {warmup_ratio_above_1, NLP_ERR_INVALID_ARG, RANGE("warmup_ratio", "0..1")},
    {warmup_steps_negative, NLP_ERR_INVALID_ARG, RANGE("warmup_steps", ">= 0")},
    {max_steps_negative, NLP_ERR_INVALID_ARG, RANGE("max_steps", ">= 0")},
    {eval_steps_negative, NLP_ERR_INVALID_ARG, RANGE("eval_steps", ">= 0")},
    {logging_steps_negative, NLP_ERR_INVALID_ARG, RANGE("logging_steps", ">= 0")},
    {save_total_limit_negative, NLP_ERR_INVALID_ARG, RANGE("save_total_limit", ">= 0")},
    {patience_negative, NLP_ERR_INVALID_ARG, RANGE("early_stopping_patience", ">= 0")},
    {adam_epsilon_0, NLP_ERR_INVALID_ARG, RANGE("adam_epsilon", "> 0")},
    {adam_beta1_1, NLP_ERR_INVALID_ARG, RANGE("adam_beta1", "0 <= beta1 < 1")},
    {adam_beta2_negative, NLP_ERR_INVALID_ARG, RANGE("adam_beta2", "0 <= beta2 < 1")},
    {weight_decay_negative, NLP_ERR_INVALID_ARG, RANGE("weight_decay", ">= 0")},
    {metric_unknown, NLP_ERR_INVALID_ARG, "nlp_train_options.metric_for_best \"bleu\": use "
                                          "overall_f1, accuracy, f1, loss or auprc"},
    {class_balance_3, NLP_ERR_INVALID_ARG, "nlp_train_options.class_balance is 3 (allowed: "
                                           "0..2, the nlp_class_balance values)"},
    {device_cuda, NLP_ERR_UNSUPPORTED, "nlp_train_options.device \"cuda\": training runs on "
                                       "the CPU only (allowed: \"cpu\", \"auto\")"},
};
#define N_CASES (sizeof cases / sizeof cases[0])

ParameterizedTestParameters(train_options, bad_field_is_named_with_its_range)
{
    return case_indices(N_CASES);
}

ParameterizedTest(size_t *i, train_options, bad_field_is_named_with_its_range)
{
    const bad_option *c = &cases[*i];
    nlp_train_options o = nlp_train_options_default();
    o.output_dir = scratch_dir("train_options_bad");
    c->set(&o);
    cr_assert_eq(nlp_ner_train("/no/such/base", "/no/such/train", NULL, &o, NULL), c->status,
                 "%s: %s", c->message, nlp_last_error());
    cr_assert_str_eq(nlp_last_error(), c->message);
    cr_assert_eq(nlp_toxic_train("/no/such/base", "/no/such/train", NULL, NULL, &o, NULL),
                 c->status, "%s: %s", c->message, nlp_last_error());
    cr_assert_str_eq(nlp_last_error(), c->message);
}
