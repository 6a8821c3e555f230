/* ner_predict.c - windows of all texts, run in length-sorted batches with
 * per-batch padding, then merged back per text. */
#include "task/ner_predict.h"

#include "task/ner_decode.h"
#include "task/ner_windows.h"

#include <stdlib.h>
#include <string.h>

/* One model input: one window of text `doc`, and its softmax output. */
typedef struct sequence {
    size_t doc, start, len; /* tokens [start, start+len) of the text */
    float *probs;           /* len x num_labels */
} sequence;

typedef struct plan {
    sequence *seqs;
    size_t count, cap;
    nlp__window **windows; /* per text */
    size_t *n_windows;
} plan;

static void plan_free(plan *pl, size_t n_docs)
{
    for (size_t i = 0; i < pl->count; i++)
        free(pl->seqs[i].probs);
    for (size_t d = 0; pl->windows && d < n_docs; d++)
        free(pl->windows[d]);
    free(pl->seqs);
    free(pl->windows);
    free(pl->n_windows);
}

static nlp_status plan_windows(const nlp__ner_predictor *p, nlp__encoding *const *encs,
                               size_t n, plan *pl)
{
    pl->windows = nlp__calloc(n ? n : 1, sizeof *pl->windows);
    pl->n_windows = nlp__calloc(n ? n : 1, sizeof *pl->n_windows);
    if (!pl->windows || !pl->n_windows)
        return NLP_ERR_NOMEM;
    for (size_t d = 0; d < n; d++) {
        const nlp__encoding *e = encs[d];
        if (e->count == 0)
            continue;
        nlp_status st = nlp__ner_windows(e->word_ids, e->count, p->window_tokens, p->stride,
                                         &pl->windows[d], &pl->n_windows[d]);
        if (st != NLP_OK)
            return st;
        for (size_t w = 0; w < pl->n_windows[d]; w++) {
            st = nlp__grow((void **)&pl->seqs, &pl->cap, pl->count + 1, sizeof *pl->seqs);
            if (st != NLP_OK)
                return st;
            const nlp__window *win = &pl->windows[d][w];
            pl->seqs[pl->count++] = (sequence){d, win->start, win->end - win->start, NULL};
        }
    }
    return NLP_OK;
}

/* A sort key that carries its own index: qsort has no context argument,
 * and a static one would race between threads. */
typedef struct sort_key {
    size_t len, index;
} sort_key;

/* Longest first, then input order, so equal inputs give equal batches. */
static int by_length(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    if (x->len != y->len)
        return x->len < y->len ? 1 : -1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Run seqs order[0..count) as one padded batch and keep their softmax. */
static nlp_status run_batch(const nlp__ner_predictor *p, nlp__encoding *const *encs,
                            sequence *seqs, const size_t *order, size_t count)
{
    size_t T = 0, L = nlp__bert_model_num_labels(p->bert);
    for (size_t i = 0; i < count; i++)
        if (seqs[order[i]].len + 2 > T)
            T = seqs[order[i]].len + 2;
    int64_t *ids = nlp__malloc(count * T * sizeof *ids);
    int64_t *mask = nlp__calloc(count * T, sizeof *mask);
    float *logits = nlp__malloc(count * T * L * sizeof *logits);
    nlp_status st = ids && mask && logits ? NLP_OK : NLP_ERR_NOMEM;
    for (size_t b = 0; st == NLP_OK && b < count; b++) {
        const sequence *s = &seqs[order[b]];
        int64_t *row = ids + b * T;
        row[0] = p->cls_id;
        for (size_t j = 0; j < s->len; j++)
            row[1 + j] = encs[s->doc]->ids[s->start + j];
        row[s->len + 1] = p->sep_id;
        for (size_t j = s->len + 2; j < T; j++)
            row[j] = p->pad_id;
        for (size_t j = 0; j < s->len + 2; j++)
            mask[b * T + j] = 1;
    }
    if (st == NLP_OK)
        st = nlp__bert_model_logits(p->bert, ids, mask, count, T, logits);
    for (size_t b = 0; st == NLP_OK && b < count; b++) {
        sequence *s = &seqs[order[b]];
        if (!(s->probs = nlp__malloc(s->len * L * sizeof *s->probs))) {
            st = NLP_ERR_NOMEM;
            break;
        }
        for (size_t j = 0; j < s->len; j++) /* skip [CLS] */
            nlp__softmax(logits + (b * T + 1 + j) * L, L, s->probs + j * L);
    }
    free(ids);
    free(mask);
    free(logits);
    return st;
}

static nlp_status run_all(const nlp__ner_predictor *p, nlp__encoding *const *encs, plan *pl)
{
    size_t n = pl->count;
    sort_key *keys = nlp__malloc((n ? n : 1) * sizeof *keys);
    size_t *order = nlp__malloc((n ? n : 1) * sizeof *order);
    if (!keys || !order) {
        free(keys);
        free(order);
        return NLP_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        keys[i] = (sort_key){pl->seqs[i].len, i};
    if (p->sort_by_length)
        qsort(keys, n, sizeof *keys, by_length);
    for (size_t i = 0; i < n; i++)
        order[i] = keys[i].index;
    free(keys);
    nlp_status st = NLP_OK;
    size_t bs = p->batch_size ? p->batch_size : 1;
    for (size_t i = 0; st == NLP_OK && i < n; i += bs)
        st = run_batch(p, encs, pl->seqs, order + i, n - i < bs ? n - i : bs);
    free(order);
    return st;
}

/* Each token of text d keeps the row of the window that owns it. */
static nlp_status merge_doc(const nlp__encoding *e, const plan *pl, size_t d,
                            const sequence *first_seq, size_t L, float **out)
{
    size_t n = e->count, *owner = nlp__malloc(n * sizeof *owner);
    float *probs = nlp__malloc(n * L * sizeof *probs);
    if (!owner || !probs) {
        free(owner);
        free(probs);
        return NLP_ERR_NOMEM;
    }
    nlp__ner_window_owners(e->word_ids, n, pl->windows[d], pl->n_windows[d], owner);
    for (size_t t = 0; t < n; t++) {
        const sequence *s = &first_seq[owner[t]];
        memcpy(probs + t * L, s->probs + (t - s->start) * L, L * sizeof *probs);
    }
    free(owner);
    *out = probs;
    return NLP_OK;
}

nlp_status nlp__ner_predict(const nlp__ner_predictor *p, nlp__encoding *const *encs,
                            size_t n, float **probs)
{
    for (size_t d = 0; d < n; d++)
        probs[d] = NULL;
    plan pl = {0};
    nlp_status st = plan_windows(p, encs, n, &pl);
    if (st == NLP_OK)
        st = run_all(p, encs, &pl);
    /* Sequences were appended text by text, window by window. */
    size_t L = nlp__bert_model_num_labels(p->bert), next = 0;
    for (size_t d = 0; st == NLP_OK && d < n; d++) {
        if (encs[d]->count == 0)
            continue;
        st = merge_doc(encs[d], &pl, d, pl.seqs + next, L, &probs[d]);
        next += pl.n_windows[d];
    }
    if (st != NLP_OK)
        for (size_t d = 0; d < n; d++) {
            free(probs[d]);
            probs[d] = NULL;
        }
    plan_free(&pl, n);
    return st;
}
