/* state.hpp - everything the loop needs to continue a run exactly where a
 * checkpoint left it, and its trainer_state.json form (Hugging Face's keys
 * global_step, epoch, best_metric, best_model_checkpoint, log_history, plus
 * "resume" with what libnlp needs: the data-order generator at the start
 * of the epoch, the position in the epoch, running sums). */
#ifndef NLP_TRAIN_STATE_HPP
#define NLP_TRAIN_STATE_HPP

#include "core/core.h"
#include "train/rng.h"

#include <jansson.h>

#include <cmath>
#include <string>
#include <vector>

namespace nlp {

struct TrainerState {
    int64_t global_step = 0;
    int64_t total_steps = 0;
    int64_t epoch_index = 0;    /* epochs completed */
    int64_t batch_in_epoch = 0; /* batches consumed in the current epoch */
    int64_t batches_per_epoch = 0;
    nlp__rng epoch_rng{};       /* generator before this epoch's shuffle */
    double loss_sum = 0;        /* whole run, per optimizer step */
    double log_loss_sum = 0;    /* since the last log entry */
    int64_t log_steps = 0;
    int64_t tokens = 0;
    double best_metric = NAN;
    int64_t best_step = -1;
    int bad_evals = 0;
    int world_size = 1;         /* data-parallel ranks that wrote it */
    std::vector<int64_t> checkpoints; /* steps with a folder on disk, oldest first */
    json_t *log_history = json_array(); /* owned */

    TrainerState() = default;
    TrainerState(const TrainerState &) = delete;
    TrainerState &operator=(const TrainerState &) = delete;
    ~TrainerState() { json_decref(log_history); }

    double epoch() const
    {
        return (double)epoch_index +
               (batches_per_epoch ? (double)batch_in_epoch / (double)batches_per_epoch : 0.0);
    }
};

/* trainer_state.json <-> state. Errors name the file. */
nlp_status state_save(const TrainerState &s, const std::string &path, const char *metric);
nlp_status state_load(TrainerState &s, const std::string &path);

} // namespace nlp

#endif
