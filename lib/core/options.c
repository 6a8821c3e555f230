/* options.c - the one rule for a caller's options structs (nlp.h,
 * section 5): the first field is the caller's size; fields past it take
 * their defaults; bytes past what this library knows must be zero. */
#include "core/core.h"

#include <stdio.h>
#include <string.h>

static nlp_status check_size(size_t size, const char *name)
{
    if (size < sizeof(size_t) || size > NLP__OPTIONS_MAX_SIZE)
        return nlp__fail(NLP_ERR_INVALID_ARG,
                         "%s.size is %zu (allowed %zu..%d): fill the struct with "
                         "%s_init(&options, sizeof options)",
                         name, size, sizeof(size_t), NLP__OPTIONS_MAX_SIZE, name);
    return NLP_OK;
}

nlp_status nlp__options_init(void *options, size_t size, const void *defaults, size_t known,
                             const char *name)
{
    if (!options) {
        char fn[96];
        snprintf(fn, sizeof fn, "%s_init", name);
        return nlp__null_arg(fn, "options");
    }
    nlp_status st = check_size(size, name);
    if (st != NLP_OK)
        return st;
    size_t n = size < known ? size : known;
    memcpy(options, defaults, n);
    if (size > n)
        memset((char *)options + n, 0, size - n);
    memcpy(options, &size, sizeof size);
    return NLP_OK;
}

nlp_status nlp__options_read(void *dst, size_t known, const void *given, const char *name)
{
    if (!given)
        return NLP_OK;
    size_t size;
    memcpy(&size, given, sizeof size);
    nlp_status st = check_size(size, name);
    if (st != NLP_OK)
        return st;
    const unsigned char *bytes = given;
    for (size_t i = known; i < size; i++)
        if (bytes[i] != 0)
            return nlp__fail(NLP_ERR_UNSUPPORTED,
                             "%s: byte %zu is set, but this libnlp %s knows only the first %zu "
                             "bytes of the struct (a newer header's field?)",
                             name, i, NLP_VERSION_STRING, known);
    memcpy(dst, given, size < known ? size : known);
    memcpy(dst, &known, sizeof known);
    return NLP_OK;
}
