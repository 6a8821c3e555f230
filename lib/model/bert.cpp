/* bert.cpp - BertForTokenClassification in plain ATen ops: load by Hugging
 * Face names, forward, and the C interface of bert.h. */
#include "model/bert.h"
#include "model/bert.hpp"

#include "core/barrier.hpp"
#include "model/weight_check.hpp"

#include <c10/core/InferenceMode.h>

#include <cmath>
#include <cstring>
#include <limits>

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

/* The spellings a checkpoint may use for a bert_parameters() name: no
 * "bert." prefix (saved from a bare BertModel) and TF-era gamma/beta. */
static std::vector<std::string> spellings(const std::string &name)
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
    return candidates;
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

nlp_status bert_from_tensors(const TensorMap &t, const char *source, const at::Device &device,
                             BertModel &m)
{
    std::vector<BertParam> params = bert_parameters(m);
    std::vector<WantedTensor> wanted;
    for (const BertParam &p : params)
        wanted.push_back({p.name, spellings(p.name), p.shape});
    std::vector<const at::Tensor *> found;
    nlp_status st = check_tensors(t, wanted, source, is_ignored_buffer, found, nullptr);
    if (st != NLP_OK)
        return st;
    for (size_t i = 0; i < params.size(); i++)
        *params[i].tensor = found[i]->to(device, at::kFloat).contiguous();
    return NLP_OK;
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

/* nlp_ner_load runs token classifiers only: a checkpoint whose config
 * names other architectures, or (naming none) whose tensors have the pooler
 * a sequence classifier adds, would load and tag garbage. */
static nlp_status check_token_classifier(const nlp__hf_config &c, const nlp::TensorMap &t)
{
    auto token_classifier = [](const std::string &a) {
        const std::string tail = "ForTokenClassification";
        return a.size() >= tail.size() && a.compare(a.size() - tail.size(), tail.size(), tail) == 0;
    };
    std::string names;
    for (size_t i = 0; i < c.n_architectures; i++) {
        if (token_classifier(c.architectures[i]))
            return NLP_OK;
        names += (i ? ", " : "") + std::string(c.architectures[i]);
    }
    if (c.n_architectures)
        return nlp__fail(NLP_ERR_UNSUPPORTED, "%s/config.json: architectures %s: not a token "
                         "classifier (a *ForTokenClassification checkpoint is needed)",
                         c.dir, names.c_str());
    for (const char *pooler : {"bert.pooler.dense.weight", "pooler.dense.weight"})
        if (t.count(pooler))
            return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: tensor %s is a sequence classifier's "
                             "pooler (BertForSequenceClassification): not a token classifier",
                             c.weights_path, pooler);
    return NLP_OK;
}

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
            st = check_token_classifier(*config, tensors);
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
