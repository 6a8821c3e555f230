/* alloc.c - allocation that records NLP_ERR_NOMEM, and library-owned
 * buffers handed to callers. */
#include "core/core.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void *nlp__malloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        nlp__fail(NLP_ERR_NOMEM, "out of memory allocating %zu bytes", size);
    return p;
}

void *nlp__calloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        nlp__fail(NLP_ERR_NOMEM, "out of memory allocating %zu x %zu bytes",
                  count, size);
    return p;
}

void *nlp__realloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        nlp__fail(NLP_ERR_NOMEM, "out of memory allocating %zu bytes", size);
    return p;
}

char *nlp__strndup(const char *s, size_t n)
{
    char *p = nlp__malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *nlp__strdup(const char *s)
{
    return nlp__strndup(s, strlen(s));
}

nlp_status nlp__grow(void **items, size_t *cap, size_t need, size_t item_size)
{
    if (need <= *cap)
        return NLP_OK;
    size_t new_cap = *cap ? *cap : 8;
    while (new_cap < need)
        new_cap *= 2;
    if (new_cap > SIZE_MAX / item_size)
        return nlp__fail(NLP_ERR_NOMEM, "array of %zu items is too large", need);
    void *p = nlp__realloc(*items, new_cap * item_size);
    if (!p)
        return NLP_ERR_NOMEM;
    *items = p;
    *cap = new_cap;
    return NLP_OK;
}
