/* error.c - status names and this thread's last error text. */
#include "core/core.h"

#include <stdio.h>
#include <string.h>

/* One buffer per thread: the text stays valid until this thread's next
 * failure, which is the contract nlp_last_error() (lib/api/core_api.c)
 * documents. */
static _Thread_local char last_error[2048];

const char *nlp__status_str(nlp_status status)
{
    switch (status) {
    case NLP_OK: return "NLP_OK: success";
    case NLP_ERR_INVALID_ARG: return "NLP_ERR_INVALID_ARG: invalid argument";
    case NLP_ERR_NOMEM: return "NLP_ERR_NOMEM: out of memory";
    case NLP_ERR_IO: return "NLP_ERR_IO: input/output error";
    case NLP_ERR_FORMAT: return "NLP_ERR_FORMAT: malformed data";
    case NLP_ERR_UNSUPPORTED: return "NLP_ERR_UNSUPPORTED: not supported";
    case NLP_ERR_INVALID_UTF8: return "NLP_ERR_INVALID_UTF8: invalid UTF-8";
    case NLP_ERR_DEVICE: return "NLP_ERR_DEVICE: device not available";
    case NLP_ERR_RUNTIME: return "NLP_ERR_RUNTIME: tensor library error";
    case NLP_ERR_CANCELLED: return "NLP_ERR_CANCELLED: cancelled";
    case NLP_ERR_NOT_FOUND: return "NLP_ERR_NOT_FOUND: not found";
    case NLP_ERR_INTERNAL: return "NLP_ERR_INTERNAL: internal error";
    }
    return "NLP_ERR_UNKNOWN: unknown status";
}

const char *nlp__last_error(void)
{
    return last_error;
}

void nlp__clear_error(void)
{
    last_error[0] = '\0';
}

nlp_status nlp__vfail(nlp_status status, const char *fmt, va_list ap)
{
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    return status;
}

nlp_status nlp__fail(nlp_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nlp__vfail(status, fmt, ap);
    va_end(ap);
    return status;
}

nlp_status nlp__fail_at(nlp_status status, const char *file, long line,
                        const char *fmt, ...)
{
    char prefix[1024];
    if (line > 0)
        snprintf(prefix, sizeof prefix, "%s:%ld: ", file, line);
    else
        snprintf(prefix, sizeof prefix, "%s: ", file);
    size_t n = strlen(prefix);
    memcpy(last_error, prefix, n + 1);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error + n, sizeof last_error - n, fmt, ap);
    va_end(ap);
    return status;
}

nlp_status nlp__wrap(nlp_status status, const char *fmt, ...)
{
    char detail[sizeof last_error];
    memcpy(detail, last_error, sizeof detail);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof last_error)
        snprintf(last_error + n, sizeof last_error - (size_t)n, ": %s", detail);
    return status;
}

nlp_status nlp__null_arg(const char *fn, const char *name)
{
    return nlp__fail(NLP_ERR_INVALID_ARG, "%s: %s is NULL", fn, name);
}

nlp_status nlp__check_args(const char *fn, const nlp__arg *args, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!args[i].ptr)
            return nlp__null_arg(fn, args[i].name);
    return NLP_OK;
}
