/* bert.cpp - BertForTokenClassification in plain ATen ops: load by Hugging
 * Face names, forward, and the C interface of bert.h. */
#include "model/bert.h"
#include "model/bert.hpp"

#include "core/barrier.hpp"

#include <c10/core/InferenceMode.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <set>

namespace nlp {

static nlp_status parse_activation(const char *name, Activation &act)
{
    std::string s = name ? name : "gelu";
    if (s == "gelu")
        act = Activation::GeluErf;
    else if (s == "gelu_new" || s == "gelu_pytorch_tanh")
        act = Activation::GeluTanh;
    else if (s == "relu")
        act = Activation::Relu;
    else
        return nlp__fail(NLP_ERR_UNSUPPORTED, "hidden_act \"%s\" is not supported "
                         "(gelu, gelu_new, relu)", s.c_str());
    return NLP_OK;
}

nlp_status bert_shape(const nlp__hf_config &config, BertModel &m)
{
    if (config.type != NLP__MODEL_BERT)
        return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: model_type \"%s\" is not a BERT model",
                         config.dir, config.model_type ? config.model_type : "?");
    const nlp__bert_config &c = config.bert;
    if (c.hidden_size <= 0 || c.num_attention_heads <= 0 ||
        c.hidden_size % c.num_attention_heads != 0 || c.num_hidden_layers < 0 ||
        c.intermediate_size <= 0 || c.vocab_size <= 0 || c.max_position_embeddings <= 0 ||
        c.type_vocab_size <= 0)
        return nlp__fail(NLP_ERR_FORMAT, "%s/config.json: inconsistent BERT sizes "
                         "(hidden_size %lld, num_attention_heads %lld)", config.dir,
                         (long long)c.hidden_size, (long long)c.num_attention_heads);
    if (config.num_labels == 0)
        return nlp__fail(NLP_ERR_FORMAT, "%s/config.json: no labels (id2label)", config.dir);
    nlp_status st = parse_activation(c.hidden_act, m.act);
    if (st != NLP_OK)
        return st;
    m.hidden = c.hidden_size;
    m.heads = c.num_attention_heads;
    m.intermediate = c.intermediate_size;
    m.vocab = c.vocab_size;
    m.max_positions = c.max_position_embeddings;
    m.type_vocab = c.type_vocab_size;
    m.num_labels = (int64_t)config.num_labels;
    m.pad_id = c.pad_token_id;
    m.ln_eps = c.layer_norm_eps > 0 ? c.layer_norm_eps : 1e-12;
    m.layers.assign((size_t)c.num_hidden_layers, BertLayer{});
    return NLP_OK;
}

std::vector<BertParam> bert_parameters(BertModel &m)
{
    const int64_t H = m.hidden, I = m.intermediate;
    std::vector<BertParam> p;
    p.push_back({"bert.embeddings.word_embeddings.weight", &m.word_emb, {m.vocab, H}});
    p.push_back({"bert.embeddings.position_embeddings.weight", &m.pos_emb, {m.max_positions, H}});
    p.push_back({"bert.embeddings.token_type_embeddings.weight", &m.type_emb, {m.type_vocab, H}});
    p.push_back({"bert.embeddings.LayerNorm.weight", &m.emb_ln_w, {H}});
    p.push_back({"bert.embeddings.LayerNorm.bias", &m.emb_ln_b, {H}});
    for (size_t i = 0; i < m.layers.size(); i++) {
        BertLayer &l = m.layers[i];
        std::string L = "bert.encoder.layer." + std::to_string(i) + ".";
        p.push_back({L + "attention.self.query.weight", &l.query_w, {H, H}});
        p.push_back({L + "attention.self.query.bias", &l.query_b, {H}});
        p.push_back({L + "attention.self.key.weight", &l.key_w, {H, H}});
        p.push_back({L + "attention.self.key.bias", &l.key_b, {H}});
        p.push_back({L + "attention.self.value.weight", &l.value_w, {H, H}});
        p.push_back({L + "attention.self.value.bias", &l.value_b, {H}});
        p.push_back({L + "attention.output.dense.weight", &l.attn_out_w, {H, H}});
        p.push_back({L + "attention.output.dense.bias", &l.attn_out_b, {H}});
        p.push_back({L + "attention.output.LayerNorm.weight", &l.attn_ln_w, {H}});
        p.push_back({L + "attention.output.LayerNorm.bias", &l.attn_ln_b, {H}});
        p.push_back({L + "intermediate.dense.weight", &l.inter_w, {I, H}});
        p.push_back({L + "intermediate.dense.bias", &l.inter_b, {I}});
        p.push_back({L + "output.dense.weight", &l.out_w, {H, I}});
        p.push_back({L + "output.dense.bias", &l.out_b, {H}});
        p.push_back({L + "output.LayerNorm.weight", &l.out_ln_w, {H}});
        p.push_back({L + "output.LayerNorm.bias", &l.out_ln_b, {H}});
    }
    p.push_back({"classifier.weight", &m.cls_w, {m.num_labels, H}});
    p.push_back({"classifier.bias", &m.cls_b, {m.num_labels}});
    return p;
}

