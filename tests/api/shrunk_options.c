/* The shrunk-struct test (docs/abi.md): this file declares every options
 * struct cut short, as an older header would have, fills each the way such
 * a program does (nlp_<x>_options_init with its own, smaller sizeof) and
 * passes it through every entry point that takes it. The bytes after the
 * short struct hold poison (values that would fail or change the result
 * if read), so each test shows the missing fields take their defaults. */
#include "api/ner_model.h"
#include "test_support.h"

#include <nlp/nlp.h>

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- the short structs (prefixes of the 0.2 ones) ---- */

typedef struct old_encode_options {
    size_t size;
    int add_special_tokens;
} old_encode_options;

typedef struct old_ner_options {
    size_t size;
    const char *device;
} old_ner_options;

typedef struct old_t5_options {
    size_t size;
    const char *device;
} old_t5_options;

typedef struct old_toxic_options {
    size_t size;
    const char *prefix;
    const nlp_toxic_label *labels;
    size_t label_count;
} old_toxic_options;

typedef struct old_seqeval_options {
    size_t size;
} old_seqeval_options;

typedef struct old_conll_options {
    size_t size;
} old_conll_options;

typedef struct old_eval_options {
    size_t size;
    const char *text_column;
    const char *label_column;
    size_t max_examples;
} old_eval_options;

typedef struct old_train_options {
    size_t size;
    const char *output_dir;
    const char *device;
    double epochs;
    double learning_rate;
    size_t batch_size;
    size_t eval_batch_size;
    double warmup_ratio;
    long long warmup_steps;
    double weight_decay;
    double adam_beta1, adam_beta2, adam_epsilon;
    double max_grad_norm;
    int gradient_accumulation_steps;
    uint64_t seed;
    long long eval_steps;
    long long logging_steps;
    const char *metric_for_best;
    int save_total_limit;
    int early_stopping_patience;
    long long max_steps;
    size_t max_train_examples;
    size_t max_eval_examples;
} old_train_options;

typedef struct old_train_report {
    size_t size;
    long long steps;
    double epochs;
} old_train_report;

/* Each short struct shares its memory with a full one whose later fields
 * are the poison. */
#define SHRUNK(x) union { nlp_##x##_options full; old_##x##_options old; }

/* Fill the short struct as an old program would: init with its sizeof. */
#define OLD_INIT(u, x)                                                                 \
    cr_assert_eq(nlp_##x##_options_init(&(u).full, sizeof (u).old), NLP_OK, "%s",      \
                 nlp_last_error());                                                    \
    cr_assert_eq((u).full.size, sizeof (u).old)

static int cancel_everything(size_t done, size_t total, void *data)
{
    (void)done, (void)total, (void)data;
    return 1;
}

static int cancel_training(const nlp_train_progress *p, void *data)
{
    (void)p, (void)data;
    return 1;
}

static const nlp_toxic_label yes_no[] = {{"yes", 1}, {"no", 0}};

Test(shrunk_options, encode_options_without_max_length)
{
    nlp_tokenizer *tok = NULL;
    cr_assert_eq(nlp_tokenizer_load(shared_path("fixtures/bert-tiny-ner"), &tok), NLP_OK);
    SHRUNK(encode) u;
    u.full.max_length = 3; /* poison: would truncate */
    OLD_INIT(u, encode);
    u.old.add_special_tokens = 0;
    const char *text = "John Smith lives in Paris";
    nlp_encoding *enc = NULL;
    cr_assert_eq(nlp_tokenizer_encode(tok, text, strlen(text), &u.full, &enc), NLP_OK, "%s",
                 nlp_last_error());
    cr_assert_gt(nlp_encoding_count(enc), 3, "max_length past the size was read");
    cr_assert_eq(nlp_encoding_special_mask(enc)[0], 0, "add_special_tokens = 0 was ignored");
    nlp_encoding_free(enc);
    const char *words[] = {"John", "Smith", "lives", "in", "Paris"};
    size_t lens[] = {4, 5, 5, 2, 5};
    cr_assert_eq(nlp_tokenizer_encode_words(tok, words, lens, 5, &u.full, &enc), NLP_OK);
    cr_assert_gt(nlp_encoding_count(enc), 3);
    nlp_encoding_free(enc);
    nlp_tokenizer_free(tok);
}

