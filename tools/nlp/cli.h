/* cli.h - what the nlp command's subcommand files share. */
#ifndef NLP_CLI_H
#define NLP_CLI_H

#include <nlp/nlp.h>

#include "cli_opts.h"

#include <jansson.h>

#include <stddef.h>
#include <stdio.h>

/* A subcommand: argv[0] is its own name. Returns the process exit code
 * (0 ok, 1 data or runtime error, 2 usage error). */
typedef int (*cli_command_fn)(int argc, char **argv);

typedef struct cli_command {
    const char *name; /* "info", or "ner run" for a group's subcommand */
    const cli_spec *spec;
    cli_command_fn run;
} cli_command;

extern const cli_command cli_commands[];
extern const size_t cli_command_count;

/* Print "nlp: <what>: <library error>" to stderr; returns exit code 1.
 * The library's message already names files and lines, so `what` should
 * be the command ("ner eval"), never the path again. */
int cli_fail_status(nlp_status status, const char *what);

/* Print "nlp: <message>" to stderr; returns exit code 2 (usage). */
int cli_usage_error(const char *fmt, ...);

/* nlp(1), every page to dir, and the bash completion script (cli_docs.c). */
void cli_print_main_help(FILE *out);
int cli_write_man_pages(const char *dir);
void cli_print_completion(FILE *out);

#define CLI_DECLARE(fn) \
    int fn(int argc, char **argv); \
    extern const cli_spec fn##_spec

CLI_DECLARE(cli_info);
CLI_DECLARE(cli_init);
CLI_DECLARE(cli_tokenize);
CLI_DECLARE(cli_ner_run);
CLI_DECLARE(cli_ner_tag);
CLI_DECLARE(cli_ner_score);
CLI_DECLARE(cli_ner_train);
CLI_DECLARE(cli_ner_eval);
CLI_DECLARE(cli_ner_compare);
CLI_DECLARE(cli_t5_generate);
CLI_DECLARE(cli_toxic_classify);
CLI_DECLARE(cli_toxic_eval);
CLI_DECLARE(cli_toxic_compare);
CLI_DECLARE(cli_toxic_train);

/* Apply --threads N once, before a model loads: nlp_set_num_threads(N)
 * (process-wide; the per-model num_threads fields are deprecated); 0
 * keeps the library's default. Prints the error and returns 1 on failure. */
int cli_set_threads(int n);

/* --device and --threads, the same for every command that loads a model. */
#define CLI_DEVICE_OPTIONS(Args, device_field, threads_field)                                  \
    {.name = "--device", .value = "D", .kind = CLI_STRING,                                    \
     .offset = offsetof(Args, device_field), .help = "auto (default), cpu, cuda or cuda:N"},  \
    {.name = "--threads", .value = "N", .kind = CLI_INT,                                      \
     .offset = offsetof(Args, threads_field),                                                 \
     .help = "tensor library and BLAS threads (0: library default)", .max = 4096}

/* Arguments `nlp ner run` and `nlp ner tag` share (cmd_ner_options.c). */
typedef struct cli_ner_model_args {
    const char *model, *device;
    int threads, aggregation;
    size_t batch_size, max_length, stride;
    int stride_set;
} cli_ner_model_args;

extern const char *const cli_aggregation_choices[];

#define CLI_NER_MODEL_OPTIONS(Args)                                                            \
    {.name = "--model", .value = "DIR", .kind = CLI_STRING, .offset = offsetof(Args, m.model), \
     .help = "checkpoint directory", .flags = CLI_REQUIRED | CLI_DIR},                         \
    CLI_DEVICE_OPTIONS(Args, m.device, m.threads),                                            \
    {.name = "--batch-size", .value = "N", .kind = CLI_SIZE,                                   \
     .offset = offsetof(Args, m.batch_size), .help = "texts per forward pass (32)",           \
     .min = 1, .max = 1e6},                                                                    \
    {.name = "--max-length", .value = "N", .kind = CLI_SIZE,                                   \
     .offset = offsetof(Args, m.max_length),                                                   \
     .help = "tokens per window, specials included (the model's)", .min = 3, .max = 1e6},                                   \
    {.name = "--stride", .value = "N", .kind = CLI_CALL, .call = cli_ner_stride,              \
     .help = "tokens shared by windows of long texts (128, or half a shorter window)"},           \
    {.name = "--aggregation", .value = "A", .kind = CLI_CHOICE,                                \
     .offset = offsetof(Args, m.aggregation), .choices = cli_aggregation_choices,              \
     .help = "how subword predictions become entities, as Hugging Face names them: first, "   \
             "average, max (per word), simple (tokens grouped), none (one per token) "        \
             "(first)"}

/* --stride's parser: Args must start with its cli_ner_model_args m. */
int cli_ner_stride(void *args, const char *value);
/* Load the NER model the options describe; prints the error, returns 1. */
int cli_ner_load(const cli_ner_model_args *a, nlp_ner_model **out);

/* Tag every sentence of a data file with a model and score it (cmd_ner_eval.c);
 * prints the error and returns 1 on failure. */
