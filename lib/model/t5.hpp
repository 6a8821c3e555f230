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
