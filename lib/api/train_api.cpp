/* train_api.cpp - the exported training functions: argument checks, the
 * options' size contract, the exception barrier. */
#include "core/barrier.hpp"
#include "train/files.h"
#include "train/ner_task.hpp"
#include "train/toxic_task.hpp"

extern "C" {
#include "api/t5_common.h"
}

#include <cmath>
#include <cstring>

extern "C" nlp_train_options nlp_train_options_default(void)
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

namespace nlp {

nlp_status resolve_train_options(const nlp_train_options *in, nlp_train_options &out)
{
    out = nlp_train_options_default();
    if (in) {
        if (in->size < sizeof(size_t))
            return nlp__fail(NLP_ERR_INVALID_ARG, "train options: size not set "
                             "(use nlp_train_options_default())");
        memcpy(&out, in, std::min(in->size, sizeof out));
        out.size = sizeof out;
    }
    if (!out.output_dir || !*out.output_dir)
        return nlp__fail(NLP_ERR_INVALID_ARG, "train options: output_dir is required");
    if (out.batch_size == 0 || out.eval_batch_size == 0 || out.gradient_accumulation_steps < 1 ||
        !(out.learning_rate >= 0) || !(out.epochs > 0 || out.max_steps > 0) ||
        out.max_length < 2 || out.warmup_ratio < 0 || out.warmup_ratio > 1 ||
        out.max_steps < 0 || out.eval_steps < 0 || out.save_total_limit < 0 ||
        out.early_stopping_patience < 0 || !(out.adam_epsilon > 0) || out.logging_steps < 0)
        return nlp__fail(NLP_ERR_INVALID_ARG, "train options: a value is out of range "
                         "(batch sizes, accumulation >= 1, epochs or max_steps > 0, "
                         "max_length >= 2, 0 <= warmup_ratio <= 1, counts >= 0)");
    static const char *metrics[] = {"overall_f1", "accuracy", "f1", "loss", "auprc"};
    bool known = !out.metric_for_best;
    for (const char *m : metrics)
        known = known || strcmp(out.metric_for_best, m) == 0;
    if (!known)
        return nlp__fail(NLP_ERR_INVALID_ARG, "train options: metric_for_best \"%s\": use "
                         "overall_f1, accuracy, f1, loss or auprc", out.metric_for_best);
    if (out.class_balance < NLP_BALANCE_NONE || out.class_balance > NLP_BALANCE_LOSS_WEIGHT)
        return nlp__fail(NLP_ERR_INVALID_ARG, "train options: class_balance %d is not one of "
                         "the nlp_class_balance values", (int)out.class_balance);
    if (out.device && strcmp(out.device, "cpu") != 0 && strcmp(out.device, "auto") != 0)
        return nlp__fail(NLP_ERR_UNSUPPORTED, "training runs on the CPU only (device \"%s\")",
                         out.device);
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
                                    const char *eval_path, const nlp_train_options *opts,
                                    nlp_train_report *report)
{
    if (!base_dir || !train_path)
        return nlp__fail(NLP_ERR_INVALID_ARG, "nlp_ner_train: NULL base_dir or train_path");
    return nlp::guard("nlp_ner_train", [&]() -> nlp_status {
        nlp_train_options o;
        nlp_status st = nlp::resolve_train_options(opts, o);
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
                                      const char *eval_path, const nlp_toxic_options *model_opts,
                                      const nlp_train_options *opts, nlp_train_report *report)
{
    if (!base_dir || !train_path)
        return nlp__fail(NLP_ERR_INVALID_ARG, "nlp_toxic_train: NULL base_dir or train_path");
    return nlp::guard("nlp_toxic_train", [&]() -> nlp_status {
        /* Training runs on the CPU whatever model_opts->device says; the
         * task sets the input limit from max_length. */
        nlp_toxic_options given = nlp_toxic_options_default(), model;
        nlp_status st = nlp__t5_api_options(&given, sizeof given, model_opts);
        given.device = "cpu";
        nlp_train_options o;
        nlp__toxic_settings settings;
        if (st == NLP_OK)
            st = nlp__toxic_api_settings(&given, &model, &settings);
        if (st == NLP_OK)
            st = nlp::resolve_train_options(opts, o);
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
