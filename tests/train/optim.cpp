/* AdamW, clipping and the decay rule against hand-computed references. */
#include "train/optim.hpp"
extern "C" {
#include "test_support.h"
}

#include <criterion/criterion.h>
#include <jansson.h>

#include <cmath>

using nlp::Param;

static std::vector<Param> make_params(std::vector<std::vector<float>> values)
{
    std::vector<Param> params;
    for (size_t i = 0; i < values.size(); i++) {
        Param p;
        p.name = i == 0 ? "layer.weight" : "layer.bias";
        p.decay = nlp::param_decays(p.name);
        p.value = at::tensor(values[i], at::kFloat).requires_grad_(true);
        params.push_back(p);
    }
    return params;
}

static void set_grads(std::vector<Param> &params, int step)
{
    for (size_t i = 0; i < params.size(); i++) {
        int64_t n = params[i].value.numel();
        params[i].value.mutable_grad() =
            at::arange(n, at::kFloat).mul(0.3 * (i + 1)).sub(0.5).mul(1.0 / step);
    }
}

/* The AdamW recurrence in double, written from the paper's equations as
 * torch states them, for one scalar parameter. */
struct RefAdamW {
    double p, m = 0, v = 0;
    void step(int t, double g, double lr, double wd)
    {
        p *= 1 - lr * wd;
        m = 0.9 * m + 0.1 * g;
        v = 0.999 * v + 0.001 * g * g;
        double denom = std::sqrt(v) / std::sqrt(1 - std::pow(0.999, t)) + 1e-8;
        p -= lr / (1 - std::pow(0.9, t)) * m / denom;
    }
};

Test(adamw, follows_the_reference_recurrence_with_decay_groups)
{
    auto params = make_params({{0.5f, -1.0f, 2.0f}, {0.1f, 0.2f}});
    cr_assert(params[0].decay);
    cr_assert_not(params[1].decay);
    nlp::AdamWConfig cfg;
    cfg.weight_decay = 0.1;
    nlp::AdamW opt(params, cfg);
    std::vector<RefAdamW> ref = {{0.5}, {-1.0}, {2.0}, {0.1}, {0.2}};
    for (int t = 1; t <= 4; t++) {
        set_grads(opt.params(), t);
        double lr = 1e-2 * t;
        int k = 0;
        for (size_t i = 0; i < 2; i++) {
            auto g = opt.params()[i].value.grad();
            for (int64_t j = 0; j < g.numel(); j++, k++)
                ref[k].step(t, g[j].item<double>(), lr, i == 0 ? 0.1 : 0.0);
        }
        opt.step(lr);
    }
    int k = 0;
    for (size_t i = 0; i < 2; i++) {
        auto v = opt.params()[i].value;
        for (int64_t j = 0; j < v.numel(); j++, k++)
            cr_assert_float_eq(v[j].item<double>(), ref[k].p, 1e-6,
                               "param %zu[%ld]: %g vs %g", i, (long)j,
                               v[j].item<double>(), ref[k].p);
    }
    cr_assert_eq(opt.steps(), 4);
}

Test(adamw, resumed_state_continues_bit_identically)
{
    auto init = make_params({{0.5f, -1.0f, 2.0f}, {0.1f, 0.2f}});
    nlp::AdamW straight(make_params({{0.5f, -1.0f, 2.0f}, {0.1f, 0.2f}}), {});
    for (int t = 1; t <= 5; t++) {
        set_grads(straight.params(), t);
        straight.step(1e-2);
    }
    nlp::AdamW first(init, {});
    for (int t = 1; t <= 3; t++) {
        set_grads(first.params(), t);
        first.step(1e-2);
    }
    nlp::TensorMap state = first.state();
    std::vector<Param> carried;
    for (Param &p : first.params()) {
        Param q;
        q.name = p.name;
        q.decay = p.decay;
        q.value = p.value.detach().clone().requires_grad_(true);
        carried.push_back(q);
    }
    nlp::AdamW second(carried, {});
    cr_assert_eq(second.load_state(state), NLP_OK, "%s", nlp_last_error());
    for (int t = 4; t <= 5; t++) {
        set_grads(second.params(), t);
        second.step(1e-2);
    }
    for (size_t i = 0; i < 2; i++)
        cr_assert(at::equal(second.params()[i].value, straight.params()[i].value));
    state.erase("exp_avg/layer.bias");
    nlp::AdamW third(carried, {});
    cr_assert_eq(third.load_state(state), NLP_ERR_FORMAT);
}

Test(adamw, parameters_without_grad_are_left_alone)
{
    nlp::AdamW opt(make_params({{1.0f}, {2.0f}}), {});
    opt.params()[0].value.mutable_grad() = at::ones({1});
    opt.step(0.1);
    cr_assert_float_neq(opt.params()[0].value.item<double>(), 1.0, 1e-9);
    cr_assert_eq(opt.params()[1].value.item<double>(), 2.0);
    opt.zero_grad();
    cr_assert_not(opt.params()[0].value.grad().defined());
}

Test(clip, scales_to_max_norm_and_returns_the_total)
{
    auto params = make_params({{3.0f, 0.0f}, {0.0f, 4.0f}});
    params[0].value.mutable_grad() = at::tensor({3.0f, 0.0f});
    params[1].value.mutable_grad() = at::tensor({0.0f, 4.0f});
    double total = nlp::clip_grad_norm(params, 1.0);
    cr_assert_float_eq(total, 5.0, 1e-6);
    double after = nlp::clip_grad_norm(params, 0);
    cr_assert_float_eq(after, 5.0 / (5.0 + 1e-6), 1e-6);
    /* Below the bound nothing changes. */
    double again = nlp::clip_grad_norm(params, 10.0);
    cr_assert_float_eq(again, after, 1e-7);
    cr_assert_float_eq(nlp::clip_grad_norm(params, 0), after, 1e-7);
}

/* The Trainer's rule against the fixture's own decay / no-decay lists. */
Test(decay_rule, matches_the_fixture_lists_and_t5_layer_norms)
{
    const char *path = shared_path("fixtures/bert-tiny-ner-train/train_steps.json");
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    cr_assert_not_null(root, "%s", err.text);
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(root, "no_decay_parameters"), i, v)
        cr_assert_not(nlp::param_decays(json_string_value(v)), "%s", json_string_value(v));
    json_array_foreach(json_object_get(root, "decay_parameters"), i, v)
        cr_assert(nlp::param_decays(json_string_value(v)), "%s", json_string_value(v));
    json_decref(root);
    cr_assert_not(nlp::param_decays("encoder.block.0.layer.0.layer_norm.weight"));
    cr_assert_not(nlp::param_decays("decoder.final_layer_norm.weight"));
    cr_assert(nlp::param_decays("encoder.block.0.layer.1.DenseReluDense.wi.weight"));
    cr_assert(nlp::param_decays("shared.weight"));
}
