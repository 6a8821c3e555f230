/* cmd_ner_eval.c - nlp ner eval --model DIR --data FILE: tag the words of
 * a data file with a model and score them against the file's tags
 * (seqeval default mode), as a table or as seqeval's
 * classification_report(output_dict=True) JSON. */
#include "cli.h"
#include "cli_progress.h"

#include <jansson.h>
#include <stdlib.h>

typedef struct eval_args {
    const char *model, *data;
    int json, format, pretty, digits, quiet;
} eval_args;

static const char *const formats[] = {"table", "json", NULL};

static const cli_option options[] = {
    {.name = "--model", .value = "DIR", .kind = CLI_STRING, .offset = offsetof(eval_args, model),
     .help = "checkpoint directory", .flags = CLI_REQUIRED | CLI_DIR},
    {.name = "--data", .value = "FILE", .kind = CLI_STRING, .offset = offsetof(eval_args, data),
     .help = "CoNLL columns or conll2003 JSON Lines with gold tags",
     .flags = CLI_REQUIRED | CLI_FILE},
    {.name = "--format", .value = "F", .kind = CLI_CHOICE, .offset = offsetof(eval_args, format),
     .choices = formats, .help = "a table, or seqeval's report as one JSON object (table)"},
    {.name = "--json", .kind = CLI_FLAG, .offset = offsetof(eval_args, json),
     .help = "same as --format json"},
    {.name = "--pretty", .kind = CLI_FLAG, .offset = offsetof(eval_args, pretty),
     .help = "indent the JSON"},
    {.name = "--digits", .value = "N", .kind = CLI_INT, .offset = offsetof(eval_args, digits),
     .help = "decimals in the table (4)", .max = 17},
    {.name = "--quiet", .kind = CLI_FLAG, .offset = offsetof(eval_args, quiet),
     .help = "no progress bar on stderr"},
};

const cli_spec cli_ner_eval_spec = {
    .name = "ner eval",
    .summary = "score a model on a tagged data file (per-type P/R/F1, accuracy)",
    .synopsis = "--model DIR --data FILE [--format table|json] [--digits N]",
    .description =
        "Tag every sentence of FILE with the model in DIR and score the predictions\n"
        "against the file's tags: per-type precision, recall, F1 and support, the\n"
        "micro/macro/weighted averages and token accuracy (seqeval's default mode).\n"
        "FILE is read as 'ner train' and 'ner tag' read it.",
    .options = options,
    .option_count = CLI_COUNT(options),
    .max_operands = 0,
    .examples = "nlp ner eval --model ../shared/fixtures/bert-tiny-ner --data ../shared/data/conll2003/valid.txt\n",
};

int cli_ner_evaluate(const char *model_dir, const char *data, int quiet,
                     nlp_seqeval_report **out)
{
    nlp_ner_model *m = NULL;
    nlp_status st = nlp_ner_load(model_dir, NULL, &m);
    if (st != NLP_OK)
        return cli_fail_status(st, "loading the NER model");
    cli_progress bar;
    cli_progress_start(&bar, "ner eval", 0, quiet);
    nlp_eval_options eo = nlp_eval_options_default();
    eo.progress = cli_progress_callback;
    eo.progress_data = &bar;
    st = nlp_ner_evaluate(m, data, &eo, out);
    cli_progress_end(&bar);
    nlp_ner_free(m);
    return st == NLP_OK ? 0 : cli_fail_status(st, "ner eval");
}

/* The library's report JSON, on one line or indented. */
static int print_json(const char *text, int pretty)
{
    json_error_t err;
    json_t *v = json_loads(text, 0, &err);
    if (!v) {
        fprintf(stderr, "nlp: ner eval: unexpected report from the library: %s\n", err.text);
        return 1;
    }
    char *s = json_dumps(v, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17) |
                                (pretty ? JSON_INDENT(2) : 0));
    json_decref(v);
    if (s)
        puts(s);
    free(s);
    return 0;
}

int cli_ner_eval(int argc, char **argv)
{
    eval_args a = {.digits = 4};
    cli_operands ops;
    int rc = cli_parse(&cli_ner_eval_spec, argc, argv, &a, &ops);
    if (rc)
        return cli_parse_exit(rc);
    int json = a.json || a.format == 1;
    nlp_seqeval_report *r = NULL;
    if ((rc = cli_ner_evaluate(a.model, a.data, a.quiet, &r)) != 0)
        return rc;
    char *text = NULL;
    nlp_status st = json ? nlp_seqeval_report_json(r, &text)
                         : nlp_seqeval_report_text(r, a.digits, &text);
    if (st == NLP_OK && json)
        rc = print_json(text, a.pretty);
    else if (st == NLP_OK)
        printf("%s\ntoken accuracy %.*f\n", text, a.digits, nlp_seqeval_accuracy(r));
    nlp_string_free(text);
    nlp_seqeval_report_free(r);
    return st == NLP_OK ? rc : cli_fail_status(st, "ner eval");
}
