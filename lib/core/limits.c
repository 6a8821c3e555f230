/* limits.c - the input limits of the run calls (max_text_bytes,
 * max_batch_texts): one message for every function that enforces them. */
#include "core/core.h"

size_t nlp__limit_or_default(size_t given, size_t fallback)
{
    return given ? given : fallback;
}

nlp_status nlp__check_limit(const char *function, const char *what, size_t got,
                            const char *unit, size_t limit, const char *option)
{
    if (got <= limit)
        return NLP_OK;
    if (!what)
        return nlp__fail(NLP_ERR_INVALID_ARG,
                         "%s: %zu %s, above %s = %zu (raise it; SIZE_MAX: no limit)", function,
                         got, unit, option, limit);
    return nlp__fail(NLP_ERR_INVALID_ARG,
                     "%s: %s is %zu %s, above %s = %zu (raise it; SIZE_MAX: no limit)",
                     function, what, got, unit, option, limit);
}
