/* cmd_ner_options.c - the options `nlp ner run` and `nlp ner tag` share. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int parse_size(const char *flag, const char *value, size_t *out)
{
    char *end = NULL;
    long long v = strtoll(value, &end, 10);
    if (!*value || *end || v < 0)
        return cli_usage_error("%s wants a non-negative integer, got '%s'", flag, value);
    *out = (size_t)v;
    return 0;
}

static int parse_aggregation(const char *value, nlp_aggregation *out)
{
    if (strcmp(value, "first") == 0)
        *out = NLP_AGGREGATION_FIRST;
    else if (strcmp(value, "average") == 0)
        *out = NLP_AGGREGATION_AVERAGE;
    else if (strcmp(value, "max") == 0)
        *out = NLP_AGGREGATION_MAX;
    else
        return cli_usage_error("--aggregation wants first, average or max, got '%s'", value);
    return 0;
}

int cli_ner_option(int argc, char **argv, int *i, cli_ner_args *a)
{
    const char *flag = argv[*i];
    static const char *const valued[] = {"--model", "--device", "--threads", "--batch-size",
                                         "--max-length", "--stride", "--aggregation"};
    int known = 0;
    for (size_t k = 0; k < sizeof valued / sizeof *valued; k++)
        known |= strcmp(flag, valued[k]) == 0;
    if (!known)
        return -1;
    if (*i + 1 >= argc)
        return cli_usage_error("%s needs a value", flag);
    const char *v = argv[++*i];
    size_t n = 0;
    int rc = 0;
    if (strcmp(flag, "--model") == 0)
        a->model = v;
    else if (strcmp(flag, "--device") == 0)
        a->options.device = v;
    else if (strcmp(flag, "--aggregation") == 0)
        rc = parse_aggregation(v, &a->options.aggregation);
    else if ((rc = parse_size(flag, v, &n)) == 0) {
        if (strcmp(flag, "--threads") == 0)
            a->options.num_threads = (int)n;
        else if (strcmp(flag, "--batch-size") == 0)
            a->options.batch_size = n;
        else if (strcmp(flag, "--max-length") == 0)
            a->options.max_length = n;
        else
            a->options.stride = n;
    }
    return rc;
}

const char *cli_ner_options_help(void)
{
    return "  --model DIR          checkpoint directory (required)\n"
           "  --device D           auto (default), cpu, cuda, cuda:N\n"
           "  --threads N          tensor library and BLAS threads\n"
           "  --batch-size N       texts per forward pass (default 32)\n"
           "  --max-length N       tokens per window (default: the model's)\n"
           "  --stride N           tokens shared by windows of long texts (default 128)\n"
           "  --aggregation A      first (default), average or max\n";
}
