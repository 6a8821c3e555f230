/* distributed.hpp - data-parallel training on c10d: who this process is
 * (rank, world size, rendezvous address: the options, else torchrun's
 * environment) and the collectives the trainer needs, on a Gloo group.
 * The c10d and Gloo headers stay inside distributed.cpp.
 *
 * Every collective either completes on all ranks or fails on the survivors
 * with NLP_ERR_IO whose message names the lost rank(s): a peer that closed
 * its connection is seen at once, one that hangs after the timeout. */
#ifndef NLP_TRAIN_DISTRIBUTED_HPP
#define NLP_TRAIN_DISTRIBUTED_HPP

#include "core/core.h"

#include <ATen/ATen.h>

#include <memory>
#include <string>
#include <vector>

namespace nlp {

struct DistConfig {
    int rank = 0, world = 1;
    std::string addr = "127.0.0.1";
    int port = 29500;
    int64_t timeout_ms = 300000;
};

/* Options first, then RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT.
 * NLP_ERR_INVALID_ARG names the field or variable with a bad value. */
nlp_status dist_config(const nlp_train_options &o, DistConfig &out);

class DistGroup {
public:
    /* Rendezvous through a TCPStore at addr:port (rank 0 hosts it), then a
     * Gloo group over it. NLP_ERR_IO, naming the address, when the ranks do
     * not all arrive within the timeout. */
    static nlp_status create(const DistConfig &c, std::unique_ptr<DistGroup> &out);
    ~DistGroup();

    int rank() const { return rank_; }
    int world() const { return world_; }

    /* Rank 0's values into every rank's tensors, in place. */
    nlp_status broadcast(const std::vector<at::Tensor> &tensors);
    /* Element-wise sums across ranks, in place; float tensors are packed
     * into buckets of about 25 MiB, each sent as soon as it is packed. */
    nlp_status allreduce_sum(const std::vector<at::Tensor> &tensors);
    /* what names the step in a failure's message. */
    nlp_status allreduce_sum(std::vector<double> &values,
                             const char *what = "all-reducing the batch's counts");
    /* Every rank's vector, in rank order (lengths may differ). */
    nlp_status allgather(const std::vector<double> &mine, std::vector<std::vector<double>> &all);
    /* Each rank's status: the first rank's failure (lowest rank) returned
     * as that status with a message naming it; NLP_OK when all are. The
     * caller's own failure is returned as it is (its message kept). */
    nlp_status agree(nlp_status mine);

private:
    struct Impl;
    DistGroup() = default;
    nlp_status fail(const char *what, const std::exception &e);
    std::unique_ptr<Impl> impl_;
    int rank_ = 0, world_ = 1;
};

} // namespace nlp

#endif
