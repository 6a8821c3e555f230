/* trainer.cpp - the training loop (see trainer.hpp). Order of work per
 * optimizer step, as transformers' Trainer: accumulate gradients of
 * gradient_accumulation_steps batches (each loss divided by that number),
 * clip the global norm, AdamW step at the schedule's rate for the steps
 * done so far, zero the gradients; then log / evaluate / save / callback. */
#include "train/trainer.hpp"
#include "train/checkpoint.hpp"
#include "train/distributed.hpp"
#include "train/schedule.h"

#include <ATen/CPUGeneratorImpl.h>

#include <chrono>
#include <cmath>
#include <algorithm>
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
    /* Data parallel when set: batches of batch_size rows per rank, so one
     * step consumes global_batch() examples of the shared order. */
    DistGroup *dist = nullptr;
    /* Set unless dist_reduce_after_backward: sums during the last
     * micro-step's backward. */
    std::unique_ptr<DistOverlap> overlap;
    double allreduce_seconds = 0, exposed_seconds = 0;
    /* Every rank had labelled rows in every micro-step of this optimizer
     * step so far: only then does every rank run the backward that the
     * overlapped sums need (else the sums wait for after backward). */
    bool all_ranks_active = true;
    bool reduced_in_backward = false;

    Loop(TrainTask &t, const nlp_train_options &opts, DistGroup *group)
        : task(t), o(opts), opt(t.trainable(), adamw_config(opts)), dist(group)
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
    size_t global_batch() const { return o.batch_size * (size_t)(dist ? dist->world() : 1); }
    /* Only rank 0 writes checkpoints, logs and curves. */
    bool writer() const { return !dist || dist->rank() == 0; }

    void plan()
    {
        size_t bs = global_batch();
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
        nlp__epoch_order(&task.train_features(), true, o.group_by_length != 0, global_batch(),
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

    /* The data-parallel micro step: this rank's slice of the global batch.
     * Its mean loss is weighted by its share of the labelled positions, so
     * the summed gradients are those of the mean over the whole global
     * batch, as one process with global_batch() rows would compute. *loss
     * gets that global mean. On the last micro-step (last) the gradients
     * are summed during backward when overlap is on and every rank takes
     * part. */
    nlp_status dist_micro_step(int divide_by, bool last, double &loss_out)
    {
        size_t gb = global_batch(), W = (size_t)dist->world(), r = (size_t)dist->rank();
        size_t first = (size_t)s.batch_in_epoch * gb;
        size_t n = std::min(gb, order.size() - first);
        size_t lo = first + n * r / W, hi = first + n * (r + 1) / W;
        nlp__batch b{};
        double weight = 0, value = 0;
        at::Tensor loss;
        if (hi > lo) {
            nlp_status st = nlp__collate(&task.train_features(), order.data() + lo, hi - lo,
                                         task.pad_id(), &b);
            if (st != NLP_OK)
                return st;
            weight = task.loss_weight(b);
            if (weight > 0) {
                loss = task.loss(b, true);
                value = loss.item<double>();
            }
        }
        std::vector<double> sums{weight, value * weight, (double)b.tokens, weight > 0 ? 1.0 : 0};
        nlp__batch_free(&b);
        nlp_status st = dist->allreduce_sum(sums);
        if (st != NLP_OK)
            return st;
        all_ranks_active = all_ranks_active && sums[3] == (double)W;
        if (last && overlap && all_ranks_active) {
            st = overlap->backward(loss * (weight / sums[0] / (double)divide_by));
            if (st != NLP_OK)
                return st;
            reduced_in_backward = true;
        } else if (weight > 0) {
            (loss * (weight / sums[0] / (double)divide_by)).backward();
        }
        s.tokens += (int64_t)sums[2];
        s.batch_in_epoch++;
        loss_out = sums[0] > 0 ? sums[1] / sums[0] : NAN;
        return NLP_OK;
    }

    /* Sum the ranks' gradients. A parameter none of them gave a gradient
     * keeps none (AdamW skips it, as in one process); one that some ranks
     * lack gets zeros there. */
    nlp_status dist_reduce_grads()
    {
        std::vector<Param> &ps = opt.params();
        std::vector<double> has(ps.size());
        for (size_t i = 0; i < ps.size(); i++)
            has[i] = ps[i].value.grad().defined() ? 1.0 : 0.0;
        nlp_status st = dist->allreduce_sum(has, "all-reducing which gradients exist");
        if (st != NLP_OK)
            return st;
        std::vector<at::Tensor> grads;
        for (size_t i = 0; i < ps.size(); i++) {
            if (has[i] == 0)
                continue;
            if (!ps[i].value.grad().defined())
                ps[i].value.mutable_grad() = at::zeros_like(ps[i].value);
            grads.push_back(ps[i].value.grad());
        }
        return dist->allreduce_sum(grads);
    }

    /* One optimizer step over up to gradient_accumulation_steps batches
     * (fewer at the end of an epoch, as the Trainer does). */
    nlp_status optimizer_step()
    {
        int accum = o.gradient_accumulation_steps;
        int64_t left = s.batches_per_epoch - s.batch_in_epoch;
        int k = (int)std::min<int64_t>(accum, left);
        double sum = 0;
        all_ranks_active = true;
        reduced_in_backward = false;
        for (int i = 0; i < k; i++) {
            if (!dist) {
                sum += micro_step(k);
                continue;
            }
            double v = 0;
            nlp_status st = dist_micro_step(k, i == k - 1, v);
            if (st != NLP_OK)
                return st;
            sum += v;
        }
        if (dist && !reduced_in_backward) {
            auto t0 = std::chrono::steady_clock::now();
            nlp_status st = dist_reduce_grads();
            double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
                              .count();
            allreduce_seconds += secs;
            exposed_seconds += secs;
            if (st != NLP_OK)
                return st;
        }
        if (o.max_grad_norm > 0)
            clip_grad_norm(opt.params(), o.max_grad_norm);
        last_lr = nlp__linear_schedule_lr(o.learning_rate, s.global_step, warmup, s.total_steps);
        opt.step(last_lr);
        opt.zero_grad();
        s.global_step++;
        s.loss_sum += sum / k;
        s.log_loss_sum += sum / k;
        s.log_steps++;
        return NLP_OK;
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
        nlp_status st = writer() ? log_append(o.output_dir, s, e) : (json_decref(e), NLP_OK);
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
            nlp_status st = dist ? dist_evaluate(m) : local_evaluate(m);
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
            if (!writer()) {
                json_decref(e);
            } else {
                nlp_status lst = log_append(o.output_dir, s, e);
                if (lst != NLP_OK)
                    return lst;
            }
        }
        std::string dir;
        if (writer()) {
            nlp_status st = checkpoint_save(task, opt, s, o, metric.c_str(), dir);
            if (st != NLP_OK)
                return st;
        }
        stop = o.early_stopping_patience > 0 && s.bad_evals >= o.early_stopping_patience;
        return notify(task.can_evaluate(), eval_loss, value, dir);
    }

    /* Score evaluation examples [begin, end) one eval batch at a time (the
     * batches one call over the range would make), one record each in
     * parts, telling eval_progress after each. */
    nlp_status score_examples(size_t begin, size_t end, std::vector<std::vector<double>> &parts)
    {
        size_t bs = o.eval_batch_size;
        if (begin == end) {
            parts.emplace_back();
            return task.evaluate_part(bs, begin, end, parts.back());
        }
        for (size_t at = begin; at < end; at += bs) {
            size_t to = std::min(end, at + bs);
            parts.emplace_back();
            nlp_status st = task.evaluate_part(bs, at, to, parts.back());
            if (st != NLP_OK)
                return st;
            if (o.eval_progress && o.eval_progress(to - begin, end - begin,
                                                   o.eval_progress_data) != 0)
                return nlp__fail(NLP_ERR_CANCELLED, "training cancelled by eval_progress "
                                 "during the evaluation at step %lld",
                                 (long long)s.global_step);
        }
        return NLP_OK;
    }

    nlp_status local_evaluate(Metrics &m)
    {
        std::vector<std::vector<double>> parts;
        nlp_status st = score_examples(0, task.eval_count(), parts);
        return st == NLP_OK ? task.evaluate_metrics(parts, m) : st;
    }

    /* Each rank scores its share of the evaluation examples; all gather
     * the records (a rank's records packed as [count, their lengths,
     * their values]), so every rank computes the same metrics. */
    nlp_status dist_evaluate(Metrics &m)
    {
        size_t n = task.eval_count(), W = (size_t)dist->world(), r = (size_t)dist->rank();
        std::vector<std::vector<double>> mine;
        nlp_status st = dist->agree(score_examples(n * r / W, n * (r + 1) / W, mine));
        std::vector<double> packed{(double)mine.size()};
        for (const auto &part : mine)
            packed.push_back((double)part.size());
        for (const auto &part : mine)
            packed.insert(packed.end(), part.begin(), part.end());
        std::vector<std::vector<double>> ranks, parts;
        if (st == NLP_OK)
            st = dist->allgather(packed, ranks);
        if (st != NLP_OK)
            return st;
        for (const auto &p : ranks) {
            size_t k = (size_t)p[0], at = 1 + k;
            for (size_t i = 0; i < k; i++) {
                size_t len = (size_t)p[1 + i];
                parts.emplace_back(p.begin() + (ptrdiff_t)at, p.begin() + (ptrdiff_t)(at + len));
                at += len;
            }
        }
        return task.evaluate_metrics(parts, m);
    }

    /* Resume (every rank reads the checkpoint), then rank 0's parameters
     * to all, so every rank starts from the same model. */
    nlp_status start()
    {
        int world = dist ? dist->world() : 1;
        s.world_size = world;
        if (o.resume_from) {
            /* Hugging Face Trainer's rule: a resumed run goes on to the
             * limit asked for now (max_steps, else epochs), not the one the
             * checkpoint was planned with; the schedule follows it. */
            int64_t planned = s.total_steps;
            nlp_status st = checkpoint_load(o.resume_from, opt, s);
            s.total_steps = planned;
            if (st == NLP_OK && s.world_size != world)
                st = nlp__fail(NLP_ERR_INVALID_ARG, "resume_from %s: the checkpoint was "
                               "written by %d ranks, this run has %d; resume with the same "
                               "world size (data shards and batches depend on it)",
                               o.resume_from, s.world_size, world);
            if (st != NLP_OK)
                return dist ? dist->agree(st) : st;
            rng = s.epoch_rng;
            st = writer() ? log_rewrite(o.output_dir, s) : NLP_OK;
            if (dist)
                st = dist->agree(st);
            if (st != NLP_OK)
                return st;
        }
        if (!dist)
            return NLP_OK;
        std::vector<at::Tensor> values;
        for (Param &p : opt.params())
            values.push_back(p.value);
        nlp_status st = dist->broadcast(values);
        if (st != NLP_OK || o.dist_reduce_after_backward)
            return st;
        double mb = o.dist_bucket_cap_mb > 0 ? o.dist_bucket_cap_mb : 25.0;
        return dist->agree(DistOverlap::create(*dist, values, std::max<size_t>(1, (size_t)(mb * 1048576.0)),
                                                overlap));
    }

    /* The sums' totals: after-backward ones and overlapped ones. */
    double comm_seconds() const
    {
        return allreduce_seconds + (overlap ? overlap->comm_seconds() : 0);
    }
    double comm_exposed_seconds() const
    {
        return exposed_seconds + (overlap ? overlap->exposed_seconds() : 0);
    }

    nlp_status run(nlp_train_report &r)
    {
        plan();
        nlp__rng_seed(&rng, o.seed);
        nlp_status started = start();
        if (started != NLP_OK)
            return started;
        bool need_order = true;
        bool stop = false;
        while (s.global_step < s.total_steps && !stop) {
            if (need_order) {
                start_epoch_order();
                need_order = false;
            }
            nlp_status st = optimizer_step();
            if (st != NLP_OK)
                return st;
            bool logged = o.logging_steps > 0 && s.global_step % o.logging_steps == 0;
            if (logged)
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
            eval_now = eval_now || s.global_step == s.total_steps;
            if (st == NLP_OK && eval_now)
                st = evaluate_and_save(stop);
            /* A rank-0 write failing or a callback stopping on one rank
             * stops them all. */
            if (dist && (logged || eval_now))
                st = dist->agree(st);
            if (st != NLP_OK)
                return st;
        }
        return finish(r);
    }

    nlp_status finish(nlp_train_report &r)
    {
        nlp_status st = writer() ? final_model_save(task, o, s) : NLP_OK;
        if (dist)
            st = dist->agree(st);
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

double TrainTask::loss_weight(const nlp__batch &b) const
{
    size_t n = 0;
    for (size_t i = 0; i < b.rows * b.label_cols; i++)
        n += b.labels[i] != -100;
    return (double)n;
}

BatchTensors batch_tensors(const nlp__batch &b)
{
    return {to_tensor(b.input_ids, b.rows, b.cols), to_tensor(b.attention_mask, b.rows, b.cols),
            to_tensor(b.labels, b.rows, b.label_cols)};
}

nlp_status for_each_batch(const nlp__feature_set &set, size_t batch_size, int32_t pad_id,
                          const std::function<nlp_status(const nlp__batch &)> &fn)
{
    return for_each_batch(set, 0, set.count, batch_size, pad_id, fn);
}

nlp_status for_each_batch(const nlp__feature_set &set, size_t begin, size_t end,
                          size_t batch_size, int32_t pad_id,
                          const std::function<nlp_status(const nlp__batch &)> &fn)
{
    end = std::min(end, set.count);
    std::vector<size_t> index;
    for (size_t i = begin; i < end; i++)
        index.push_back(i);
    nlp_status st = NLP_OK;
    for (size_t start = 0; start < index.size() && st == NLP_OK; start += batch_size) {
        size_t n = std::min(batch_size, index.size() - start);
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
    DistConfig dc;
    nlp_status st = dist_config(opts, dc);
    std::unique_ptr<DistGroup> group;
    if (st == NLP_OK && dc.world > 1)
        st = DistGroup::create(dc, group);
    if (st != NLP_OK)
        return st;
    auto t0 = std::chrono::steady_clock::now();
    seed_torch(opts.seed);
    Loop loop(task, opts, group.get());
    st = loop.run(report);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    report.seconds = secs;
    report.tokens_per_second = secs > 0 ? (double)loop.s.tokens / secs : 0;
    report.allreduce_seconds = loop.comm_seconds();
    report.allreduce_exposed_seconds = loop.comm_exposed_seconds();
    return st;
}

} // namespace nlp
