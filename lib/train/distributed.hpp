/* distributed.hpp - data-parallel training on c10d: who this process is
 * (rank, world size, rendezvous address: the options, else torchrun's
 * environment) and the collectives the trainer needs, on a Gloo group.
 * The c10d and Gloo headers stay inside distributed.cpp.
 *
 * Gradients are summed either after backward (allreduce_sum) or while it
 * runs (DistOverlap, c10d's Reducer).
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
    friend class DistOverlap;
    DistGroup() = default;
    nlp_status fail(const char *what, const std::exception &e);
    std::unique_ptr<Impl> impl_;
    int rank_ = 0, world_ = 1;
};

/* Gradients summed across ranks while backward runs: c10d's Reducer (the
 * engine of DistributedDataParallel) packs the parameters' gradients into
 * flat buckets in reverse parameter order and starts each bucket's
 * all-reduce as soon as backward has produced all of its gradients. The
 * sum is a plain sum (no division by the world size, as allreduce_sum).
 * A parameter backward does not reach is found by walking the graph
 * (find_unused_parameters): it cannot hold a bucket back; one no rank
 * reached keeps no gradient, one some ranks reached gets their sum. */
class DistOverlap {
public:
    /* params: the leaves whose .grad to sum, all on one device, dense.
     * bucket_bytes: the cap of a bucket (DDP's bucket_cap_mb). */
    static nlp_status create(DistGroup &g, const std::vector<at::Tensor> &params,
                             size_t bucket_bytes, std::unique_ptr<DistOverlap> &out);
    ~DistOverlap();

    /* loss.backward(), which returns once every bucket's sum is in the
     * parameters' .grad (added to what earlier backward passes left
     * there: gradient accumulation sums locally first, then once here). A
     * failed sum is NLP_ERR_IO naming the lost rank, as DistGroup's. */
    nlp_status backward(const at::Tensor &loss);

    /* Totals over the backward passes so far: seconds during which at
     * least one bucket's all-reduce was in flight, and the part of them
     * after backward's last gradient, which no computation hid. */
    double comm_seconds() const { return comm_s_; }
    double exposed_seconds() const { return exposed_s_; }
    size_t buckets() const { return buckets_; }

private:
    struct Impl;
    DistOverlap() = default;
    std::unique_ptr<Impl> impl_;
    DistGroup *group_ = nullptr;
    double comm_s_ = 0, exposed_s_ = 0;
    size_t buckets_ = 0;
};

} // namespace nlp

#endif
