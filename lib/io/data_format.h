/* data_format.h - which reader a data file needs, told by its content and
 * its name, the same way for NER (CoNLL columns, conll2003 JSON Lines) and
 * classification data (CSV, JSON Lines). */
#ifndef NLP_IO_DATA_FORMAT_H
#define NLP_IO_DATA_FORMAT_H

#include "core/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The rules, first match wins: the first non-blank line starts with '{' or
 * '[' -> JSON Lines; the name ends in .jsonl, .json or .ndjson -> JSON
 * Lines (the reader then names the bad line); .csv -> CSV; a first line
 * with a comma and no space or tab -> CSV; anything else -> CoNLL.
 * Errors name the file: NLP_ERR_IO (cannot read), NLP_ERR_FORMAT (empty:
 * no non-blank line). */
nlp_status nlp__data_format_detect(const char *path, nlp_data_format *out);

#ifdef __cplusplus
}
#endif

#endif
