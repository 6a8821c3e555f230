/* Classification metrics and average precision, checked against values
 * worked out by hand (scikit-learn's definitions). */
#include "metrics/classification.h"

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

static double ap(const int *labels, const double *scores, size_t n)
{
    double v = -1;
    cr_assert_eq(nlp_average_precision(labels, scores, n, &v), NLP_OK, "%s", nlp_last_error());
    return v;
}

/* scikit-learn's documented example: 0.83. By hand: thresholds 0.8, 0.4,
 * 0.35, 0.1 give (P, R) = (1, .5), (.5, .5), (2/3, 1), (.5, 1), so
 * AP = .5 * 1 + 0 + .5 * 2/3 + 0. */
static void sklearn_docstring_example(void)
{
    int y[] = {0, 0, 1, 1};
    double s[] = {0.1, 0.4, 0.35, 0.8};
    cr_assert_float_eq(ap(y, s, 4), 0.5 + 0.5 * 2.0 / 3.0, 1e-15);
}

/* Tied scores form one threshold. Scores 0.9 (pos, neg), 0.5 (pos, neg),
 * 0.1 (pos): (P, R) = (1/2, 1/3), (2/4, 2/3), (3/5, 1), so
 * AP = (.5 + .5 + .6) / 3. Ranking the positive first inside a tie would
 * give P = 1 at the first step, a larger value. */
static void ties_are_one_threshold(void)
{
    int y[] = {1, 0, 1, 0, 1};
    double s[] = {0.9, 0.9, 0.5, 0.5, 0.1};
    cr_assert_float_eq(ap(y, s, 5), 1.6 / 3.0, 1e-15);
    int y2[] = {0, 1, 0, 1, 1};  /* same data, other order in the ties */
    cr_assert_float_eq(ap(y2, s, 5), 1.6 / 3.0, 1e-15);
}

static void all_scores_equal_gives_positive_rate(void)
{
    int y[] = {1, 0, 0, 1};
    double s[] = {0.5, 0.5, 0.5, 0.5};
    cr_assert_float_eq(ap(y, s, 4), 0.5, 0);
}

static void perfect_ranking_is_one_and_no_positives_is_zero(void)
{
    int y[] = {0, 1, 0, 1};
    double s[] = {0.2, 0.7, 0.1, 0.9};
    cr_assert_float_eq(ap(y, s, 4), 1.0, 0);
    int none[] = {0, 0, 0};
    cr_assert_float_eq(ap(none, s, 3), 0.0, 0);
}

static void rejects_nan_and_non_binary_labels(void)
{
    int y[] = {0, 1};
    double s[] = {0.1, NAN};
    double v;
    cr_assert_eq(nlp_average_precision(y, s, 2, &v), NLP_ERR_INVALID_ARG);
    int bad[] = {0, 2};
    double ok[] = {0.1, 0.2};
    cr_assert_eq(nlp_average_precision(bad, ok, 2, &v), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "labels[1] is 2") != NULL, "%s", nlp_last_error());
}

static void confusion_and_scores(void)
{
    int y[] = {1, 1, 0, 0, 1, 0};
    int p[] = {1, 0, 0, 1, 1, 0};
    double s[] = {0.9, 0.3, 0.2, 0.6, 0.8, 0.1};
    nlp_classification_metrics m;
    m.size = sizeof m;
    cr_assert_eq(nlp_classification_evaluate(y, p, s, 6, &m), NLP_OK);
    cr_assert_eq(m.tp, 2);
    cr_assert_eq(m.fn, 1);
    cr_assert_eq(m.fp, 1);
    cr_assert_eq(m.tn, 2);
    cr_assert_eq(m.support, 3);
    cr_assert_float_eq(m.accuracy, 4.0 / 6.0, 1e-15);
    cr_assert_float_eq(m.precision, 2.0 / 3.0, 1e-15);
    cr_assert_float_eq(m.recall, 2.0 / 3.0, 1e-15);
    cr_assert_float_eq(m.f1, 2.0 / 3.0, 1e-15);
    /* 0.9 +, 0.8 +, 0.6 -, 0.3 +: AP = 1/3 + 1/3 + 1/3 * 3/4 */
    cr_assert_float_eq(m.auprc, 2.0 / 3.0 + 0.25, 1e-15);
    char *json = NULL;
    cr_assert_eq(nlp_classification_metrics_json(&m, &json), NLP_OK);
    cr_assert(strstr(json, "\"confusion\": [[2, 1], [1, 2]], \"support\": 3") != NULL, "%s", json);
    nlp_string_free(json);
}

static void nothing_predicted_positive_gives_zero_precision_and_null_auprc(void)
{
    int y[] = {1, 0};
    int p[] = {0, 0};
    nlp_classification_metrics m = {sizeof m};
    cr_assert_eq(nlp_classification_evaluate(y, p, NULL, 2, &m), NLP_OK);
    cr_assert_float_eq(m.precision, 0.0, 0);
    cr_assert_float_eq(m.f1, 0.0, 0);
    cr_assert(isnan(m.auprc));
    char *json = NULL;
    cr_assert_eq(nlp_classification_metrics_json(&m, &json), NLP_OK);
    cr_assert(strstr(json, "\"auprc\": null") != NULL, "%s", json);
    nlp_string_free(json);
}

static void size_field_must_be_set(void)
{
    int y[] = {1};
    nlp_classification_metrics m;
    memset(&m, 0, sizeof m);
    cr_assert_eq(nlp_classification_evaluate(y, y, NULL, 1, &m), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "size") != NULL);
    m.size = sizeof m;
    cr_assert_eq(nlp_classification_evaluate(y, y, NULL, 0, &m), NLP_ERR_INVALID_ARG);
}

Test(auprc, hand_computed_cases_including_ties)
{
    sklearn_docstring_example();
    ties_are_one_threshold();
    all_scores_equal_gives_positive_rate();
    perfect_ranking_is_one_and_no_positives_is_zero();
    rejects_nan_and_non_binary_labels();
}

Test(classification, confusion_scores_zero_division_and_size_check)
{
    confusion_and_scores();
    nothing_predicted_positive_gives_zero_precision_and_null_auprc();
    size_field_must_be_set();
}
