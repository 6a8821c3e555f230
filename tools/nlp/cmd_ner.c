/* cmd_ner.c - `nlp ner <subcommand>`: dispatch to the NER subcommands. */
#include "cli.h"

#include <string.h>

static const cli_command ner_commands[] = {
    {"run", "find entities in text (argument or --jsonl on stdin)", cli_ner_run},
    {"tag", "tag the words of a CoNLL or {\"tokens\": [...]} JSON Lines file", cli_ner_tag},
};

static void ner_usage(FILE *out)
{
    fprintf(out, "usage: nlp ner <subcommand> [<args>]\n\nsubcommands:\n");
    for (size_t i = 0; i < sizeof ner_commands / sizeof *ner_commands; i++)
        fprintf(out, "  %-6s %s\n", ner_commands[i].name, ner_commands[i].summary);
}

int cli_ner(int argc, char **argv)
{
    if (argc < 2) {
        ner_usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        ner_usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof ner_commands / sizeof *ner_commands; i++)
        if (strcmp(argv[1], ner_commands[i].name) == 0)
            return ner_commands[i].run(argc - 1, argv + 1);
    return cli_usage_error("ner: unknown subcommand '%s'", argv[1]);
}
