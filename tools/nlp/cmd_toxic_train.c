/* cmd_toxic_train.c - nlp toxic train: fine-tune a T5 checkpoint as a
 * text-to-text toxicity classifier (nlp_toxic_train), with the progress
 * display `nlp ner train` uses. */
#include "cli.h"
#include "cli_launch.h"
#include "cli_train.h"

#include <string.h>

static const char usage[] =
    "usage: nlp toxic train --model BASE_DIR --train FILE [--eval FILE] --out DIR [options]\n"
    "\n"
    "Fine-tune the T5 checkpoint BASE_DIR to answer PREFIX + text with a label\n"
    "word, on CSV or JSON Lines FILE (toxic-chat's user_input and toxicity\n"
    "columns by default). The best model (by --metric on --eval, default f1)\n"
    "ends up in DIR, checkpoints in DIR/checkpoint-N, the log in DIR/log.jsonl\n"
    "and the curves in DIR/curves.svg.\n"
    "\n%s"
    "  --text-column C       --label-column C\n"
    "  --prefix P            (the checkpoint's task prefix, else \"toxic: \")\n"
    "  --labels TOXIC,OK     label words (the checkpoint's, else yes,no); both\n"
    "                        are stored in DIR/config.json with the prefix\n"
    "  --balance MODE        none | oversample | weight: repeat toxic rows until\n"
    "                        they match the others, or weight each class's loss\n"
    "                        by n / (2 n_class) (none)\n";

static int parse_balance(const char *v, nlp_class_balance *out)
{
    if (strcmp(v, "none") == 0)
        *out = NLP_BALANCE_NONE;
    else if (strcmp(v, "oversample") == 0)
        *out = NLP_BALANCE_OVERSAMPLE;
    else if (strcmp(v, "weight") == 0)
        *out = NLP_BALANCE_LOSS_WEIGHT;
    else
        return cli_usage_error("toxic train: --balance wants none, oversample or weight, "
                               "not '%s'", v);
    return 0;
}

/* The toxic-only flags: 0 taken, -1 not one of them, 2 usage error. */
static int toxic_option(int argc, char **argv, int *i, cli_train_args *a,
                        nlp_toxic_options *mo, nlp_toxic_label labels[2])
{
    const char *f = argv[*i];
    if (*i + 1 >= argc)
        return -1;
    char *v = argv[*i + 1];
    int rc;
    if (strcmp(f, "--prefix") == 0) {
        mo->prefix = v;
        rc = 0;
    } else if (strcmp(f, "--labels") == 0) {
        rc = cli_toxic_parse_labels(v, labels);
        mo->labels = labels;
        mo->label_count = 2;
    } else if (strcmp(f, "--balance") == 0) {
        rc = parse_balance(v, &a->opts.class_balance);
    } else {
        return -1;
    }
    (*i)++;
    return rc;
}

int cli_toxic_train(int argc, char **argv)
{
    int launched = cli_launch_local(argc, argv, "toxic");
    if (launched >= 0)
        return launched;
    cli_train_args a;
    cli_train_args_init(&a, "f1");
    nlp_toxic_options mo = nlp_toxic_options_default();
    nlp_toxic_label labels[2];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf(usage, cli_train_options_help());
            fputs(cli_launch_help(), stdout);
            return 0;
        }
        if (cli_launch_flag(argv[i]) && i + 1 < argc) { /* handled by cli_launch_local */
            i++;
            continue;
        }
        int rc = toxic_option(argc, argv, &i, &a, &mo, labels);
        if (rc < 0)
            rc = cli_train_option(argc, argv, &i, &a);
        if (rc < 0)
            return cli_usage_error("toxic train: unexpected argument '%s'", argv[i]);
        if (rc > 0)
            return rc;
    }
    if (!a.model || !a.train || !a.opts.output_dir)
        return cli_usage_error("toxic train: need --model, --train and --out (see --help)");
    cli_train_progress_start(&a);
    nlp_train_report r;
    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    nlp_status st = nlp_toxic_train(a.model, a.train, a.eval, &mo, &a.opts, &r);
    cli_train_progress_end(&a);
    if (st != NLP_OK)
        return cli_fail_status(st, "toxic train");
    cli_train_print_report(&a, &r);
    return 0;
}
