/* version.c - the run-time version. */
#include "core.h"

const char *nlp_version(void)
{
    return NLP_VERSION_STRING;
}