int cli_ner_evaluate(const char *model_dir, const char *data, int quiet,
                     nlp_seqeval_report **out);

/* Toxicity label words, one syntax everywhere (cmd_toxic_labels.c):
 * "--labels yes=toxic,no=ok", or the short form "--labels yes,no" (toxic
 * word first); --label WORD=VERDICT may be repeated. The words point into
 * the argument. */
typedef struct cli_toxic_labels {
    nlp_toxic_label labels[16];
    size_t count;
} cli_toxic_labels;

/* Add the labels of spec; 0 or 2 (usage error printed). */
int cli_toxic_labels_add(cli_toxic_labels *l, char *spec);
/* Check a complete set: at least one toxic and one ok word. */
int cli_toxic_labels_check(const cli_toxic_labels *l);

#define CLI_TOXIC_LABEL_OPTIONS(Args, Call)                                                          \
    {.name = "--labels", .value = "W=V,...", .kind = CLI_CALL, .call = Call,                  \
     .flags = CLI_REPEAT,                                                                      \
     .help = "label words: yes=toxic,no=ok, or the short form yes,no (toxic first); "         \
             "default the checkpoint's, else yes,no"},                                         \
    {.name = "--label", .value = "W=V", .kind = CLI_CALL, .call = Call, .flags = CLI_REPEAT,  \
     .help = "one label word, WORD=toxic or WORD=ok (repeatable; same as --labels)"},         \
    {.name = "--prefix", .value = "P", .kind = CLI_STRING, .offset = offsetof(Args, prefix),  \
     .help = "task prefix before each text (the checkpoint's, else \"toxic: \")"}

/* Arguments `nlp toxic eval` and `compare` share (cmd_toxic_eval.c). */
typedef struct cli_toxic_eval_args {
    const char *models[2];
    int model_count, max_models;
    const char *data, *prefix, *text_column, *label_column;
    size_t max_examples;
    int max_input_tokens, score_only, json, format, pretty, quiet;
    cli_toxic_labels labels;
} cli_toxic_eval_args;

int cli_toxic_eval_labels(void *args, const char *value);
int cli_toxic_eval_model(void *args, const char *value);
extern const char *const cli_table_json_formats[];

#define CLI_TOXIC_EVAL_OPTIONS                                                                 \
    {.name = "--data", .value = "FILE", .kind = CLI_STRING,                                   \
     .offset = offsetof(cli_toxic_eval_args, data), .flags = CLI_REQUIRED | CLI_FILE,         \
     .help = "labelled CSV or JSON Lines (toxic-chat's layout)"},                            \
    CLI_TOXIC_LABEL_OPTIONS(cli_toxic_eval_args, cli_toxic_eval_labels),                      \
    {.name = "--text-column", .value = "C", .kind = CLI_STRING,                               \
     .offset = offsetof(cli_toxic_eval_args, text_column),                                    \
     .help = "text column or field (text, else user_input)"},                                \
    {.name = "--label-column", .value = "C", .kind = CLI_STRING,                              \
     .offset = offsetof(cli_toxic_eval_args, label_column),                                   \
     .help = "0/1 label column or field (label, else toxicity)"},                            \
    {.name = "--max-examples", .value = "N", .kind = CLI_SIZE,                                \
     .offset = offsetof(cli_toxic_eval_args, max_examples),                                   \
     .help = "score the first N rows only (0: all)", .max = 1e12},                           \
    {.name = "--max-input-tokens", .value = "N", .kind = CLI_INT,                             \
     .offset = offsetof(cli_toxic_eval_args, max_input_tokens),                               \
     .help = "truncate prompts to N tokens (the library's default)", .min = 1, .max = 1e6},  \
    {.name = "--score-only", .kind = CLI_FLAG,                                                \
     .offset = offsetof(cli_toxic_eval_args, score_only),                                     \
     .help = "compare the label words' scores only; do not generate"},                       \
    {.name = "--format", .value = "F", .kind = CLI_CHOICE,                                    \
     .offset = offsetof(cli_toxic_eval_args, format), .choices = cli_table_json_formats,      \
     .help = "a table, or one JSON object (table)"},                                         \
    {.name = "--json", .kind = CLI_FLAG, .offset = offsetof(cli_toxic_eval_args, json),       \
     .help = "same as --format json"},                                                        \
    {.name = "--pretty", .kind = CLI_FLAG, .offset = offsetof(cli_toxic_eval_args, pretty),   \
     .help = "indent the JSON"},                                                              \
    {.name = "--quiet", .kind = CLI_FLAG, .offset = offsetof(cli_toxic_eval_args, quiet),     \
     .help = "no progress bar on stderr"}

/* Parse argv for eval (one model) or compare (two); 0 or an exit code. */
int cli_toxic_eval_parse(const cli_spec *spec, int argc, char **argv, int models,
                         cli_toxic_eval_args *a);
/* Score one model; prints the error and returns 1 on failure. */
int cli_toxic_score(const cli_toxic_eval_args *a, const char *model,
                    nlp_classification_metrics *m);

/* "%.4f" that never prints "-0.0000" (cmd_toxic_eval.c). */
double cli_unsigned_zero(double x);

#endif
