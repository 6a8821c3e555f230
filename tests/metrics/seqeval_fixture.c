/* The seqeval-metrics fixture: seqeval 1.2.2's classification_report on
 * CoNLL-2003 test gold tags against noisy predictions, IOB2 and IOB1,
 * default and strict mode. Every number must agree within 1e-9 and the
 * digits=4 text reports byte for byte. */
#include "metrics/seqeval.h"
#include "test_support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct sequences {
    const char **gold, **pred;
    size_t *lengths;
    size_t n_sentences, n_tokens;
    json_t *root;
} sequences;

static json_t *load_json(const char *rel)
{
    json_error_t err;
    json_t *j = json_load_file(shared_path(rel), 0, &err);
    cr_assert_not_null(j, "%s: %s (line %d)", rel, err.text, err.line);
    return j;
}

static void flatten(json_t *side, const char **out, size_t *lengths)
{
    size_t k = 0, s;
    json_t *sent;
    json_array_foreach(side, s, sent) {
        size_t t;
        json_t *tag;
        if (lengths)
            lengths[s] = json_array_size(sent);
        json_array_foreach(sent, t, tag) out[k++] = json_string_value(tag);
    }
}

static sequences load_sequences(const char *rel)
{
    sequences q = {0};
    q.root = load_json(rel);
    json_t *gold = json_object_get(q.root, "y_true"), *pred = json_object_get(q.root, "y_pred");
    q.n_sentences = json_array_size(gold);
    cr_assert_eq(json_array_size(pred), q.n_sentences);
    for (size_t s = 0; s < q.n_sentences; s++)
        q.n_tokens += json_array_size(json_array_get(gold, s));
    q.gold = calloc(q.n_tokens, sizeof *q.gold);
    q.pred = calloc(q.n_tokens, sizeof *q.pred);
    q.lengths = calloc(q.n_sentences, sizeof *q.lengths);
    flatten(gold, q.gold, q.lengths);
    flatten(pred, q.pred, NULL);
    return q;
}

static void free_sequences(sequences *q)
{
    free(q->gold);
    free(q->pred);
    free(q->lengths);
    json_decref(q->root);
}

static double max_error;

static void expect_close(const char *where, const char *key, double want, double got)
{
    double err = fabs(want - got);
    if (err > max_error)
        max_error = err;
    cr_expect(err <= 1e-9, "%s %s: want %.17g got %.17g", where, key, want, got);
}

static void expect_row(const char *where, json_t *want, const nlp_entity_score *got)
{
    cr_assert_not_null(want, "%s: missing in fixture", where);
    cr_assert_not_null(got, "%s: missing in report", where);
    expect_close(where, "precision", json_real_value(json_object_get(want, "precision")),
                 got->precision);
    expect_close(where, "recall", json_real_value(json_object_get(want, "recall")), got->recall);
    expect_close(where, "f1-score", json_real_value(json_object_get(want, "f1-score")), got->f1);
    cr_expect_eq((size_t)json_integer_value(json_object_get(want, "support")), got->support,
                 "%s support", where);
}

static void expect_report(json_t *want, const nlp_seqeval_report *r, const char *label)
{
    /* One key per type plus the three averages. */
    cr_assert_eq(json_object_size(want), r->type_count + 3, "%s: type count", label);
    for (size_t i = 0; i < r->type_count; i++)
        expect_row(r->types[i].type, json_object_get(want, r->types[i].type), &r->types[i]);
    const char *avg[] = {"micro avg", "macro avg", "weighted avg"};
    for (int k = 0; k < 3; k++)
        expect_row(avg[k], json_object_get(want, avg[k]), &r->avg[k]);
}

static void check_split(const char *seq_rel, const char *split, nlp_tag_scheme strict_scheme)
{
    json_t *metrics = load_json("fixtures/seqeval-metrics/metrics.json");
    json_t *want = json_object_get(metrics, split);
    sequences q = load_sequences(seq_rel);
    cr_assert_eq(q.n_sentences, (size_t)json_integer_value(json_object_get(want, "n_sentences")));
    cr_assert_eq(q.n_tokens, (size_t)json_integer_value(json_object_get(want, "n_tokens")));

    const char *modes[] = {"default", "strict"};
    for (int m = 0; m < 2; m++) {
        nlp_seqeval_options o = nlp_seqeval_options_default();
        o.mode = m ? NLP_SEQEVAL_STRICT : NLP_SEQEVAL_DEFAULT;
        o.scheme = strict_scheme;
        nlp_seqeval_report *r = NULL;
        cr_assert_eq(nlp__seqeval_evaluate(q.gold, q.pred, q.lengths, q.n_sentences, &o, &r),
                     NLP_OK, "%s", nlp_last_error());
        expect_report(json_object_get(want, modes[m]), r, modes[m]);
        expect_close(modes[m], "accuracy",
                     json_real_value(json_object_get(want, "accuracy")), r->accuracy);
        char key[64], *text = NULL;
        snprintf(key, sizeof key, "%s_text_digits4", modes[m]);
        cr_assert_eq(nlp__seqeval_report_text(r, 4, &text), NLP_OK);
        cr_expect_str_eq(text, json_string_value(json_object_get(want, key)), "%s %s", split,
                         key);
        free(text);
        nlp__seqeval_report_free(r);
    }
    free_sequences(&q);
    json_decref(metrics);
    cr_log_info("%s: largest difference from seqeval %.3g", split, max_error);
}

Test(seqeval_fixture, iob2_default_and_strict_match_seqeval)
{
    check_split("fixtures/seqeval-metrics/sequences_iob2.json", "iob2", NLP_SCHEME_IOB2);
}

Test(seqeval_fixture, iob1_default_and_strict_iob1_scheme_match_seqeval)
{
    check_split("fixtures/seqeval-metrics/sequences_iob1.json", "iob1", NLP_SCHEME_IOB1);
}
