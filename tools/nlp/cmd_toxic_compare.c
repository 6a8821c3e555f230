/* cmd_toxic_compare.c - nlp toxic compare --model A --model B --data FILE:
 * both classifiers scored on the same data, side by side, with B - A. */
#include "cli.h"

#include <string.h>

static const char usage[] =
    "usage: nlp toxic compare --model A --model B --data FILE [--json] [options]\n"
    "\n"
    "Score two toxicity classifiers on FILE (options as in 'nlp toxic eval') and\n"
    "show accuracy, precision, recall, F1 and AUPRC side by side with B - A.\n";

int cli_toxic_compare(int argc, char **argv)
{
    cli_toxic_eval_args a;
    int rc = cli_toxic_eval_parse(argc, argv, 2, usage, &a);
    if (rc)
        return rc < 0 ? 0 : rc;
    nlp_classification_metrics m[2];
    for (int k = 0; k < 2; k++)
        if ((rc = cli_toxic_score(&a, a.models[k], &m[k])) != 0)
            return rc;
    const char *names[] = {"accuracy", "precision", "recall", "f1", "auprc"};
    double va[] = {m[0].accuracy, m[0].precision, m[0].recall, m[0].f1, m[0].auprc};
    double vb[] = {m[1].accuracy, m[1].precision, m[1].recall, m[1].f1, m[1].auprc};
    if (a.json) {
        printf("{");
        for (int k = 0; k < 5; k++)
            printf("%s\"%s\": {\"a\": %.17g, \"b\": %.17g, \"diff\": %.17g}", k ? ", " : "",
                   names[k], va[k], vb[k], vb[k] - va[k]);
        printf(", \"confusion\": {\"a\": [[%zu, %zu], [%zu, %zu]], \"b\": [[%zu, %zu], "
               "[%zu, %zu]]}, \"support\": %zu}\n", m[0].tn, m[0].fp, m[0].fn, m[0].tp,
               m[1].tn, m[1].fp, m[1].fn, m[1].tp, m[0].support);
        return 0;
    }
    printf("%-10s %9s %9s %9s\n", "", "A", "B", "B - A");
    for (int k = 0; k < 5; k++)
        printf("%-10s %9.4f %9.4f %+9.4f\n", names[k], va[k], vb[k], vb[k] - va[k]);
    return 0;
}
