/* optim.cpp - AdamW and gradient clipping (see optim.hpp). Every update is
 * the same sequence of ATen in-place ops that torch/optim/adamw.py
 * (_single_tensor_adamw, 1.13) issues, with the scalar coefficients computed
 * in double as Python computes them. */
#include "train/optim.hpp"

#include <cmath>

namespace nlp {

bool param_decays(const std::string &name)
{
    return name.find("bias") == std::string::npos &&
           name.find("LayerNorm.weight") == std::string::npos &&
           name.find("layer_norm.weight") == std::string::npos;
}

AdamW::AdamW(std::vector<Param> params, AdamWConfig config)
    : params_(std::move(params)), config_(config)
{
}

void AdamW::zero_grad()
{
    for (Param &p : params_)
        if (p.value.grad().defined())
            p.value.mutable_grad() = at::Tensor();
}

void AdamW::step(double lr)
{
    at::NoGradGuard no_grad;
    steps_++;
    /* torch keeps the step as a float32 tensor and reads it back with
     * .item(): exact for any count below 2^24. */
    const double step = (double)(float)steps_;
    const double b1 = config_.beta1, b2 = config_.beta2;
    const double bias_correction1 = 1.0 - std::pow(b1, step);
    const double bias_correction2 = 1.0 - std::pow(b2, step);
    const double step_size = lr / bias_correction1;
    const double bias_correction2_sqrt = std::sqrt(bias_correction2);
    for (Param &p : params_) {
        const at::Tensor &grad = p.value.grad();
        if (!grad.defined())
            continue;
        if (!p.exp_avg.defined()) {
            p.exp_avg = at::zeros_like(p.value, at::MemoryFormat::Preserve);
            p.exp_avg_sq = at::zeros_like(p.value, at::MemoryFormat::Preserve);
        }
        const double wd = p.decay ? config_.weight_decay : 0.0;
        p.value.mul_(1.0 - lr * wd);
        p.exp_avg.mul_(b1).add_(grad, 1.0 - b1);
        p.exp_avg_sq.mul_(b2).addcmul_(grad, grad, 1.0 - b2);
        at::Tensor denom = (p.exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(config_.eps);
        p.value.addcdiv_(p.exp_avg, denom, -step_size);
    }
}

TensorMap AdamW::state() const
{
    TensorMap out;
    for (const Param &p : params_) {
        if (!p.exp_avg.defined())
            continue;
        out["exp_avg/" + p.name] = p.exp_avg.clone();
        out["exp_avg_sq/" + p.name] = p.exp_avg_sq.clone();
    }
    out["step"] = at::scalar_tensor(steps_, at::kLong);
    return out;
}

static nlp_status load_one(const TensorMap &state, const std::string &key,
                           const at::Tensor &like, at::Tensor &dst)
{
    auto it = state.find(key);
    if (it == state.end())
        return nlp__fail(NLP_ERR_FORMAT, "optimizer state: missing tensor \"%s\"",
                         key.c_str());
    if (it->second.sizes() != like.sizes())
        return nlp__fail(NLP_ERR_FORMAT, "optimizer state: \"%s\" has the wrong shape",
                         key.c_str());
    dst = it->second.to(like.options()).clone().contiguous();
    return NLP_OK;
}

nlp_status AdamW::load_state(const TensorMap &state)
{
    auto step = state.find("step");
    if (step == state.end() || step->second.numel() != 1)
        return nlp__fail(NLP_ERR_FORMAT, "optimizer state: missing \"step\"");
    int64_t steps = step->second.to(at::kLong).item<int64_t>();
    std::vector<at::Tensor> avg(params_.size()), avg_sq(params_.size());
    for (size_t i = 0; i < params_.size() && steps > 0; i++) {
        const Param &p = params_[i];
        nlp_status st = load_one(state, "exp_avg/" + p.name, p.value, avg[i]);
        if (st == NLP_OK)
            st = load_one(state, "exp_avg_sq/" + p.name, p.value, avg_sq[i]);
        if (st != NLP_OK)
            return st;
    }
    /* Nothing changes until every tensor is known good. */
    for (size_t i = 0; i < params_.size(); i++) {
        params_[i].exp_avg = avg[i];
        params_[i].exp_avg_sq = avg_sq[i];
    }
    steps_ = steps;
    return NLP_OK;
}

double clip_grad_norm(std::vector<Param> &params, double max_norm)
{
    at::NoGradGuard no_grad;
    std::vector<at::Tensor> norms;
    for (Param &p : params)
        if (p.value.grad().defined())
            norms.push_back(at::norm(p.value.grad(), 2));
    if (norms.empty())
        return 0.0;
    at::Tensor total = at::norm(at::stack(norms), 2);
    if (max_norm > 0) {
        /* Python's `max_norm / tensor` is tensor.reciprocal() * max_norm
         * (Tensor.__rdiv__), not the fill-and-divide of ATen's C++
         * operator: spelled out to round the same way. */
        at::Tensor coef = (total + 1e-6).reciprocal().mul(max_norm);
        coef = at::clamp(coef, c10::nullopt, 1.0);
        for (Param &p : params)
            if (p.value.grad().defined())
                p.value.mutable_grad().mul_(coef);
    }
    return total.item<double>();
}

} // namespace nlp
