/* curves.h - training curves as a standalone SVG: one panel per series
 * (training loss, evaluation loss, the selection metric), step on x. */
#ifndef NLP_TRAIN_CURVES_H
#define NLP_TRAIN_CURVES_H

#include "core/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nlp__series {
    const char *name;
    const double *x, *y;
    size_t n;
} nlp__series;

/* Write the panels to path atomically. Series with n = 0 are skipped. */
nlp_status nlp__curves_write_svg(const char *path, const nlp__series *series, size_t count);

#ifdef __cplusplus
}
#endif

#endif
