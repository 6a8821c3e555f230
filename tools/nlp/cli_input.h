/* cli_input.h - the one input model of the text subcommands (ner run,
 * toxic classify, t5 generate, tokenize): texts as arguments; no argument
 * or "-" reads stdin, one text per line, or with --jsonl one JSON object
 * per line whose --text-field holds the text (default "text", then
 * toxic-chat's "user_input"). The other fields of a JSON row are kept so
 * the output can carry them ("id" and the like). */
#ifndef NLP_CLI_INPUT_H
#define NLP_CLI_INPUT_H

#include "cli_opts.h"
#include "cli_progress.h"

#include <jansson.h>

typedef struct cli_input_args {
    int jsonl;
    const char *text_field; /* NULL: "text", else "user_input" */
    int on_error;           /* CLI_ON_ERROR_* */
    int quiet;
    int words; /* set by the command: the field holds an array of strings
                  (default "tokens"), given as item->words */
} cli_input_args;

enum { CLI_ON_ERROR_STOP = 0, CLI_ON_ERROR_SKIP = 1 };

extern const char *const cli_on_error_choices[];

/* The option table rows every text subcommand shares; Args is the
 * command's struct, in which `input` is a cli_input_args. */
#define CLI_INPUT_OPTIONS(Args)                                                                \
    {.name = "--jsonl", .kind = CLI_FLAG, .offset = offsetof(Args, input.jsonl),              \
     .help = "read JSON objects, one per line, instead of plain text lines"},                \
    {.name = "--text-field", .value = "NAME", .kind = CLI_STRING,                             \
     .offset = offsetof(Args, input.text_field),                                              \
     .help = "field of a --jsonl row holding the text (text, else user_input)"},              \
    {.name = "--on-error", .value = "WHAT", .kind = CLI_CHOICE,                               \
     .offset = offsetof(Args, input.on_error), .choices = cli_on_error_choices,              \
     .help = "a bad input line stops the stream (exit 1) or is skipped and reported"},       \
    {.name = "--quiet", .kind = CLI_FLAG, .offset = offsetof(Args, input.quiet),              \
     .help = "no progress bar on stderr"}

/* One input: the text and, for a --jsonl row, the whole object (borrowed;
 * copy what you keep). line is the 1-based stdin line, 0 for arguments. */
typedef struct cli_item {
    const char *text;
    size_t len;
    json_t *row;
    long line;
    json_t *words; /* cli_input_args.words: the array, borrowed from row */
} cli_item;

/* Handle items[0..n): 0, or an exit code after printing the error. */
typedef int (*cli_item_fn)(void *ctx, const cli_item *items, size_t n);

/* Feed every input to fn, up to `batch` at a time, in order. With
 * --on-error skip a failing batch is retried one item at a time and the
 * items that still fail are reported on stderr with their line and
 * skipped. Returns 0, 1 on a data or runtime error. `what` names the
 * command in messages. */
int cli_input_each(const char *what, const cli_input_args *in, const cli_operands *ops,
                   size_t batch, cli_item_fn fn, void *ctx);

/* Output of result rows: one JSON object per line (--format jsonl, the
 * default), one JSON array at the end (json), indented with --pretty. */
typedef struct cli_output {
    int format; /* index into the command's format choices, named by name */
    const char *format_name;
    int pretty;
    json_t *all; /* --format json: rows collected */
} cli_output;

/* Print or collect one row (takes the reference). */
void cli_output_row(cli_output *o, json_t *row);
/* Print what was collected (--format json). */
void cli_output_end(cli_output *o);
/* Print one JSON value on one line, or indented with pretty. */
void cli_print_json(const json_t *v, int pretty, int digits);

/* The row to print for item: a copy of its JSON row, or {"text": ...}. */
json_t *cli_item_row(const cli_item *item);

#endif
