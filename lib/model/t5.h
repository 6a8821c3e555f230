/* t5.h - T5ForConditionalGeneration on libtorch, behind a C interface so the
 * task room stays C.
 *
 * Covers both Hugging Face layouts: original T5 (ReLU feed-forward, LM head
 * tied to the shared embedding, decoder output scaled by d_model^-0.5) and
 * T5 v1.1 / Flan-T5 (gated tanh-GELU, untied lm_head). Float32 inference
 * under at::InferenceMode. A loaded model is immutable: every function here
 * may be called from many threads at once on the same model. */
#ifndef NLP_MODEL_T5_H
#define NLP_MODEL_T5_H

#include "core/core.h"
#include "io/hf_config.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nlp__t5_model nlp__t5_model;

/* Load the weights named by config->weights_path onto device ("cpu",
 * "cuda:N"; NULL means cpu; the caller has checked it). The config is
 * copied. Errors: NLP_ERR_FORMAT naming a missing or mis-shaped tensor,
 * NLP_ERR_IO / NLP_ERR_FORMAT from the weight file, NLP_ERR_UNSUPPORTED for
 * a feed-forward activation other than relu / gelu_new. */
nlp_status nlp__t5_model_load(const nlp__hf_config *config, const char *device, nlp__t5_model **out);
void nlp__t5_model_free(nlp__t5_model *model); /* NULL ok */

const nlp__t5_config *nlp__t5_model_config(const nlp__t5_model *model);

/* A right-padded batch of encoder inputs: ids[b * len + i]; mask likewise
 * (1 = real token, 0 = padding; NULL = every position real). */
typedef struct nlp__t5_batch {
    const int32_t *ids;
    const int32_t *mask;
    size_t batch, len;
} nlp__t5_batch;

/* Encoder last hidden state (after the final layer norm) into
 * out[batch * len * d_model]. */
nlp_status nlp__t5_model_encoder_hidden(const nlp__t5_model *model, const nlp__t5_batch *src, float *out);

/* Teacher forcing: decoder_ids[batch * dec_len] (start token first, i.e.
 * labels shifted right) -> LM logits out[batch * dec_len * vocab]. */
nlp_status nlp__t5_model_logits(const nlp__t5_model *model, const nlp__t5_batch *src,
                          const int32_t *decoder_ids, size_t dec_len, float *out);

/* Greedy decoding as transformers' generate(num_beams=1, do_sample=False):
 * every row starts with the decoder start token; a row that has produced
 * </s> continues with pad; decoding stops when every row has finished or
 * after max_new_tokens steps. out_ids[batch * (1 + max_new_tokens)] receives
 * the start token then the chosen ids (pad after the last step);
 * *steps the number of steps taken. use_cache selects incremental decoding
 * (self-attention keys/values kept per layer, cross-attention keys/values
 * computed once); false recomputes the whole prefix each step (the reference
 * the cache is tested against). step_logits, when not NULL, receives every
 * step's logits [batch][max_new_tokens][vocab] (steps not taken untouched). */
nlp_status nlp__t5_model_generate(const nlp__t5_model *model, const nlp__t5_batch *src,
                            size_t max_new_tokens, bool use_cache, int32_t *out_ids,
                            size_t *steps, float *step_logits);

/* Candidate decoder outputs: sequence i is ids[offsets[i] .. offsets[i+1]). */
typedef struct nlp__t5_sequences {
    const int32_t *ids;
    const size_t *offsets; /* count + 1 entries */
    size_t count;
} nlp__t5_sequences;

/* Classification in one encoder pass: for each row, the log-probability of
 * each candidate sequence as the start of the output (sum of the teacher-
 * forced token log-probabilities; no </s> added) into
 * logprobs[batch * count], and, when max_new_tokens > 0, greedy generation
 * as nlp__t5_model_generate (with the cache) into gen_ids / *steps. */
nlp_status nlp__t5_model_classify(const nlp__t5_model *model, const nlp__t5_batch *src,
                            const nlp__t5_sequences *candidates, double *logprobs,
                            size_t max_new_tokens, int32_t *gen_ids, size_t *steps);

/* Write a randomly initialised checkpoint for config (Hugging Face's T5
 * init: shared / lm_head N(0, f), q N(0, f (d_model d_kv)^-1/2), k, v
 * N(0, f d_model^-1/2), o N(0, f (heads d_kv)^-1/2), relative bias
 * N(0, f d_model^-1/2), wi N(0, f d_model^-1/2), wo N(0, f d_ff^-1/2),
 * layer norms f) to weights_path as safetensors, drawn from seed. */
nlp_status nlp__t5_model_init_weights(const nlp__t5_config *config, uint64_t seed,
                                const char *weights_path);

#ifdef __cplusplus
}
#endif

#endif
