/* toxic_run.c - classifying texts: tokenize, group texts of similar length
 * into padded batches, one encoder pass per batch for both the label-word
 * probabilities and the greedy generation, then a verdict per text. */
#include "task/toxic.h"

#include <stdlib.h>
#include <string.h>

/* Texts per forward pass: long enough to use the BLAS well, short enough
 * that padding to the longest text of a length-sorted group wastes little. */
#define TOXIC_BATCH 16

typedef struct by_length {
    size_t count, index;
} by_length;

static int compare_length(const void *a, const void *b)
{
    const by_length *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* One padded batch: texts order[0..n). */
static nlp_status run_batch(const nlp_toxic_model *m, const nlp__t5_input *inputs,
                            const size_t *order, size_t n, nlp_toxic_result **results)
{
    nlp__t5_batch batch;
    nlp_status st = nlp__t5_batch_build(m->t5, inputs, order, n, &batch);
    if (st != NLP_OK)
        return st;
    size_t cols = m->max_new_tokens + 1, steps = 0;
    double *logprobs = nlp__malloc(n * m->label_count * sizeof *logprobs);
    int32_t *gen = nlp__malloc(n * cols * sizeof *gen);
    nlp__t5_sequences cands = {m->candidate_ids, m->candidate_offsets, m->label_count};
    st = logprobs && gen ? nlp__t5_model_classify(m->t5->model, &batch, &cands, logprobs,
                                                  m->max_new_tokens, gen, &steps)
                         : NLP_ERR_NOMEM;
    for (size_t i = 0; st == NLP_OK && i < n; i++) {
        nlp_toxic_result *r = nlp__calloc(1, sizeof *r);
        if (!r) {
            st = NLP_ERR_NOMEM;
            break;
        }
        results[order[i]] = r;
        st = nlp__t5_text_decode(m->t5, gen + i * cols + 1, steps, &r->generated);
        if (st == NLP_OK)
            nlp__toxic_verdict(m->labels, m->label_count, logprobs + i * m->label_count,
                               r->generated, r);
    }
    free(logprobs);
    free(gen);
    nlp__t5_batch_free(&batch);
    return st;
}

static nlp_status tokenize_all(const nlp_toxic_model *m, const char *const *texts,
                               const size_t *lens, size_t n, nlp__t5_input *inputs,
                               by_length *order)
{
    for (size_t i = 0; i < n; i++) {
        nlp_status st = nlp__t5_text_input(m->t5, m->prefix, texts[i], lens[i],
                                           m->max_input_tokens, &inputs[i]);
        if (st != NLP_OK)
            return nlp__wrap(st, "text %zu", i);
        order[i] = (by_length){inputs[i].count, i};
    }
    qsort(order, n, sizeof *order, compare_length);
    return NLP_OK;
}

nlp_status nlp__toxic_classify(const nlp_toxic_model *m, const char *const *texts,
                               const size_t *lens, size_t n, nlp_toxic_result **results)
{
    for (size_t i = 0; i < n; i++)
        results[i] = NULL;
    nlp__t5_input *inputs = nlp__calloc(n ? n : 1, sizeof *inputs);
    by_length *order = nlp__calloc(n ? n : 1, sizeof *order);
    size_t *chunk = nlp__calloc(TOXIC_BATCH, sizeof *chunk);
    nlp_status st = inputs && order && chunk ? NLP_OK : NLP_ERR_NOMEM;
    if (st == NLP_OK)
        st = tokenize_all(m, texts, lens, n, inputs, order);
    for (size_t start = 0; st == NLP_OK && start < n; start += TOXIC_BATCH) {
        size_t count = n - start < TOXIC_BATCH ? n - start : TOXIC_BATCH;
        for (size_t i = 0; i < count; i++)
            chunk[i] = order[start + i].index;
        st = run_batch(m, inputs, chunk, count, results);
    }
    for (size_t i = 0; inputs && i < n; i++)
        free(inputs[i].ids);
    free(inputs);
    free(order);
    free(chunk);
    if (st != NLP_OK)
        for (size_t i = 0; i < n; i++) {
            nlp__toxic_result_free(results[i]);
            results[i] = NULL;
        }
    return st;
}
