/* runtime.h - devices and threads as libtorch sees them (runtime.cpp).
 * The exported nlp_device_check / nlp_set_num_threads (lib/api/runtime_api.c)
 * are these; the loaders call them directly. */
#ifndef NLP_MODEL_RUNTIME_H
#define NLP_MODEL_RUNTIME_H

#include "core/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Resolve "auto", "cpu", "cuda" or "cuda:N" against this libtorch build;
 * *resolved (may be NULL) gets a static name. NLP_ERR_DEVICE names the
 * device when it is not available. */
nlp_status nlp__device_check(const char *device, const char **resolved);

/* Process-wide intra-op threads (libtorch and the BLAS); 0 keeps the
 * current setting, < 0 is NLP_ERR_INVALID_ARG. */
nlp_status nlp__set_num_threads(int n);

#ifdef __cplusplus
}
#endif

#endif
