/* cmd_ner_run.c - `nlp ner run`: entities of a text as JSON, the shape
 * users of the Python original expect. */
#include "cli.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
    fprintf(out, "usage: nlp ner run --model DIR [options] \"text\"\n"
                 "       nlp ner run --model DIR [options] --jsonl < lines.jsonl\n\n"
                 "Prints {\"text\": ..., \"entities\": [{\"class\", \"text\", \"start\", \"end\","
                 " \"score\"}]}\n(start/end in code points); --jsonl reads one {\"text\": ...}"
                 " object per line.\n\noptions:\n%s", cli_ner_options_help());
}

/* Print text's entities as one JSON line; returns an exit code. */
static int print_result(const nlp_ner_model *model, const char *text, size_t len)
{
    nlp_entities *ents = NULL;
    nlp_status st = nlp_ner_run(model, text, len, &ents);
    if (st != NLP_OK)
        return cli_fail_status(st, "ner run");
    json_t *list = json_array();
    for (size_t i = 0; i < nlp_entities_count(ents); i++) {
        const nlp_entity *e = nlp_entities_get(ents, i);
        json_array_append_new(list, json_pack("{s:s, s:s%, s:I, s:I, s:f}", "class", e->label,
                                              "text", e->text, e->byte_end - e->byte_start, "start", (json_int_t)e->char_start,
                                              "end", (json_int_t)e->char_end, "score",
                                              (double)e->score));
    }
    nlp_entities_free(ents);
    json_t *out = json_pack("{s:s%, s:o}", "text", text, len, "entities", list);
    char *s = json_dumps(out, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    json_decref(out);
    if (!s)
        return cli_usage_error("ner run: cannot format the result");
    puts(s);
    free(s);
    return 0;
}

static int run_jsonl(const nlp_ner_model *model)
{
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    int rc = 0;
    ssize_t n;
    while (rc == 0 && (n = getline(&line, &cap, stdin)) >= 0) {
        lineno++;
        if (strspn(line, " \t\r\n") == (size_t)n)
            continue;
        json_error_t err;
        json_t *obj = json_loadb(line, (size_t)n, 0, &err);
        json_t *text = obj ? json_object_get(obj, "text") : NULL;
        if (!json_is_string(text)) {
            fprintf(stderr, "nlp: ner run: stdin:%ld: %s\n", lineno,
                    obj ? "expected an object with a string \"text\"" : err.text);
            rc = 1;
        } else {
            rc = print_result(model, json_string_value(text), json_string_length(text));
        }
        json_decref(obj);
    }
    free(line);
    return rc;
}

int cli_ner_run(int argc, char **argv)
{
    cli_ner_args a = {NULL, nlp_ner_options_default()};
    const char *text = NULL;
    int jsonl = 0;
    for (int i = 1; i < argc; i++) {
        int rc = cli_ner_option(argc, argv, &i, &a);
        if (rc > 0)
            return rc;
        if (rc == 0)
            continue;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "--jsonl") == 0) {
            jsonl = 1;
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            return cli_usage_error("ner run: unknown option %s", argv[i]);
        } else if (text) {
            return cli_usage_error("ner run: give one text (quote it)");
        } else {
            text = argv[i];
        }
    }
    if (!a.model || (!text && !jsonl) || (text && jsonl)) {
        usage(stderr);
        return 2;
    }
    nlp_ner_model *model = NULL;
    nlp_status st = nlp_ner_load(a.model, &a.options, &model);
    if (st != NLP_OK)
        return cli_fail_status(st, a.model);
    int rc = jsonl ? run_jsonl(model) : print_result(model, text, strlen(text));
    nlp_ner_free(model);
    return rc;
}
