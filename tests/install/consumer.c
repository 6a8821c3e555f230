/* A program outside the tree, built against the installed library. */
#include <nlp/nlp.h>

#include <stdio.h>
#include <string.h>

int main(void)
{
    if (strcmp(nlp_version(), NLP_VERSION_STRING) != 0) {
        fprintf(stderr, "header %s, library %s\n", NLP_VERSION_STRING, nlp_version());
        return 1;
    }
    nlp_status st = nlp_device_check("gpu0", NULL);
    printf("libnlp %s; bad device -> %s (%s)\n", nlp_version(), nlp_status_str(st),
           nlp_last_error());
    return st == NLP_ERR_INVALID_ARG ? 0 : 1;
}
