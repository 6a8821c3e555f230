/* t5_weights.cpp - T5 checkpoints in and out: the tensor list a config
 * needs, loading and checking a Hugging Face checkpoint into an nlp__t5_model, and
 * the random init (Hugging Face's T5 scheme) for new checkpoints. */
#include "model/t5.hpp"

#include "core/barrier.hpp"
#include "model/weight_check.hpp"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/core/grad_mode.h>
#include <c10/core/InferenceMode.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <sstream>

namespace nlp {
namespace t5 {
namespace {

void add_attention(std::vector<WeightSpec> &specs, const std::string &prefix,
                   const nlp__t5_config &c, bool relative_bias)
{
    double f = c.initializer_factor;
    int64_t inner = c.num_heads * c.d_kv;
    double kv_std = f * std::pow(double(c.d_model), -0.5);
    specs.push_back({prefix + "q.weight", {inner, c.d_model},
                     f * std::pow(double(c.d_model * c.d_kv), -0.5), 0});
    specs.push_back({prefix + "k.weight", {inner, c.d_model}, kv_std, 0});
    specs.push_back({prefix + "v.weight", {inner, c.d_model}, kv_std, 0});
    specs.push_back(
        {prefix + "o.weight", {c.d_model, inner}, f * std::pow(double(inner), -0.5), 0});
    if (relative_bias)
        specs.push_back({prefix + "relative_attention_bias.weight",
                         {c.relative_attention_num_buckets, c.num_heads},
                         f * std::pow(double(c.d_model), -0.5), 0});
}

void add_feed_forward(std::vector<WeightSpec> &specs, const std::string &prefix,
                      const nlp__t5_config &c)
{
    double f = c.initializer_factor;
    double in_std = f * std::pow(double(c.d_model), -0.5);
    if (c.is_gated) {
        specs.push_back({prefix + "wi_0.weight", {c.d_ff, c.d_model}, in_std, 0});
        specs.push_back({prefix + "wi_1.weight", {c.d_ff, c.d_model}, in_std, 0});
    } else {
        specs.push_back({prefix + "wi.weight", {c.d_ff, c.d_model}, in_std, 0});
    }
    specs.push_back(
        {prefix + "wo.weight", {c.d_model, c.d_ff}, f * std::pow(double(c.d_ff), -0.5), 0});
}

void add_norm(std::vector<WeightSpec> &specs, const std::string &name, const nlp__t5_config &c)
{
    specs.push_back({name, {c.d_model}, 0, c.initializer_factor});
}

} // namespace

std::vector<WeightSpec> weight_specs(const nlp__t5_config &c)
{
    std::vector<WeightSpec> specs;
    specs.push_back({"shared.weight", {c.vocab_size, c.d_model}, c.initializer_factor, 0});
    for (int64_t i = 0; i < c.num_layers; i++) {
        std::string b = "encoder.block." + std::to_string(i) + ".layer.";
        add_attention(specs, b + "0.SelfAttention.", c, i == 0);
        add_norm(specs, b + "0.layer_norm.weight", c);
        add_feed_forward(specs, b + "1.DenseReluDense.", c);
        add_norm(specs, b + "1.layer_norm.weight", c);
    }
    add_norm(specs, "encoder.final_layer_norm.weight", c);
    for (int64_t i = 0; i < c.num_decoder_layers; i++) {
        std::string b = "decoder.block." + std::to_string(i) + ".layer.";
        add_attention(specs, b + "0.SelfAttention.", c, i == 0);
        add_norm(specs, b + "0.layer_norm.weight", c);
        add_attention(specs, b + "1.EncDecAttention.", c, false);
        add_norm(specs, b + "1.layer_norm.weight", c);
        add_feed_forward(specs, b + "2.DenseReluDense.", c);
        add_norm(specs, b + "2.layer_norm.weight", c);
    }
    add_norm(specs, "decoder.final_layer_norm.weight", c);
    if (!c.tie_word_embeddings)
        specs.push_back({"lm_head.weight", {c.vocab_size, c.d_model}, c.initializer_factor, 0});
    return specs;
}

/* Tensors a T5 checkpoint may hold beside weight_specs(): the per-stack
 * aliases of the shared embedding, a tied lm_head (a .bin keeps all four
 * names), and the cross-attention bias original T5 exports carry (Hugging
 * Face ignores it too). */
static bool ignored_t5_tensor(const nlp__t5_config &c, const std::string &name)
{
    return name == "encoder.embed_tokens.weight" || name == "decoder.embed_tokens.weight" ||
           (c.tie_word_embeddings && name == "lm_head.weight") ||
           name == "decoder.block.0.layer.1.EncDecAttention.relative_attention_bias.weight";
}

nlp_status checked_weights(const nlp__t5_config &config, const char *path,
                           const TensorMap &loaded, const at::Device &device, TensorMap &out)
{
    std::vector<WantedTensor> wanted;
    for (const WeightSpec &spec : weight_specs(config)) {
        WantedTensor w{spec.name, {}, spec.shape};
        /* Some exports keep only the per-stack aliases of the embedding. */
        if (spec.name == "shared.weight")
            w.spellings = {spec.name, "encoder.embed_tokens.weight", "decoder.embed_tokens.weight"};
        wanted.push_back(w);
    }
    std::vector<const at::Tensor *> found;
    nlp_status st = check_tensors(
        loaded, wanted, path,
        [&](const std::string &name) { return ignored_t5_tensor(config, name); }, found, nullptr);
    if (st != NLP_OK)
        return st;
    for (size_t i = 0; i < wanted.size(); i++)
        out[wanted[i].name] = found[i]->to(device, at::kFloat);
    return NLP_OK;
}

namespace {

using Slots = std::map<std::string, at::Tensor *>;

void attention_slots(Slots &s, const std::string &prefix, Attention &a)
{
    s[prefix + "q.weight"] = &a.q;
    s[prefix + "k.weight"] = &a.k;
    s[prefix + "v.weight"] = &a.v;
    s[prefix + "o.weight"] = &a.o;
}

void feed_forward_slots(Slots &s, const std::string &prefix, FeedForward &ff)
{
    s[prefix + "wi.weight"] = &ff.wi;
    s[prefix + "wi_0.weight"] = &ff.wi_0;
    s[prefix + "wi_1.weight"] = &ff.wi_1;
    s[prefix + "wo.weight"] = &ff.wo;
}

/* Where each Hugging Face name lives in the struct (a superset of the
 * config's names: gated and plain feed-forward names both appear). */
Slots slot_table(nlp__t5_model &m)
{
    Slots s;
    s["shared.weight"] = &m.shared;
    s["lm_head.weight"] = &m.lm_head;
    s["encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"] = &m.enc_rel_bias;
    s["decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"] = &m.dec_rel_bias;
    s["encoder.final_layer_norm.weight"] = &m.enc_final_norm;
    s["decoder.final_layer_norm.weight"] = &m.dec_final_norm;
    for (size_t i = 0; i < m.encoder.size(); i++) {
        std::string b = "encoder.block." + std::to_string(i) + ".layer.";
        EncoderLayer &l = m.encoder[i];
        s[b + "0.layer_norm.weight"] = &l.attn_norm;
        s[b + "1.layer_norm.weight"] = &l.ff_norm;
        attention_slots(s, b + "0.SelfAttention.", l.self);
        feed_forward_slots(s, b + "1.DenseReluDense.", l.ff);
    }
    for (size_t i = 0; i < m.decoder.size(); i++) {
        std::string b = "decoder.block." + std::to_string(i) + ".layer.";
        DecoderLayer &l = m.decoder[i];
        s[b + "0.layer_norm.weight"] = &l.self_norm;
        s[b + "1.layer_norm.weight"] = &l.cross_norm;
        s[b + "2.layer_norm.weight"] = &l.ff_norm;
        attention_slots(s, b + "0.SelfAttention.", l.self);
        attention_slots(s, b + "1.EncDecAttention.", l.cross);
        feed_forward_slots(s, b + "2.DenseReluDense.", l.ff);
    }
    return s;
}

} // namespace

std::vector<std::pair<std::string, at::Tensor *>> named_tensors(nlp__t5_model &m)
{
    Slots table = slot_table(m);
    std::vector<std::pair<std::string, at::Tensor *>> out;
    for (const WeightSpec &spec : weight_specs(m.config))
        out.emplace_back(spec.name, table.at(spec.name));
    return out;
}

} // namespace t5
} // namespace nlp

