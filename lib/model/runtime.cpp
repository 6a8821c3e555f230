/* runtime.cpp - devices and threads as libtorch sees them (runtime.h);
 * lib/api/runtime_api.c exports them. */
#include "core/barrier.hpp"
#include "core/core.h"
#include "model/runtime.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>

#include <cstdio>

nlp_status nlp__device_check(const char *device, const char **resolved)
{
    nlp__device d;
    nlp_status st = nlp__device_parse(device, &d);
    if (st != NLP_OK)
        return st;
    return nlp::guard("nlp_device_check", [&]() -> nlp_status {
        bool has_cuda = at::hasCUDA();
        if (d.kind == NLP__DEVICE_CPU || (d.kind == NLP__DEVICE_AUTO && !has_cuda)) {
            if (resolved)
                *resolved = "cpu";
            return NLP_OK;
        }
        if (!has_cuda)
            return nlp__fail(NLP_ERR_DEVICE,
                             "device \"%s\": this libtorch build has no CUDA support "
                             "or no GPU is visible; use \"cpu\" or \"auto\"",
                             device);
        /* CUDA builds: at most 16 names are kept; a static table keeps the
         * returned string valid for the life of the process. */
        static const char *names[] = {"cuda:0", "cuda:1", "cuda:2", "cuda:3",
                                      "cuda:4", "cuda:5", "cuda:6", "cuda:7",
                                      "cuda:8", "cuda:9", "cuda:10", "cuda:11",
                                      "cuda:12", "cuda:13", "cuda:14", "cuda:15"};
        int index = d.index < 0 ? 0 : d.index;
        if (index >= 16)
            return nlp__fail(NLP_ERR_DEVICE, "device \"%s\": index out of range", device);
        if (resolved)
            *resolved = names[index];
        return NLP_OK;
    });
}

nlp_status nlp__set_num_threads(int n)
{
    if (n < 0)
        return nlp__fail(NLP_ERR_INVALID_ARG, "num_threads must be >= 0, got %d", n);
    if (n == 0)
        return NLP_OK;
    return nlp::guard("nlp_set_num_threads", [&]() -> nlp_status {
        at::set_num_threads(n);
        nlp__blas_set_num_threads(n);
        return NLP_OK;
    });
}
