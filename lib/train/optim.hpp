/* optim.hpp - AdamW, gradient clipping and the weight-decay rule, exactly as
 * torch.optim.AdamW (torch 1.13, foreach=False, amsgrad=False,
 * maximize=False) and torch.nn.utils.clip_grad_norm_ compute them, so that a
 * run here follows a PyTorch run to the last bits the same ATen kernels give
 * (tests/train/bert_parity.cpp). */
#ifndef NLP_TRAIN_OPTIM_HPP
#define NLP_TRAIN_OPTIM_HPP

#include "core/core.h"
#include "model/weights.hpp"

#include <ATen/ATen.h>

#include <string>
#include <vector>

namespace nlp {

/* Hugging Face Trainer's rule: no decay for biases and normalisation
 * weights. transformers 4.40 excludes every parameter of a module in
 * ALL_LAYERNORM_LAYERS (nn.LayerNorm, and T5LayerNorm, which modeling_t5
 * appends) plus any name containing "bias". By HF names that is: "bias",
 * "LayerNorm.weight" (BERT), "layer_norm.weight" (T5, incl.
 * final_layer_norm). */
bool param_decays(const std::string &name);

struct AdamWConfig {
    double lr = 1e-3;
    double beta1 = 0.9, beta2 = 0.999;
    double eps = 1e-8;
    double weight_decay = 0.01; /* for parameters where param_decays() */
};

/* One trainable parameter: value is a leaf tensor with requires_grad set;
 * exp_avg / exp_avg_sq are undefined until the first step (torch creates
 * state lazily too). */
struct Param {
    std::string name;
    at::Tensor value;
    bool decay = true;
    at::Tensor exp_avg, exp_avg_sq;
};

class AdamW {
public:
    AdamW(std::vector<Param> params, AdamWConfig config);

    /* One update with learning rate lr (the schedule's value); parameters
     * without a gradient are skipped, as torch does. */
    void step(double lr);
    /* p.grad = None for every parameter (set_to_none, the torch 2 default
     * and what HF Trainer's model.zero_grad() does in 4.40). */
    void zero_grad();

    std::vector<Param> &params() { return params_; }
    const AdamWConfig &config() const { return config_; }
    int64_t steps() const { return steps_; }

    /* Optimizer state as tensors: "exp_avg/<name>", "exp_avg_sq/<name>"
     * (owned copies) and the step count as a 0-dim I64 "step". */
    TensorMap state() const;
    /* Restore from state(); NLP_ERR_FORMAT when a tensor is missing or has
     * another shape. */
    nlp_status load_state(const TensorMap &state);

private:
    std::vector<Param> params_;
    AdamWConfig config_;
    int64_t steps_ = 0;
};

/* torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type=2) of 1.13:
 * total = norm(stack([norm(g) for g])), coef = clamp(max_norm /
 * (total + 1e-6), max=1), every grad *= coef. Returns the total norm (before
 * clipping). max_norm <= 0 only measures. */
double clip_grad_norm(std::vector<Param> &params, double max_norm);

} // namespace nlp

#endif
