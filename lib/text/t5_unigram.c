/* t5_unigram.c - the Unigram model's best segmentation, as HF's
 * Unigram::encode_optimized computes it: one forward pass over character
 * starts, trying every vocabulary piece that begins there (a walk down the
 * double-array trie), then a backward pass that fuses runs of unknown
 * characters into one token.
 *
 * Ties: a node keeps the first candidate that reached it and is replaced only
 * by a strictly better score. Candidates arrive by increasing start, so among
 * equal scores the segmentation whose last piece starts earliest wins ("mmm"
 * -> "m", "mm"); sentencepiece picks the other one. */
#include "text/t5_internal.h"

#include <stdlib.h>

void nlp__t5_lattice_free(nlp__t5_lattice *l)
{
    free(l->score);
    free(l->from);
    free(l->id);
    free(l->spans);
    *l = (nlp__t5_lattice){0};
}

static nlp_status reserve(nlp__t5_lattice *l, size_t need)
{
    if (need <= l->cap)
        return NLP_OK;
    size_t cap = l->cap ? l->cap : 64;
    while (cap < need)
        cap *= 2;
    void **arrays[] = {(void **)&l->score, (void **)&l->from, (void **)&l->id,
                       (void **)&l->spans};
    const size_t sizes[] = {sizeof *l->score, sizeof *l->from, sizeof *l->id,
                            sizeof *l->spans};
    if (nlp__t5_resize(cap, 4, arrays, sizes) != NLP_OK)
        return NLP_ERR_NOMEM;
    l->cap = cap;
    return NLP_OK;
}

static inline void relax(nlp__t5_lattice *l, size_t to, size_t from, double score, int32_t id)
{
    if (l->from[to] < 0 || score > l->score[to]) {
        l->score[to] = score;
        l->from[to] = (int32_t)from;
        l->id[to] = id;
    }
}

/* Forward pass: best path score ending at every character boundary. */
static void forward(const nlp__t5_unigram *u, const unsigned char *w, size_t len,
                    nlp__t5_lattice *l)
{
    const int32_t *base = u->trie.base, *check = u->trie.check;
    size_t size = u->trie.size;
    l->from[0] = 0;
    l->score[0] = 0.0;
    for (size_t i = 1; i <= len; i++)
        l->from[i] = -1;
    for (size_t start = 0; start < len;) {
        double here = l->score[start];
        size_t mblen = nlp__t5_u8len(w[start]);
        bool single = false;
        int32_t node = 0;
        for (size_t i = start; i < len && size > 0; i++) {
            size_t t = (size_t)base[node] + w[i] + 1;
            if (t >= size || check[t] != node)
                break;
            node = (int32_t)t;
            size_t e = (size_t)base[node];
            if (e < size && check[e] == node) {
                int32_t id = -base[e] - 1;
                relax(l, i + 1, start, u->scores[id] + here, id);
                single |= i + 1 - start == mblen;
            }
        }
        if (!single)
            relax(l, start + mblen, start, u->unk_score + here, u->unk_id);
        start += mblen;
    }
}

/* Backward pass: spans from the end, unknown runs fused, then reversed. */
static size_t backward(const nlp__t5_unigram *u, size_t len, nlp__t5_lattice *l)
{
    size_t n = 0;
    bool in_unk = false;
    for (size_t end = len; end > 0;) {
        size_t start = (size_t)l->from[end];
        int32_t id = l->id[end];
        if (id == u->unk_id && in_unk) {
            l->spans[n - 1].start = (uint32_t)start;
        } else {
            l->spans[n++] = (nlp__t5_piece_span){(uint32_t)start, (uint32_t)end, id};
            in_unk = id == u->unk_id;
        }
        end = start;
    }
    for (size_t i = 0; i < n / 2; i++) {
        nlp__t5_piece_span t = l->spans[i];
        l->spans[i] = l->spans[n - 1 - i];
        l->spans[n - 1 - i] = t;
    }
    return n;
}

nlp_status nlp__t5_viterbi(const nlp__t5_unigram *u, const char *word, size_t len,
                           nlp__t5_lattice *l, size_t *n)
{
    *n = 0;
    if (len == 0)
        return NLP_OK;
    if (len >= INT32_MAX)
        return nlp__fail(NLP_ERR_UNSUPPORTED, "a word of %zu bytes is too long", len);
    nlp_status st = reserve(l, len + 1);
    if (st != NLP_OK)
        return st;
    forward(u, (const unsigned char *)word, len, l);
    *n = backward(u, len, l);
    return NLP_OK;
}
