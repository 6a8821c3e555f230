/* Hand-made seqeval cases, one Test each: the behaviours that separate the
 * modes and schemes, the edges (no entities, prediction-only types), and
 * errors. */
#include "metrics/seqeval.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static nlp_seqeval_report *run(const char **gold, const char **pred, const size_t *lengths,
                               size_t n, nlp_seqeval_mode mode, nlp_tag_scheme scheme)
{
    nlp_seqeval_options o = nlp_seqeval_options_default();
    o.mode = mode;
    o.scheme = scheme;
    nlp_seqeval_report *r = NULL;
    cr_assert_eq(nlp_seqeval_evaluate(gold, pred, lengths, n, &o, &r), NLP_OK, "%s",
                 nlp_last_error());
    return r;
}

/* seqeval's own docstring example, text report with the default digits. */
Test(seqeval, docstring_example_text_report_matches_seqeval)
{
    const char *gold[] = {"O", "O", "O", "B-MISC", "I-MISC", "I-MISC", "O", "B-PER", "I-PER", "O"};
    const char *pred[] = {"O", "O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "O", "B-PER", "I-PER", "O"};
    size_t lengths[] = {7, 3};
    nlp_seqeval_report *r = run(gold, pred, lengths, 2, NLP_SEQEVAL_DEFAULT, NLP_SCHEME_IOB2);
    char *text = NULL;
    cr_assert_eq(nlp_seqeval_report_text(r, 2, &text), NLP_OK);
    cr_assert_str_eq(text,
                     "              precision    recall  f1-score   support\n\n"
                     "        MISC       0.00      0.00      0.00         1\n"
                     "         PER       1.00      1.00      1.00         1\n\n"
                     "   micro avg       0.50      0.50      0.50         2\n"
                     "   macro avg       0.50      0.50      0.50         2\n"
                     "weighted avg       0.50      0.50      0.50         2\n");
    nlp_string_free(text);
    cr_assert_float_eq(nlp_seqeval_accuracy(r), 0.8, 1e-15);
    nlp_seqeval_report_free(r);
}

/* An I-X after O is an entity for conlleval but not for strict IOB2. */
Test(seqeval, i_after_o_counts_in_default_mode_only)
{
    const char *gold[] = {"B-PER", "I-PER", "O"};
    const char *pred[] = {"I-PER", "I-PER", "O"};
    size_t lengths[] = {3};
    nlp_seqeval_report *d = run(gold, pred, lengths, 1, NLP_SEQEVAL_DEFAULT, NLP_SCHEME_IOB2);
    nlp_seqeval_report *s = run(gold, pred, lengths, 1, NLP_SEQEVAL_STRICT, NLP_SCHEME_IOB2);
    cr_assert_float_eq(nlp_seqeval_average(d, NLP_AVERAGE_MICRO)->f1, 1.0, 0);
    cr_assert_eq(nlp_seqeval_average(s, NLP_AVERAGE_MICRO)->predicted, 0);
    cr_assert_float_eq(nlp_seqeval_average(s, NLP_AVERAGE_MICRO)->f1, 0.0, 0);
    nlp_seqeval_report_free(d);
    nlp_seqeval_report_free(s);
}

/* Sentence boundaries end entities: the same tags split differently
 * give different entities. */
Test(seqeval, sentence_boundary_ends_an_entity)
{
    const char *gold[] = {"B-LOC", "I-LOC"};
    const char *pred[] = {"B-LOC", "I-LOC"};
    size_t one[] = {2}, two[] = {1, 1};
    nlp_seqeval_report *a = run(gold, pred, one, 1, NLP_SEQEVAL_DEFAULT, NLP_SCHEME_IOB2);
    nlp_seqeval_report *b = run(gold, pred, two, 2, NLP_SEQEVAL_DEFAULT, NLP_SCHEME_IOB2);
    cr_assert_eq(nlp_seqeval_type(a, 0)->support, 1);
    cr_assert_eq(nlp_seqeval_type(b, 0)->support, 2);  /* B-LOC | I-LOC */
    nlp_seqeval_report_free(a);
    nlp_seqeval_report_free(b);
}

/* A type seen only in predictions gets a row with support 0 and pulls the
 * macro average down, as in seqeval 1.2.2. */
Test(seqeval, prediction_only_type_has_zero_support_row)
{
    const char *gold[] = {"B-PER", "O"};
    const char *pred[] = {"B-PER", "B-ORG"};
    size_t lengths[] = {2};
    nlp_seqeval_report *r = run(gold, pred, lengths, 1, NLP_SEQEVAL_DEFAULT, NLP_SCHEME_IOB2);
    cr_assert_eq(nlp_seqeval_type_count(r), 2);
    const nlp_entity_score *org = nlp_seqeval_type(r, 0);
    cr_assert_str_eq(org->type, "ORG");
    cr_assert_eq(org->support, 0);
    cr_assert_eq(org->predicted, 1);
    cr_assert_float_eq(org->recall, 0.0, 0);
    cr_assert_float_eq(nlp_seqeval_average(r, NLP_AVERAGE_MACRO)->precision, 0.5, 0);
    cr_assert_float_eq(nlp_seqeval_average(r, NLP_AVERAGE_WEIGHTED)->precision, 1.0, 0);
    cr_assert_float_eq(nlp_seqeval_average(r, NLP_AVERAGE_MICRO)->precision, 0.5, 0);
    cr_assert_null(nlp_seqeval_type(r, 2));
    nlp_seqeval_report_free(r);
}

Test(seqeval, iobes_strict_needs_end_or_single)
{
    /* S-PER and B-LOC E-LOC are entities; B-ORG I-ORG without E- is not. */
    const char *gold[] = {"S-PER", "B-LOC", "E-LOC", "B-ORG", "I-ORG", "O"};
    size_t lengths[] = {6};
    nlp_seqeval_report *r = run(gold, gold, lengths, 1, NLP_SEQEVAL_STRICT, NLP_SCHEME_IOBES);
    cr_assert_eq(nlp_seqeval_type_count(r), 2);
    cr_assert_str_eq(nlp_seqeval_type(r, 0)->type, "LOC");
    cr_assert_str_eq(nlp_seqeval_type(r, 1)->type, "PER");
    cr_assert_eq(nlp_seqeval_average(r, NLP_AVERAGE_MICRO)->support, 2);
    nlp_seqeval_report_free(r);
}

/* IOB1: an entity starts with I-; B- splits two adjacent same-type ones. */
Test(seqeval, iob1_strict_reads_b_as_a_split)
{
    const char *gold[] = {"I-PER", "I-PER", "B-PER", "O", "I-LOC"};
    size_t lengths[] = {5};
    nlp_seqeval_report *r = run(gold, gold, lengths, 1, NLP_SEQEVAL_STRICT, NLP_SCHEME_IOB1);
    cr_assert_eq(nlp_seqeval_type(r, 1)->support, 2);  /* PER: [0,2) and [2,3) */
    cr_assert_eq(nlp_seqeval_type(r, 0)->support, 1);
    nlp_seqeval_report_free(r);
}

Test(seqeval, strict_rejects_prefixes_the_scheme_lacks)
{
    const char *gold[] = {"O", "B-PER", "O", "S-PER"};
    size_t lengths[] = {2, 2};
    nlp_seqeval_options o = nlp_seqeval_options_default();
    o.mode = NLP_SEQEVAL_STRICT;
    nlp_seqeval_report *r = NULL;
    cr_assert_eq(nlp_seqeval_evaluate(gold, gold, lengths, 2, &o, &r), NLP_ERR_INVALID_ARG);
    cr_assert_null(r);
    cr_assert(strstr(nlp_last_error(), "sentence 1, token 1") != NULL, "%s", nlp_last_error());
    cr_assert(strstr(nlp_last_error(), "S-PER") != NULL);
    const char *empty[] = {"O", ""};
    cr_assert_eq(nlp_seqeval_evaluate(empty, empty, lengths, 1, NULL, &r), NLP_ERR_INVALID_ARG);
}

Test(seqeval, no_entities_gives_zeros_and_valid_json)
{
    const char *gold[] = {"O", "O"};
    size_t lengths[] = {2, 0};
    nlp_seqeval_report *r = run(gold, gold, lengths, 2, NLP_SEQEVAL_DEFAULT, NLP_SCHEME_IOB2);
    cr_assert_eq(nlp_seqeval_type_count(r), 0);
    cr_assert_float_eq(nlp_seqeval_average(r, NLP_AVERAGE_MACRO)->f1, 0.0, 0);
    char *json = NULL;
    cr_assert_eq(nlp_seqeval_report_json(r, &json), NLP_OK);
    cr_assert_str_eq(json,
        "{\"micro avg\": {\"precision\": 0.0, \"recall\": 0.0, \"f1-score\": 0.0, \"support\": 0}, "
        "\"macro avg\": {\"precision\": 0.0, \"recall\": 0.0, \"f1-score\": 0.0, \"support\": 0}, "
        "\"weighted avg\": {\"precision\": 0.0, \"recall\": 0.0, \"f1-score\": 0.0, \"support\": 0}, "
        "\"accuracy\": 1.0}");
    nlp_string_free(json);
    nlp_seqeval_report_free(r);
}

Test(seqeval, json_uses_shortest_round_trip_numbers)
{
    const char *gold[] = {"B-A", "O", "B-A", "O", "B-A", "B-\"Q\""};
    const char *pred[] = {"B-A", "O", "O", "O", "O", "B-\"Q\""};
    size_t lengths[] = {6};
    nlp_seqeval_report *r = run(gold, pred, lengths, 1, NLP_SEQEVAL_DEFAULT, NLP_SCHEME_IOB2);
    char *json = NULL;
    cr_assert_eq(nlp_seqeval_report_json(r, &json), NLP_OK);
    /* '"' sorts before 'A', as in Python. */
    cr_assert(strstr(json, "{\"\\\"Q\\\"\": {\"precision\": 1.0, ") == json, "%s", json);
    cr_assert(strstr(json, "\"A\": {\"precision\": 1.0, \"recall\": 0.3333333333333333, "
                           "\"f1-score\": 0.5, \"support\": 3}") != NULL, "%s", json);
    nlp_string_free(json);
    nlp_seqeval_report_free(r);
}

/* The id interface the training code uses gives the same report. */
Test(seqeval, ids_and_strings_agree)
{
    const char *labels[] = {"O", "B-PER", "I-PER", "B-LOC", "I-LOC"};
    int32_t g[] = {1, 2, 0, 3, 4, 0, 2, 2};
    int32_t p[] = {1, 2, 0, 4, 4, 0, 1, 0};
    size_t lengths[] = {5, 3};
    const char *gs[8], *ps[8];
    for (int i = 0; i < 8; i++)
        gs[i] = labels[g[i]], ps[i] = labels[p[i]];
    for (int mode = 0; mode < 2; mode++) {
        nlp_seqeval_options o = nlp_seqeval_options_default();
        o.mode = (nlp_seqeval_mode)mode;
        nlp_seqeval_report *a = NULL, *b = NULL;
        cr_assert_eq(nlp__seqeval_evaluate(gs, ps, lengths, 2, &o, &a), NLP_OK);
        cr_assert_eq(nlp__seqeval_evaluate_ids(g, p, lengths, 2, labels, 5, &o, &b), NLP_OK);
        char *ja = NULL, *jb = NULL;
        nlp_seqeval_report_json(a, &ja);
        nlp_seqeval_report_json(b, &jb);
        cr_assert_str_eq(ja, jb);
        nlp_string_free(ja);
        nlp_string_free(jb);
        nlp_seqeval_report_free(a);
        nlp_seqeval_report_free(b);
    }
    int32_t bad[] = {9, 0, 0, 0, 0, 0, 0, 0};
    nlp_seqeval_report *r = NULL;
    cr_assert_eq(nlp__seqeval_evaluate_ids(bad, p, lengths, 2, labels, 5, NULL, &r),
                 NLP_ERR_INVALID_ARG);
}

Test(seqeval, scheme_names_parse)
{
    nlp_tag_scheme s;
    cr_assert_eq(nlp_tag_scheme_parse("iobes", &s), NLP_OK);
    cr_assert_eq(s, NLP_SCHEME_IOBES);
    cr_assert_eq(nlp_tag_scheme_parse("IOB1", &s), NLP_OK);
    cr_assert_eq(s, NLP_SCHEME_IOB1);
    cr_assert_eq(nlp_tag_scheme_parse("BIO", &s), NLP_ERR_INVALID_ARG);
}
