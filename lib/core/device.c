/* device.c - device names and BLAS thread bounds (no libtorch here: the
 * checks that need it live in lib/model/runtime.cpp). */
#define _GNU_SOURCE
#include "core/core.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

nlp_status nlp__device_parse(const char *name, nlp__device *out)
{
    if (!name || !*name || strcmp(name, "auto") == 0) {
        *out = (nlp__device){NLP__DEVICE_AUTO, -1};
        return NLP_OK;
    }
    if (strcmp(name, "cpu") == 0) {
        *out = (nlp__device){NLP__DEVICE_CPU, -1};
        return NLP_OK;
    }
    if (strcmp(name, "cuda") == 0) {
        *out = (nlp__device){NLP__DEVICE_CUDA, -1};
        return NLP_OK;
    }
    if (strncmp(name, "cuda:", 5) == 0 && name[5] >= '0' && name[5] <= '9') {
        char *end = NULL;
        errno = 0;
        long index = strtol(name + 5, &end, 10);
        if (errno == 0 && *end == '\0' && index >= 0 && index < 1024) {
            *out = (nlp__device){NLP__DEVICE_CUDA, (int)index};
            return NLP_OK;
        }
    }
    return nlp__fail(NLP_ERR_INVALID_ARG,
                     "unknown device \"%s\" (expected cpu, cuda, cuda:N or auto)",
                     name);
}

void nlp__blas_set_num_threads(int n)
{
    /* OpenBLAS's pthread build keeps its own pool; other BLAS libraries
     * lack the symbol, and then there is nothing to bound. */
    typedef void (*setter)(int);
    setter set = (setter)(uintptr_t)dlsym(RTLD_DEFAULT, "openblas_set_num_threads");
    if (set)
        set(n);
}
