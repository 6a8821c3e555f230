/* cmd_toxic_eval.c - nlp toxic eval --model DIR --data FILE: accuracy,
 * precision, recall, F1, AUPRC and the confusion matrix of a toxicity
 * classifier on labelled CSV / JSON Lines data. The option rows and the
 * scoring are shared with `nlp toxic compare`. */
#include "cli.h"
#include "cli_input.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const cli_table_json_formats[] = {"table", "json", NULL};

int cli_toxic_eval_labels(void *args, const char *value)
{
    return cli_toxic_labels_add(&((cli_toxic_eval_args *)args)->labels, (char *)value);
}

int cli_toxic_eval_model(void *args, const char *value)
{
    cli_toxic_eval_args *a = args;
    if (a->model_count == a->max_models)
        return cli_usage_error("toxic: --model given more than %s",
                               a->max_models == 1 ? "once" : "twice");
    a->models[a->model_count++] = value;
    return 0;
}

static const cli_option options[] = {
    {.name = "--model", .value = "DIR", .kind = CLI_CALL, .call = cli_toxic_eval_model,
     .help = "T5 checkpoint directory", .flags = CLI_DIR},
    CLI_TOXIC_EVAL_OPTIONS,
};

const cli_spec cli_toxic_eval_spec = {
    .name = "toxic eval",
    .summary = "score a toxicity classifier on labelled data",
    .synopsis = "--model DIR --data FILE [options]",
    .description =
        "Classify every row of FILE (CSV or JSON Lines, told apart by content and\n"
        "name; toxic-chat's user_input and toxicity columns by default) and score the\n"
        "verdicts against the labels. --format json prints {\"accuracy\", \"precision\",\n"
        "\"recall\", \"f1\", \"auprc\", \"confusion\": [[tn, fp], [fn, tp]], \"support\",\n"
        "\"count\"} on one line.",
    .options = options,
    .option_count = CLI_COUNT(options),
    .max_operands = 0,
};

double cli_unsigned_zero(double x)
{
    return x == 0 ? 0.0 : x; /* -0.0 == 0: printed as 0.0000, not -0.0000 */
}

int cli_toxic_eval_parse(const cli_spec *spec, int argc, char **argv, int models,
                         cli_toxic_eval_args *a)
{
    memset(a, 0, sizeof *a);
    a->max_models = models;
    cli_operands ops;
    int rc = cli_parse(spec, argc, argv, a, &ops);
    if (rc)
        return rc;
    if (a->model_count < models)
        return cli_usage_error("%s: missing %s--model DIR", spec->name,
                               models == 1 ? "" : a->model_count ? "the second " : "two ");
    return cli_toxic_labels_check(&a->labels);
}

int cli_toxic_score(const cli_toxic_eval_args *a, const char *model_dir,
                    nlp_classification_metrics *m)
{
    nlp_toxic_options o = nlp_toxic_options_default();
    o.prefix = a->prefix;
    if (a->labels.count) {
        o.labels = a->labels.labels;
        o.label_count = a->labels.count;
    }
    if (a->max_input_tokens)
        o.max_input_tokens = a->max_input_tokens;
    o.score_only = a->score_only;
    nlp_toxic_model *model = NULL;
    nlp_status st = nlp_toxic_load(model_dir, &o, &model);
    if (st != NLP_OK)
        return cli_fail_status(st, "loading the toxicity model");
    nlp_eval_options eo = nlp_eval_options_default();
    eo.text_column = a->text_column;
    eo.label_column = a->label_column;
    eo.max_examples = a->max_examples;
    cli_progress bar;
    cli_progress_start(&bar, "toxic eval", 0, a->quiet);
    eo.progress = cli_progress_callback;
    eo.progress_data = &bar;
    memset(m, 0, sizeof *m);
    m->size = sizeof *m;
    st = nlp_toxic_evaluate_model(model, a->data, &eo, m);
    cli_progress_end(&bar);
    nlp_toxic_free(model);
    return st == NLP_OK ? 0 : cli_fail_status(st, "toxic eval");
}

int cli_toxic_eval(int argc, char **argv)
{
    cli_toxic_eval_args a;
    int rc = cli_toxic_eval_parse(&cli_toxic_eval_spec, argc, argv, 1, &a);
    if (rc)
        return cli_parse_exit(rc);
    nlp_classification_metrics m;
    if ((rc = cli_toxic_score(&a, a.models[0], &m)) != 0)
        return rc;
    if (a.json || a.format == 1) {
        char *text = NULL;
        if (nlp_classification_metrics_json(&m, &text) != NLP_OK)
            return cli_fail_status(NLP_ERR_NOMEM, "toxic eval");
        json_t *v = json_loads(text, 0, NULL);
        nlp_string_free(text);
        if (!v)
            return cli_fail_status(NLP_ERR_FORMAT, "toxic eval");
        cli_print_json(v, a.pretty, 17);
        json_decref(v);
        return 0;
    }
    printf("examples   %zu (%zu toxic)\naccuracy   %.4f\nprecision  %.4f\nrecall     %.4f\n"
           "f1         %.4f\nauprc      %.4f\n\n              pred ok  pred toxic\n"
           "gold ok     %9zu  %10zu\ngold toxic  %9zu  %10zu\n",
           m.count, m.support, cli_unsigned_zero(m.accuracy), cli_unsigned_zero(m.precision),
           cli_unsigned_zero(m.recall), cli_unsigned_zero(m.f1), cli_unsigned_zero(m.auprc),
           m.tn, m.fp, m.fn, m.tp);
    return 0;
}
