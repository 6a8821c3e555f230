/* bert_train.cpp - the differentiable BERT token classifier (see
 * bert_train.hpp). Each line mirrors a line of transformers' modeling_bert:
 * the same ATen calls in the same order give the same rounding. */
#include "model/bert_train.hpp"

#include <cmath>
#include <cstring>
#include <limits>

namespace nlp {

namespace {

const at::Tensor &param(const BertTrainModel &m, const std::string &name)
{
    return m.params.at(name);
}

at::Tensor linear(const BertTrainModel &m, const at::Tensor &x, const std::string &prefix)
{
    return at::linear(x, param(m, prefix + ".weight"), param(m, prefix + ".bias"));
}

at::Tensor layer_norm(const BertTrainModel &m, const at::Tensor &x, const std::string &prefix)
{
    return at::layer_norm(x, {m.config.hidden_size}, param(m, prefix + ".weight"),
                          param(m, prefix + ".bias"), m.config.layer_norm_eps);
}

at::Tensor activation(const std::string &act, const at::Tensor &x)
{
    if (act == "relu")
        return at::relu(x);
    if (act == "gelu_new") /* NewGELUActivation, written out as HF does */
        return 0.5 * x * (1.0 + at::tanh(std::sqrt(2.0 / M_PI) *
                                         (x + 0.044715 * at::pow(x, 3.0))));
    return at::gelu(x);
}

/* [B, L, H] -> [B, heads, L, head_size] (transpose_for_scores) */
at::Tensor split_heads(const at::Tensor &x, int64_t heads)
{
    auto s = x.sizes();
    return x.view({s[0], s[1], heads, s[2] / heads}).permute({0, 2, 1, 3});
}

at::Tensor self_attention(const BertTrainModel &m, const at::Tensor &h,
                          const at::Tensor &ext_mask, const std::string &p, bool train)
{
    const int64_t heads = m.config.num_attention_heads;
    const int64_t head_size = m.config.hidden_size / heads;
    at::Tensor mixed_query = linear(m, h, p + ".query");
    at::Tensor key = split_heads(linear(m, h, p + ".key"), heads);
    at::Tensor value = split_heads(linear(m, h, p + ".value"), heads);
    at::Tensor query = split_heads(mixed_query, heads);
    at::Tensor scores = at::matmul(query, key.transpose(-1, -2));
    scores = scores / std::sqrt((double)head_size);
    scores = scores + ext_mask;
    at::Tensor probs = at::softmax(scores, -1);
    probs = at::dropout(probs, m.config.attention_probs_dropout_prob, train);
    at::Tensor context = at::matmul(probs, value).permute({0, 2, 1, 3}).contiguous();
    auto s = context.sizes();
    return context.view({s[0], s[1], m.config.hidden_size});
}

at::Tensor layer(const BertTrainModel &m, const at::Tensor &h, const at::Tensor &ext_mask,
                 int64_t i, bool train)
{
    const std::string p = "bert.encoder.layer." + std::to_string(i);
    const double drop = m.config.hidden_dropout_prob;
    at::Tensor attn = self_attention(m, h, ext_mask, p + ".attention.self", train);
    attn = at::dropout(linear(m, attn, p + ".attention.output.dense"), drop, train);
    attn = layer_norm(m, attn + h, p + ".attention.output.LayerNorm");
    at::Tensor inter = activation(m.act, linear(m, attn, p + ".intermediate.dense"));
    at::Tensor out = at::dropout(linear(m, inter, p + ".output.dense"), drop, train);
    return layer_norm(m, out + attn, p + ".output.LayerNorm");
}

at::Tensor embeddings(const BertTrainModel &m, const at::Tensor &ids,
                      const at::Tensor &type_ids, bool train)
{
    const int64_t len = ids.size(1);
    at::Tensor pos = at::arange(len, ids.options().dtype(at::kLong)).unsqueeze(0);
    at::Tensor x = at::embedding(param(m, "bert.embeddings.word_embeddings.weight"), ids,
                                 m.config.pad_token_id);
    x = x + at::embedding(param(m, "bert.embeddings.token_type_embeddings.weight"), type_ids);
    x = x + at::embedding(param(m, "bert.embeddings.position_embeddings.weight"), pos);
    x = layer_norm(m, x, "bert.embeddings.LayerNorm");
    return at::dropout(x, m.config.hidden_dropout_prob, train);
}

} // namespace

std::vector<std::string> bert_token_param_names(int64_t num_layers)
{
    std::vector<std::string> n = {
        "bert.embeddings.word_embeddings.weight",
        "bert.embeddings.position_embeddings.weight",
        "bert.embeddings.token_type_embeddings.weight",
        "bert.embeddings.LayerNorm.weight", "bert.embeddings.LayerNorm.bias"};
    static const char *per_layer[] = {
        "attention.self.query.weight", "attention.self.query.bias",
        "attention.self.key.weight", "attention.self.key.bias",
        "attention.self.value.weight", "attention.self.value.bias",
        "attention.output.dense.weight", "attention.output.dense.bias",
        "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias",
        "intermediate.dense.weight", "intermediate.dense.bias",
        "output.dense.weight", "output.dense.bias",
        "output.LayerNorm.weight", "output.LayerNorm.bias"};
    for (int64_t i = 0; i < num_layers; i++)
        for (const char *s : per_layer)
            n.push_back("bert.encoder.layer." + std::to_string(i) + "." + s);
    n.push_back("classifier.weight");
    n.push_back("classifier.bias");
    return n;
}

static std::vector<int64_t> expected_shape(const nlp__bert_config &c, int64_t labels,
                                           const std::string &name)
{
    const int64_t h = c.hidden_size, f = c.intermediate_size;
    auto ends = [&](const char *s) {
        size_t n = strlen(s);
        return name.size() >= n && name.compare(name.size() - n, n, s) == 0;
    };
    if (ends("word_embeddings.weight")) return {c.vocab_size, h};
    if (ends("position_embeddings.weight")) return {c.max_position_embeddings, h};
    if (ends("token_type_embeddings.weight")) return {c.type_vocab_size, h};
    if (ends("classifier.weight")) return {labels, h};
    if (ends("classifier.bias")) return {labels};
    if (ends("intermediate.dense.weight")) return {f, h};
    if (ends("intermediate.dense.bias")) return {f};
    if (ends("output.dense.weight") && name.find("attention") == std::string::npos)
        return {h, f};
    if (ends(".weight") && name.find("LayerNorm") == std::string::npos) return {h, h};
    return {h};
}

nlp_status bert_train_model_init(const nlp__bert_config &config, int64_t num_labels,
                                 const TensorMap &weights, BertTrainModel &out)
{
    const std::string act = config.hidden_act ? config.hidden_act : "gelu";
    if (act != "gelu" && act != "gelu_new" && act != "relu")
        return nlp__fail(NLP_ERR_UNSUPPORTED, "hidden_act \"%s\" is not supported for training",
                         act.c_str());
    if (num_labels < 1 || config.hidden_size % config.num_attention_heads != 0)
        return nlp__fail(NLP_ERR_FORMAT, "bad BERT shape: %lld labels, hidden %lld, %lld heads",
                         (long long)num_labels, (long long)config.hidden_size,
                         (long long)config.num_attention_heads);
    out.config = config;
    out.config.hidden_act = nullptr;
    out.act = act;
    out.num_labels = num_labels;
    out.names = bert_token_param_names(config.num_hidden_layers);
    out.params.clear();
    for (const std::string &name : out.names) {
        auto it = weights.find(name);
        if (it == weights.end())
            return nlp__fail(NLP_ERR_FORMAT, "weights: missing tensor \"%s\"", name.c_str());
        std::vector<int64_t> want = expected_shape(config, num_labels, name);
        if (it->second.sizes() != at::IntArrayRef(want))
            return nlp__fail(NLP_ERR_FORMAT, "weights: tensor \"%s\" has the wrong shape",
                             name.c_str());
        out.params[name] = it->second.to(at::kFloat).clone().contiguous().requires_grad_(true);
    }
    return NLP_OK;
}

at::Tensor bert_token_logits(const BertTrainModel &m, const at::Tensor &input_ids,
                             const at::Tensor &token_type_ids,
                             const at::Tensor &attention_mask, bool train)
{
    /* get_extended_attention_mask: (1 - mask) * finfo(float32).min */
    at::Tensor ext = attention_mask.unsqueeze(1).unsqueeze(2).to(at::kFloat);
    ext = at::rsub(ext, 1.0) * (double)std::numeric_limits<float>::lowest();
    at::Tensor h = embeddings(m, input_ids, token_type_ids, train);
    for (int64_t i = 0; i < m.config.num_hidden_layers; i++)
        h = layer(m, h, ext, i, train);
    h = at::dropout(h, m.config.hidden_dropout_prob, train);
    return at::linear(h, param(m, "classifier.weight"), param(m, "classifier.bias"));
}

at::Tensor token_classification_loss(const at::Tensor &logits, const at::Tensor &labels,
                                     const at::Tensor &class_weights)
{
    return at::cross_entropy_loss(logits.reshape({-1, logits.size(-1)}), labels.reshape({-1}),
                                  class_weights, at::Reduction::Mean, -100, 0.0);
}

} // namespace nlp
