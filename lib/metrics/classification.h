/* classification.h - binary classification metrics, internal interface
 * (the training code's evaluation calls these directly). */
#ifndef NLP_METRICS_CLASSIFICATION_H
#define NLP_METRICS_CLASSIFICATION_H

#include "core/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* See nlp_classification_evaluate(); out is filled completely (its size
 * field is set to sizeof *out). */
nlp_status nlp__classification_evaluate(const int *labels, const int *predictions,
                                        const double *scores, size_t n,
                                        nlp_classification_metrics *out);

/* scikit-learn's average_precision_score for binary labels. */
nlp_status nlp__average_precision(const int *labels, const double *scores, size_t n,
                                  double *out);

/* Copy complete metrics into a caller's struct: only out->size bytes (the
 * caller's version of the struct), out->size kept. NLP_ERR_INVALID_ARG
 * when out is NULL or out->size does not cover the 0.1 fields. */
nlp_status nlp__classification_copy(const nlp_classification_metrics *m,
                                    nlp_classification_metrics *out);

nlp_status nlp__classification_json(const nlp_classification_metrics *m, char **out);

#ifdef __cplusplus
}
#endif

#endif
