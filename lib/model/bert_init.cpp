/* bert_init.cpp - a randomly initialised BERT token classifier, written as
 * Hugging Face writes one (used for benchmarks and training from scratch). */
#include "model/bert.h"
#include "model/bert.hpp"

#include "core/barrier.hpp"

#include <ATen/CPUGeneratorImpl.h>
#include <c10/core/InferenceMode.h>

namespace nlp {

static bool ends_with(const std::string &s, const char *suffix)
{
    size_t n = std::char_traits<char>::length(suffix);
    return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

/* transformers' BertPreTrainedModel._init_weights, parameter by parameter
 * in named_parameters() order so one seed always gives the same tensors. */
static void init_parameters(BertModel &m, double range, uint64_t seed)
{
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    for (BertParam &p : bert_parameters(m)) {
        if (ends_with(p.name, "LayerNorm.weight"))
            *p.tensor = at::ones(p.shape, at::kFloat);
        else if (ends_with(p.name, ".bias"))
            *p.tensor = at::zeros(p.shape, at::kFloat);
        else
            *p.tensor = at::normal(0.0, range, p.shape, gen, at::kFloat);
    }
    if (m.pad_id >= 0 && m.pad_id < m.vocab)
        m.word_emb[m.pad_id].zero_();
}

} // namespace nlp

extern "C" nlp_status nlp__bert_model_init_weights(const nlp__hf_config *config, uint64_t seed,
                                             const char *weights_path)
{
    return nlp::guard("initialising BERT", [&]() -> nlp_status {
        c10::InferenceMode inference;
        nlp::BertModel m;
        nlp_status st = nlp::bert_shape(*config, m);
        if (st != NLP_OK)
            return st;
        double range = config->bert.initializer_range > 0 ? config->bert.initializer_range : 0.02;
        nlp::init_parameters(m, range, seed);
        nlp::TensorMap tensors;
        for (nlp::BertParam &p : nlp::bert_parameters(m))
            tensors[p.name] = *p.tensor;
        return nlp::save_weights(weights_path, tensors);
    });
}
