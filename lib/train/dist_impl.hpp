/* dist_impl.hpp - what DistGroup holds (c10d's store and Gloo group), for
 * the two files that talk to c10d: distributed.cpp (the group and its
 * collectives) and dist_overlap.cpp (sums during backward). Compiled with
 * USE_C10D_GLOO and USE_DISTRIBUTED only (lib/CMakeLists.txt). */
#ifndef NLP_TRAIN_DIST_IMPL_HPP
#define NLP_TRAIN_DIST_IMPL_HPP

#include "train/distributed.hpp"

#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

namespace nlp {

struct DistGroup::Impl {
    DistConfig config;
    c10::intrusive_ptr<c10d::TCPStore> store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> pg;
    int faults = 0; /* failed collectives so far: keys of each diagnosis */
};

} // namespace nlp

#endif
