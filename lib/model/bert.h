/* bert.h - the BERT token classifier as the C rooms above see it (task,
 * api). The implementation is C++ (bert.cpp); this header stays C. */
#ifndef NLP_MODEL_BERT_H
#define NLP_MODEL_BERT_H

#include "core/core.h"
#include "io/hf_config.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nlp__bert_model nlp__bert_model;

/* Load the weights named by config->weights_path onto device ("cpu",
 * "cuda:N", as nlp_device_check resolved it). Weights become float32 and
 * contiguous. Errors: NLP_ERR_FORMAT naming a missing or mis-shaped tensor
 * (the message also lists unexpected tensors), NLP_ERR_UNSUPPORTED for an
 * unknown hidden_act, a config without labels, or a checkpoint that is not
 * a token classifier (architectures naming none, or none named and a
 * pooler in the weights), NLP_ERR_IO. */
nlp_status nlp__bert_model_load(const nlp__hf_config *config, const char *device,
                          nlp__bert_model **out);
void nlp__bert_model_free(nlp__bert_model *model); /* NULL ok */

size_t nlp__bert_model_num_labels(const nlp__bert_model *model);
/* max_position_embeddings: the longest sequence the model accepts. */
int64_t nlp__bert_model_max_positions(const nlp__bert_model *model);

/* Logits of a right-padded batch: ids and mask are batch x seq_len
 * (mask 1 = real token, 0 = padding; token types are all 0), out receives
 * batch x seq_len x num_labels floats. Runs under inference mode and touches
 * no shared mutable state, so any number of threads may call it at once on
 * one model. Errors: NLP_ERR_INVALID_ARG (id out of range, seq_len over
 * the position table), NLP_ERR_RUNTIME (libtorch). */
nlp_status nlp__bert_model_logits(const nlp__bert_model *model, const int64_t *ids,
                            const int64_t *mask, size_t batch, size_t seq_len,
                            float *out);

/* Write a randomly initialised BertForTokenClassification for config (as
 * Hugging Face initialises one: weights N(0, initializer_range), the
 * pad_token_id row of the word embeddings zero, biases 0, LayerNorm weight
 * 1) to weights_path as safetensors. The same seed gives the same file. */
nlp_status nlp__bert_model_init_weights(const nlp__hf_config *config, uint64_t seed,
                                  const char *weights_path);

#ifdef __cplusplus
}
#endif

#endif
