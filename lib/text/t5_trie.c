/* t5_trie.c - a static double-array trie over byte strings: the Unigram
 * vocabulary (Viterbi asks "which pieces start here?" at every character)
 * and the added tokens. Two array reads per byte, no hashing. */
#include "text/t5_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct builder {
    nlp__t5_trie *t;
    int32_t *next_free; /* union-find: next free cell >= i */
    size_t cap;
} builder;

typedef struct task {
    int32_t node;
    uint32_t lo, hi;  /* range of sorted key indices below this node */
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
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < need)
        cap *= 2;
    /* next_free has one more cell: the "past the end" sentinel. */
    void **arrays[] = {(void **)&b->t->base, (void **)&b->t->check, (void **)&b->next_free};
    const size_t sizes[] = {sizeof(int32_t), sizeof(int32_t), sizeof(int32_t)};
    if (nlp__t5_resize(cap + 1, 3, arrays, sizes) != NLP_OK)
        return NLP_ERR_NOMEM;
    int32_t *base = b->t->base, *check = b->t->check, *nf = b->next_free;
    for (size_t i = b->cap; i < cap; i++) {
        base[i] = 0;
        check[i] = -1;
        nf[i] = (int32_t)i;
    }
    nf[cap] = (int32_t)cap; /* sentinel: "past the end" is free */
    b->cap = cap;
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

static void take(builder *b, int32_t cell, int32_t parent)
{
    b->t->check[cell] = parent;
    b->next_free[cell] = cell + 1;
}

/* First base >= 1 such that base + label is free for every label. */
static nlp_status find_base(builder *b, const int32_t *labels, size_t n, int32_t *out)
{
    int32_t p = find_free(b, labels[0] + 1);
    for (;;) {
        int32_t base = p - labels[0];
        nlp_status st = reserve(b, (size_t)base + (size_t)labels[n - 1] + 1);
        if (st != NLP_OK)
            return st;
        bool ok = true;
        for (size_t k = 1; k < n && ok; k++)
            ok = b->t->check[base + labels[k]] == -1;
        if (ok) {
            *out = base;
            return NLP_OK;
        }
        p = find_free(b, p + 1);
    }
}

static int32_t label_at(const entry *e, uint32_t depth)
{
    return depth < e->len ? (unsigned char)e->key[depth] + 1 : 0;
}

/* Place the children of one node and queue the inner ones. */
static nlp_status place(builder *b, const entry *ents, const int32_t *values,
                        task tk, task *queue, size_t *qn)
{
    int32_t labels[257];
    uint32_t starts[258];
    size_t n = 0;
    for (uint32_t k = tk.lo; k < tk.hi; k++) {
        int32_t l = label_at(&ents[k], tk.depth);
        if (n == 0 || labels[n - 1] != l) {
            labels[n] = l;
            starts[n++] = k;
        }
    }
    starts[n] = tk.hi;
    int32_t base;
    nlp_status st = find_base(b, labels, n, &base);
    if (st != NLP_OK)
        return st;
    b->t->base[tk.node] = base;
    for (size_t c = 0; c < n; c++) {
        int32_t cell = base + labels[c];
        take(b, cell, tk.node);
        if (labels[c] == 0) /* keys ending here: the last duplicate wins */
            b->t->base[cell] = -(values[ents[starts[c + 1] - 1].index] + 1);
        else
            queue[(*qn)++] = (task){cell, starts[c], starts[c + 1], tk.depth + 1};
    }
    return NLP_OK;
}

nlp_status nlp__t5_trie_build(nlp__t5_trie *trie, const char *const *keys,
                              const size_t *lens, const int32_t *values, size_t n)
{
    memset(trie, 0, sizeof *trie);
    if (n >= INT32_MAX / 2)
        return nlp__fail(NLP_ERR_UNSUPPORTED, "too many pieces (%zu)", n);
    builder b = {trie, NULL, 0};
    entry *ents = nlp__malloc((n ? n : 1) * sizeof *ents);
    size_t total = 1;
    for (size_t i = 0; i < n; i++)
        total += lens[i] + 1;
    /* Every queued task is a distinct trie node: at most one per key byte. */
    task *queue = nlp__malloc(total * sizeof *queue);
    nlp_status st = ents && queue ? reserve(&b, 1024) : NLP_ERR_NOMEM;
    if (st == NLP_OK) {
        for (size_t i = 0; i < n; i++)
            ents[i] = (entry){keys[i], lens[i], (uint32_t)i};
        qsort(ents, n, sizeof *ents, compare_entries);
        take(&b, 0, -2); /* the root */
        size_t qn = 0;
        if (n > 0)
            queue[qn++] = (task){0, 0, (uint32_t)n, 0};
        for (size_t qi = 0; qi < qn && st == NLP_OK; qi++)
            st = place(&b, ents, values, queue[qi], queue, &qn);
    }
    trie->size = b.cap;
    free(ents);
    free(queue);
    free(b.next_free);
    if (st != NLP_OK)
        nlp__t5_trie_free(trie);
    return st;
}

void nlp__t5_trie_free(nlp__t5_trie *trie)
{
    free(trie->base);
    free(trie->check);
    memset(trie, 0, sizeof *trie);
}

int32_t nlp__t5_trie_find(const nlp__t5_trie *trie, const char *key, size_t len)
{
    if (trie->size == 0)
        return -1;
    int32_t s = 0;
    for (size_t i = 0; i < len; i++) {
        size_t t = (size_t)trie->base[s] + (unsigned char)key[i] + 1;
        if (t >= trie->size || trie->check[t] != s)
            return -1;
        s = (int32_t)t;
    }
    size_t e = (size_t)trie->base[s];
    if (e >= trie->size || trie->check[e] != s)
        return -1;
    return -trie->base[e] - 1;
}

size_t nlp__t5_trie_longest(const nlp__t5_trie *trie, const char *s, size_t len,
                            int32_t *value)
{
    if (trie->size == 0)
        return 0;
    size_t best = 0;
    int32_t node = 0;
    for (size_t i = 0; i < len; i++) {
        size_t t = (size_t)trie->base[node] + (unsigned char)s[i] + 1;
        if (t >= trie->size || trie->check[t] != node)
            break;
        node = (int32_t)t;
        size_t e = (size_t)trie->base[node];
        if (e < trie->size && trie->check[e] == node) {
            best = i + 1;
            *value = -trie->base[e] - 1;
        }
    }
    return best;
}
