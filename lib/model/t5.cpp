/* t5.cpp - the T5 forward pass (ATen ops only), greedy generation with a
 * key/value cache and label-sequence scoring. Follows Hugging Face's
 * modeling_t5 operation for operation so results agree to float rounding. */
#include "model/t5.hpp"

#include "core/barrier.hpp"

#include <c10/core/InferenceMode.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace {

using nlp::t5::Activation;
using nlp::t5::Attention;
using nlp::t5::FeedForward;

/* T5LayerNorm: RMS only, no mean, no bias. */
at::Tensor rms_norm(const at::Tensor &x, const at::Tensor &weight, double eps)
{
    at::Tensor variance = x.pow(2).mean(-1, /*keepdim=*/true);
    return weight * (x * at::rsqrt(variance + eps));
}

/* Dropout as nn.Dropout in training mode; p == 0 is the identity. */
at::Tensor drop(const at::Tensor &x, double p)
{
    return p > 0 ? at::dropout(x, p, true) : x;
}

at::Tensor feed_forward(const nlp__t5_model &m, const FeedForward &ff, const at::Tensor &x,
                        double p)
{
    at::Tensor h = at::linear(x, m.gated ? ff.wi_0 : ff.wi);
    switch (m.act) {
    case Activation::Relu: h = at::relu(h); break;
    case Activation::GeluTanh: h = at::gelu(h, "tanh"); break;
    case Activation::GeluErf: h = at::gelu(h); break;
    case Activation::Silu: h = at::silu(h); break;
    }
    if (m.gated)
        h = h * at::linear(x, ff.wi_1);
    return at::linear(drop(h, p), ff.wo);
}

/* [B, T, heads * d_kv] -> [B, heads, T, d_kv] */
at::Tensor split_heads(const at::Tensor &x, int64_t heads)
{
    return x.view({x.size(0), x.size(1), heads, -1}).transpose(1, 2);
}

/* No 1/sqrt(d_kv) scaling: T5 folds it into the initialisation of q. bias
 * broadcasts to [B, heads, Tq, Tk] and carries the masks. */
at::Tensor attend(const Attention &a, const at::Tensor &q, const at::Tensor &k,
                  const at::Tensor &v, const at::Tensor &bias, double p = 0.0)
{
    at::Tensor scores = at::matmul(q, k.transpose(-1, -2)) + bias;
    at::Tensor ctx = at::matmul(drop(at::softmax(scores, -1), p), v);
    ctx = ctx.transpose(1, 2).reshape({ctx.size(0), ctx.size(2), -1});
    return at::linear(ctx, a.o);
}

/* Hugging Face's _relative_position_bucket, op for op (the float32 log
 * decides the bucket at its boundaries). */
at::Tensor relative_bucket(at::Tensor rel, bool bidirectional, int64_t num_buckets,
                           int64_t max_distance)
{
    at::Tensor buckets = at::zeros_like(rel);
    if (bidirectional) {
        num_buckets /= 2;
        buckets = buckets + (rel > 0).to(at::kLong) * num_buckets;
        rel = at::abs(rel);
    } else {
        rel = -at::minimum(rel, at::zeros_like(rel));
    }
    int64_t max_exact = num_buckets / 2;
    at::Tensor is_small = rel < max_exact;
    at::Tensor large =
        (at::log(rel.to(at::kFloat) / double(max_exact)) /
         std::log(double(max_distance) / double(max_exact)) * double(num_buckets - max_exact))
            .to(at::kLong) +
        max_exact;
    large = at::minimum(large, at::full_like(large, num_buckets - 1));
    return buckets + at::where(is_small, rel, large);
}

/* Position bias [1, heads, q_len, k_len] for queries at positions
 * q_start.. and keys at 0..k_len-1. */
at::Tensor position_bias(const nlp__t5_model &m, const at::Tensor &table, bool bidirectional,
                         int64_t q_start, int64_t q_len, int64_t k_len)
{
    auto opts = at::TensorOptions().dtype(at::kLong).device(m.device);
    at::Tensor context = at::arange(q_start, q_start + q_len, opts).unsqueeze(1);
    at::Tensor memory = at::arange(k_len, opts).unsqueeze(0);
    at::Tensor buckets =
        relative_bucket(memory - context, bidirectional, m.config.relative_attention_num_buckets,
                        m.config.relative_attention_max_distance);
    return at::embedding(table, buckets).permute({2, 0, 1}).unsqueeze(0);
}

