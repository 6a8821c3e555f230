/* type_table.c - interning of entity type names, and entity lists. */
#include "metrics/seqeval.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;  /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

void nlp__type_table_free(nlp__type_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->count; i++)
        free(t->names[i]);
    free(t->names);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

static int32_t *find_slot(const nlp__type_table *t, const char *name, size_t len)
{
    size_t mask = t->slot_count - 1;
    for (size_t i = hash_bytes(name, len) & mask;; i = (i + 1) & mask) {
        int32_t id = t->slots[i];
        if (id < 0 || (strncmp(t->names[id], name, len) == 0 && t->names[id][len] == '\0'))
            return &t->slots[i];
    }
}

/* Keep the table at most half full so probes stay short. */
static nlp_status rehash(nlp__type_table *t)
{
    size_t n = t->slot_count ? t->slot_count * 2 : 16;
    int32_t *slots = nlp__malloc(n * sizeof *slots);
    if (!slots)
        return NLP_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        slots[i] = -1;
    free(t->slots);
    t->slots = slots;
    t->slot_count = n;
    for (size_t id = 0; id < t->count; id++)
        *find_slot(t, t->names[id], strlen(t->names[id])) = (int32_t)id;
    return NLP_OK;
}

int32_t nlp__type_table_intern(nlp__type_table *t, const char *name, size_t len)
{
    if ((t->count + 1) * 2 > t->slot_count && rehash(t) != NLP_OK)
        return -1;
    int32_t *slot = find_slot(t, name, len);
    if (*slot >= 0)
        return *slot;
    if (t->count >= INT32_MAX ||
        nlp__grow((void **)&t->names, &t->cap, t->count + 1, sizeof *t->names) != NLP_OK)
        return -1;
    char *copy = nlp__strndup(name, len);
    if (!copy)
        return -1;
    t->names[t->count] = copy;
    *slot = (int32_t)t->count;
    return (int32_t)t->count++;
}

nlp_status nlp__entity_push(nlp__entity_list *l, int32_t type, size_t start, size_t end)
{
    nlp_status st = nlp__grow((void **)&l->items, &l->cap, l->count + 1, sizeof *l->items);
    if (st != NLP_OK)
        return st;
    l->items[l->count++] = (nlp__entity){type, start, end};
    return NLP_OK;
}
