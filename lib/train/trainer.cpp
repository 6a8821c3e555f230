/* trainer.cpp - the training loop (see trainer.hpp). Order of work per
 * optimizer step, as transformers' Trainer: accumulate gradients of
 * gradient_accumulation_steps batches (each loss divided by that number),
 * clip the global norm, AdamW step at the schedule's rate for the steps
 * done so far, zero the gradients; then log / evaluate / save / callback. */
#include "train/trainer.hpp"
#include "train/checkpoint.hpp"
#include "train/schedule.h"

#include <ATen/CPUGeneratorImpl.h>

#include <chrono>
#include <cmath>
#include <mutex>

namespace nlp {

namespace {

struct Loop {
    TrainTask &task;
    const nlp_train_options &o;
    TrainerState s;
    AdamW opt;
    std::vector<size_t> order;
    nlp__rng rng{};
    int64_t warmup = 0;
    std::string metric;
    double last_lr = 0;

    Loop(TrainTask &t, const nlp_train_options &opts)
        : task(t), o(opts), opt(t.trainable(), adamw_config(opts))
    {
        metric = o.metric_for_best ? o.metric_for_best : task.default_metric();
    }

    static AdamWConfig adamw_config(const nlp_train_options &o)
    {
        AdamWConfig c;
        c.lr = o.learning_rate;
        c.beta1 = o.adam_beta1;
        c.beta2 = o.adam_beta2;
        c.eps = o.adam_epsilon;
        c.weight_decay = o.weight_decay;
        return c;
    }

    size_t n_examples() const { return task.train_features().count; }

    void plan()
    {
        size_t bs = o.batch_size;
        s.batches_per_epoch = (int64_t)((n_examples() + bs - 1) / bs);
        int64_t per_epoch = s.batches_per_epoch / o.gradient_accumulation_steps;
        per_epoch = per_epoch < 1 ? 1 : per_epoch;
        s.total_steps = o.max_steps > 0 ? o.max_steps
                                        : (int64_t)std::ceil(o.epochs * (double)per_epoch);
        warmup = o.warmup_steps > 0 ? o.warmup_steps
                                    : nlp__warmup_steps_for_ratio(s.total_steps, o.warmup_ratio);
    }

    void start_epoch_order()
    {
        s.epoch_rng = rng;
        order.resize(n_examples());
        nlp__epoch_order(&task.train_features(), true, o.group_by_length != 0, o.batch_size,
                         &rng, order.data());
    }

    /* One batch forward + backward; returns the loss value (undivided). */
    double micro_step(int divide_by)
    {
        size_t first = (size_t)s.batch_in_epoch * o.batch_size;
        size_t n = std::min(o.batch_size, order.size() - first);
        nlp__batch b;
        if (nlp__collate(&task.train_features(), order.data() + first, n, task.pad_id(), &b) !=
            NLP_OK)
            throw std::bad_alloc();
        at::Tensor loss = task.loss(b, true);
        (loss / (double)divide_by).backward();
        s.tokens += (int64_t)b.tokens;
        nlp__batch_free(&b);
        s.batch_in_epoch++;
        return loss.item<double>();
    }

    /* One optimizer step over up to gradient_accumulation_steps batches
     * (fewer at the end of an epoch, as the Trainer does). */
    void optimizer_step()
    {
        int accum = o.gradient_accumulation_steps;
        int64_t left = s.batches_per_epoch - s.batch_in_epoch;
        int k = (int)std::min<int64_t>(accum, left);
        double sum = 0;
        for (int i = 0; i < k; i++)
            sum += micro_step(k);
        if (o.max_grad_norm > 0)
            clip_grad_norm(opt.params(), o.max_grad_norm);
        last_lr = nlp__linear_schedule_lr(o.learning_rate, s.global_step, warmup, s.total_steps);
        opt.step(last_lr);
        opt.zero_grad();
        s.global_step++;
        s.loss_sum += sum / k;
        s.log_loss_sum += sum / k;
        s.log_steps++;
    }

    nlp_status notify(bool evaluated, double eval_loss, double value, const std::string &ckpt)
    {
        if (!o.callback)
            return NLP_OK;
        nlp_train_progress p{};
        p.size = sizeof p;
        p.step = s.global_step;
        p.total_steps = s.total_steps;
        p.epoch = s.epoch();
        p.loss = s.log_steps ? s.log_loss_sum / (double)s.log_steps : NAN;
        p.learning_rate = last_lr;
        p.evaluated = evaluated;
        p.eval_loss = eval_loss;
        p.metric = value;
        p.metric_name = metric.c_str();
        p.checkpoint = ckpt.empty() ? nullptr : ckpt.c_str();
        if (o.callback(&p, o.callback_data) != 0)
            return nlp__fail(NLP_ERR_CANCELLED, "training cancelled by the callback at step %lld",
                             (long long)s.global_step);
        return NLP_OK;
    }

    nlp_status log_train()
    {
        json_t *e = json_object();
        json_object_set_new(e, "loss", json_real(s.log_loss_sum / (double)s.log_steps));
        json_object_set_new(e, "learning_rate", json_real(last_lr));
        json_object_set_new(e, "epoch", json_real(s.epoch()));
        json_object_set_new(e, "step", json_integer(s.global_step));
        nlp_status st = log_append(o.output_dir, s, e);
        if (st == NLP_OK)
            st = notify(false, NAN, NAN, "");
        s.log_loss_sum = 0;
        s.log_steps = 0;
        return st;
    }

    bool improved(double value) const
    {
        if (std::isnan(s.best_metric))
            return true;
        return metric == "loss" ? value < s.best_metric : value > s.best_metric;
    }

