/* cmd_toxic_compare.c - nlp toxic compare --model A --model B --data FILE:
 * both classifiers scored on the same data, side by side, with B - A. */
#include "cli.h"
#include "cli_input.h"

#include <string.h>

static const cli_option options[] = {
    {.name = "--model", .value = "DIR", .kind = CLI_CALL, .call = cli_toxic_eval_model,
     .help = "T5 checkpoint directory; give it twice, A then B", .flags = CLI_REPEAT | CLI_DIR},
    CLI_TOXIC_EVAL_OPTIONS,
};

const cli_spec cli_toxic_compare_spec = {
    .name = "toxic compare",
    .summary = "score two toxicity classifiers on the same data side by side",
    .synopsis = "--model A --model B --data FILE [options]",
    .description = "Score both classifiers on FILE (options as in 'nlp toxic eval') and show\n"
                   "accuracy, precision, recall, F1 and AUPRC side by side with B - A.",
    .options = options,
    .option_count = CLI_COUNT(options),
    .max_operands = 0,
};

int cli_toxic_compare(int argc, char **argv)
{
    cli_toxic_eval_args a;
    int rc = cli_toxic_eval_parse(&cli_toxic_compare_spec, argc, argv, 2, &a);
    if (rc)
        return cli_parse_exit(rc);
    nlp_classification_metrics m[2];
    for (int k = 0; k < 2; k++)
        if ((rc = cli_toxic_score(&a, a.models[k], &m[k])) != 0)
            return rc;
    const char *names[] = {"accuracy", "precision", "recall", "f1", "auprc"};
    double va[] = {m[0].accuracy, m[0].precision, m[0].recall, m[0].f1, m[0].auprc};
    double vb[] = {m[1].accuracy, m[1].precision, m[1].recall, m[1].f1, m[1].auprc};
    if (a.json || a.format == 1) {
        json_t *o = json_object();
        for (int k = 0; k < 5; k++)
            json_object_set_new(o, names[k], json_pack("{s:f, s:f, s:f}", "a", va[k], "b",
                                                       vb[k], "diff", vb[k] - va[k]));
        json_object_set_new(o, "confusion",
                            json_pack("{s:[[I,I],[I,I]], s:[[I,I],[I,I]]}", "a",
                                      (json_int_t)m[0].tn, (json_int_t)m[0].fp,
                                      (json_int_t)m[0].fn, (json_int_t)m[0].tp, "b",
                                      (json_int_t)m[1].tn, (json_int_t)m[1].fp,
                                      (json_int_t)m[1].fn, (json_int_t)m[1].tp));
        json_object_set_new(o, "support", json_integer((json_int_t)m[0].support));
        cli_print_json(o, a.pretty, 17);
        json_decref(o);
        return 0;
    }
    printf("%-10s %9s %9s %9s\n", "", "A", "B", "B - A");
    for (int k = 0; k < 5; k++)
        printf("%-10s %9.4f %9.4f %+9.4f\n", names[k], cli_unsigned_zero(va[k]),
               cli_unsigned_zero(vb[k]), cli_unsigned_zero(vb[k] - va[k]));
    return 0;
}
