/* compat_0_1.c - the exported nlp_<x>_options_default() functions of
 * libnlp 0.1, for binaries built against the 0.1 header. They returned the
 * struct by value, so each returns the struct exactly as 0.1 laid it out
 * (frozen below, comments dropped), filled by nlp_<x>_options_init with
 * the 0.1 size. The 0.2 header declares inline wrappers of the same names
 * instead (hidden from the library's own build by NLP_BUILDING_LIBRARY),
 * so new binaries never call these. Never edit the frozen structs. */
#include "core/core.h"

#include <assert.h>
#include <string.h>

typedef struct options_0_1_encode {
    size_t size;
    int add_special_tokens;
    size_t max_length;
} options_0_1_encode;

typedef struct options_0_1_ner {
    size_t size;
    const char *device;
    int num_threads;
    size_t batch_size;
    size_t max_length;
    size_t stride;
    nlp_aggregation aggregation;
    int sort_by_length;
} options_0_1_ner;

typedef struct options_0_1_t5 {
    size_t size;
    const char *device;
    int num_threads;
    int max_input_tokens;
} options_0_1_t5;

typedef struct options_0_1_toxic {
    size_t size;
    const char *prefix;
    const nlp_toxic_label *labels;
    size_t label_count;
    int max_input_tokens;
    int max_new_tokens;
    const char *device;
    int num_threads;
    int score_only;
} options_0_1_toxic;

typedef struct options_0_1_seqeval {
    size_t size;
    nlp_seqeval_mode mode;
    nlp_tag_scheme scheme;
} options_0_1_seqeval;

typedef struct options_0_1_conll {
    size_t size;
    int tag_column;
    int convert_iob1;
} options_0_1_conll;

typedef struct options_0_1_train {
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
    unsigned long long seed;
    long long eval_steps;
    long long logging_steps;
    const char *metric_for_best;
    int save_total_limit;
    int early_stopping_patience;
    long long max_steps;
    size_t max_train_examples;
    size_t max_eval_examples;
    size_t max_length;
    int label_all_tokens;
    int group_by_length;
    int use_cache;
    const char *resume_from;
    nlp_class_balance class_balance;
    const char *text_column, *label_column;
    nlp_train_callback callback;
    void *callback_data;
} options_0_1_train;

/* Fill a frozen 0.1 struct: its first bytes are the current struct's. */
#define NLP__OPTIONS_0_1(x)                                                          \
    static_assert(sizeof(options_0_1_##x) <= sizeof(nlp_##x##_options),                \
                  "options structs only grow");                                      \
    NLP_API options_0_1_##x nlp_##x##_options_default(void)                             \
    {                                                                                \
        nlp_##x##_options now;                                                       \
        options_0_1_##x old;                                                         \
        nlp_##x##_options_init(&now, sizeof old);                                    \
        memcpy(&old, &now, sizeof old);                                              \
        return old;                                                                  \
    }

NLP__OPTIONS_0_1(encode)
NLP__OPTIONS_0_1(ner)
NLP__OPTIONS_0_1(t5)
NLP__OPTIONS_0_1(toxic)
NLP__OPTIONS_0_1(seqeval)
NLP__OPTIONS_0_1(conll)
NLP__OPTIONS_0_1(train)
