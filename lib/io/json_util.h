/* json_util.h - reading typed fields out of jansson objects, with errors
 * that name the file and the key. */
#ifndef NLP_IO_JSON_UTIL_H
#define NLP_IO_JSON_UTIL_H

#include "core/core.h"
#include "core/json_file.h"

#include <jansson.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Each getter leaves *out alone (the default) when key is absent or null,
 * and fails with NLP_ERR_FORMAT naming file and key on a wrong type. An
 * integer accepts a JSON real with an integral value (1e30 style sentinels
 * are the caller's business via _number). */
nlp_status nlp__json_int(const char *file, const json_t *obj, const char *key, int64_t *out);
nlp_status nlp__json_number(const char *file, const json_t *obj, const char *key, double *out);
nlp_status nlp__json_bool(const char *file, const json_t *obj, const char *key, bool *out);
/* *out is replaced by a malloc'd copy (the old value freed). */
nlp_status nlp__json_string(const char *file, const json_t *obj, const char *key, char **out);

#ifdef __cplusplus
}
#endif

#endif
