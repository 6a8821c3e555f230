/* nlp_toxic_train end to end on the tiny T5 fixtures: learning, cancel and
 * resume, the Hugging Face checkpoint it writes, class balance, errors. */
#define _POSIX_C_SOURCE 200809L /* symlink */
#include "core/core.h"
#include "task/toxic.h"
#include "test_support.h"
#include "train_files.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static nlp_train_options small_run(const char *out)
{
    nlp_train_options o = nlp_train_options_default();
    o.output_dir = out;
    o.epochs = 2;
    o.batch_size = 8;
    o.eval_batch_size = 16;
    o.learning_rate = 1e-2;
    o.warmup_steps = 1;
    o.max_train_examples = 32; /* 4 batches per epoch, 8 steps */
    o.max_eval_examples = 16;
    o.max_length = 48;
    o.eval_steps = 3;          /* checkpoints at 3, 6 and the last step 8 */
    o.logging_steps = 2;
    o.metric_for_best = "loss";
    o.seed = 11;
    return o;
}

typedef struct eval_log {
    int calls;
    double first_eval_loss, last_eval_loss;
    long long cancel_at; /* 0: never */
} eval_log;

static int record(const nlp_train_progress *p, void *user)
{
    eval_log *log = user;
    log->calls++;
    if (p->evaluated) {
        if (isnan(log->first_eval_loss))
            log->first_eval_loss = p->eval_loss;
        log->last_eval_loss = p->eval_loss;
    }
    return log->cancel_at && p->checkpoint && p->step == log->cancel_at;
}

typedef struct paths {
    char *base, *train, *test;
} paths;

static paths data_paths(const char *fixture)
{
    paths p = {nlp__strdup(shared_path(fixture)),
               nlp__strdup(shared_path("data/toxic-chat/toxicchat0124-human/train.csv")),
               nlp__strdup(shared_path("data/toxic-chat/toxicchat0124-human/test.jsonl"))};
    return p;
}

static void paths_free(paths *p)
{
    free(p->base);
    free(p->train);
    free(p->test);
}

/* A copy of a fixture folder whose config sets dropout_rate (the fixtures
 * have 0), so the run draws dropout masks: resume must restore the
 * generator too. The other files are symlinks. */
static char *with_dropout(const char *fixture, double rate)
{
    char *dir = nlp__strdup(scratch_dir("toxic_train_dropout_base"));
    const char *files[] = {"model.safetensors", "spiece.model", "tokenizer_config.json",
                           "special_tokens_map.json", "added_tokens.json"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char *src = path2(shared_path(fixture), files[i]), *dst = path2(dir, files[i]);
        cr_assert_eq(symlink(src, dst), 0, "%s", dst);
        free(src);
        free(dst);
    }
    char *cfg_in = path2(shared_path(fixture), "config.json"), *cfg_out = path2(dir, "config.json");
    json_error_t err;
    json_t *cfg = json_load_file(cfg_in, 0, &err);
    cr_assert_not_null(cfg, "%s", err.text);
    json_object_set_new(cfg, "dropout_rate", json_real(rate));
    cr_assert_eq(json_dump_file(cfg, cfg_out, 0), 0);
    json_decref(cfg);
    free(cfg_in);
    free(cfg_out);
    return dir;
}

