/* bench_help.h - every benchmark answers --help (or -h) with its usage and
 * exits 0 before it loads or measures anything. */
#ifndef NLP_BENCH_HELP_H
#define NLP_BENCH_HELP_H

#include <stdio.h>
#include <string.h>

/* 1 when argv asks for help (usage printed on stdout): return 0 from main. */
static inline int bench_help(int argc, char **argv, const char *usage)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return 1;
        }
    return 0;
}

#endif