namespace {

using nlp::t5::Activation;

char *dup_or_null(const char *s)
{
    return s ? strdup(s) : nullptr;
}

void config_copy(nlp__t5_config &dst, const nlp__t5_config &src)
{
    dst = src;
    dst.feed_forward_proj = dup_or_null(src.feed_forward_proj);
    dst.dense_act_fn = dup_or_null(src.dense_act_fn);
    dst.task_prefix = dup_or_null(src.task_prefix);
    dst.task_label_count = 0; /* the model does not need them */
    dst.task_label_words = nullptr;
    dst.task_label_toxic = nullptr;
}

/* Hugging Face's ACT2FN names that T5 checkpoints use. */
bool activation_of(const nlp__t5_config &c, Activation &act)
{
    const char *name = c.dense_act_fn ? c.dense_act_fn : "relu";
    if (strcmp(name, "relu") == 0)
        act = Activation::Relu;
    else if (strcmp(name, "gelu_new") == 0 || strcmp(name, "gelu_pytorch_tanh") == 0)
        act = Activation::GeluTanh;
    else if (strcmp(name, "gelu") == 0)
        act = Activation::GeluErf;
    else if (strcmp(name, "silu") == 0 || strcmp(name, "swish") == 0)
        act = Activation::Silu;
    else
        return false;
    return true;
}

/* Arrange checked weights (names as weight_specs gives them) into m. */
void assemble(nlp__t5_model &m, nlp::TensorMap &w)
{
    m.encoder.resize(size_t(m.config.num_layers));
    m.decoder.resize(size_t(m.config.num_decoder_layers));
    for (auto &slot : nlp::t5::named_tensors(m))
        *slot.second = w[slot.first];
    if (m.tied)
        m.lm_head = m.shared;
}

nlp_status check_config(const nlp__t5_config &c)
{
    if (c.vocab_size <= 0 || c.d_model <= 0 || c.d_kv <= 0 || c.d_ff <= 0 || c.num_heads <= 0 ||
        c.num_layers <= 0 || c.num_decoder_layers <= 0 || c.relative_attention_num_buckets < 2 ||
        c.relative_attention_max_distance <= 0)
        return nlp__fail(NLP_ERR_FORMAT, "T5 config: sizes must be positive");
    Activation act;
    if (!activation_of(c, act))
        return nlp__fail(NLP_ERR_UNSUPPORTED, "T5 config: activation \"%s\" is not supported "
                         "(relu, gelu_new, gelu, silu)", c.dense_act_fn);
    return NLP_OK;
}

} // namespace

