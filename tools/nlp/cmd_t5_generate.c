/* cmd_t5.c - nlp t5 generate: text-to-text generation with a T5 model. */
#include "cli.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
    fprintf(out,
            "usage: nlp t5 generate --model DIR [--max-new-tokens N] [--max-input-tokens N]\n"
            "                       [--device D] [--threads N] [--] TEXT...\n\n"
            "Greedy decoding; prints {\"text\": ..., \"generated\": ...} per text, special\n"
            "tokens skipped. The text goes to the encoder as given (include any task\n"
            "prefix yourself). Default --max-new-tokens: 20.\n");
}

static int parse_count(const char *flag, const char *value, long *out)
{
    char *end = NULL;
    long v = strtol(value, &end, 10);
    if (!*value || *end || v < 0 || v > 1000000)
        return cli_usage_error("t5: %s wants a non-negative number, got '%s'", flag, value);
    *out = v;
    return 0;
}

static void print_generated(const char *text, const char *generated)
{
    json_t *o = json_object();
    json_object_set_new(o, "text", json_string(text));
    json_object_set_new(o, "generated", json_string(generated));
    char *s = json_dumps(o, JSON_PRESERVE_ORDER);
    if (s)
        puts(s);
    free(s);
    json_decref(o);
}

static int generate_all(const char *dir, nlp_t5_options *o, long max_new, char **texts, int n)
{
    nlp_t5_model *m = NULL;
    nlp_status st = nlp_t5_load(dir, o, &m);
    if (st != NLP_OK)
        return cli_fail_status(st, "t5: loading model");
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        char *out = NULL;
        st = nlp_t5_generate(m, texts[i], strlen(texts[i]), (size_t)max_new, &out);
        if (st != NLP_OK)
            rc = cli_fail_status(st, "t5 generate");
        else
            print_generated(texts[i], out);
        nlp_string_free(out);
    }
    nlp_t5_free(m);
    return rc;
}

int cli_t5(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "generate") != 0)
        return cli_usage_error("t5: unknown subcommand '%s' (generate)", argv[1]);
    const char *dir = NULL;
    long max_new = 20, max_input = 512, threads = 0;
    nlp_t5_options o = nlp_t5_options_default();
    int i = 2, rc = 0;
    for (; i < argc && argv[i][0] == '-' && rc == 0; i++) {
        const char *flag = argv[i];
        if (strcmp(flag, "--") == 0) {
            i++;
            break;
        }
        if (i + 1 >= argc)
            return cli_usage_error("t5: %s needs a value", flag);
        const char *value = argv[++i];
        if (strcmp(flag, "--model") == 0)
            dir = value;
        else if (strcmp(flag, "--device") == 0)
            o.device = value;
        else if (strcmp(flag, "--max-new-tokens") == 0)
            rc = parse_count(flag, value, &max_new);
        else if (strcmp(flag, "--max-input-tokens") == 0)
            rc = parse_count(flag, value, &max_input);
        else if (strcmp(flag, "--threads") == 0)
            rc = parse_count(flag, value, &threads);
        else
            return cli_usage_error("t5: unknown option %s", flag);
    }
    if (rc)
        return rc;
    if (!dir || i >= argc)
        return cli_usage_error("t5: --model DIR and at least one text are required");
    o.max_input_tokens = (int)max_input;
    o.num_threads = (int)threads;
    return generate_all(dir, &o, max_new, argv + i, argc - i);
}
