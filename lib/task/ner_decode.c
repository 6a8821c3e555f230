/* ner_decode.c - word labels and BIO decoding. */
#include "task/ner_decode.h"

#include <math.h>
#include <stdlib.h>

void nlp__softmax(const float *logits, size_t n, float *out)
{
    float max = logits[0];
    for (size_t i = 1; i < n; i++)
        if (logits[i] > max)
            max = logits[i];
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = expf(logits[i] - max);
        sum += out[i];
    }
    for (size_t i = 0; i < n; i++)
        out[i] = (float)(out[i] / sum);
}

/* First index of the largest value, as numpy's and torch's argmax. */
static size_t argmax(const float *v, size_t n)
{
    size_t best = 0;
    for (size_t i = 1; i < n; i++)
        if (v[i] > v[best])
            best = i;
    return best;
}

static void label_word(const float *probs, size_t L, nlp__aggregation agg, nlp__word_label *w,
                       float *scratch)
{
    const float *first = probs + w->tok_begin * L;
    if (agg == NLP__AGG_AVERAGE) {
        size_t n = w->tok_end - w->tok_begin;
        for (size_t j = 0; j < L; j++) {
            double s = 0;
            for (size_t t = w->tok_begin; t < w->tok_end; t++)
                s += probs[t * L + j];
            scratch[j] = (float)(s / (double)n);
        }
        first = scratch;
    } else if (agg == NLP__AGG_MAX) {
        float best = -1;
        for (size_t t = w->tok_begin; t < w->tok_end; t++) {
            const float *row = probs + t * L;
            float m = row[argmax(row, L)];
            if (m > best) {
                best = m;
                first = row;
            }
        }
    }
    w->label = (int32_t)argmax(first, L);
    w->score = first[w->label];
}

nlp_status nlp__ner_word_labels(const float *probs, size_t n_labels, const int32_t *word_ids,
                                size_t n_tokens, nlp__aggregation agg, nlp__word_label **out,
                                size_t *count)
{
    *out = NULL;
    *count = 0;
    nlp__word_label *words = n_tokens ? nlp__malloc(n_tokens * sizeof *words) : NULL;
    float *scratch = nlp__malloc(n_labels * sizeof *scratch);
    if ((n_tokens && !words) || !scratch) {
        free(words);
        free(scratch);
        return NLP_ERR_NOMEM;
    }
    size_t n = 0;
    for (size_t t = 0; t < n_tokens;) {
        if (word_ids[t] < 0) {
            t++;
            continue;
        }
        size_t end = t + 1;
        bool per_token = agg == NLP__AGG_SIMPLE || agg == NLP__AGG_NONE;
        while (!per_token && end < n_tokens && word_ids[end] == word_ids[t])
            end++;
        words[n] = (nlp__word_label){.tok_begin = t, .tok_end = end};
        label_word(probs, n_labels, agg, &words[n], scratch);
        n++;
        t = end;
    }
    free(scratch);
    if (n == 0) {
        free(words);
        words = NULL;
    }
    *out = words;
    *count = n;
    return NLP_OK;
}

/* grouped: BIO decoding; else every word not labelled O alone. */
static nlp_status spans_of(const nlp__ner_labels *labels, const nlp__word_label *words,
                           size_t n_words, bool grouped, nlp__entity_span **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    nlp__entity_span *spans = n_words ? nlp__malloc(n_words * sizeof *spans) : NULL;
    if (n_words && !spans)
        return NLP_ERR_NOMEM;
    size_t n = 0;
    bool open = false;
    double sum = 0;
    for (size_t i = 0; i <= n_words; i++) {
        int32_t lab = i < n_words ? words[i].label : -1;
        nlp__tag_kind kind = lab >= 0 ? labels->kinds[lab] : NLP__TAG_O;
        bool extends = grouped && open && kind == NLP__TAG_I &&
                       nlp__ner_same_type(labels, (size_t)spans[n - 1].label, (size_t)lab);
        if (open && !extends) {
            /* Close the open entity: its score is the mean over its words. */
            nlp__entity_span *s = &spans[n - 1];
            s->word_end = i;
            s->score = (float)(sum / (double)(i - s->word_begin));
            open = false;
        }
        if (kind == NLP__TAG_O)
            continue;
        if (!extends) {
            spans[n++] = (nlp__entity_span){.word_begin = i, .label = lab};
            open = true;
            sum = 0;
        }
        sum += words[i].score;
    }
    if (n == 0) {
        free(spans);
        spans = NULL;
    }
    *out = spans;
    *count = n;
    return NLP_OK;
}

nlp_status nlp__ner_spans(const nlp__ner_labels *labels, const nlp__word_label *words,
                          size_t n_words, nlp__entity_span **out, size_t *count)
{
    return spans_of(labels, words, n_words, true, out, count);
}

nlp_status nlp__ner_spans_ungrouped(const nlp__ner_labels *labels, const nlp__word_label *words,
                                    size_t n_words, nlp__entity_span **out, size_t *count)
{
    return spans_of(labels, words, n_words, false, out, count);
}