/* Names a checkpoint may spell differently from bert_parameters(): no
 * "bert." prefix (saved from a bare BertModel) and TF-era gamma/beta. */
static const at::Tensor *find_tensor(const TensorMap &t, const std::string &name,
                                     std::set<std::string> &used)
{
    std::vector<std::string> candidates{name};
    if (name.compare(0, 5, "bert.") == 0)
        candidates.push_back(name.substr(5));
    for (size_t i = 0, n = candidates.size(); i < n; i++) {
        const std::string c = candidates[i]; /* a copy: push_back may move it */
        size_t k = c.rfind("LayerNorm.weight");
        if (k != std::string::npos && k + 16 == c.size())
            candidates.push_back(c.substr(0, k) + "LayerNorm.gamma");
        k = c.rfind("LayerNorm.bias");
        if (k != std::string::npos && k + 14 == c.size())
            candidates.push_back(c.substr(0, k) + "LayerNorm.beta");
    }
    for (const std::string &c : candidates) {
        auto it = t.find(c);
        if (it != t.end()) {
            used.insert(c);
            return &it->second;
        }
    }
    return nullptr;
}

static std::string shape_str(at::IntArrayRef s)
{
    std::string r = "[";
    for (size_t i = 0; i < s.size(); i++)
        r += (i ? ", " : "") + std::to_string(s[i]);
    return r + "]";
}

/* Buffers transformers saves in some versions and never needs here. */
static bool is_ignored_buffer(const std::string &name)
{
    auto ends = [&](const char *suffix) {
        size_t n = std::strlen(suffix);
        return name.size() >= n && name.compare(name.size() - n, n, suffix) == 0;
    };
    return ends("embeddings.position_ids") || ends("embeddings.token_type_ids");
}

static std::string unexpected_list(const TensorMap &t, const std::set<std::string> &used)
{
    std::string r;
    size_t n = 0;
    for (const auto &kv : t) {
        if (used.count(kv.first) || is_ignored_buffer(kv.first))
            continue;
        if (n < 8)
            r += (n ? ", " : "") + kv.first;
        n++;
    }
    if (n > 8)
        r += ", ... (" + std::to_string(n) + " in all)";
    return n ? "; unexpected tensors: " + r : "";
}

nlp_status bert_from_tensors(const TensorMap &t, const char *source, const at::Device &device,
                             BertModel &m)
{
    std::set<std::string> used;
    std::string problem;
    size_t problems = 0;
    for (BertParam &p : bert_parameters(m)) {
        const at::Tensor *found = find_tensor(t, p.name, used);
        std::string why;
        if (!found)
            why = "missing tensor " + p.name;
        else if (found->sizes() != at::IntArrayRef(p.shape))
            why = "tensor " + p.name + " has shape " + shape_str(found->sizes()) +
                  ", expected " + shape_str(p.shape);
        else if (!found->is_floating_point())
            why = "tensor " + p.name + " is not floating point";
        if (!why.empty()) {
            if (problems++ == 0)
                problem = why;
            continue;
        }
        *p.tensor = found->to(device, at::kFloat).contiguous();
    }
    if (problems == 0)
        return NLP_OK;
    std::string more = problems > 1 ? " (and " + std::to_string(problems - 1) +
                                          " more problems)" : "";
    return nlp__fail(NLP_ERR_FORMAT, "%s: %s%s%s", source, problem.c_str(), more.c_str(),
                     unexpected_list(t, used).c_str());
}

