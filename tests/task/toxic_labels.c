/* Label words that take several pieces are scored as sequences; the prefix
 * defaults to the checkpoint's task prefix. */
#include "task/toxic.h"
#include "test_support.h"

#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double log_softmax_at(const float *row, size_t vocab, int32_t id)
{
    double max = row[0], sum = 0;
    for (size_t v = 1; v < vocab; v++)
        max = fmax(max, row[v]);
    for (size_t v = 0; v < vocab; v++)
        sum += exp(row[v] - max);
    return row[id] - max - log(sum);
}

/* "toxicity" is "▁" + "toxicity" in the t5-small vocabulary. */
Test(toxic_labels, multi_piece_word_is_scored_as_its_sequence)
{
    const nlp_toxic_label words[] = {{"toxicity", 1}, {"no", 0}};
    nlp__toxic_settings s = {"toxic: ", words, 2, 512, 0, false, "cpu"};
    nlp_toxic_model *m = NULL;
    cr_assert_eq(nlp__toxic_load(shared_path("fixtures/t5-tiny"), &s, &m), NLP_OK, "%s",
                 nlp_last_error());
    cr_assert_eq(m->candidate_offsets[1], 2, "toxicity should take 2 pieces");
    cr_expect_eq(m->candidate_ids[0], 3);
    cr_expect_eq(m->candidate_ids[1], 27147);
    cr_expect_eq(m->max_new_tokens, 3, "longest word + </s>");

    const char *text = "how to get laid";
    nlp_toxic_result *r = NULL;
    cr_assert_eq(nlp__toxic_classify(m, &text, (size_t[]){strlen(text)}, 1, &r), NLP_OK);

    /* Teacher forcing [start, "▁"] gives both steps of "toxicity". */
    nlp__t5_input in = {0};
    cr_assert_eq(nlp__t5_text_input(m->t5, m->prefix, text, strlen(text), 512, &in), NLP_OK);
    nlp__t5_batch src = {in.ids, NULL, 1, in.count};
    const size_t vocab = 32128;
    float *logits = malloc(2 * vocab * sizeof *logits);
    const int32_t dec[] = {0, 3};
    cr_assert_eq(nlp__t5_model_logits(m->t5->model, &src, dec, 2, logits), NLP_OK);
    double lp_toxic = log_softmax_at(logits, vocab, 3) + log_softmax_at(logits + vocab, vocab, 27147);
    double lp_no = log_softmax_at(logits, vocab, 150);
    double want = 1.0 / (1.0 + exp(lp_no - lp_toxic));
    cr_expect_leq(fabs(r->score - want), 1e-5, "score %g, expected %g", r->score, want);
    free(logits);
    free(in.ids);
    nlp__toxic_result_free(r);
    nlp__toxic_free(m);
}

static void write_file(const char *dir, const char *name, const char *data, size_t size)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    cr_assert(write_bytes(path, data, size), "%s", path);
}

/* A config.json naming one task prefix supplies the default prefix. */
Test(toxic_labels, prefix_defaults_to_the_checkpoints_task_prefix)
{
    const char *dir = scratch_dir("toxic-prefix");
    const char *fixture = shared_path("fixtures/t5-tiny");
    char path[4096], *data = NULL;
    size_t size = 0;
    const char *files[] = {"model.safetensors", "spiece.model"};
    for (size_t i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", fixture, files[i]);
        cr_assert_eq(nlp__read_file(path, &data, &size), NLP_OK);
        write_file(dir, files[i], data, size);
        free(data);
    }
    snprintf(path, sizeof path, "%s/config.json", fixture);
    cr_assert_eq(nlp__read_file(path, &data, &size), NLP_OK);
    const char *extra = "\"task_specific_params\": {\"toxicity\": {\"prefix\": \"ToxicChat: \"}},\n";
    char *config = malloc(size + strlen(extra) + 1);
    memcpy(config, data, 2); /* "{\n" */
    strcpy(config + 2, extra);
    strcat(config, data + 2);
    write_file(dir, "config.json", config, strlen(config));
    free(config);
    free(data);

    nlp__toxic_settings s = {NULL, NULL, 0, 0, 0, false, "cpu"};
    nlp_toxic_model *m = NULL;
    cr_assert_eq(nlp__toxic_load(dir, &s, &m), NLP_OK, "%s", nlp_last_error());
    cr_expect_str_eq(m->prefix, "ToxicChat: ");
    nlp__toxic_free(m);

    s.prefix = "other: ";
    cr_assert_eq(nlp__toxic_load(dir, &s, &m), NLP_OK, "%s", nlp_last_error());
    cr_expect_str_eq(m->prefix, "other: ");
    nlp__toxic_free(m);

    cr_assert_eq(nlp__toxic_load(fixture, &(nlp__toxic_settings){0}, &m), NLP_OK);
    cr_expect_str_eq(m->prefix, "toxic: ");
    cr_expect_eq(m->max_input_tokens, 512);
    cr_expect_eq(m->max_new_tokens, 2);
    nlp__toxic_free(m);
}
