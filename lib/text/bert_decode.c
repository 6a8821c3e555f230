/* bert_decode.c - ids -> text (HF's WordPiece decoder) and vocabulary
 * look-ups. */
#include "text/bert_tokenizer.h"

#include <stdlib.h>
#include <string.h>

int32_t nlp__bert_token_to_id(const nlp__bert_tokenizer *tok, const char *token, size_t len)
{
    return nlp__vocab_get(&tok->vocab, token, len);
}

const char *nlp__bert_id_to_token(const nlp__bert_tokenizer *tok, int32_t id)
{
    if (id < 0 || (size_t)id >= tok->n_ids || tok->id_key[id] == SIZE_MAX)
        return NULL;
    return tok->vocab.pool + tok->id_key[id];
}

size_t nlp__bert_vocab_size(const nlp__bert_tokenizer *tok)
{
    return tok->n_ids;
}

bool nlp__bert_is_special(const nlp__bert_tokenizer *tok, int32_t id)
{
    for (size_t i = 0; i < tok->n_added; i++)
        if (tok->added[i].id == id && tok->added[i].special)
            return true;
    return false;
}

/* HF's cleanup, applied to each token with its leading space: it only
 * removes the space before . ? ! , and before the English clitics. */
static const char *const cleanup_from[] = {" .", " ?", " !", " ,", " ' ", " n't", " 'm",
                                           " do not", " 's", " 've", " 're"};
static const char *const cleanup_to[] = {".", "?", "!", ",", "'", "n't", "'m",
                                         " don't", "'s", "'ve", "'re"};

typedef struct sbuf {
    char *data;
    size_t len, cap;
} sbuf;

static nlp_status put(sbuf *b, const char *s, size_t n)
{
    if (nlp__grow((void **)&b->data, &b->cap, b->len + n + 1, 1) != NLP_OK)
        return NLP_ERR_NOMEM;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return NLP_OK;
}

/* Append piece (already with its leading space when it has one), applying
 * the cleanup replacements left to right, in HF's order. */
static nlp_status put_clean(sbuf *out, const char *piece, size_t n)
{
    sbuf cur = {0}, next = {0};
    if (put(&cur, piece, n) != NLP_OK)
        return NLP_ERR_NOMEM;
    for (size_t r = 0; r < sizeof cleanup_from / sizeof *cleanup_from; r++) {
        const char *from = cleanup_from[r], *to = cleanup_to[r];
        size_t fl = strlen(from), tl = strlen(to);
        next.len = 0;
        if (put(&next, "", 0) != NLP_OK)
            goto nomem;
        for (size_t i = 0; i < cur.len;) {
            if (cur.len - i >= fl && memcmp(cur.data + i, from, fl) == 0) {
                if (put(&next, to, tl) != NLP_OK)
                    goto nomem;
                i += fl;
            } else {
                if (put(&next, cur.data + i, 1) != NLP_OK)
                    goto nomem;
                i++;
            }
        }
        sbuf t = cur;
        cur = next;
        next = t;
    }
    nlp_status st = put(out, cur.data, cur.len);
    free(cur.data);
    free(next.data);
    return st;
nomem:
    free(cur.data);
    free(next.data);
    return NLP_ERR_NOMEM;
}

nlp_status nlp__bert_decode(const nlp__bert_tokenizer *tok, const int32_t *ids, size_t n,
                            bool skip_special, char **text)
{
    sbuf out = {0}, piece = {0};
    nlp_status st = put(&out, "", 0);
    size_t plen = strlen(tok->prefix), kept = 0;
    for (size_t i = 0; i < n && st == NLP_OK; i++) {
        const char *t = nlp__bert_id_to_token(tok, ids[i]);
        if (!t) {
            st = nlp__fail(NLP_ERR_INVALID_ARG, "id %d at position %zu is not in the vocabulary",
                           ids[i], i);
            break;
        }
        if (skip_special && nlp__bert_is_special(tok, ids[i]))
            continue;
        piece.len = 0;
        if (kept > 0 && plen && strncmp(t, tok->prefix, plen) == 0)
            st = put(&piece, t + plen, strlen(t) - plen);
        else if (kept > 0)
            st = put(&piece, " ", 1) == NLP_OK ? put(&piece, t, strlen(t)) : NLP_ERR_NOMEM;
        else
            st = put(&piece, t, strlen(t));
        if (st == NLP_OK)
            st = put_clean(&out, piece.data, piece.len);
        kept++;
    }
    free(piece.data);
    if (st != NLP_OK) {
        free(out.data);
        return st;
    }
    *text = out.data;
    return NLP_OK;
}
