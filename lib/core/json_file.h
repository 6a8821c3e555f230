/* json_file.h - the one reader (and writer) of JSON files (config.json,
 * tokenizer_config.json, tokenizer.json, trainer_state.json, ...), so every
 * room reports a bad file the same way. */
#ifndef NLP_CORE_JSON_FILE_H
#define NLP_CORE_JSON_FILE_H

#include "core/core.h"

#include <jansson.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Parse the file at path, whose top level must be an object, into *out (a
 * new reference; untouched on failure). flags as jansson's json_loadb
 * (JSON_REJECT_DUPLICATES, JSON_DECODE_INT_AS_REAL, ...). Errors:
 * NLP_ERR_IO "<path>: <reason>" (missing, unreadable, not a regular file),
 * NLP_ERR_FORMAT "<path>:<line>: invalid JSON (column <c>): <what>" or
 * "<path>: the top level is not a JSON object", NLP_ERR_NOMEM. */
nlp_status nlp__json_load_object(const char *path, size_t flags, json_t **out);

/* Write value to path with the library's atomic writer (see
 * atomic_file.h); flags as jansson's json_dumps. Errors: NLP_ERR_IO,
 * NLP_ERR_NOMEM. */
nlp_status nlp__json_save(const char *path, const json_t *value, size_t flags);

#ifdef __cplusplus
}
#endif

#endif
