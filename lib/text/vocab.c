/* vocab.c - byte-string hash map for vocabularies. */
#include "text/vocab.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a over the bytes, finished with a multiply-xorshift so short keys
 * that differ in their last byte spread over the table. */
static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 32);
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
    nlp__vocab_init(v);
}

static nlp_status rehash(nlp__vocab *v, size_t nslots)
{
    int32_t *slots = nlp__malloc(nslots * sizeof *slots);
    if (!slots)
        return NLP_ERR_NOMEM;
    memset(slots, 0xFF, nslots * sizeof *slots);
    size_t mask = nslots - 1;
    for (size_t i = 0; i < v->count; i++) {
        size_t s = v->entries[i].hash & mask;
        while (slots[s] >= 0)
            s = (s + 1) & mask;
        slots[s] = (int32_t)i;
    }
    free(v->slots);
    v->slots = slots;
    v->mask = mask;
    return NLP_OK;
}

const nlp__vocab_entry *nlp__vocab_find(const nlp__vocab *v, const char *key, size_t len)
{
    if (!v->slots)
        return NULL;
    uint64_t h = hash_bytes(key, len);
    for (size_t s = h & v->mask;; s = (s + 1) & v->mask) {
        int32_t i = v->slots[s];
        if (i < 0)
            return NULL;
        const nlp__vocab_entry *e = &v->entries[i];
        if (e->hash == h && e->len == len && memcmp(v->pool + e->key, key, len) == 0)
            return e;
    }
}

int32_t nlp__vocab_get(const nlp__vocab *v, const char *key, size_t len)
{
    if (len > v->max_len)
        return -1;
    const nlp__vocab_entry *e = nlp__vocab_find(v, key, len);
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
    while (v->slots[s] >= 0)
        s = (s + 1) & v->mask;
    v->slots[s] = (int32_t)v->count++;
    if (len > v->max_len)
        v->max_len = len;
    return NLP_OK;
}
