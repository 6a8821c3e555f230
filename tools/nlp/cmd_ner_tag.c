/* cmd_ner_tag.c - `nlp ner tag`: tag pre-split words and write CoNLL
 * columns (word, gold tag when the input has one, predicted tag last). */
#include "cli.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
    fprintf(out, "usage: nlp ner tag --model DIR [options] FILE\n\n"
                 "FILE holds CoNLL columns (word first, gold tag last; blank lines between\n"
                 "sentences) or JSON Lines {\"tokens\": [...], \"ner_tags\": [...]}, told apart\n"
                 "by content. Writes word, gold tag (if any) and predicted tag per line.\n\n"
                 "options:\n%s", cli_ner_options_help());
}

/* One sentence being collected: words and (optional) gold tags. */
typedef struct sentence {
    char **words, **gold;
    size_t count, cap;
    int has_gold;
} sentence;

static void sentence_clear(sentence *s)
{
    for (size_t i = 0; i < s->count; i++) {
        free(s->words[i]);
        free(s->gold[i]);
    }
    s->count = 0;
    s->has_gold = 0;
}

static int sentence_push(sentence *s, const char *word, size_t wlen, const char *gold,
                         size_t glen)
{
    if (s->count == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        char **w = realloc(s->words, cap * sizeof *w), **g = w ? realloc(s->gold, cap * sizeof *g) : NULL;
        if (w)
            s->words = w;
        if (!w || !g)
            return -1;
        s->gold = g;
        s->cap = cap;
    }
    s->words[s->count] = strndup(word, wlen);
    s->gold[s->count] = gold ? strndup(gold, glen) : NULL;
    s->has_gold |= gold != NULL;
    s->count++;
    return 0;
}

/* Tag the sentence and print it; returns an exit code. */
static int flush(const nlp_ner_model *model, sentence *s)
{
    if (s->count == 0)
        return 0;
    size_t *lens = malloc(s->count * sizeof *lens);
    const char **tags = malloc(s->count * sizeof *tags);
    int rc = lens && tags ? 0 : cli_usage_error("ner tag: out of memory");
    for (size_t i = 0; rc == 0 && i < s->count; i++)
        lens[i] = strlen(s->words[i]);
    nlp_status st = rc ? NLP_OK : nlp_ner_tag_words(model, (const char *const *)s->words,
                                                    lens, s->count, tags);
    if (st != NLP_OK)
        rc = cli_fail_status(st, "ner tag");
    for (size_t i = 0; rc == 0 && i < s->count; i++) {
        if (s->has_gold)
            printf("%s %s %s\n", s->words[i], s->gold[i] ? s->gold[i] : "O", tags[i]);
        else
            printf("%s %s\n", s->words[i], tags[i]);
    }
    if (rc == 0)
        putchar('\n');
    free(lens);
    free(tags);
    sentence_clear(s);
    return rc;
}

/* A CoNLL line: first column the word, last column the gold tag. */
static int conll_line(const nlp_ner_model *model, char *line, sentence *s)
{
    const char *ws = " \t\r\n";
    char *first = line + strspn(line, ws);
    if (!*first)
        return flush(model, s);
    size_t wlen = strcspn(first, ws);
    if (wlen == 10 && strncmp(first, "-DOCSTART-", 10) == 0)
        return 0;
    char *last = NULL, *p = first + wlen;
    size_t llen = 0;
    for (;;) {
        p += strspn(p, ws);
        if (!*p)
            break;
        last = p;
        llen = strcspn(p, ws);
        p += llen;
    }
    return sentence_push(s, first, wlen, last, llen) ? cli_usage_error("out of memory") : 0;
}

/* A JSON Lines row: tokens, and ner_tags as names or as label indices. */
static int json_line(const nlp_ner_model *model, const char *line, long lineno, sentence *s)
{
    json_error_t err;
    json_t *obj = json_loads(line, 0, &err), *tokens = json_object_get(obj, "tokens");
    json_t *tags = json_object_get(obj, "ner_tags");
    const char *const *names = NULL;
    size_t n_names = 0;
    nlp_ner_labels(model, &names, &n_names);
    int rc = json_is_array(tokens) ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < json_array_size(tokens); i++) {
        json_t *w = json_array_get(tokens, i), *t = json_array_get(tags, i);
        const char *gold = json_string_value(t);
        if (json_is_integer(t) && json_integer_value(t) >= 0 &&
            (size_t)json_integer_value(t) < n_names)
            gold = names[json_integer_value(t)];
        if (!json_is_string(w) || (tags && !gold))
            rc = -1;
        else
            rc = sentence_push(s, json_string_value(w), json_string_length(w), gold,
                               gold ? strlen(gold) : 0);
    }
    json_decref(obj);
    if (rc != 0) {
        fprintf(stderr, "nlp: ner tag: line %ld: expected {\"tokens\": [strings], "
                        "\"ner_tags\": [names or label ids]}\n", lineno);
        return 1;
    }
    return flush(model, s);
}

static int tag_file(const nlp_ner_model *model, FILE *f)
{
    sentence s = {0};
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    int rc = 0, is_json = -1;
    while (rc == 0 && getline(&line, &cap, f) >= 0) {
        lineno++;
        const char *first = line + strspn(line, " \t\r\n");
        if (is_json < 0 && *first)
            is_json = *first == '{'; /* recognised by content, not by name */
        if (is_json == 1)
            rc = *first ? json_line(model, line, lineno, &s) : 0;
        else
            rc = conll_line(model, line, &s);
    }
    if (rc == 0)
        rc = flush(model, &s);
    sentence_clear(&s);
    free(s.words);
    free(s.gold);
    free(line);
    return rc;
}

int cli_ner_tag(int argc, char **argv)
{
    cli_ner_args a = {NULL, nlp_ner_options_default()};
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        int rc = cli_ner_option(argc, argv, &i, &a);
        if (rc > 0)
            return rc;
        if (rc == 0)
            continue;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if ((argv[i][0] == '-' && argv[i][1]) || path)
            return cli_usage_error("ner tag: unexpected argument %s", argv[i]);
        path = argv[i];
    }
    if (!a.model || !path) {
        usage(stderr);
        return 2;
    }
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        fprintf(stderr, "nlp: ner tag: cannot open %s\n", path);
        return 1;
    }
    nlp_ner_model *model = NULL;
    nlp_status st = nlp_ner_load(a.model, &a.options, &model);
    int rc = st == NLP_OK ? tag_file(model, f) : cli_fail_status(st, a.model);
    nlp_ner_free(model);
    if (f != stdin)
        fclose(f);
    return rc;
}
