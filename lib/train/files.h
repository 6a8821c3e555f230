/* files.h - small file helpers of the trainer: content hashing, folder
 * creation, copies. Atomic writes are core's (core/atomic_file.h). */
#ifndef NLP_TRAIN_FILES_H
#define NLP_TRAIN_FILES_H

#include "core/atomic_file.h"
#include "core/core.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* FNV-1a 64 over bytes, continuing from h (start with NLP__FNV_OFFSET). */
#define NLP__FNV_OFFSET 0xcbf29ce484222325ull
uint64_t nlp__fnv1a(uint64_t h, const void *data, size_t size);
/* FNV-1a of a whole file's content; NLP_ERR_IO when unreadable. */
nlp_status nlp__hash_file(const char *path, uint64_t h, uint64_t *out);

/* mkdir -p; existing folders are fine. */
nlp_status nlp__mkdirs(const char *path);
/* Remove a folder and the regular files in it (one level, as checkpoint
 * folders are). */
nlp_status nlp__remove_dir(const char *path);
/* Copy a file (atomically at dst). */
nlp_status nlp__copy_file(const char *src, const char *dst);

#ifdef __cplusplus
}
#endif

#endif
