/* t5_trie.c - a static double-array trie over byte strings: the Unigram
 * vocabulary (Viterbi asks "which pieces start here?" at every character)
 * and the added tokens. One 8-byte cell read per byte, no hashing.
 *
 * Built breadth-first from the sorted keys; each node's children go to the
 * first unused base whose cells base ^ label are all free (a union-find
 * "next free cell" skips the used ones). */
#include "text/t5_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct builder {
    nlp__t5_trie *t;
    int32_t *next_free; /* union-find: next free cell >= i */
    uint8_t *used_base; /* bases are unique: the label then names the parent */
    size_t cap;
} builder;

#define MAX_CELLS ((size_t)1 << 23) /* the base has 23 bits */

typedef struct task {
    int32_t node;
    uint32_t lo, hi;  /* range of sorted keys below this node */
    uint32_t depth;
} task;

typedef struct entry {
    const char *key;
    size_t len;
    uint32_t index;
} entry;

/* Sort keys by bytes; ties by index so the last duplicate comes last. */
static int compare_entries(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = memcmp(x->key, y->key, x->len < y->len ? x->len : y->len);
    if (c)
        return c;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static nlp_status reserve(builder *b, size_t need)
{
    if (need <= b->cap)
        return NLP_OK;
    if (need > MAX_CELLS)
        return nlp__fail(NLP_ERR_UNSUPPORTED, "vocabulary trie over %zu cells", MAX_CELLS);
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < need)
        cap *= 2;
    nlp__t5_cell *cells = nlp__realloc(b->t->cells, cap * sizeof *cells);
    if (!cells)
        return NLP_ERR_NOMEM;
    b->t->cells = cells;
    int32_t *values = nlp__realloc(b->t->values, cap * sizeof *values);
    if (!values)
        return NLP_ERR_NOMEM;
    b->t->values = values;
    uint8_t *used = nlp__realloc(b->used_base, cap);
    if (!used)
        return NLP_ERR_NOMEM;
    b->used_base = used;
    /* one more cell: the "past the end" sentinel, always free */
    int32_t *nf = nlp__realloc(b->next_free, (cap + 1) * sizeof *nf);
    if (!nf)
        return NLP_ERR_NOMEM;
    b->next_free = nf;
    for (size_t i = b->cap; i < cap; i++) {
        cells[i] = (nlp__t5_cell){0, 0.0f};
        values[i] = -1;
        used[i] = 0;
        nf[i] = (int32_t)i;
    }
    nf[cap] = (int32_t)cap;
    b->cap = cap;
    b->t->size = cap;
    return NLP_OK;
}

static int32_t find_free(builder *b, int32_t i)
{
    while (b->next_free[i] != i) {
        b->next_free[i] = b->next_free[b->next_free[i]];
        i = b->next_free[i];
    }
    return i;
}

static void take(builder *b, int32_t cell, int32_t label)
{
    b->t->cells[cell].unit = (uint32_t)label;
    b->next_free[cell] = cell + 1;
}

/* First unused base whose cells base ^ label are all free. Cell 0 is the
 * root and base 0 means "no children", so neither is handed out. */
static nlp_status find_base(builder *b, const int32_t *labels, size_t n, int32_t *out)
{
    for (int32_t p = find_free(b, 1);; p = find_free(b, p + 1)) {
        int32_t base = p ^ labels[0];
        nlp_status st = reserve(b, ((size_t)base | 0xFF) + 1);
        if (st != NLP_OK)
            return st;
        bool ok = base != 0 && !b->used_base[base];
        for (size_t k = 1; k < n && ok; k++)
            ok = b->next_free[base ^ labels[k]] == (base ^ labels[k]);
        if (ok) {
            b->used_base[base] = 1;
            *out = base;
            return NLP_OK;
        }
    }
}

/* Place the children of one node, note a key ending at it, and queue the
 * children. */
