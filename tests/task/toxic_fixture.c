/* The toxicity classifier end to end (text -> tokens -> T5 -> verdict) on
 * the t5-tiny fixtures, whose cases.json records what transformers
 * produced for each toxic-chat prompt. */
#include "task/toxic.h"
#include "test_support.h"

#include <criterion/criterion.h>
#include <jansson.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#define ROWS 16

typedef struct cases {
    json_t *root, *rows;
    const char *texts[ROWS];
    size_t lens[ROWS];
} cases;

static cases cases_open(const char *dir)
{
    cases c = {0};
    char path[4096];
    snprintf(path, sizeof path, "%s/cases.json", shared_path(dir));
    json_error_t err;
    c.root = json_load_file(path, 0, &err);
    cr_assert_not_null(c.root, "%s: %s", path, err.text);
    c.rows = json_object_get(c.root, "cases");
    cr_assert_eq(json_array_size(c.rows), ROWS);
    for (size_t i = 0; i < ROWS; i++) {
        json_t *text = json_object_get(json_array_get(c.rows, i), "text");
        c.texts[i] = json_string_value(text);
        c.lens[i] = json_string_length(text);
    }
    return c;
}

static double logprob(const cases *c, size_t row, const char *word)
{
    json_t *lp = json_object_get(json_array_get(c->rows, row), "label_word_logprobs_step1");
    return json_real_value(json_object_get(lp, word));
}

/* As the fixture was made: inputs cut to 64 tokens, 3 greedy steps. */
static nlp_toxic_model *load(const char *dir)
{
    nlp__toxic_settings s = {"toxic: ", NULL, 0, 64, 3, false, "cpu"};
    nlp_toxic_model *m = NULL;
    cr_assert_eq(nlp__toxic_load(shared_path(dir), &s, &m), NLP_OK, "%s", nlp_last_error());
    return m;
}

static void check_inputs(const nlp_toxic_model *m, const cases *c)
{
    for (size_t i = 0; i < ROWS; i++) {
        nlp__t5_input in = {0};
        cr_assert_eq(nlp__t5_text_input(m->t5, m->prefix, c->texts[i], c->lens[i],
                                        m->max_input_tokens, &in), NLP_OK);
        json_t *want = json_object_get(json_array_get(c->rows, i), "input_ids");
        cr_expect_eq(in.count, json_array_size(want), "row %zu: %zu tokens", i, in.count);
        for (size_t j = 0; j < in.count && j < json_array_size(want); j++)
            cr_expect_eq(in.ids[j], json_integer_value(json_array_get(want, j)),
                         "row %zu token %zu", i, j);
        free(in.ids);
    }
}

static void check_results(const cases *c, nlp_toxic_result **results)
{
    for (size_t i = 0; i < ROWS; i++) {
        json_t *row = json_array_get(c->rows, i);
        const char *generated = json_string_value(json_object_get(row, "generated_text"));
        cr_expect_str_eq(results[i]->generated, generated, "row %zu", i);
        double yes = logprob(c, i, "yes"), no = logprob(c, i, "no");
        double score = 1.0 / (1.0 + exp(no - yes));
        cr_expect_leq(fabs(results[i]->score - score), 1e-4, "row %zu: score %g, expected %g", i,
                      results[i]->score, score);
        int matched = strcmp(generated, "yes") == 0 || strcmp(generated, "no") == 0;
        cr_expect_eq(results[i]->matched, matched, "row %zu", i);
        if (!matched)
            cr_expect_eq(results[i]->is_toxic, yes > no, "row %zu verdict", i);
    }
}

static void check_fixture(const char *dir)
{
    cases c = cases_open(dir);
    nlp_toxic_model *m = load(dir);
    check_inputs(m, &c);
    nlp_toxic_result *batch[ROWS];
    cr_assert_eq(nlp__toxic_classify(m, c.texts, c.lens, ROWS, batch), NLP_OK, "%s",
                 nlp_last_error());
    check_results(&c, batch);
    /* One text at a time (no padding) gives the same answers. */
    for (size_t i = 0; i < ROWS; i += 5) {
        nlp_toxic_result *one = NULL;
        cr_assert_eq(nlp__toxic_classify(m, &c.texts[i], &c.lens[i], 1, &one), NLP_OK);
        cr_expect_str_eq(one->generated, batch[i]->generated);
        cr_expect_leq(fabs(one->score - batch[i]->score), 1e-5);
        nlp__toxic_result_free(one);
    }
    for (size_t i = 0; i < ROWS; i++)
        nlp__toxic_result_free(batch[i]);
    nlp__toxic_free(m);
    json_decref(c.root);
}

Test(toxic_fixture, original_t5_texts_to_verdicts_match_transformers)
{
    check_fixture("fixtures/t5-tiny");
}

Test(toxic_fixture, gated_t5_texts_to_verdicts_match_transformers)
{
    check_fixture("fixtures/t5-tiny-gated");
}
