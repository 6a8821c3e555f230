/* tokenizer.c - the kind-independent tokenizer: specials, truncation,
 * pre-split words, code point offsets. */
#include "text/tokenizer.h"

#include <stdlib.h>
#include <string.h>

void nlp__tokenizer_free(nlp__tokenizer *tok)
{
    if (!tok)
        return;
    nlp__bert_free(tok->bert);
    nlp__t5_tokenizer_free(tok->t5);
    free(tok);
}

/* Text tokens of one text or word, no specials. word >= 0 sets every
 * token's word id. */
static nlp_status encode_content(const nlp__tokenizer *tok, const char *text, size_t len,
                                 int32_t word, nlp__encoding *enc)
{
    if (tok->kind == NLP_TOKENIZER_BERT)
        return nlp__bert_encode(tok->bert, text, len, word, enc);
    size_t from = enc->count;
    nlp_status st = nlp__t5_encode(tok->t5, text, len, false, enc);
    if (st == NLP_OK && word >= 0)
        for (size_t i = from; i < enc->count; i++)
            enc->word_ids[i] = word;
    return st;
}

static size_t special_count(const nlp__tokenizer *tok, bool add_special)
{
    if (!add_special)
        return 0;
    return tok->kind == NLP_TOKENIZER_BERT ? 2 : 1;
}

static nlp_status push_special(nlp__encoding *enc, const nlp__tokenizer *tok, int32_t id)
{
    const char *name = nlp__tokenizer_id_to_token(tok, id);
    return nlp__encoding_push(enc, id, name ? name : "", (size_t)-1, 0, 0, -1, true);
}

static nlp_status begin(const nlp__tokenizer *tok, bool add_special, size_t max_length,
                        nlp__encoding **enc)
{
    size_t specials = special_count(tok, add_special);
    if (max_length && max_length < specials)
        return nlp__fail(NLP_ERR_INVALID_ARG, "max_length %zu is below the %zu special tokens",
                         max_length, specials);
    *enc = nlp__encoding_new();
    if (!*enc)
        return NLP_ERR_NOMEM;
    if (add_special && tok->kind == NLP_TOKENIZER_BERT)
        return push_special(*enc, tok, tok->bert->cls_id);
    return NLP_OK;
}

/* Cut text tokens beyond max_length, then close with [SEP] / </s>. */
static nlp_status finish(const nlp__tokenizer *tok, bool add_special, size_t max_length,
                         nlp__encoding *enc)
{
    size_t specials = special_count(tok, add_special);
    size_t leading = add_special && tok->kind == NLP_TOKENIZER_BERT; /* [CLS] */
    if (max_length)
        nlp__encoding_truncate(enc, max_length - specials + leading);
    if (!add_special)
        return NLP_OK;
    return push_special(enc, tok, tok->kind == NLP_TOKENIZER_BERT ? tok->bert->sep_id
                                                                  : tok->eos_id);
}

nlp_status nlp__tokenizer_encode(const nlp__tokenizer *tok, const char *text, size_t len,
                                 bool add_special, size_t max_length, nlp__encoding **out)
{
    nlp_status st = nlp__utf8_check(text, len);
    if (st != NLP_OK)
        return st;
    nlp__encoding *enc = NULL;
    st = begin(tok, add_special, max_length, &enc);
    if (st == NLP_OK)
        st = encode_content(tok, text, len, -1, enc);
    if (st == NLP_OK)
        st = finish(tok, add_special, max_length, enc);
    if (st != NLP_OK) {
        nlp__encoding_free(enc);
        return st;
    }
    nlp__encoding_fill_char_offsets(enc, text, len);
    *out = enc;
    return NLP_OK;
}

static nlp_status encode_word(const nlp__tokenizer *tok, const char *word, size_t len, size_t i,
                              nlp__encoding *enc)
{
    if (i > INT32_MAX)
        return nlp__fail(NLP_ERR_INVALID_ARG, "more than %d words", INT32_MAX);
    if (!word && len)
        return nlp__fail(NLP_ERR_INVALID_ARG, "word %zu is NULL", i);
    nlp_status st = nlp__utf8_check(word, len);
    if (st != NLP_OK)
        return nlp__wrap(st, "word %zu", i);
    size_t from = enc->count;
    st = encode_content(tok, word, len, (int32_t)i, enc);
    if (st == NLP_OK)
        nlp__encoding_fill_char_offsets_from(enc, from, word, len);
    return st;
}

nlp_status nlp__tokenizer_encode_words(const nlp__tokenizer *tok, const char *const *words,
                                       const size_t *lens, size_t n, bool add_special,
                                       size_t max_length, nlp__encoding **out)
{
    nlp__encoding *enc = NULL;
    nlp_status st = begin(tok, add_special, max_length, &enc);
    for (size_t i = 0; i < n && st == NLP_OK; i++)
        st = encode_word(tok, words[i], lens[i], i, enc);
    if (st == NLP_OK)
        st = finish(tok, add_special, max_length, enc);
    if (st != NLP_OK) {
        nlp__encoding_free(enc);
        return st;
    }
    *out = enc;
    return NLP_OK;
}

nlp_status nlp__tokenizer_decode(const nlp__tokenizer *tok, const int32_t *ids, size_t n,
                                 bool skip_special, char **text)
{
    if (tok->kind == NLP_TOKENIZER_BERT)
        return nlp__bert_decode(tok->bert, ids, n, skip_special, text);
    return nlp__t5_decode(tok->t5, ids, n, skip_special, text);
}

int32_t nlp__tokenizer_token_to_id(const nlp__tokenizer *tok, const char *token, size_t len)
{
    if (tok->kind == NLP_TOKENIZER_BERT)
        return nlp__bert_token_to_id(tok->bert, token, len);
    return nlp__t5_piece_to_id(tok->t5, token, len);
}

const char *nlp__tokenizer_id_to_token(const nlp__tokenizer *tok, int32_t id)
{
    if (tok->kind == NLP_TOKENIZER_BERT)
        return nlp__bert_id_to_token(tok->bert, id);
    return nlp__t5_id_to_piece(tok->t5, id);
}

size_t nlp__tokenizer_vocab_size(const nlp__tokenizer *tok)
{
    if (tok->kind == NLP_TOKENIZER_BERT)
        return nlp__bert_vocab_size(tok->bert);
    return nlp__t5_tokenizer_vocab_size(tok->t5);
}
