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

/* Hugging Face checkpoint helpers shared by the tasks. */
/* Write dir/config.json: base config.json with id2label/label2id and
 * architectures replaced (labels may be empty: left as they are). */
nlp_status write_hf_config(const std::string &base_dir, const std::string &dir,
                           const std::vector<std::string> &labels, const char *architecture);
/* Copy the tokenizer files base_dir has into dir. */
nlp_status copy_tokenizer_files(const std::string &base_dir, const std::string &dir);

} // namespace nlp

#endif