/* 0 where attention is allowed, the float minimum where it is not, as
 * Hugging Face's get_extended_attention_mask: mask [B, S] -> [B, 1, 1, S]. */
at::Tensor additive_mask(const at::Tensor &mask)
{
    return ((1.0 - mask) * std::numeric_limits<float>::lowest()).unsqueeze(1).unsqueeze(1);
}

/* Queries at positions past.., keys at 0..past+len-1: a query sees the keys
 * up to its own position. [1, 1, len, past + len] additive. */
at::Tensor causal_mask(const nlp__t5_model &m, int64_t past, int64_t len)
{
    auto opts = at::TensorOptions().dtype(at::kLong).device(m.device);
    at::Tensor allowed = (at::arange(past + len, opts).unsqueeze(0) <=
                          at::arange(past, past + len, opts).unsqueeze(1)).to(at::kFloat);
    return ((1.0 - allowed) * std::numeric_limits<float>::lowest()).unsqueeze(0).unsqueeze(0);
}

} // namespace

namespace nlp {
namespace t5 {

Encoded encode(const nlp__t5_model &m, const at::Tensor &ids, const at::Tensor &mask,
               double p)
{
    const double eps = m.config.layer_norm_epsilon;
    const int64_t heads = m.config.num_heads, len = ids.size(1);
    at::Tensor ext = additive_mask(mask);
    at::Tensor bias = position_bias(m, m.enc_rel_bias, true, 0, len, len) + ext;
    at::Tensor h = drop(at::embedding(m.shared, ids), p);
    for (const auto &layer : m.encoder) {
        at::Tensor x = rms_norm(h, layer.attn_norm, eps);
        h = h + drop(attend(layer.self, split_heads(at::linear(x, layer.self.q), heads),
                            split_heads(at::linear(x, layer.self.k), heads),
                            split_heads(at::linear(x, layer.self.v), heads), bias, p),
                     p);
        h = h + drop(feed_forward(m, layer.ff, rms_norm(h, layer.ff_norm, eps), p), p);
    }
    return {drop(rms_norm(h, m.enc_final_norm, eps), p), ext};
}

DecoderCache make_cache(const nlp__t5_model &m, const Encoded &enc, int64_t max_len)
{
    DecoderCache cache;
    const int64_t heads = m.config.num_heads, batch = enc.hidden.size(0);
    for (const auto &layer : m.decoder) {
        cache.cross_k.push_back(split_heads(at::linear(enc.hidden, layer.cross.k), heads));
        cache.cross_v.push_back(split_heads(at::linear(enc.hidden, layer.cross.v), heads));
        cache.self_k.push_back(
            at::empty({batch, heads, max_len, m.config.d_kv}, enc.hidden.options()));
        cache.self_v.push_back(at::empty_like(cache.self_k.back()));
    }
    return cache;
}

at::Tensor decode(const nlp__t5_model &m, const Encoded &enc, const at::Tensor &ids,
                  DecoderCache *cache, double p)
{
    const double eps = m.config.layer_norm_epsilon;
    const int64_t heads = m.config.num_heads, len = ids.size(1);
    const int64_t past = cache ? cache->length : 0, total = past + len;
    at::Tensor bias = position_bias(m, m.dec_rel_bias, false, past, len, total);
    if (len > 1) /* one new token sees every earlier one: no mask needed */
        bias = bias + causal_mask(m, past, len);
    at::Tensor h = drop(at::embedding(m.shared, ids), p);
    for (size_t i = 0; i < m.decoder.size(); i++) {
        const auto &layer = m.decoder[i];
        at::Tensor x = rms_norm(h, layer.self_norm, eps);
        at::Tensor q = split_heads(at::linear(x, layer.self.q), heads);
        at::Tensor k = split_heads(at::linear(x, layer.self.k), heads);
        at::Tensor v = split_heads(at::linear(x, layer.self.v), heads);
        if (cache) {
            cache->self_k[i].narrow(2, past, len).copy_(k);
            cache->self_v[i].narrow(2, past, len).copy_(v);
            k = cache->self_k[i].narrow(2, 0, total);
            v = cache->self_v[i].narrow(2, 0, total);
        }
        h = h + drop(attend(layer.self, q, k, v, bias, p), p);
        x = rms_norm(h, layer.cross_norm, eps);
        q = split_heads(at::linear(x, layer.cross.q), heads);
        if (cache) {
            k = cache->cross_k[i];
            v = cache->cross_v[i];
        } else {
            k = split_heads(at::linear(enc.hidden, layer.cross.k), heads);
            v = split_heads(at::linear(enc.hidden, layer.cross.v), heads);
        }
        h = h + drop(attend(layer.cross, q, k, v, enc.cross_mask, p), p);
        h = h + drop(feed_forward(m, layer.ff, rms_norm(h, layer.ff_norm, eps), p), p);
    }
    if (cache)
        cache->length = total;
    return drop(rms_norm(h, m.dec_final_norm, eps), p);
}

at::Tensor lm_logits(const nlp__t5_model &m, at::Tensor hidden)
{
    /* Tied embeddings: Mesh TensorFlow rescales before the shared matrix. */
    if (m.tied)
        hidden = hidden * std::pow(double(m.config.d_model), -0.5);
    return at::linear(hidden, m.lm_head);
}

} // namespace t5
} // namespace nlp

