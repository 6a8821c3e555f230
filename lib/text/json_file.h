/* json_file.h - reading a JSON file with errors that name it. */
#ifndef NLP_TEXT_JSON_FILE_H
#define NLP_TEXT_JSON_FILE_H

#include "core/core.h"

#include <jansson.h>

/* Parse the file at path into *out (a new reference). Errors: NLP_ERR_IO
 * (cannot read), NLP_ERR_FORMAT ("path:line: what"). */
nlp_status nlp__json_load_file(const char *path, json_t **out);

#endif
