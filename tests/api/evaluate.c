/* nlp_ner_evaluate and nlp_toxic_evaluate_model: the library's own
 * evaluation equals the public building blocks put together by hand, and
 * reports progress every batch; a nonzero return cancels. */
#include "io/text_data.h"
#include "ner_support.h"
#include "test_support.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONLL "data/conll2003/test.txt"
#define TOXIC_CSV "data/toxic-chat/toxicchat0124-human/test.csv"

typedef struct progress_log {
    size_t calls, last_done, last_total, cancel_at;
    int monotonic;
} progress_log;

static int log_progress(size_t done, size_t total, void *data)
{
    progress_log *p = data;
    p->monotonic = p->monotonic && done > p->last_done && done <= total;
    p->calls++;
    p->last_done = done;
    p->last_total = total;
    return p->cancel_at && done >= p->cancel_at;
}

/* The same score by hand: nlp_conll_read (tags as written), nlp_ner_tag_words
 * per sentence, nlp_seqeval_evaluate. */
static double f1_by_hand(const nlp_ner_model *m, size_t max)
{
    nlp_conll_options co = nlp_conll_options_default();
    co.convert_iob1 = 0;
    nlp_conll *c = NULL;
    cr_assert_eq(nlp_conll_read(shared_path(CONLL), &co, &c), NLP_OK, "%s", nlp_last_error());
    size_t n = nlp_conll_sentence_count(c) < max ? nlp_conll_sentence_count(c) : max;
    const size_t *sl = nlp_conll_lengths(c);
    const char *const *words = nlp_conll_words(c);
    size_t tokens = 0;
    for (size_t s = 0; s < n; s++)
        tokens += sl[s];
    const char **pred = calloc(tokens, sizeof *pred);
    size_t *lens = calloc(tokens, sizeof *lens);
    for (size_t s = 0, k = 0; s < n; k += sl[s], s++) {
        for (size_t w = 0; w < sl[s]; w++)
            lens[k + w] = strlen(words[k + w]);
        cr_assert_eq(nlp_ner_tag_words(m, words + k, lens + k, sl[s], pred + k), NLP_OK);
    }
    nlp_seqeval_report *r = NULL;
    cr_assert_eq(nlp_seqeval_evaluate(nlp_conll_tags(c), pred, sl, n, NULL, &r), NLP_OK);
    double f1 = nlp_seqeval_average(r, NLP_AVERAGE_MICRO)->f1;
    nlp_seqeval_report_free(r);
    free(pred);
    free(lens);
    nlp_conll_free(c);
    return f1;
}

Test(evaluate, ner_evaluate_equals_tagging_and_scoring_by_hand)
{
    nlp_ner_model *m = ner_fixture(NULL);
    progress_log log = {.monotonic = 1};
    nlp_eval_options o = nlp_eval_options_default();
    o.max_examples = 30;
    o.batch_size = 8;
    o.progress = log_progress;
    o.progress_data = &log;
    nlp_seqeval_report *r = NULL;
    cr_assert_eq(nlp_ner_evaluate(m, shared_path(CONLL), &o, &r), NLP_OK, "%s",
                 nlp_last_error());
    cr_assert_float_eq(nlp_seqeval_average(r, NLP_AVERAGE_MICRO)->f1, f1_by_hand(m, 30), 1e-12);
    cr_assert_eq(log.calls, 4, "30 sentences in batches of 8: 4 reports, got %zu", log.calls);
    cr_assert_eq(log.last_done, 30);
    cr_assert_eq(log.last_total, 30);
    cr_assert(log.monotonic);
    nlp_seqeval_report_free(r);
    nlp_ner_free(m);
}

Test(evaluate, ner_progress_callback_cancels)
{
    nlp_ner_model *m = ner_fixture(NULL);
    progress_log log = {.monotonic = 1, .cancel_at = 4};
    nlp_eval_options o = nlp_eval_options_default();
    o.max_examples = 20;
    o.batch_size = 4;
    o.progress = log_progress;
    o.progress_data = &log;
    nlp_seqeval_report *r = NULL;
    cr_assert_eq(nlp_ner_evaluate(m, shared_path(CONLL), &o, &r), NLP_ERR_CANCELLED);
    cr_assert_null(r);
    cr_assert_eq(log.calls, 1);
    nlp_ner_free(m);
}

