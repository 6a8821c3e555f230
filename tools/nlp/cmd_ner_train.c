/* cmd_ner_train.c - nlp ner train: fine-tune a BERT token classifier on
 * CoNLL files (nlp_ner_train), with a progress bar on a terminal and plain
 * log lines otherwise. */
#include "cli.h"
#include "cli_launch.h"
#include "cli_train.h"

#include <string.h>

static const char usage[] =
    "usage: nlp ner train --model BASE_DIR --train FILE [--eval FILE] --out DIR [options]\n"
    "\n"
    "Fine-tune the BERT checkpoint BASE_DIR on the CoNLL file FILE; the best model\n"
    "(by --metric on --eval) ends up in DIR, checkpoints in DIR/checkpoint-N,\n"
    "the log in DIR/log.jsonl and the curves in DIR/curves.svg.\n"
    "\n%s"
    "  --no-label-all-tokens   only the first subword of a word carries its tag\n";

int cli_ner_train(int argc, char **argv)
{
    int launched = cli_launch_local(argc, argv, "ner");
    if (launched >= 0)
        return launched;
    cli_train_args a;
    cli_train_args_init(&a, "overall_f1");
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
        if (strcmp(argv[i], "--no-label-all-tokens") == 0) {
            a.opts.label_all_tokens = 0;
            continue;
        }
        int rc = cli_train_option(argc, argv, &i, &a);
        if (rc < 0)
            return cli_usage_error("ner train: unexpected argument '%s'", argv[i]);
        if (rc > 0)
            return rc;
    }
    if (!a.model || !a.train || !a.opts.output_dir)
        return cli_usage_error("ner train: need --model, --train and --out (see --help)");
    cli_train_progress_start(&a);
    nlp_train_report r;
    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    nlp_status st = nlp_ner_train(a.model, a.train, a.eval, &a.opts, &r);
    cli_train_progress_end(&a);
    if (st != NLP_OK)
        return cli_fail_status(st, "ner train");
    cli_train_print_report(&a, &r);
    return 0;
}
