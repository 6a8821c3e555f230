/* encoding.c - growing an encoding token by token. */
#include "text/encoding.h"

#include <stdlib.h>
#include <string.h>

nlp__encoding *nlp__encoding_new(void)
{
    nlp__encoding *enc = nlp__calloc(1, sizeof(nlp__encoding));
    if (enc)
        enc->strings.block_size = 4000; /* one short text's tokens */
    return enc;
}

void nlp__encoding_free(nlp__encoding *enc)
{
    if (!enc)
        return;
    nlp__arena_free(&enc->strings);
    free(enc->ids);
    free(enc->tokens);
    free(enc->token_len);
    free(enc->byte_start);
    free(enc->byte_end);
    free(enc->char_start);
    free(enc->char_end);
    free(enc->word_ids);
    free(enc->special);
    free(enc);
}

static nlp_status reserve(nlp__encoding *enc, size_t need)
{
    if (need <= enc->cap)
        return NLP_OK;
    size_t cap = enc->cap ? enc->cap * 2 : 32;
    while (cap < need)
        cap *= 2;
#define GROW(field)                                                        \
    do {                                                                   \
        void *p = nlp__realloc(enc->field, cap * sizeof *enc->field);      \
        if (!p)                                                            \
            return NLP_ERR_NOMEM;                                          \
        enc->field = p;                                                    \
    } while (0)
    GROW(ids);
    GROW(tokens);
    GROW(token_len);
    GROW(byte_start);
    GROW(byte_end);
    GROW(char_start);
    GROW(char_end);
    GROW(word_ids);
    GROW(special);
#undef GROW
    enc->cap = cap;
    return NLP_OK;
}

nlp_status nlp__encoding_push(nlp__encoding *enc, int32_t id, const char *token,
                              size_t token_len, int64_t byte_start,
                              int64_t byte_end, int32_t word_id, bool special)
{
    if (reserve(enc, enc->count + 1) != NLP_OK)
        return NLP_ERR_NOMEM;
    if (token_len == (size_t)-1)
        token_len = strlen(token);
    char *copy = nlp__arena_strndup(&enc->strings, token, token_len);
    if (!copy)
        return NLP_ERR_NOMEM;
    size_t i = enc->count++;
    enc->ids[i] = id;
    enc->tokens[i] = copy;
    enc->token_len[i] = token_len;
    enc->byte_start[i] = byte_start;
    enc->byte_end[i] = byte_end;
    enc->char_start[i] = 0;
    enc->char_end[i] = 0;
    enc->word_ids[i] = word_id;
    enc->special[i] = special;
    return NLP_OK;
}

void nlp__encoding_truncate(nlp__encoding *enc, size_t count)
{
    if (enc->count > count) {
        enc->truncated += enc->count - count;
        enc->count = count;
    }
}

/* Token offsets are not sorted (specials sit at 0). Offsets into short
 * texts are looked up in a byte -> code point table built in one pass;
 * the table is small enough for the stack in the common case. */
void nlp__encoding_fill_char_offsets_from(nlp__encoding *enc, size_t from, const char *text,
                                          size_t len)
{
    if (enc->count <= from)
        return;
    int64_t stack_table[1024];
    int64_t *cp_at = len < 1024 ? stack_table : malloc((len + 1) * sizeof *cp_at);
    if (!cp_at)
        return;
    int64_t cp = 0;
    /* A continuation byte maps to the code point it belongs to; a boundary
     * (lead byte or len) maps to the count of code points before it. */
    for (size_t b = 0; b <= len; b++) {
        if (b == len || ((unsigned char)text[b] & 0xC0) != 0x80)
            cp_at[b] = cp++;
        else
            cp_at[b] = cp - 1;
    }
    for (size_t i = from; i < enc->count; i++) {
        int64_t s = enc->byte_start[i], e = enc->byte_end[i];
        if (s < 0 || e < s || (size_t)e > len)
            continue;
        enc->char_start[i] = cp_at[s];
        enc->char_end[i] = cp_at[e];
    }
    if (cp_at != stack_table)
        free(cp_at);
}

void nlp__encoding_fill_char_offsets(nlp__encoding *enc, const char *text, size_t len)
{
    nlp__encoding_fill_char_offsets_from(enc, 0, text, len);
}
