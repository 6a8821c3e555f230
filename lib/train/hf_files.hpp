/* hf_files.hpp - what a checkpoint folder holds besides the weights, in
 * Hugging Face's layout: config.json and the tokenizer files. Shared by
 * the NER and toxicity training tasks. */
#ifndef NLP_TRAIN_HF_FILES_HPP
#define NLP_TRAIN_HF_FILES_HPP

#include "core/core.h"

#include <jansson.h>

#include <string>
#include <vector>

namespace nlp {

/* Write dir/config.json: base_dir's config.json with id2label/label2id
 * (unless labels is empty) and architectures replaced, then every key of
 * extra (may be NULL; stolen) set over it. Written atomically. */
nlp_status write_hf_config(const std::string &base_dir, const std::string &dir,
                           const std::vector<std::string> &labels, const char *architecture,
                           json_t *extra = nullptr);

/* Copy the tokenizer files (vocab.txt, tokenizer.json, spiece.model, their
 * configs) and generation_config.json that base_dir has into dir. */
nlp_status copy_tokenizer_files(const std::string &base_dir, const std::string &dir);

} // namespace nlp

#endif
