/* toxic.h - toxicity as text-to-text: prefix + text into a T5 encoder, a
 * label word out of its decoder, the word mapped to a verdict and a score. */
#ifndef NLP_TASK_TOXIC_H
#define NLP_TASK_TOXIC_H

#include "task/t5_text.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A label word with its tokens (no </s>), as the decoder would emit it. */
typedef struct nlp__toxic_label {
    char *word;
    bool toxic;
} nlp__toxic_label;

/* Invariants: labels are distinct non-empty token sequences without <unk>;
 * candidates.ids/offsets hold them in label order. */
struct nlp_toxic_model {
    nlp__t5_text *t5;
    char *prefix;
    nlp__toxic_label *labels;
    size_t label_count;
    int32_t *candidate_ids;
    size_t *candidate_offsets;
    size_t max_input_tokens, max_new_tokens; /* max_new_tokens 0: score only */
    size_t max_text_bytes, max_batch_texts;  /* input limits, defaults applied */
};

/* Resolved options: NULL / 0 fields take the defaults documented in nlp.h. */
typedef struct nlp__toxic_settings {
    const char *prefix;
    const nlp_toxic_label *labels;
    size_t label_count;
    size_t max_input_tokens;
    size_t max_new_tokens;
    bool score_only;
    const char *device; /* resolved ("cpu", "cuda:0") */
    size_t max_text_bytes, max_batch_texts; /* 0: the defaults (core.h) */
} nlp__toxic_settings;

nlp_status nlp__toxic_load(const char *dir, const nlp__toxic_settings *settings,
                           nlp_toxic_model **out);
void nlp__toxic_free(nlp_toxic_model *model); /* NULL ok */

/* Texts are valid UTF-8 (checked by the caller). results[0..n) receive new
 * results; on failure all are NULL. */
nlp_status nlp__toxic_classify(const nlp_toxic_model *model, const char *const *texts,
                               const size_t *lens, size_t n, nlp_toxic_result **results);

/* The verdict for one text given the label-word log-probabilities
 * logprobs[label_count] and the generated text (see nlp_toxic_classify in
 * nlp.h). Fills every field but generated. */
void nlp__toxic_verdict(const nlp__toxic_label *labels, size_t label_count,
                        const double *logprobs, const char *generated,
                        nlp_toxic_result *result);

void nlp__toxic_result_free(nlp_toxic_result *result); /* NULL ok */

#ifdef __cplusplus
}
#endif

#endif
