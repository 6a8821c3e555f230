/* runtime.c - the exported device and thread functions (lib/api/runtime_api.c
 * over lib/model/runtime.cpp). */
#include "nlp/nlp.h"

#include <criterion/criterion.h>
#include <string.h>

Test(device, cpu_and_auto_resolve_and_cuda_fails_clearly_without_gpu)
{
    const char *resolved = NULL;
    cr_assert_eq(nlp_device_check("cpu", &resolved), NLP_OK);
    cr_assert_str_eq(resolved, "cpu");
    cr_assert_eq(nlp_device_check("auto", &resolved), NLP_OK);
    nlp_status st = nlp_device_check("cuda", &resolved);
    if (strcmp(resolved, "cpu") == 0) {
        cr_assert_eq(st, NLP_ERR_DEVICE);
        cr_assert(strstr(nlp_last_error(), "CUDA") != NULL);
    }
}

Test(threads, negative_count_is_rejected)
{
    cr_assert_eq(nlp_set_num_threads(-1), NLP_ERR_INVALID_ARG);
    cr_assert_eq(nlp_set_num_threads(1), NLP_OK);
}
