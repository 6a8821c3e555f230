/* t5_common.c - runtime and option handling for the T5 entry points. */
#include "api/t5_common.h"
#include "model/runtime.h"

nlp_status nlp__t5_api_runtime(const char *device, int num_threads, const char **resolved)
{
    nlp_status st = nlp__device_check(device, resolved);
    if (st != NLP_OK)
        return st;
    return nlp__set_num_threads(num_threads);
}
