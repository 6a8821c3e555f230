/* ner_pipeline.h - text in, entities (or word tags) out: tokenizer,
 * predictor, word labels, BIO decoding. */
#ifndef NLP_TASK_NER_PIPELINE_H
#define NLP_TASK_NER_PIPELINE_H

#include "task/ner_decode.h"
#include "task/ner_entities.h"
#include "task/ner_predict.h"
#include "text/tokenizer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nlp__ner_pipeline {
    nlp__ner_predictor predictor;
    const nlp__tokenizer *tokenizer;
    const nlp__ner_labels *labels;
    nlp__aggregation aggregation;
} nlp__ner_pipeline;

/* Entities of n texts (valid UTF-8, checked by the caller); out[i] gets
 * text i's result. On failure every out[i] is NULL. */
nlp_status nlp__ner_pipeline_run(const nlp__ner_pipeline *p, const char *const *texts,
                                 const size_t *lens, size_t n, nlp_entities **out);

/* Label index of each of n pre-split words (valid UTF-8); words that give
 * no token get the first O label (0 when the model has none). */
nlp_status nlp__ner_pipeline_tag(const nlp__ner_pipeline *p, const char *const *words,
                                 const size_t *lens, size_t n, int32_t *labels);

#ifdef __cplusplus
}
#endif

#endif
