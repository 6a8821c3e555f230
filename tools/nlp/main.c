/* main.c - the nlp command: dispatch to subcommands. */
#include "cli.h"

#include <stdarg.h>
#include <string.h>

static const cli_command commands[] = {
    {"info", "describe a checkpoint directory", cli_info},
    {"init", "write a randomly initialised checkpoint", cli_init},
    {"ner", "named-entity recognition: run, tag, score", cli_ner},
    {"toxic", "classify texts as toxic or not with a T5 model", cli_toxic},
    {"t5", "generate text with a T5 model", cli_t5},
};

static const size_t command_count = sizeof commands / sizeof commands[0];

static void print_usage(FILE *out)
{
    fprintf(out, "usage: nlp [--version] [--help] <command> [<args>]\n\ncommands:\n");
    for (size_t i = 0; i < command_count; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nRun 'nlp <command> --help' for a command's options.\n");
}

int cli_fail_status(nlp_status status, const char *what)
{
    const char *detail = nlp_last_error();
    fprintf(stderr, "nlp: %s: %s\n", what, *detail ? detail : nlp_status_str(status));
    return 1;
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("nlp: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("nlp %s\n", nlp_version());
        return 0;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        print_usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < command_count; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "nlp: unknown command '%s'\n\n", argv[1]);
    print_usage(stderr);
    return 2;
}
