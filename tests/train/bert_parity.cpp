/* Five AdamW steps of bert-tiny-ner against PyTorch
 * (fixtures/bert-tiny-ner-train, see its README). */
#include "model/bert_train.hpp"
#include "train/optim.hpp"
extern "C" {
#include "test_support.h"
}

#include <criterion/criterion.h>
#include <jansson.h>

#include <cmath>

static const char *DIR = "fixtures/bert-tiny-ner-train";

static nlp::TensorMap load(const char *file)
{
    std::string rel = std::string(DIR) + "/" + file;
    nlp::TensorMap out;
    nlp_status st = nlp::load_weights(shared_path(rel.c_str()), out);
    cr_assert_eq(st, NLP_OK, "%s: %s", file, nlp_last_error());
    return out;
}

/* Attention key biases: their true gradient is 0 (README). */
static bool noise_only(const std::string &name)
{
    return name.find("attention.self.key.bias") != std::string::npos;
}

static double max_abs_diff(const at::Tensor &a, const at::Tensor &b)
{
    return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}

static void check_grads(const nlp::AdamW &opt, const nlp::TensorMap &want)
{
    size_t compared = 0;
    double worst = 0;
    for (const nlp::Param &p : const_cast<nlp::AdamW &>(opt).params()) {
        const at::Tensor &g = p.value.grad();
        cr_assert(g.defined(), "%s has no gradient", p.name.c_str());
        if (noise_only(p.name)) {
            cr_assert_lt(g.abs().max().item<double>(), 1e-6, "%s", p.name.c_str());
            continue;
        }
        auto it = want.find(p.name);
        if (it == want.end())
            continue; /* word embeddings: left out of the fixture for size */
        double d = max_abs_diff(g, it->second);
        cr_assert_leq(d, 1e-5, "grad %s: max abs diff %g", p.name.c_str(), d);
        worst = d > worst ? d : worst;
        compared++;
    }
    cr_log_info("grad_step1: max abs diff %g", worst);
    cr_assert_eq(compared, want.size() - 2, "compared %zu of %zu", compared, want.size());
}

static void check_after5(const nlp::AdamW &opt, const nlp::TensorMap &start,
                         const nlp::TensorMap &want, double lr)
{
    double worst = 0;
    for (const nlp::Param &p : const_cast<nlp::AdamW &>(opt).params()) {
        if (noise_only(p.name)) {
            double moved = max_abs_diff(p.value.detach(), start.at(p.name));
            cr_assert_leq(moved, 5 * lr + 1e-9, "%s moved %g", p.name.c_str(), moved);
            continue;
        }
        double d = max_abs_diff(p.value.detach(), want.at(p.name));
        cr_assert_leq(d, 1e-5, "after5 %s: max abs diff %g", p.name.c_str(), d);
        worst = d > worst ? d : worst;
    }
    cr_log_info("after5: max abs diff %g", worst);
}

Test(bert_parity, five_adamw_steps_match_pytorch, .timeout = 300)
{
    json_error_t jerr;
    std::string steps_path = std::string(DIR) + "/train_steps.json";
    json_t *steps = json_load_file(shared_path(steps_path.c_str()), 0, &jerr);
    cr_assert_not_null(steps, "%s", jerr.text);
    nlp__hf_config *cfg = nullptr;
    cr_assert_eq(nlp__hf_config_load(shared_path(DIR), &cfg), NLP_OK, "%s", nlp_last_error());

    nlp::TensorMap start = load("model.safetensors");
    nlp::TensorMap batch = load("batch.safetensors");
    nlp::BertTrainModel model;
    cr_assert_eq(nlp::bert_train_model_init(cfg->bert, (int64_t)cfg->num_labels, start, model),
                 NLP_OK, "%s", nlp_last_error());
    std::vector<nlp::Param> params;
    for (const std::string &name : model.names)
        params.push_back({name, model.params.at(name), nlp::param_decays(name), {}, {}});
    const double lr = 1e-3;
    nlp::AdamWConfig oc;
    oc.lr = lr;
    oc.weight_decay = 0.01;
    nlp::AdamW opt(params, oc);

    json_t *losses = json_object_get(steps, "loss_before_each_step");
    for (size_t k = 0; k < 5; k++) {
        opt.zero_grad();
        at::Tensor logits = nlp::bert_token_logits(model, batch["input_ids"],
                                                   batch["token_type_ids"],
                                                   batch["attention_mask"], true);
        at::Tensor loss = nlp::token_classification_loss(logits, batch["labels"]);
        loss.backward();
        double want = json_real_value(json_array_get(losses, k));
        double got = loss.item<double>();
        cr_assert_leq(std::fabs(got - want), 1e-5 * std::fabs(want),
                      "loss before step %zu: %.9g vs %.9g", k + 1, got, want);
        cr_log_info("loss %zu: %.9g (PyTorch %.9g)", k + 1, got, want);
        if (k == 0) {
            double norm = nlp::clip_grad_norm(opt.params(), 0);
            double wn = json_real_value(json_object_get(steps, "grad_global_l2_norm_step1"));
            cr_assert_leq(std::fabs(norm - wn), 1e-5 * wn, "grad norm %.9g vs %.9g", norm, wn);
            check_grads(opt, load("grad_step1.safetensors"));
        }
        opt.step(lr);
    }
    check_after5(opt, start, load("after5.safetensors"), lr);

    at::NoGradGuard no_grad;
    at::Tensor logits = nlp::bert_token_logits(model, batch["input_ids"],
                                               batch["token_type_ids"],
                                               batch["attention_mask"], false);
    double after = nlp::token_classification_loss(logits, batch["labels"]).item<double>();
    double want = json_real_value(json_object_get(steps, "loss_after_5_steps"));
    cr_assert_leq(std::fabs(after - want), 1e-5 * want, "loss after 5: %.9g vs %.9g", after, want);
    nlp__hf_config_free(cfg);
    json_decref(steps);
}
