/* cmd_toxic.c - nlp toxic classify: toxicity verdicts as JSON lines. */
#include "cli.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

#define MAX_LABELS 16
#define JSONL_BATCH 16

typedef struct toxic_args {
    const char *model, *prefix, *device;
    nlp_toxic_label labels[MAX_LABELS];
    size_t label_count;
    int max_input_tokens, max_new_tokens, threads, jsonl;
    char **texts;
    int text_count;
} toxic_args;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: nlp toxic classify --model DIR [--prefix P] [--label WORD=toxic|ok]...\n"
            "                          [--max-input-tokens N] [--max-new-tokens N]\n"
            "                          [--device D] [--threads N] (--jsonl | [--] TEXT...)\n\n"
            "Prints one JSON object per text:\n"
            "  {\"text\": ..., \"toxic\": true, \"score\": 0.93, \"generated\": \"yes\", "
            "\"matched\": true}\n"
            "--jsonl reads {\"text\": ...} objects, one per line, from stdin.\n"
            "Defaults: the checkpoint's task prefix and label words (config.json's\n"
            "task_specific_params), else \"toxic: \" and --label yes=toxic --label no=ok.\n"
            "lmsys toxicchat-t5-large-v1.0:\n"
            "  --prefix 'ToxicChat: ' --label positive=toxic --label negative=ok\n\n"
            "Also: nlp toxic eval | compare | train (each with --help).\n");
}

/* "word=toxic" / "word=ok" (also "not", "safe"); the last '=' splits. */
static int parse_label(char *spec, nlp_toxic_label *label)
{
    char *eq = strrchr(spec, '=');
    if (!eq || eq == spec)
        return cli_usage_error("toxic: --label wants WORD=toxic or WORD=ok, got '%s'", spec);
    *eq = '\0';
    const char *verdict = eq + 1;
    label->word = spec;
    if (strcmp(verdict, "toxic") == 0)
        label->is_toxic = 1;
    else if (strcmp(verdict, "ok") == 0 || strcmp(verdict, "not") == 0 ||
             strcmp(verdict, "safe") == 0)
        label->is_toxic = 0;
    else
        return cli_usage_error("toxic: label verdict '%s' is not toxic or ok", verdict);
    return 0;
}

static int parse_int(const char *flag, const char *value, int *out)
{
    char *end = NULL;
    long v = strtol(value, &end, 10);
    if (!*value || *end || v < 0 || v > 1000000)
        return cli_usage_error("toxic: %s wants a non-negative number, got '%s'", flag, value);
    *out = (int)v;
    return 0;
}

static int parse_args(int argc, char **argv, toxic_args *a)
{
    for (int i = 2; i < argc; i++) {
        const char *flag = argv[i];
        int has_value = i + 1 < argc, rc = 0;
        if (strcmp(flag, "--jsonl") == 0) {
            a->jsonl = 1;
            continue;
        }
        if (strcmp(flag, "--") == 0) {
            a->texts = argv + i + 1;
            a->text_count = argc - i - 1;
            return 0;
        }
        if (flag[0] != '-') {
            a->texts = argv + i;
            a->text_count = argc - i;
            return 0;
        }
        if (!has_value)
            return cli_usage_error("toxic: %s needs a value", flag);
        const char *value = argv[++i];
        if (strcmp(flag, "--model") == 0)
            a->model = value;
        else if (strcmp(flag, "--prefix") == 0)
            a->prefix = value;
        else if (strcmp(flag, "--device") == 0)
            a->device = value;
        else if (strcmp(flag, "--label") == 0) {
            if (a->label_count == MAX_LABELS)
                return cli_usage_error("toxic: at most %d labels", MAX_LABELS);
            rc = parse_label(argv[i], &a->labels[a->label_count++]);
        } else if (strcmp(flag, "--max-input-tokens") == 0)
            rc = parse_int(flag, value, &a->max_input_tokens);
        else if (strcmp(flag, "--max-new-tokens") == 0)
            rc = parse_int(flag, value, &a->max_new_tokens);
        else if (strcmp(flag, "--threads") == 0)
            rc = parse_int(flag, value, &a->threads);
        else
            return cli_usage_error("toxic: unknown option %s", flag);
        if (rc)
            return rc;
    }
    return 0;
}

