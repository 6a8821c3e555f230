/* weight_check.hpp - the one checker of a checkpoint's tensors against the
 * list a model needs (BERT and T5 alike): present under one of their
 * spellings, of the expected shape, floating point; and what is left over. */
#ifndef NLP_MODEL_WEIGHT_CHECK_HPP
#define NLP_MODEL_WEIGHT_CHECK_HPP

#include "model/weights.hpp"

#include <functional>
#include <string>
#include <vector>

namespace nlp {

/* One tensor a model needs: its Hugging Face name, the spellings a
 * checkpoint may store it under (tried in order; empty: the name alone) and
 * its shape. */
struct WantedTensor {
    std::string name;
    std::vector<std::string> spellings;
    std::vector<int64_t> shape;
};

/* Names a checkpoint may hold that no model here reads (buffers, tied
 * copies): they are neither used nor reported as unexpected. */
using IgnoredTensor = std::function<bool(const std::string &name)>;

/* Find every wanted tensor in loaded. On success found[i] points at the
 * tensor for wanted[i] (as stored: not converted), and *unexpected (when
 * not NULL) receives the loaded names that nothing used and ignored() does
 * not skip, in name order. Errors: NLP_ERR_FORMAT "<source>: <first
 * problem> (and N more problems); unexpected tensors: a, b, ... (M in
 * all)", every missing, mis-shaped, non-float or non-finite (NaN/Inf)
 * tensor counted. */
nlp_status check_tensors(const TensorMap &loaded, const std::vector<WantedTensor> &wanted,
                         const char *source, IgnoredTensor ignored,
                         std::vector<const at::Tensor *> &found,
                         std::vector<std::string> *unexpected);

/* "[2, 3]". */
std::string shape_str(at::IntArrayRef shape);

} // namespace nlp

#endif
