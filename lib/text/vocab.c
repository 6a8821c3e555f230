/* vocab.c - byte-string hash map for vocabularies. */
#include "text/vocab.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a's state finished with a multiply-xorshift, so short keys that
 * differ in their last byte spread over the table. */
static uint64_t finish_hash(uint64_t h)
{
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 32);
}

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = NLP__VOCAB_HASH_SEED;
    for (size_t i = 0; i < len; i++)
        h = nlp__vocab_hash_step(h, (unsigned char)s[i]);
    return finish_hash(h);
}

void nlp__vocab_init(nlp__vocab *v)
{
    memset(v, 0, sizeof *v);
}

void nlp__vocab_clear(nlp__vocab *v)
{
    free(v->pool);
    free(v->entries);
    free(v->slots);
    free(v->filter);
    nlp__vocab_init(v);
}

static void filter_set(nlp__vocab *v, uint64_t h)
{
    size_t bit = (size_t)(h >> 20) & v->filter_mask;
    v->filter[bit >> 6] |= 1ull << (bit & 63);
}

static bool filter_has(const nlp__vocab *v, uint64_t h)
{
    size_t bit = (size_t)(h >> 20) & v->filter_mask;
    return (v->filter[bit >> 6] >> (bit & 63)) & 1;
}

/* Rebuild slots and filter for nslots slots (a power of two). The filter
 * has 8 bits per slot, about 16 per key. */
static nlp_status rehash(nlp__vocab *v, size_t nslots)
{
    uint64_t *filter = nlp__calloc(nslots / 8, sizeof *filter);
    if (!filter)
        return NLP_ERR_NOMEM;
    free(v->filter);
    v->filter = filter;
    v->filter_mask = nslots * 8 - 1;
    nlp__vocab_slot *slots = nlp__malloc(nslots * sizeof *slots);
    if (!slots)
        return NLP_ERR_NOMEM;
    for (size_t i = 0; i < nslots; i++)
        slots[i] = (nlp__vocab_slot){0, -1};
    size_t mask = nslots - 1;
    for (size_t i = 0; i < v->count; i++) {
        uint64_t h = v->entries[i].hash;
        size_t s = h & mask;
        while (slots[s].index >= 0)
            s = (s + 1) & mask;
        slots[s] = (nlp__vocab_slot){(uint32_t)(h >> 32), (int32_t)i};
        filter_set(v, h);
    }
    free(v->slots);
    v->slots = slots;
    v->mask = mask;
    return NLP_OK;
}

static const nlp__vocab_entry *find(const nlp__vocab *v, const char *key, size_t len,
                                    uint64_t h)
{
    if (!v->slots || !filter_has(v, h))
        return NULL;
    uint32_t tag = (uint32_t)(h >> 32);
    for (size_t s = h & v->mask;; s = (s + 1) & v->mask) {
        nlp__vocab_slot slot = v->slots[s];
        if (slot.index < 0)
            return NULL;
        if (slot.tag != tag)
            continue;
        const nlp__vocab_entry *e = &v->entries[slot.index];
        if (e->len == len && memcmp(v->pool + e->key, key, len) == 0)
            return e;
    }
}

const nlp__vocab_entry *nlp__vocab_find(const nlp__vocab *v, const char *key, size_t len)
{
    return find(v, key, len, hash_bytes(key, len));
}

int32_t nlp__vocab_get(const nlp__vocab *v, const char *key, size_t len)
{
    if (len > v->max_len)
        return -1;
    const nlp__vocab_entry *e = nlp__vocab_find(v, key, len);
    return e ? e->id : -1;
}

int32_t nlp__vocab_get_hashed(const nlp__vocab *v, const char *key, size_t len, uint64_t fnv)
{
    const nlp__vocab_entry *e = find(v, key, len, finish_hash(fnv));
    return e ? e->id : -1;
}

nlp_status nlp__vocab_put(nlp__vocab *v, const char *key, size_t len, int32_t id)
{
    nlp__vocab_entry *old = (nlp__vocab_entry *)nlp__vocab_find(v, key, len);
    if (old) {
        old->id = id;
        return NLP_OK;
    }
    if ((v->count + 1) * 2 > (v->slots ? v->mask + 1 : 0)) {
        size_t n = v->slots ? (v->mask + 1) * 2 : 1024;
        if (rehash(v, n) != NLP_OK)
            return NLP_ERR_NOMEM;
    }
    if (nlp__grow((void **)&v->entries, &v->cap, v->count + 1, sizeof *v->entries) != NLP_OK)
        return NLP_ERR_NOMEM;
    if (nlp__grow((void **)&v->pool, &v->pool_cap, v->pool_len + len + 1, 1) != NLP_OK)
        return NLP_ERR_NOMEM;
    memcpy(v->pool + v->pool_len, key, len);
    v->pool[v->pool_len + len] = '\0';
    nlp__vocab_entry *e = &v->entries[v->count];
    e->hash = hash_bytes(key, len);
    e->key = v->pool_len;
    e->len = len;
    e->id = id;
    v->pool_len += len + 1;
    size_t s = e->hash & v->mask;
    while (v->slots[s].index >= 0)
        s = (s + 1) & v->mask;
    v->slots[s] = (nlp__vocab_slot){(uint32_t)(e->hash >> 32), (int32_t)v->count++};
    filter_set(v, e->hash);
    if (len > v->max_len)
        v->max_len = len;
    return NLP_OK;
}