namespace {

using nlp::t5::DecoderCache;
using nlp::t5::Encoded;
using nlp::t5::decode;
using nlp::t5::encode;
using nlp::t5::lm_logits;
using nlp::t5::make_cache;

at::Tensor ids_tensor(const nlp__t5_model &m, const int32_t *ids, size_t rows, size_t cols)
{
    at::Tensor t = at::from_blob(const_cast<int32_t *>(ids), {int64_t(rows), int64_t(cols)},
                                 at::kInt);
    return t.to(m.device, at::kLong);
}

Encoded encode_batch(const nlp__t5_model &m, const nlp__t5_batch &src)
{
    at::Tensor ids = ids_tensor(m, src.ids, src.batch, src.len);
    at::Tensor mask = src.mask ? ids_tensor(m, src.mask, src.batch, src.len).to(at::kFloat)
                               : at::ones(ids.sizes(), ids.options().dtype(at::kFloat));
    return encode(m, ids, mask);
}

void copy_out(const at::Tensor &t, float *out)
{
    at::Tensor c = t.to(at::kCPU, at::kFloat).contiguous();
    std::memcpy(out, c.data_ptr<float>(), size_t(c.numel()) * sizeof(float));
}

nlp_status check_batch(const nlp__t5_model *m, const nlp__t5_batch *src, const void *out)
{
    if (!m || !src || !src->ids || !out)
        return nlp__null_arg("T5 forward pass",
                             !m ? "model" : !src ? "batch" : !src->ids ? "ids" : "out");
    if (src->batch == 0 || src->len == 0)
        return nlp__fail(NLP_ERR_INVALID_ARG, "T5: empty batch");
    for (size_t i = 0; i < src->batch * src->len; i++)
        if (src->ids[i] < 0 || src->ids[i] >= m->config.vocab_size)
            return nlp__fail(NLP_ERR_INVALID_ARG, "T5: token id %d out of range [0, %lld)",
                             (int)src->ids[i], (long long)m->config.vocab_size);
    for (size_t i = 0; src->mask && i < src->batch * src->len; i++)
        if (src->mask[i] != 0 && src->mask[i] != 1)
            return nlp__fail(NLP_ERR_INVALID_ARG, "T5: attention mask value %d is not 0 or 1",
                             (int)src->mask[i]);
    return NLP_OK;
}

/* Greedy decoding as transformers' generate: finished rows continue with
 * pad; stop when all rows have produced </s> or after max_new steps.
 * Returns the tokens [B, 1 + steps]; step_logits receives each step's
 * logits [B, vocab] when not null. */
at::Tensor greedy(const nlp__t5_model &m, const Encoded &enc, int64_t max_new, bool use_cache,
                  std::vector<at::Tensor> *step_logits)
{
    const int64_t batch = enc.hidden.size(0);
    auto long_opts = at::TensorOptions().dtype(at::kLong).device(m.device);
    at::Tensor tokens = at::full({batch, 1}, m.config.decoder_start_token_id, long_opts);
    at::Tensor unfinished = at::ones({batch}, long_opts);
    DecoderCache cache;
    if (use_cache)
        cache = make_cache(m, enc, max_new);
    for (int64_t step = 0; step < max_new; step++) {
        at::Tensor logits =
            use_cache ? lm_logits(m, decode(m, enc, tokens.narrow(1, step, 1), &cache))
                      : lm_logits(m, decode(m, enc, tokens, nullptr));
        logits = logits.select(1, logits.size(1) - 1);
        if (step_logits)
            step_logits->push_back(logits);
        at::Tensor next = logits.argmax(-1);
        next = next * unfinished + m.config.pad_token_id * (1 - unfinished);
        tokens = at::cat({tokens, next.unsqueeze(1)}, 1);
        unfinished = unfinished * (next != m.config.eos_token_id).to(at::kLong);
        if (unfinished.max().item<int64_t>() == 0)
            break;
    }
    return tokens;
}

void store_tokens(const at::Tensor &tokens, size_t max_new, int32_t pad, int32_t *out,
                  size_t *steps)
{
    at::Tensor t = tokens.to(at::kCPU, at::kInt).contiguous();
    const int64_t batch = t.size(0), cols = t.size(1);
    const int32_t *p = t.data_ptr<int32_t>();
    for (int64_t b = 0; b < batch; b++)
        for (size_t j = 0; j <= max_new; j++)
            out[size_t(b) * (max_new + 1) + j] = int64_t(j) < cols ? p[b * cols + j] : pad;
    if (steps)
        *steps = size_t(cols - 1);
}

/* Sum of teacher-forced log-probabilities of one candidate sequence, per
 * row. first_step holds the log-softmax of the first step, shared by all
 * candidates. */
at::Tensor sequence_logprob(const nlp__t5_model &m, const Encoded &enc,
                            const at::Tensor &first_step, const int32_t *ids, size_t n)
{
    const int64_t batch = enc.hidden.size(0);
    if (n == 0)
        return at::zeros({batch}, first_step.options());
    if (n == 1)
        return first_step.select(1, ids[0]);
    std::vector<int32_t> input(n);
    input[0] = int32_t(m.config.decoder_start_token_id);
    std::copy(ids, ids + n - 1, input.begin() + 1);
    at::Tensor dec = ids_tensor(m, input.data(), 1, n).expand({batch, int64_t(n)});
    at::Tensor target = ids_tensor(m, ids, 1, n).expand({batch, int64_t(n)});
    at::Tensor logp = at::log_softmax(lm_logits(m, decode(m, enc, dec, nullptr)), -1);
    return logp.gather(2, target.unsqueeze(2)).squeeze(2).sum(1);
}

} // namespace

