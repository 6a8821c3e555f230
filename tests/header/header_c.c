/* The public header must compile alone as strict C99. */
#include <nlp/nlp.h>

int main(void)
{
    return nlp_version() ? 0 : 1;
}
