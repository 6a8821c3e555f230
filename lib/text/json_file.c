/* json_file.c - see json_file.h. */
#include "text/json_file.h"

#include <stdlib.h>

nlp_status nlp__json_load_file(const char *path, json_t **out)
{
    char *data;
    size_t size;
    nlp_status st = nlp__read_file(path, &data, &size);
    if (st != NLP_OK)
        return st;
    json_error_t jerr;
    json_t *root = json_loadb(data, size, 0, &jerr);
    free(data);
    if (!root)
        return nlp__fail_at(NLP_ERR_FORMAT, path, jerr.line, "%s", jerr.text);
    *out = root;
    return NLP_OK;
}
