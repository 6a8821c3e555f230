/* conll_api.c - the exported CoNLL reader: a thin shell over lib/io's
 * nlp__conll_read (nlp_conll is nlp__ner_data). */
#include "io/ner_data.h"

#include <string.h>

static nlp_conll_options conll_defaults(void)
{
    nlp_conll_options o;
    memset(&o, 0, sizeof o);
    o.size = sizeof o;
    o.tag_column = -1;
    o.convert_iob1 = 1;
    return o;
}

nlp_status nlp_conll_options_init(nlp_conll_options *options, size_t size)
{
    nlp_conll_options d = conll_defaults();
    return nlp__options_init(options, size, &d, sizeof d, "nlp_conll_options");
}

nlp_status nlp_conll_read(const char *path, const nlp_conll_options *options, nlp_conll **out)
{
    nlp_status st = NLP__CHECK_ARGS("nlp_conll_read", NLP__ARG(path), NLP__ARG(out));
    if (st != NLP_OK)
        return st;
    nlp_conll_options o = conll_defaults();
    st = nlp__options_read(&o, sizeof o, options, "nlp_conll_options");
    if (st != NLP_OK)
        return st;
    if (o.tag_column < -1)
        return nlp__fail(NLP_ERR_INVALID_ARG, "nlp_conll_read: tag_column %d", o.tag_column);
    nlp__ner_read_options io = nlp__ner_read_options_conll2003();
    io.tag_column = o.tag_column;
    io.convert_iob1 = o.convert_iob1 != 0;
    return nlp__ner_read(path, &io, out);
}

void nlp_conll_free(nlp_conll *conll)
{
    nlp__ner_data_free(conll);
}

size_t nlp_conll_sentence_count(const nlp_conll *conll)
{
    return conll ? conll->sentence_count : 0;
}

size_t nlp_conll_token_count(const nlp_conll *conll)
{
    return conll ? conll->token_count : 0;
}

const char *const *nlp_conll_words(const nlp_conll *conll)
{
    return conll ? conll->words : NULL;
}

const char *const *nlp_conll_tags(const nlp_conll *conll)
{
    return conll ? conll->tags : NULL;
}

const size_t *nlp_conll_lengths(const nlp_conll *conll)
{
    return conll ? conll->lengths : NULL;
}

long nlp_conll_sentence_line(const nlp_conll *conll, size_t i)
{
    return conll && i < conll->sentence_count ? conll->lines[i] : 0;
}

size_t nlp_conll_converted_tags(const nlp_conll *conll)
{
    return conll ? conll->converted : 0;
}
