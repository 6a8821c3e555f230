/* cached_features.cpp - see cached_features.hpp. */
#include "train/cached_features.hpp"
#include "train/feature_cache.h"
#include "train/files.h"

#include <cstdlib>
#include <memory>

namespace nlp {

nlp_status feature_key(const std::string &options, const char *tokenizer_file,
                       const char *data_path, uint64_t &key)
{
    key = nlp__fnv1a(NLP__FNV_OFFSET, options.data(), options.size());
    nlp_status st = tokenizer_file ? nlp__hash_file(tokenizer_file, key, &key) : NLP_OK;
    return st == NLP_OK ? nlp__hash_file(data_path, key, &key) : st;
}

nlp_status cached_features(const nlp_train_options &o, uint64_t key,
                           const std::function<nlp_status()> &build, nlp__feature_set &out)
{
    std::string cache_dir = std::string(o.output_dir) + "/cache";
    std::unique_ptr<char, decltype(&free)> cache(
        nlp__feature_cache_path(cache_dir.c_str(), key), &free);
    if (!cache)
        return NLP_ERR_NOMEM;
    if (o.use_cache && nlp__feature_cache_load(cache.get(), key, &out) == NLP_OK)
        return NLP_OK;
    nlp__feature_set_clear(&out);
    nlp__clear_error();
    nlp_status st = build();
    if (st == NLP_OK && o.use_cache && nlp__mkdirs(cache_dir.c_str()) == NLP_OK)
        st = nlp__feature_cache_save(cache.get(), key, &out);
    return st;
}

} // namespace nlp
