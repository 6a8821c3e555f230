/* cmd_init.c - `nlp init`: write a randomly initialised checkpoint. */
#include "cli.h"

#include <dirent.h>
#include <string.h>

typedef struct init_args {
    const char *config, *vocab;
    int arch, force;
    unsigned long long seed;
} init_args;

static const char *const archs[] = {"bert", "t5", NULL};

static const cli_option options[] = {
    {.name = "--arch", .value = "A", .kind = CLI_CHOICE, .offset = offsetof(init_args, arch),
     .choices = archs, .help = "the architecture", .flags = CLI_REQUIRED},
    {.name = "--config", .value = "FILE", .kind = CLI_STRING,
     .offset = offsetof(init_args, config), .help = "a Hugging Face config.json",
     .flags = CLI_REQUIRED | CLI_FILE},
    {.name = "--vocab", .value = "FILE", .kind = CLI_STRING, .offset = offsetof(init_args, vocab),
     .help = "bert only: vocab.txt (the one next to --config)", .flags = CLI_FILE},
    {.name = "--seed", .value = "N", .kind = CLI_U64, .offset = offsetof(init_args, seed),
     .help = "initialisation seed (0)"},
    {.name = "--force", .kind = CLI_FLAG, .offset = offsetof(init_args, force),
     .help = "write into OUT_DIR even when it is not empty"},
};

const cli_spec cli_init_spec = {
    .name = "init",
    .summary = "write a randomly initialised checkpoint",
    .synopsis = "--arch bert|t5 --config CONFIG.json [--seed N] [--vocab FILE] OUT_DIR",
    .description =
        "Writes config.json, model.safetensors (Hugging Face's initialisation) and the\n"
        "vocabulary to OUT_DIR, which must be new or empty unless --force is given.\n"
        "bert: --vocab, default vocab.txt next to CONFIG.json; t5: spiece.model /\n"
        "tokenizer.json and their configs next to CONFIG.json.",
    .options = options,
    .option_count = CLI_COUNT(options),
    .operands = "OUT_DIR",
    .max_operands = 1,
};

/* 1 when dir exists and holds anything. */
static int not_empty(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    int found = 0;
    while (!found && (e = readdir(d)))
        found = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return found;
}

int cli_init(int argc, char **argv)
{
    init_args a = {0};
    cli_operands ops;
    int rc = cli_parse(&cli_init_spec, argc, argv, &a, &ops);
    if (rc)
        return cli_parse_exit(rc);
    if (ops.count == 0)
        return cli_usage_error("init: missing OUT_DIR (the directory to write)");
    const char *out = ops.items[0];
    if (a.arch == 1 && a.vocab)
        return cli_usage_error("init: --vocab is for bert; t5 copies its tokenizer files");
    if (!a.force && not_empty(out)) {
        fprintf(stderr, "nlp: init: %s is not empty; give --force to write into it\n", out);
        return 1;
    }
    nlp_status st = a.arch == 0 ? nlp_bert_init(a.config, a.vocab, (uint64_t)a.seed, out)
                                : nlp_t5_init(a.config, (uint64_t)a.seed, out);
    return st == NLP_OK ? 0 : cli_fail_status(st, "init");
}