Test(toxic_train, learns_and_resumes_bit_identically, .timeout = 600)
{
    paths p = data_paths("fixtures/t5-tiny");
    free(p.base);
    p.base = with_dropout("fixtures/t5-tiny", 0.1);
    char *out_a = nlp__strdup(scratch_dir("toxic_train_a"));
    char *out_b = nlp__strdup(scratch_dir("toxic_train_b"));

    nlp_train_options o = small_run(out_a);
    eval_log log = {0, NAN, NAN, 0};
    o.callback = record;
    o.callback_data = &log;
    nlp_train_report ra = {sizeof ra};
    cr_assert_eq(nlp_toxic_train(p.base, p.train, p.test, NULL, &o, &ra), NLP_OK, "%s",
                 nlp_last_error());
    cr_assert_eq(ra.steps, 8);
    cr_assert_eq(ra.train_examples, 32);
    cr_assert_eq(ra.eval_examples, 16);
    /* Learning: the eval loss falls between the evaluations at steps 3
     * and 8 (7.80 -> 6.82 here; seeded, so no flakiness). */
    cr_assert_gt(log.first_eval_loss, 0.0);
    cr_assert_lt(log.last_eval_loss, 0.9 * log.first_eval_loss, "eval loss %g -> %g",
                 log.first_eval_loss, log.last_eval_loss);

    o = small_run(out_b);
    eval_log cancel = {0, NAN, NAN, 3};
    o.callback = record;
    o.callback_data = &cancel;
    cr_assert_eq(nlp_toxic_train(p.base, p.train, p.test, NULL, &o, NULL), NLP_ERR_CANCELLED);
    char *ck3 = path2(out_b, "checkpoint-3");
    cr_assert(is_dir(ck3));
    o = small_run(out_b);
    o.resume_from = ck3;
    nlp_train_report rb = {sizeof rb};
    cr_assert_eq(nlp_toxic_train(p.base, p.train, p.test, NULL, &o, &rb), NLP_OK, "%s",
                 nlp_last_error());
    cr_assert_eq(rb.steps, 8);
    cr_assert_eq(rb.best_step, ra.best_step);
    cr_assert_eq(rb.train_loss, ra.train_loss, "%.17g vs %.17g", rb.train_loss, ra.train_loss);
    const char *files[] = {"checkpoint-8/model.safetensors", "checkpoint-8/optimizer.safetensors",
                           "model.safetensors", "config.json"};
    assert_same_files(out_a, out_b, files, 4);
    /* Tied embeddings: shared.weight only, as transformers saves it. */
    char *want = nlp__strdup(shared_path("fixtures/t5-tiny/model.safetensors"));
    char *got = path2(out_a, "model.safetensors");
    cr_assert(same_tensor_layout(want, got), "tensor names, dtypes or shapes differ");
    free(want); free(got);
    free(ck3); free(out_a); free(out_b);
    paths_free(&p);
}

static void check_config(const char *dir, const char *prefix)
{
    char *cfg = path2(dir, "config.json");
    json_error_t err;
    json_t *c = json_load_file(cfg, 0, &err);
    cr_assert_not_null(c, "%s", err.text);
    cr_assert_str_eq(json_string_value(json_array_get(json_object_get(c, "architectures"), 0)),
                     "T5ForConditionalGeneration");
    cr_assert_str_eq(json_string_value(json_object_get(c, "model_type")), "t5");
    json_t *tsp = json_object_get(json_object_get(c, "task_specific_params"), "toxicity");
    cr_assert_str_eq(json_string_value(json_object_get(tsp, "prefix")), prefix);
    json_decref(c);
    free(cfg);
}

/* Gated, untied T5 with its own prefix and label words: the folder has the
 * fixture's tensor names, dtypes and shapes, a config naming the prefix,
 * the tokenizer files, and nlp_toxic_load reads it back. */
Test(toxic_train, output_is_a_hugging_face_checkpoint, .timeout = 300)
{
    paths p = data_paths("fixtures/t5-tiny-gated");
    char *out = nlp__strdup(scratch_dir("toxic_train_layout"));
    char *fixture_weights = path2(p.base, "model.safetensors");
    nlp_toxic_label words[] = {{"negative", 0}, {"positive", 1}};
    nlp_toxic_options mo = nlp_toxic_options_default();
    mo.prefix = "ToxicChat: ";
    mo.labels = words;
    mo.label_count = 2;
    nlp_train_options o = small_run(out);
    o.epochs = 1;
    o.eval_steps = 0;
    o.save_total_limit = 1;
    nlp_train_report r = {sizeof r};
    cr_assert_eq(nlp_toxic_train(p.base, p.train, p.test, &mo, &o, &r), NLP_OK, "%s",
                 nlp_last_error());
    cr_assert_eq(r.steps, 4);
    cr_assert_gt(r.tokens_per_second, 0);
    char *w = path2(out, "model.safetensors");
    cr_assert(same_tensor_layout(fixture_weights, w), "tensor names, dtypes or shapes differ");
    check_config(out, "ToxicChat: ");
    const char *must[] = {"spiece.model", "tokenizer_config.json", "special_tokens_map.json",
                          "generation_config.json", "trainer_state.json", "log.jsonl",
                          "curves.svg", "checkpoint-4/optimizer.safetensors"};
    for (size_t i = 0; i < sizeof must / sizeof *must; i++) {
        char *f = path2(out, must[i]);
        cr_assert(nlp__file_exists(f), "%s missing", must[i]);
        free(f);
    }
    /* Prefix and label words come back from config.json. */
    nlp_toxic_model *m = NULL;
    cr_assert_eq(nlp_toxic_load(out, NULL, &m), NLP_OK, "%s", nlp_last_error());
    cr_assert_str_eq(m->prefix, "ToxicChat: ");
    cr_assert_eq(m->label_count, 2);
    cr_assert_str_eq(m->labels[0].word, "negative");
    cr_assert_not(m->labels[0].toxic);
    cr_assert_str_eq(m->labels[1].word, "positive");
    cr_assert(m->labels[1].toxic);
    nlp_toxic_result *res = NULL;
    cr_assert_eq(nlp_toxic_classify(m, "hello there", 11, &res), NLP_OK, "%s", nlp_last_error());
    cr_assert(res->score >= 0 && res->score <= 1);
    nlp_toxic_result_free(res);
    nlp_toxic_free(m);
    free(w); free(fixture_weights); free(out);
    paths_free(&p);
}

