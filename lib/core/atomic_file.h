/* atomic_file.h - the one atomic file writer: a reader of path sees the old
 * file or the new one, never half of one, and the new one survives a crash
 * once the call returns. */
#ifndef NLP_CORE_ATOMIC_FILE_H
#define NLP_CORE_ATOMIC_FILE_H

#include "core/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A piece of the file's content. */
typedef struct nlp__chunk {
    const void *data;
    size_t size;
} nlp__chunk;

/* Write the chunks, in order, to a temporary file beside path (mode 0644),
 * fsync it, rename it over path and fsync the folder. Errors: NLP_ERR_IO
 * "<path>: <what failed>: <reason>"; the temporary file is removed and an
 * old file at path is untouched. */
nlp_status nlp__write_chunks_atomic(const char *path, const nlp__chunk *chunks, size_t count);

/* The same for one buffer. */
nlp_status nlp__write_atomic(const char *path, const void *data, size_t size);

/* Test hook: how many writes this process has completed, folder fsync
 * included (every atomic write in the library goes through here). */
unsigned long nlp__atomic_writes_synced(void);

#ifdef __cplusplus
}
#endif

#endif
