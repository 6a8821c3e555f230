/* cmd_info.c - nlp info DIR [--json]: describe a checkpoint directory.
 * The library gives JSON (nlp_checkpoint_info); this file only prints it,
 * as is or for people. */
#include "cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* "a, b, c" of a JSON array of strings, at most `max` items then "...". */
static void print_list(const json_t *a, size_t max)
{
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v) {
        if (i == max) {
            printf(", ... (%zu in all)", json_array_size(a));
            break;
        }
        printf("%s%s", i ? ", " : "", json_string_value(v));
    }
    if (json_array_size(a) == 0)
        printf("(none)");
    printf("\n");
}

/* Every key of the config object on one line: "hidden_size 32, ...". */
static void print_config(const json_t *config)
{
    const char *key;
    json_t *v;
    int n = 0;
    printf("  sizes:          ");
    json_object_foreach((json_t *)config, key, v) {
        printf("%s%s ", n++ ? ", " : "", key);
        if (json_is_string(v))
            printf("%s", json_string_value(v));
        else if (json_is_null(v))
            printf("none");
        else if (json_is_boolean(v))
            printf("%s", json_is_true(v) ? "true" : "false");
        else
            printf("%lld", (long long)json_integer_value(v));
    }
    printf("\n");
}

static void print_tokenizer(const json_t *t)
{
    const json_t *kind = json_object_get(t, "kind");
    printf("  tokenizer:      %s (", json_is_string(kind) ? json_string_value(kind)
                                                          : "missing");
    const json_t *files = json_object_get(t, "files");
    if (json_array_size(files) == 0)
        printf("no tokenizer files");
    size_t i;
    json_t *v;
    json_array_foreach(files, i, v)
        printf("%s%s", i ? ", " : "", json_string_value(v));
    printf(")\n");
    const json_t *max = json_object_get(t, "model_max_length");
    if (json_is_integer(max))
        printf("  max length:     %lld tokens\n", (long long)json_integer_value(max));
}

static void print_weights(const json_t *w)
{
    if (!json_is_object(w)) {
        printf("  weights:        none (no model.safetensors or pytorch_model.bin)\n");
        return;
    }
    printf("  weights:        %s (%s, %lld tensors)\n",
           json_string_value(json_object_get(w, "file")),
           json_string_value(json_object_get(w, "format")),
           (long long)json_integer_value(json_object_get(w, "tensors")));
    printf("  parameters:     %lld\n",
           (long long)json_integer_value(json_object_get(w, "parameters")));
}

static int print_human(const char *text)
{
    json_error_t err;
    json_t *info = json_loads(text, 0, &err);
    if (!info) {
        fprintf(stderr, "nlp: info: unexpected output from the library: %s\n", err.text);
        return 1;
    }
    printf("%s\n", json_string_value(json_object_get(info, "dir")));
    printf("  model type:     %s\n", json_string_value(json_object_get(info, "model_type")));
    printf("  architectures:  ");
    print_list(json_object_get(info, "architectures"), 4);
    print_config(json_object_get(info, "config"));
    printf("  labels:         ");
    print_list(json_object_get(info, "labels"), 20);
    print_tokenizer(json_object_get(info, "tokenizer"));
    print_weights(json_object_get(info, "weights"));
    json_decref(info);
    return 0;
}

typedef struct info_args {
    int json, pretty;
} info_args;

static const cli_option options[] = {
    {.name = "--json", .kind = CLI_FLAG, .offset = offsetof(info_args, json),
     .help = "print the library's JSON (nlp_checkpoint_info)"},
    {.name = "--pretty", .kind = CLI_FLAG, .offset = offsetof(info_args, pretty),
     .help = "indent the JSON"},
};

const cli_spec cli_info_spec = {
    .name = "info",
    .summary = "describe a checkpoint directory",
    .synopsis = "DIR [--json] [--pretty]",
    .description = "Describe a Hugging Face checkpoint directory: model type, sizes, labels,\n"
                   "tokenizer, weights file and parameter count.",
    .options = options,
    .option_count = CLI_COUNT(options),
    .operands = "DIR",
    .max_operands = 1,
    .examples = "nlp info ../shared/fixtures/bert-tiny-ner\n",
};

int cli_info(int argc, char **argv)
{
    info_args a = {0};
    cli_operands ops;
    int rc = cli_parse(&cli_info_spec, argc, argv, &a, &ops);
    if (rc)
        return cli_parse_exit(rc);
    if (ops.count == 0)
        return cli_usage_error("info: missing DIR (a checkpoint directory)");
    char *text = NULL;
    nlp_status st = nlp_checkpoint_info(ops.items[0], &text);
    if (st != NLP_OK)
        return cli_fail_status(st, "info");
    if (a.json || a.pretty) {
        json_t *v = json_loads(text, 0, NULL);
        char *s = v ? json_dumps(v, JSON_PRESERVE_ORDER | (a.pretty ? JSON_INDENT(2) : 0)) : NULL;
        printf("%s\n", s ? s : text);
        free(s);
        json_decref(v);
    } else {
        rc = print_human(text);
    }
    nlp_string_free(text);
    return rc;
}
