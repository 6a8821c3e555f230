/* cmd_ner_train.c - nlp ner train: fine-tune a BERT token classifier
 * (nlp_ner_train), with a progress bar on a terminal and plain log lines
 * otherwise. */
#include "cli_launch.h"
#include "cli_train.h"

#include <string.h>

typedef struct ner_train_args {
    cli_train_args t;
} ner_train_args;

/* What the NER trainer computes on --eval; the first is the default. */
static const char *const ner_train_args_metrics[] = {"overall_f1", "overall_precision",
                                                     "overall_recall", "accuracy", "loss", NULL};

static const cli_option options[] = {
    CLI_TRAIN_OPTIONS(ner_train_args),
    {.name = "--no-label-all-tokens", .kind = CLI_FLAG,
     .offset = offsetof(ner_train_args, t.no_label_all_tokens),
     .help = "only the first subword of a word carries its tag"},
};

const cli_spec cli_ner_train_spec = {
    .name = "ner train",
    .summary = "fine-tune a BERT token classifier on tagged data",
    .synopsis = "--model BASE_DIR --train FILE [--eval FILE] --out DIR [options]",
    .description =
        "Fine-tune the BERT checkpoint BASE_DIR on FILE (CoNLL columns or conll2003\n"
        "JSON Lines, read as 'ner eval' reads them). The best model (by --metric on\n"
        "--eval) ends up in DIR, checkpoints in DIR/checkpoint-N, the log in\n"
        "DIR/log.jsonl and the curves in DIR/curves.svg. Prints a JSON summary.",
    .options = options,
    .option_count = CLI_COUNT(options),
    .max_operands = 0,
};

int cli_ner_train(int argc, char **argv)
{
    int launched = cli_launch_local(argc, argv, "ner");
    if (launched >= 0)
        return launched;
    ner_train_args a;
    cli_train_args_init(&a.t, ner_train_args_metrics);
    cli_operands ops;
    int rc = cli_parse(&cli_ner_train_spec, argc, argv, &a, &ops);
    if (rc)
        return cli_parse_exit(rc);
    cli_train_args_finish(&a.t);
    cli_train_progress_start(&a.t);
    nlp_train_report r;
    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    nlp_status st = nlp_ner_train(a.t.model, a.t.train, a.t.eval, &a.t.opts, &r);
    cli_train_progress_end(&a.t);
    if (st != NLP_OK)
        return cli_fail_status(st, "ner train");
    cli_train_print_report(&a.t, &r);
    return 0;
}
