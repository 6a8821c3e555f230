/* bench_progress.h - what a long benchmark is doing, on one line of stderr
 * redrawn in place: only when stderr is a terminal and --quiet was not
 * given, so the figures on stdout and logs of piped runs stay clean. */
#ifndef NLP_BENCH_PROGRESS_H
#define NLP_BENCH_PROGRESS_H

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct bench_progress {
    const char *prog; /* "bench/ner" */
    int on;
    double started, shown;
} bench_progress;

static inline double bench_progress_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Take --quiet out of argv (each program's own parsing never sees it);
 * 1 when it was there. */
static inline int bench_take_quiet(int *argc, char **argv)
{
    int quiet = 0, kept = 1;
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--quiet") == 0)
            quiet = 1;
        else
            argv[kept++] = argv[i];
    }
    argv[kept] = NULL;
    *argc = kept;
    return quiet;
}

static inline void bench_progress_start(bench_progress *p, const char *prog, int quiet)
{
    p->prog = prog;
    p->on = !quiet && isatty(2);
    p->started = bench_progress_clock();
    p->shown = 0;
}

/* "prog: what done/total  elapsed  ETA", at most 5 times a second and
 * always when done reaches total (total 0: no count). */
static inline void bench_progress_show(bench_progress *p, const char *what, size_t done,
                                       size_t total)
{
    if (!p->on)
        return;
    double t = bench_progress_clock(), spent = t - p->started;
    if (t - p->shown < 0.2 && done < total)
        return;
    p->shown = t;
    if (total == 0) {
        fprintf(stderr, "\r\033[K%s: %s  %.0f s", p->prog, what, spent);
    } else {
        double left = done > 0 ? spent / (double)done * (double)(total - done) : 0;
        fprintf(stderr, "\r\033[K%s: %s %zu/%zu  %.0f s  ETA %.0f s", p->prog, what, done, total,
                spent, left);
    }
    fflush(stderr);
}

/* Clear the line at the end (the figures follow on stdout). */
static inline void bench_progress_end(bench_progress *p)
{
    if (p->on && p->shown > 0)
        fputs("\r\033[K", stderr);
    fflush(stderr);
    p->shown = 0;
}

#endif
