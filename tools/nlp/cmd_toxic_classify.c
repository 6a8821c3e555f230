/* cmd_toxic_classify.c - nlp toxic classify: toxicity verdicts of texts as
 * JSON lines or a table. */
#include "cli.h"
#include "cli_input.h"

#include <stdlib.h>
#include <string.h>

#define BATCH 16

typedef struct classify_args {
    const char *model, *prefix, *device;
    cli_toxic_labels labels;
    int max_input_tokens, max_new_tokens, threads, score_only, format, pretty;
    cli_input_args input;
} classify_args;

static int labels_opt(void *args, const char *value)
{
    return cli_toxic_labels_add(&((classify_args *)args)->labels, (char *)value);
}

static const char *const formats[] = {"jsonl", "json", "table", NULL};

static const cli_option options[] = {
    {.name = "--model", .value = "DIR", .kind = CLI_STRING,
     .offset = offsetof(classify_args, model), .help = "T5 checkpoint directory",
     .flags = CLI_REQUIRED | CLI_DIR},
    CLI_TOXIC_LABEL_OPTIONS(classify_args, labels_opt),
    {.name = "--max-input-tokens", .value = "N", .kind = CLI_INT,
     .offset = offsetof(classify_args, max_input_tokens),
     .help = "encoder input limit, </s> included (512)", .min = 1, .max = 1e6},
    {.name = "--max-new-tokens", .value = "N", .kind = CLI_INT,
     .offset = offsetof(classify_args, max_new_tokens),
     .help = "generation limit (0: the longest label word + 1)", .max = 1e6},
    {.name = "--score-only", .kind = CLI_FLAG, .offset = offsetof(classify_args, score_only),
     .help = "compare the label words' scores only; do not generate"},
    CLI_DEVICE_OPTIONS(classify_args, device, threads),
    CLI_INPUT_OPTIONS(classify_args),
    {.name = "--format", .value = "F", .kind = CLI_CHOICE,
     .offset = offsetof(classify_args, format), .choices = formats,
     .help = "one JSON object per text (jsonl), one JSON array (json), or a table"},
    {.name = "--pretty", .kind = CLI_FLAG, .offset = offsetof(classify_args, pretty),
     .help = "indent the JSON"},
};

const cli_spec cli_toxic_classify_spec = {
    .name = "toxic classify",
    .summary = "classify texts as toxic or not with a T5 model",
    .synopsis = "--model DIR [options] [TEXT... | -]",
    .description =
        "Prints one JSON object per text:\n"
        "  {\"text\": ..., \"toxic\": true, \"score\": 0.93, \"generated\": \"yes\", \"matched\": true}\n"
        "Texts come from the arguments, else stdin, one per line; with --jsonl each\n"
        "line is a JSON object (toxic-chat's user_input is found by itself) and its\n"
        "other fields are copied to the output. Defaults: the checkpoint's task prefix\n"
        "and label words, else \"toxic: \" and --labels yes=toxic,no=ok.\n"
        "lmsys toxicchat-t5-large-v1.0: --prefix 'ToxicChat: ' --labels positive,negative",
    .options = options,
    .option_count = CLI_COUNT(options),
    .operands = "TEXT",
    .max_operands = -1,
    .examples = "nlp toxic classify --model ../shared/fixtures/t5-tiny \"write me a poem\"\n",
};

typedef struct classify_ctx {
    const classify_args *a;
    const nlp_toxic_model *model;
    cli_output out;
} classify_ctx;

static void print_row(classify_ctx *c, const cli_item *item, const nlp_toxic_result *r)
{
    if (strcmp(formats[c->a->format], "table") == 0) {
        printf("%-5s %.4f %-10s %.*s\n", r->is_toxic ? "toxic" : "ok", r->score, r->generated,
               (int)item->len, item->text);
        return;
    }
    json_t *o = cli_item_row(item);
    json_object_set_new(o, "toxic", json_boolean(r->is_toxic));
    json_object_set_new(o, "score", json_real(r->score));
    json_object_set_new(o, "generated", json_string(r->generated));
    json_object_set_new(o, "matched", json_boolean(r->matched));
    cli_output_row(&c->out, o);
}

static int classify(void *ctx, const cli_item *items, size_t n)
{
    classify_ctx *c = ctx;
    const char *texts[BATCH] = {0};
    size_t lens[BATCH] = {0};
    nlp_toxic_result *results[BATCH];
    if (n > BATCH)
        return cli_fail_status(NLP_ERR_INVALID_ARG, "toxic classify");
    for (size_t i = 0; i < n; i++) {
        texts[i] = items[i].text;
        lens[i] = items[i].len;
    }
    nlp_status st = nlp_toxic_classify_batch(c->model, texts, lens, n, results);
    if (st != NLP_OK) {
        if (n == 1 && items[0].line)
            fprintf(stderr, "nlp: toxic classify: stdin:%ld: %s\n", items[0].line,
                    nlp_last_error());
        else if (n == 1 || c->a->input.on_error != CLI_ON_ERROR_SKIP)
            cli_fail_status(st, "toxic classify");
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        print_row(c, &items[i], results[i]);
        nlp_toxic_result_free(results[i]);
    }
    return 0;
}

int cli_toxic_classify(int argc, char **argv)
{
    classify_args a = {0};
    cli_operands ops;
    int rc = cli_parse(&cli_toxic_classify_spec, argc, argv, &a, &ops);
    if (rc)
        return cli_parse_exit(rc);
    if ((rc = cli_toxic_labels_check(&a.labels)) != 0)
        return rc;
    if (cli_set_threads(a.threads))
        return 1;
    nlp_toxic_options o = nlp_toxic_options_default();
    o.prefix = a.prefix;
    if (a.labels.count) {
        o.labels = a.labels.labels;
        o.label_count = a.labels.count;
    }
    if (a.max_input_tokens)
        o.max_input_tokens = a.max_input_tokens;
    o.max_new_tokens = a.max_new_tokens;
    if (a.device)
        o.device = a.device;
    o.score_only = a.score_only;
    nlp_toxic_model *m = NULL;
    nlp_status st = nlp_toxic_load(a.model, &o, &m);
    if (st != NLP_OK)
        return cli_fail_status(st, "loading the toxicity model");
    classify_ctx c = {&a, m, {a.format, formats[a.format], a.pretty, NULL}};
    if (strcmp(formats[a.format], "table") == 0)
        printf("%-5s %-6s %-10s %s\n", "toxic", "score", "generated", "text");
    rc = cli_input_each("toxic classify", &a.input, &ops, BATCH, classify, &c);
    if (rc == 0)
        cli_output_end(&c.out);
    json_decref(c.out.all);
    nlp_toxic_free(m);
    return rc;
}
