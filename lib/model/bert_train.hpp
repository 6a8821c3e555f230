/* bert_train.hpp - BertForTokenClassification as a differentiable function
 * of named parameter tensors, for training. The forward is the op-for-op
 * sequence of transformers 4.40's eager BERT (absolute positions, no
 * pooler), so gradients match PyTorch's (tests/train/bert_parity.cpp). */
#ifndef NLP_MODEL_BERT_TRAIN_HPP
#define NLP_MODEL_BERT_TRAIN_HPP

#include "core/core.h"
#include "io/hf_config.h"
#include "model/weights.hpp"

#include <ATen/ATen.h>

#include <string>
#include <vector>

namespace nlp {

struct BertTrainModel {
    nlp__bert_config config{};  /* hidden_act is not owned (see act) */
    std::string act;            /* "gelu", "gelu_new" or "relu" */
    int64_t num_labels = 0;
    std::vector<std::string> names; /* parameter names in torch module order */
    TensorMap params;               /* owned leaf tensors, requires_grad */
};

/* Names of BertForTokenClassification's parameters in named_parameters()
 * order (the order torch's clip_grad_norm_ sums norms in). */
std::vector<std::string> bert_token_param_names(int64_t num_layers);

/* Build a trainable model from a checkpoint's tensors (HF names; F16/BF16
 * converted to F32; every tensor copied so the file can be unmapped).
 * Errors: NLP_ERR_FORMAT naming a missing tensor or a wrong shape;
 * NLP_ERR_UNSUPPORTED for an unknown hidden_act. */
nlp_status bert_train_model_init(const nlp__bert_config &config, int64_t num_labels,
                                 const TensorMap &weights, BertTrainModel &out);

/* Logits [B, L, num_labels]. train turns dropout on (libtorch's default
 * generator; with both probabilities 0 training is deterministic). */
at::Tensor bert_token_logits(const BertTrainModel &model, const at::Tensor &input_ids,
                             const at::Tensor &token_type_ids,
                             const at::Tensor &attention_mask, bool train);

/* Mean cross-entropy over positions whose label is not -100 (torch's
 * CrossEntropyLoss defaults), optionally with per-class weights. */
at::Tensor token_classification_loss(const at::Tensor &logits, const at::Tensor &labels,
                                     const at::Tensor &class_weights = at::Tensor());

} // namespace nlp

#endif
