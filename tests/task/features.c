/* Label expansion and truncation of training features. */
#include "task/features.h"
#include "test_support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <string.h>

static const char *const LABELS[] = {"O", "B-PER", "I-PER", "B-ORG", "I-ORG",
                                     "B-LOC", "I-LOC", "B-MISC", "I-MISC"};

static int32_t label_id(const char *tag)
{
    for (int32_t i = 0; i < 9; i++)
        if (strcmp(LABELS[i], tag) == 0)
            return i;
    cr_assert_fail("unknown tag %s", tag);
    return -1;
}

static void expand_case(json_t *c, const int32_t *cont, bool all, int32_t *out, size_t *n)
{
    json_t *wids = json_object_get(c, "word_ids"), *tags = json_object_get(c, "word_tags");
    size_t n_tok = json_array_size(wids), n_words = json_array_size(tags);
    int32_t word_ids[128], word_labels[128];
    cr_assert_lt(n_tok, 128);
    for (size_t i = 0; i < n_tok; i++) {
        json_t *w = json_array_get(wids, i);
        word_ids[i] = json_is_null(w) ? -1 : (int32_t)json_integer_value(w);
    }
    for (size_t i = 0; i < n_words; i++)
        word_labels[i] = label_id(json_string_value(json_array_get(tags, i)));
    cr_assert_eq(nlp__ner_expand_labels(word_ids, n_tok, word_labels, n_words, cont, all, out),
                 NLP_OK);
    *n = n_tok;
}

Test(ner_labels, expansion_matches_subword_label_ids_of_every_case)
{
    json_error_t err;
    json_t *root = json_load_file(shared_path("fixtures/bert-tiny-ner/cases.json"), 0, &err);
    cr_assert_not_null(root, "%s", err.text);
    int32_t cont[9];
    nlp__ner_continuation_labels(LABELS, 9, cont);
    cr_assert_eq(cont[1], 2);
    cr_assert_eq(cont[2], 2);
    cr_assert_eq(cont[0], 0);
    size_t idx, later = 0;
    json_t *c;
    json_array_foreach(json_object_get(root, "cases"), idx, c) {
        int32_t got[128], first_only[128];
        size_t n;
        expand_case(c, cont, true, got, &n);
        json_t *want = json_object_get(c, "subword_label_ids");
        cr_assert_eq(json_array_size(want), n);
        for (size_t i = 0; i < n; i++)
            cr_assert_eq(got[i], json_integer_value(json_array_get(want, i)),
                         "case %zu token %zu", idx, i);
        /* label_all_tokens = false: only first subwords carry a label. */
        expand_case(c, cont, false, first_only, &n);
        json_t *wids = json_object_get(c, "word_ids");
        for (size_t i = 1; i < n; i++) {
            json_t *a = json_array_get(wids, i - 1), *b = json_array_get(wids, i);
            bool continues = !json_is_null(b) && json_equal(a, b);
            later += continues;
            cr_assert_eq(first_only[i], continues ? NLP__IGNORE_LABEL : got[i]);
        }
    }
    cr_assert_gt(later, 10, "the fixture has words split into several subwords");
    json_decref(root);
}

Test(ner_labels, bad_word_id_is_an_error)
{
    int32_t wids[] = {-1, 0, 3, -1}, labels[] = {1, 0}, cont[9], out[4];
    nlp__ner_continuation_labels(LABELS, 9, cont);
    cr_assert_eq(nlp__ner_expand_labels(wids, 4, labels, 2, cont, true, out),
                 NLP_ERR_INVALID_ARG);
}

static nlp__encoding *encoding_of(const int32_t *ids, const int32_t *wids, size_t n)
{
    nlp__encoding *enc = nlp__encoding_new();
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(nlp__encoding_push(enc, ids[i], "t", 1, 0, 0, wids[i], wids[i] < 0),
                     NLP_OK);
    return enc;
}

Test(ner_labels, truncation_keeps_sep_and_counts)
{
    int32_t ids[] = {101, 10, 11, 12, 13, 102}, wids[] = {-1, 0, 0, 1, 2, -1};
    int32_t words[] = {1, 0, 3}, cont[9];
    nlp__ner_continuation_labels(LABELS, 9, cont);
    nlp__encoding *enc = encoding_of(ids, wids, 6);
    nlp__feature_set set = {0};
    cr_assert_eq(nlp__ner_feature_push(&set, enc, words, 3, cont, true, 4), NLP_OK);
    cr_assert_eq(nlp__ner_feature_push(&set, enc, words, 3, cont, true, 6), NLP_OK);
    cr_assert_eq(nlp__ner_feature_push(&set, enc, words, 3, cont, true, 1), NLP_ERR_INVALID_ARG);
    cr_assert_eq(set.count, 2);
    cr_assert_eq(set.truncated, 1);
    int32_t want_ids[] = {101, 10, 11, 102}, want_labels[] = {-100, 1, 2, -100};
    cr_assert_eq(set.items[0].n_input, 4);
    cr_assert_arr_eq(set.items[0].input_ids, want_ids, sizeof want_ids);
    cr_assert_arr_eq(set.items[0].labels, want_labels, sizeof want_labels);
    cr_assert_eq(set.items[1].n_input, 6);
    cr_assert_eq(set.items[1].labels[4], 3);
    nlp__feature_set_clear(&set);
    nlp__encoding_free(enc);
}

Test(t5_features, input_keeps_eos_when_truncated_and_labels_end_with_eos)
{
    int32_t text[] = {5, 6, 7, 8, 9}, label[] = {4273};
    nlp__feature_set set = {0};
    cr_assert_eq(nlp__t5_feature_push(&set, text, 5, label, 1, 1, 4), NLP_OK);
    cr_assert_eq(nlp__t5_feature_push(&set, text, 2, label, 1, 1, 4), NLP_OK);
    int32_t in0[] = {5, 6, 7, 1}, in1[] = {5, 6, 1}, lab[] = {4273, 1};
    cr_assert_eq(set.items[0].n_input, 4);
    cr_assert_arr_eq(set.items[0].input_ids, in0, sizeof in0);
    cr_assert_eq(set.items[1].n_input, 3);
    cr_assert_arr_eq(set.items[1].input_ids, in1, sizeof in1);
    cr_assert_eq(set.items[1].n_labels, 2);
    cr_assert_arr_eq(set.items[1].labels, lab, sizeof lab);
    cr_assert_eq(set.truncated, 1);
    nlp__feature_set_clear(&set);
}
