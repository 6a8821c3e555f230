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
int cli_init(int argc, char **argv);
int cli_ner(int argc, char **argv);     /* dispatcher: ner run | tag | score */
int cli_ner_run(int argc, char **argv);
int cli_ner_tag(int argc, char **argv);
int cli_ner_score(int argc, char **argv);
int cli_ner_train(int argc, char **argv);
int cli_ner_eval(int argc, char **argv);
int cli_ner_compare(int argc, char **argv);
/* Tag a CoNLL file with a model and score it (cmd_ner_eval.c); prints
 * the error and returns 1 on failure. */
int cli_ner_evaluate(const char *model_dir, const char *data, nlp_seqeval_report **out);

/* Arguments `nlp ner run` and `nlp ner tag` share. */
typedef struct cli_ner_args {
    const char *model;
    nlp_ner_options options;
} cli_ner_args;

/* Consume argv[*i] (and its value) when it is a shared NER option:
 * returns 0 when taken, -1 when argv[*i] is not one, 2 on a usage error
 * (already printed). */
int cli_ner_option(int argc, char **argv, int *i, cli_ner_args *args);
const char *cli_ner_options_help(void);
int cli_tokenize(int argc, char **argv);

/* nlp ner subcommands (cmd_ner_*.c), routed by cli_ner (cmd_ner.c). */
int cli_ner_score(int argc, char **argv);

int cli_toxic_eval(int argc, char **argv);    /* cmd_toxic_eval.c */
int cli_toxic_compare(int argc, char **argv); /* cmd_toxic_compare.c */
int cli_toxic_train(int argc, char **argv);   /* cmd_toxic_train.c */
/* "TOXIC,OK" (e.g. "yes,no") into two labels, toxic first; the words point
 * into spec, which is modified. 0, or 2 with the usage error printed. */
int cli_toxic_parse_labels(char *spec, nlp_toxic_label labels[2]);

/* Arguments `nlp toxic eval` and `compare` share (cmd_toxic_eval.c). */
typedef struct cli_toxic_eval_args {
    const char *models[2];
    int model_count;
    const char *data, *text_column, *label_column;
    size_t max_examples;
    int json;
    nlp_toxic_options options;
    nlp_toxic_label labels[2];
} cli_toxic_eval_args;

/* Parse argv; 0 on success, else the exit code (usage printed). */
int cli_toxic_eval_parse(int argc, char **argv, int max_models, const char *usage,
                         cli_toxic_eval_args *a);
/* Score one model; prints the error and returns 1 on failure. */
int cli_toxic_score(const cli_toxic_eval_args *a, const char *model,
                    nlp_classification_metrics *m);

#endif
