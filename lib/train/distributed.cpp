/* distributed.cpp - the c10d process group behind data-parallel training
 * (see distributed.hpp). Gloo serves CPU tensors; Debian's libtorch has no
 * CUDA, so NCCL is not built here (docs/distributed.md). */
#include "train/dist_impl.hpp"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <thread>

namespace nlp {

namespace {

/* A whole decimal integer in [lo, hi] from text, else false. */
bool parse_int(const char *text, long lo, long hi, long &out)
{
    if (!text || !*text)
        return false;
    char *end = nullptr;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return false;
    out = v;
    return true;
}

/* The option when set, else the environment variable, else the default. */
nlp_status pick_int(long option, bool set, const char *field, const char *env, long lo, long hi,
                    long dflt, long &out)
{
    if (set) {
        if (option < lo || option > hi)
            return nlp__fail(NLP_ERR_INVALID_ARG, "train options: %s = %ld is out of range "
                             "[%ld, %ld]", field, option, lo, hi);
        out = option;
        return NLP_OK;
    }
    const char *text = getenv(env);
    if (!text || !*text) {
        out = dflt;
        return NLP_OK;
    }
    if (!parse_int(text, lo, hi, out))
        return nlp__fail(NLP_ERR_INVALID_ARG, "environment: %s=\"%s\" is not an integer in "
                         "[%ld, %ld]", env, text, lo, hi);
    return NLP_OK;
}

/* The local address peers reach this rank at: loopback when the
 * rendezvous is local, else GLOO_SOCKET_IFNAME's interface as torch does,
 * else the address this machine's hostname resolves to. */
std::shared_ptr<::gloo::transport::Device> gloo_device(const std::string &master)
{
    if (master == "localhost" || master.rfind("127.", 0) == 0)
        return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
    const char *ifname = getenv("GLOO_SOCKET_IFNAME");
    if (ifname && *ifname)
        return c10d::ProcessGroupGloo::createDeviceForInterface(ifname);
    return c10d::ProcessGroupGloo::createDefaultDevice();
}

constexpr size_t kBucketBytes = 25u << 20; /* DistributedDataParallel's bucket_cap_mb */

} // namespace

nlp_status dist_config(const nlp_train_options &o, DistConfig &out)
{
    long world = 1, rank = 0, port = 29500;
    nlp_status st = pick_int(o.dist_world_size, o.dist_world_size != 0, "dist_world_size",
                             "WORLD_SIZE", 1, 65536, 1, world);
    if (st == NLP_OK)
        st = pick_int(o.dist_rank, o.dist_rank != -1, "dist_rank", "RANK", 0, world - 1, 0, rank);
    if (st == NLP_OK)
        st = pick_int(o.dist_master_port, o.dist_master_port != 0, "dist_master_port",
                      "MASTER_PORT", 1, 65535, 29500, port);
    if (st != NLP_OK)
        return st;
    const char *rank_env = getenv("RANK");
    if (world > 1 && o.dist_rank == -1 && !(rank_env && *rank_env))
        return nlp__fail(NLP_ERR_INVALID_ARG, "train options: %ld ranks but no rank for this "
                         "process: set dist_rank or $RANK", world);
    if (o.dist_timeout_ms < 0)
        return nlp__fail(NLP_ERR_INVALID_ARG, "train options: dist_timeout_ms = %lld must be "
                         ">= 0", o.dist_timeout_ms);
    const char *addr = o.dist_master_addr ? o.dist_master_addr : getenv("MASTER_ADDR");
    out.world = (int)world;
    out.rank = (int)rank;
    out.port = (int)port;
    out.addr = addr && *addr ? addr : "127.0.0.1";
    out.timeout_ms = o.dist_timeout_ms > 0 ? o.dist_timeout_ms : 300000;
    return NLP_OK;
}

DistGroup::~DistGroup() = default;

nlp_status DistGroup::create(const DistConfig &c, std::unique_ptr<DistGroup> &out)
{
    std::unique_ptr<DistGroup> g(new DistGroup());
    g->impl_.reset(new Impl());
    g->impl_->config = c;
    g->rank_ = c.rank;
    g->world_ = c.world;
    try {
        c10d::TCPStoreOptions so;
        so.port = (uint16_t)c.port;
        so.isServer = c.rank == 0;
        so.numWorkers = (size_t)c.world;
        so.timeout = std::chrono::milliseconds(c.timeout_ms);
        g->impl_->store = c10::make_intrusive<c10d::TCPStore>(c.addr, so);
        auto opts = c10d::ProcessGroupGloo::Options::create();
        opts->timeout = std::chrono::milliseconds(c.timeout_ms);
        opts->devices.push_back(gloo_device(c.addr));
        g->impl_->pg = c10::make_intrusive<c10d::ProcessGroupGloo>(g->impl_->store, c.rank,
                                                                    c.world, opts);
    } catch (const std::exception &e) {
        return nlp__fail(NLP_ERR_IO, "distributed training: rank %d of %d could not join the "
                         "rendezvous at %s:%d within %lld ms: %s", c.rank, c.world,
                         c.addr.c_str(), c.port, (long long)c.timeout_ms, e.what());
    }
    out = std::move(g);
    return NLP_OK;
}

/* A collective failed: find which ranks are gone. Each survivor checks in
 * under a key of this fault; ranks that do not within a grace period are
 * the lost ones. When the store itself is unreachable, rank 0 (its host)
 * is gone. */
nlp_status DistGroup::fail(const char *what, const std::exception &e)
{
    Impl &d = *impl_;
    std::string prefix = "nlp/fault" + std::to_string(d.faults++) + "/";
    std::string lost;
    try {
        d.store->setTimeout(std::chrono::milliseconds(5000));
        d.store->set(prefix + std::to_string(rank_), std::vector<uint8_t>{1});
        auto grace = std::chrono::milliseconds(std::min<int64_t>(d.config.timeout_ms, 5000));
        auto until = std::chrono::steady_clock::now() + grace;
        std::vector<bool> seen(world_, false);
        seen[rank_] = true;
        int missing = world_ - 1;
        while (missing > 0 && std::chrono::steady_clock::now() < until) {
            for (int r = 0; r < world_; r++)
                if (!seen[r] && d.store->check({prefix + std::to_string(r)})) {
                    seen[r] = true;
                    missing--;
                }
            if (missing > 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        for (int r = 0; r < world_; r++)
            if (!seen[r])
                lost += (lost.empty() ? "" : ", ") + std::to_string(r);
    } catch (const std::exception &) {
        lost = "0 (the rendezvous host)";
    }
    if (lost.empty())
        lost = "none found (all ranks reachable)";
    return nlp__fail(NLP_ERR_IO, "distributed training: %s failed on rank %d of %d; lost "
                     "rank %s: %s", what, rank_, world_, lost.c_str(), e.what());
}

namespace {

using Op = std::function<c10::intrusive_ptr<c10d::Work>(std::vector<at::Tensor> &)>;

/* Pack tensors into flat buckets (one dtype each), start op on each as it
 * is packed, then wait for all and copy the results back. */
void run_bucketed(const std::vector<at::Tensor> &tensors, const Op &op)
{
    struct Bucket {
        std::vector<size_t> members;
        std::vector<at::Tensor> flat;
        c10::intrusive_ptr<c10d::Work> work;
    };
    std::vector<Bucket> buckets;
    auto launch = [&](std::vector<size_t> members) {
        std::vector<at::Tensor> parts;
        for (size_t i : members)
            parts.push_back(tensors[i].detach().reshape({-1}));
        Bucket b;
        b.members = std::move(members);
        b.flat.push_back(at::cat(parts));
        b.work = op(b.flat);
        buckets.push_back(std::move(b));
    };
    std::vector<size_t> cur;
    size_t bytes = 0;
    for (size_t i = 0; i < tensors.size(); i++) {
        const at::Tensor &t = tensors[i];
        if (!cur.empty() && (bytes >= kBucketBytes ||
                             tensors[cur[0]].scalar_type() != t.scalar_type())) {
            launch(std::move(cur));
            cur.clear();
            bytes = 0;
        }
        cur.push_back(i);
        bytes += (size_t)t.numel() * t.element_size();
    }
    if (!cur.empty())
        launch(std::move(cur));
    for (Bucket &b : buckets) {
        b.work->wait();
        int64_t off = 0;
        for (size_t i : b.members) {
            at::Tensor t = tensors[i];
            int64_t n = t.numel();
            at::NoGradGuard no_grad;
            t.copy_(b.flat[0].narrow(0, off, n).view(t.sizes()));
            off += n;
        }
    }
}

} // namespace

nlp_status DistGroup::broadcast(const std::vector<at::Tensor> &tensors)
{
    try {
        run_bucketed(tensors, [&](std::vector<at::Tensor> &t) { return impl_->pg->broadcast(t); });
    } catch (const std::exception &e) {
        return fail("broadcasting the parameters", e);
    }
    return NLP_OK;
}

nlp_status DistGroup::allreduce_sum(const std::vector<at::Tensor> &tensors)
{
    try {
        run_bucketed(tensors, [&](std::vector<at::Tensor> &t) { return impl_->pg->allreduce(t); });
    } catch (const std::exception &e) {
        return fail("all-reducing the gradients", e);
    }
    return NLP_OK;
}

nlp_status DistGroup::allreduce_sum(std::vector<double> &values, const char *what)
{
    try {
        std::vector<at::Tensor> t{at::from_blob(values.data(), {(int64_t)values.size()},
                                                at::kDouble).clone()};
        impl_->pg->allreduce(t)->wait();
        memcpy(values.data(), t[0].data_ptr<double>(), values.size() * sizeof(double));
    } catch (const std::exception &e) {
        return fail(what, e);
    }
    return NLP_OK;
}

nlp_status DistGroup::allgather(const std::vector<double> &mine,
                                std::vector<std::vector<double>> &all)
{
    std::vector<double> sizes(world_, 0.0);
    sizes[rank_] = (double)mine.size();
    nlp_status st = allreduce_sum(sizes, "gathering the evaluation results");
    if (st != NLP_OK)
        return st;
    size_t longest = 0;
    for (double s : sizes)
        longest = std::max(longest, (size_t)s);
    try {
        at::Tensor in = at::zeros({(int64_t)longest + 1}, at::kDouble);
        if (!mine.empty())
            memcpy(in.data_ptr<double>(), mine.data(), mine.size() * sizeof(double));
        std::vector<at::Tensor> input{in};
        std::vector<std::vector<at::Tensor>> output(1);
        for (int r = 0; r < world_; r++)
            output[0].push_back(at::empty_like(in));
        impl_->pg->allgather(output, input)->wait();
        all.assign(world_, {});
        for (int r = 0; r < world_; r++) {
            const double *p = output[0][r].data_ptr<double>();
            all[r].assign(p, p + (size_t)sizes[r]);
        }
    } catch (const std::exception &e) {
        return fail("gathering the evaluation results", e);
    }
    return NLP_OK;
}

nlp_status DistGroup::agree(nlp_status mine)
{
    std::vector<double> status(world_, 0.0);
    status[rank_] = (double)mine;
    std::string detail = mine != NLP_OK ? nlp__last_error() : "";
    nlp_status st = allreduce_sum(status, "exchanging the ranks' statuses");
    if (st != NLP_OK)
        return mine != NLP_OK ? nlp__fail(mine, "%s", detail.c_str()) : st;
    if (mine != NLP_OK)
        return nlp__fail(mine, "%s", detail.c_str());
    for (int r = 0; r < world_; r++)
        if (status[r] != 0)
            return nlp__fail((nlp_status)(int)status[r], "distributed training: rank %d "
                             "stopped with %s (its own error names the cause)", r,
                             nlp__status_str((nlp_status)(int)status[r]));
    return NLP_OK;
}

} // namespace nlp
