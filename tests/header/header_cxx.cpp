// The public header must compile alone as C++ (extern "C" guard).
#include <nlp/nlp.h>

int main()
{
    return nlp_version() ? 0 : 1;
}