void bert_fuse_qkv(BertModel &m)
{
    for (BertLayer &l : m.layers) {
        l.qkv_w = at::cat({l.query_w, l.key_w, l.value_w}, 0).contiguous();
        l.qkv_b = at::cat({l.query_b, l.key_b, l.value_b}, 0).contiguous();
    }
}

static at::Tensor activate(const BertModel &m, const at::Tensor &x)
{
    switch (m.act) {
    case Activation::GeluTanh: return at::gelu(x, "tanh");
    case Activation::Relu: return at::relu(x);
    case Activation::GeluErf: break;
    }
    return at::gelu(x);
}

/* Self-attention of one layer: [B, T, H] -> [B, T, H] before the output
 * projection. mask_add is [B, 1, 1, T]: 0 for real keys, a huge negative
 * number for padding, as transformers' extended attention mask. */
static at::Tensor self_attention(const BertModel &m, const BertLayer &l, const at::Tensor &x,
                                 const at::Tensor &mask_add)
{
    const int64_t B = x.size(0), T = x.size(1), H = m.hidden, nh = m.heads, dh = H / nh;
    at::Tensor q, k, v;
    if (l.qkv_w.defined()) {
        auto qkv = at::linear(x, l.qkv_w, l.qkv_b).view({B, T, 3, nh, dh});
        q = qkv.select(2, 0).transpose(1, 2);
        k = qkv.select(2, 1).transpose(1, 2);
        v = qkv.select(2, 2).transpose(1, 2);
    } else {
        q = at::linear(x, l.query_w, l.query_b).view({B, T, nh, dh}).transpose(1, 2);
        k = at::linear(x, l.key_w, l.key_b).view({B, T, nh, dh}).transpose(1, 2);
        v = at::linear(x, l.value_w, l.value_b).view({B, T, nh, dh}).transpose(1, 2);
    }
    auto scores = at::matmul(q, k.transpose(-1, -2)) / std::sqrt((double)dh);
    auto probs = at::softmax(scores + mask_add, -1);
    return at::matmul(probs, v).transpose(1, 2).reshape({B, T, H});
}

static at::Tensor encoder_layer(const BertModel &m, const BertLayer &l, const at::Tensor &x,
                                const at::Tensor &mask_add)
{
    const std::vector<int64_t> norm{m.hidden};
    auto ctx = self_attention(m, l, x, mask_add);
    auto a = at::layer_norm(at::linear(ctx, l.attn_out_w, l.attn_out_b) + x, norm,
                            l.attn_ln_w, l.attn_ln_b, m.ln_eps);
    auto inter = activate(m, at::linear(a, l.inter_w, l.inter_b));
    return at::layer_norm(at::linear(inter, l.out_w, l.out_b) + a, norm, l.out_ln_w,
                          l.out_ln_b, m.ln_eps);
}

at::Tensor bert_forward(const BertModel &m, const at::Tensor &ids, const at::Tensor &mask,
                        const at::Tensor &token_types)
{
    const int64_t T = ids.size(1);
    /* transformers' order: word + token type, then + position. */
    auto x = at::embedding(m.word_emb, ids);
    if (token_types.defined())
        x = x + at::embedding(m.type_emb, token_types);
    else
        x = x + m.type_emb.select(0, 0);
    x = x + m.pos_emb.slice(0, 0, T);
    x = at::layer_norm(x, {m.hidden}, m.emb_ln_w, m.emb_ln_b, m.ln_eps);
    auto mask_add = (1.0 - mask.to(at::kFloat)).mul(std::numeric_limits<float>::lowest())
                        .view({ids.size(0), 1, 1, T});
    for (const BertLayer &l : m.layers)
        x = encoder_layer(m, l, x, mask_add);
    return at::linear(x, m.cls_w, m.cls_b);
}

} // namespace nlp

