/* weights.h - what C code (the api room) may ask about a weights file
 * without libtorch types. */
#ifndef NLP_MODEL_WEIGHTS_H
#define NLP_MODEL_WEIGHTS_H

#include "core/core.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nlp__weights_info {
    const char *format; /* "safetensors" or "pytorch" (static) */
    size_t tensors;     /* entries in the file, aliases included */
    int64_t parameters; /* elements, tied (storage-sharing) tensors once */
} nlp__weights_info;

/* Describe model.safetensors (header only, no data read) or
 * pytorch_model.bin (loaded, since torch's format has no separate header).
 * Errors as nlp::load_weights. */
nlp_status nlp__weights_summary(const char *path, nlp__weights_info *info);

#ifdef __cplusplus
}
#endif

#endif