extern "C" nlp_status nlp__t5_model_encoder_hidden(const nlp__t5_model *model,
                                                   const nlp__t5_batch *src, float *out)
{
    nlp_status st = check_batch(model, src, out);
    if (st != NLP_OK)
        return st;
    return nlp::guard("T5 encoder", [&]() -> nlp_status {
        c10::InferenceMode inference;
        copy_out(encode_batch(*model, *src).hidden, out);
        return NLP_OK;
    });
}

extern "C" nlp_status nlp__t5_model_logits(const nlp__t5_model *model,
                                           const nlp__t5_batch *src, const int32_t *decoder_ids,
                                           size_t dec_len, float *out)
{
    nlp_status st = check_batch(model, src, out);
    if (st != NLP_OK)
        return st;
    nlp__t5_batch dec = {decoder_ids, nullptr, src->batch, dec_len};
    st = check_batch(model, &dec, out);
    if (st != NLP_OK)
        return st;
    return nlp::guard("T5 logits", [&]() -> nlp_status {
        c10::InferenceMode inference;
        Encoded enc = encode_batch(*model, *src);
        at::Tensor ids = ids_tensor(*model, decoder_ids, src->batch, dec_len);
        copy_out(lm_logits(*model, decode(*model, enc, ids, nullptr)), out);
        return NLP_OK;
    });
}

