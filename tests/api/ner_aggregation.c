/* Hugging Face's token-level aggregation strategies on the bert-tiny-ner
 * fixture, against expectations derived here from transformers' own
 * logits (expected.safetensors) and tokens (cases.json), following
 * TokenClassificationPipeline: "none" gives every token whose argmax is
 * not O (entity = its full tag, score = its softmax maximum, index = its
 * position with [CLS] at 0, word = the token); "simple" groups adjacent
 * tokens, a token joining the open group when it has the same type and is
 * not a B- (group_entities), score = the mean, O groups dropped. */
#include "io/safetensors.h"
#include "ner_support.h"
#include "test_support.h"

#include <criterion/criterion.h>
#include <jansson.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct fixture {
    json_t *doc, *cases;
    nlp__st_file *st;
    const float *logits; /* [cases][T][9] */
    size_t T;
} fixture;

static void fixture_open(fixture *f)
{
    json_error_t err;
    f->doc = json_load_file(shared_path(NER_FIXTURE "/cases.json"), 0, &err);
    cr_assert_not_null(f->doc, "%s", err.text);
    f->cases = json_object_get(f->doc, "cases");
    if (!f->cases)
        f->cases = f->doc;
    cr_assert_eq(nlp__st_open(shared_path(NER_FIXTURE "/expected.safetensors"), &f->st), NLP_OK);
    const nlp__st_tensor *lg = nlp__st_find(f->st, "logits");
    cr_assert_not_null(lg);
    f->logits = lg->data;
    f->T = (size_t)lg->shape[1];
}

static void fixture_close(fixture *f)
{
    nlp__st_release(f->st);
    json_decref(f->doc);
}

/* Argmax label and its softmax probability of case c's token t. */
static int token_label(const fixture *f, size_t c, size_t t, double *prob)
{
    const float *row = f->logits + (c * f->T + t) * 9;
    int best = 0;
    for (int k = 1; k < 9; k++)
        if (row[k] > row[best])
            best = k;
    double sum = 0;
    for (int k = 0; k < 9; k++)
        sum += exp((double)row[k] - (double)row[best]);
    *prob = 1.0 / sum;
    return best;
}

/* The case's words joined by single spaces (malloc'd). */
static char *case_text(json_t *row)
{
    json_t *words = json_object_get(row, "words");
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(words); i++)
        n += strlen(json_string_value(json_array_get(words, i))) + 1;
    char *text = calloc(n + 1, 1);
    for (size_t i = 0; i < json_array_size(words); i++) {
        if (i)
            strcat(text, " ");
        strcat(text, json_string_value(json_array_get(words, i)));
    }
    return text;
}

static nlp_ner_model *model_with(nlp_aggregation a)
{
    nlp_ner_options o = nlp_ner_options_default();
    o.device = "cpu";
    o.aggregation = a;
    return ner_fixture(&o);
}

Test(ner_aggregation, none_gives_every_token_not_labelled_o)
{
    fixture f;
    fixture_open(&f);
    nlp_ner_model *m = model_with(NLP_AGGREGATION_NONE);
    const char *const *names = NULL;
    size_t n_names = 0;
    nlp_ner_labels(m, &names, &n_names);
    size_t total = 0;
    for (size_t c = 0; c < json_array_size(f.cases); c++) {
        json_t *row = json_array_get(f.cases, c), *tokens = json_object_get(row, "tokens");
        char *text = case_text(row);
        nlp_entities *ents = NULL;
        cr_assert_eq(nlp_ner_run(m, text, strlen(text), &ents), NLP_OK, "%s", nlp_last_error());
        size_t k = 0, n_tok = json_array_size(tokens);
        for (size_t t = 1; t + 1 < n_tok; t++) { /* [CLS] and [SEP] are not entities */
            double p;
            int lab = token_label(&f, c, t, &p);
            if (lab == 0)
                continue;
            const nlp_entity *e = nlp_entities_get(ents, k++);
            cr_assert_not_null(e, "case %zu: no entity for token %zu", c, t);
            cr_assert_eq(e->token_index, t, "case %zu", c);
            cr_assert_str_eq(e->tag, names[lab], "case %zu token %zu", c, t);
            cr_assert_str_eq(e->label, names[lab] + 2, "case %zu token %zu", c, t);
            cr_assert_str_eq(e->token, json_string_value(json_array_get(tokens, t)));
            cr_assert_float_eq(e->score, p, 1e-5, "case %zu token %zu", c, t);
            /* the span is the token's text (a continuation without its ##) */
            const char *tok = e->token;
            if (strncmp(tok, "##", 2) == 0)
                tok += 2;
            cr_assert_eq(e->byte_end - e->byte_start, strlen(tok), "case %zu token %zu", c, t);
            cr_assert_eq(strncmp(text + e->byte_start, tok, strlen(tok)), 0);
        }
        cr_assert_eq(nlp_entities_count(ents), k, "case %zu: %zu entities, expected %zu", c,
                     nlp_entities_count(ents), k);
        total += k;
        nlp_entities_free(ents);
        free(text);
    }
    cr_assert(total > 50, "the fixture gives token entities (%zu)", total);
    nlp_ner_free(m);
    fixture_close(&f);
}

