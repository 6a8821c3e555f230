/* t5_train.hpp - T5ForConditionalGeneration as a differentiable function
 * for training: trainable parameters and the teacher-forced loss exactly as
 * transformers' T5ForConditionalGeneration(labels=...) computes it. The
 * forward is the one inference uses (t5.cpp), run outside InferenceMode. */
#ifndef NLP_MODEL_T5_TRAIN_HPP
#define NLP_MODEL_T5_TRAIN_HPP

#include "model/t5.hpp"

#include <string>
#include <utility>
#include <vector>

namespace nlp {
namespace t5 {

/* Replace every tensor of m by an owned float32 copy with requires_grad
 * set (a tied lm_head keeps aliasing shared) and return them by Hugging
 * Face name in named_parameters() order. m must not be in use elsewhere. */
std::vector<std::pair<std::string, at::Tensor>> make_trainable(nlp__t5_model &m);

/* _shift_right: decoder inputs = start token, then labels[:, :-1] with
 * -100 replaced by pad. labels [B, T] long. */
at::Tensor shift_right(const nlp__t5_model &m, const at::Tensor &labels);

/* Mean cross-entropy of the LM logits over label positions != -100 (the
 * loss of T5ForConditionalGeneration). ids [B, S] long, mask [B, S] float.
 * row_weights, when defined, is [B] float: the weighted mean
 * sum(w_b * ce_bt) / sum(w_b * 1[label_bt != -100]), as CrossEntropyLoss
 * weights classes. dropout as in encode()/decode(). */
at::Tensor seq2seq_loss(const nlp__t5_model &m, const at::Tensor &ids, const at::Tensor &mask,
                        const at::Tensor &labels, double dropout,
                        const at::Tensor &row_weights = at::Tensor());

} // namespace t5
} // namespace nlp

#endif
