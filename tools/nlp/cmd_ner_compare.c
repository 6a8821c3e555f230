/* cmd_ner_compare.c - nlp ner compare --model A --model B --data FILE:
 * both models scored on the same data, side by side per entity type and
 * average, with the difference B - A. */
#include "cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct compare_args {
    const char *models[2];
    int model_count;
    const char *data;
    int json, format, pretty, quiet;
} compare_args;

static const char *const formats[] = {"table", "json", NULL};

static int add_model(void *args, const char *value)
{
    compare_args *a = args;
    if (a->model_count == 2)
        return cli_usage_error("ner compare: --model given more than twice");
    a->models[a->model_count++] = value;
    return 0;
}

static const cli_option options[] = {
    {.name = "--model", .value = "DIR", .kind = CLI_CALL, .call = add_model,
     .help = "checkpoint directory; give it twice, A then B", .flags = CLI_REPEAT | CLI_DIR},
    {.name = "--data", .value = "FILE", .kind = CLI_STRING,
     .offset = offsetof(compare_args, data),
     .help = "CoNLL columns or conll2003 JSON Lines with gold tags",
     .flags = CLI_REQUIRED | CLI_FILE},
    {.name = "--format", .value = "F", .kind = CLI_CHOICE,
     .offset = offsetof(compare_args, format), .choices = formats,
     .help = "a table, or one JSON object (table)"},
    {.name = "--json", .kind = CLI_FLAG, .offset = offsetof(compare_args, json),
     .help = "same as --format json"},
    {.name = "--pretty", .kind = CLI_FLAG, .offset = offsetof(compare_args, pretty),
     .help = "indent the JSON"},
    {.name = "--quiet", .kind = CLI_FLAG, .offset = offsetof(compare_args, quiet),
     .help = "no progress bar on stderr"},
};

const cli_spec cli_ner_compare_spec = {
    .name = "ner compare",
    .summary = "score two NER models on the same data side by side",
    .synopsis = "--model A --model B --data FILE [--format table|json]",
    .description = "Score both models on FILE (read as 'ner eval' reads it) and show\n"
                   "precision, recall and F1 per entity type and averaged, with B - A.",
    .options = options,
    .option_count = CLI_COUNT(options),
    .max_operands = 0,
};

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

static json_t *score_json(nlp_entity_score s)
{
    return json_pack("{s:f, s:f, s:f, s:I}", "precision", s.precision, "recall", s.recall,
                     "f1-score", s.f1, "support", (json_int_t)s.support);
}

static void add_row(json_t *out, const char *name, nlp_entity_score a, nlp_entity_score b)
{
    if (out) {
        json_object_set_new(out, name, json_pack("{s:o, s:o, s:f}", "a", score_json(a), "b",
                                                 score_json(b), "f1_diff", b.f1 - a.f1));
        return;
    }
    printf("%-14s %7.4f %7.4f %7.4f   %7.4f %7.4f %7.4f   %+8.4f %8zu\n", name, a.precision,
           a.recall, a.f1, b.precision, b.recall, b.f1, cli_unsigned_zero(b.f1 - a.f1),
           a.support);
}

/* Every type either model found, A's first. */
static void compare(const nlp_seqeval_report *a, const nlp_seqeval_report *b, json_t *out)
{
    if (!out)
        printf("%-14s %23s   %23s   %8s %8s\n%-14s %7s %7s %7s   %7s %7s %7s\n", "", "A",
               "B", "F1 B-A", "support", "type", "prec", "recall", "f1", "prec", "recall", "f1");
    const nlp_seqeval_report *r[2] = {a, b};
    for (int m = 0; m < 2; m++)
        for (size_t i = 0; i < nlp_seqeval_type_count(r[m]); i++) {
            const char *t = nlp_seqeval_type(r[m], i)->type;
            if (m == 1 && has_type(a, t))
                continue; /* printed with A's */
            add_row(out, t, row(a, t), row(b, t));
        }
    static const char *avg[] = {"micro avg", "macro avg", "weighted avg"};
    for (int k = 0; k < 3; k++)
        add_row(out, avg[k], *nlp_seqeval_average(a, (nlp_average)k),
                *nlp_seqeval_average(b, (nlp_average)k));
    double da = nlp_seqeval_accuracy(a), db = nlp_seqeval_accuracy(b);
    if (out)
        json_object_set_new(out, "accuracy",
                            json_pack("{s:f, s:f, s:f}", "a", da, "b", db, "diff", db - da));
    else
        printf("%-14s %23.4f   %23.4f   %+8.4f\n", "token acc", da, db,
               cli_unsigned_zero(db - da));
}

int cli_ner_compare(int argc, char **argv)
{
    compare_args a = {0};
    cli_operands ops;
    int rc = cli_parse(&cli_ner_compare_spec, argc, argv, &a, &ops);
    if (rc)
        return cli_parse_exit(rc);
    if (a.model_count != 2)
        return cli_usage_error("ner compare: missing the %s --model DIR (give A and B)",
                               a.model_count ? "second" : "first and second");
    nlp_seqeval_report *ra = NULL, *rb = NULL;
    rc = cli_ner_evaluate(a.models[0], a.data, a.quiet, &ra);
    if (!rc)
        rc = cli_ner_evaluate(a.models[1], a.data, a.quiet, &rb);
    if (!rc) {
        json_t *out = a.json || a.format == 1 ? json_object() : NULL;
        compare(ra, rb, out);
        if (out) {
            char *s = json_dumps(out, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17) |
                                          (a.pretty ? JSON_INDENT(2) : 0));
            if (s)
                puts(s);
            free(s);
            json_decref(out);
        }
    }
    nlp_seqeval_report_free(ra);
    nlp_seqeval_report_free(rb);
    return rc;
}
