/* vocab.h - a token <-> id table: open-addressing hash map keyed by byte
 * strings, so WordPiece can look up a slice of the normalized word without
 * copying it. */
#ifndef NLP_TEXT_VOCAB_H
#define NLP_TEXT_VOCAB_H

#include "core/core.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Invariants: every key lives in `pool` (NUL-terminated); slots[] is a
 * power-of-two table of indexes into entries[], -1 when empty, at most half
 * full. An id may appear once as a key; a later duplicate key replaces the
 * earlier id (as HF's HashMap insert does). */
typedef struct nlp__vocab_entry {
    uint64_t hash;
    size_t key, len; /* offset into pool, length in bytes */
    int32_t id;
} nlp__vocab_entry;

typedef struct nlp__vocab {
    char *pool;
    size_t pool_len, pool_cap;
    nlp__vocab_entry *entries;
    size_t count, cap;
    int32_t *slots;
    size_t mask;
    size_t max_len; /* longest key in bytes */
} nlp__vocab;

void nlp__vocab_init(nlp__vocab *v);
void nlp__vocab_clear(nlp__vocab *v);

/* Add key -> id (replacing an existing key's id). */
nlp_status nlp__vocab_put(nlp__vocab *v, const char *key, size_t len, int32_t id);

/* The id of key, or -1. */
int32_t nlp__vocab_get(const nlp__vocab *v, const char *key, size_t len);

/* The entry for key, or NULL; its key is v->pool + e->key. */
const nlp__vocab_entry *nlp__vocab_find(const nlp__vocab *v, const char *key, size_t len);

#ifdef __cplusplus
}
#endif

#endif
