/* dist_overlap.cpp - gradient sums overlapping backward on c10d's Reducer
 * (see distributed.hpp). Debian's libtorch-dev lacks the distributed
 * autograd header reducer.hpp includes: lib/train/c10d_shim stands in. */
#include "train/dist_impl.hpp"

#include <torch/csrc/distributed/c10d/comm.hpp>
#include <torch/csrc/distributed/c10d/reducer.hpp>

#include <algorithm>
#include <chrono>
#include <mutex>

namespace nlp {

namespace {

using Clock = std::chrono::steady_clock;

/* When each bucket's all-reduce of this backward pass (pass) started and
 * ended, for the timings. A future runs its callbacks after waking its
 * waiters, so an end may come late: it is dropped once a new pass began. */
struct Spans {
    std::mutex m;
    uint64_t pass = 0;
    std::vector<std::pair<Clock::time_point, Clock::time_point>> spans;
};

/* Each bucket summed as it is, no division by the world size: the trainer
 * weights each rank's loss by its share of the global batch. */
class SumHook : public c10d::CommHookInterface {
public:
    SumHook(const c10::intrusive_ptr<c10d::ProcessGroup> &pg, std::shared_ptr<Spans> spans)
        : pg_(pg), spans_(std::move(spans))
    {
    }

    c10::intrusive_ptr<c10::ivalue::Future> runHook(c10d::GradBucket &bucket) override
    {
        std::vector<at::Tensor> tensors{bucket.getBufferRef()};
        size_t slot;
        uint64_t pass;
        {
            std::lock_guard<std::mutex> lock(spans_->m);
            slot = spans_->spans.size();
            pass = spans_->pass;
            spans_->spans.push_back({Clock::now(), Clock::time_point{}});
        }
        auto fut = pg_->allreduce(tensors)->getFuture();
        std::shared_ptr<Spans> spans = spans_;
        fut->addCallback([spans, slot, pass](c10::ivalue::Future &) {
            std::lock_guard<std::mutex> lock(spans->m);
            if (spans->pass == pass)
                spans->spans[slot].second = Clock::now();
        });
        return fut;
    }

    /* Gloo's future holds the bucket's tensor list. (libtorch 1.13 does
     * not export CppCommHookInterface's parser.) */
    at::Tensor parseHookResult(const c10::IValue &result) override
    {
        return result.isTensor() ? result.toTensor() : result.toTensorVector()[0];
    }

private:
    c10::intrusive_ptr<c10d::ProcessGroup> pg_;
    std::shared_ptr<Spans> spans_;
};

/* The Reducer warns once that find_unused_parameters found nothing
 * unused: true for BERT and T5, but the walk is kept for models where it
 * is not (it is cheap next to backward). Other warnings go on. */
class QuietReducer : public c10::WarningHandler {
public:
    explicit QuietReducer(c10::WarningHandler *next) : next_(next) {}
    void process(const c10::SourceLocation &where, const std::string &msg,
                 const bool verbatim) override
    {
        if (msg.rfind("find_unused_parameters=True was specified", 0) != 0)
            next_->process(where, msg, verbatim);
    }

private:
    c10::WarningHandler *next_;
};

/* Length of the union of the spans, in seconds; an end not yet recorded
 * is taken as `end` (the sum was waited for by then). */
double busy_seconds(std::vector<std::pair<Clock::time_point, Clock::time_point>> s,
                    Clock::time_point end)
{
    for (auto &span : s)
        if (span.second == Clock::time_point{})
            span.second = end;
    std::sort(s.begin(), s.end());
    double total = 0;
    Clock::time_point reach{};
    for (auto &span : s) {
        Clock::time_point from = std::max(span.first, reach);
        if (span.second > from)
            total += std::chrono::duration<double>(span.second - from).count();
        reach = std::max(reach, span.second);
    }
    return total;
}

} // namespace

struct DistOverlap::Impl {
    std::shared_ptr<Spans> spans = std::make_shared<Spans>();
    std::unique_ptr<c10d::Reducer> reducer;
};

DistOverlap::~DistOverlap() = default;

nlp_status DistOverlap::create(DistGroup &g, const std::vector<at::Tensor> &params,
                               size_t bucket_bytes, std::unique_ptr<DistOverlap> &out)
{
    std::unique_ptr<DistOverlap> d(new DistOverlap());
    d->impl_.reset(new Impl());
    d->group_ = &g;
    try {
        /* As DistributedDataParallel: buckets filled in parameter order,
         * then reversed, so the last layers' bucket (whose gradients
         * backward produces first) is summed first. */
        auto assigned = c10d::compute_bucket_assignment_by_size(params, {bucket_bytes});
        std::vector<std::vector<size_t>> buckets = std::get<0>(assigned);
        std::vector<size_t> limits = std::get<1>(assigned);
        std::reverse(buckets.begin(), buckets.end());
        std::reverse(limits.begin(), limits.end());
        d->buckets_ = buckets.size();
        c10::intrusive_ptr<c10d::ProcessGroup> pg = g.impl_->pg;
        d->impl_->reducer.reset(new c10d::Reducer(
            params, std::move(buckets), std::move(limits), pg,
            std::vector<bool>(params.size(), false), (int64_t)bucket_bytes,
            /*find_unused_parameters=*/true, /*gradient_as_bucket_view=*/false, {},
            c10d::kDefaultFirstBucketBytes));
        d->impl_->reducer->register_comm_hook(
            std::unique_ptr<c10d::CommHookInterface>(new SumHook(pg, d->impl_->spans)));
    } catch (const std::exception &e) {
        return nlp__fail(NLP_ERR_RUNTIME, "distributed training: cannot set up the gradient "
                         "buckets (c10d Reducer): %s", e.what());
    }
    out = std::move(d);
    return NLP_OK;
}

nlp_status DistOverlap::backward(const at::Tensor &loss)
{
    Impl &d = *impl_;
    {
        std::lock_guard<std::mutex> lock(d.spans->m);
        d.spans->pass++;
        d.spans->spans.clear();
    }
    try {
        QuietReducer quiet(c10::Warning::get_warning_handler());
        c10::Warning::WarningHandlerGuard guard(&quiet);
        d.reducer->prepare_for_forward();
        d.reducer->prepare_for_backward({loss});
        loss.backward();
    } catch (const std::exception &e) {
        return group_->fail("all-reducing the gradients during backward", e);
    }
    /* After the last bucket started, backward had nothing left to compute:
     * from then on it waited for the sums (and the Reducer's exchange of
     * which parameters were used) and copied them into .grad. */
    Clock::time_point end = Clock::now(), last_start{};
    std::lock_guard<std::mutex> lock(d.spans->m);
    if (d.spans->spans.empty())
        return NLP_OK;
    for (auto &span : d.spans->spans)
        last_start = std::max(last_start, span.first);
    d.spans->spans.push_back({last_start, end});
    comm_s_ += busy_seconds(d.spans->spans, end);
    exposed_s_ += std::chrono::duration<double>(end - last_start).count();
    return NLP_OK;
}

} // namespace nlp