/* toxicchat0124-human train: 2801 rows, 384 toxic. Oversampling repeats the
 * toxic rows up to the 2417 others. */
Test(toxic_train, oversampling_balances_the_classes, .timeout = 300)
{
    paths p = data_paths("fixtures/t5-tiny");
    nlp_train_options o = nlp_train_options_default();
    o.output_dir = scratch_dir("toxic_train_oversample");
    o.max_steps = 1;
    o.batch_size = 2;
    o.max_length = 32;
    o.class_balance = NLP_BALANCE_OVERSAMPLE;
    nlp_train_report r = {sizeof r};
    cr_assert_eq(nlp_toxic_train(p.base, p.train, NULL, NULL, &o, &r), NLP_OK, "%s",
                 nlp_last_error());
    cr_assert_eq(r.train_examples, 2 * 2417);
    cr_assert(isnan(r.best_metric), "no evaluation without eval data");

    o.class_balance = NLP_BALANCE_LOSS_WEIGHT;
    o.max_train_examples = 64;
    cr_assert_eq(nlp_toxic_train(p.base, p.train, NULL, NULL, &o, &r), NLP_OK, "%s",
                 nlp_last_error());
    cr_assert_eq(r.train_examples, 64);
    paths_free(&p);
}

Test(toxic_train, rejects_bad_models_labels_and_data)
{
    paths p = data_paths("fixtures/t5-tiny");
    nlp_train_options o = nlp_train_options_default();
    o.output_dir = scratch_dir("toxic_train_bad");
    cr_assert_eq(nlp_toxic_train(p.base, NULL, NULL, NULL, &o, NULL), NLP_ERR_INVALID_ARG);
    cr_assert_eq(nlp_toxic_train(p.base, "/no/such/data.csv", NULL, NULL, &o, NULL), NLP_ERR_IO);
    cr_assert(strstr(nlp_last_error(), "/no/such/data.csv"));

    nlp_toxic_label same_side[] = {{"yes", 1}, {"maybe", 1}};
    nlp_toxic_options mo = nlp_toxic_options_default();
    mo.labels = same_side;
    mo.label_count = 2;
    cr_assert_eq(nlp_toxic_train(p.base, p.train, NULL, &mo, &o, NULL), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "non-toxic"), "%s", nlp_last_error());

    o.class_balance = (nlp_class_balance)7;
    cr_assert_eq(nlp_toxic_train(p.base, p.train, NULL, NULL, &o, NULL), NLP_ERR_INVALID_ARG);
    o.class_balance = NLP_BALANCE_NONE;

    char *bert = nlp__strdup(shared_path("fixtures/bert-tiny-ner"));
    cr_assert_neq(nlp_toxic_train(bert, p.train, NULL, NULL, &o, NULL), NLP_OK);
    free(bert);

    /* A label outside 0/1 names the file and line. */
    char *bad = path2(o.output_dir, "bad.jsonl");
    const char rows[] = "{\"user_input\": \"fine\", \"toxicity\": 0}\n"
                        "{\"user_input\": \"hmm\", \"toxicity\": 3}\n";
    cr_assert(write_bytes(bad, rows, sizeof rows - 1));
    cr_assert_eq(nlp_toxic_train(p.base, bad, NULL, NULL, &o, NULL), NLP_ERR_FORMAT);
    cr_assert(strstr(nlp_last_error(), "bad.jsonl:2"), "%s", nlp_last_error());
    free(bad);
    paths_free(&p);
}
