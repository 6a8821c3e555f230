/* ner_model.h - what a loaded nlp_ner_model holds (shared by the api
 * files of the NER section). */
#ifndef NLP_API_NER_MODEL_H
#define NLP_API_NER_MODEL_H

#include "io/hf_config.h"
#include "model/bert.h"
#include "task/ner_labels.h"
#include "task/ner_pipeline.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Invariant: after nlp_ner_load succeeds every field is set and nothing
 * changes until nlp_ner_free, which is what makes concurrent runs safe. */
struct nlp_ner_model {
    nlp__hf_config *config;
    nlp__bert_model *bert;
    nlp__tokenizer *tokenizer;
    nlp__ner_labels labels;
    nlp__ner_pipeline pipeline;
    nlp_ner_options options;
};

#ifdef __cplusplus
}
#endif

#endif
