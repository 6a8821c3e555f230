/* limits.c - the input checks of the run calls (max_text_bytes,
 * max_batch_texts, the texts themselves): one message for every function
 * that enforces them. */
#include "core/text_checks.h"

#include <stdio.h>
#include <string.h>

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

nlp_status nlp__check_texts(const char *fn, const char *noun, const char *const *texts,
                            const size_t *lens, size_t n, size_t max_bytes, const char *option)
{
    for (size_t i = 0; i < n; i++) {
        char name[48];
        if (n > 1)
            snprintf(name, sizeof name, "%s[%zu]", noun, i);
        else
            snprintf(name, sizeof name, "the %.*s", (int)strlen(noun) - 1, noun);
        if (!texts[i] && lens[i])
            return nlp__fail(NLP_ERR_INVALID_ARG, "%s: %s is NULL with len %zu", fn, name,
                             lens[i]);
        nlp_status st = nlp__check_limit(fn, name, lens[i], "bytes", max_bytes, option);
        if (st == NLP_OK && texts[i])
            st = nlp__utf8_check(texts[i], lens[i]);
        if (st != NLP_OK)
            return st == NLP_ERR_INVALID_UTF8 ? nlp__wrap(st, "%s: %s", fn, name) : st;
    }
    return NLP_OK;
}
