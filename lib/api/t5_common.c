/* t5_common.c - runtime and option handling for the T5 entry points. */
#include "api/t5_common.h"

#include <string.h>

nlp_status nlp__t5_api_runtime(const char *device, int num_threads, const char **resolved)
{
    nlp_status st = nlp_device_check(device, resolved);
    if (st != NLP_OK)
        return st;
    return nlp_set_num_threads(num_threads);
}

nlp_status nlp__t5_api_options(void *dst, size_t dst_size, const void *given)
{
    if (!given)
        return NLP_OK;
    size_t size;
    memcpy(&size, given, sizeof size);
    if (size < sizeof size || size > (1u << 16))
        return nlp__fail(NLP_ERR_INVALID_ARG,
                         "options: size field is %zu; start from the *_default() function",
                         size);
    memcpy(dst, given, size < dst_size ? size : dst_size);
    memcpy(dst, &dst_size, sizeof dst_size);
    return NLP_OK;
}
