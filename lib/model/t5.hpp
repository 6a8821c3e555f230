/* t5.hpp - the T5 weights as the C++ units share them: which tensors a
 * config needs (names exactly as Hugging Face writes them, shapes, initial
 * distribution) and the model built from them. */
#ifndef NLP_MODEL_T5_HPP
#define NLP_MODEL_T5_HPP

#include "model/t5.h"
#include "model/weights.hpp"

#include <ATen/ATen.h>

#include <string>
#include <vector>

namespace nlp {
namespace t5 {

/* One tensor a checkpoint must hold. init_std > 0: drawn N(0, init_std) by
 * the random init; init_std == 0: filled with init_fill (layer norms). */
struct WeightSpec {
    std::string name;
    std::vector<int64_t> shape;
    double init_std;
    double init_fill;
};

/* Every tensor the config needs, in Hugging Face's named_parameters() order
 * (shared, encoder blocks, encoder final norm, decoder blocks, decoder final
 * norm, lm_head when untied). */
std::vector<WeightSpec> weight_specs(const nlp__t5_config &config);

/* Check `loaded` against the specs: every tensor present (a missing
 * shared.weight may come from encoder./decoder.embed_tokens.weight), of the
 * right shape, converted to float32 on device. Fills `out` with exactly the
 * specified names. Errors: NLP_ERR_FORMAT naming the tensor and file. */
nlp_status checked_weights(const nlp__t5_config &config, const char *path,
                           const TensorMap &loaded, const at::Device &device, TensorMap &out);

enum class Activation { Relu, GeluTanh, GeluErf, Silu };

struct Attention {
    at::Tensor q, k, v, o;
};

struct FeedForward {
    at::Tensor wi, wi_0, wi_1, wo; /* wi when not gated; wi_0/wi_1 when gated */
};

struct EncoderLayer {
    at::Tensor attn_norm, ff_norm;
    Attention self;
    FeedForward ff;
};

struct DecoderLayer {
    at::Tensor self_norm, cross_norm, ff_norm;
    Attention self, cross;
    FeedForward ff;
};

} // namespace t5
} // namespace nlp

struct nlp__t5_model;

namespace nlp {
namespace t5 {

/* The forward pass, for the C wrappers in t5.cpp and for training code
 * (these functions record autograd when called outside InferenceMode).
 * dropout > 0 applies dropout where Hugging Face's T5 does in training mode
 * (embeddings, attention probabilities, each sublayer's output, between
 * the feed-forward matrices, after the final norm), drawing from libtorch's
 * default generator; inference passes 0. */
struct Encoded {
    at::Tensor hidden;     /* [B, S, d_model] after the final layer norm */
    at::Tensor cross_mask; /* [B, 1, 1, S] additive: 0 or the float minimum */
};

/* ids [B, S] long, mask [B, S] float (1 real, 0 padding). */
Encoded encode(const nlp__t5_model &m, const at::Tensor &ids, const at::Tensor &mask,
               double dropout = 0.0);

/* Decoder state for incremental decoding: self-attention keys/values of the
 * steps so far (preallocated to the longest run; the first `length` steps
 * are valid) and the cross-attention keys/values, computed once. */
struct DecoderCache {
    std::vector<at::Tensor> self_k, self_v, cross_k, cross_v;
    int64_t length = 0;
};

DecoderCache make_cache(const nlp__t5_model &m, const Encoded &enc, int64_t max_len);

/* Decoder stack on ids [B, T] -> hidden states after the final layer norm
 * [B, T, d_model]. With a cache, ids follow cache->length earlier tokens
 * whose keys/values are reused (and the new ones stored); without one, ids
 * are the whole prefix (teacher forcing: labels shifted right). */
at::Tensor decode(const nlp__t5_model &m, const Encoded &enc, const at::Tensor &ids,
                  DecoderCache *cache, double dropout = 0.0);

/* LM logits [.., vocab] of decoder hidden states. */
at::Tensor lm_logits(const nlp__t5_model &m, at::Tensor hidden);

/* Every tensor of the model with its Hugging Face name, in weight_specs()
 * order (= torch's named_parameters(); a tied lm_head is shared.weight and
 * not listed). The pointers address m's own fields. */
std::vector<std::pair<std::string, at::Tensor *>> named_tensors(nlp__t5_model &m);

} // namespace t5
} // namespace nlp

/* Immutable after loading; shared by every thread that runs it. */
struct nlp__t5_model {
    nlp__t5_config config;           /* deep copy: owns its strings */
    at::Device device{at::kCPU};
    nlp::t5::Activation act;
    bool gated, tied;
    at::Tensor shared, lm_head;      /* lm_head aliases shared when tied */
    at::Tensor enc_rel_bias, dec_rel_bias; /* [buckets, heads], first layer's */
    at::Tensor enc_final_norm, dec_final_norm;
    std::vector<nlp::t5::EncoderLayer> encoder;
    std::vector<nlp::t5::DecoderLayer> decoder;
};

#endif
