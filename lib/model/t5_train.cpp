/* t5_train.cpp - trainable T5 parameters and the seq2seq loss (see
 * t5_train.hpp). */
#include "model/t5_train.hpp"

namespace nlp {
namespace t5 {

std::vector<std::pair<std::string, at::Tensor>> make_trainable(nlp__t5_model &m)
{
    std::vector<std::pair<std::string, at::Tensor>> out;
    for (auto &slot : named_tensors(m)) {
        *slot.second = slot.second->detach().to(at::kFloat).clone().contiguous()
                           .requires_grad_(true);
        out.emplace_back(slot.first, *slot.second);
    }
    if (m.tied)
        m.lm_head = m.shared;
    return out;
}

at::Tensor shift_right(const nlp__t5_model &m, const at::Tensor &labels)
{
    at::Tensor start = at::full({labels.size(0), 1}, m.config.decoder_start_token_id,
                                labels.options());
    at::Tensor shifted = at::cat({start, labels.narrow(1, 0, labels.size(1) - 1)}, 1);
    return shifted.masked_fill(shifted == -100, m.config.pad_token_id);
}

at::Tensor seq2seq_loss(const nlp__t5_model &m, const at::Tensor &ids, const at::Tensor &mask,
                        const at::Tensor &labels, double dropout,
                        const at::Tensor &row_weights)
{
    Encoded enc = encode(m, ids, mask, dropout);
    at::Tensor hidden = decode(m, enc, shift_right(m, labels), nullptr, dropout);
    at::Tensor logits = lm_logits(m, hidden);
    at::Tensor flat = logits.reshape({-1, logits.size(-1)});
    if (!row_weights.defined())
        return at::cross_entropy_loss(flat, labels.reshape({-1}), at::Tensor(),
                                      at::Reduction::Mean, -100, 0.0);
    at::Tensor ce = at::cross_entropy_loss(flat, labels.reshape({-1}), at::Tensor(),
                                           at::Reduction::None, -100, 0.0)
                        .view(labels.sizes());
    at::Tensor w = row_weights.unsqueeze(1) * (labels != -100).to(at::kFloat);
    return (ce * w).sum() / w.sum();
}

} // namespace t5
} // namespace nlp
