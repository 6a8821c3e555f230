/* cli.h - what the nlp command's subcommand files share. */
#ifndef NLP_CLI_H
#define NLP_CLI_H

#include <nlp/nlp.h>

#include <stdio.h>

/* A subcommand: argv[0] is its own name. Returns the process exit code. */
typedef int (*cli_command_fn)(int argc, char **argv);

typedef struct cli_command {
    const char *name;
    const char *summary;
    cli_command_fn run;
} cli_command;

/* Print "nlp: <what>: <library error>" to stderr; returns exit code 1. */
int cli_fail_status(nlp_status status, const char *what);

/* Print "nlp: <message>" to stderr; returns exit code 2 (usage). */
int cli_usage_error(const char *fmt, ...);

/* Subcommands (one file each). */
int cli_info(int argc, char **argv);
int cli_toxic(int argc, char **argv);
int cli_t5(int argc, char **argv);

#endif
