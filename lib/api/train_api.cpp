/* train_api.cpp - the exported training functions: argument checks, the
 * options' size contract, the exception barrier. */
#include "core/barrier.hpp"
#include "api/t5_common.h"
#include "train/files.h"
#include "train/ner_task.hpp"
#include "train/toxic_task.hpp"

#include <cmath>
#include <cstring>

static nlp_train_options train_defaults(void)
{
    nlp_train_options o;
    memset(&o, 0, sizeof o);
    o.size = sizeof o;
    o.device = "cpu";
    o.epochs = 3;
    o.learning_rate = 5e-5;
    o.batch_size = 16;
    o.eval_batch_size = 32;
    o.weight_decay = 0.01;
    o.adam_beta1 = 0.9;
    o.adam_beta2 = 0.999;
    o.adam_epsilon = 1e-8;
    o.max_grad_norm = 1.0;
    o.gradient_accumulation_steps = 1;
    o.seed = 42;
    o.logging_steps = 50;
    o.max_length = 128;
    o.label_all_tokens = 1;
    o.use_cache = 1;
    o.text_column = "user_input";
    o.label_column = "toxicity";
    o.dist_rank = -1;
    return o;
}

extern "C" nlp_status nlp_train_options_init(nlp_train_options *options, size_t size)
{
    nlp_train_options d = train_defaults();
    return nlp__options_init(options, size, &d, sizeof d, "nlp_train_options");
}

namespace nlp {

/* One check per field, so the message names the field and its range. */
static nlp_status check_ranges(const nlp_train_options &o)
{
    struct range {
        const char *field;
        bool ok;
        const char *allowed;
    };
    const range checks[] = {
        {"batch_size", o.batch_size >= 1, ">= 1"},
        {"eval_batch_size", o.eval_batch_size >= 1, ">= 1"},
        {"gradient_accumulation_steps", o.gradient_accumulation_steps >= 1, ">= 1"},
        {"learning_rate", o.learning_rate >= 0, ">= 0"},
        {"epochs", o.epochs > 0 || o.max_steps > 0, "> 0 (or max_steps > 0)"},
        {"max_length", o.max_length >= 2, ">= 2"},
        {"warmup_ratio", o.warmup_ratio >= 0 && o.warmup_ratio <= 1, "0..1"},
        {"warmup_steps", o.warmup_steps >= 0, ">= 0"},
        {"max_steps", o.max_steps >= 0, ">= 0"},
        {"eval_steps", o.eval_steps >= 0, ">= 0"},
        {"logging_steps", o.logging_steps >= 0, ">= 0"},
        {"save_total_limit", o.save_total_limit >= 0, ">= 0"},
        {"early_stopping_patience", o.early_stopping_patience >= 0, ">= 0"},
        {"adam_epsilon", o.adam_epsilon > 0, "> 0"},
        {"adam_beta1", o.adam_beta1 >= 0 && o.adam_beta1 < 1, "0 <= beta1 < 1"},
        {"adam_beta2", o.adam_beta2 >= 0 && o.adam_beta2 < 1, "0 <= beta2 < 1"},
        {"weight_decay", o.weight_decay >= 0, ">= 0"},
        {"dist_bucket_cap_mb", o.dist_bucket_cap_mb >= 0 && o.dist_bucket_cap_mb <= 65536,
         "0 (25) .. 65536"},
        {"dist_reduce_after_backward", o.dist_reduce_after_backward == 0 ||
                                           o.dist_reduce_after_backward == 1, "0 or 1"},
    };
    for (const range &c : checks)
        if (!c.ok)
            return nlp__fail(NLP_ERR_INVALID_ARG, "nlp_train_options.%s is out of range "
                             "(allowed: %s)", c.field, c.allowed);
    return NLP_OK;
}

nlp_status resolve_train_options(const nlp_train_options *in, nlp_train_options &out)
{
    out = train_defaults();
    nlp_status st = nlp__options_read(&out, sizeof out, in, "nlp_train_options");
    if (st != NLP_OK)
        return st;
    if (!out.output_dir || !*out.output_dir)
        return nlp__fail(NLP_ERR_INVALID_ARG, "nlp_train_options.output_dir is required");
    if ((st = check_ranges(out)) != NLP_OK)
        return st;
    static const char *metrics[] = {"overall_f1", "accuracy", "f1", "loss", "auprc"};
    bool known = !out.metric_for_best;
    for (const char *m : metrics)
        known = known || strcmp(out.metric_for_best, m) == 0;
    if (!known)
        return nlp__fail(NLP_ERR_INVALID_ARG, "nlp_train_options.metric_for_best \"%s\": use "
                         "overall_f1, accuracy, f1, loss or auprc", out.metric_for_best);
    /* Read as an int: a C caller may store any int there, and loading a
     * value outside the enumerators through the enum type is undefined
     * behaviour in C++ (UBSan in the asan preset caught it). */
    int balance;
    static_assert(sizeof balance == sizeof out.class_balance, "nlp_class_balance is an int");
    memcpy(&balance, &out.class_balance, sizeof balance);
    if (balance < NLP_BALANCE_NONE || balance > NLP_BALANCE_LOSS_WEIGHT)
        return nlp__fail(NLP_ERR_INVALID_ARG, "nlp_train_options.class_balance is %d "
                         "(allowed: 0..2, the nlp_class_balance values)", balance);
    if (out.device && strcmp(out.device, "cpu") != 0 && strcmp(out.device, "auto") != 0)
        return nlp__fail(NLP_ERR_UNSUPPORTED, "nlp_train_options.device \"%s\": training "
                         "runs on the CPU only (allowed: \"cpu\", \"auto\")", out.device);
    return nlp__mkdirs(out.output_dir);
}

} // namespace nlp