Test(evaluate, ner_evaluate_reads_conll2003_json_lines)
{
    const char *dir = scratch_dir("evaluate_jsonl");
    char path[4096];
    snprintf(path, sizeof path, "%s/two.jsonl", dir);
    const char *lines = "{\"tokens\": [\"John\", \"lives\", \"in\", \"Paris\"], "
                        "\"ner_tags\": [1, 0, 0, 5]}\n"
                        "{\"tokens\": [\"EU\", \"rejects\"], \"ner_tags\": [3, 0]}\n";
    cr_assert(write_bytes(path, lines, strlen(lines)));
    nlp_ner_model *m = ner_fixture(NULL);
    nlp_seqeval_report *r = NULL;
    cr_assert_eq(nlp_ner_evaluate(m, path, NULL, &r), NLP_OK, "%s", nlp_last_error());
    size_t support = 0;
    for (size_t i = 0; i < nlp_seqeval_type_count(r); i++)
        support += nlp_seqeval_type(r, i)->support;
    cr_assert_eq(support, 3, "gold entities PER, LOC, ORG");
    nlp_seqeval_report_free(r);
    nlp_ner_free(m);
}

Test(evaluate, ner_evaluate_names_null_arguments)
{
    nlp_seqeval_report *r = NULL;
    cr_assert_eq(nlp_ner_evaluate(NULL, "x", NULL, &r), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "nlp_ner_evaluate: model is NULL"), "%s",
              nlp_last_error());
}

Test(evaluate, toxic_evaluate_model_equals_classifying_by_hand)
{
    nlp_toxic_options to = nlp_toxic_options_default();
    to.device = "cpu";
    to.score_only = 1;
    nlp_toxic_model *m = NULL;
    cr_assert_eq(nlp_toxic_load(shared_path("fixtures/t5-tiny"), &to, &m), NLP_OK, "%s",
                 nlp_last_error());
    progress_log log = {.monotonic = 1};
    nlp_eval_options o = nlp_eval_options_default();
    o.max_examples = 12;
    o.batch_size = 5;
    o.progress = log_progress;
    o.progress_data = &log;
    nlp_classification_metrics got = {sizeof got};
    cr_assert_eq(nlp_toxic_evaluate_model(m, shared_path(TOXIC_CSV), &o, &got), NLP_OK, "%s",
                 nlp_last_error());
    cr_assert_eq(got.count, 12);
    cr_assert_eq(log.calls, 3);
    cr_assert_eq(log.last_done, 12);
    cr_assert(log.monotonic);

    nlp__text_data *d = NULL;
    cr_assert_eq(nlp__text_data_read(shared_path(TOXIC_CSV), NULL, &d), NLP_OK);
    const char *texts[12];
    size_t lens[12];
    int gold[12], pred[12];
    double score[12];
    nlp_toxic_result *res[12];
    for (size_t i = 0; i < 12; i++) {
        texts[i] = d->rows[i].text;
        lens[i] = d->rows[i].length;
        gold[i] = d->rows[i].label;
    }
    for (size_t i = 0; i < 12; i++) {
        cr_assert_eq(nlp_toxic_classify(m, texts[i], lens[i], &res[i]), NLP_OK);
        pred[i] = res[i]->is_toxic;
        score[i] = res[i]->score;
        nlp_toxic_result_free(res[i]);
    }
    nlp_classification_metrics want = {sizeof want};
    cr_assert_eq(nlp_classification_evaluate(gold, pred, score, 12, &want), NLP_OK);
    cr_assert_eq(got.tp, want.tp);
    cr_assert_eq(got.fp, want.fp);
    cr_assert_eq(got.tn, want.tn);
    cr_assert_eq(got.fn, want.fn);
    cr_assert_float_eq(got.auprc, want.auprc, 1e-9);
    nlp__text_data_free(d);
    nlp_toxic_free(m);
}

/* eng.testb (IOB1, the original CoNLL-2003 file) and test.txt (the same
 * sentences converted to IOB2) score the same, token accuracy included:
 * nlp_ner_evaluate reads gold tags as the trainer does (IOB1 rewritten).
 * Scored as written, the accuracy differed (B- predictions against I- gold
 * at entity starts). */
Test(evaluate, iob1_file_scores_exactly_as_its_iob2_version)
{
    nlp_ner_model *m = ner_fixture(NULL);
    nlp_eval_options o = nlp_eval_options_default();
    o.max_examples = 120;
    char *json[2] = {NULL, NULL};
    const char *files[2] = {"data/conll2003/eng.testb", "data/conll2003/test.txt"};
    for (int k = 0; k < 2; k++) {
        nlp_seqeval_report *r = NULL;
        cr_assert_eq(nlp_ner_evaluate(m, shared_path(files[k]), &o, &r), NLP_OK, "%s",
                     nlp_last_error());
        cr_assert_gt(nlp_seqeval_average(r, NLP_AVERAGE_MICRO)->support, 0);
        cr_assert_eq(nlp_seqeval_report_json(r, &json[k]), NLP_OK);
        nlp_seqeval_report_free(r);
    }
    cr_assert_str_eq(json[0], json[1]);
    nlp_string_free(json[0]);
    nlp_string_free(json[1]);
    nlp_ner_free(m);
}
