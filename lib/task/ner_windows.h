/* ner_windows.h - long texts as overlapping windows of tokens, and the
 * choice of which window's prediction each token keeps. */
#ifndef NLP_TASK_NER_WINDOWS_H
#define NLP_TASK_NER_WINDOWS_H

#include "core/core.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Tokens [start, end) of the text's token sequence (specials excluded). */
typedef struct nlp__window {
    size_t start, end;
} nlp__window;

/* Cover n tokens with windows of at most max_tokens, consecutive windows
 * overlapping by at least `stride` tokens (transformers' meaning of
 * stride). Window edges fall between words where a word fits, so a word's
 * subwords stay together. One window when n <= max_tokens (also n == 0).
 * Needs stride < max_tokens. *out is malloc'd. */
nlp_status nlp__ner_windows(const int32_t *word_ids, size_t n, size_t max_tokens,
                            size_t stride, nlp__window **out, size_t *count);

/* For each token, the window whose prediction it keeps: the window holding
 * the token's whole word that leaves the most context on the word's nearer
 * side ("the most central window wins"; the earlier window on ties). A
 * word no window holds whole falls back to the same rule per token. */
void nlp__ner_window_owners(const int32_t *word_ids, size_t n, const nlp__window *windows,
                            size_t count, size_t *owner);

#ifdef __cplusplus
}
#endif

#endif
