/* cmd_ner_compare.c - nlp ner compare --model A --model B --data FILE:
 * both models scored on the same data, side by side per entity type and
 * average, with the difference B - A. */
#include "cli.h"

#include <string.h>

static const char usage[] =
    "usage: nlp ner compare --model A --model B --data FILE [--json]\n"
    "\n"
    "Score two models on the CoNLL file FILE and show precision, recall and F1\n"
    "per entity type and averaged, side by side, with B - A.\n";

static int has_type(const nlp_seqeval_report *r, const char *type)
{
    for (size_t i = 0; i < nlp_seqeval_type_count(r); i++)
        if (strcmp(nlp_seqeval_type(r, i)->type, type) == 0)
            return 1;
    return 0;
}

/* The row named type, or a zero row when that model found no such type. */
static nlp_entity_score row(const nlp_seqeval_report *r, const char *type)
{
    for (size_t i = 0; i < nlp_seqeval_type_count(r); i++)
        if (strcmp(nlp_seqeval_type(r, i)->type, type) == 0)
            return *nlp_seqeval_type(r, i);
    nlp_entity_score zero;
    memset(&zero, 0, sizeof zero);
    zero.type = type;
    return zero;
}

static void print_row(const char *name, nlp_entity_score a, nlp_entity_score b, int json,
                      int *first)
{
    if (json) {
        printf("%s\n  \"%s\": {\"a\": {\"precision\": %.17g, \"recall\": %.17g, \"f1-score\": "
               "%.17g, \"support\": %zu}, \"b\": {\"precision\": %.17g, \"recall\": %.17g, "
               "\"f1-score\": %.17g, \"support\": %zu}, \"f1_diff\": %.17g}",
               *first ? "" : ",", name, a.precision, a.recall, a.f1, a.support, b.precision,
               b.recall, b.f1, b.support, b.f1 - a.f1);
        *first = 0;
        return;
    }
    printf("%-14s %7.4f %7.4f %7.4f   %7.4f %7.4f %7.4f   %+8.4f %8zu\n", name, a.precision,
           a.recall, a.f1, b.precision, b.recall, b.f1, b.f1 - a.f1, a.support);
}

static void compare(const nlp_seqeval_report *a, const nlp_seqeval_report *b, int json)
{
    int first = 1;
    if (json)
        printf("{");
    else
        printf("%-14s %23s   %23s   %8s %8s\n%-14s %7s %7s %7s   %7s %7s %7s\n", "", "A",
               "B", "F1 B-A", "support", "type", "prec", "recall", "f1", "prec", "recall", "f1");
    for (size_t i = 0; i < nlp_seqeval_type_count(a); i++) {
        const char *t = nlp_seqeval_type(a, i)->type;
        print_row(t, row(a, t), row(b, t), json, &first);
    }
    for (size_t i = 0; i < nlp_seqeval_type_count(b); i++) {
        const char *t = nlp_seqeval_type(b, i)->type;
        if (!has_type(a, t)) /* types only B found */
            print_row(t, row(a, t), row(b, t), json, &first);
    }
    static const char *avg[] = {"micro avg", "macro avg", "weighted avg"};
    for (int k = 0; k < 3; k++)
        print_row(avg[k], *nlp_seqeval_average(a, (nlp_average)k),
                  *nlp_seqeval_average(b, (nlp_average)k), json, &first);
    if (json)
        printf(",\n  \"accuracy\": {\"a\": %.17g, \"b\": %.17g, \"diff\": %.17g}\n}\n",
               nlp_seqeval_accuracy(a), nlp_seqeval_accuracy(b),
               nlp_seqeval_accuracy(b) - nlp_seqeval_accuracy(a));
    else
        printf("%-14s %23.4f   %23.4f   %+8.4f\n", "token acc", nlp_seqeval_accuracy(a),
               nlp_seqeval_accuracy(b), nlp_seqeval_accuracy(b) - nlp_seqeval_accuracy(a));
}

int cli_ner_compare(int argc, char **argv)
{
    const char *models[2] = {NULL, NULL}, *data = NULL;
    int n = 0, json = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc && n < 2) {
            models[n++] = argv[++i];
        } else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
            data = argv[++i];
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else {
            return cli_usage_error("ner compare: unexpected argument '%s'\n%s", argv[i], usage);
        }
    }
    if (n != 2 || !data)
        return cli_usage_error("ner compare: need two --model and --data\n%s", usage);
    nlp_seqeval_report *ra = NULL, *rb = NULL;
    int rc = cli_ner_evaluate(models[0], data, &ra);
    if (!rc)
        rc = cli_ner_evaluate(models[1], data, &rb);
    if (!rc)
        compare(ra, rb, json);
    nlp_seqeval_report_free(ra);
    nlp_seqeval_report_free(rb);
    return rc;
}
