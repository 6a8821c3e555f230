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
 * Safetensors tensors are zero-copy views of a private copy-on-write
 * mapping: in-place updates are allowed and never reach the file. Tensors a
 * .bin file stores in one storage (T5's tied embeddings under four names)
 * share memory here too. Errors: NLP_ERR_IO, NLP_ERR_FORMAT (corrupt file,
 * naming it), NLP_ERR_UNSUPPORTED (pre-1.6 torch format, pickled objects
 * other than a flat dict of tensors; the message says how to convert).
 * Sets the thread's error and returns its status on failure; never throws.
 * out is replaced only on success. */
nlp_status load_weights(const char *path, TensorMap &out);

/* The pytorch_model.bin half of load_weights (weights_bin.cpp); may throw. */
nlp_status load_torch_zip(const char *path, TensorMap &out);

/* Save tensors as safetensors (atomic; F32 etc. as they are; contiguous
 * CPU copies are made where needed). Tensors sharing storage are written
 * once per name: pass only the canonical name of tied weights. Errors:
 * NLP_ERR_UNSUPPORTED (dtype without a safetensors code here, e.g. F64),
 * NLP_ERR_IO, NLP_ERR_INVALID_ARG (as nlp__st_write). Never throws. */
nlp_status save_weights(const char *path, const TensorMap &tensors);

} // namespace nlp

#endif
