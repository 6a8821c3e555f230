/* cached_features.hpp - tokenized training features through the msgpack
 * cache in output_dir/cache: a key from the options, tokenizer and data
 * bytes; a hit skips tokenization, a miss builds and stores. */
#ifndef NLP_TRAIN_CACHED_FEATURES_HPP
#define NLP_TRAIN_CACHED_FEATURES_HPP

#include "core/core.h"
#include "task/features.h"

#include <functional>
#include <string>

namespace nlp {

/* FNV-1a over options, then the bytes of tokenizer_file (may be NULL) and
 * of data_path. */
nlp_status feature_key(const std::string &options, const char *tokenizer_file,
                       const char *data_path, uint64_t &key);

/* Fill the empty set out from the cache when o.use_cache and a file holds
 * key; else run build (which fills out) and, with use_cache, save it. A
 * damaged or stale cache file is rebuilt, never trusted. */
nlp_status cached_features(const nlp_train_options &o, uint64_t key,
                           const std::function<nlp_status()> &build, nlp__feature_set &out);

} // namespace nlp

#endif
