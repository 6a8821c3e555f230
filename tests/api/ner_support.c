/* ner_support.c - helpers of the NER API tests. */
#define _POSIX_C_SOURCE 200809L
#include "ner_support.h"
#include "test_support.h"

#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

nlp_ner_model *ner_load_dir(const char *dir, const nlp_ner_options *options)
{
    nlp_ner_model *m = NULL;
    nlp_status st = nlp_ner_load(dir, options, &m);
    cr_assert_eq(st, NLP_OK, "loading %s: %s", dir, nlp_last_error());
    return m;
}

nlp_ner_model *ner_fixture(const nlp_ner_options *options)
{
    return ner_load_dir(shared_path(NER_FIXTURE), options);
}

static void push_text(char ***texts, size_t *count, size_t *cap, char *text)
{
    if (*count == *cap) {
        *cap = *cap ? 2 * *cap : 256;
        *texts = realloc(*texts, *cap * sizeof **texts);
    }
    (*texts)[(*count)++] = text;
}

char **conll_texts(size_t max, size_t *count)
{
    FILE *f = fopen(shared_path("data/conll2003/test.txt"), "r");
    cr_assert_not_null(f);
    char **texts = NULL, *line = NULL, buf[8192] = "";
    size_t cap = 0, lcap = 0, used = 0;
    *count = 0;
    while (*count < max) {
        ssize_t n = getline(&line, &lcap, f);
        size_t wlen = n > 0 ? strcspn(line, " \t\r\n") : 0;
        if (wlen == 0 && used) { /* blank line or end: a sentence is complete */
            push_text(&texts, count, &cap, strdup(buf));
            used = 0;
            buf[0] = '\0';
        }
        if (n < 0)
            break;
        if (wlen == 0 || strncmp(line, "-DOCSTART-", 10) == 0)
            continue;
        used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%.*s", used ? " " : "",
                                 (int)wlen, line);
    }
    free(line);
    fclose(f);
    return texts;
}

void free_texts(char **texts, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(texts[i]);
    free(texts);
}

int same_entities(const nlp_entities *a, const nlp_entities *b, float tol, char *why,
                  size_t why_size)
{
    if (nlp_entities_count(a) != nlp_entities_count(b)) {
        snprintf(why, why_size, "%zu entities vs %zu", nlp_entities_count(a),
                 nlp_entities_count(b));
        return 0;
    }
    for (size_t i = 0; i < nlp_entities_count(a); i++) {
        const nlp_entity *x = nlp_entities_get(a, i), *y = nlp_entities_get(b, i);
        if (strcmp(x->label, y->label) || strcmp(x->text, y->text) ||
            x->byte_start != y->byte_start || x->byte_end != y->byte_end ||
            x->char_start != y->char_start || x->char_end != y->char_end ||
            fabsf(x->score - y->score) > tol) {
            snprintf(why, why_size, "entity %zu: %s '%s' [%zu,%zu) %.7f vs %s '%s' [%zu,%zu) %.7f",
                     i, x->label, x->text, x->byte_start, x->byte_end, x->score, y->label,
                     y->text, y->byte_start, y->byte_end, y->score);
            return 0;
        }
    }
    return 1;
}
