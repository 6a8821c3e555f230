/* cmd_init.c - `nlp init`: write a randomly initialised checkpoint. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
    fprintf(out, "usage: nlp init --arch bert --config CONFIG.json --seed N [--vocab FILE] OUT_DIR\n"
                 "       nlp init --arch t5 --config CONFIG.json --seed N OUT_DIR\n\n"
                 "Writes config.json, model.safetensors (Hugging Face's initialisation) and the\n"
                 "vocabulary to OUT_DIR. bert: --vocab, default vocab.txt next to CONFIG.json;\n"
                 "t5: spiece.model / tokenizer.json and their configs next to CONFIG.json.\n");
}

int cli_init(int argc, char **argv)
{
    const char *arch = NULL, *config = NULL, *vocab = NULL, *seed = "0", *out = NULL;
    for (int i = 1; i < argc; i++) {
        const char **slot = NULL;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(argv[i], "--arch") == 0)
            slot = &arch;
        else if (strcmp(argv[i], "--config") == 0)
            slot = &config;
        else if (strcmp(argv[i], "--vocab") == 0)
            slot = &vocab;
        else if (strcmp(argv[i], "--seed") == 0)
            slot = &seed;
        if (slot) {
            if (++i >= argc)
                return cli_usage_error("init: %s needs a value", argv[i - 1]);
            *slot = argv[i];
        } else if (argv[i][0] == '-' || out) {
            return cli_usage_error("init: unexpected argument %s", argv[i]);
        } else {
            out = argv[i];
        }
    }
    if (!arch || !config || !out) {
        usage(stderr);
        return 2;
    }
    char *end = NULL;
    unsigned long long s = strtoull(seed, &end, 10);
    if (!*seed || *end)
        return cli_usage_error("init: --seed wants a number, got '%s'", seed);
    nlp_status st;
    if (strcmp(arch, "bert") == 0)
        st = nlp_bert_init(config, vocab, (uint64_t)s, out);
    else if (strcmp(arch, "t5") == 0 && !vocab)
        st = nlp_t5_init(config, (uint64_t)s, out);
    else if (strcmp(arch, "t5") == 0)
        return cli_usage_error("init: --vocab is for bert; t5 copies its tokenizer files");
    else
        return cli_usage_error("init: unknown --arch '%s' (bert, t5)", arch);
    return st == NLP_OK ? 0 : cli_fail_status(st, "init");
}
