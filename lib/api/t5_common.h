/* t5_common.h - what the T5 and toxicity entry points share. */
#ifndef NLP_API_T5_COMMON_H
#define NLP_API_T5_COMMON_H

#include "core/core.h"

/* Resolve a device name (NLP_ERR_DEVICE when unavailable) and apply a
 * thread count (0 keeps the current one). *resolved is a static string. */
nlp_status nlp__t5_api_runtime(const char *device, int num_threads, const char **resolved);

/* Copy a caller's options struct over defaults: only the bytes its size
 * field covers, so older callers with smaller structs keep working. */
nlp_status nlp__t5_api_options(void *dst, size_t dst_size, const void *given);

#endif
