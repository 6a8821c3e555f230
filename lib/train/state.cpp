/* state.cpp - trainer_state.json (see state.hpp). 64-bit generator words
 * are written as hex strings: JSON numbers are doubles to most readers. */
#include "train/state.hpp"
#include "core/json_file.h"
#include "train/files.h"

#include <cinttypes>
#include <cstdio>
#include <cstdlib>

namespace nlp {

static json_t *hex64(uint64_t v)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%016" PRIx64, v);
    return json_string(buf);
}

static json_t *int_array(const std::vector<int64_t> &v)
{
    json_t *a = json_array();
    for (int64_t x : v)
        json_array_append_new(a, json_integer(x));
    return a;
}

static json_t *resume_json(const TrainerState &s)
{
    json_t *r = json_object();
    json_object_set_new(r, "epoch_index", json_integer(s.epoch_index));
    json_object_set_new(r, "batch_in_epoch", json_integer(s.batch_in_epoch));
    json_object_set_new(r, "batches_per_epoch", json_integer(s.batches_per_epoch));
    json_object_set_new(r, "total_steps", json_integer(s.total_steps));
    json_object_set_new(r, "rng_state", hex64(s.epoch_rng.state));
    json_object_set_new(r, "rng_inc", hex64(s.epoch_rng.inc));
    json_object_set_new(r, "loss_sum", json_real(s.loss_sum));
    json_object_set_new(r, "log_loss_sum", json_real(s.log_loss_sum));
    json_object_set_new(r, "log_steps", json_integer(s.log_steps));
    json_object_set_new(r, "tokens", json_integer(s.tokens));
    json_object_set_new(r, "best_step", json_integer(s.best_step));
    json_object_set_new(r, "bad_evals", json_integer(s.bad_evals));
    json_object_set_new(r, "checkpoints", int_array(s.checkpoints));
    if (s.world_size > 1) /* absent: one process, as before data parallelism */
        json_object_set_new(r, "world_size", json_integer(s.world_size));
    return r;
}

nlp_status state_save(const TrainerState &s, const std::string &path, const char *metric)
{
    json_t *root = json_object();
    json_object_set_new(root, "global_step", json_integer(s.global_step));
    json_object_set_new(root, "epoch", json_real(s.epoch()));
    json_object_set_new(root, "max_steps", json_integer(s.total_steps));
    json_object_set_new(root, "best_metric",
                        std::isnan(s.best_metric) ? json_null() : json_real(s.best_metric));
    json_object_set_new(root, "metric_for_best_model", json_string(metric));
    std::string best = "checkpoint-" + std::to_string(s.best_step);
    json_object_set_new(root, "best_model_checkpoint",
                        s.best_step >= 0 ? json_string(best.c_str()) : json_null());
    json_object_set_new(root, "log_history", json_deep_copy(s.log_history));
    json_object_set_new(root, "resume", resume_json(s));
    nlp_status st = nlp__json_save(path.c_str(), root, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
    json_decref(root);
    return st;
}

static bool get_int(json_t *o, const char *key, int64_t &out)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v))
        return false;
    out = json_integer_value(v);
    return true;
}

static bool get_hex(json_t *o, const char *key, uint64_t &out)
{
    const char *v = json_string_value(json_object_get(o, key));
    if (!v)
        return false;
    char *end = nullptr;
    out = strtoull(v, &end, 16);
    return end && *end == '\0';
}

static bool get_real(json_t *o, const char *key, double &out)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_number(v))
        return false;
    out = json_number_value(v);
    return true;
}

nlp_status state_load(TrainerState &s, const std::string &path)
{
    json_t *root = nullptr;
    nlp_status loaded = nlp__json_load_object(path.c_str(), 0, &root);
    if (loaded != NLP_OK)
        return loaded;
    json_t *r = json_object_get(root, "resume");
    int64_t bad = 0;
    bool ok = get_int(root, "global_step", s.global_step) && json_is_object(r) &&
              get_int(r, "epoch_index", s.epoch_index) &&
              get_int(r, "batch_in_epoch", s.batch_in_epoch) &&
              get_int(r, "batches_per_epoch", s.batches_per_epoch) &&
              get_int(r, "total_steps", s.total_steps) &&
              get_hex(r, "rng_state", s.epoch_rng.state) &&
              get_hex(r, "rng_inc", s.epoch_rng.inc) && get_real(r, "loss_sum", s.loss_sum) &&
              get_real(r, "log_loss_sum", s.log_loss_sum) &&
              get_int(r, "log_steps", s.log_steps) && get_int(r, "tokens", s.tokens) &&
              get_int(r, "best_step", s.best_step) && get_int(r, "bad_evals", bad) &&
              json_is_array(json_object_get(r, "checkpoints")) &&
              json_is_array(json_object_get(root, "log_history"));
    int64_t world = 1;
    json_t *w = ok ? json_object_get(r, "world_size") : nullptr;
    if (w)
        ok = get_int(r, "world_size", world) && world >= 1 && world <= 65536;
    if (ok) {
        s.bad_evals = (int)bad;
        s.world_size = (int)world;
        json_t *best = json_object_get(root, "best_metric");
        s.best_metric = json_is_number(best) ? json_number_value(best) : NAN;
        size_t i;
        json_t *v;
        s.checkpoints.clear();
        json_array_foreach(json_object_get(r, "checkpoints"), i, v)
            s.checkpoints.push_back(json_integer_value(v));
        json_decref(s.log_history);
        s.log_history = json_deep_copy(json_object_get(root, "log_history"));
    }
    json_decref(root);
    if (!ok)
        return nlp__fail(NLP_ERR_FORMAT, "%s: not a libnlp trainer state (missing or bad field)",
                         path.c_str());
    return NLP_OK;
}

} // namespace nlp
