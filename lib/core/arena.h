/* arena.h - a string arena: many small copies, one free. Data readers use it
 * for words and texts that outlive the parser's buffers; encodings for their
 * token strings (blocks never move, so the copies stay valid). */
#ifndef NLP_CORE_ARENA_H
#define NLP_CORE_ARENA_H

#include "core/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nlp__arena_block nlp__arena_block;

/* Zero-initialise. block_size 0 means 64 KiB; small users (one encoding per
 * text) set a smaller one. */
typedef struct nlp__arena {
    nlp__arena_block *head;
    size_t block_size;
} nlp__arena;

/* A NUL-terminated copy of s[0..n) that lives until nlp__arena_free().
 * NULL (NLP_ERR_NOMEM recorded) on failure. */
char *nlp__arena_strndup(nlp__arena *a, const char *s, size_t n);
void nlp__arena_free(nlp__arena *a);

#ifdef __cplusplus
}
#endif

#endif
