/* json_file.c - see json_file.h. */
#include "core/json_file.h"

#include "core/atomic_file.h"

#include <stdlib.h>
#include <string.h>

nlp_status nlp__json_load_object(const char *path, size_t flags, json_t **out)
{
    char *data = NULL;
    size_t size = 0;
    nlp_status st = nlp__read_file(path, &data, &size);
    if (st != NLP_OK)
        return st;
    json_error_t err;
    json_t *root = json_loadb(data, size, flags, &err);
    free(data);
    if (!root)
        return nlp__fail_at(NLP_ERR_FORMAT, path, err.line, "invalid JSON (column %d): %s",
                            err.column, err.text);
    if (!json_is_object(root)) {
        json_decref(root);
        return nlp__fail(NLP_ERR_FORMAT, "%s: the top level is not a JSON object", path);
    }
    *out = root;
    return NLP_OK;
}

nlp_status nlp__json_save(const char *path, const json_t *value, size_t flags)
{
    char *text = json_dumps(value, flags);
    if (!text)
        return nlp__fail(NLP_ERR_NOMEM, "%s: out of memory writing JSON", path);
    nlp_status st = nlp__write_atomic(path, text, strlen(text));
    free(text);
    return st;
}
