/* checkpoint.cpp - checkpoint folders, the log and the curves (see
 * checkpoint.hpp). */
#include "train/checkpoint.hpp"
#include "train/curves.h"
#include "train/files.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <mutex>

namespace nlp {

static std::string join(const std::string &dir, const std::string &name)
{
    return dir + "/" + name;
}

static std::string checkpoint_dir(const nlp_train_options &o, int64_t step)
{
    return join(o.output_dir, "checkpoint-" + std::to_string(step));
}

/* The generator behind dropout, as int64 bytes (safetensors has no U8 in
 * every reader libnlp meets; the values are 0..255). */
static at::Tensor torch_rng_state()
{
    auto gen = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    return gen.get_state().to(at::kLong);
}

static void set_torch_rng_state(const at::Tensor &state)
{
    auto gen = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_state(state.to(at::kByte));
}

static nlp_status write_curves(const char *output_dir, const TrainerState &s, const char *metric)
{
    std::vector<double> tx, ty, ex, ey, mx, my;
    std::string key = std::string("eval_") + metric;
    size_t i;
    json_t *e;
    json_array_foreach(s.log_history, i, e) {
        double step = (double)json_integer_value(json_object_get(e, "step"));
        json_t *loss = json_object_get(e, "loss");
        json_t *eval_loss = json_object_get(e, "eval_loss");
        json_t *m = json_object_get(e, key.c_str());
        if (json_is_number(loss)) {
            tx.push_back(step);
            ty.push_back(json_number_value(loss));
        }
        if (json_is_number(eval_loss)) {
            ex.push_back(step);
            ey.push_back(json_number_value(eval_loss));
        }
        if (json_is_number(m) && key != "eval_loss") {
            mx.push_back(step);
            my.push_back(json_number_value(m));
        }
    }
    std::string mname = "eval " + std::string(metric);
    nlp__series series[] = {
        {"training loss", tx.data(), ty.data(), tx.size()},
        {"evaluation loss", ex.data(), ey.data(), ex.size()},
        {mname.c_str(), mx.data(), my.data(), mx.size()},
    };
    std::string path = join(output_dir, "curves.svg");
    return nlp__curves_write_svg(path.c_str(), series, 3);
}

/* Keep the newest save_total_limit checkpoints; the best one and the one
 * being written are never deleted (so with a limit of 1 two may remain, as
 * with transformers' Trainer). */
static void rotate(TrainerState &s, const nlp_train_options &o)
{
    if (o.save_total_limit <= 0)
        return;
    while ((int)s.checkpoints.size() > o.save_total_limit) {
        size_t victim = 0;
        while (victim < s.checkpoints.size() && (s.checkpoints[victim] == s.best_step ||
                                                 s.checkpoints[victim] == s.global_step))
            victim++;
        if (victim == s.checkpoints.size())
            break;
        nlp__remove_dir(checkpoint_dir(o, s.checkpoints[victim]).c_str());
        s.checkpoints.erase(s.checkpoints.begin() + (long)victim);
    }
}

nlp_status checkpoint_save(TrainTask &task, const AdamW &opt, TrainerState &s,
                           const nlp_train_options &o, const char *metric, std::string &dir)
{
    dir = checkpoint_dir(o, s.global_step);
    std::string partial = dir + ".partial";
    nlp__remove_dir(partial.c_str());
    nlp_status st = nlp__mkdirs(partial.c_str());
    if (st == NLP_OK)
        st = task.save_model(partial);
    if (st == NLP_OK) {
        TensorMap state = opt.state();
        state["torch_rng_state"] = torch_rng_state();
        st = save_weights(join(partial, "optimizer.safetensors").c_str(), state);
    }
    if (st != NLP_OK)
        return st;
    if (s.checkpoints.empty() || s.checkpoints.back() != s.global_step)
        s.checkpoints.push_back(s.global_step);
    rotate(s, o);
    st = state_save(s, join(partial, "trainer_state.json"), metric);
    if (st != NLP_OK)
        return st;
    nlp__remove_dir(dir.c_str());
    if (rename(partial.c_str(), dir.c_str()) != 0)
        return nlp__fail(NLP_ERR_IO, "cannot rename %s: %s", partial.c_str(), strerror(errno));
    return write_curves(o.output_dir, s, metric);
}

nlp_status checkpoint_load(const char *dir, AdamW &opt, TrainerState &s)
{
    TensorMap state;
    std::string d(dir);
    nlp_status st = load_weights(join(d, "optimizer.safetensors").c_str(), state);
    if (st == NLP_OK)
        st = opt.load_state(state);
    if (st == NLP_OK && !state.count("torch_rng_state"))
        st = nlp__fail(NLP_ERR_FORMAT, "%s: optimizer.safetensors lacks torch_rng_state", dir);
    if (st == NLP_OK)
        st = state_load(s, join(d, "trainer_state.json"));
    if (st == NLP_OK)
        set_torch_rng_state(state.at("torch_rng_state"));
    if (st != NLP_OK)
        return nlp__wrap(st, "resuming from %s", dir);
    return NLP_OK;
}

/* Every regular file of a checkpoint but the optimizer and trainer state. */
static nlp_status copy_model_files(const std::string &from, const std::string &to)
{
    DIR *d = opendir(from.c_str());
    if (!d)
        return nlp__fail(NLP_ERR_IO, "cannot open %s: %s", from.c_str(), strerror(errno));
    nlp_status st = NLP_OK;
    struct dirent *e;
    while (st == NLP_OK && (e = readdir(d)) != nullptr) {
        std::string name = e->d_name;
        if (name == "." || name == ".." || name == "optimizer.safetensors" ||
            name == "trainer_state.json")
            continue;
        st = nlp__copy_file(join(from, name).c_str(), join(to, name).c_str());
    }
    closedir(d);
    return st;
}

nlp_status final_model_save(TrainTask &task, const nlp_train_options &o, TrainerState &s)
{
    const char *metric = o.metric_for_best ? o.metric_for_best : task.default_metric();
    nlp_status st = s.best_step >= 0
                        ? copy_model_files(checkpoint_dir(o, s.best_step), o.output_dir)
                        : task.save_model(o.output_dir);
    if (st == NLP_OK)
        st = state_save(s, join(o.output_dir, "trainer_state.json"), metric);
    if (st == NLP_OK)
        st = write_curves(o.output_dir, s, metric);
    return st;
}

static nlp_status append_line(const std::string &path, json_t *entry, const char *mode)
{
    FILE *f = fopen(path.c_str(), mode);
    if (!f)
        return nlp__fail(NLP_ERR_IO, "cannot open %s: %s", path.c_str(), strerror(errno));
    int rc = json_dumpf(entry, f, JSON_COMPACT | JSON_REAL_PRECISION(17));
    fputc('\n', f);
    if (fclose(f) != 0 || rc != 0)
        return nlp__fail(NLP_ERR_IO, "cannot write %s", path.c_str());
    return NLP_OK;
}

nlp_status log_append(const char *output_dir, TrainerState &s, json_t *entry)
{
    json_array_append_new(s.log_history, entry);
    return append_line(join(output_dir, "log.jsonl"), entry, "a");
}

nlp_status log_rewrite(const char *output_dir, const TrainerState &s)
{
    std::string path = join(output_dir, "log.jsonl");
    std::remove(path.c_str());
    size_t i;
    json_t *e;
    json_array_foreach(s.log_history, i, e) {
        nlp_status st = append_line(path, e, "a");
        if (st != NLP_OK)
            return st;
    }
    return NLP_OK;
}

} // namespace nlp
