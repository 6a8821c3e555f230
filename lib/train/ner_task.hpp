/* ner_task.hpp - fine-tuning a BERT token classifier on CoNLL data: the
 * TrainTask behind nlp_ner_train. */
#ifndef NLP_TRAIN_NER_TASK_HPP
#define NLP_TRAIN_NER_TASK_HPP

#include "train/trainer.hpp"

#include <memory>

namespace nlp {

/* Build the task: read data and config, pick the label set, tokenize (or
 * load cached features), load weights (from opts.resume_from when set). */
nlp_status ner_task_create(const char *base_dir, const char *train_path, const char *eval_path,
                           const nlp_train_options &opts, std::unique_ptr<TrainTask> &out,
                           nlp_train_report &report);

} // namespace nlp

#endif
