/* cmd_ner_run.c - `nlp ner run`: the entities of texts, as JSON (the
 * shape users of the Python original expect, or Hugging Face's pipeline
 * shape with --hf) or as a table. */
#include "cli.h"
#include "cli_input.h"

#include <stdlib.h>
#include <string.h>

typedef struct run_args {
    cli_ner_model_args m; /* first: cli_ner_stride writes here */
    cli_input_args input;
    int format, hf, pretty;
} run_args;

static const char *const formats[] = {"jsonl", "json", "table", NULL};

static const cli_option options[] = {
    CLI_NER_MODEL_OPTIONS(run_args),
    CLI_INPUT_OPTIONS(run_args),
    {.name = "--format", .value = "F", .kind = CLI_CHOICE, .offset = offsetof(run_args, format),
     .choices = formats,
     .help = "one JSON object per text (jsonl), one JSON array (json), or a table"},
    {.name = "--hf", .kind = CLI_FLAG, .offset = offsetof(run_args, hf),
     .help = "entities in Hugging Face's shape: entity_group, score, word, start, end "
             "(with --aggregation none: entity, score, index, word, start, end)"},
    {.name = "--pretty", .kind = CLI_FLAG, .offset = offsetof(run_args, pretty),
     .help = "indent the JSON"},
};

const cli_spec cli_ner_run_spec = {
    .name = "ner run",
    .summary = "find the entities of texts",
    .synopsis = "--model DIR [options] [TEXT... | -]",
    .description =
        "Prints {\"text\": ..., \"entities\": [{\"class\", \"text\", \"start\", \"end\", \"score\"}]}\n"
        "per text (start and end count code points, end exclusive). Texts come from\n"
        "the arguments, else stdin, one per line; with --jsonl each line is a JSON\n"
        "object and its other fields (an \"id\") are copied to the output.",
    .options = options,
    .option_count = CLI_COUNT(options),
    .operands = "TEXT",
    .max_operands = -1,
    .examples = "nlp ner run --model ../shared/fixtures/bert-tiny-ner \"Angela Merkel visited Paris\"\n"
                "echo '{\"id\": 7, \"text\": \"EU rejects German call\"}' |\n"
                "  nlp ner run --model ../shared/fixtures/bert-tiny-ner --jsonl --hf\n",
};

typedef struct run_ctx {
    const run_args *a;
    const nlp_ner_model *model;
    cli_output out;
} run_ctx;

static json_t *entity_json(const nlp_entity *e, int hf)
{
    json_t *text = json_stringn(e->text, e->byte_end - e->byte_start);
    if (hf && e->token) { /* --aggregation none: Hugging Face's token entities */
        json_decref(text);
        return json_pack("{s:s, s:f, s:I, s:s, s:I, s:I}", "entity", e->tag, "score",
                         (double)e->score, "index", (json_int_t)e->token_index, "word", e->token,
                         "start", (json_int_t)e->char_start, "end", (json_int_t)e->char_end);
    }
    if (hf)
        return json_pack("{s:s, s:f, s:o, s:I, s:I}", "entity_group", e->label, "score",
                         (double)e->score, "word", text, "start", (json_int_t)e->char_start,
                         "end", (json_int_t)e->char_end);
    return json_pack("{s:s, s:o, s:I, s:I, s:f}", "class", e->label, "text", text, "start",
                     (json_int_t)e->char_start, "end", (json_int_t)e->char_end, "score",
                     (double)e->score);
}

static void print_table(const cli_item *item, const nlp_entities *ents)
{
    for (size_t i = 0; i < nlp_entities_count(ents); i++) {
        const nlp_entity *e = nlp_entities_get(ents, i);
        printf("%-6s %5zu %5zu %.4f  %.*s\n", e->label, e->char_start, e->char_end,
               (double)e->score, (int)(e->byte_end - e->byte_start), e->text);
    }
    (void)item;
}

static int run_one(void *ctx, const cli_item *item, size_t n)
{
    run_ctx *c = ctx;
    (void)n; /* batch size 1 */
    nlp_entities *ents = NULL;
    nlp_status st = nlp_ner_run(c->model, item->text, item->len, &ents);
    if (st != NLP_OK) {
        if (item->line)
            fprintf(stderr, "nlp: ner run: stdin:%ld: %s\n", item->line, nlp_last_error());
        else
            cli_fail_status(st, "ner run");
        return 1;
    }
    if (strcmp(formats[c->a->format], "table") == 0) {
        print_table(item, ents);
    } else {
        json_t *list = json_array(), *row = cli_item_row(item);
        for (size_t i = 0; i < nlp_entities_count(ents); i++)
            json_array_append_new(list, entity_json(nlp_entities_get(ents, i), c->a->hf));
        json_object_set_new(row, "entities", list);
        cli_output_row(&c->out, row);
    }
    nlp_entities_free(ents);
    return 0;
}

int cli_ner_run(int argc, char **argv)
{
    run_args a = {0};
    cli_operands ops;
    int rc = cli_parse(&cli_ner_run_spec, argc, argv, &a, &ops);
    if (rc)
        return cli_parse_exit(rc);
    nlp_ner_model *model = NULL;
    if (cli_ner_load(&a.m, &model))
        return 1;
    run_ctx c = {&a, model, {a.format, formats[a.format], a.pretty, NULL}};
    if (strcmp(formats[a.format], "table") == 0)
        printf("%-6s %5s %5s %-6s  %s\n", "type", "start", "end", "score", "text");
    rc = cli_input_each("ner run", &a.input, &ops, 1, run_one, &c);
    if (rc == 0)
        cli_output_end(&c.out);
    json_decref(c.out.all);
    nlp_ner_free(model);
    return rc;
}
