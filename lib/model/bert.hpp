/* bert.hpp - the BERT encoder + token-classification head in ATen ops, for
 * the C++ rooms (model, train). Tensors keep Hugging Face's layout and
 * names map 1:1 through bert_parameters(). */
#ifndef NLP_MODEL_BERT_HPP
#define NLP_MODEL_BERT_HPP

#include "io/hf_config.h"
#include "model/weights.hpp"

#include <ATen/ATen.h>

#include <string>
#include <utility>
#include <vector>

namespace nlp {

enum class Activation { GeluErf, GeluTanh, Relu };

struct BertLayer {
    at::Tensor query_w, query_b, key_w, key_b, value_w, value_b;
    at::Tensor attn_out_w, attn_out_b, attn_ln_w, attn_ln_b;
    at::Tensor inter_w, inter_b, out_w, out_b, out_ln_w, out_ln_b;
    /* Query, key and value stacked for one matrix product at inference;
     * undefined when training (then the three are used one by one). */
    at::Tensor qkv_w, qkv_b;
};

struct BertModel {
    int64_t hidden = 0, heads = 0, intermediate = 0, vocab = 0;
    int64_t max_positions = 0, type_vocab = 0, num_labels = 0, pad_id = 0;
    double ln_eps = 1e-12;
    Activation act = Activation::GeluErf;
    at::Tensor word_emb, pos_emb, type_emb, emb_ln_w, emb_ln_b;
    std::vector<BertLayer> layers;
    at::Tensor cls_w, cls_b;
};

/* One parameter: its Hugging Face name, where it lives, its shape. */
struct BertParam {
    std::string name;
    at::Tensor *tensor;
    std::vector<int64_t> shape;
};

/* Sizes from a config; layers sized, tensors still undefined. */
nlp_status bert_shape(const nlp__hf_config &config, BertModel &model);

/* Every parameter in Hugging Face's named_parameters() order. */
std::vector<BertParam> bert_parameters(BertModel &model);

/* Take the parameters from a loaded tensor map (float32, contiguous, on
 * device). Fails with NLP_ERR_FORMAT naming what is missing or mis-shaped;
 * source names the file in messages. */
nlp_status bert_from_tensors(const TensorMap &tensors, const char *source,
                             const at::Device &device, BertModel &model);

/* Stack query/key/value for inference (see BertLayer). */
void bert_fuse_qkv(BertModel &model);

/* Logits [batch, seq, num_labels] of ids [batch, seq] (int64) with mask
 * [batch, seq] (1 real, 0 pad) and token types (undefined = all 0). Pure:
 * reads the model only. */
at::Tensor bert_forward(const BertModel &model, const at::Tensor &ids,
                        const at::Tensor &mask, const at::Tensor &token_types);

} // namespace nlp

#endif
