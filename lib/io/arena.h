/* arena.h - a string arena: many small copies, one free. Readers use it for
 * words and texts that outlive the parser's own buffers. */
#ifndef NLP_IO_ARENA_H
#define NLP_IO_ARENA_H

#include "core/core.h"

typedef struct nlp__arena_block nlp__arena_block;

typedef struct nlp__arena {
    nlp__arena_block *head;
} nlp__arena;

/* A NUL-terminated copy of s[0..n) that lives until nlp__arena_free().
 * NULL (NLP_ERR_NOMEM recorded) on failure. */
char *nlp__arena_strndup(nlp__arena *a, const char *s, size_t n);
void nlp__arena_free(nlp__arena *a);

#endif
