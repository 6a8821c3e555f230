/* cli_opts.h - the nlp command's option tables. Each subcommand describes
 * its options once, in a cli_spec; the same table drives the parser, the
 * --help text, the man pages (nlp __man) and the bash completion
 * (nlp __completion), so the four cannot disagree.
 *
 * Exit codes, everywhere: 0 success (and --help), 1 a data or runtime
 * error, 2 a usage error. */
#ifndef NLP_CLI_OPTS_H
#define NLP_CLI_OPTS_H

#include <stddef.h>
#include <stdio.h>

typedef enum cli_kind {
    CLI_FLAG,   /* no value: sets the int at offset to 1 */
    CLI_STRING, /* const char * (points into argv) */
    CLI_INT,    /* int, a base-10 integer in [min, max] */
    CLI_SIZE,   /* size_t, a base-10 integer in [min, max] */
    CLI_LLONG,  /* long long, a base-10 integer in [min, max] */
    CLI_U64,    /* unsigned long long (seeds), base 10, any 64-bit value */
    CLI_DOUBLE, /* double in [min, max] */
    CLI_CHOICE, /* int: the index of the value in choices */
    CLI_CALL,   /* call(args, value): 0, or an exit code (message printed) */
} cli_kind;

enum {
    CLI_REQUIRED = 1, /* the command refuses to run without it */
    CLI_REPEAT = 2,   /* may be given more than once (CLI_CALL) */
    CLI_FILE = 4,     /* the value is a file path (completion) */
    CLI_DIR = 8,      /* the value is a directory (completion) */
};

typedef struct cli_option {
    const char *name;  /* "--model" */
    const char *value; /* "DIR"; NULL for flags */
    cli_kind kind;
    size_t offset;     /* of the field in the command's argument struct */
    const char *help;  /* one line; the default in parentheses */
    unsigned flags;
    double min, max;   /* numeric range; min == max == 0: [0, INT_MAX] */
    const char *const *choices; /* CLI_CHOICE, NULL-terminated */
    int (*call)(void *args, const char *value);
} cli_option;

typedef struct cli_spec {
    const char *name;        /* "ner run" */
    const char *summary;     /* one line, for command lists and NAME */
    const char *synopsis;    /* after "nlp <name> ": "--model DIR [options] [TEXT...]" */
    const char *description; /* paragraphs, lines separated by \n */
    const cli_option *options;
    size_t option_count;
    const char *operands;    /* help name of positional arguments; NULL: none */
    int max_operands;        /* -1: any number */
    const char *examples;    /* one command per line, or NULL */
} cli_spec;

#define CLI_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Positional arguments left after the options (pointers into argv). */
typedef struct cli_operands {
    char **items;
    int count;
} cli_operands;

enum { CLI_HELP_SHOWN = -1 };

/* Parse argv[1..argc) into args by spec. --help / -h anywhere before "--"
 * prints the help on stdout and returns CLI_HELP_SHOWN (exit 0) before
 * any value is looked at; "--" ends the options; "-" is an operand (stdin).
 * "--name=value" and "--name value" are the same. Returns 0, or 2 after
 * printing a usage message that names the argument. */
int cli_parse(const cli_spec *spec, int argc, char **argv, void *args, cli_operands *ops);

/* What cli_parse returned as an exit code: CLI_HELP_SHOWN -> 0. */
static inline int cli_parse_exit(int rc) { return rc == CLI_HELP_SHOWN ? 0 : rc; }

/* The --help text of spec. */
void cli_print_help(const cli_spec *spec, FILE *out);
/* spec's man page (troff, section 1). */
void cli_print_man(const cli_spec *spec, FILE *out);

#endif