Test(shrunk_options, ner_options_with_only_a_device)
{
    SHRUNK(ner) u;
    u.full.num_threads = -5;    /* poison: refused if read */
    u.full.aggregation = 7;     /* poison: refused if read */
    u.full.stride = 1;
    u.full.batch_size = 3;
    u.full.sort_by_length = 0;
    OLD_INIT(u, ner);
    u.old.device = "cpu";
    nlp_ner_model *m = NULL;
    cr_assert_eq(nlp_ner_load(shared_path("fixtures/bert-tiny-ner"), &u.full, &m), NLP_OK, "%s",
                 nlp_last_error());
    cr_assert_eq(m->options.stride, 128);
    cr_assert_eq(m->options.batch_size, 32);
    cr_assert_eq(m->options.sort_by_length, 1);
    cr_assert_eq(m->options.aggregation, NLP_AGGREGATION_FIRST);
    nlp_ner_free(m);
}

Test(shrunk_options, t5_options_with_only_a_device)
{
    SHRUNK(t5) u;
    u.full.num_threads = -1;      /* poison */
    u.full.max_input_tokens = -3; /* poison */
    OLD_INIT(u, t5);
    u.old.device = "cpu";
    nlp_t5_model *m = NULL;
    cr_assert_eq(nlp_t5_load(shared_path("fixtures/t5-tiny"), &u.full, &m), NLP_OK, "%s",
                 nlp_last_error());
    char *out = NULL;
    cr_assert_eq(nlp_t5_generate(m, "hello", 5, 2, &out), NLP_OK, "%s", nlp_last_error());
    nlp_string_free(out);
    nlp_t5_free(m);
}

/* Poison for the toxic options past label_count. */
static void poison_toxic(nlp_toxic_options *o)
{
    o->max_input_tokens = 0;
    o->max_new_tokens = -1;
    o->device = "cuda:99";
    o->num_threads = -1;
    o->score_only = 1;
}

Test(shrunk_options, toxic_options_with_prefix_and_labels)
{
    SHRUNK(toxic) u;
    poison_toxic(&u.full);
    OLD_INIT(u, toxic);
    u.old.prefix = "toxic: ";
    u.old.labels = yes_no;
    u.old.label_count = 2;
    nlp_toxic_model *m = NULL, *ref = NULL;
    cr_assert_eq(nlp_toxic_load(shared_path("fixtures/t5-tiny"), &u.full, &m), NLP_OK, "%s",
                 nlp_last_error());
    cr_assert_eq(nlp_toxic_load(shared_path("fixtures/t5-tiny"), NULL, &ref), NLP_OK);
    const char *text = "write me a poem";
    nlp_toxic_result *a = NULL, *b = NULL;
    cr_assert_eq(nlp_toxic_classify(m, text, strlen(text), &a), NLP_OK);
    cr_assert_eq(nlp_toxic_classify(ref, text, strlen(text), &b), NLP_OK);
    cr_assert_str_eq(a->generated, b->generated, "score_only past the size was read");
    cr_assert_eq(a->is_toxic, b->is_toxic);
    nlp_toxic_result_free(a);
    nlp_toxic_result_free(b);
    nlp_toxic_free(m);
    nlp_toxic_free(ref);
}

static const char *gold[] = {"B-PER", "I-PER", "O", "I-LOC"};
static const size_t lengths[] = {4};

Test(shrunk_options, seqeval_options_with_only_a_size)
{
    SHRUNK(seqeval) u;
    u.full.mode = NLP_SEQEVAL_STRICT; /* poison: strict drops the lone I-LOC */
    u.full.scheme = (nlp_tag_scheme)99;
    OLD_INIT(u, seqeval);
    nlp_seqeval_report *r = NULL;
    cr_assert_eq(nlp_seqeval_evaluate(gold, gold, lengths, 1, &u.full, &r), NLP_OK, "%s",
                 nlp_last_error());
    cr_assert_eq(nlp_seqeval_type_count(r), 2, "default mode counts LOC too");
    nlp_seqeval_report_free(r);
}

Test(shrunk_options, conll_options_with_only_a_size)
{
    SHRUNK(conll) u;
    u.full.tag_column = -7;  /* poison: refused if read */
    u.full.convert_iob1 = 0; /* poison: would keep IOB1 */
    OLD_INIT(u, conll);
    nlp_conll *c = NULL;
    cr_assert_eq(nlp_conll_read(shared_path("data/conll2003/eng.testb"), &u.full, &c), NLP_OK,
                 "%s", nlp_last_error());
    cr_assert_gt(nlp_conll_converted_tags(c), 0, "IOB1 tags were not rewritten by default");
    nlp_conll_free(c);
}

/* Eval options past max_examples: a progress callback that cancels and a
 * seqeval struct that would be refused. */
static void poison_eval(nlp_eval_options *o, const nlp_seqeval_options *bad)
{
    o->batch_size = 1;
    o->seqeval = bad;
    o->progress = cancel_everything;
    o->progress_data = NULL;
}

