/* torch_pch.hpp - the precompiled header of the libtorch units. ATen alone
 * (not torch/torch.h): it takes a third of the time to parse and is all the
 * model code needs. */
#include <ATen/ATen.h>
