/* json_util.c - typed jansson field access with file-naming errors. */
#include "io/json_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static nlp_status wrong_type(const char *file, const char *key, const char *want)
{
    return nlp__fail_at(NLP_ERR_FORMAT, file, 0, "\"%s\" must be %s", key, want);
}

nlp_status nlp__json_int(const char *file, const json_t *obj, const char *key, int64_t *out)
{
    const json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return NLP_OK;
    if (json_is_integer(v)) {
        *out = json_integer_value(v);
        return NLP_OK;
    }
    double d = json_is_real(v) ? json_real_value(v) : NAN;
    if (!(d == floor(d) && fabs(d) < 9.0e18))
        return wrong_type(file, key, "an integer");
    *out = (int64_t)d;
    return NLP_OK;
}

nlp_status nlp__json_number(const char *file, const json_t *obj, const char *key, double *out)
{
    const json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return NLP_OK;
    if (!json_is_number(v))
        return wrong_type(file, key, "a number");
    *out = json_number_value(v);
    return NLP_OK;
}

nlp_status nlp__json_bool(const char *file, const json_t *obj, const char *key, bool *out)
{
    const json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return NLP_OK;
    if (!json_is_boolean(v))
        return wrong_type(file, key, "true or false");
    *out = json_is_true(v);
    return NLP_OK;
}

nlp_status nlp__json_string(const char *file, const json_t *obj, const char *key, char **out)
{
    const json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return NLP_OK;
    if (!json_is_string(v))
        return wrong_type(file, key, "a string");
    char *s = nlp__strdup(json_string_value(v));
    if (!s)
        return NLP_ERR_NOMEM;
    free(*out);
    *out = s;
    return NLP_OK;
}
