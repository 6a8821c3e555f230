/* arena.c - see arena.h. Blocks of block_size (default 64 KiB); a larger
 * string gets a block of its own. */
#include "core/arena.h"

#include <stdlib.h>
#include <string.h>

struct nlp__arena_block {
    nlp__arena_block *next;
    size_t used, cap;
    char data[];
};

enum { DEFAULT_BLOCK_SIZE = 64 * 1024 };

char *nlp__arena_strndup(nlp__arena *a, const char *s, size_t n)
{
    nlp__arena_block *b = a->head;
    if (!b || b->cap - b->used < n + 1) {
        size_t block = a->block_size ? a->block_size : DEFAULT_BLOCK_SIZE;
        size_t cap = n + 1 > block ? n + 1 : block;
        b = nlp__malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, n);
    p[n] = '\0';
    b->used += n + 1;
    return p;
}

void nlp__arena_free(nlp__arena *a)
{
    while (a && a->head) {
        nlp__arena_block *next = a->head->next;
        free(a->head);
        a->head = next;
    }
}