/* ---- the C interface (bert.h) ------------------------------------------ */

struct nlp__bert_model {
    nlp::BertModel model;
    at::Device device{at::kCPU};
};

extern "C" nlp_status nlp__bert_model_load(const nlp__hf_config *config, const char *device,
                                     nlp__bert_model **out)
{
    return nlp::guard("loading BERT", [&]() -> nlp_status {
        if (!config->weights_path)
            return nlp__fail(NLP_ERR_IO, "%s: no model.safetensors or pytorch_model.bin",
                             config->dir);
        auto *b = new nlp__bert_model;
        b->device = at::Device(device ? device : "cpu");
        nlp::TensorMap tensors;
        nlp_status st = nlp::bert_shape(*config, b->model);
        if (st == NLP_OK)
            st = nlp::load_weights(config->weights_path, tensors);
        if (st == NLP_OK)
            st = nlp::bert_from_tensors(tensors, config->weights_path, b->device, b->model);
        if (st != NLP_OK) {
            delete b;
            return st;
        }
        nlp::bert_fuse_qkv(b->model);
        *out = b;
        return NLP_OK;
    });
}

extern "C" void nlp__bert_model_free(nlp__bert_model *model)
{
    delete model;
}

extern "C" size_t nlp__bert_model_num_labels(const nlp__bert_model *model)
{
    return (size_t)model->model.num_labels;
}

extern "C" int64_t nlp__bert_model_max_positions(const nlp__bert_model *model)
{
    return model->model.max_positions;
}

static nlp_status check_inputs(const nlp::BertModel &m, const int64_t *ids,
                               const int64_t *mask, size_t n, size_t seq_len)
{
    if (seq_len > (size_t)m.max_positions)
        return nlp__fail(NLP_ERR_INVALID_ARG, "sequence length %zu exceeds the model's "
                         "%lld positions", seq_len, (long long)m.max_positions);
    for (size_t i = 0; i < n; i++) {
        if (ids[i] < 0 || ids[i] >= m.vocab)
            return nlp__fail(NLP_ERR_INVALID_ARG, "input id %lld at position %zu is outside "
                             "the vocabulary (%lld)", (long long)ids[i], i, (long long)m.vocab);
        if (mask[i] != 0 && mask[i] != 1)
            return nlp__fail(NLP_ERR_INVALID_ARG, "attention mask value %lld at position %zu "
                             "is not 0 or 1", (long long)mask[i], i);
    }
    return NLP_OK;
}

extern "C" nlp_status nlp__bert_model_logits(const nlp__bert_model *b, const int64_t *ids,
                                       const int64_t *mask, size_t batch, size_t seq_len,
                                       float *out)
{
    if (batch == 0 || seq_len == 0)
        return NLP_OK;
    nlp_status st = check_inputs(b->model, ids, mask, batch * seq_len, seq_len);
    if (st != NLP_OK)
        return st;
    return nlp::guard("BERT forward", [&]() -> nlp_status {
        c10::InferenceMode inference;
        auto shape = std::vector<int64_t>{(int64_t)batch, (int64_t)seq_len};
        /* from_blob does not copy: the caller's arrays outlive this call. */
        auto t_ids = at::from_blob((void *)ids, shape, at::kLong).to(b->device);
        auto t_mask = at::from_blob((void *)mask, shape, at::kLong).to(b->device);
        auto logits = nlp::bert_forward(b->model, t_ids, t_mask, at::Tensor())
                          .to(at::kCPU).contiguous();
        std::memcpy(out, logits.data_ptr<float>(), logits.numel() * sizeof(float));
        return NLP_OK;
    });
}
