/* t5_text.h - a T5 checkpoint ready to take text: its config, tokenizer and
 * network, and the step from texts to a padded batch of encoder inputs
 * (shared by text-to-text generation and the toxicity classifier). */
#ifndef NLP_TASK_T5_TEXT_H
#define NLP_TASK_T5_TEXT_H

#include "io/hf_config.h"
#include "model/t5.h"
#include "text/t5_tokenizer.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Immutable once loaded: safe to use from many threads at once. */
typedef struct nlp__t5_text {
    nlp__hf_config *config;
    nlp__t5_tokenizer *tokenizer;
    nlp__t5_model *model;
    int32_t eos_id, pad_id, unk_id;
} nlp__t5_text;

/* Load dir (config.json, spiece.model or tokenizer.json, weights) onto a
 * device name the caller has resolved ("cpu", "cuda:0"). */
nlp_status nlp__t5_text_load(const char *dir, const char *device, nlp__t5_text **out);
void nlp__t5_text_free(nlp__t5_text *t5); /* NULL ok */

/* The pieces of prefix + text (tokenized as one string, as
 * tokenizer(prefix + text) does), without </s>, appended to enc. */
nlp_status nlp__t5_text_encode(const nlp__t5_text *t5, const char *prefix, const char *text,
                               size_t len, nlp__encoding *enc);

/* Token ids of one input: nlp__t5_text_encode's pieces cut by
 * nlp__t5_text_keep to fit max_tokens, then </s> (so truncation never
 * drops </s>). ids is malloc'd. */
typedef struct nlp__t5_input {
    int32_t *ids;
    size_t count;
} nlp__t5_input;

nlp_status nlp__t5_text_input(const nlp__t5_text *t5, const char *prefix, const char *text,
                              size_t len, size_t max_tokens, nlp__t5_input *out);

/* Right-pad inputs[order[0..n)] into one batch (ids and mask malloc'd;
 * free with nlp__t5_batch_free). */
nlp_status nlp__t5_batch_build(const nlp__t5_text *t5, const nlp__t5_input *inputs,
                               const size_t *order, size_t n, nlp__t5_batch *out);
void nlp__t5_batch_free(nlp__t5_batch *batch);

/* The text of generated ids (one row of nlp__t5_model_generate's output without
 * its start token), special tokens skipped. *text is malloc'd. */
nlp_status nlp__t5_text_decode(const nlp__t5_text *t5, const int32_t *ids, size_t n,
                               char **text);

#ifdef __cplusplus
}
#endif

#endif
