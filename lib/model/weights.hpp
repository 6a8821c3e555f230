/* weights.hpp - a checkpoint's tensors as libtorch tensors, by HF name. */
#ifndef NLP_MODEL_WEIGHTS_HPP
#define NLP_MODEL_WEIGHTS_HPP

#include "core/core.h"

#include <ATen/ATen.h>

#include <map>
#include <string>

namespace nlp {

/* Name -> tensor, in name order. Safetensors tensors are views of the file
 * mapping (no copy; the mapping stays alive while any tensor does); F16/BF16
 * stay in their dtype (callers convert). */
using TensorMap = std::map<std::string, at::Tensor>;

/* Load path (.safetensors or pytorch_model.bin, told apart by content).
 * Sets the thread's error and returns its status on failure; never throws. */
nlp_status load_weights(const char *path, TensorMap &out);

/* Save tensors as safetensors (atomic; F32 etc. as they are; contiguous
 * copies are made where needed). */
nlp_status save_weights(const char *path, const TensorMap &tensors);

} // namespace nlp

#endif
