/* checkpoint.hpp - checkpoint folders: save (model via the task, optimizer
 * and generator state, trainer_state.json), rotation (save_total_limit,
 * the best kept), resume, the final copy into output_dir, and the JSON
 * Lines log and SVG curves beside them. */
#ifndef NLP_TRAIN_CHECKPOINT_HPP
#define NLP_TRAIN_CHECKPOINT_HPP

#include "train/state.hpp"
#include "train/trainer.hpp"

namespace nlp {

/* Save output_dir/checkpoint-<step>: written into a ".partial" folder then
 * renamed, so a folder named checkpoint-N is always complete. *dir gets
 * its path. */
nlp_status checkpoint_save(TrainTask &task, const AdamW &opt, TrainerState &s,
                           const nlp_train_options &o, const char *metric, std::string &dir);

/* Restore optimizer, libtorch's generator and the trainer state from a
 * checkpoint folder (the task loaded the model weights already). */
nlp_status checkpoint_load(const char *dir, AdamW &opt, TrainerState &s);

/* Copy the best checkpoint's model files (or save the current model when
 * there is none) into output_dir, with trainer_state.json and curves. */
nlp_status final_model_save(TrainTask &task, const nlp_train_options &o, TrainerState &s);

/* Append an entry (owned: stolen) to the log history and to
 * output_dir/log.jsonl; log_rewrite writes log.jsonl from the history (on
 * resume, so entries after the checkpoint are not duplicated). */
nlp_status log_append(const char *output_dir, TrainerState &s, json_t *entry);
nlp_status log_rewrite(const char *output_dir, const TrainerState &s);

} // namespace nlp

#endif
