/* t5_common.h - what the T5 and toxicity entry points share. */
#ifndef NLP_API_T5_COMMON_H
#define NLP_API_T5_COMMON_H

#include "core/core.h"
#include "task/toxic.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Resolve a device name (NLP_ERR_DEVICE when unavailable) and apply a
 * thread count (0 keeps the current one). *resolved is a static string. */
nlp_status nlp__t5_api_runtime(const char *device, int num_threads, const char **resolved);

/* nlp_toxic_options (caller's struct, may be NULL) checked and resolved
 * into loader settings: defaults for what the caller's size does not cover,
 * label_count with labels, UTF-8 prefix, device and threads applied. The
 * settings point into *resolved, which must outlive them. Shared by
 * nlp_toxic_load and nlp_toxic_train. */
nlp_status nlp__toxic_api_settings(const nlp_toxic_options *given, nlp_toxic_options *resolved,
                                   nlp__toxic_settings *out);

#ifdef __cplusplus
}
#endif

#endif