    /* Evaluate (when there is eval data), save a checkpoint, call back. */
    nlp_status evaluate_and_save(bool &stop)
    {
        Metrics m;
        double value = NAN, eval_loss = NAN;
        if (task.can_evaluate()) {
            at::NoGradGuard no_grad;
            nlp_status st = task.evaluate(o.eval_batch_size, m);
            if (st != NLP_OK)
                return st;
            if (!m.count(metric))
                return nlp__fail(NLP_ERR_INVALID_ARG, "metric_for_best \"%s\" is not computed "
                                 "by this task", metric.c_str());
            value = m[metric];
            eval_loss = m["loss"];
            if (improved(value)) {
                s.best_metric = value;
                s.best_step = s.global_step;
                s.bad_evals = 0;
            } else {
                s.bad_evals++;
            }
            json_t *e = json_object();
            for (auto &kv : m)
                json_object_set_new(e, ("eval_" + kv.first).c_str(), json_real(kv.second));
            json_object_set_new(e, "epoch", json_real(s.epoch()));
            json_object_set_new(e, "step", json_integer(s.global_step));
            nlp_status lst = log_append(o.output_dir, s, e);
            if (lst != NLP_OK)
                return lst;
        }
        std::string dir;
        nlp_status st = checkpoint_save(task, opt, s, o, metric.c_str(), dir);
        if (st != NLP_OK)
            return st;
        stop = o.early_stopping_patience > 0 && s.bad_evals >= o.early_stopping_patience;
        return notify(task.can_evaluate(), eval_loss, value, dir);
    }

    nlp_status run(nlp_train_report &r)
    {
        plan();
        nlp__rng_seed(&rng, o.seed);
        if (o.resume_from) {
            /* Hugging Face Trainer's rule: a resumed run goes on to the
             * limit asked for now (max_steps, else epochs), not the one the
             * checkpoint was planned with; the schedule follows it. */
            int64_t planned = s.total_steps;
            nlp_status st = checkpoint_load(o.resume_from, opt, s);
            if (st != NLP_OK)
                return st;
            s.total_steps = planned;
            rng = s.epoch_rng;
            st = log_rewrite(o.output_dir, s);
            if (st != NLP_OK)
                return st;
        }
        bool need_order = true;
        bool stop = false;
        while (s.global_step < s.total_steps && !stop) {
            if (need_order) {
                start_epoch_order();
                need_order = false;
            }
            optimizer_step();
            nlp_status st = NLP_OK;
            if (o.logging_steps > 0 && s.global_step % o.logging_steps == 0)
                st = log_train();
            bool epoch_end = s.batch_in_epoch >= s.batches_per_epoch;
            if (epoch_end) {
                s.epoch_index++;
                s.batch_in_epoch = 0;
                need_order = true;
            }
            /* The next epoch's generator state is the one after this
             * epoch's shuffle: saving it lets a resume at an epoch end
             * start the next epoch exactly. */
            if (epoch_end)
                s.epoch_rng = rng;
            bool eval_now = o.eval_steps > 0 ? s.global_step % o.eval_steps == 0 : epoch_end;
            if (st == NLP_OK && (eval_now || s.global_step == s.total_steps))
                st = evaluate_and_save(stop);
            if (st != NLP_OK)
                return st;
        }
        return finish(r);
    }

    nlp_status finish(nlp_train_report &r)
    {
        nlp_status st = final_model_save(task, o, s);
        if (st != NLP_OK)
            return st;
        r.steps = s.global_step;
        r.epochs = s.epoch();
        r.train_loss = s.global_step ? s.loss_sum / (double)s.global_step : NAN;
        r.best_metric = s.best_metric;
        r.best_step = s.best_step;
        return NLP_OK;
    }
};

/* Dropout draws from libtorch's default CPU generator: seed it so a seed
 * fixes the whole run. */
void seed_torch(uint64_t seed)
{
    auto gen = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_current_seed(seed);
}

} // namespace

static at::Tensor to_tensor(const int64_t *data, size_t rows, size_t cols)
{
    return at::from_blob(const_cast<int64_t *>(data), {(int64_t)rows, (int64_t)cols}, at::kLong)
        .clone();
}

BatchTensors batch_tensors(const nlp__batch &b)
{
    return {to_tensor(b.input_ids, b.rows, b.cols), to_tensor(b.attention_mask, b.rows, b.cols),
            to_tensor(b.labels, b.rows, b.label_cols)};
}

nlp_status for_each_batch(const nlp__feature_set &set, size_t batch_size, int32_t pad_id,
                          const std::function<nlp_status(const nlp__batch &)> &fn)
{
    std::vector<size_t> index(set.count);
    for (size_t i = 0; i < set.count; i++)
        index[i] = i;
    nlp_status st = NLP_OK;
    for (size_t start = 0; start < set.count && st == NLP_OK; start += batch_size) {
        size_t n = std::min(batch_size, set.count - start);
        nlp__batch b;
        st = nlp__collate(&set, index.data() + start, n, pad_id, &b);
        if (st == NLP_OK)
            st = fn(b);
        nlp__batch_free(&b);
    }
    return st;
}

nlp_status run_training(TrainTask &task, const nlp_train_options &opts,
                        nlp_train_report &report)
{
    if (task.train_features().count == 0)
        return nlp__fail(NLP_ERR_INVALID_ARG, "no training examples");
    auto t0 = std::chrono::steady_clock::now();
    seed_torch(opts.seed);
    Loop loop(task, opts);
    nlp_status st = loop.run(report);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    report.seconds = secs;
    report.tokens_per_second = secs > 0 ? (double)loop.s.tokens / secs : 0;
    return st;
}

} // namespace nlp
