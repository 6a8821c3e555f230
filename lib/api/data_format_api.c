/* data_format_api.c - the exported data-file format detection (lib/io's
 * nlp__data_format_detect). */
#include "io/data_format.h"

nlp_status nlp_data_format_detect(const char *path, nlp_data_format *out)
{
    nlp_status st = NLP__CHECK_ARGS("nlp_data_format_detect", NLP__ARG(path), NLP__ARG(out));
    if (st != NLP_OK)
        return st;
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
