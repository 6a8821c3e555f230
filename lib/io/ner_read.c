/* ner_read.c - one entry for NER data files: the format is detected
 * (data_format.c) and the CoNLL or JSON Lines reader is chosen. */
#include "io/data_format.h"
#include "io/ner_data.h"

nlp_status nlp__ner_read(const char *path, const nlp__ner_read_options *opts,
                         nlp__ner_data **out)
{
    nlp_data_format format;
    nlp_status st = nlp__data_format_detect(path, &format);
    if (st != NLP_OK)
        return st;
    if (format == NLP_DATA_JSONL)
        return nlp__ner_jsonl_read(path, opts, out);
    if (format == NLP_DATA_CSV)
        return nlp__fail(NLP_ERR_FORMAT, "%s: looks like CSV; NER data is CoNLL columns or "
                         "conll2003 JSON Lines", path);
    return nlp__conll_read(path, opts, out);
}
