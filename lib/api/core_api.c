/* core_api.c - the exported status, error, version and buffer functions:
 * thin shells over lib/core (error.c keeps the thread's error text). */
#include "core/core.h"

#include <stdlib.h>

const char *nlp_status_str(nlp_status status)
{
    return nlp__status_str(status);
}

const char *nlp_last_error(void)
{
    return nlp__last_error();
}

void nlp_clear_error(void)
{
    nlp__clear_error();
}

const char *nlp_version(void)
{
    return NLP_VERSION_STRING;
}

void nlp_buffer_free(nlp_buffer *buffer)
{
    if (!buffer)
        return;
    free(buffer->data);
    buffer->data = NULL;
    buffer->size = 0;
}

void nlp_string_free(char *string)
{
    free(string);
}