static void print_result(const char *text, size_t len, const nlp_toxic_result *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "text", json_stringn(text, len));
    json_object_set_new(o, "toxic", json_boolean(r->is_toxic));
    json_object_set_new(o, "score", json_real(r->score));
    json_object_set_new(o, "generated", json_string(r->generated));
    json_object_set_new(o, "matched", json_boolean(r->matched));
    char *s = json_dumps(o, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    if (s)
        puts(s);
    free(s);
    json_decref(o);
}

/* Classify texts[0..n) and print them in order. */
static int classify_print(const nlp_toxic_model *m, const char *const *texts, const size_t *lens,
                          size_t n)
{
    nlp_toxic_result *results[JSONL_BATCH];
    for (size_t start = 0; start < n; start += JSONL_BATCH) {
        size_t count = n - start < JSONL_BATCH ? n - start : JSONL_BATCH;
        nlp_status st = nlp_toxic_classify_batch(m, texts + start, lens + start, count, results);
        if (st != NLP_OK)
            return cli_fail_status(st, "toxic classify");
        for (size_t i = 0; i < count; i++) {
            print_result(texts[start + i], lens[start + i], results[i]);
            nlp_toxic_result_free(results[i]);
        }
    }
    fflush(stdout);
    return 0;
}

/* One {"text": ...} per stdin line; JSONL_BATCH lines per library call. */
static int run_jsonl(const nlp_toxic_model *m)
{
    json_t *held[JSONL_BATCH];
    const char *texts[JSONL_BATCH];
    size_t lens[JSONL_BATCH], n = 0, line_no = 0;
    char *line = NULL;
    size_t cap = 0;
    int rc = 0;
    for (;;) {
        ssize_t got = getline(&line, &cap, stdin);
        if (got > 0)
            line_no++;
        if (got > 0 && strspn(line, " \t\r\n") != (size_t)got) {
            json_error_t err;
            json_t *obj = json_loads(line, 0, &err);
            json_t *text = obj ? json_object_get(obj, "text") : NULL;
            if (!json_is_string(text)) {
                json_decref(obj);
                rc = cli_usage_error("toxic: stdin line %zu: expected {\"text\": \"...\"}",
                                     line_no);
                break;
            }
            held[n] = obj;
            texts[n] = json_string_value(text);
            lens[n++] = json_string_length(text);
        }
        if (n > 0 && (n == JSONL_BATCH || got < 0)) {
            rc = classify_print(m, texts, lens, n);
            while (n > 0)
                json_decref(held[--n]);
            if (rc)
                break;
        }
        if (got < 0)
            break;
    }
    while (n > 0)
        json_decref(held[--n]);
    free(line);
    return rc;
}

static int run_texts(const nlp_toxic_model *m, char **texts, int count)
{
    size_t *lens = malloc((size_t)count * sizeof *lens);
    if (!lens)
        return cli_usage_error("toxic: out of memory");
    for (int i = 0; i < count; i++)
        lens[i] = strlen(texts[i]);
    int rc = classify_print(m, (const char *const *)texts, lens, (size_t)count);
    free(lens);
    return rc;
}

int cli_toxic(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "eval") == 0)
        return cli_toxic_eval(argc - 1, argv + 1);
    if (strcmp(argv[1], "compare") == 0)
        return cli_toxic_compare(argc - 1, argv + 1);
    if (strcmp(argv[1], "train") == 0)
        return cli_toxic_train(argc - 1, argv + 1);
    if (strcmp(argv[1], "classify") != 0)
        return cli_usage_error("toxic: unknown subcommand '%s' (classify, eval, compare, "
                               "train)", argv[1]);
    toxic_args a = {0};
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc;
    if (!a.model)
        return cli_usage_error("toxic: --model DIR is required");
    if (a.jsonl == (a.text_count > 0))
        return cli_usage_error("toxic: give either --jsonl or texts");
    nlp_toxic_options o = nlp_toxic_options_default();
    o.prefix = a.prefix;
    if (a.label_count) {
        o.labels = a.labels;
        o.label_count = a.label_count;
    }
    if (a.max_input_tokens)
        o.max_input_tokens = a.max_input_tokens;
    o.max_new_tokens = a.max_new_tokens;
    if (a.device)
        o.device = a.device;
    o.num_threads = a.threads;
    nlp_toxic_model *m = NULL;
    nlp_status st = nlp_toxic_load(a.model, &o, &m);
    if (st != NLP_OK)
        return cli_fail_status(st, "toxic: loading model");
    rc = a.jsonl ? run_jsonl(m) : run_texts(m, a.texts, a.text_count);
    nlp_toxic_free(m);
    return rc;
}