/* transformers' get_tag: B-X -> (B, X), I-X -> (I, X), anything else
 * (O) -> (I, itself). */
static void get_tag(const char *name, char *bi, const char **type)
{
    if ((name[0] == 'B' || name[0] == 'I') && name[1] == '-') {
        *bi = name[0];
        *type = name + 2;
    } else {
        *bi = 'I';
        *type = name;
    }
}

/* The group of case c's tokens [start, end), whose probabilities sum to
 * sum: unless of type O, the next entity (*k) must be it. */
static void check_group(const fixture *f, const char *const *names, size_t c,
                        const nlp_entities *ents, size_t *k, size_t start, size_t end,
                        double sum, size_t *multi)
{
    double q;
    char bi;
    const char *type;
    get_tag(names[token_label(f, c, start, &q)], &bi, &type);
    if (strcmp(type, "O") == 0)
        return;
    const nlp_entity *e = nlp_entities_get(ents, (*k)++);
    cr_assert_not_null(e, "case %zu: no entity for tokens %zu..%zu", c, start, end);
    cr_assert_str_eq(e->label, type, "case %zu tokens %zu..%zu", c, start, end);
    cr_assert_eq(e->token_index, start, "case %zu", c);
    cr_assert_float_eq(e->score, sum / (double)(end - start), 1e-5, "case %zu tokens %zu..%zu",
                       c, start, end);
    cr_assert_null(e->token);
    *multi += end - start > 1;
}

Test(ner_aggregation, simple_groups_adjacent_tokens_as_group_entities_does)
{
    fixture f;
    fixture_open(&f);
    nlp_ner_model *m = model_with(NLP_AGGREGATION_SIMPLE);
    const char *const *names = NULL;
    size_t n_names = 0;
    nlp_ner_labels(m, &names, &n_names);
    size_t groups_total = 0, multi = 0;
    for (size_t c = 0; c < json_array_size(f.cases); c++) {
        json_t *row = json_array_get(f.cases, c), *tokens = json_object_get(row, "tokens");
        char *text = case_text(row);
        nlp_entities *ents = NULL;
        cr_assert_eq(nlp_ner_run(m, text, strlen(text), &ents), NLP_OK, "%s", nlp_last_error());
        /* group_entities over tokens 1 .. n-2 ([SEP], at n-1, closes the
         * last group), then drop the O groups */
        size_t n_tok = json_array_size(tokens), k = 0, start = 1;
        double sum = 0;
        for (size_t t = 1; t < n_tok; t++) {
            double p = 0;
            bool joins = false;
            if (t + 1 < n_tok && t > start) {
                char bi, last_bi;
                const char *type, *last_type;
                double q;
                get_tag(names[token_label(&f, c, t, &p)], &bi, &type);
                get_tag(names[token_label(&f, c, t - 1, &q)], &last_bi, &last_type);
                joins = strcmp(type, last_type) == 0 && bi != 'B';
            } else if (t + 1 < n_tok) {
                token_label(&f, c, t, &p);
                joins = true; /* the first token opens the first group */
            }
            if (!joins) {
                check_group(&f, names, c, ents, &k, start, t, sum, &multi);
                start = t;
                sum = 0;
            }
            sum += p;
        }
        cr_assert_eq(nlp_entities_count(ents), k, "case %zu: %zu entities, expected %zu", c,
                     nlp_entities_count(ents), k);
        groups_total += k;
        nlp_entities_free(ents);
        free(text);
    }
    cr_assert(groups_total > 20 && multi > 0, "%zu groups, %zu of several tokens", groups_total,
              multi);
    nlp_ner_free(m);
    fixture_close(&f);
}

Test(ner_aggregation, an_unknown_value_is_refused_by_name)
{
    nlp_ner_options o = nlp_ner_options_default();
    o.aggregation = (nlp_aggregation)5;
    nlp_ner_model *m = NULL;
    cr_assert_eq(nlp_ner_load(shared_path(NER_FIXTURE), &o, &m), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "nlp_ner_options.aggregation: unknown value 5"), "%s",
              nlp_last_error());
    cr_assert_null(m);
}
