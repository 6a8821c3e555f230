/* context.h - stand-in for libtorch's distributed-autograd context header,
 * which c10d/reducer.hpp includes but Debian's libtorch-dev 1.13 does not
 * ship. The Reducer only holds a shared_ptr to this class and checks its
 * GradCallback type, so a declaration with that type is all it needs: the
 * Reducer's layout does not depend on the class. Searched after the system
 * headers (-idirafter), so a libtorch that ships the real header wins.
 * Distributed autograd (RPC) itself is not used by libnlp. */
#pragma once

#include <ATen/core/Tensor.h>

#include <functional>
#include <memory>

namespace torch {
namespace distributed {
namespace autograd {

class DistAutogradContext {
public:
    using GradCallback = std::function<bool(at::Tensor &)>;
};
using ContextPtr = std::shared_ptr<DistAutogradContext>;

} // namespace autograd
} // namespace distributed
} // namespace torch
