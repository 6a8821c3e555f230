/* jsonl_lines.h - walking a JSON Lines file: one object per non-blank line,
 * with the line number for messages. Shared by the NER and the
 * classification readers. */
#ifndef NLP_IO_JSONL_LINES_H
#define NLP_IO_JSONL_LINES_H

#include "core/core.h"

#include <jansson.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Called with each line's object (borrowed; freed after the call). */
typedef nlp_status (*nlp__jsonl_fn)(void *ctx, json_t *object, long line);

/* Read path and call fn for every non-blank line. Malformed JSON, a value
 * that is not an object, and invalid UTF-8 are NLP_ERR_FORMAT /
 * NLP_ERR_INVALID_UTF8 naming path:line. */
nlp_status nlp__jsonl_each(const char *path, nlp__jsonl_fn fn, void *ctx);

#ifdef __cplusplus
}
#endif

#endif
