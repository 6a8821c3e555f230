/* ner_decode.h - from per-token class probabilities to word labels and to
 * entity spans (BIO repaired). Pure functions over arrays, so they are
 * tested with synthetic numbers. */
#ifndef NLP_TASK_NER_DECODE_H
#define NLP_TASK_NER_DECODE_H

#include "task/ner_labels.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How a word's subword predictions become one label (transformers'
 * aggregation_strategy): the first subword's argmax; the argmax of the
 * subwords' mean probabilities; or the label of the single most confident
 * subword. SIMPLE and NONE label each token on its own (a "word" of one
 * token): SIMPLE then groups them by BIO, NONE not at all. Values match
 * nlp_aggregation in nlp.h. */
typedef enum nlp__aggregation {
    NLP__AGG_FIRST = 0,
    NLP__AGG_AVERAGE = 1,
    NLP__AGG_MAX = 2,
    NLP__AGG_SIMPLE = 3,
    NLP__AGG_NONE = 4
} nlp__aggregation;

/* Softmax of n logits into out (may alias logits), in float with a double
 * sum, subtracting the maximum first. */
void nlp__softmax(const float *logits, size_t n, float *out);

/* One word: tokens [tok_begin, tok_end), its label index and the
 * probability the model gave that label (as aggregated). */
typedef struct nlp__word_label {
    size_t tok_begin, tok_end;
    int32_t label;
    float score;
} nlp__word_label;

/* Group tokens into words (a word is a run of consecutive tokens with the
 * same word id >= 0, or, for SIMPLE and NONE, each token alone; tokens
 * with id -1 are skipped) and label each.
 * probs is n_tokens x n_labels. *out is malloc'd (NULL when no words). */
nlp_status nlp__ner_word_labels(const float *probs, size_t n_labels, const int32_t *word_ids,
                                size_t n_tokens, nlp__aggregation aggregation,
                                nlp__word_label **out, size_t *count);

/* An entity over words [word_begin, word_end); label is the index of its
 * first word's label (its type names the entity); score is the mean of the
 * words' scores. */
typedef struct nlp__entity_span {
    size_t word_begin, word_end;
    int32_t label;
    float score;
} nlp__entity_span;

/* BIO decoding with repair: O ends an entity; B-X starts one; I-X
 * continues an open X entity and otherwise starts a new X entity (after O
 * or after another type). *out is malloc'd (NULL when none). */
nlp_status nlp__ner_spans(const nlp__ner_labels *labels, const nlp__word_label *words,
                          size_t n_words, nlp__entity_span **out, size_t *count);

/* One entity per word (token) not labelled O, none grouped: NONE. */
nlp_status nlp__ner_spans_ungrouped(const nlp__ner_labels *labels, const nlp__word_label *words,
                                    size_t n_words, nlp__entity_span **out, size_t *count);

#ifdef __cplusplus
}
#endif

#endif