extern "C" nlp_status nlp__t5_model_generate(const nlp__t5_model *model,
                                             const nlp__t5_batch *src, size_t max_new_tokens,
                                             bool use_cache, int32_t *out_ids, size_t *steps,
                                             float *step_logits)
{
    nlp_status st = check_batch(model, src, out_ids);
    if (st != NLP_OK)
        return st;
    return nlp::guard("T5 generation", [&]() -> nlp_status {
        c10::InferenceMode inference;
        Encoded enc = encode_batch(*model, *src);
        std::vector<at::Tensor> logits;
        at::Tensor tokens = greedy(*model, enc, int64_t(max_new_tokens), use_cache,
                                   step_logits ? &logits : nullptr);
        store_tokens(tokens, max_new_tokens, int32_t(model->config.pad_token_id), out_ids, steps);
        if (step_logits && !logits.empty()) {
            /* [B, max_new, vocab]: steps not taken keep the caller's bytes. */
            at::Tensor all = at::stack(logits, 1).to(at::kCPU).contiguous();
            const size_t vocab = size_t(model->config.vocab_size), taken = logits.size();
            for (size_t b = 0; b < src->batch; b++)
                std::memcpy(step_logits + b * max_new_tokens * vocab,
                            all.data_ptr<float>() + b * taken * vocab,
                            taken * vocab * sizeof(float));
        }
        return NLP_OK;
    });
}

extern "C" nlp_status nlp__t5_model_classify(const nlp__t5_model *model,
                                             const nlp__t5_batch *src,
                                             const nlp__t5_sequences *candidates,
                                             double *logprobs, size_t max_new_tokens,
                                             int32_t *gen_ids, size_t *steps)
{
    nlp_status st = check_batch(model, src, logprobs);
    if (st != NLP_OK)
        return st;
    if (!candidates || (max_new_tokens > 0 && !gen_ids))
        return nlp__null_arg("T5 classify", !candidates ? "candidates" : "gen_ids");
    for (size_t i = 0; i < candidates->offsets[candidates->count]; i++)
        if (candidates->ids[i] < 0 || candidates->ids[i] >= model->config.vocab_size)
            return nlp__fail(NLP_ERR_INVALID_ARG, "T5 classify: candidate id %d out of range",
                             (int)candidates->ids[i]);
    return nlp::guard("T5 classify", [&]() -> nlp_status {
        c10::InferenceMode inference;
        const nlp__t5_model &m = *model;
        Encoded enc = encode_batch(m, *src);
        at::Tensor first;
        if (max_new_tokens > 0) {
            std::vector<at::Tensor> logits;
            at::Tensor tokens = greedy(m, enc, int64_t(max_new_tokens), true, &logits);
            store_tokens(tokens, max_new_tokens, int32_t(m.config.pad_token_id), gen_ids, steps);
            first = logits[0];
        } else {
            auto opts = at::TensorOptions().dtype(at::kLong).device(m.device);
            at::Tensor start =
                at::full({int64_t(src->batch), 1}, m.config.decoder_start_token_id, opts);
            first = lm_logits(m, decode(m, enc, start, nullptr)).select(1, 0);
        }
        first = at::log_softmax(first, -1);
        std::vector<at::Tensor> scores;
        for (size_t c = 0; c < candidates->count; c++) {
            size_t begin = candidates->offsets[c], end = candidates->offsets[c + 1];
            scores.push_back(sequence_logprob(m, enc, first, candidates->ids + begin, end - begin));
        }
        if (!scores.empty()) {
            at::Tensor all = at::stack(scores, 1).to(at::kCPU, at::kDouble).contiguous();
            std::memcpy(logprobs, all.data_ptr<double>(), size_t(all.numel()) * sizeof(double));
        }
        return NLP_OK;
    });
}
