/* hf_files.cpp - the Hugging Face side files of a checkpoint (see
 * hf_files.hpp). */
#include "train/hf_files.hpp"
#include "core/json_file.h"
#include "train/files.h"

#include <cstring>

namespace nlp {

nlp_status write_hf_config(const std::string &base_dir, const std::string &dir,
                           const std::vector<std::string> &labels, const char *architecture,
                           json_t *extra)
{
    std::string src = base_dir + "/config.json";
    json_t *root = nullptr;
    nlp_status loaded = nlp__json_load_object(src.c_str(), 0, &root);
    if (loaded != NLP_OK) {
        json_decref(extra);
        return loaded;
    }
    if (extra)
        json_object_update(root, extra);
    json_decref(extra);
    if (!labels.empty()) {
        json_t *id2label = json_object(), *label2id = json_object();
        for (size_t i = 0; i < labels.size(); i++) {
            json_object_set_new(id2label, std::to_string(i).c_str(),
                                json_string(labels[i].c_str()));
            json_object_set_new(label2id, labels[i].c_str(), json_integer((json_int_t)i));
        }
        json_object_set_new(root, "id2label", id2label);
        json_object_set_new(root, "label2id", label2id);
    }
    json_t *arch = json_array();
    json_array_append_new(arch, json_string(architecture));
    json_object_set_new(root, "architectures", arch);
    std::string dst = dir + "/config.json";
    nlp_status st =
        nlp__json_save(dst.c_str(), root, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
    json_decref(root);
    return st;
}

nlp_status copy_tokenizer_files(const std::string &base_dir, const std::string &dir)
{
    static const char *files[] = {"vocab.txt", "tokenizer.json", "tokenizer_config.json",
                                  "special_tokens_map.json", "spiece.model",
                                  "added_tokens.json", "generation_config.json"};
    for (const char *f : files) {
        std::string src = base_dir + "/" + f;
        if (base_dir == dir || !nlp__file_exists(src.c_str()))
            continue;
        nlp_status st = nlp__copy_file(src.c_str(), (dir + "/" + f).c_str());
        if (st != NLP_OK)
            return st;
    }
    return NLP_OK;
}

} // namespace nlp
