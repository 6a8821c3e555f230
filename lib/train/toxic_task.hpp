/* toxic_task.hpp - fine-tuning a T5 checkpoint as a text-to-text toxicity
 * classifier: the TrainTask behind nlp_toxic_train. */
#ifndef NLP_TRAIN_TOXIC_TASK_HPP
#define NLP_TRAIN_TOXIC_TASK_HPP

#include "task/toxic.h"
#include "train/trainer.hpp"

#include <memory>

namespace nlp {

/* Build the task: read the data (opts.text_column / label_column), load
 * the checkpoint (opts.resume_from when set, else base_dir) with the
 * prefix and label words of settings (device and max_input_tokens are the
 * training's: cpu and opts.max_length), tokenize or load cached features,
 * apply opts.class_balance. */
nlp_status toxic_task_create(const char *base_dir, const char *train_path,
                             const char *eval_path, const nlp__toxic_settings &settings,
                             const nlp_train_options &opts, std::unique_ptr<TrainTask> &out,
                             nlp_train_report &report);

} // namespace nlp

#endif
