/* cmd_ner.c - nlp ner <subcommand>: routes to one file per subcommand. */
#include "cli.h"

#include <string.h>

static const cli_command ner_commands[] = {
    {"run", "find entities in text (argument or --jsonl on stdin)", cli_ner_run},
    {"tag", "tag the words of a CoNLL or {\"tokens\": [...]} JSON Lines file", cli_ner_tag},
    {"score", "score predicted tags against gold tags (conlleval / seqeval)", cli_ner_score},
    {"train", "fine-tune a BERT token classifier on CoNLL data", cli_ner_train},
    {"eval", "score a model on a CoNLL file (per-type P/R/F1, accuracy)", cli_ner_eval},
    {"compare", "score two models on the same data side by side", cli_ner_compare},
};

static const size_t ner_command_count = sizeof ner_commands / sizeof ner_commands[0];

static void ner_usage(FILE *out)
{
    fprintf(out, "usage: nlp ner <subcommand> [<args>]\n\nsubcommands:\n");
    for (size_t i = 0; i < ner_command_count; i++)
        fprintf(out, "  %-10s %s\n", ner_commands[i].name, ner_commands[i].summary);
    fprintf(out, "\nRun 'nlp ner <subcommand> --help' for its options.\n");
}

int cli_ner(int argc, char **argv)
{
    if (argc < 2) {
        ner_usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        ner_usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < ner_command_count; i++)
        if (strcmp(argv[1], ner_commands[i].name) == 0)
            return ner_commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "nlp: ner: unknown subcommand '%s'\n\n", argv[1]);
    ner_usage(stderr);
    return 2;
}
