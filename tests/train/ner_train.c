/* nlp_ner_train end to end on the tiny fixture model: determinism, cancel
 * and resume, checkpoint layout, option checks. */
#include "io/safetensors.h"
#include "test_support.h"
#include "train_files.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static nlp_train_options small_run(const char *out)
{
    nlp_train_options o = nlp_train_options_default();
    o.output_dir = out;
    o.epochs = 2;
    o.batch_size = 8;
    o.learning_rate = 1e-3;
    o.warmup_steps = 2;
    o.max_train_examples = 32; /* 4 batches per epoch, 8 steps */
    o.max_eval_examples = 16;
    o.eval_steps = 3;          /* checkpoints at 3, 6 and the last step 8 */
    o.logging_steps = 2;
    o.seed = 7;
    return o;
}

static int cancel_after_first_checkpoint(const nlp_train_progress *p, void *user)
{
    int *calls = user;
    (*calls)++;
    return p->checkpoint != NULL && p->step == 3;
}

Test(ner_train, cancelled_then_resumed_run_equals_uninterrupted_run, .timeout = 600)
{
    char *base = nlp__strdup(shared_path("fixtures/bert-tiny-ner"));
    char *train = nlp__strdup(shared_path("data/conll2003/train.txt"));
    char *valid = nlp__strdup(shared_path("data/conll2003/valid.txt"));
    char *out_a = nlp__strdup(scratch_dir("ner_train_a"));
    char *out_b = nlp__strdup(scratch_dir("ner_train_b"));

    nlp_train_options o = small_run(out_a);
    nlp_train_report ra = {sizeof ra};
    cr_assert_eq(nlp_ner_train(base, train, valid, &o, &ra), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(ra.steps, 8);
    cr_assert_eq(ra.train_examples, 32);
    cr_assert_eq(ra.eval_examples, 16);
    cr_assert(ra.best_step == 3 || ra.best_step == 6 || ra.best_step == 8);

    int calls = 0;
    o = small_run(out_b);
    o.callback = cancel_after_first_checkpoint;
    o.callback_data = &calls;
    cr_assert_eq(nlp_ner_train(base, train, valid, &o, NULL), NLP_ERR_CANCELLED);
    cr_assert_eq(calls, 2, "a log entry at step 2, then the evaluation at 3");
    char *ck3 = path2(out_b, "checkpoint-3");
    cr_assert(is_dir(ck3), "the checkpoint before the cancel stays");
    char *ck6 = path2(out_b, "checkpoint-6");
    cr_assert_not(is_dir(ck6));

    o = small_run(out_b);
    o.resume_from = ck3;
    nlp_train_report rb = {sizeof rb};
    cr_assert_eq(nlp_ner_train(base, train, valid, &o, &rb), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(rb.steps, 8);
    cr_assert_eq(rb.best_step, ra.best_step);
    cr_assert_eq(rb.best_metric, ra.best_metric);
    cr_assert_eq(rb.train_loss, ra.train_loss, "%.17g vs %.17g", rb.train_loss, ra.train_loss);
    const char *files[] = {"checkpoint-8/model.safetensors", "checkpoint-8/optimizer.safetensors",
                           "model.safetensors", "config.json"};
    assert_same_files(out_a, out_b, files, 4);
    free(ck3); free(ck6); free(base); free(train); free(valid); free(out_a); free(out_b);
}

/* As Hugging Face Trainer: resuming with a larger max_steps trains on to
 * the new limit instead of stopping at the checkpoint's plan. */
Test(ner_train, resume_with_a_new_max_steps_continues_to_it, .timeout = 600)
{
    char *base = nlp__strdup(shared_path("fixtures/bert-tiny-ner"));
    char *train = nlp__strdup(shared_path("data/conll2003/train.txt"));
    char *out = nlp__strdup(scratch_dir("ner_train_more_steps"));
    nlp_train_options o = small_run(out);
    o.max_steps = 3; /* the last step saves checkpoint-3 */
    nlp_train_report r = {sizeof r};
    cr_assert_eq(nlp_ner_train(base, train, NULL, &o, &r), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(r.steps, 3);
    char *ck3 = path2(out, "checkpoint-3");
    cr_assert(is_dir(ck3));
    o = small_run(out);
    o.max_steps = 5;
    o.resume_from = ck3;
    nlp_train_report r2 = {sizeof r2};
    cr_assert_eq(nlp_ner_train(base, train, NULL, &o, &r2), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(r2.steps, 5, "resumed run stopped at %lld", r2.steps);
    char *ck5 = path2(out, "checkpoint-5");
    cr_assert(is_dir(ck5), "the new last step is saved");
    free(ck3); free(ck5); free(base); free(train); free(out);
}

/* The saved folder is a Hugging Face checkpoint: same tensor names and
 * shapes as the fixture BertForTokenClassification, config with labels and
 * architectures, tokenizer files, trainer state, log and curves. */
Test(ner_train, output_is_a_hugging_face_checkpoint_with_log_and_curves, .timeout = 300)
{
    char *base = nlp__strdup(shared_path("fixtures/bert-tiny-ner"));
    char *fixture_weights = nlp__strdup(shared_path("fixtures/bert-tiny-ner/model.safetensors"));
    char *train = nlp__strdup(shared_path("data/conll2003/train.txt"));
    char *valid = nlp__strdup(shared_path("data/conll2003/valid.txt"));
    char *out = nlp__strdup(scratch_dir("ner_train_layout"));
    nlp_train_options o = small_run(out);
    o.save_total_limit = 1;
    o.epochs = 1;
    o.eval_steps = 0; /* once, at the end of the epoch */
    o.gradient_accumulation_steps = 2;
    nlp_train_report r = {sizeof r};
    cr_assert_eq(nlp_ner_train(base, train, valid, &o, &r), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(r.steps, 2, "4 batches, 2 per step");
    cr_assert_gt(r.tokens_per_second, 0);

    char *w = path2(out, "model.safetensors");
    cr_assert(same_tensor_layout(fixture_weights, w), "tensor names, dtypes or shapes differ");

    char *cfg = path2(out, "config.json");
    json_error_t err;
    json_t *c = json_load_file(cfg, 0, &err);
    cr_assert_not_null(c);
    cr_assert_str_eq(json_string_value(json_array_get(json_object_get(c, "architectures"), 0)),
                     "BertForTokenClassification");
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(c, "id2label"), "1")),
                     "B-PER");
    cr_assert_eq(json_integer_value(json_object_get(json_object_get(c, "label2id"), "I-MISC")), 8);
    cr_assert_str_eq(json_string_value(json_object_get(c, "model_type")), "bert");
    json_decref(c);

    const char *must[] = {"vocab.txt", "tokenizer_config.json", "trainer_state.json",
                          "log.jsonl", "curves.svg", "checkpoint-2/optimizer.safetensors"};
    for (size_t i = 0; i < 6; i++) {
        char *p = path2(out, must[i]);
        cr_assert(nlp__file_exists(p), "%s missing", must[i]);
        free(p);
    }
    /* The library's own loader reads the result. */
    nlp_ner_model *m = NULL;
    cr_assert_eq(nlp_ner_load(out, NULL, &m), NLP_OK, "%s", nlp_last_error());
    nlp_ner_free(m);
    free(w); free(cfg); free(base); free(fixture_weights); free(train); free(valid); free(out);
}

Test(ner_train, rejects_bad_options_and_missing_files)
{
    char *base = nlp__strdup(shared_path("fixtures/bert-tiny-ner"));
    nlp_train_options o = nlp_train_options_default();
    cr_assert_eq(nlp_ner_train(base, "x", NULL, &o, NULL), NLP_ERR_INVALID_ARG, "no output_dir");
    o.output_dir = scratch_dir("ner_train_bad");
    o.batch_size = 0;
    cr_assert_eq(nlp_ner_train(base, "x", NULL, &o, NULL), NLP_ERR_INVALID_ARG);
    o = nlp_train_options_default();
    o.output_dir = scratch_dir("ner_train_bad");
    o.metric_for_best = "bleu";
    cr_assert_eq(nlp_ner_train(base, "x", NULL, &o, NULL), NLP_ERR_INVALID_ARG);
    o.metric_for_best = NULL;
    cr_assert_eq(nlp_ner_train(base, "/no/such/file.conll", NULL, &o, NULL), NLP_ERR_IO);
    cr_assert(strstr(nlp_last_error(), "/no/such/file.conll"));
    cr_assert_eq(nlp_ner_train(NULL, "x", NULL, &o, NULL), NLP_ERR_INVALID_ARG);
    free(base);
}

/* With a learning rate of 0 the metric never improves after the first
 * evaluation: patience 1 stops at the second; save_total_limit 1 keeps the
 * best checkpoint beside the newest. */
Test(ner_train, early_stopping_and_checkpoint_rotation, .timeout = 300)
{
    char *base = nlp__strdup(shared_path("fixtures/bert-tiny-ner"));
    char *train = nlp__strdup(shared_path("data/conll2003/train.txt"));
    char *valid = nlp__strdup(shared_path("data/conll2003/valid.txt"));
    char *out = nlp__strdup(scratch_dir("ner_train_stop"));
    nlp_train_options o = small_run(out);
    o.learning_rate = 0;
    o.epochs = 3;
    o.max_train_examples = 24; /* 3 steps per epoch */
    o.eval_steps = 1;
    o.early_stopping_patience = 2;
    o.save_total_limit = 1;
    nlp_train_report r = {sizeof r};
    cr_assert_eq(nlp_ner_train(base, train, valid, &o, &r), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(r.steps, 3, "stopped after two evaluations without improvement");
    cr_assert_eq(r.best_step, 1);
    const char *kept[] = {"checkpoint-1", "checkpoint-3"};
    for (size_t i = 0; i < 2; i++) {
        char *p = path2(out, kept[i]);
        cr_assert(is_dir(p), "%s should be kept", kept[i]);
        free(p);
    }
    char *gone = path2(out, "checkpoint-2");
    cr_assert_not(is_dir(gone), "checkpoint-2 should be rotated away");
    free(gone); free(base); free(train); free(valid); free(out);
}

typedef struct eval_calls {
    size_t n, done[16], total[16];
    int cancel_at; /* call index that returns nonzero, -1 none */
} eval_calls;

static int count_eval(size_t done, size_t total, void *user)
{
    eval_calls *c = user;
    if (c->n < 16) {
        c->done[c->n] = done;
        c->total[c->n] = total;
    }
    return (int)c->n++ == c->cancel_at;
}

/* eval_progress sees each evaluation inside training batch by batch:
 * 16 examples in eval batches of 6 give 6, 12, 16 of 16; nonzero cancels. */
Test(ner_train, eval_progress_reports_each_eval_batch_and_cancels, .timeout = 300)
{
    char *base = nlp__strdup(shared_path("fixtures/bert-tiny-ner"));
    char *train = nlp__strdup(shared_path("data/conll2003/train.txt"));
    char *valid = nlp__strdup(shared_path("data/conll2003/valid.txt"));
    nlp_train_options o = nlp_train_options_default();
    o.output_dir = scratch_dir("ner_train_eval_progress");
    o.max_train_examples = 8;
    o.max_eval_examples = 16;
    o.batch_size = 8;
    o.eval_batch_size = 6;
    o.max_steps = 2;
    o.eval_steps = 1;
    o.use_cache = 0;
    eval_calls c = {.cancel_at = -1};
    o.eval_progress = count_eval;
    o.eval_progress_data = &c;
    nlp_train_report r = {sizeof r};
    cr_assert_eq(nlp_ner_train(base, train, valid, &o, &r), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(c.n, 6, "2 evaluations x 3 batches, got %zu calls", c.n);
    const size_t want[] = {6, 12, 16, 6, 12, 16};
    for (size_t i = 0; i < 6; i++) {
        cr_assert_eq(c.done[i], want[i], "call %zu: %zu", i, c.done[i]);
        cr_assert_eq(c.total[i], 16);
    }
    eval_calls stop = {.cancel_at = 1};
    o.eval_progress_data = &stop;
    o.output_dir = scratch_dir("ner_train_eval_cancel");
    cr_assert_eq(nlp_ner_train(base, train, valid, &o, &r), NLP_ERR_CANCELLED);
    cr_assert(strstr(nlp_last_error(), "cancelled by eval_progress during the evaluation at "
                                       "step 1"), "%s", nlp_last_error());
    cr_assert_eq(stop.n, 2);
    free(base); free(train); free(valid);
}
