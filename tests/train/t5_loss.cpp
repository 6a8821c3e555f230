/* The training T5 forward: the seq2seq loss equals transformers' on the
 * fixture batches, row weights give the per-example losses, every
 * parameter gets a gradient, and the gradients agree with central finite
 * differences (in double precision). */
#include "model/t5_train.hpp"
extern "C" {
#include "test_support.h"
}

#include <criterion/criterion.h>

#include <cmath>

namespace {

struct Loaded {
    nlp__hf_config *config = nullptr;
    nlp__t5_model *model = nullptr;
    nlp::TensorMap expected;
    ~Loaded()
    {
        nlp__t5_model_free(model);
        nlp__hf_config_free(config);
    }
};

void load(const char *fixture, Loaded &out)
{
    std::string dir = shared_path(fixture);
    cr_assert_eq(nlp__hf_config_load(dir.c_str(), &out.config), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(nlp__t5_model_load(out.config, "cpu", &out.model), NLP_OK, "%s",
                 nlp_last_error());
    cr_assert_eq(nlp::load_weights((dir + "/expected.safetensors").c_str(), out.expected),
                 NLP_OK, "%s", nlp_last_error());
}

double rel_diff(double got, double want)
{
    return std::fabs(got - want) / std::fabs(want);
}

void check_loss(const char *fixture)
{
    Loaded f;
    load(fixture, f);
    auto params = nlp::t5::make_trainable(*f.model);
    const at::Tensor ids = f.expected.at("input_ids");
    const at::Tensor mask = f.expected.at("attention_mask").to(at::kFloat);
    const at::Tensor labels = f.expected.at("labels");
    cr_assert(at::equal(nlp::t5::shift_right(*f.model, labels), f.expected.at("decoder_input_ids")));

    at::Tensor loss = nlp::t5::seq2seq_loss(*f.model, ids, mask, labels, 0.0);
    double want = f.expected.at("loss").item<double>();
    cr_assert_lt(rel_diff(loss.item<double>(), want), 1e-5, "%s: loss %.9g vs %.9g", fixture,
                 loss.item<double>(), want);

    /* One-hot row weights select one example's mean loss. */
    const at::Tensor per_row = f.expected.at("loss_per_example");
    for (int64_t b = 0; b < ids.size(0); b++) {
        at::Tensor w = at::zeros({ids.size(0)}, at::kFloat);
        w[b] = 1.0;
        double got = nlp::t5::seq2seq_loss(*f.model, ids, mask, labels, 0.0, w).item<double>();
        double row = per_row[b].item<double>();
        cr_assert_lt(rel_diff(got, row), 1e-5, "%s row %lld: %.9g vs %.9g", fixture,
                     (long long)b, got, row);
    }

    loss.backward();
    for (auto &p : params) {
        const at::Tensor &g = p.second.grad();
        cr_assert(g.defined(), "%s: %s has no gradient", fixture, p.first.c_str());
        cr_assert(at::isfinite(g).all().item<bool>(), "%s", p.first.c_str());
        cr_assert_gt(g.abs().max().item<double>(), 0.0, "%s: %s gradient is zero", fixture,
                     p.first.c_str());
    }
}

} // namespace

Test(t5_train, loss_and_per_example_losses_match_transformers, .timeout = 120)
{
    check_loss("fixtures/t5-tiny");       /* relu, tied: decoder output scaled */
    check_loss("fixtures/t5-tiny-gated"); /* gated gelu, untied lm_head */
}

/* d loss / d t along a random direction of each parameter, against
 * (loss(θ + εd) - loss(θ - εd)) / 2ε, with the whole model in double. */
Test(t5_train, gradients_match_finite_differences, .timeout = 120)
{
    Loaded f;
    load("fixtures/t5-tiny-gated", f);
    auto slots = nlp::t5::named_tensors(*f.model);
    for (auto &s : slots)
        *s.second = s.second->to(at::kDouble).requires_grad_(true);
    const int64_t rows = 4;
    const at::Tensor ids = f.expected.at("input_ids").narrow(0, 0, rows);
    const at::Tensor mask = f.expected.at("attention_mask").narrow(0, 0, rows).to(at::kDouble);
    const at::Tensor labels = f.expected.at("labels").narrow(0, 0, rows);
    auto loss_of = [&] { return nlp::t5::seq2seq_loss(*f.model, ids, mask, labels, 0.0); };
    loss_of().backward();

    at::Generator gen = at::detail::createCPUGenerator(5);
    const double eps = 1e-6;
    double worst = 0;
    for (auto &s : slots) {
        at::Tensor &p = *s.second;
        at::Tensor d = at::normal(0.0, 1.0, p.sizes(), gen, at::kDouble);
        double analytic = (p.grad() * d).sum().item<double>();
        double plus, minus;
        {
            at::NoGradGuard no_grad;
            p.add_(d, eps);
            plus = loss_of().item<double>();
            p.add_(d, -2 * eps);
            minus = loss_of().item<double>();
            p.add_(d, eps);
        }
        double numeric = (plus - minus) / (2 * eps);
        double err = std::fabs(analytic - numeric) / std::max(1e-3, std::fabs(numeric));
        worst = std::max(worst, err);
        cr_assert_lt(err, 1e-5, "%s: analytic %.12g, numeric %.12g", s.first.c_str(), analytic,
                     numeric);
    }
    cr_log_info("finite differences: worst relative error %g over %zu tensors", worst,
                slots.size());
}
