/* cmd_toxic_train.c - nlp toxic train: fine-tune a T5 checkpoint as a
 * text-to-text toxicity classifier (nlp_toxic_train), with the progress
 * display `nlp ner train` uses. */
#include "cli_launch.h"
#include "cli_train.h"

#include <string.h>

typedef struct toxic_train_args {
    cli_train_args t;
    const char *prefix;
    cli_toxic_labels labels;
    int balance;
} toxic_train_args;

/* What the toxicity trainer computes on --eval; the first is the default. */
static const char *const toxic_train_args_metrics[] = {"f1", "auprc", "accuracy", "precision",
                                                       "recall", "loss", NULL};
static const char *const balances[] = {"none", "oversample", "weight", NULL};
static const nlp_class_balance balance_values[] = {NLP_BALANCE_NONE, NLP_BALANCE_OVERSAMPLE,
                                                   NLP_BALANCE_LOSS_WEIGHT};

static int labels_opt(void *args, const char *value)
{
    return cli_toxic_labels_add(&((toxic_train_args *)args)->labels, (char *)value);
}

static const cli_option options[] = {
    CLI_TRAIN_OPTIONS(toxic_train_args),
    {.name = "--text-column", .value = "C", .kind = CLI_STRING,
     .offset = CLI_TRAIN_FIELD(toxic_train_args, text_column),
     .help = "text column or field (text, else user_input)"},
    {.name = "--label-column", .value = "C", .kind = CLI_STRING,
     .offset = CLI_TRAIN_FIELD(toxic_train_args, label_column),
     .help = "0/1 label column or field (label, else toxicity)"},
    CLI_TOXIC_LABEL_OPTIONS(toxic_train_args, labels_opt),
    {.name = "--balance", .value = "MODE", .kind = CLI_CHOICE,
     .offset = offsetof(toxic_train_args, balance), .choices = balances,
     .help = "repeat toxic rows until they match the others, or weight each class's loss "
             "by n / (2 n_class) (none)"},
};

const cli_spec cli_toxic_train_spec = {
    .name = "toxic train",
    .summary = "fine-tune a T5 checkpoint as a toxicity classifier",
    .synopsis = "--model BASE_DIR --train FILE [--eval FILE] --out DIR [options]",
    .description =
        "Fine-tune the T5 checkpoint BASE_DIR to answer PREFIX + text with a label\n"
        "word, on CSV or JSON Lines FILE (toxic-chat's user_input and toxicity\n"
        "columns by default). The best model (by --metric on --eval) ends up in DIR\n"
        "with the prefix and label words in its config.json, checkpoints in\n"
        "DIR/checkpoint-N, the log in DIR/log.jsonl, the curves in DIR/curves.svg.",
    .options = options,
    .option_count = CLI_COUNT(options),
    .max_operands = 0,
};

int cli_toxic_train(int argc, char **argv)
{
    int launched = cli_launch_local(argc, argv, "toxic");
    if (launched >= 0)
        return launched;
    toxic_train_args a;
    memset(&a, 0, sizeof a);
    cli_train_args_init(&a.t, toxic_train_args_metrics);
    cli_operands ops;
    int rc = cli_parse(&cli_toxic_train_spec, argc, argv, &a, &ops);
    if (rc)
        return cli_parse_exit(rc);
    if ((rc = cli_toxic_labels_check(&a.labels)) != 0)
        return rc;
    cli_train_args_finish(&a.t);
    a.t.opts.class_balance = balance_values[a.balance];
    nlp_toxic_options mo = nlp_toxic_options_default();
    mo.prefix = a.prefix;
    if (a.labels.count) {
        mo.labels = a.labels.labels;
        mo.label_count = a.labels.count;
    }
    cli_train_progress_start(&a.t);
    nlp_train_report r;
    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    nlp_status st = nlp_toxic_train(a.t.model, a.t.train, a.t.eval, &mo, &a.t.opts, &r);
    cli_train_progress_end(&a.t);
    if (st != NLP_OK)
        return cli_fail_status(st, "toxic train");
    cli_train_print_report(&a.t, &r);
    return 0;
}
