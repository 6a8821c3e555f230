/* cmd_ner_options.c - the model options `nlp ner run` and `nlp ner tag`
 * share, and loading the model they describe. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* Hugging Face's aggregation_strategy names the library implements, in
 * the order of nlp_aggregation. */
const char *const cli_aggregation_choices[] = {"first", "average", "max", "simple", "none",
                                               NULL};

int cli_ner_stride(void *args, const char *value)
{
    cli_ner_model_args *m = args; /* the first member of every Args using it */
    char *end = NULL;
    long long v = strtoll(value, &end, 10);
    if (!*value || *end || v < 0 || v > 1000000)
        return cli_usage_error("--stride wants a whole number from 0 to 1000000, not '%s'",
                               value);
    m->stride = (size_t)v;
    m->stride_set = 1;
    return 0;
}

int cli_ner_load(const cli_ner_model_args *a, nlp_ner_model **out)
{
    if (cli_set_threads(a->threads))
        return 1;
    nlp_ner_options o = nlp_ner_options_default();
    if (a->device)
        o.device = a->device;
    if (a->batch_size)
        o.batch_size = a->batch_size;
    if (a->max_length)
        o.max_length = a->max_length;
    if (a->stride_set)
        o.stride = a->stride;
    else if (a->max_length && o.stride >= a->max_length - 2)
        o.stride = (a->max_length - 2) / 2; /* the default must fit a short window */
    o.aggregation = (nlp_aggregation)a->aggregation;
    nlp_status st = nlp_ner_load(a->model, &o, out);
    return st == NLP_OK ? 0 : cli_fail_status(st, "loading the NER model");
}
