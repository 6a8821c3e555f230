/* cmd_toxic_eval.c - nlp toxic eval --model DIR --data FILE [--json]:
 * accuracy, precision, recall, F1, AUPRC and the confusion matrix of a
 * toxicity classifier on labelled CSV / JSON Lines data. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: nlp toxic eval --model DIR --data FILE [--json] [--prefix P]\n"
    "                      [--labels TOXIC,OK] [--text-column C] [--label-column C]\n"
    "                      [--max-examples N] [--max-input-tokens N] [--score-only]\n"
    "\n"
    "Classify every row of FILE (CSV or JSON Lines; toxic-chat's user_input and\n"
    "toxicity columns by default) and score the verdicts against the labels.\n"
    "--json prints {\"accuracy\", \"precision\", \"recall\", \"f1\", \"auprc\",\n"
    "\"confusion\": [[tn, fp], [fn, tp]], \"support\", \"count\"}.\n";

int cli_toxic_parse_labels(char *spec, nlp_toxic_label labels[2])
{
    char *comma = strchr(spec, ',');
    if (!comma || comma == spec || !comma[1])
        return cli_usage_error("toxic: --labels wants TOXIC,OK (e.g. yes,no)");
    *comma = '\0';
    labels[0].word = spec;
    labels[0].is_toxic = 1;
    labels[1].word = comma + 1;
    labels[1].is_toxic = 0;
    return 0;
}

int cli_toxic_eval_parse(int argc, char **argv, int max_models, const char *help,
                         cli_toxic_eval_args *a)
{
    memset(a, 0, sizeof *a);
    a->options = nlp_toxic_options_default();
    for (int i = 1; i < argc; i++) {
        const char *f = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(f, "--help") == 0 || strcmp(f, "-h") == 0) {
            fputs(help, stdout);
            return -1;
        } else if (strcmp(f, "--json") == 0) {
            a->json = 1;
        } else if (strcmp(f, "--score-only") == 0) {
            a->options.score_only = 1;
        } else if (!v) {
            return cli_usage_error("toxic: '%s' needs a value or is unknown\n%s", f, help);
        } else if (strcmp(f, "--model") == 0 && a->model_count < max_models) {
            a->models[a->model_count++] = argv[++i];
        } else if (strcmp(f, "--data") == 0) {
            a->data = argv[++i];
        } else if (strcmp(f, "--prefix") == 0) {
            a->options.prefix = argv[++i];
        } else if (strcmp(f, "--labels") == 0) {
            if (cli_toxic_parse_labels(argv[++i], a->labels))
                return 2;
            a->options.labels = a->labels;
            a->options.label_count = 2;
        } else if (strcmp(f, "--text-column") == 0) {
            a->text_column = argv[++i];
        } else if (strcmp(f, "--label-column") == 0) {
            a->label_column = argv[++i];
        } else if (strcmp(f, "--max-examples") == 0) {
            a->max_examples = (size_t)strtoull(argv[++i], NULL, 10);
        } else if (strcmp(f, "--max-input-tokens") == 0) {
            int n = atoi(argv[++i]);
            if (n < 1)
                return cli_usage_error("toxic: --max-input-tokens wants a number >= 1");
            a->options.max_input_tokens = n;
        } else {
            return cli_usage_error("toxic: unexpected argument '%s'\n%s", f, help);
        }
    }
    if (a->model_count != max_models || !a->data)
        return cli_usage_error("toxic: need %s and --data\n%s",
                               max_models == 1 ? "--model" : "two --model", help);
    return 0;
}

int cli_toxic_score(const cli_toxic_eval_args *a, const char *model,
                    nlp_classification_metrics *m)
{
    memset(m, 0, sizeof *m);
    m->size = sizeof *m;
    nlp_status st = nlp_toxic_evaluate(model, a->data, &a->options, a->text_column,
                                       a->label_column, a->max_examples, m);
    return st == NLP_OK ? 0 : cli_fail_status(st, "toxic eval");
}

int cli_toxic_eval(int argc, char **argv)
{
    cli_toxic_eval_args a;
    int rc = cli_toxic_eval_parse(argc, argv, 1, usage, &a);
    if (rc)
        return rc < 0 ? 0 : rc;
    nlp_classification_metrics m;
    rc = cli_toxic_score(&a, a.models[0], &m);
    if (rc)
        return rc;
    if (a.json) {
        char *json = NULL;
        if (nlp_classification_metrics_json(&m, &json) != NLP_OK)
            return cli_fail_status(NLP_ERR_NOMEM, "toxic eval");
        printf("%s\n", json);
        nlp_string_free(json);
        return 0;
    }
    printf("examples   %zu (%zu toxic)\naccuracy   %.4f\nprecision  %.4f\nrecall     %.4f\n"
           "f1         %.4f\nauprc      %.4f\n\n              pred ok  pred toxic\n"
           "gold ok     %9zu  %10zu\ngold toxic  %9zu  %10zu\n",
           m.count, m.support, m.accuracy, m.precision, m.recall, m.f1, m.auprc, m.tn, m.fp,
           m.fn, m.tp);
    return 0;
}