extern "C" nlp_status nlp__t5_model_load(const nlp__hf_config *config, const char *device,
                                         nlp__t5_model **out)
{
    if (!config || !out)
        return nlp__null_arg("T5 model load", config ? "out" : "config");
    if (config->type != NLP__MODEL_T5)
        return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: model_type \"%s\" is not t5", config->dir,
                         config->model_type ? config->model_type : "");
    if (!config->weights_path)
        return nlp__fail(NLP_ERR_IO, "%s: no model.safetensors or pytorch_model.bin", config->dir);
    nlp_status st = check_config(config->t5);
    if (st != NLP_OK)
        return st;
    return nlp::guard("loading T5", [&]() -> nlp_status {
        /* Not InferenceMode: training code may make these parameters. */
        at::NoGradGuard no_grad;
        nlp::TensorMap loaded, checked;
        nlp_status s = nlp::load_weights(config->weights_path, loaded);
        if (s != NLP_OK)
            return s;
        at::Device dev(device ? device : "cpu");
        s = nlp::t5::checked_weights(config->t5, config->weights_path, loaded, dev, checked);
        if (s != NLP_OK)
            return s;
        std::unique_ptr<nlp__t5_model> m(new nlp__t5_model());
        config_copy(m->config, config->t5);
        m->device = dev;
        activation_of(m->config, m->act);
        m->gated = m->config.is_gated;
        m->tied = m->config.tie_word_embeddings;
        assemble(*m, checked);
        *out = m.release();
        return NLP_OK;
    });
}

extern "C" void nlp__t5_model_free(nlp__t5_model *model)
{
    if (!model)
        return;
    free(model->config.feed_forward_proj);
    free(model->config.dense_act_fn);
    free(model->config.task_prefix);
    delete model;
}

extern "C" const nlp__t5_config *nlp__t5_model_config(const nlp__t5_model *model)
{
    return &model->config;
}

extern "C" nlp_status nlp__t5_model_init_weights(const nlp__t5_config *config, uint64_t seed,
                                                 const char *weights_path)
{
    if (!config || !weights_path)
        return nlp__null_arg("T5 weight init", config ? "weights_path" : "config");
    nlp_status st = check_config(*config);
    if (st != NLP_OK)
        return st;
    return nlp::guard("initialising T5", [&]() -> nlp_status {
        c10::InferenceMode inference;
        at::Generator gen = at::detail::createCPUGenerator(seed);
        nlp::TensorMap tensors;
        for (const nlp::t5::WeightSpec &spec : nlp::t5::weight_specs(*config)) {
            tensors[spec.name] =
                spec.init_std > 0
                    ? at::normal(0.0, spec.init_std, spec.shape, gen, at::kFloat)
                    : at::full(spec.shape, spec.init_fill, at::kFloat);
        }
        return nlp::save_weights(weights_path, tensors);
    });
}
