/* weights_open.c - how long describing a checkpoint's weights takes:
 * safetensors (header only, mmap) against pytorch_model.bin (zip + pickle +
 * copies). Usage: weights_open FILE [REPEATS]. Prints the mean time of
 * nlp__weights_summary and the parameter count it found. */
#include "bench_help.h"
#include "model/weights.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (bench_help(argc, argv, "usage: bench/weights_open FILE [REPEATS]\n"
                               "  mean time to describe a checkpoint's weights (20 runs).\n"))
        return 0;
    if (argc < 2) {
        fprintf(stderr, "usage: weights_open FILE [REPEATS]\n");
        return 2;
    }
    int repeats = argc > 2 ? atoi(argv[2]) : 20;
    nlp__weights_info info = {0};
    if (nlp__weights_summary(argv[1], &info) != NLP_OK) { /* warm-up, and errors */
        fprintf(stderr, "%s\n", nlp_last_error());
        return 1;
    }
    double t0 = now();
    for (int i = 0; i < repeats; i++)
        nlp__weights_summary(argv[1], &info);
    double ms = (now() - t0) * 1e3 / repeats;
    printf("%s: %s, %zu tensors, %lld parameters, %.3f ms per open (%d runs)\n", argv[1],
           info.format, info.tensors, (long long)info.parameters, ms, repeats);
    return 0;
}
