/* cli_train.h - what `nlp ner train` and `nlp toxic train` share: the
 * training options, the progress display, the final summary. */
#ifndef NLP_CLI_TRAIN_H
#define NLP_CLI_TRAIN_H

#include <nlp/nlp.h>

typedef struct cli_train_args {
    const char *model, *train, *eval;
    nlp_train_options opts;
    int quiet;
    int tty;           /* stderr is a terminal: redraw one progress line */
    double started;    /* seconds, monotonic */
} cli_train_args;

void cli_train_args_init(cli_train_args *a, const char *default_metric);
/* Consume argv[*i] (and its value): 0 taken, -1 not a training option, 2
 * usage error (printed). */
int cli_train_option(int argc, char **argv, int *i, cli_train_args *a);
const char *cli_train_options_help(void);
void cli_train_progress_start(cli_train_args *a);
void cli_train_progress_end(cli_train_args *a);
void cli_train_print_report(const cli_train_args *a, const nlp_train_report *r);

#endif