static void report_reset(nlp_train_report &r)
{
    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    r.best_metric = NAN;
    r.best_step = -1;
}

static void report_copy(const nlp_train_report &r, nlp_train_report *out)
{
    if (!out || out->size < sizeof(size_t))
        return;
    size_t n = std::min(out->size, sizeof r);
    size_t size = out->size;
    memcpy(out, &r, n);
    out->size = size;
}

extern "C" nlp_status nlp_ner_train(const char *base_dir, const char *train_path,
                                    const char *eval_path, const nlp_train_options *options,
                                    nlp_train_report *report)
{
    if (!base_dir || !train_path)
        return nlp__null_arg("nlp_ner_train", base_dir ? "train_path" : "base_dir");
    return nlp::guard("nlp_ner_train", [&]() -> nlp_status {
        nlp_train_options o;
        nlp_status st = nlp::resolve_train_options(options, o);
        if (st != NLP_OK)
            return st;
        nlp_train_report r;
        report_reset(r);
        std::unique_ptr<nlp::TrainTask> task;
        st = nlp::ner_task_create(base_dir, train_path, eval_path, o, task, r);
        if (st == NLP_OK)
            st = nlp::run_training(*task, o, r);
        report_copy(r, report);
        return st;
    });
}

extern "C" nlp_status nlp_toxic_train(const char *base_dir, const char *train_path,
                                      const char *eval_path, const nlp_toxic_options *model_options,
                                      const nlp_train_options *options, nlp_train_report *report)
{
    if (!base_dir || !train_path)
        return nlp__null_arg("nlp_toxic_train", base_dir ? "train_path" : "base_dir");
    return nlp::guard("nlp_toxic_train", [&]() -> nlp_status {
        /* Training runs on the CPU whatever model_options->device says; the
         * task sets the input limit from max_length. */
        nlp_toxic_options given, model;
        nlp_status st = nlp_toxic_options_init(&given, sizeof given);
        if (st == NLP_OK)
            st = nlp__options_read(&given, sizeof given, model_options, "nlp_toxic_options");
        given.device = "cpu";
        nlp_train_options o;
        nlp__toxic_settings settings;
        if (st == NLP_OK)
            st = nlp__toxic_api_settings(&given, &model, &settings);
        if (st == NLP_OK)
            st = nlp::resolve_train_options(options, o);
        if (st != NLP_OK)
            return st;
        nlp_train_report r;
        report_reset(r);
        std::unique_ptr<nlp::TrainTask> task;
        st = nlp::toxic_task_create(base_dir, train_path, eval_path, settings, o, task, r);
        if (st == NLP_OK)
            st = nlp::run_training(*task, o, r);
        report_copy(r, report);
        return st;
    });
}
