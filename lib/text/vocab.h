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

/* A slot keeps the top bits of its key's hash, so most probes of absent
 * keys end without touching entries[] or the pool. */
typedef struct nlp__vocab_slot {
    uint32_t tag;
    int32_t index; /* into entries[]; -1 when empty */
} nlp__vocab_slot;

typedef struct nlp__vocab {
    char *pool;
    size_t pool_len, pool_cap;
    nlp__vocab_entry *entries;
    size_t count, cap;
    nlp__vocab_slot *slots;
    size_t mask;
    /* One bit per hash value modulo its size, set for every key: most
     * absent keys (WordPiece tries many) are rejected here, in a table
     * small enough to stay in cache, before the slots are touched. */
    uint64_t *filter;
    size_t filter_mask; /* in bits */
    size_t max_len; /* longest key in bytes */
} nlp__vocab;

void nlp__vocab_init(nlp__vocab *v);
void nlp__vocab_clear(nlp__vocab *v);

/* Add key -> id (replacing an existing key's id). */
nlp_status nlp__vocab_put(nlp__vocab *v, const char *key, size_t len, int32_t id);

/* The id of key, or -1. */
int32_t nlp__vocab_get(const nlp__vocab *v, const char *key, size_t len);

/* The key hash is FNV-1a, so callers that look up many prefixes of one
 * string can extend it byte by byte: h = nlp__vocab_hash_step(h, byte)
 * from NLP__VOCAB_HASH_SEED, then nlp__vocab_get_hashed(v, key, len, h). */
#define NLP__VOCAB_HASH_SEED 1469598103934665603ull
static inline uint64_t nlp__vocab_hash_step(uint64_t h, unsigned char byte)
{
    return (h ^ byte) * 1099511628211ull;
}
int32_t nlp__vocab_get_hashed(const nlp__vocab *v, const char *key, size_t len, uint64_t fnv);

/* The entry for key, or NULL; its key is v->pool + e->key. */
const nlp__vocab_entry *nlp__vocab_find(const nlp__vocab *v, const char *key, size_t len);

#ifdef __cplusplus
}
#endif

#endif
