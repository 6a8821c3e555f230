/* ner_predict.h - class probabilities for every token of many tokenized
 * texts: windows, length-sorted dynamic batches, the model, merging. */
#ifndef NLP_TASK_NER_PREDICT_H
#define NLP_TASK_NER_PREDICT_H

#include "model/bert.h"
#include "text/encoding.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nlp__ner_predictor {
    const nlp__bert_model *bert;
    int64_t cls_id, sep_id, pad_id;
    size_t window_tokens; /* tokens per window without [CLS]/[SEP] */
    size_t stride;        /* overlap of consecutive windows */
    size_t batch_size;
    bool sort_by_length;
} nlp__ner_predictor;

/* encs[d] holds text d's tokens without specials. probs[d] receives a
 * malloc'd array of encs[d]->count x num_labels softmax probabilities
 * (NULL when the text has no tokens). On failure every probs[d] is NULL. */
nlp_status nlp__ner_predict(const nlp__ner_predictor *p, nlp__encoding *const *encs,
                            size_t n, float **probs);

#ifdef __cplusplus
}
#endif

#endif
