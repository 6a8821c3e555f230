/* feature_cache.h - tokenized features saved as msgpack, so a second run on
 * the same data, tokenizer and options skips tokenization. The file name
 * carries the key (16 hex digits); the file repeats it, and a file whose
 * magic, version or key disagree is treated as absent (a stale or foreign
 * cache is rebuilt, never trusted). Layout: [ "nlp-features", 1, key,
 * truncated, [[bin input_ids, bin labels], ...] ], ids as int32 LE. */
#ifndef NLP_TRAIN_FEATURE_CACHE_H
#define NLP_TRAIN_FEATURE_CACHE_H

#include "task/features.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Malloc'd path "<dir>/features-<key>.msgpack". */
char *nlp__feature_cache_path(const char *dir, uint64_t key);

/* Load into an empty set. NLP_ERR_NOT_FOUND when the file is missing or
 * does not hold this key (set left empty); NLP_ERR_FORMAT when damaged. */
nlp_status nlp__feature_cache_load(const char *path, uint64_t key, nlp__feature_set *set);
nlp_status nlp__feature_cache_save(const char *path, uint64_t key, const nlp__feature_set *set);

#ifdef __cplusplus
}
#endif

#endif
