/* main.c - the nlp command: dispatch to subcommands by name. The table
 * here is the one list of commands: --help, nlp(1) and the completion
 * are printed from it. */
#include "cli.h"

#include <stdarg.h>
#include <string.h>

const cli_command cli_commands[] = {
    {"info", &cli_info_spec, cli_info},
    {"init", &cli_init_spec, cli_init},
    {"tokenize", &cli_tokenize_spec, cli_tokenize},
    {"ner run", &cli_ner_run_spec, cli_ner_run},
    {"ner tag", &cli_ner_tag_spec, cli_ner_tag},
    {"ner eval", &cli_ner_eval_spec, cli_ner_eval},
    {"ner compare", &cli_ner_compare_spec, cli_ner_compare},
    {"ner score", &cli_ner_score_spec, cli_ner_score},
    {"ner train", &cli_ner_train_spec, cli_ner_train},
    {"t5 generate", &cli_t5_generate_spec, cli_t5_generate},
    {"toxic classify", &cli_toxic_classify_spec, cli_toxic_classify},
    {"toxic eval", &cli_toxic_eval_spec, cli_toxic_eval},
    {"toxic compare", &cli_toxic_compare_spec, cli_toxic_compare},
    {"toxic train", &cli_toxic_train_spec, cli_toxic_train},
};

const size_t cli_command_count = sizeof cli_commands / sizeof cli_commands[0];

int cli_fail_status(nlp_status status, const char *what)
{
    const char *detail = nlp_last_error();
    fprintf(stderr, "nlp: %s: %s\n", what, *detail ? detail : nlp_status_str(status));
    return 1;
}

int cli_set_threads(int n)
{
    nlp_status st = n ? nlp_set_num_threads(n) : NLP_OK;
    return st == NLP_OK ? 0 : cli_fail_status(st, "--threads");
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

static int is_help(const char *a)
{
    return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0 || strcmp(a, "help") == 0;
}

/* "nlp ner": the group's subcommands. */
static void group_usage(const char *group, FILE *out)
{
    fprintf(out, "usage: nlp %s <subcommand> [<args>]\n\nsubcommands:\n", group);
    size_t len = strlen(group);
    for (size_t i = 0; i < cli_command_count; i++)
        if (strncmp(cli_commands[i].name, group, len) == 0 && cli_commands[i].name[len] == ' ')
            fprintf(out, "  %-10s %s\n", cli_commands[i].name + len + 1,
                    cli_commands[i].spec->summary);
    fprintf(out, "\nRun 'nlp %s <subcommand> --help' for its options.\n", group);
}

static int dispatch_group(const char *group, int argc, char **argv)
{
    size_t len = strlen(group);
    if (argc < 2 || is_help(argv[1])) {
        group_usage(group, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (size_t i = 0; i < cli_command_count; i++) {
        const char *n = cli_commands[i].name;
        if (strncmp(n, group, len) == 0 && n[len] == ' ' && strcmp(n + len + 1, argv[1]) == 0)
            return cli_commands[i].run(argc - 1, argv + 1);
    }
    fprintf(stderr, "nlp: %s: unknown subcommand '%s'\n\n", group, argv[1]);
    group_usage(group, stderr);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        cli_print_main_help(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("nlp %s\n", nlp_version());
        return 0;
    }
    if (is_help(cmd)) {
        cli_print_main_help(stdout);
        return 0;
    }
    if (strcmp(cmd, "__man") == 0) /* build time: the man pages */
        return argc == 3 ? cli_write_man_pages(argv[2]) : 2;
    if (strcmp(cmd, "__completion") == 0) { /* build time: bash completion */
        FILE *f = argc == 3 ? fopen(argv[2], "w") : stdout;
        if (!f)
            return cli_usage_error("__completion: cannot write %s", argv[2]);
        cli_print_completion(f);
        return f != stdout && fclose(f) ? 1 : 0;
    }
    size_t len = strlen(cmd);
    for (size_t i = 0; i < cli_command_count; i++) {
        const char *n = cli_commands[i].name;
        if (strcmp(n, cmd) == 0)
            return cli_commands[i].run(argc - 1, argv + 1);
        if (strncmp(n, cmd, len) == 0 && n[len] == ' ')
            return dispatch_group(cmd, argc - 1, argv + 1);
    }
    fprintf(stderr, "nlp: unknown command '%s'\n\n", cmd);
    cli_print_main_help(stderr);
    return 2;
}
