/* cmd_t5_generate.c - nlp t5 generate: text-to-text generation with a T5
 * model, with the input model every text command shares. */
#include "cli.h"
#include "cli_input.h"

#include <stdlib.h>
#include <string.h>

typedef struct generate_args {
    const char *model, *device;
    int max_new_tokens, max_input_tokens, threads, format, pretty;
    cli_input_args input;
} generate_args;

static const char *const formats[] = {"jsonl", "json", NULL};

static const cli_option options[] = {
    {.name = "--model", .value = "DIR", .kind = CLI_STRING,
     .offset = offsetof(generate_args, model), .help = "T5 checkpoint directory",
     .flags = CLI_REQUIRED | CLI_DIR},
    {.name = "--max-new-tokens", .value = "N", .kind = CLI_INT,
     .offset = offsetof(generate_args, max_new_tokens), .help = "generation limit (20)",
     .min = 1, .max = 1e6},
    {.name = "--max-input-tokens", .value = "N", .kind = CLI_INT,
     .offset = offsetof(generate_args, max_input_tokens),
     .help = "encoder input limit, </s> included (512)", .min = 1, .max = 1e6},
    CLI_DEVICE_OPTIONS(generate_args, device, threads),
    CLI_INPUT_OPTIONS(generate_args),
    {.name = "--format", .value = "F", .kind = CLI_CHOICE,
     .offset = offsetof(generate_args, format), .choices = formats,
     .help = "one JSON object per text (jsonl) or one JSON array (json)"},
    {.name = "--pretty", .kind = CLI_FLAG, .offset = offsetof(generate_args, pretty),
     .help = "indent the JSON"},
};

const cli_spec cli_t5_generate_spec = {
    .name = "t5 generate",
    .summary = "generate text with a T5 model",
    .synopsis = "--model DIR [options] [TEXT... | -]",
    .description =
        "Greedy decoding; prints {\"text\": ..., \"generated\": ...} per text, special\n"
        "tokens skipped. The text goes to the encoder as given (include any task\n"
        "prefix yourself). Texts come from the arguments, else stdin, one per line,\n"
        "or --jsonl rows (other fields copied to the output).",
    .options = options,
    .option_count = CLI_COUNT(options),
    .operands = "TEXT",
    .max_operands = -1,
    .examples = "nlp t5 generate --model ../shared/fixtures/t5-tiny --max-new-tokens 3 \"toxic: hello\"\n",
};

typedef struct generate_ctx {
    const generate_args *a;
    nlp_t5_model *model;
    cli_output out;
} generate_ctx;

static int generate(void *ctx, const cli_item *item, size_t n)
{
    generate_ctx *c = ctx;
    (void)n; /* one text at a time */
    char *text = NULL;
    nlp_status st = nlp_t5_generate(c->model, item->text, item->len,
                                    (size_t)c->a->max_new_tokens, &text);
    if (st != NLP_OK) {
        if (item->line)
            fprintf(stderr, "nlp: t5 generate: stdin:%ld: %s\n", item->line, nlp_last_error());
        else
            cli_fail_status(st, "t5 generate");
        return 1;
    }
    json_t *row = cli_item_row(item);
    json_object_set_new(row, "generated", json_string(text));
    nlp_string_free(text);
    cli_output_row(&c->out, row);
    return 0;
}

int cli_t5_generate(int argc, char **argv)
{
    generate_args a = {.max_new_tokens = 20};
    cli_operands ops;
    int rc = cli_parse(&cli_t5_generate_spec, argc, argv, &a, &ops);
    if (rc)
        return cli_parse_exit(rc);
    if (cli_set_threads(a.threads))
        return 1;
    nlp_t5_options o = nlp_t5_options_default();
    if (a.device)
        o.device = a.device;
    if (a.max_input_tokens)
        o.max_input_tokens = a.max_input_tokens;
    nlp_t5_model *m = NULL;
    nlp_status st = nlp_t5_load(a.model, &o, &m);
    if (st != NLP_OK)
        return cli_fail_status(st, "loading the T5 model");
    generate_ctx c = {&a, m, {a.format, formats[a.format], a.pretty, NULL}};
    rc = cli_input_each("t5 generate", &a.input, &ops, 1, generate, &c);
    if (rc == 0)
        cli_output_end(&c.out);
    json_decref(c.out.all);
    nlp_t5_free(m);
    return rc;
}
