/* data_format_api.c - the exported data-file format detection (lib/io's
 * nlp__data_format_detect). */
#include "io/data_format.h"

nlp_status nlp_data_format_detect(const char *path, nlp_data_format *out)
{
    if (!path || !out)
        return nlp__fail(NLP_ERR_INVALID_ARG, "nlp_data_format_detect: NULL %s",
                         path ? "out" : "path");
    return nlp__data_format_detect(path, out);
}

const char *nlp_data_format_name(nlp_data_format format)
{
    switch (format) {
    case NLP_DATA_CONLL: return "conll";
    case NLP_DATA_JSONL: return "jsonl";
    case NLP_DATA_CSV: return "csv";
    }
    return "unknown";
}