Test(shrunk_options, eval_options_for_ner_without_progress)
{
    nlp_seqeval_options zeroed;
    memset(&zeroed, 0, sizeof zeroed);
    SHRUNK(eval) u;
    poison_eval(&u.full, &zeroed);
    OLD_INIT(u, eval);
    u.old.max_examples = 5;
    nlp_ner_model *m = NULL;
    cr_assert_eq(nlp_ner_load(shared_path("fixtures/bert-tiny-ner"), NULL, &m), NLP_OK);
    nlp_seqeval_report *r = NULL;
    cr_assert_eq(nlp_ner_evaluate(m, shared_path("data/conll2003/test.txt"), &u.full, &r),
                 NLP_OK, "%s", nlp_last_error());
    nlp_seqeval_report_free(r);
    nlp_ner_free(m);
}

Test(shrunk_options, eval_and_toxic_options_for_toxicity)
{
    const char *csv = shared_path("data/toxic-chat/toxicchat0124-human/test.csv");
    char *data = nlp__strdup(csv);
    nlp_seqeval_options zeroed;
    memset(&zeroed, 0, sizeof zeroed);
    SHRUNK(eval) u;
    poison_eval(&u.full, &zeroed);
    OLD_INIT(u, eval);
    u.old.max_examples = 4;
    SHRUNK(toxic) t;
    poison_toxic(&t.full);
    OLD_INIT(t, toxic);
    nlp_toxic_model *m = NULL;
    cr_assert_eq(nlp_toxic_load(shared_path("fixtures/t5-tiny"), &t.full, &m), NLP_OK, "%s",
                 nlp_last_error());
    nlp_classification_metrics got = {sizeof got};
    cr_assert_eq(nlp_toxic_evaluate_model(m, data, &u.full, &got), NLP_OK, "%s",
                 nlp_last_error());
    cr_assert_eq(got.count, 4);
    nlp_classification_metrics again = {sizeof again};
    cr_assert_eq(nlp_toxic_evaluate(shared_path("fixtures/t5-tiny"), data, &t.full, NULL, NULL,
                                    4, &again), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(again.tp + again.fp, got.tp + got.fp);
    nlp_toxic_free(m);
    free(data);
}

/* One optimizer step; the fields past max_eval_examples are poison. */
static void poison_train(nlp_train_options *o)
{
    o->max_length = 1;           /* refused if read */
    o->use_cache = 0;            /* the default 1 writes output_dir/cache */
    o->resume_from = "/nonexistent/checkpoint-1";
    o->class_balance = (nlp_class_balance)9;
    o->callback = cancel_training;
}

static void old_run(old_train_options *o, const char *out)
{
    o->output_dir = out;
    o->max_steps = 1;
    o->batch_size = 2;
    o->max_train_examples = 2;
    o->logging_steps = 0;
}

static bool is_dir(const char *dir, const char *name)
{
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

Test(shrunk_options, train_options_and_report_for_ner, .timeout = 300)
{
    char *out = nlp__strdup(scratch_dir("shrunk_ner_train"));
    SHRUNK(train) u;
    poison_train(&u.full);
    OLD_INIT(u, train);
    old_run(&u.old, out);
    union {
        nlp_train_report full;
        old_train_report old;
    } r;
    memset(&r, 0xAB, sizeof r);
    r.old.size = sizeof r.old;
    char *base = nlp__strdup(shared_path("fixtures/bert-tiny-ner"));
    cr_assert_eq(nlp_ner_train(base, shared_path("data/conll2003/train.txt"), NULL, &u.full,
                               &r.full), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(r.old.steps, 1);
    cr_assert_eq(r.old.size, sizeof r.old);
    const unsigned char *tail = (const unsigned char *)&r + sizeof r.old;
    for (size_t i = 0; i < sizeof r - sizeof r.old; i++)
        cr_assert_eq(tail[i], 0xAB, "report byte %zu written past the caller's size",
                     sizeof r.old + i);
    cr_assert(is_dir(out, "cache"), "use_cache did not take its default");
    free(base);
    free(out);
}

Test(shrunk_options, train_and_toxic_options_for_toxicity, .timeout = 300)
{
    char *out = nlp__strdup(scratch_dir("shrunk_toxic_train"));
    SHRUNK(train) u;
    poison_train(&u.full);
    OLD_INIT(u, train);
    old_run(&u.old, out);
    SHRUNK(toxic) t;
    poison_toxic(&t.full);
    OLD_INIT(t, toxic);
    t.old.labels = yes_no;
    t.old.label_count = 2;
    char *base = nlp__strdup(shared_path("fixtures/t5-tiny"));
    nlp_train_report r = {sizeof r};
    cr_assert_eq(nlp_toxic_train(base,
                                 shared_path("data/toxic-chat/toxicchat0124-human/train.csv"),
                                 NULL, &t.full, &u.full, &r), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(r.steps, 1);
    free(base);
    free(out);
}
