/* cmd_ner_tag.c - `nlp ner tag`: tag pre-split words. A data FILE is read
 * by the library's reader (the one eval and train use: CoNLL columns or
 * conll2003 JSON Lines, same checks, same messages) and written as CoNLL
 * columns (word, gold tag, predicted tag) or JSON Lines; --jsonl tags the
 * {"tokens": [...]} rows of stdin, which need no gold tags. */
#include "cli.h"
#include "cli_input.h"

#include <stdlib.h>
#include <string.h>

typedef struct tag_args {
    cli_ner_model_args m; /* first: cli_ner_stride writes here */
    cli_input_args input;
    int format, pretty;
} tag_args;

static const char *const formats[] = {"conll", "jsonl", NULL};

static const cli_option options[] = {
    CLI_NER_MODEL_OPTIONS(tag_args),
    CLI_INPUT_OPTIONS(tag_args),
    {.name = "--format", .value = "F", .kind = CLI_CHOICE, .offset = offsetof(tag_args, format),
     .choices = formats,
     .help = "CoNLL columns (word, gold, predicted) or JSON Lines (tokens, ner_tags, "
             "predictions)"},
    {.name = "--pretty", .kind = CLI_FLAG, .offset = offsetof(tag_args, pretty),
     .help = "indent the JSON"},
};

const cli_spec cli_ner_tag_spec = {
    .name = "ner tag",
    .summary = "tag the words of a CoNLL or conll2003 JSON Lines file",
    .synopsis = "--model DIR [options] FILE\n       nlp ner tag --model DIR --jsonl [options] < rows.jsonl",
    .description =
        "FILE holds CoNLL columns (word first, gold tag last; blank lines between\n"
        "sentences) or JSON Lines {\"tokens\": [...], \"ner_tags\": [...]} (tags as\n"
        "names or conll2003 ids), told apart by content and name exactly as 'ner eval'\n"
        "and 'ner train' do. --jsonl reads {\"tokens\": [...]} rows from stdin instead\n"
        "(--text-field names the array; no gold tags needed; other fields kept).",
    .options = options,
    .option_count = CLI_COUNT(options),
    .operands = "FILE",
    .max_operands = 1,
    .examples = "nlp ner tag --model ../shared/fixtures/bert-tiny-ner ../shared/data/conll2003/valid.txt\n",
};

/* Tag one sentence; pred receives count tag names owned by the model. */
static int tag_words(const nlp_ner_model *model, const char *const *words, size_t count,
                     const char **pred)
{
    size_t *lens = malloc((count ? count : 1) * sizeof *lens);
    if (!lens)
        return cli_fail_status(NLP_ERR_NOMEM, "ner tag");
    for (size_t i = 0; i < count; i++)
        lens[i] = strlen(words[i]);
    nlp_status st = nlp_ner_tag_words(model, words, lens, count, pred);
    free(lens);
    return st == NLP_OK ? 0 : cli_fail_status(st, "ner tag");
}

static json_t *strings(const char *const *s, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(s[i]));
    return a;
}

static int tag_file(const tag_args *a, const nlp_ner_model *model, const char *path)
{
    nlp_conll *c = NULL;
    nlp_status st = nlp_conll_read(path, NULL, &c);
    if (st != NLP_OK)
        return cli_fail_status(st, "ner tag");
    const char *const *words = nlp_conll_words(c), *const *gold = nlp_conll_tags(c);
    const size_t *lens = nlp_conll_lengths(c);
    size_t n = nlp_conll_sentence_count(c);
    const char **pred = calloc(nlp_conll_token_count(c) + 1, sizeof *pred);
    int rc = pred ? 0 : cli_fail_status(NLP_ERR_NOMEM, "ner tag");
    cli_progress bar;
    cli_progress_start(&bar, "ner tag", n, a->input.quiet);
    for (size_t s = 0, k = 0; rc == 0 && s < n; k += lens[s], s++) {
        rc = tag_words(model, words + k, lens[s], pred + k);
        cli_progress_update(&bar, s + 1, n);
        if (rc == 0 && a->format == 1) {
            json_t *row = json_pack("{s:o, s:o, s:o}", "tokens", strings(words + k, lens[s]),
                                    "ner_tags", strings(gold + k, lens[s]), "predictions",
                                    strings(pred + k, lens[s]));
            cli_print_json(row, a->pretty, 6);
            json_decref(row);
        }
        for (size_t w = 0; rc == 0 && a->format == 0 && w <= lens[s]; w++)
            if (w == lens[s])
                putchar('\n');
            else
                printf("%s %s %s\n", words[k + w], gold[k + w], pred[k + w]);
    }
    cli_progress_end(&bar);
    free(pred);
    nlp_conll_free(c);
    return rc;
}

typedef struct stream_ctx {
    const tag_args *a;
    const nlp_ner_model *model;
} stream_ctx;

static int tag_row(void *ctx, const cli_item *item, size_t n)
{
    stream_ctx *c = ctx;
    (void)n; /* one row at a time */
    size_t count = json_array_size(item->words);
    const char **words = calloc(count + 1, sizeof *words), **pred = calloc(count + 1, sizeof *pred);
    int rc = words && pred ? 0 : cli_fail_status(NLP_ERR_NOMEM, "ner tag");
    for (size_t i = 0; rc == 0 && i < count; i++)
        words[i] = json_string_value(json_array_get(item->words, i));
    if (rc == 0)
        rc = tag_words(c->model, words, count, pred);
    if (rc == 0 && c->a->format == 1) {
        json_t *row = cli_item_row(item);
        json_object_set_new(row, "predictions", strings(pred, count));
        cli_print_json(row, c->a->pretty, 6);
        json_decref(row);
    }
    for (size_t w = 0; rc == 0 && c->a->format == 0 && w <= count; w++)
        if (w == count)
            putchar('\n');
        else
            printf("%s %s\n", words[w], pred[w]);
    free(words);
    free(pred);
    return rc;
}

int cli_ner_tag(int argc, char **argv)
{
    tag_args a = {0};
    cli_operands ops;
    int rc = cli_parse(&cli_ner_tag_spec, argc, argv, &a, &ops);
    if (rc)
        return cli_parse_exit(rc);
    int stream = a.input.jsonl || ops.count == 0 || strcmp(ops.items[0], "-") == 0;
    if (a.input.jsonl && ops.count && strcmp(ops.items[0], "-") != 0)
        return cli_usage_error("ner tag: --jsonl reads stdin; give no FILE");
    if (stream && !a.input.jsonl)
        return cli_usage_error("ner tag: give a FILE, or --jsonl to read {\"tokens\": [...]} "
                               "rows from stdin");
    nlp_ner_model *model = NULL;
    if (cli_ner_load(&a.m, &model))
        return 1;
    if (stream) {
        a.input.words = 1;
        stream_ctx c = {&a, model};
        cli_operands none = {NULL, 0};
        rc = cli_input_each("ner tag", &a.input, &none, 1, tag_row, &c);
    } else {
        rc = tag_file(&a, model, ops.items[0]);
    }
    nlp_ner_free(model);
    return rc;
}
