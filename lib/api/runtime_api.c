/* runtime_api.c - the exported device and thread functions: shells over
 * lib/model/runtime.cpp. */
#include "model/runtime.h"

nlp_status nlp_device_check(const char *device, const char **resolved)
{
    return nlp__device_check(device, resolved);
}

nlp_status nlp_set_num_threads(int n)
{
    return nlp__set_num_threads(n);
}
