/* encoding.h - the result of tokenizing one text, and the builder both
 * tokenizers (BERT, T5) fill. */
#ifndef NLP_TEXT_ENCODING_H
#define NLP_TEXT_ENCODING_H

#include "core/arena.h"
#include "core/core.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Invariants: all arrays have `count` entries; offsets are half-open spans of
 * the ORIGINAL text (bytes and code points), [0,0) for added specials
 * ([CLS], </s>); word_ids are -1 for specials; tokens are NUL-terminated
 * copies in the encoding's arena (add tokens only with
 * nlp__encoding_push; never free or replace tokens[i]). */
struct nlp_encoding {
    size_t count, cap;
    int32_t *ids;
    char **tokens;
    size_t *token_len; /* bytes of tokens[i]; a T5 piece may hold a NUL */
    int64_t *byte_start, *byte_end;
    int64_t *char_start, *char_end;
    int32_t *word_ids;
    uint8_t *special;
    size_t truncated;  /* tokens dropped by truncation */
    nlp__arena strings;          /* token strings (they never move) */
};

typedef struct nlp_encoding nlp__encoding;

nlp__encoding *nlp__encoding_new(void);
void nlp__encoding_free(nlp__encoding *enc);

/* Append a token. token may be NULL-terminated or length-given (token_len
 * (size_t)-1 means strlen). byte offsets are into the original text. */
nlp_status nlp__encoding_push(nlp__encoding *enc, int32_t id, const char *token,
                              size_t token_len, int64_t byte_start,
                              int64_t byte_end, int32_t word_id, bool special);

/* Fill char_start/char_end from the byte offsets, given the original text
 * (one pass over the text). */
void nlp__encoding_fill_char_offsets(nlp__encoding *enc, const char *text, size_t len);

/* The same for tokens [from, enc->count) only, whose byte offsets are into
 * text (one word of pre-split input). Specials ([0,0)) stay [0,0). */
void nlp__encoding_fill_char_offsets_from(nlp__encoding *enc, size_t from, const char *text,
                                          size_t len);

/* Drop tokens from the end until count tokens remain (no-op when count >=
 * enc->count); adds the number dropped to enc->truncated. */
void nlp__encoding_truncate(nlp__encoding *enc, size_t count);

#ifdef __cplusplus
}
#endif

#endif