static nlp_status place(builder *b, const entry *ents, const int32_t *values, task tk,
                        task *queue, size_t *qn)
{
    int32_t labels[256];
    uint32_t starts[257];
    size_t n = 0;
    uint32_t k = tk.lo;
    for (; k < tk.hi && ents[k].len == tk.depth; k++) { /* sorted: shorter first */
        b->t->values[tk.node] = values[ents[k].index];
        b->t->cells[tk.node].unit |= 1u << 8;
    }
    for (; k < tk.hi; k++) {
        int32_t l = (unsigned char)ents[k].key[tk.depth];
        if (n == 0 || labels[n - 1] != l) {
            labels[n] = l;
            starts[n++] = k;
        }
    }
    if (n == 0)
        return NLP_OK;
    starts[n] = tk.hi;
    int32_t base;
    nlp_status st = find_base(b, labels, n, &base);
    if (st != NLP_OK)
        return st;
    nlp__t5_cell *node = &b->t->cells[tk.node];
    node->unit = (uint32_t)base << 9 | (node->unit & 0x1FF);
    for (size_t c = 0; c < n; c++) {
        take(b, base ^ labels[c], labels[c]);
        queue[(*qn)++] = (task){base ^ labels[c], starts[c], starts[c + 1], tk.depth + 1};
    }
    return NLP_OK;
}

nlp_status nlp__t5_trie_build(nlp__t5_trie *trie, const char *const *keys,
                              const size_t *lens, const int32_t *values, size_t n)
{
    memset(trie, 0, sizeof *trie);
    if (n >= INT32_MAX / 2)
        return nlp__fail(NLP_ERR_UNSUPPORTED, "too many keys (%zu)", n);
    builder b = {trie, NULL, NULL, 0};
    entry *ents = nlp__malloc((n ? n : 1) * sizeof *ents);
    size_t total = 1;
    for (size_t i = 0; i < n; i++)
        total += lens[i];
    /* Every queued task is a distinct node: at most one per key byte. */
    task *queue = nlp__malloc(total * sizeof *queue);
    nlp_status st = ents && queue ? reserve(&b, 1024) : NLP_ERR_NOMEM;
    if (st == NLP_OK) {
        for (size_t i = 0; i < n; i++)
            ents[i] = (entry){keys[i], lens[i], (uint32_t)i};
        qsort(ents, n, sizeof *ents, compare_entries);
        take(&b, 0, 0); /* the root */
        b.used_base[0] = 1;
        size_t qn = 0;
        queue[qn++] = (task){0, 0, (uint32_t)n, 0};
        for (size_t qi = 0; qi < qn && st == NLP_OK; qi++)
            st = place(&b, ents, values, queue[qi], queue, &qn);
    }
    free(ents);
    free(queue);
    free(b.next_free);
    free(b.used_base);
    if (st != NLP_OK)
        nlp__t5_trie_free(trie);
    return st;
}

void nlp__t5_trie_free(nlp__t5_trie *trie)
{
    free(trie->cells);
    free(trie->values);
    memset(trie, 0, sizeof *trie);
}

int32_t nlp__t5_trie_find(const nlp__t5_trie *trie, const char *key, size_t len)
{
    if (trie->size == 0)
        return -1;
    int32_t node = 0;
    for (size_t i = 0; i < len && node >= 0; i++)
        node = nlp__t5_trie_step(trie, node, (unsigned char)key[i]);
    return node >= 0 ? trie->values[node] : -1;
}

size_t nlp__t5_trie_longest(const nlp__t5_trie *trie, const char *s, size_t len,
                            int32_t *value)
{
    size_t best = 0;
    int32_t node = trie->size ? 0 : -1;
    for (size_t i = 0; i < len && node >= 0; i++) {
        node = nlp__t5_trie_step(trie, node, (unsigned char)s[i]);
        if (node >= 0 && nlp__t5_trie_has_value(trie, node)) {
            best = i + 1;
            *value = trie->values[node];
        }
    }
    return best;
}
